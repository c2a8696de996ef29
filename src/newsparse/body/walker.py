"""Blocks in reading order: one walk over each content root, cutting its text into
blocks and collecting pictures and players with their captions and credits.

::

    <p>First paragraph.<br><br>Second one.</p>      two blocks: a double <br> ends one
    <p><b>A sub-heading</b><br>Plain text.</p>      two blocks: the bold first line heads
    <img src="a.jpg"><p class="wp-caption-text">The caption.</p>    an Image with its caption
    <div><img src="b.jpg"></div><div><small>Also a caption.</small></div>
    <iframe src="https://www.youtube.com/embed/x"></iframe>        a "video" Media
    <p>华盛顿 —</p><p>The story.</p>                one block: "华盛顿 — The story."
    <p>First line<br>second line</p>                one block of two lines: "First line\nsecond line"
    <img src="c.jpg"><p>A harbour at dawn.（美联社）</p>    a caption and credit outside <figure>

The text between block elements is gathered into blocks by :mod:`~newsparse.body.blocks`
(the walker's base class); every :class:`~newsparse.body.blocks.Block` remembers the block
element it came from, its kind (heading, paragraph, list item…) and how much of it is
link text, for the cleaners (:mod:`~newsparse.body.cleaners`).

A single ``<br>`` keeps its line: the block's lines are joined by ``"\n"`` (poems, lyrics,
question-and-answer lines, lists written with breaks). A short block right after a picture
outside ``<figure>`` is its caption when it looks like one (:func:`loose_caption`); one
right before it only when it says so (:func:`marked_caption`).
"""

from __future__ import annotations

import re
from typing import Any, Final

import attrs
from lxml import etree

from newsparse import _accel
from newsparse._context import Context
from newsparse._text import normalize_line
from newsparse.body._tree import BLOCK_TAGS, _classes, _nonspace
from newsparse.body.blocks import (
    _BLOCK_KIND,
    _BLOCK_SLOTS,
    _DATELINE_PREFIX,
    _NO_CAPTION_KINDS,
    _Gatherer,
)
from newsparse.body.blocks import Block as Block
from newsparse.body.captions import (
    _CAPTION_OR_CREDIT,
    _SMALL_PRINT_START,
    MAX_CAPTION,
    MAX_LOOSE_CAPTION,
    _figure_caption,
    _is_figure_box,
    _read_caption,
    _size_text,
    loose_caption,
    marked_caption,
    styled_caption,
)
from newsparse.body.images import _image_src, _is_furniture, _safe_url
from newsparse.body.media import iframe_media, media_element, social_post
from newsparse.byline import byline_in
from newsparse.model import Image, Media

BOLD_TAGS: Final = frozenset({"strong", "b"})
_STYLE_TAGS: Final = frozenset({"em", "i", "small", "cite"})
"""Tags whose text looks like a caption's when a whole line is in them."""
_CENTERED: Final = re.compile(r"text-align\s*:\s*center", re.I)

_FIGURE_TO_BE: Final = frozenset({"figure", "div", "hr", "blockquote"})
"""The block tags whose start may read more than the tag (a figure, a figure box, a rule,
an embedded post); the other blocks' starts only flush and open a block while no picture
waits for its caption (see :meth:`_Walker._start`)."""
_PLAIN_BLOCKS: Final = BLOCK_TAGS - _FIGURE_TO_BE
"""The block tags whose start only flushes and opens a block while no picture waits for
its caption."""


