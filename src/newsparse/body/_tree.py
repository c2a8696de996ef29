"""The parsed tree: lxml within limits, text sizes measured once, small element helpers.

Every later step reads the tree built here and the sizes measured here::

    <div class="entry-content">                    measure(): (13, 5) for the <div>
      <p>Some text <a href="/x">a link</a></p>     (non-space characters, of them in links)
    </div>

- :func:`limit_attributes` and :func:`flatten_deep` keep absurd markup from libxml2 (a tag
  with 100,000 attributes, nesting deeper than :data:`MAX_DEPTH`); :func:`_parse` parses
  with no network and no external entities;
- :func:`measure` counts, bottom-up, how much text each element holds and how much of it
  is link text;
- the helpers read an element's class and id (:func:`_classes`, :func:`_has_token`) and
  its text (:func:`_text_of`, :func:`_opens_with`), compare two texts (:func:`_key`) and
  remove an element keeping its tail text (:func:`_remove_keep_tail`).

The tag sets :data:`BLOCK_TAGS` and :data:`HEADING_TAGS` are shared by several steps.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, Final, Protocol

import attrs
from lxml import etree

from newsparse import _accel
from newsparse._text import INVISIBLE_CHARS, normalize_line

_PARSER_OPTIONS: Final = {
    "remove_comments": True,
    "remove_pis": True,
    "no_network": True,
    "remove_blank_text": False,
    "huge_tree": True,
}
"""One lxml parser per document (its error log tells when nesting was too deep).
``huge_tree`` lifts libxml2's 10 MB text-node cap (a 5 MB paragraph of CJK text is 15 MB of
UTF-8); nesting depth is bounded instead by flattening (:func:`flatten_deep`)."""

MAX_DEPTH: Final = 200
"""Deepest element nesting read as structure; deeper tags are dropped, their text kept."""
MAX_ATTRIBUTES: Final = 256
"""Most attributes read on one tag; a tag with more keeps only its name. libxml2 compares
each attribute name of a tag with every name before it, so 100,000 attributes on one tag
take about 15 s to parse and a million would take hours. Real tags have a few dozen."""

BLOCK_TAGS: Final = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3",
    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address", "center",
    "details", "summary", "hr", "body", "html", "fieldset", "legend",
))  # fmt: skip
HEADING_TAGS: Final = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _parse(html: str) -> tuple[Any, bool]:
    """Parse with a fresh parser; also say whether libxml2 gave up on the nesting depth.

    The body goes to libxml2 as UTF-8 bytes, with the parser's encoding stated (so neither
    a ``<meta charset>`` nor an XML declaration's ``encoding`` is read): the tree is the
    one the ``str`` gives, built faster, since libxml2 reads UTF-8 as it is and converts a
    ``str``'s UCS-2 or UCS-4 first. A ``str`` would also be refused when an XML declaration
    opening it names an encoding, after a check that takes time quadratic in the white
    space after ``<?xml`` (80,000 spaces took 12 s).
    """
    parser = etree.HTMLParser(encoding="utf-8", **_PARSER_OPTIONS)
    # "replace": a lone surrogate, which parse() has repaired before any body is read.
    root = etree.HTML(html.encode("utf-8", "replace"), parser)
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


# A tag with MAX_ATTRIBUTES attributes is at least twice as long ("a b c …"). Tags are
# cut at any ">" here, as libxml2 cuts them outside quoted values (see limit_attributes).
# The search reads at most that many characters from each "<", so it is linear.
_LONG_TAG: Final = re.compile(rf"<[A-Za-z][^>]{{{2 * MAX_ATTRIBUTES}}}")
_LONG_TAG_PARTS: Final = re.compile(rf"<([A-Za-z][^\s/>]*)([^>]{{{2 * MAX_ATTRIBUTES - 1},}})")
_QUOTED: Final = re.compile(r"\"[^\"]*\"|'[^']*'")


LONG_TAG_WIDTH: Final = 2 * MAX_ATTRIBUTES - 1
"""What the compiled scan for a tag to limit reads after a tag's first letter (see
:func:`_long_tag`, :func:`long_tag_py`): with the letter and the ``<``, twice
:data:`MAX_ATTRIBUTES` characters, as many as :data:`_LONG_TAG` reads."""


def _long_tag(html: str) -> bool:
    """Whether ``html`` may hold a tag to limit: :data:`_LONG_TAG` matches. The compiled
    scan (:func:`long_tag_py`) also requires :data:`MAX_ATTRIBUTES` white-space characters
    up to the tag's ``>``, which more attributes than that need (the tags of real pages that
    are this long, with a ``srcset`` or a ``style``, are then passed over without a regex)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.long_tag(html, LONG_TAG_WIDTH, MAX_ATTRIBUTES)
    return _LONG_TAG.search(html) is not None


