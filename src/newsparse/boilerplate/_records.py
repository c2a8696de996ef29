"""The records a boilerplate model is made of: :class:`Thresholds`, the counts
(:class:`OutletCounts` of :class:`Candidate` keys) and the derived :class:`Template`.

They are plain values with a JSON form each (a template's ``to_dict``/``from_dict``,
checked field by field: a JSON value of the wrong type is refused, never coerced); the
model that holds them, and derives templates from counts, is in
:mod:`newsparse.boilerplate._model`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = [
    "Candidate",
    "OutletCounts",
    "Template",
    "Thresholds",
    "articles_of",
    "check_key",
    "short",
]


def _at_least_two(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 2:
        raise ValueError(f"{attribute.name} must be at least 2, got {value!r}")


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be at least 1, got {value!r}")


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be at least 0, got {value!r}")


def _share(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, got {value!r}")


@attrs.frozen(kw_only=True)
class Thresholds:
    """When a recurring block counts as boilerplate. Every field is a keyword of
    :func:`~newsparse.learn_boilerplate`; the defaults were chosen by measured precision
    (see the docs page *Archive mode: learnt boilerplate*).

    .. versionadded:: Unreleased
    """

    min_files: int = attrs.field(default=3, validator=_at_least_two)
    """*k*: a template must occur in at least this many distinct articles of its outlet
    (at least 2: a block of one article is never boilerplate)."""
    min_share: float = attrs.field(default=0.04, validator=_share)
    """*f*: … and in at least this share of the outlet's distinct articles."""
    captions: bool = False
    """Also learn and remove captions. Off by default: in the corpus every caption that
    recurred was a credit, a citation or a series' standing picture, all content."""
    caption_min_share: float = attrs.field(default=0.1, validator=_share)
    """*f* for captions: a caption recurs in a series (an archive citation, a recurring
    photo) more often than a paragraph does, so it needs more evidence."""
    lead: int = attrs.field(default=2, validator=_non_negative)
    """How many blocks at the start of a body may be boilerplate (the leading window)."""
    trail: int = attrs.field(default=4, validator=_non_negative)
    """How many blocks at the end of a body may be boilerplate (the trailing window)."""
    max_chars: int = attrs.field(default=300, validator=_positive)
    """Longer blocks (after masking) are never counted: boilerplate is short."""
    min_letters: int = attrs.field(default=2, validator=_positive)
    """Blocks with fewer letters than this (``1.``, ``***``) are never counted."""
    max_repeat_share: float = attrs.field(default=0.1, validator=_share)
    """A template that recurs inside one article in more than this share of its articles is
    article structure (a heading, a citation format), not boilerplate."""
    max_middle_share: float = attrs.field(default=0.1, validator=_share)
    """Likewise for a template also found in the middle of the body, outside both windows."""
    fuzzy: bool = True
    """Also learn fuzzy templates (blocks sharing most of their character trigrams)."""
    fuzzy_min_share: float = attrs.field(default=0.1, validator=_share)
    """*f* for fuzzy templates, which need more evidence than exact ones."""

    def to_dict(self) -> dict[str, Any]:
        """Return the thresholds as a JSON-ready dict."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Thresholds:
        """Build thresholds from :meth:`to_dict` output (missing keys take their defaults)."""
        types = {a.name: a.type for a in attrs.fields(cls)}
        unknown = sorted(set(data) - set(types))
        if unknown:
            raise TypeError(f"unknown boilerplate thresholds: {', '.join(unknown)}")
        for name, value in data.items():
            _check_type(name, value, str(types[name]))
        return cls(**dict(data))


def articles_of(ids: Iterable[int]) -> dict[int, int]:
    """Map each identity to the article it belongs to: copies that share a URL or a title
    are one article, transitively (a connected component of the graph whose edges are the
    identities, each joining a URL to a title). An article is named by its smallest node."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    ids = tuple(ids)
    for ident in ids:
        url, title = (ident >> 32) | (1 << 32), ident & 0xFFFFFFFF
        parent.setdefault(url, url)
        parent.setdefault(title, title)
        a, b = root(url), root(title)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {ident: root(ident & 0xFFFFFFFF) for ident in ids}


@attrs.frozen(kw_only=True)
class Candidate:
    """The counts of one key within one outlet.

    .. versionadded:: Unreleased
    """

    key: str
    """``b`` (body) or ``c`` (caption), ``x`` (exact) or ``f`` (fuzzy), ``:``, 16 hex digits."""
    ids: frozenset[int]
    """Identities (see :func:`~newsparse.boilerplate._signature.identity`) of the articles
    it was counted in."""
    lead: int = 0
    """Articles where it sat in the leading window."""
    trail: int = 0
    """Articles where it sat in the trailing window."""
    middle: int = 0
    """Articles where it also sat between the two windows."""
    repeats: int = 0
    """Articles where it occurred more than once."""
    example: str = attrs.field(default="", eq=False)
    """One block it was counted for (the smallest, so that the choice does not depend on
    the order of the input), cut to 320 characters. Not compared by ``==``: the JSON form
    keeps examples only for keys seen in two or more articles, to stay small."""

    def merge(self, other: Candidate) -> Candidate:
        """Add the counts of the same key from another part of the input."""
        return Candidate(
            key=self.key,
            ids=self.ids | other.ids,
            lead=self.lead + other.lead,
            trail=self.trail + other.trail,
            middle=self.middle + other.middle,
            repeats=self.repeats + other.repeats,
            example=min(self.example, other.example)
            if self.example and other.example
            else self.example or other.example,
        )


