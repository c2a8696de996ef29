"""Body extraction shared by every format: HTML (or Markdown) in, paragraphs, images and media out.

The pipeline, in order:

1. **parse** the HTML once with lxml (comments and processing instructions dropped, no
   network, no external entities; libxml2 caps nesting depth, so hostile input stays bounded);
2. **drop** what is never content (:data:`DROP_TAGS`: scripts, styles, svg, forms, …);
3. **find the content root** of page HTML (:func:`find_content_root`): a known content
   container, else the element whose paragraphs hold most of the text;
4. **remove chrome** inside it (:func:`remove_chrome`): share bars, related lists, ad slots,
   meta lines, comment prompts, recognised by class/id and by text;
5. **walk** the tree once in document order (:class:`_Walker`), cutting blocks at block
   elements and ``<br><br>``, collecting images with their captions and credits, and media;
6. **clean the blocks** (:func:`clean_blocks`): date lines become date evidence, a paragraph
   repeating the title goes, promotional tails and feed footers are cut.

Nothing here raises on messy HTML; what is dropped for safety (``javascript:`` and ``data:``
URLs) is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, Final
from urllib.parse import urljoin

import attrs
from lxml import etree
from markdown_it import MarkdownIt

from newsparse._context import Context
from newsparse._text import BR_MARK, clean_invisible, normalize_block, normalize_line
from newsparse.dates import parse_date_line
from newsparse.model import Image, Media

__all__ = ["Body", "extract_html", "extract_markdown", "looks_like_html"]

_PARSER: Final = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, remove_blank_text=False
)
_MARKDOWN: Final = MarkdownIt("commonmark", {"html": True}).enable("table")

DROP_TAGS: Final = (
    "script", "style", "noscript", "svg", "math", "form", "button", "input", "select",
    "textarea", "template", "link", "meta", "head", "title", "nav", "canvas", "map",
    "dialog", "object", "param", "applet", "frameset", "frame", "base",
)  # fmt: skip
"""Elements removed with their content before anything else (their tail text stays)."""

BLOCK_TAGS: Final = frozenset(
    "p div section article main header footer aside h1 h2 h3 h4 h5 h6 li ul ol dl dt dd "
    "blockquote pre table thead tbody tfoot tr td th caption figure address center details "
    "summary hr body html fieldset legend".split()
)
HEADING_TAGS: Final = frozenset("h1 h2 h3 h4 h5 h6".split())
BOLD_TAGS: Final = frozenset({"strong", "b"})

# Content containers of common CMSs, best first.
_CONTENT_MARKERS: Final = re.compile(
    r"(?:^|[\s_-])(?:entry-content|post-content|article-content|article-body|articlebody|"
    r"story-body|post-body|field-name-body|article__body|rich-text|node-content|"
    r"content-body|main-content|article-text|text-content|richtext)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_IDS: Final = re.compile(r"^(?:article-content|articlebody|article_body|content-body|main-content)$", re.I)

# Chrome recognised by class or id (word-ish match on each token).
_CHROME_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:share|sharing|sharedaddy|social|related|relatedposts|jp-relatedposts|"
    r"advert|advertisement|ads|ad-slot|adsbygoogle|code-block|promo|newsletter|subscribe|"
    r"subscription|sidebar|widget|breadcrumbs?|pagination|pager|menu|navbar|navigation|"
    r"entry-meta|post-meta|article-meta|meta-info|entry-footer|post-footer|site-footer|"
    r"site-header|page-header|author-box|author-info|author-wrap|author-wrapper|"
    r"entry-author|author-bio|about-author|rdf-meta|element-hidden|submitted|screen-reader-text|"
    r"sr-only|visually-hidden|hidden|likes?|like-button|reactions|print|tags|tag-links|"
    r"cat-links|tagcloud|comment-respond|comment-form|respond|reply|login|signup|"
    r"cookie|popup|modal|toolbar|read-more|readmore|more-stories|recommend|recommended|"
    r"you-may-like|also-read|outbrain|taboola|disqus|copyright-notice|skip-link)(?:$|[_-])",
    re.IGNORECASE,
)
_COMMENTS_TOKEN: Final = re.compile(r"(?:^|[_-])(?:comments?|comment-list|commentlist|comment-wrapper)(?:$|[_-])", re.I)
_CAPTION_TOKEN: Final = re.compile(
    r"caption|figcaption|photo-caption|image-caption|img-caption|wp-caption-text|imgtext|pic-desc",
    re.IGNORECASE,
)
_CREDIT_TOKEN: Final = re.compile(r"copyright|credit|photo-credit|image-credit|source", re.IGNORECASE)
_BYLINE_TOKEN: Final = re.compile(r"(?:^|[_-])(?:byline|author|author-name|writer)(?:$|[_-])", re.I)

# Images that are page furniture, not content.
_TRACKER_URL: Final = re.compile(
    r"/_/stat|[/.?&_-](?:pixel|tracking|tracker|beacon|analytics|counter)[/.?&_=-]|"
    r"feeds\.feedburner|stats\.wordpress|\bgravatar\.com|/emoji/|\.ico(?:$|\?)",
    re.IGNORECASE,
)
_FURNITURE_URL: Final = re.compile(
    r"(?:^|[/_.-])(?:icons?|logos?|avatars?|emoji|spinner|placeholder|blank|spacer|loading|"
    r"1x1|transparent|share|sprite|badge|button)(?:[/_.-]|$)",
    re.IGNORECASE,
)
_LAZY_ATTRS: Final = ("data-src", "data-lazy-src", "data-original", "data-actualsrc", "data-url", "data-lazy")
_CREDIT_LABEL: Final = re.compile(
    r"(?:^|[\s(（【\[])(?P<label>图像来源|圖像來源|图片来源|圖片來源|图源|圖源|图片|圖片|来源|來源|来自|來自|"
    r"摄影|攝影|图|圖|Photo(?:graph)?(?:\s+by)?|Image(?:\s+by)?|Credit|Source|Getty Images|Foto)"
    r"\s*[:：／/，,]\s*(?P<credit>[^)）】\]]+?)[)）】\]]?\s*$",
    re.IGNORECASE,
)
_AGENCIES: Final = re.compile(
    r"^(?:路透(?:社)?|美联社|美聯社|法新社|新华社|新華社|中新社|Getty Images|Reuters|AP|AFP|EPA|"
    r"视觉中国|視覺中國|Shutterstock|iStock|Xinhua)$",
    re.IGNORECASE,
)

_VIDEO_HOSTS: Final = re.compile(
    r"youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|dailymotion\.com|bilibili\.com|"
    r"v\.qq\.com|youku\.com|ted\.com|rumble\.com|brightcove|jwplayer|jwplatform|player\.",
    re.IGNORECASE,
)
_AUDIO_HOSTS: Final = re.compile(
    r"soundcloud\.com|spotify\.com|podcasts\.apple|anchor\.fm|ximalaya|castbox|simplecast|buzzsprout",
    re.IGNORECASE,
)
_NOT_MEDIA: Final = re.compile(
    r"facebook\.com/plugins|platform\.twitter\.com|likecoin|like\.co/|button|doubleclick|"
    r"googlesyndication|googletagmanager|about:blank|disqus|/ads?/|widget",
    re.IGNORECASE,
)
_UNSAFE_URL: Final = re.compile(r"^\s*(?:javascript|data|vbscript|file):", re.IGNORECASE)

# Block-level text that is never article text.
_FEED_FOOTER: Final = re.compile(
    r"^(?:Continue reading on .{0,80}»|.{0,300} was originally published in .{0,200} on Medium.{0,200})$",
    re.IGNORECASE | re.DOTALL,
)
_RULE_RUN: Final = re.compile(r"(?:[－=＝*＊—─━_~～]\s*){3,}|-{5,}")
_PROMO_WORDS: Final = re.compile(
    r"订阅|訂閱|subscribe|paypal|patreon|微信搜索|微信公众号|公众号|公眾號|下载|下載|"
    r"app store|google play|翻墙|翻牆|psiphon|newsletter|赞助|贊助|打赏|打賞|捐款|捐助|会员|會員|"
    r"加入|頻道|频道|telegram|twitter|facebook|instagram|youtube|播客|podcast|#\w",
    re.IGNORECASE,
)
_DATELINE_PREFIX: Final = re.compile(r"^[^\s\d]{1,12}(?:\s*[(（][^)）]{1,12}[)）])?\s*[—–-]{1,2}$")


@attrs.frozen
class Body:
    """What the body holds, in reading order."""

    paragraphs: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    media: tuple[Media, ...] = ()
    dates: tuple[dt.datetime, ...] = ()
    """Standalone date lines found (and removed) in the body."""
    byline: str | None = None
    """A byline the page markup states (``span.byline``, an author box), if any."""


def looks_like_html(text: str) -> bool:
    """Tell HTML bodies from Markdown or plain-text ones: HTML opens with a tag."""
    head = text.lstrip()[:200]
    return bool(re.match(r"<(?:[A-Za-z][\w-]*[\s/>]|!--|!doctype)", head, re.IGNORECASE))


def extract_markdown(
    text: str, ctx: Context, *, base_url: str | None = None, title: str | None = None
) -> Body:
    """Render a Markdown body with markdown-it-py (CommonMark) and extract it as HTML."""
    return extract_html(_MARKDOWN.render(text), ctx, base_url=base_url, title=title)


def extract_html(
    html: str, ctx: Context, *, base_url: str | None = None, title: str | None = None
) -> Body:
    """Extract paragraphs, images, media and date lines from an HTML body."""
    html = clean_invisible(html)
    if not html.strip():
        return Body()
    root = etree.HTML(html, _PARSER)
    if root is None:
        return Body()
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    page_byline = _page_byline(root)
    content = find_content_root(root)
    remove_chrome(content)
    walker = _Walker(ctx, base_url)
    walker.walk(content)
    walker.finish()
    blocks, dates = clean_blocks(walker.blocks, title)
    return Body(
        paragraphs=tuple(blocks),
        images=tuple(walker.images),
        media=tuple(walker.media),
        dates=tuple(dates),
        byline=page_byline,
    )


def _classes(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _tokens(el: Any) -> list[str]:
    return _classes(el).split()


def _text_len(el: Any) -> int:
    return sum(len(t.strip()) for t in el.itertext())


def find_content_root(root: Any) -> Any:
    """Return the element that holds the article's own content.

    A known content container (``entry-content``, ``field-name-body``, ``#article-content``…)
    with real text wins; otherwise an ``<article>`` element; otherwise the whole body.
    """
    body = root.find("body")
    if body is None:
        body = root
    best = None
    best_len = 0
    for el in body.iter("div", "section", "article", "main", "td"):
        cls = el.get("class") or ""
        ident = el.get("id") or ""
        if _CONTENT_MARKERS.search(cls) or _CONTENT_IDS.match(ident):
            length = _text_len(el)
            if length > best_len:
                best, best_len = el, length
    if best is not None and best_len >= 20:
        return best
    articles = body.findall(".//article")
    if len(articles) == 1 and _text_len(articles[0]) >= 0.3 * max(1, _text_len(body)):
        return articles[0]
    return body


def _is_chrome(el: Any) -> bool:
    tokens = _tokens(el)
    if not tokens:
        return el.get("aria-hidden") == "true" or el.get("hidden") is not None
    for tok in tokens:
        if _CHROME_TOKEN.search(tok):
            return True
    return False


def remove_chrome(content: Any) -> None:
    """Remove page chrome below ``content`` (in place); keeps each removed element's tail."""
    doomed = []
    for el in content.iter():
        if el is content or not isinstance(el.tag, str):
            continue
        if el.tag in {"header", "footer", "aside"} and el.getparent() is not None:
            doomed.append(el)
        elif _is_chrome(el) and not _holds_main_text(el, content):
            doomed.append(el)
        elif any(_COMMENTS_TOKEN.search(t) for t in _tokens(el)) and not _holds_main_text(el, content):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            _remove_keep_tail(el)


def _holds_main_text(el: Any, content: Any) -> bool:
    """A 'chrome' element holding most of the text is the article (ChinaFile's comments)."""
    return _text_len(el) > 0.5 * max(1, _text_len(content))


def _remove_keep_tail(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _page_byline(root: Any) -> str | None:
    for el in root.iter("span", "div", "a", "p"):
        if any(_BYLINE_TOKEN.search(t) for t in _tokens(el)):
            text = normalize_line(" ".join(el.itertext()))
            if 0 < len(text) <= 40:
                return text
    return None


# ---------------------------------------------------------------------------- the walk


def _safe_url(raw: str | None, base_url: str | None, ctx: Context, what: str) -> str | None:
    if raw is None:
        return None
    url = raw.strip()
    if not url:
        return None
    if _UNSAFE_URL.match(url):
        scheme = url.split(":", 1)[0].strip().lower()
        ctx.note("unsafe-url-dropped", f"{what} with a {scheme}: URL was dropped")
        return None
    if url.startswith("//"):
        return "https:" + url
    if base_url and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
        try:
            return urljoin(base_url, url)
        except ValueError:
            return url
    return url


def _image_url(el: Any, base_url: str | None, ctx: Context) -> str | None:
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:"):
        for attr in _LAZY_ATTRS:
            cand = (el.get(attr) or "").strip()
            if cand and not cand.startswith("data:"):
                src = cand
                break
        else:
            srcset = (el.get("srcset") or el.get("data-srcset") or "").strip()
            first = srcset.split(",")[0].strip().split(" ")[0] if srcset else ""
            if first and not first.startswith("data:"):
                src = first
    return _safe_url(src, base_url, ctx, "an image")


def _is_furniture(el: Any, url: str) -> bool:
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().rstrip("px")
        if value.isdigit() and int(value) <= 2:
            return True
    path = url.split("?", 1)[0].rsplit("/", 1)[-1] if "/" in url else url
    if _TRACKER_URL.search(url):
        return True
    return bool(_FURNITURE_URL.search(path))


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Split a caption into ``(caption, credit)`` at a credit label (``图源：``, ``Photo:``…)."""
    text = normalize_line(text)
    if not text:
        return None, None
    if _AGENCIES.match(text):
        return None, text
    m = _CREDIT_LABEL.search(text)
    if m:
        caption = text[: m.start()].strip(" ，,。(（【[") or None
        if caption and m.start() < len(text) and text[m.start()] in "(（【[":
            caption = caption.rstrip()
        credit = m["credit"].strip()
        if m["label"].lower() == "getty images":
            credit = "Getty Images"
        return caption, credit or None
    return text, None


class _Walker:
    """One pass over the content tree: blocks of text, images and media in order."""

    def __init__(self, ctx: Context, base_url: str | None) -> None:
        self.ctx = ctx
        self.base_url = base_url
        self.blocks: list[str] = []
        self.images: list[Image] = []
        self.media: list[Media] = []
        self._buf: list[str] = []
        self._bold_depth = 0
        self._bold_only = True
        self._prefix = ""
        # The last image/media item, while no text block has come after it: a caption
        # that follows attaches to it.
        self._captionable: tuple[str, int] | None = None
        self._seen_images: set[str] = set()

    # -- text buffer

    def _add(self, text: str | None) -> None:
        if not text:
            return
        self._buf.append(text)
        if self._bold_depth == 0 and text.strip():
            self._bold_only = False

    def _flush(self) -> None:
        raw = "".join(self._buf)
        self._buf.clear()
        self._bold_only = True
        text = normalize_block(raw) if raw else ""
        if not text:
            return
        if self._prefix:
            text = f"{self._prefix} {text}"
            self._prefix = ""
        elif _DATELINE_PREFIX.match(text):
            # "华盛顿 — " before the first <p>: it opens the next paragraph.
            self._prefix = text
            return
        self.blocks.append(text)
        self._captionable = None

    def _br(self) -> None:
        # Two <br> in a row end the block; a single one is a space, except after a
        # bold-only first line, which is then a sub-heading of its own.
        for piece in reversed(self._buf):
            if piece == BR_MARK:
                while self._buf and (self._buf[-1] == BR_MARK or not self._buf[-1].strip()):
                    self._buf.pop()
                self._flush()
                return
            if piece.strip():
                break
        if self._bold_only and any(p.strip() for p in self._buf):
            self._flush()
            return
        self._buf.append(BR_MARK)

    # -- the walk

    def walk(self, root: Any) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end":
                    self._add(el.tail)
                continue
            tag = tag.lower()
            if event == "start":
                if self._start(el, tag):
                    walker.skip_subtree()  # its "end" event still comes
            else:
                self._end(el, tag)

    def _start(self, el: Any, tag: str) -> bool:
        """Handle an opening tag; True means the subtree was consumed here."""
        if tag in BLOCK_TAGS:
            self._flush()
            if tag == "figure":
                return self._figure(el)
            if tag == "hr":
                return True
            if self._is_small_caption(el) and self._captionable is not None:
                self._attach_caption(" ".join(el.itertext()))
                return True
        elif tag == "br":
            self._br()
            return True
        elif tag == "img":
            self._image(el, None)
            return True
        elif tag in {"audio", "video"}:
            self._media_element(el, tag)
            return True
        elif tag in {"iframe", "embed"}:
            self._iframe(el)
            return True
        elif tag == "picture":
            img = el.find(".//img")
            if img is not None:
                self._image(img, None)
            return True
        elif tag == "figcaption":
            return True
        if tag in BOLD_TAGS:
            self._bold_depth += 1
        if self._is_caption(el, tag) and self._captionable is not None and not "".join(self._buf).strip():
            self._attach_caption(" ".join(el.itertext()))
            return True
        self._add(el.text)
        return False

    def _end(self, el: Any, tag: str) -> None:
        if tag in BOLD_TAGS and self._bold_depth > 0:
            self._bold_depth -= 1
        if tag in BLOCK_TAGS:
            self._flush()
        tail = el.tail
        if tail:
            self._add(tail)

    def _is_caption(self, el: Any, tag: str) -> bool:
        tokens = _classes(el)
        if tokens and (_CAPTION_TOKEN.search(tokens) or _CREDIT_TOKEN.search(tokens)):
            return True
        return tag == "small" and self._captionable is not None

    def _is_small_caption(self, el: Any) -> bool:
        """``<div><small>caption</small></div>`` (VOA), or a caption-classed block."""
        if _CAPTION_TOKEN.search(_classes(el)) or _CREDIT_TOKEN.search(_classes(el)):
            return True
        children = [c for c in el if isinstance(c.tag, str)]
        return (
            len(children) == 1
            and children[0].tag == "small"
            and not (el.text or "").strip()
            and not (children[0].tail or "").strip()
        )

    def _attach_caption(self, raw: str) -> None:
        assert self._captionable is not None
        kind, index = self._captionable
        caption, credit = split_credit(raw)
        if kind == "image":
            img = self.images[index]
            new_caption = img.caption if caption is None else (
                caption if img.caption is None else f"{img.caption} {caption}"
            )
            new_credit = img.credit if credit is None else credit
            self.images[index] = attrs.evolve(img, caption=new_caption, credit=new_credit)
        else:
            item = self.media[index]
            text = normalize_line(raw) or None
            self.media[index] = attrs.evolve(item, caption=item.caption or text)

    def _image(self, el: Any, caption: str | None) -> None:
        url = _image_url(el, self.base_url, self.ctx)
        if url is None or _is_furniture(el, url):
            return
        if url in self._seen_images:
            return
        self._seen_images.add(url)
        alt = normalize_line(el.get("alt") or "") or None
        cap, credit = split_credit(caption) if caption else (None, None)
        self.images.append(Image(url=url, alt=alt, caption=cap, credit=credit))
        self._captionable = ("image", len(self.images) - 1)

    def _figure(self, el: Any) -> bool:
        caption_el = el.find(".//figcaption")
        caption = " ".join(caption_el.itertext()) if caption_el is not None else None
        imgs = el.findall(".//img")
        iframes = el.findall(".//iframe")
        for img in imgs[:1] if caption else imgs:
            self._image(img, caption)
        for img in imgs[1:] if caption else ():
            self._image(img, None)
        for iframe in iframes:
            self._iframe(iframe, caption if not imgs else None)
        for av in el.iter("audio", "video"):
            self._media_element(av, av.tag)
        if not imgs and not iframes:
            # A figure without a picture (a pull quote, a table): its text is text.
            for child_text in el.itertext():
                self._add(child_text)
            self._flush()
        return True

    def _media_element(self, el: Any, tag: str) -> None:
        src = el.get("src")
        if not src:
            source = el.find(".//source")
            src = source.get("src") if source is not None else None
        url = _safe_url(src, self.base_url, self.ctx, f"an {tag} element")
        if url is None:
            return
        self.media.append(Media(kind=tag, url=url))
        self._captionable = ("media", len(self.media) - 1)

    def _iframe(self, el: Any, caption: str | None = None) -> None:
        url = _safe_url(el.get("src") or el.get("data-src"), self.base_url, self.ctx, "an iframe")
        if url is None or _NOT_MEDIA.search(url):
            return
        kind = "video" if _VIDEO_HOSTS.search(url) else "audio" if _AUDIO_HOSTS.search(url) else "embed"
        self.media.append(Media(kind=kind, url=url, caption=normalize_line(caption) if caption else None))
        self._captionable = ("media", len(self.media) - 1)

    def finish(self) -> None:
        self._flush()
        if self._prefix:
            self.blocks.append(self._prefix)
            self._prefix = ""


# ---------------------------------------------------------------------------- cleaning


def _cut_promo_tail(blocks: list[str]) -> list[str]:
    """Cut a trailing promotional section that starts at a rule (``———``, ``=====``)."""
    for i, block in enumerate(blocks):
        for m in _RULE_RUN.finditer(block):
            rest = block[m.end() :] + " ".join(blocks[i + 1 :])
            if _PROMO_WORDS.search(rest):
                head = block[: m.start()].strip()
                return [*blocks[:i], head] if head else blocks[:i]
    return blocks


def _same_text(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"[\s\W_]+", "", s).lower()

    return bool(a) and key(a) == key(b)


CLEANERS: Final[tuple[Callable[[list[str]], list[str]], ...]] = (_cut_promo_tail,)
"""Block-list cleaners applied in order after date lines and the title are taken out."""


def clean_blocks(blocks: Iterable[str], title: str | None) -> tuple[list[str], list[dt.datetime]]:
    """Remove date lines (returned as evidence), title repeats and feed footers."""
    out: list[str] = []
    dates: list[dt.datetime] = []
    for block in blocks:
        when = parse_date_line(block)
        if when is not None:
            dates.append(when)
            continue
        if title and _same_text(block, title):
            continue
        if _FEED_FOOTER.match(block):
            continue
        out.append(block)
    for cleaner in CLEANERS:
        out = cleaner(out)
    return [b for b in out if any(ch.isalnum() for ch in b)], dates
