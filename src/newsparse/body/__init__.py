"""Body extraction shared by every format: HTML (or Markdown) in, paragraphs, images and media out.

The pipeline, in order (each step names the module that does it):

1. **parse** the HTML once with lxml (:mod:`~newsparse.body._tree`: comments and processing
   instructions dropped, no network, no external entities); when libxml2 gives up on absurd
   nesting, the tags beyond :data:`~newsparse.body._tree.MAX_DEPTH` levels are dropped
   (their text kept) and the document is parsed again;
2. **drop** what is never content (:mod:`~newsparse.body.drop`: scripts, styles, svg,
   forms, …), after rescuing the picture of a ``<noscript>`` whose lazy-loaded ``<img>``
   has no real URL;
3. **measure** every element once, bottom-up (:func:`~newsparse.body._tree.measure`): how
   much text it holds and how much of that is link text; later decisions read these
   numbers instead of walking subtrees again (on the compiled path the same pass picks the
   byline elements and content containers by their marks:
   :func:`~newsparse.body.content.measure_and_pick`);
4. **plan the content** (:mod:`~newsparse.body.content`): a known content container, else
   a lone ``<article>``, else the whole body; around that container the lead picture and
   the standfirst before it, and a comment thread written by the article's own
   contributors after it (ChinaFile Conversations, whose ``#comments`` section is the
   article); the byline the markup states;
5. **remove chrome** inside (:func:`remove_chrome`): by tag, class, id or style
   (:mod:`~newsparse.body.chrome`: share bars, ad slots, meta lines, reader comments,
   paywalls), then by shape (:mod:`~newsparse.body.structure`: a list of links under a
   "Related/相关/延伸阅读" label, an outlet/date lockup around ``<time>``, a card holding a
   button, a linked card repeating the title, a teaser box of another article,
   heading-only and link-only boxes after the text);
6. **walk** each planned root once in document order (:mod:`~newsparse.body.walker`),
   cutting blocks at block elements and ``<br><br>`` (a bold first line before plain text
   is a heading of its own), collecting images (:mod:`~newsparse.body.images`) with their
   captions and credits (:mod:`~newsparse.body.captions`), and media; every block
   remembers its element, its kind and its link text;
7. **clean the blocks** (:mod:`~newsparse.body.cleaners`): date lines become date
   evidence, a paragraph repeating the title goes, feed footers, "related" lines,
   promotional tails after a rule, standing subscribe/listen footers, hashtag lines and
   trailing orphan headings are cut; on a video page the description loses its channel
   boilerplate (:mod:`~newsparse.body.description`).

Nothing here raises on messy HTML; what is dropped for safety (``javascript:`` and ``data:``
URLs) is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

import attrs
from markdown_it import MarkdownIt

from newsparse import _accel
from newsparse._context import Context
from newsparse._text import clean_invisible
from newsparse.body._tree import (
    LONG_TAG_WIDTH,
    MAX_ATTRIBUTES,
    MAX_DEPTH,
    Sizes,
    _parse,
    _text_of,
    flatten_deep,
    limit_attributes,
    long_tag_py,
    tag_marks_py,
)
from newsparse.body.chrome import remove_chrome_by_name
from newsparse.body.cleaners import _move_title_image_line, clean_blocks
from newsparse.body.content import _page_byline, measure_and_pick, plan_content
from newsparse.body.drop import DROP_TAGS, RESCUE_TAGS, _prepare
from newsparse.body.structure import remove_chrome_by_shape
from newsparse.body.walker import _Walker
from newsparse.dates import parse_date_line
from newsparse.model import Image, Media

__all__ = ["Body", "extract_html", "extract_markdown", "looks_like_html"]


class _RenderEveryLink(MarkdownIt):
    """Every link and image is rendered, so that an unsafe one is dropped *with a warning*
    by the HTML extraction rather than silently left as Markdown text."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it-py's name
        return True


_MARKDOWN: Final = _RenderEveryLink("commonmark", {"html": True}).enable("table")

_NON_SPACE: Final = re.compile(r"\S")
r"""A character ``str.lstrip`` keeps (``\s`` is the set of ``str.isspace``)."""
_HTML_START: Final = re.compile(r"<(?:[A-Za-z][\w-]*[\s/>]|!--|!doctype)", re.IGNORECASE)

# Video descriptions (YouTube pages archived as posts): the channel's standing boilerplate.
_VIDEO_PAGE: Final = re.compile(
    r"^https?://(?:[\w-]+\.)?(?:youtube\.com|youtu\.be|vimeo\.com|bilibili\.com|dailymotion\.com|rumble\.com)/",
    re.I,
)