def long_tag_py(text: str, width: int, spaces: int) -> bool:
    """Whether some ``<[A-Za-z][^>]{width}`` in ``text`` holds ``spaces`` white-space
    characters (``str.isspace``) from its letter to its run's end (the next ``>``, or the
    end of the text): the reference of the compiled ``long_tag``, tried at every ``<``."""
    opening = re.compile(rf"<[A-Za-z][^>]{{{width}}}")
    start = text.find("<")
    while start >= 0:
        if opening.match(text, start):
            end = text.find(">", start)
            end = len(text) if end < 0 else end
            if sum(ch.isspace() for ch in text[start + 1 : end]) >= spaces:
                return True
        start = text.find("<", start + 1)
    return False


def limit_attributes(html: str, long_tag: bool | None = None) -> tuple[str, int]:
    """Keep only the name of each tag that has more than :data:`MAX_ATTRIBUTES` attributes
    (``long_tag``: :func:`_long_tag` of ``html``, when the caller knows it).

    Attributes are counted as the white-space separated words of the tag once quoted
    values are removed (an overcount when ``=`` stands between spaces), so only absurd
    tags qualify. Returns the HTML (``html`` itself when nothing changed) and how many
    tags were cut. Time is linear in the length of ``html``. A ``>`` inside a quoted
    attribute value ends the tag here although it does not end it for libxml2: a tag
    whose attributes are interleaved with such values is not limited.
    """
    if len(html) <= 2 * MAX_ATTRIBUTES:
        return html, 0
    if not (_long_tag(html) if long_tag is None else long_tag):
        return html, 0
    cut = 0

    def shorten(m: re.Match[str]) -> str:
        nonlocal cut
        if len(_QUOTED.sub("", m[2]).split()) <= MAX_ATTRIBUTES:
            return m[0]
        cut += 1
        return f"<{m[1]}"

    out = _LONG_TAG_PARTS.sub(shorten, html)
    return (out, cut) if cut else (html, 0)


_TAG: Final = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w:-]*)(?:\s[^<>]*?)?(?P<self>/?)>")
_VOID_TAGS: Final = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
))  # fmt: skip


def flatten_deep(html: str) -> str:
    """Drop the tags (not the text) of elements nested deeper than :data:`MAX_DEPTH` levels.

    libxml2 stops reading a document nested deeper than 256 elements and silently loses the
    rest; no article nests that deep, so beyond :data:`MAX_DEPTH` only the text is kept.
    Returns ``html`` itself (the same object) when nothing is that deep.
    """
    if html.count("<") <= MAX_DEPTH:
        return html
    depth = 0
    deepest = 0
    for m in _TAG.finditer(html):
        name = m["name"].lower()
        if name in _VOID_TAGS or m["self"]:
            continue
        if m["close"]:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH:
        return html
    out: list[str] = []
    last = 0
    depth = 0
    for m in _TAG.finditer(html):
        name = m["name"].lower()
        if name in _VOID_TAGS or m["self"]:
            continue
        if m["close"]:
            drop = depth > MAX_DEPTH
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > MAX_DEPTH
        if drop:
            out.append(html[last : m.start()])
            last = m.end()
    out.append(html[last:])
    return "".join(out)


def _classes(el: Any) -> str:
    """The class and id of ``el`` as one space-separated string (``""`` when neither)."""
    cls = el.get("class")
    ident = el.get("id")
    if ident is None:  # the common case: no string to build
        return cls.strip() if cls else ""
    return f"{cls or ''} {ident}".strip()


def _classes_of(cls: str | None, ident: str | None) -> str:
    """:func:`_classes` of an element whose class and id are known."""
    if ident is None:
        return cls.strip() if cls else ""
    return f"{cls or ''} {ident}".strip()


