"""The learnt model: :class:`Boilerplate`, the counts it is made of, and its JSON form.

A model is a count, and the templates follow from it: for every outlet, which articles
were seen (:class:`OutletCounts`) and, for every key a block was counted under (see
:mod:`newsparse.boilerplate._signature`), in which of those articles it sat at the edge of
the body, or in a caption (:class:`Candidate`). Counts of the same key add up, sets of
articles unite, so :meth:`Boilerplate.merge` is exact, order-independent and associative:
a model learnt in parts and merged equals the model learnt in one go.

:func:`derive_templates` turns the counts into the :class:`Template` list that is applied,
with the thresholds of :class:`Thresholds`. The JSON form keeps both: the templates, for a
reviewer to read (each says why it was learnt and shows an example), and the counts, so that
a model read back can still be merged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from newsparse.boilerplate._apply import apply_model
from newsparse.boilerplate._records import (
    Candidate,
    OutletCounts,
    Template,
    Thresholds,
    articles_of,
    check_key,
    short,
)
from newsparse.boilerplate._signature import mask, trigrams
from newsparse.errors import NewsparseError
from newsparse.model import Article

__all__ = [
    "FORMAT_VERSION",
    "Boilerplate",
    "Candidate",
    "OutletCounts",
    "Template",
    "Thresholds",
    "articles_of",
    "derive_templates",
]

Example = tuple[int, frozenset[int], "Template"]
"""A fuzzy template's example as its masked length and trigram set, and the template."""

FORMAT_VERSION: Final = 1
"""Version of the JSON form; :meth:`Boilerplate.from_json` refuses any other."""
_FORMAT_KEY: Final = "newsparse-boilerplate"
_EXAMPLE_CHARS: Final = 320
"""Examples kept in a model are cut to this many characters."""


def _reasons(c: Candidate, files: int, outlet_files: int, place: str) -> str:
    share = files / outlet_files
    where = (
        "in captions"
        if place == "caption"
        else f"leading in {c.lead}, trailing in {c.trail}, mid-body in {c.middle}"
    )
    kind = "masked text recurs whole" if c.key[1] == "x" else "most character trigrams recur"
    return (
        f"{kind}; in {files} of {outlet_files} articles ({share:.0%}); {where}; "
        f"repeated within an article in {c.repeats}"
    )


def _qualifies(c: Candidate, files: int, outlet_files: int, t: Thresholds) -> bool:
    if files < t.min_files:
        return False
    fuzzy = c.key[1] == "f"
    if (fuzzy and not t.fuzzy) or (c.key[0] == "c" and not t.captions):
        return False
    share = t.fuzzy_min_share if fuzzy else t.min_share
    if c.key[0] == "c":
        share = max(share, t.caption_min_share)
    if files < share * outlet_files:
        return False
    if c.repeats > t.max_repeat_share * files:
        return False
    return c.middle <= t.max_middle_share * files


def derive_templates(
    outlets: Iterable[OutletCounts], thresholds: Thresholds, vetoed: frozenset[str] = frozenset()
) -> tuple[Template, ...]:
    """The templates the counts justify, by outlet then key; ``vetoed`` are
    ``outlet + "\\t" + key`` of templates a reviewer switched off."""
    found: list[Template] = []
    for counts in outlets:
        article = articles_of(counts.ids)
        outlet_files = len(set(article.values()))
        for c in counts.candidates:
            files = len({article[i] for i in c.ids})
            if not _qualifies(c, files, outlet_files, thresholds):
                continue
            place = "caption" if c.key[0] == "c" else "body"
            found.append(
                Template(
                    outlet=counts.outlet,
                    key=c.key,
                    files=files,
                    outlet_files=outlet_files,
                    lead=c.lead,
                    trail=c.trail,
                    example=c.example,
                    why=_reasons(c, files, outlet_files, place),
                    remove=f"{counts.outlet}\t{c.key}" not in vetoed,
                )
            )
    return tuple(found)


def _sorted_outlets(value: Iterable[OutletCounts]) -> tuple[OutletCounts, ...]:
    return tuple(sorted(value, key=lambda o: o.outlet))


def _sorted_templates(value: Iterable[Template]) -> tuple[Template, ...]:
    return tuple(sorted(value, key=lambda t: (t.outlet, t.key)))


def _index(templates: tuple[Template, ...]) -> dict[str, dict[str, Template]]:
    index: dict[str, dict[str, Template]] = {}
    for t in templates:
        if t.remove:
            index.setdefault(t.outlet, {})[t.key] = t
    return index


def _examples(templates: tuple[Template, ...]) -> dict[str, tuple[Example, ...]]:
    found: dict[str, dict[str, Template]] = {}
    for t in templates:
        if t.remove and t.kind == "fuzzy" and t.example:
            found.setdefault(t.outlet, {}).setdefault(mask(t.example), t)
    return {
        outlet: tuple((len(m), trigrams(m), t) for m, t in by_text.items())
        for outlet, by_text in found.items()
    }