_SCANNED_TAGS: Final = (*DROP_TAGS, "time", "article")
"""The tags whose elements :func:`extract_html` looks for only when the HTML opens one."""
_DROP_MASK: Final = (1 << len(DROP_TAGS)) - 1
_RESCUE_MASK: Final = sum(1 << DROP_TAGS.index(tag) for tag in RESCUE_TAGS)
_TIME_MASK: Final = 1 << len(DROP_TAGS)
_ARTICLE_MASK: Final = 1 << (len(DROP_TAGS) + 1)
_EVERY_TAG: Final = (1 << len(_SCANNED_TAGS)) - 1
"""What the pure path takes the HTML to open: every tag (each tree is searched)."""

_ENTITY_WORDS: Final = ("#", "shy", "zwj", "zwnj", "zerowidth", "negative", "nobreak")
_ENTITY_RISK: Final = re.compile("&(?:" + "|".join(map(re.escape, _ENTITY_WORDS)) + ")", re.I)
"""Character references that may decode to an invisible character (numeric ones, ``&shy;``,
``&zwj;``, ``&ZeroWidthSpace;``…). The HTML is cleaned of invisible characters before it
is parsed, so without these its text holds none and blocks need no second cleaning."""


def _entity_risk(html: str, first: int | None = None) -> bool:
    """Whether :data:`_ENTITY_RISK` occurs in ``html``. The compiled ``word_after`` (see
    :func:`word_after_py`) finds the only places where it can match, in one scan that
    skips from one ``&`` to the next; the regex confirms each (most bodies: none).
    ``first`` is the first such place when the caller knows it (:func:`html_facts_py`)."""
    compiled = _accel.CTREE
    if compiled is None:
        # Most bodies hold no "&" at all: the regex (which tries each "&") is not needed then.
        return "&" in html and _ENTITY_RISK.search(html) is not None
    pos = compiled.word_after(html, "&", _ENTITY_WORDS, 0) if first is None else first
    while pos >= 0:
        if _ENTITY_RISK.match(html, pos) is not None:
            return True
        pos = compiled.word_after(html, "&", _ENTITY_WORDS, pos + 1)
    return False


def html_facts_py(
    text: str, width: int, spaces: int, names: tuple[str, ...], words: tuple[str, ...]
) -> tuple[bool, int, int]:
    """What :func:`extract_html` reads of a body before parsing it, as the compiled
    ``html_facts`` finds it in one pass: whether it may hold a tag to limit
    (:func:`~newsparse.body._tree.long_tag_py`), which of ``names`` its tags open
    (:func:`~newsparse.body._tree.tag_marks_py`) and the first ``&`` followed by one of
    ``words`` (:func:`word_after_py`). The reference of the compiled version."""
    return (
        long_tag_py(text, width, spaces),
        tag_marks_py(text, names),
        word_after_py(text, "&", words, 0),
    )


def word_after_py(text: str, lead: str, words: tuple[str, ...], start: int) -> int:
    """The first index from ``start`` of ``lead`` followed by one of ``words`` (lower-case
    ASCII) in any ASCII case, a character beyond ASCII matching any letter (it may
    case-fold to one, as ``ſ`` to ``s`` under ``re.IGNORECASE``); -1 when there is none:
    the reference of the compiled version. A case-insensitive ``lead(?:word|…)`` can
    match only at such an index."""
    pos = text.find(lead, max(start, 0))
    while pos >= 0:
        for word in words:
            after = text[pos + 1 : pos + 1 + len(word)]
            if len(after) < len(word):
                continue
            for char, letter in zip(after, word, strict=True):
                if not char.isascii():
                    return pos
                if char.lower() != letter:
                    break
            else:
                return pos
        pos = text.find(lead, pos + 1)
    return -1


@attrs.frozen
class Body:
    """What the body holds, in reading order."""

    paragraphs: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    media: tuple[Media, ...] = ()
    dates: tuple[dt.datetime, ...] = ()
    """Standalone date lines found (and removed) in the body."""
    byline: str | None = None
    """A byline the page markup states (``span.byline``, an author box, the contributors of
    a conversation, the credits of an episode), if any."""
    tags: tuple[str, ...] = ()
    """Tags listed by a tag line in the body's small print (``Post tags: …``)."""
    credited: tuple[str, ...] = ()
    """People named by the credit lines taken out of the text (translators, a sign-off
    without a label, an author/date lockup): the byline when nothing else names a writer."""


def looks_like_html(text: str) -> bool:
    """Tell HTML bodies from Markdown or plain-text ones: HTML opens with a tag (within the
    200 characters from the first that ``str.lstrip`` keeps; found without a copy)."""
    first = _NON_SPACE.search(text)
    return (
        first is not None
        and _HTML_START.match(text, first.start(), first.start() + 200) is not None
    )


def extract_markdown(
    text: str, ctx: Context, *, base_url: str | None = None, title: str | None = None
) -> Body:
    """Render a Markdown body with markdown-it-py (CommonMark) and extract it as HTML."""
    return extract_html(_MARKDOWN.render(text), ctx, base_url=base_url, title=title)


