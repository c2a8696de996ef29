"""Blocks of text as the walk gathers them: the text buffer between block elements.

::

    <p>First paragraph.<br><br>Second one.</p>      two blocks: a double <br> ends one
    <p><b>A sub-heading</b><br>Plain text.</p>      two blocks: the bold first line heads
    <p>华盛顿 —</p><p>The story.</p>                one block: "华盛顿 — The story."
    <p>First line<br>second line</p>                one block of two lines: "First line\nsecond line"

:class:`_Gatherer` holds what the walk (:mod:`~newsparse.body.walker`) has gathered since
the last block element: pieces of text, ``<br>`` marks, how much of it is link text and
how it looks (bold, emphasised, small print). Each block element's start and end flush it
into a :class:`Block`, which remembers the block element it came from, its kind (heading,
paragraph, list item…) and its links, for the cleaners (:mod:`~newsparse.body.cleaners`).
"""

from __future__ import annotations

import re
import types
from typing import Any, Final

import attrs

from newsparse._text import BR_MARK, clean_invisible, normalize_block
from newsparse.body._tree import HEADING_TAGS, _nonspace
from newsparse.sites import registered_domain

_SCHEME: Final = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)
_HOST: Final = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:[^@/?#]*@)?([^/?#:]+)", re.I)

_BLOCK_KIND: Final = {
    **dict.fromkeys(HEADING_TAGS, "h"),
    "p": "p",
    "li": "li",
    "dt": "li",
    "dd": "li",
    "blockquote": "quote",
    "td": "cell",
    "th": "cell",
}

_DATELINE_PREFIX: Final = re.compile(
    r"^[^\s\d—–-][^\s\d]{0,11}(?:\s*[(（][^)）]{1,12}[)）])?\s*[—–-]{1,2}$"
)
_DASHES: Final = "—–-"
"""How a :data:`_DATELINE_PREFIX` ends (blocks are stripped: it is their last character)."""


_NO_CAPTION_KINDS: Final = frozenset({"h", "quote", "li"})
"""Blocks never read as a loose caption, nor anything inside them: headings, quotations
(a pull quote after a picture) and list items."""


@attrs.define
class Block:
    """One block of text and where it came from."""

    text: str
    source: int
    """Serial number of the block element that held it (blocks of one element share it)."""
    kind: str
    """``"h"`` heading, ``"p"`` paragraph, ``"li"``, ``"quote"``, ``"cell"``, ``"div"``."""
    size: int
    """Non-space characters of the block."""
    links: int
    """Non-space characters inside links."""
    anchors: int
    """How many links the block holds."""
    internal: int = 0
    """How many of those links point within the article's own site (relative ones too)."""
    after_rule: bool = False
    """Whether an ``<hr>`` came between the previous block and this one."""
    small: bool = False
    """Whether all its text is inside ``<small>`` (small print by its look)."""


def _stored_slots(cls: type) -> tuple[Any, ...] | None:
    """The slot descriptors of the attrs class ``cls``'s fields, in order, when making one
    is only storing its arguments in them (no validator, converter or init hook, and
    ``object``'s ``__new__`` and ``__setattr__``); else None."""
    if (
        getattr(cls, "__new__", None) is not object.__new__
        or getattr(cls, "__setattr__", None) is not object.__setattr__
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
    ):
        return None
    fields = attrs.fields(cls)
    if any(f.validator or f.converter or not f.init or f.alias != f.name for f in fields):
        return None
    slots = tuple(vars(cls).get(f.name) for f in fields)
    if not all(type(slot) is types.MemberDescriptorType for slot in slots):
        return None
    # No other slot (attrs' cached hash, a base class's field) that __init__ would fill
    # and a made object would leave empty.
    others = {
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if type(value) is types.MemberDescriptorType
    }
    if others != {f.name for f in fields}:
        return None
    return slots


_BLOCK_SLOTS: Final = _stored_slots(Block)
"""Where a :class:`Block` keeps its fields: the compiled walk fills a new block's slots
with them, as ``Block.__init__`` does (``_ctree.walk_blocks``)."""


class _Gatherer:
    """The text gathered since the last block element, and the blocks made of it.

    The walk (:class:`~newsparse.body.walker._Walker`) adds text with :meth:`_add`, breaks
    lines with :meth:`_br`, keeps the depth counters (bold, link, emphasis, small print)
    and opens and closes block elements (:meth:`_push`, :meth:`_flush`); a folded block
    of the compiled walk is one step (``_ctree.walk_blocks``).
    """

    def __init__(self, base_url: str | None, *, decodes_invisible: bool) -> None:
        self._decodes_invisible = decodes_invisible
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._buf_links = 0
        self._buf_anchors = 0
        self._buf_internal = 0
        self._bold_depth = 0
        self._link_depth = 0
        self._bold_only = True
        self._pending_split: int | None = None
        self._prefix = ""
        self._serial = 0
        self._stack: list[tuple[int, str]] = [(0, "div")]
        self._base_url = base_url
        self._home_site: str | None = None
        self._home_read = False  # whether _home_site is registered_domain(base_url) yet
        self._home_hosts: dict[str, bool] = {}  # host -> whether its site is _home
        # How the block now gathered looks: all of it emphasised, all of it small print.
        self._style_depth = 0
        self._small_depth = 0
        self._styled_only = True
        self._small_only = True
        self._block_el: Any = None
        # The last image/media item, while no text block has come after it: a caption
        # that follows attaches to it.
        self._captionable: tuple[str, int] | None = None
        # The last block came right before whatever the walk meets next.
        self._fresh = False
        self._after_rule = False

    @property
    def _home(self) -> str | None:
        """The registered site of the page's URL (read when a link first needs it: most
        walks meet no absolute link)."""
        if not self._home_read:
            self._home_site = registered_domain(self._base_url)
            self._home_read = True
        return self._home_site

    def _loose_caption(self, text: str, emphasised: bool, small: bool) -> bool:
        """Whether ``text`` went to the picture just before it as its caption (the walker
        decides; without pictures, never)."""
        return False

    def _add(self, text: str | None) -> None:
        if not text:
            return
        if not self._buf and text.isspace():
            return  # white space opening a block: normalize_block would strip it
        if text.strip():
            if self._style_depth == 0:
                self._styled_only = False
            if self._small_depth == 0:
                self._small_only = False
            if self._pending_split is not None and self._bold_depth == 0:
                head = self._buf[: self._pending_split]
                rest = self._buf[self._pending_split :]
                self._buf = head
                self._flush()
                self._buf = [p for p in rest if p != BR_MARK]
            if self._bold_depth == 0:
                self._bold_only = False
            if self._link_depth:
                self._buf_links += _nonspace(text)
        self._buf.append(text)

    def _flush(self) -> None:
        buf = self._buf
        self._bold_only = True
        self._pending_split = None
        links, anchors, internal = self._buf_links, self._buf_anchors, self._buf_internal
        self._buf_links = self._buf_anchors = self._buf_internal = 0
        emphasised, small = self._styled_only, self._small_only
        self._styled_only = self._small_only = True
        if not buf:  # between two block elements: nothing gathered
            return
        raw = "".join(buf)
        self._buf = []
        self._block(raw, links, anchors, internal, emphasised, small)

    def _block(
        self,
        raw: str,
        links: int,
        anchors: int,
        internal: int,
        emphasised: bool,
        small: bool,
        size: int = -1,
        text: str | None = None,
    ) -> None:
        """Make a block of the gathered text ``raw`` (what :meth:`_flush` found buffered).

        ``size``, when known (not -1), is the count of ``raw``'s characters that are not
        white space: normalising keeps those and leaves single spaces and line breaks, so
        it is the block's size unless characters are cleaned out or a prefix is added.
        ``text``, when known (not None), is ``raw`` normalised (the compiled walk's).
        """
        if size == 0 or (size < 0 and not raw.strip()):
            return
        if text is None:
            # Each <br> keeps its line. Within a line, a line break between two
            # East-Asian-ambiguous marks (” and ―) stays a space: normalize_block removes
            # breaks only where a CJK character is on one side.
            if BR_MARK in raw:
                text = "\n".join(line for line in map(normalize_block, raw.split(BR_MARK)) if line)
            else:
                text = normalize_block(raw)
        if self._decodes_invisible:
            # Character references decode after the invisible characters were cleaned
            # from the source: clean again ("&#1;" is a control character).
            text = clean_invisible(text)
            size = -1
        if not text:
            return
        if self._prefix:
            text = f"{self._prefix} {text}"
            self._prefix = ""
            size = -1
        elif text[-1] in _DASHES and _DATELINE_PREFIX.match(text):
            # "华盛顿 — " before the first <p>: it opens the next paragraph.
            self._prefix = text
            return
        stack = self._stack
        source, kind = stack[-1]
        captionable = self._captionable
        if (
            captionable is not None
            and captionable[0] == "image"  # else no caption to attach (see _loose_caption)
            and all(k not in _NO_CAPTION_KINDS for _, k in stack)
            and self._loose_caption(text, emphasised, small)
        ):
            return
        if size < 0:
            # Normalised: single spaces and line breaks are its only white space.
            size = len(text) - text.count(" ") - text.count("\n")
        self.blocks.append(
            Block(
                text,
                source,
                kind,
                size,
                min(links, size),
                anchors,
                internal,
                self._after_rule,
                small,
            )
        )
        self._after_rule = False
        self._captionable = None
        self._fresh = True

    def _br(self) -> None:
        # Two <br> in a row end the block; a single one ends a line, except after the
        # bold-only first lines when plain text follows: they are then a sub-heading.
        for piece in reversed(self._buf):
            if piece == BR_MARK:
                while self._buf and (self._buf[-1] == BR_MARK or not self._buf[-1].strip()):
                    self._buf.pop()
                self._flush()
                return
            if piece.strip():
                break
        if self._bold_only and any(p.strip() for p in self._buf):
            self._pending_split = len(self._buf)
        self._buf.append(BR_MARK)

    def _push(self, tag: str) -> None:
        self._serial += 1
        kind = _BLOCK_KIND.get(tag)
        if kind is None:
            kind = self._stack[-1][1] if self._stack[-1][1] in {"quote", "li"} else "div"
        self._stack.append((self._serial, kind))

    def _is_internal(self, href: str) -> bool:
        """Whether a link points within the article's own site (relative links do)."""
        href = href.strip()
        if not href or href.startswith("#"):
            return False
        m = _HOST.match(href)
        if m is None:
            return not _SCHEME.match(href)  # relative; else a scheme without a host
        home = self._home
        if home is None:  # (where _HOST matches, _SCHEME does)
            return False
        host = m.group(1).lower()
        if host != home and not host.endswith("." + home):
            return False
        opening = m.group(0)
        end = m.end()
        if (end == len(href) or href[end] in "/?#") and "@" not in opening and opening.isascii():
            # The whole authority is the host, in ASCII: registered_domain(href) reads only
            # the host (urlsplit's hostname, or its plain-host match, is host): once a host.
            known = self._home_hosts.get(host)
            if known is None:
                known = self._home_hosts[host] = registered_domain(href) == home
            return known
        return registered_domain(href) == home