@attrs.frozen(kw_only=True)
class Boilerplate:
    """A learnt model of each outlet's boilerplate; build one with
    :func:`~newsparse.learn_boilerplate`, apply it with ``parse(..., boilerplate=model)``.

    Immutable, picklable, comparable with ``==``. ``templates`` is what is applied;
    ``outlets`` holds the counts they were derived from (empty in a model written with
    ``to_json(counts=False)``, which then cannot be merged).

    >>> import newsparse
    >>> empty = newsparse.Boilerplate()
    >>> empty.templates, empty.merge(empty) == empty
    ((), True)

    .. versionadded:: Unreleased
    """

    thresholds: Thresholds = attrs.field(factory=Thresholds)
    """The thresholds the templates were derived with."""
    outlets: tuple[OutletCounts, ...] = attrs.field(default=(), converter=_sorted_outlets)
    """The counts, one entry per outlet, sorted by outlet."""
    templates: tuple[Template, ...] = attrs.field(default=(), converter=_sorted_templates)
    """The templates, sorted by outlet and key (switched-off ones included)."""
    has_counts: bool = True
    """Whether :attr:`outlets` holds the counts (``False`` after ``to_json(counts=False)``)."""
    _index: dict[str, dict[str, Template]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _examples: dict[str, tuple[Example, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _sizes: dict[tuple[str, str], int] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _index(self.templates))
        object.__setattr__(self, "_examples", _examples(self.templates))
        sizes = {
            (t.outlet, t.key): len(mask(t.example))
            for t in self.templates
            if t.remove and t.kind == "fuzzy"
        }
        object.__setattr__(self, "_sizes", sizes)

    @classmethod
    def from_counts(
        cls,
        outlets: Iterable[OutletCounts],
        thresholds: Thresholds | None = None,
        vetoed: frozenset[str] = frozenset(),
    ) -> Boilerplate:
        """Derive the templates of ``outlets`` with ``thresholds`` (the defaults if ``None``)."""
        thresholds = thresholds or Thresholds()
        ordered = _sorted_outlets(outlets)
        return cls(
            thresholds=thresholds,
            outlets=ordered,
            templates=derive_templates(ordered, thresholds, vetoed),
        )

    def active(self, outlet: str) -> Mapping[str, Template]:
        """The templates removed from ``outlet``'s articles, by key (switched-off ones
        excluded)."""
        return self._index.get(outlet, {})

    def example_size(self, template: Template) -> int:
        """The length of ``template``'s example once masked (worked out once per model)."""
        size = self._sizes.get((template.outlet, template.key))
        return len(mask(template.example)) if size is None else size

    def examples(self, outlet: str) -> tuple[Example, ...]:
        """The masked lengths and trigram sets of the examples of ``outlet``'s fuzzy
        templates, with the templates (switched-off ones excluded)."""
        return self._examples.get(outlet, ())

    def apply(self, article: Article) -> Article:
        """Return ``article`` without the blocks this model finds to be boilerplate.

        Paragraphs go only from the leading and trailing runs of the body (every block
        between a removed one and the body's edge is removed too), within the windows of
        :attr:`~newsparse.boilerplate.Thresholds.lead` and
        :attr:`~newsparse.boilerplate.Thresholds.trail`; a block equal to the title
        stays, and a body that would lose every paragraph is left whole. A matching
        caption is removed from its image. Each removal is a
        :class:`~newsparse.ParseWarning` with code ``"boilerplate"`` that holds the text.
        """
        return apply_model(self, article)

    def without_counts(self) -> Boilerplate:
        """The same templates without the counts: applies the same, is small to send to
        worker processes, and cannot be merged (as ``to_json(counts=False)`` read back)."""
        if not self.has_counts:
            return self
        return Boilerplate(thresholds=self.thresholds, templates=self.templates, has_counts=False)

    @property
    def vetoed(self) -> frozenset[str]:
        """``outlet + "\\t" + key`` of every template a reviewer switched off."""
        return frozenset(f"{t.outlet}\t{t.key}" for t in self.templates if not t.remove)

    def merge(self, other: Boilerplate) -> Boilerplate:
        """Add the counts of a model learnt on other articles and derive the templates again.

        Order-independent and associative: ``a.merge(b) == b.merge(a)`` and
        ``a.merge(b).merge(c) == a.merge(b.merge(c))``, and merging the models of the parts
        of an input gives the model of the whole. Templates switched off in either model
        stay off.

        Raises:
            ValueError: the two models were learnt with different thresholds, or one of them
                was written without its counts.
        """
        if not isinstance(other, Boilerplate):
            raise TypeError(f"can only merge a Boilerplate, not {type(other).__name__}")
        if self.thresholds != other.thresholds:
            raise ValueError(
                "cannot merge boilerplate models learnt with different thresholds: "
                f"{self.thresholds} and {other.thresholds}"
            )
        if not (self.has_counts and other.has_counts):
            raise ValueError("cannot merge a boilerplate model written without its counts")
        mine = {o.outlet: o for o in self.outlets}
        for o in other.outlets:
            mine[o.outlet] = mine[o.outlet].merge(o) if o.outlet in mine else o
        return Boilerplate.from_counts(mine.values(), self.thresholds, self.vetoed | other.vetoed)

    # ------------------------------------------------------------------ JSON

    def to_json(self, *, counts: bool = True, indent: int | None = 1) -> str:
        """Return the model as JSON: a version, the thresholds, the templates (each with
        its reasons and an example, for review) and, unless ``counts=False``, the counts.

        The output is stable: the same model always gives the same text.
        """
        data: dict[str, Any] = {
            _FORMAT_KEY: FORMAT_VERSION,
            "thresholds": self.thresholds.to_dict(),
            "templates": [t.to_dict() for t in self.templates],
        }
        if counts and self.has_counts:
            data["counts"] = [_outlet_to_dict(o) for o in self.outlets]
        return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Boilerplate:
        """Read a model written by :meth:`to_json`, a reviewer's edits included: the
        templates are taken as written (one with ``"remove": false`` is not applied).

        Raises:
            NewsparseError: the text is not a boilerplate model of a version this library
                reads, or a value in it has the wrong shape.
        """
        if not isinstance(text, (str, bytes, bytearray)):
            raise NewsparseError(
                f"a boilerplate model is JSON text (str or bytes), not {type(text).__name__}"
            )
        try:
            data = json.loads(text)
        except RecursionError:
            raise NewsparseError(
                "boilerplate model is not valid JSON: arrays or objects nest too deeply"
            ) from None
        except ValueError as exc:
            raise NewsparseError(f"boilerplate model is not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or _FORMAT_KEY not in data:
            raise NewsparseError(
                f"not a boilerplate model: a JSON object with a {_FORMAT_KEY!r} key is expected"
            )
        if data[_FORMAT_KEY] != FORMAT_VERSION:
            raise NewsparseError(
                f"boilerplate model version {data[_FORMAT_KEY]!r} is not supported "
                f"(this newsparse reads version {FORMAT_VERSION})"
            )
        try:
            thresholds = Thresholds.from_dict(data.get("thresholds") or {})
            templates = tuple(Template.from_dict(t) for t in data.get("templates") or ())
            has_counts = "counts" in data
            outlets = tuple(_outlet_from_dict(o) for o in data.get("counts") or ())
            return cls(
                thresholds=thresholds, outlets=outlets, templates=templates, has_counts=has_counts
            )
        except (
            LookupError,  # a key missing, an example number out of range
            TypeError,
            ValueError,
            AttributeError,
            OverflowError,  # 1e999 where a count belongs
            RecursionError,
        ) as exc:
            raise NewsparseError(
                f"boilerplate model has a malformed entry: {short(repr(exc))}"
            ) from exc


def _outlet_to_dict(o: OutletCounts) -> dict[str, Any]:
    """One outlet's counts, compactly: each candidate is one string
    ``"KEY LEAD TRAIL MIDDLE REPEATS EXAMPLE# ID,ID,…"``, examples are listed once and kept
    only for keys seen in two or more articles (``EXAMPLE#`` is ``-1`` otherwise)."""
    examples: dict[str, int] = {}
    rows = []
    for c in o.candidates:
        number = -1
        if c.example and len(c.ids) > 1:
            number = examples.setdefault(c.example, len(examples))
        ids = ",".join(f"{i:016x}" for i in sorted(c.ids))
        rows.append(f"{c.key} {c.lead} {c.trail} {c.middle} {c.repeats} {number} {ids}")
    return {
        "outlet": o.outlet,
        "ids": " ".join(f"{i:016x}" for i in sorted(o.ids)),
        "examples": list(examples),
        "candidates": rows,
    }


def _outlet_from_dict(data: Mapping[str, Any]) -> OutletCounts:
    examples = [str(e) for e in data.get("examples") or ()]
    candidates = []
    for row in data["candidates"]:
        key, lead, trail, middle, repeats, number, ids = str(row).split(" ")
        candidates.append(
            Candidate(
                key=check_key(key),
                ids=frozenset(int(i, 16) for i in ids.split(",")),
                lead=int(lead),
                trail=int(trail),
                middle=int(middle),
                repeats=int(repeats),
                example=examples[int(number)] if int(number) >= 0 else "",
            )
        )
    return OutletCounts(
        outlet=str(data["outlet"]),
        ids=frozenset(int(i, 16) for i in str(data["ids"]).split()),
        candidates=candidates,
    )


def cut_example(text: str) -> str:
    """``text`` cut to the length kept for examples."""
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "…"
