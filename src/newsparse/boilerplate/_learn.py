"""Learning a model: the streaming :class:`Learner` under :func:`newsparse.learn_boilerplate`.

For each article, every countable block (see :func:`~newsparse.boilerplate._apply.block_keys`)
is keyed; a key becomes a candidate of the article's outlet when it sits in the leading or
trailing window of the body, or in a caption. Only hashes, small counters and one short
example per key are kept, never the articles, so memory grows with the number of distinct
edge blocks, not with the size of the archive's text.
"""

from __future__ import annotations

from typing import Final

from newsparse.boilerplate._apply import block_keys, masked_title, outlet_of
from newsparse.boilerplate._model import (
    Boilerplate,
    Candidate,
    OutletCounts,
    Thresholds,
    cut_example,
)
from newsparse.boilerplate._signature import identity
from newsparse.model import Article

__all__ = ["Learner"]

_LEAD, _TRAIL, _MIDDLE, _CAPTION = 1, 2, 4, 8
MAX_MIDDLE: Final = 2000
"""Most mid-body blocks of one article that are looked at, half after the leading window
and half before the trailing one. Mid-body blocks only count how often an edge block also
sits in the middle; computing their keys for every block made learning one post of
116,000 short paragraphs six times as slow as parsing it."""


class _Tally:
    """Mutable counts of one key while learning (a :class:`Candidate` once frozen)."""

    __slots__ = ("example", "ids", "lead", "middle", "repeats", "trail")

    def __init__(self, example: str) -> None:
        self.ids: int | set[int] = -1
        self.lead = 0
        self.trail = 0
        self.middle = 0
        self.repeats = 0
        self.example = example

    def add_id(self, ident: int) -> None:
        if self.ids == -1:
            self.ids = ident
        elif isinstance(self.ids, int):
            if self.ids != ident:
                self.ids = {self.ids, ident}
        else:
            self.ids.add(ident)

    def freeze(self, key: str) -> Candidate:
        ids = self.ids
        return Candidate(
            key=key,
            ids=frozenset(ids) if isinstance(ids, set) else frozenset({ids}),
            lead=self.lead,
            trail=self.trail,
            middle=self.middle,
            repeats=self.repeats,
            example=self.example,
        )


class Learner:
    """Counts articles one at a time; :meth:`model` gives the :class:`Boilerplate`.

    The order of :meth:`add` calls does not matter, and learners over parts of an input
    give models whose :meth:`Boilerplate.merge` equals the learner over the whole.
    """

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or Thresholds()
        self.articles = 0
        """Articles given to :meth:`add`."""
        self.skipped = 0
        """Of those, articles with no outlet (no site and no URL), not counted."""
        self._ids: dict[str, set[int]] = {}
        self._tallies: dict[str, dict[str, _Tally]] = {}

    def add(self, article: Article) -> None:
        """Count one article's blocks."""
        self.articles += 1
        outlet = outlet_of(article)
        if outlet is None:
            self.skipped += 1
            return
        ident = identity(article.url, article.title)
        self._ids.setdefault(outlet, set()).add(ident)
        seen = self._blocks(article)
        if not seen:
            return
        tallies = self._tallies.setdefault(outlet, {})
        for key, (where, count, example) in seen.items():
            if not where & (_LEAD | _TRAIL | _CAPTION):
                continue
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = _Tally(example)
            elif example < tally.example:
                tally.example = example
            tally.add_id(ident)
            tally.lead += bool(where & _LEAD)
            tally.trail += bool(where & _TRAIL)
            tally.middle += bool(where & _MIDDLE)
            tally.repeats += count > 1

    def _blocks(self, article: Article) -> dict[str, tuple[int, int, str]]:
        """Every key of the article: where it sat (bit flags), how often, an example."""
        t = self.thresholds
        title = masked_title(article.title, t)
        seen: dict[str, tuple[int, int, str]] = {}

        def note(text: str, place: str, where: int) -> None:
            for key in block_keys(text, place, title, t, fuzzy=t.fuzzy):
                old = seen.get(key)
                if old is None:
                    seen[key] = (where, 1, cut_example(text))
                else:
                    seen[key] = (old[0] | where, old[1] + 1, min(old[2], cut_example(text)))

        n = len(article.paragraphs)
        half = MAX_MIDDLE // 2
        for i, text in enumerate(article.paragraphs):
            where = (_LEAD if i < t.lead else 0) | (_TRAIL if i >= n - t.trail else 0)
            if not where and t.lead + half <= i < n - t.trail - half:
                continue  # deep in a very long body: not looked at (see MAX_MIDDLE)
            note(text, "b", where or _MIDDLE)
        for image in article.images if t.captions else ():
            if image.caption:
                note(image.caption, "c", _CAPTION)
        return seen

    def model(self) -> Boilerplate:
        """The model of everything added so far."""
        outlets = [
            OutletCounts(
                outlet=outlet,
                ids=frozenset(ids),
                candidates=[
                    tally.freeze(key) for key, tally in self._tallies.get(outlet, {}).items()
                ],
            )
            for outlet, ids in self._ids.items()
        ]
        return Boilerplate.from_counts(outlets, self.thresholds)