def _sorted_candidates(value: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(sorted(value, key=lambda c: c.key))


@attrs.frozen(kw_only=True)
class OutletCounts:
    """What was counted for one outlet.

    .. versionadded:: Unreleased
    """

    outlet: str
    """The article's :attr:`~newsparse.Article.site`, else its URL's host."""
    ids: frozenset[int]
    """Identities of the outlet's articles."""
    candidates: tuple[Candidate, ...] = attrs.field(converter=_sorted_candidates)
    """Every key counted, sorted by key."""

    @property
    def files(self) -> int:
        """Distinct articles seen (copies count once)."""
        return len(set(articles_of(self.ids).values()))

    def merge(self, other: OutletCounts) -> OutletCounts:
        """Add the counts of the same outlet from another part of the input."""
        mine = {c.key: c for c in self.candidates}
        for c in other.candidates:
            mine[c.key] = mine[c.key].merge(c) if c.key in mine else c
        return OutletCounts(outlet=self.outlet, ids=self.ids | other.ids, candidates=mine.values())


@attrs.frozen(kw_only=True)
class Template:
    """One learnt boilerplate template: what a reviewer reads and may switch off.

    .. versionadded:: Unreleased
    """

    outlet: str
    """The outlet whose articles it is removed from."""
    key: str
    """The key blocks are matched on (see :class:`Candidate`)."""
    files: int
    """Distinct articles of the outlet it occurs in."""
    outlet_files: int
    """Distinct articles of the outlet."""
    lead: int
    """Of those, how many had it in the leading window."""
    trail: int
    """… and in the trailing window."""
    example: str
    """One block it matches."""
    why: str
    """The measured reasons it was learnt, in words."""
    remove: bool = True
    """``False`` when a reviewer switched it off: it is kept in the model, never applied,
    and stays off through :meth:`Boilerplate.merge`."""

    @property
    def place(self) -> str:
        """``"body"`` (paragraphs) or ``"caption"`` (image captions)."""
        return "caption" if self.key.startswith("c") else "body"

    @property
    def kind(self) -> str:
        """``"exact"`` (the masked block recurs whole) or ``"fuzzy"`` (most of its trigrams do)."""
        return "fuzzy" if self.key[1] == "f" else "exact"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict, ``place`` and ``kind`` included."""
        return {
            "outlet": self.outlet,
            "key": self.key,
            "place": self.place,
            "kind": self.kind,
            "remove": self.remove,
            "files": self.files,
            "outlet_files": self.outlet_files,
            "lead": self.lead,
            "trail": self.trail,
            "why": self.why,
            "example": self.example,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Template:
        """Build a template from :meth:`to_dict` output (``place`` and ``kind`` are implied)."""

        def field(name: str, kind: str, *default: Any) -> Any:
            value = data[name] if not default else data.get(name, default[0])
            return _check_type(name, value, kind)

        return cls(
            outlet=field("outlet", "str"),
            key=check_key(field("key", "str")),
            files=field("files", "int"),
            outlet_files=field("outlet_files", "int"),
            lead=field("lead", "int", 0),
            trail=field("trail", "int", 0),
            example=field("example", "str", ""),
            why=field("why", "str", ""),
            remove=field("remove", "bool", True),
        )


def _check_type(name: str, value: Any, kind: str) -> Any:
    """``value`` if it is a JSON value of ``kind`` (``"int"``, ``"float"``, ``"bool"`` or
    ``"str"``; an integer is also a float), else a :class:`TypeError` naming ``name``.

    A string ``"false"`` is not false and ``1e300`` is not a count: read loosely, a
    reviewer's ``"remove": "false"`` would switch a template on.
    """
    ok = {
        "bool": isinstance(value, bool),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "str": isinstance(value, str),
    }.get(kind, True)
    if not ok:
        what = {"bool": "true or false", "int": "a whole number", "float": "a number"}
        raise TypeError(f"{name} must be {what.get(kind, 'text')}, not {short(repr(value), 40)}")
    return value


def check_key(key: str) -> str:
    if len(key) != 19 or key[0] not in "bc" or key[1] not in "xf" or key[2] != ":":
        raise ValueError(f"not a template key: {key!r}")
    int(key[3:], 16)
    return key


def short(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (an error message quotes what was wrong)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