def _has_token(el: Any, pattern: re.Pattern[str]) -> bool:
    classes = _classes(el)
    return bool(classes) and _token_hit(classes, pattern)


def _token_hit(classes: str, pattern: re.Pattern[str]) -> bool:
    """Whether a class/id token matches ``pattern``."""
    return any(pattern.search(tok) for tok in classes.split())


class Sizes(Protocol):
    """What :func:`measure` returns: ``(text, link text)`` per element, read as a dict's
    ``get`` reads it (a dict on the pure path; on the compiled path the sizes are kept in
    the tree's nodes, so that no element is looked up that no rule asks about)."""

    def get(self, el: Any, default: tuple[int, int], /) -> tuple[int, int]: ...


def _nonspace(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def measure(root: Any) -> Sizes:
    """Map each element to ``(text, link text)``: counts of non-space characters, bottom-up.

    One pass over the tree, so that no later decision walks a subtree's text again.
    Computed by the compiled accelerator when it runs (the same sizes as
    :func:`measure_py`, kept in the tree's nodes rather than in a dict: measuring a part
    of a tree again after changing it changes what the first result reads there).
    """
    compiled = _accel.CTREE
    if compiled is not None:
        sizes: Sizes = compiled.measure(root)
        return sizes
    return measure_py(root)


def measure_py(root: Any) -> dict[Any, tuple[int, int]]:
    """:func:`measure` in Python: the reference of the compiled version."""
    sizes: dict[Any, tuple[int, int]] = {}
    empty = (0, 0)
    # In reverse document order every child is measured before its parent. The hot loop
    # counts non-space characters inline (see _nonspace): it runs once per element.
    for el in reversed(list(root.iter())):
        tag = el.tag
        if not isinstance(tag, str):
            sizes[el] = empty
            continue
        text = el.text
        total = len("".join(text.split())) if text else 0
        links = 0
        if len(el):  # most elements are leaves: no iterator to build for them
            for child in el:
                child_total, child_links = sizes[child]
                tail = child.tail
                if tail:
                    total += len("".join(tail.split()))
                total += child_total
                links += child_links
        if links or total:
            if tag == "a" and el.get("href") is not None:
                links = total
            sizes[el] = (total, links)
        else:
            sizes[el] = empty
    return sizes


_EMPTY: Final = (0, 0)


def _size(sizes: Sizes, el: Any) -> int:
    return sizes.get(el, _EMPTY)[0]


def _links(sizes: Sizes, el: Any) -> int:
    return sizes.get(el, _EMPTY)[1]


def _text_of(el: Any) -> str:
    return normalize_line(" ".join(el.itertext()))


_FIRST_VISIBLE: Final = re.compile(rf"[^\s{INVISIBLE_CHARS[1:-1]}]")
"""A character that :func:`normalize_line` neither removes nor strips."""


def _opens_with(el: Any, first: re.Pattern[str]) -> bool:
    """Whether the first character of :func:`_text_of` ``el`` matches ``first``.

    Much cheaper than building the text: only the first visible character is looked at
    (:func:`first_visible`).
    """
    compiled = _accel.CTREE
    char = compiled.first_visible(el) if compiled is not None else first_visible_py(el)
    return char is not None and first.match(char) is not None


def first_visible_py(el: Any) -> str | None:
    """The first character of ``el.itertext()`` that :func:`normalize_line` neither
    removes nor strips, or None (computed by the accelerator when it runs)."""
    for piece in el.itertext():
        m = _FIRST_VISIBLE.search(piece)
        if m is not None:
            return m.group()
    return None


# -- selections: the elements a rule reads, picked in one pass (in C when it runs)


def marked(
    root: Any, tags: tuple[str, ...] | None = None
) -> Iterable[tuple[Any, str | None, str | None]]:
    """``(element, class, id)`` for each element of ``root.iter(*tags)`` (every element
    when ``tags`` is None) that has a class or an id, in document order."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.marked(root, _names(tags))
    return marked_py(root, tags)


def marked_py(
    root: Any, tags: tuple[str, ...] | None = None
) -> Iterator[tuple[Any, str | None, str | None]]:
    """:func:`marked` in Python: the reference of the compiled version (lazily)."""
    for el in root.iter(*tags) if tags is not None else root.iter(etree.Element):
        cls = el.get("class")
        ident = el.get("id")
        if cls is not None or ident is not None:
            yield el, cls, ident


IDEOGRAPHS: Final = (0x4E00, 0x9FFF)
"""The CJK Unified Ideographs (the first and last), which have no case: a pattern built
from literal characters accepts one of them only when it is one of its literals."""


@attrs.frozen(eq=False)
class FirstChar:
    """A rule on the first visible character of an element's text (:func:`_opens_with`
    reads it too): ``pattern`` must match that character. :func:`sized` remembers the
    answer per character for the one pass it makes (a memo of its own), so that the
    compiled walk asks Python only about a character it has not met; it does not ask
    about an ASCII character (:attr:`ascii`, the verdicts computed once, here) nor, when
    :attr:`ideographs` is given, about a CJK ideograph (:data:`IDEOGRAPHS`)."""

    pattern: re.Pattern[str]
    ideographs: str | None = None
    """The ideographs of :data:`IDEOGRAPHS` that ``pattern`` accepts, all of them (the
    first characters of the words a pattern of literals is built from,
    :func:`ideographs_of`): tested for every ideograph in ``tests/test_accel_survey.py``.
    None: each is asked of ``pattern``."""
    ascii: bytes = attrs.field(init=False, repr=False)
    """``judge`` of each ASCII character (1 or 0), by its code."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "ascii", bytes(self.judge(chr(code)) for code in range(128)))

    def judge(self, char: str) -> bool:
        """Whether ``pattern`` matches ``char``."""
        return self.pattern.match(char) is not None