_WALK_TAGS: Final = BLOCK_TAGS | BOLD_TAGS | _STYLE_TAGS | {
    "br", "img", "audio", "video", "iframe", "embed", "picture", "small", "a",
}  # fmt: skip
"""The tags :meth:`_Walker._start` and :meth:`_Walker._end` act on (lower-cased)."""
_WALK_MARKS: Final = (b"class", b"id")
"""The attributes that make any element one the walker looks at (a caption's class)."""
_WALK_FOLD: Final = BOLD_TAGS | {"a"}
"""The tags of :data:`_WALK_TAGS` that only count bold and link text in a block: the
compiled walk takes a block holding no other tag of :data:`_WALK_TAGS` in one step (its
text and counts gathered at once), and one holding style tags (:data:`_STYLE_TAGS`) or
marked elements as well while no picture waits for its caption (then those elements may
be captions)."""
_FIGURE_BOX: Final = ("div", b"figure")
"""A ``<div>`` is a figure box (:func:`~newsparse.body.captions._is_figure_box`) only when
its class or id holds this word in any case: while no picture waits for its caption, the
compiled walk asks :meth:`_Walker._decide` about no other ``<div>`` (its start only
flushes and opens the block then)."""
_SOCIAL_BOX: Final = ("blockquote", b"")
"""A ``<blockquote>`` is an embedded post (:func:`~newsparse.body.media.social_post`) only
when its class or id is not empty: while no picture waits for its caption, the compiled
walk asks :meth:`_Walker._decide` about no other ``<blockquote>`` (the empty word of
``_ctree.walk_blocks``' boxes)."""
_BOXES: Final = (_FIGURE_BOX, _SOCIAL_BOX)
"""The blocks of :data:`_FIGURE_TO_BE` whose start reads more only by their class or id."""
_PLAYER_TAGS: Final = frozenset({"img", "audio", "video", "iframe", "embed", "picture"})
"""The tags whose start always takes the element whole (:meth:`_Walker._decide`)."""
_CAPTION_TAGS: Final = frozenset({"figcaption", "small"})
"""The tags of the elements :meth:`_Walker._decide` may take as a caption whatever their
marks and text. Any other is a caption only by its class or id (:meth:`_Walker._is_caption`),
or, a block, when it has no text of its own before its one ``<small>`` child
(:meth:`_Walker._is_small_caption`): while a picture waits for its caption, the compiled
walk asks about no other element without a :data:`_WALK_MARKS` attribute, nor about a
block of :data:`_PLAIN_BLOCKS` or a box of :data:`_BOXES` without one that has text of its
own or other children than one ``<small>`` with a blank tail."""
_WALK_PLAN: Final = (
    _WALK_TAGS, _WALK_MARKS, BLOCK_TAGS, _WALK_FOLD, _STYLE_TAGS, _PLAIN_BLOCKS | {_FIGURE_BOX[0]},
    _FIGURE_TO_BE, _BOXES, _PLAYER_TAGS, BOLD_TAGS, _BLOCK_KIND, _NO_CAPTION_KINDS,
    _DATELINE_PREFIX.match, _CAPTION_TAGS, (Block, _BLOCK_SLOTS),
)  # fmt: skip
"""What the compiled walk (``_ctree.walk_blocks``) needs to know of the walker's rules."""
_COMPILED_PLAN: Final = None if _accel.CTREE is None else _accel.CTREE.walk_plan(_WALK_PLAN)
""":data:`_WALK_PLAN` read once by the accelerator (``_ctree.WalkPlan``), when it runs."""


_FIGURE_PARTS: Final = ("img", "iframe", "embed", "audio", "video", "figcaption")
"""The pictures, players and caption elements of a figure (:func:`_figure_parts`)."""
_FIGURE_PART_NAMES: Final = tuple(tag.encode() for tag in _FIGURE_PARTS)
"""The same tags as the compiled ``tagged`` takes them (UTF-8)."""


def _figure_parts(el: Any) -> tuple[list[Any], list[Any], Any]:
    """A figure's pictures (``list(el.iter("img"))``), its players (``list(el.iter("iframe",
    "embed", "audio", "video"))``) and its first ``<figcaption>`` below it (or None), from
    one walk of its subtree (``el``, a ``<figure>`` or a ``<div>``, is none of them; the
    accelerator's ``tagged`` makes that walk when it runs: ``el.iter`` reads its tags
    anew at each call)."""
    imgs: list[Any] = []
    players: list[Any] = []
    caption_el = None
    compiled = _accel.CTREE
    nodes = el.iter(*_FIGURE_PARTS) if compiled is None else compiled.tagged(el, _FIGURE_PART_NAMES)
    for node in nodes:
        tag = node.tag
        if tag == "img":
            imgs.append(node)
        elif tag != "figcaption":
            players.append(node)
        elif caption_el is None and node is not el:
            caption_el = node
    return imgs, players, caption_el