def extract_html(
    html: str,
    ctx: Context,
    *,
    base_url: str | None = None,
    title: str | None = None,
    visible: bool = False,
) -> Body:
    """Extract paragraphs, images, media and date lines from an HTML body (``visible``: the
    caller knows that it holds no invisible character to clean)."""
    if not visible:
        html = clean_invisible(html)
    if not html or html.isspace():  # ``not html.strip()`` without the copy
        return Body()
    # On the compiled path, what is read of the text before parsing it is found in one
    # pass (html_facts_py): whether a tag may need limiting, the tags it opens (the parser
    # makes an element of a name only from such a tag, see _tree.tag_marks_py: most trees
    # need not be searched for the tags to drop, the pictures to rescue or the <time>
    # elements) and where a character reference may decode to an invisible character.
    # The pure path searches every tree.
    compiled = _accel.CTREE
    facts = (
        None
        if compiled is None
        else compiled.html_facts(html, LONG_TAG_WIDTH, MAX_ATTRIBUTES, _SCANNED_TAGS, _ENTITY_WORDS)
    )
    html, cut = limit_attributes(html, None if facts is None else facts[0])
    if cut:
        ctx.note(
            "html-attributes-dropped",
            f"{cut} tag(s) with more than {MAX_ATTRIBUTES} attributes kept only their name",
        )
        if compiled is not None:  # the facts of the text parsed
            facts = compiled.html_facts(
                html, LONG_TAG_WIDTH, MAX_ATTRIBUTES, _SCANNED_TAGS, _ENTITY_WORDS
            )
    root, too_deep = _parse(html)
    parsed = html
    if too_deep:
        ctx.note(
            "html-too-deep",
            f"elements nested deeper than {MAX_DEPTH} levels were flattened (their text is kept)",
        )
        parsed = flatten_deep(html)
        root, _ = _parse(parsed)
    if root is None:
        return Body()
    if compiled is None or facts is None:
        opened = _EVERY_TAG
    elif parsed is html:
        opened = facts[1]
    else:  # flattened: dropping tags may join a "<" to a name
        opened = compiled.tag_marks(parsed, _SCANNED_TAGS)
    _prepare(root, rescue=bool(opened & _RESCUE_MASK), drop=bool(opened & _DROP_MASK))
    # ``root.find("body")`` without ElementPath: the first child named ``body``.
    body = next(root.iterchildren("body"), None)
    if body is None:
        body = root
    sizes, picks = measure_and_pick(body)
    page_byline = _page_byline(body, sizes, picks)
    plan = plan_content(body, sizes, articles=bool(opened & _ARTICLE_MASK), picks=picks)
    risk = _entity_risk(html, None if facts is None else facts[2])
    walker = _Walker(ctx, base_url, decodes_invisible=risk)
    # Dates in <time> elements, in case a date lockup holding the only date goes as chrome:
    # the text when it is a date, else the machine-readable datetime attribute (a relative
    # "24 分钟前" shown to readers over datetime="2020-10-12"). The parser makes a <time>
    # only from a "<time" tag in the HTML (in any ASCII case): the scan above rules most
    # bodies out faster than a walk of the tree.
    lockup_dates = (
        [
            when
            for item in plan.roots
            for time_el in item.iter("time")
            if (when := _time_element_date(time_el)) is not None
        ]
        if opened & _TIME_MASK
        else []
    )
    for item in plan.roots:
        remove_chrome(item, sizes, title=title, keep_comments=item in plan.threads)
        walker.walk(item)
        walker.finish()
    video = bool(base_url and _VIDEO_PAGE.match(base_url))
    cleaned = clean_blocks(walker.blocks, title, video=video)
    for line in cleaned.removed:
        ctx.note("credit-line-removed", f"credit line taken out of the body: {line[:200]!r}")
    dates = list(cleaned.dates) or lockup_dates
    images = walker.images
    blocks = _move_title_image_line(cleaned.blocks, images)
    byline = page_byline or plan.contributors or walker.credits_byline()
    return Body(
        paragraphs=tuple([b.text for b in blocks]),
        images=tuple(images),
        media=tuple(walker.media),
        dates=tuple(dates),
        byline=byline,
        tags=cleaned.tags,
        credited=cleaned.credited,
    )


def _time_element_date(time_el: Any) -> dt.datetime | None:
    """The date a ``<time>`` element states: its text, else its ``datetime`` attribute."""
    when = parse_date_line(_text_of(time_el))
    if when is None:
        attribute = time_el.get("datetime") or time_el.get("dateTime")
        if isinstance(attribute, str):
            when = parse_date_line(attribute)
    return when


def remove_chrome(
    content: Any,
    sizes: Sizes,
    *,
    title: str | None = None,
    keep_comments: bool = False,
) -> None:
    """Remove page chrome below ``content`` (in place): by name, then by shape."""
    remove_chrome_by_name(content, sizes, keep_comments=keep_comments)
    remove_chrome_by_shape(content, sizes, title)