def ideographs_of(chars: Iterable[str]) -> str:
    """The CJK ideographs (:data:`IDEOGRAPHS`) among ``chars``, each once, in order of code."""
    low, high = IDEOGRAPHS
    return "".join(sorted({ch for ch in chars if low <= ord(ch) <= high}))


def sized(
    root: Any,
    sizes: Sizes,
    low: int,
    high: int,
    tags: tuple[str, ...] | None = None,
    *,
    first: FirstChar | None = None,
    unlinked: bool = False,
    share: tuple[int, int] | None = None,
    limit: int = 0,
) -> Iterable[tuple[Any, int, int]]:
    """``(element, size, links)`` for each element of ``root.iter(*tags)`` (every element
    when ``tags`` is None) whose size in ``sizes`` (:func:`measure`; ``(0, 0)`` when
    absent) is between ``low`` and ``high``, both included, in document order; only those
    without link text when ``unlinked``, those whose link text is at least ``share``
    (``(num, den)``: ``links * den >= size * num``) of their text when it is given, those
    whose text opens with a character ``first`` accepts when it is given; the first
    ``limit`` of them when ``limit`` > 0."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.sized(root, sizes, low, high, _names(tags), first, unlinked, share, limit)
    found = sized_py(root, sizes, low, high, tags, first=first, unlinked=unlinked, share=share)
    return itertools.islice(found, limit) if limit > 0 else found


def sized_py(
    root: Any,
    sizes: Sizes,
    low: int,
    high: int,
    tags: tuple[str, ...] | None = None,
    *,
    first: FirstChar | None = None,
    unlinked: bool = False,
    share: tuple[int, int] | None = None,
) -> Iterator[tuple[Any, int, int]]:
    """:func:`sized` in Python (without its ``limit``: it is lazy): the reference of the
    compiled version."""
    empty = (0, 0)
    num, den = share if share is not None else (0, 1)
    memo: dict[str, bool] = {}
    for el in root.iter(*tags) if tags is not None else root.iter(etree.Element):
        size, links = sizes.get(el, empty)
        if low <= size <= high and not (unlinked and links) and links * den >= size * num:
            if first is not None:
                char = first_visible_py(el)
                if char is None:
                    continue
                known = memo.get(char)
                if known is None:
                    known = memo[char] = first.judge(char)
                if not known:
                    continue
            yield el, size, links


def holds(
    root: Any, sizes: Sizes, low: int, high: int, tags: tuple[str, ...] | None = None
) -> bool:
    """Whether :func:`sized` finds an element (it stops at the first)."""
    return next(iter(sized(root, sizes, low, high, tags, limit=1)), None) is not None


def tag_marks_py(text: str, names: tuple[str, ...]) -> int:
    """Which of ``names`` (lower-case ASCII letters) follow a ``<`` somewhere in ``text``,
    in any ASCII case, as a mask (bit ``k`` for ``names[k]``): the reference of the compiled
    ``tag_marks``. libxml2 makes an element of a name only from such a tag (it lower-cases
    ASCII letters alone), or a ``<head>`` implied by one of the tags that go in it."""
    mask = 0
    for k, name in enumerate(names):
        if re.search("<" + "".join(f"[{ch}{ch.upper()}]" for ch in name), text):
            mask |= 1 << k
    return mask


def tagged(root: Any, tags: tuple[str, ...]) -> list[Any]:
    """The elements of ``root.iter(*tags)`` (``tags``: one tag or more), in one pass (in C
    when it runs)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.tagged(root, _names(tags))
    return tagged_py(root, tags)