class _Walker(_Gatherer):
    """One pass over the content tree: blocks of text, images and media in order."""

    def __init__(self, ctx: Context, base_url: str | None, *, decodes_invisible: bool) -> None:
        super().__init__(base_url, decodes_invisible=decodes_invisible)
        self.ctx = ctx
        self.base_url = base_url
        self.images: list[Image] = []
        self.media: list[Media] = []
        # The elements whose subtree _start consumed, themselves (not their id(): an lxml
        # proxy nothing else holds may be freed during the walk and its id reused).
        self._skipped: set[Any] = set()
        self._seen_images: set[str] = set()
        self._credit_lines: list[str] = []

    # -- the walk

    def walk(self, root: Any) -> None:
        """Gather ``root``'s blocks, images and media (with the accelerator when it runs:
        the gatherer's mechanics compiled, the decisions these methods')."""
        compiled = _accel.CTREE
        if compiled is not None:
            compiled.walk_blocks(root, self, _COMPILED_PLAN or _WALK_PLAN)
        else:
            self.walk_py(root)

    def walk_py(self, root: Any) -> None:
        """:meth:`walk` in Python: the reference of the compiled walk."""
        walker = etree.iterwalk(root, events=("start", "end"))
        start, end, add = self._start, self._end, self._add  # the hot loop's names
        skipped = self._skipped
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end":
                    add(el.tail)
                continue
            tag = tag.lower()
            if event == "start":
                if start(el, tag):
                    skipped.add(el)
                    walker.skip_subtree()  # its "end" event still comes
                else:
                    add(el.text)
            else:
                end(el, tag, el in skipped)
                add(el.tail)

    def _start(self, el: Any, tag: str) -> bool:
        """Handle an opening tag; True means the subtree was consumed here.

        The mechanics (flushing and opening blocks, ``<br>``, the depth counters) are
        here; what to make of pictures, players, figures and captions is
        :meth:`_decide`'s. :meth:`_start` and :meth:`_end` act only on the elements of
        :data:`_WALK_TAGS` and those with a :data:`_WALK_MARKS` attribute; any other
        element is only its text to them. The compiled walk (``_ctree.walk_blocks``)
        does these mechanics itself and calls :meth:`_decide` where this does: keep the
        two in step.
        """
        if tag in BLOCK_TAGS:
            self._flush()
            self._push(tag)
            self._block_el = el
            if tag in _FIGURE_TO_BE or self._captionable is not None:
                return self._decide(el, tag, self._buf)
            return False
        if tag == "br":
            self._br()
            return True
        if tag in _PLAYER_TAGS:
            return self._decide(el, tag, self._buf)
        if self._captionable is not None and self._decide(el, tag, self._buf):
            return True
        if tag in BOLD_TAGS:
            self._bold_depth += 1
        elif tag == "a" and el.get("href") is not None:
            self._link_depth += 1
            self._buf_anchors += 1
            if self._is_internal(el.get("href")):
                self._buf_internal += 1
        elif tag in _STYLE_TAGS:
            self._style_depth += 1
            if tag == "small":
                self._small_depth += 1
        return False  # the walk gathers el.text next

    def _decide(self, el: Any, tag: str, buf: list[str]) -> bool:
        """What an element the walk meets is, beyond text: True when it was taken whole
        (a figure, a picture, a player, a rule, an embedded post, a caption); ``buf`` is
        the text gathered since the last block element (a caption opens a line).

        Called for a block element of :data:`_FIGURE_TO_BE` (after its start flushed and
        opened the block; the compiled walk passes over a ``<div>`` without
        the word of :data:`_FIGURE_BOX` and a ``<blockquote>`` without a class or id
        while no picture waits: :data:`_BOXES`), for a picture or player (:data:`_PLAYER_TAGS`: always taken),
        and for any other element of :data:`_WALK_TAGS` or with a :data:`_WALK_MARKS`
        attribute while a picture waits for its caption (the compiled walk asks only
        where this can take one: see :data:`_CAPTION_TAGS`). It reads and changes only the
        pictures, players, blocks and what waits for a caption (``_captionable``,
        ``_fresh``, ``_after_rule``), never the gathered text or the counters.
        """
        if tag in BLOCK_TAGS:
            if (tag == "figure" or (tag == "div" and _is_figure_box(el))) and self._figure(el):
                return True
            if tag == "hr":
                self._after_rule = True
                return True
            if tag == "blockquote" and self._social_post(el):
                return True
            if self._captionable is not None and (
                tag == "figcaption" or self._is_small_caption(el)
            ):
                self._caption_element(el)
                return True
            # Nor a caption element by _is_caption: _is_small_caption read the same classes,
            # and a block is no <small>.
            return False
        if tag == "img":
            self._image(el)
            return True
        if tag in {"audio", "video"}:
            self._media_element(el, tag)
            return True
        if tag in {"iframe", "embed"}:
            self._iframe(el)
            return True
        if tag == "picture":
            img = el.find(".//img")
            if img is not None:
                self._image(img)
            return True
        if self._captionable is not None and self._is_caption(el, tag) and not "".join(buf).strip():
            self._caption_element(el)
            return True
        return False

    def _end(self, el: Any, tag: str, skipped: bool) -> None:
        if not skipped:
            if tag in BOLD_TAGS and self._bold_depth > 0:
                self._bold_depth -= 1
            elif tag == "a" and el.get("href") is not None and self._link_depth > 0:
                self._link_depth -= 1
            elif tag in _STYLE_TAGS and self._style_depth > 0:
                self._style_depth -= 1
                if tag == "small" and self._small_depth > 0:
                    self._small_depth -= 1
        if tag in BLOCK_TAGS:
            self._flush()
            if len(self._stack) > 1:
                self._stack.pop()
        # The walk gathers el.tail next.

    def _is_caption(self, el: Any, tag: str) -> bool:
        """An element of :data:`_WALK_TAGS` taken as a caption: by its class or id, or a
        ``<small>``. The compiled walk relies on this (see :data:`_CAPTION_TAGS`): a
        change here that takes other elements needs the plan changed too, or the two paths
        differ (the parity properties of ``tests/test_accel_walk.py`` would say so)."""
        classes = _classes(el)
        if classes and _CAPTION_OR_CREDIT.search(classes):
            return True
        return tag == "small"

    def _is_small_caption(self, el: Any) -> bool:
        """``<div><small>caption</small></div>`` (VOA), or a caption-classed block (the
        compiled walk relies on a block without a class or id being one only in that shape,
        which it checks itself: see :data:`_CAPTION_TAGS`)."""
        classes = _classes(el)
        if classes and _CAPTION_OR_CREDIT.search(classes):
            return True
        if (el.text or "").strip():
            return False
        only = None  # its one child element, read up to a second one
        for child in el:
            if isinstance(child.tag, str):
                if only is not None:
                    return False
                only = child
        return only is not None and only.tag == "small" and not (only.tail or "").strip()

    # -- captions

    def _loose_caption(self, text: str, emphasised: bool, small: bool) -> bool:
        """Attach ``text`` to the picture just before it when it reads as its caption."""
        if self._captionable is None or self._captionable[0] != "image":
            return False
        if self.images[self._captionable[1]].caption is not None:
            return False
        if "\n" in text or len(text) > MAX_LOOSE_CAPTION:
            return False  # no loose caption, however it looks (loose_caption's first test)
        el = self._block_el
        style = "" if el is None else el.get("style") or ""
        centered = bool(_CENTERED.search(style)) or (
            el is not None and (el.get("align") or "").lower() == "center"
        )
        styled = styled_caption(text, small=small, centered=centered, emphasised=emphasised)
        found = loose_caption(text, styled=styled)
        if found is None:
            return False
        self._attach(*found)
        self._captionable = None
        return True

    def _caption_element(self, el: Any) -> None:
        if _SMALL_PRINT_START.match(normalize_line(" ".join(el.itertext()))):
            return  # a copyright line under a picture is small print, not its caption
        caption, credit = _read_caption(el)
        self._attach(caption, credit)

    def _attach(self, caption: str | None, credit: str | None) -> None:
        if self._captionable is None or (caption is None and credit is None):
            return
        kind, index = self._captionable
        if kind == "image":
            img = self.images[index]
            new_caption = img.caption
            if caption:
                new_caption = caption if img.caption is None else f"{img.caption} {caption}"
            self.images[index] = attrs.evolve(img, caption=new_caption, credit=credit or img.credit)
            if caption:
                self._credit_lines.append(caption)
        else:
            item = self.media[index]
            self.media[index] = attrs.evolve(item, caption=item.caption or caption)

    # -- pictures and players

    def _image(self, el: Any, caption: str | None = None, credit: str | None = None) -> bool:
        url = _safe_url(_image_src(el), self.base_url, self.ctx, "an image")
        if url is None or url in self._seen_images or _is_furniture(el, url):
            return False  # (a picture met before is not looked at again)
        self._seen_images.add(url)
        alt = el.get("alt")
        alt = (normalize_line(alt) or None) if alt else None
        self.images.append(Image(url=url, alt=alt, caption=caption, credit=credit))
        if caption:
            self._credit_lines.append(caption)
        self._captionable = ("image", len(self.images) - 1)
        fresh, self._fresh = self._fresh, False
        if caption is None and credit is None and fresh and self.blocks:
            # A caption written just before its picture, saying so ("图：…（路透社）").
            found = marked_caption(self.blocks[-1].text)
            if found is not None:
                self.blocks.pop()
                self._attach(*found)
        return True

    def _figure(self, el: Any) -> bool:
        imgs, players, caption_el = _figure_parts(el)
        if not imgs and not players:
            # A figure without a picture: the caption of the picture just before it
            # (Aesop: <div><img/></div><figure><figcaption>…), else text (a pull quote).
            if (
                caption_el is not None
                and self._captionable is not None
                and _size_text(el) <= MAX_CAPTION
            ):
                self._caption_element(caption_el)
                return True
            return False
        caption, credit = _figure_caption(el, caption_el)
        placed = False
        for img in imgs:
            if not placed:
                placed = self._image(img, caption, credit)
            else:
                self._image(img)
        for player in players:
            if player.tag in {"audio", "video"}:
                self._media_element(player, player.tag, None if placed else caption)
            else:
                self._iframe(player, None if placed else caption)
        return True

    def _social_post(self, el: Any) -> bool:
        """An embedded social-media post: an ``embed`` Media item (see :func:`social_post`)."""
        media = social_post(el, self.base_url, self.ctx)
        if media is None:
            return False
        self.media.append(media)
        self._captionable = None
        self._fresh = False
        return True

    def _media_element(self, el: Any, tag: str, caption: str | None = None) -> None:
        self._add_player(media_element(el, tag, self.base_url, self.ctx, caption))

    def _iframe(self, el: Any, caption: str | None = None) -> None:
        self._add_player(iframe_media(el, self.base_url, self.ctx, caption))

    def _add_player(self, media: Media | None) -> None:
        if media is None:
            return
        self.media.append(media)
        self._captionable = ("media", len(self.media) - 1)
        self._fresh = False

    def finish(self) -> None:
        """End the current root: flush what is pending."""
        self._flush()
        if self._prefix:
            source, kind = self._stack[-1]
            size = _nonspace(self._prefix)
            self.blocks.append(Block(self._prefix, source, kind, size, 0, 0))
            self._prefix = ""
        self._captionable = None
        self._fresh = False

    def credits_byline(self) -> str | None:
        """A writer named in a picture's credits (an episode's ``文案策划/NAME``)."""
        for line in self._credit_lines:
            found = byline_in(line)
            if found:
                return found
        return None