def tagged_py(root: Any, tags: tuple[str, ...]) -> list[Any]:
    """:func:`tagged` in Python: the reference of the compiled version."""
    return list(root.iter(*tags))


def having(root: Any, name: str) -> list[Any]:
    """The elements of ``root.iter()`` (``root`` too) that have the attribute ``name``."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.having(root, name.encode())
    return having_py(root, name)


def having_py(root: Any, name: str) -> list[Any]:
    """:func:`having` in Python: the reference of the compiled version."""
    return [el for el in root.iter(etree.Element) if el.get(name) is not None]


@functools.lru_cache(maxsize=64)
def _names(tags: tuple[str, ...] | None) -> tuple[bytes, ...] | None:
    """Tag names as the compiled selections take them (UTF-8). Remembered: the callers
    pass only the modules' constant tag sets (a few dozen), never a page's data, so the
    cache holds the encoding of constants and does not grow with the pages parsed."""
    return None if tags is None else tuple(tag.encode() for tag in tags)


def _remove_keep_tail(el: Any) -> None:
    """Remove ``el`` from its parent, its tail text joined to what comes before it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            _set_text(prev, "tail", (prev.tail or "") + tail)
        else:
            _set_text(parent, "text", (parent.text or "") + tail)
    parent.remove(el)


_XML_REFUSED: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters lxml refuses in a string it stores (not XML characters). The HTML parser
itself puts some in the tree: ``&#8`` decodes to U+0008, ``&#xFFFE;`` to U+FFFE."""


def _set_text(node: Any, field: str, text: str) -> None:
    """Set ``node.text`` or ``node.tail`` to ``text``, which may hold characters the
    parser decoded from character references and lxml refuses to store: control
    characters go (block text is cleaned of them anyway, see ``decodes_invisible``), and
    the non-characters U+FFFE, U+FFFF and lone surrogates become U+FFFD."""
    try:
        setattr(node, field, text)
    except ValueError:
        setattr(node, field, _XML_REFUSED.sub(_refused_as, text))


def _refused_as(match: re.Match[str]) -> str:
    return "" if match.group() < " " else "\ufffd"


_SAME_KEY: Final = re.compile(r"[\s\W_]+")
_KEY_CHAR: Final = re.compile(r"[^\W_]")
"""A character :data:`_SAME_KEY` keeps: one for which ``str.isalnum()`` is true."""


def _key(text: str) -> str:
    """What is compared when two texts are "the same": word characters, lower-cased."""
    return _SAME_KEY.sub("", text).lower()


def _has_key(text: str, key: str) -> bool:
    """``_key(text) == key``, deciding most texts by their first word character alone."""
    first = _KEY_CHAR.search(text)
    if first is None:
        return not key
    # Lower-casing the first character does not depend on what follows it.
    if not key.startswith(first.group().lower()):
        return False
    return _key(text) == key


_CJK_STOP: Final = re.compile(r"[。！？]")


_HASHTAG_CHAR: Final = r"[^\s#＃，。！？、,.!?；;：:｜|/]"
"""A character a hashtag is made of (it ends at white space, punctuation or the next ``#``)."""
HASHTAG: Final = rf"[#＃](?={_HASHTAG_CHAR}*[^\W\d_]){_HASHTAG_CHAR}+"
"""One hashtag (``#香港``, ``＃climate``; ``#1`` is a number): the token every hashtag rule
reads."""
