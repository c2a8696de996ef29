"""The shortcuts of picture, caption and credit reading decide exactly as the plain rules.

Each pre-check in :mod:`newsparse.body.images` and :mod:`newsparse.body.captions` only
skips a regex whose result is already known; these properties compare the functions with
frozen copies of their plain versions, on text and trees built from the characters and
names the rules read (odd-case letters, full-width and astral characters included).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from newsparse._context import Context
from newsparse._text import normalize_block, normalize_line
from newsparse.body import captions, images
from newsparse.body._tree import _CJK_STOP, BLOCK_TAGS, _classes, _has_token
from newsparse.model import Format

# ------------------------------------------------------------------ frozen plain versions


def _plain_is_bare_credit(text: str) -> bool:
    return (
        len(text) <= 80 and bool(captions._BARE_CREDIT.match(text)) and not _CJK_STOP.search(text)
    )


def _plain_trailing_credit(text: str) -> tuple[str | None, str | None]:
    m = captions._TRAILING_CREDIT.search(text)
    if m is None:
        return text or None, None
    return text[: m.start()].rstrip() or None, m["credit"].strip()


def _plain_split_credit(text: str) -> tuple[str | None, str | None]:
    text = captions._CAPTION_LABEL.sub("", normalize_line(text))
    if not text:
        return None, None
    if captions._AGENCIES.match(text):
        return None, text
    m = captions._CREDIT_LABEL.search(text)
    if not m:
        return (None, text) if _plain_is_bare_credit(text) else _plain_trailing_credit(text)
    caption = text[: m.start()].rstrip(" ，,;；|｜") or None
    credit = m["credit"].strip()
    if m["open"]:
        credit = credit.rstrip(")）】]").strip()
    while True:
        inner = captions._CREDIT_LABEL.match(credit)
        if not inner or inner.start() != 0:
            break
        credit = inner["credit"].strip()
    return caption, credit or None


def _plain_credit_only(text: str) -> str | None:
    caption, credit = _plain_split_credit(text)
    if credit and not caption:
        return credit
    return normalize_line(text) or None


def _plain_is_credit_element(el: Any) -> bool:
    classes = _classes(el)
    return (
        bool(classes)
        and bool(captions._CREDIT_TOKEN.search(classes))
        and not captions._CAPTION_TOKEN.search(classes)
    )


def _plain_read_caption(el: Any) -> tuple[str | None, str | None]:
    if _plain_is_credit_element(el):
        return None, _plain_credit_only(" ".join(el.itertext()))
    credit: str | None = None
    pieces: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if node is el:
            if event == "start" and node.text:
                pieces.append(node.text)
            continue
        if event == "end":
            if node.tail:
                pieces.append(node.tail)
            continue
        if not isinstance(node.tag, str):
            continue
        if _plain_is_credit_element(node):
            credit = _plain_credit_only(" ".join(node.itertext())) or credit
            walker.skip_subtree()
            continue
        if node.tag in BLOCK_TAGS or node.tag == "br":
            pieces.append(" ")
        if node.text:
            pieces.append(node.text)
    text = normalize_block("".join(pieces))
    if not text or len(text) > captions.MAX_CAPTION:
        return None, credit
    caption, inner_credit = _plain_split_credit(text)
    return caption, credit or inner_credit


def _plain_figure_caption(el: Any) -> tuple[str | None, str | None]:
    caption: str | None = None
    credit: str | None = None
    caption_el = el.find(".//figcaption")
    inside_caption: set[Any] = set()
    if caption_el is not None:
        caption, credit = _plain_read_caption(caption_el)
        inside_caption = set(caption_el.iter())
    for child in el.iter():
        if (
            child is el
            or not isinstance(child.tag, str)
            or child.tag in {"img", "picture", "source"}
        ):
            continue
        if child in inside_caption:
            continue
        if any(
            isinstance(c.tag, str) and c.tag not in {"br", "span", "em", "i", "b", "strong", "a"}
            for c in child
        ):
            continue
        text = normalize_line(" ".join(child.itertext()))
        if not text or len(text) > captions.MAX_CAPTION:
            continue
        classes = _classes(child)
        line_caption, line_credit = _plain_split_credit(text)
        if (
            classes
            and captions._CREDIT_TOKEN.search(classes)
            and not captions._CAPTION_TOKEN.search(classes)
        ):
            credit = credit or _plain_credit_only(text)
            inside_caption.update(child.iter())
        elif line_credit and not line_caption:
            credit = credit or line_credit
            inside_caption.update(child.iter())
        elif caption is None and caption_el is None and not captions._LABEL_ONLY.match(text):
            caption, credit = line_caption, credit or line_credit
    return caption, credit


def _plain_safe_url(raw: str | None, base_url: str | None, ctx: Context, what: str) -> str | None:
    if raw is None:
        return None
    url = raw.strip()
    if not url:
        return None
    if images._URL_JUNK.search(url):
        squeezed = images._URL_JUNK.sub("", url)
        url = squeezed if images._UNSAFE_URL.match(squeezed) else images._clean_url(url)
    if images._UNSAFE_URL.match(url):
        scheme = url.split(":", 1)[0].strip().lower()
        ctx.note("unsafe-url-dropped", f"{what} with a {scheme}: URL was dropped")
        return None
    if url.startswith("//"):
        return "https:" + url
    if base_url and not images._HAS_SCHEME.match(url):
        try:
            return urljoin(base_url, url)
        except ValueError:
            return url
    return url


def _plain_real_src(el: Any) -> str | None:
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:") or images._PLACEHOLDER_SRC.search(src):
        return None
    return src


def _plain_is_furniture(el: Any, url: str) -> bool:
    dims = []
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().removesuffix("px")
        if value.isdigit():
            dims.append(int(value))
    if any(d <= 2 for d in dims) or (len(dims) == 2 and max(dims) <= 48):
        return True
    if images._TRACKER_URL.search(url):
        return True
    path = url.split("?", 1)[0].rsplit("/", 1)[-1] if "/" in url else url
    if images._FURNITURE_URL.search(path):
        return True
    node = el
    for _ in range(4):
        if node is None:
            break
        if isinstance(node.tag, str):
            if node is not el and node.tag in {"figure", "article", "section", "main", "body"}:
                break
            if _has_token(node, images._AVATAR_TOKEN):
                return True
            if node.tag == "a" and images._LISTING_LINK.search(node.get("href") or ""):
                return True
        node = node.getparent()
    return False


# ------------------------------------------------------------------------------ text

# What the credit rules read: labels, agencies, dashes, brackets, spaces of every kind,
# the odd-case letters (İ ı ſ K), full-width and astral look-alikes.
_CREDIT_PIECES = st.sampled_from(
    [
        "图源：", "圖片來源", "来自", "攝", "图", "图片提供", "來自", "摄影", "截圖來源", "圖片", "Photo:", "PHOTOGRAPH BY ", "photos / ",
        "Image", "ımage:", "İmage:", "Courteſy of ", "COURTESY OF ", "Pictures:", "credit", "Source", "Foto:", "Caption：", "caption:",
        "图片说明，", "說明文字:", "题注", "AFP", "Getty Images", "路透社", "美联社", "Reuters",
        "/", "／", "—", "–", "（", "）", "(", ")", "【", "】", ",", "，", "。", ":", "：",
        " ", "\t", "\n", "\u3000", "\x1c", "\x85", "\xa0", "K", "Ｐｈｏｔｏ", "𝐏hoto", "😀",
        "林某", "檔案照片", "a", "Z", "by ", "of ", "via ",
    ]
)  # fmt: skip
_CREDIT_TEXT = st.lists(st.one_of(_CREDIT_PIECES, st.characters()), max_size=14).map("".join)


@given(_CREDIT_TEXT)
@example("")
@example("Crowds on Monday. 图源：路透社")
@example("A crowd. 图片提供 ： X")
@example("A crowd 摄影/X")
@example("Crowd 攝：Lin")
@example("PRAKASH SINGH/AFP via Getty Images")
@example("A. Writer／AFP")
@example("A. Writer — Reuters")
@example("A. Writer – dpa")
@example("caption: Crowds（美联社）")
@example("（中央社檔案照片）")
@example("Caption: ſource: X")
@example("a （林某攝）\u3000\n")
@settings(max_examples=1500)
def test_split_credit_is_the_plain_rule(text: str) -> None:
    assert captions.split_credit(text) == _plain_split_credit(text)
    assert captions._is_bare_credit(text) == _plain_is_bare_credit(text)
    assert captions.trailing_credit(text) == _plain_trailing_credit(text)
    if not captions._may_hold_label(text):
        assert captions._CREDIT_LABEL.search(text) is None
    fast, plain = captions._trailing_match(text), captions._TRAILING_CREDIT.search(text)
    assert (fast and fast.span()) == (plain and plain.span())


@given(_CREDIT_TEXT, st.booleans())
@example("图：A crowd（美联社）", False)
@example("A line (Reuters)", False)
@settings(max_examples=600)
def test_loose_and_marked_captions_see_the_same_credits(text: str, styled: bool) -> None:
    # The shortcut sits in trailing-credit matching, which both functions read.
    def plain_loose(text: str, styled: bool) -> tuple[str | None, str | None] | None:
        if "\n" in text or len(text) > captions.MAX_LOOSE_CAPTION:
            return None
        if captions._FORWARD.search(text) or captions._SMALL_PRINT_START.match(text):
            return None
        caption, credit = _plain_split_credit(text)
        if caption is None and credit is not None and captions._TRAILING_CREDIT.search(credit):
            caption, credit = _plain_trailing_credit(credit)
        if captions._CAPTION_MARK.match(text) or styled:
            return caption, credit
        if credit is None:
            return None
        m = captions._TRAILING_CREDIT.search(text)
        agency_only = m is not None and captions._PICTURE_WORD.search(m["credit"]) is None
        if caption is not None and agency_only and not captions._short_sentence(caption):
            return None
        return caption, credit

    assert captions.loose_caption(text, styled=styled) == plain_loose(text, styled)
    marked = (
        plain_loose(text, True)
        if captions._CAPTION_MARK.match(text) or captions._TRAILING_CREDIT.search(text)
        else None
    )
    assert captions.marked_caption(text) == marked


# ------------------------------------------------------------------------------ URLs

_URL_PIECES = st.sampled_from(
    [
        "javascript:", "JAVA\tSCRIPT:", "data:", "DATA:", "Vbscript:", "FiLe:", "vbſcript:", "file:", "//", "/", "?", "&",
        "http://x.test", "https:", "http:", "HTTPS://y.test", "a b", " ", "\x00", "\x1f", "\x7f", "\x85", "\u3000", "\t", "\n",
        "pixel", "PIXEL", "tracker", "beacon", "stats.wordpress", "gravatar.com", "/emoji/",
        ".ico", ".ICO?", "icon", "Logo", "avatar", "1x1", "spinner", "share_", "-badge.",
        "blank.gif", "SPACER.PNG", "grey.svg", "ſpacer.gif", "İcon.png", "ıcon", "K",
        "ｐｉｘｅｌ", "𝐩ixel", "photo.jpg", ".", "-", "_",
    ]
)  # fmt: skip
_URL_TEXT = st.lists(st.one_of(_URL_PIECES, st.characters()), max_size=10).map("".join)


@given(_URL_TEXT, st.sampled_from([None, "", "https://news.test/a/b.html", "not a url"]))
@example("java\tscript:alert(1)", None)
@example("\x00\u2003javascript:x", "https://a.test/")
@example("a b\x7f.jpg", "https://a.test/")
@settings(max_examples=1500)
def test_safe_url_is_the_plain_rule(raw: str, base_url: str | None) -> None:
    fast_ctx, plain_ctx = Context(Format.JEKYLL), Context(Format.JEKYLL)
    fast = images._safe_url(raw, base_url, fast_ctx, "an image")
    assert fast == _plain_safe_url(raw, base_url, plain_ctx, "an image")
    assert fast_ctx.warnings == plain_ctx.warnings


_DIMENSION = st.one_of(
    st.none(),
    st.sampled_from(["0", "1", "2", "3", "48", "49", "480", " 20px ", "100%", "", "x", "٣"]),
)
_CLASS = st.one_of(
    st.none(),
    st.sampled_from(["author-avatar", "ICON", "user-pic", "photo", "Logo_x", "ıcon", "main"]),
)


@given(
    _URL_TEXT,
    _DIMENSION,
    _DIMENSION,
    st.lists(
        st.tuples(st.sampled_from(["div", "a", "span", "figure", "section", "p"]), _CLASS),
        max_size=5,
    ),
    st.sampled_from(["/tag/x/", "/news/1", "/AUTHORS/a/", ""]),
)
@example("https://stats.wordpress.com/g.gif", None, None, [], "")
@example("/icons/share.png", "100", "100", [], "")
@example("/p/İcon.png", None, None, [], "")
@settings(max_examples=1500)
def test_picture_checks_are_the_plain_rules(
    src: str,
    width: str | None,
    height: str | None,
    ancestors: list[tuple[str, str | None]],
    href: str,
) -> None:
    root = etree.Element("body")
    parent = root
    for tag, cls in ancestors:
        parent = etree.SubElement(parent, tag)
        if cls is not None:
            parent.set("class", cls)
        if tag == "a":
            parent.set("href", href)
    img = etree.SubElement(parent, "img")
    for name, value in (("src", src), ("width", width), ("height", height)):
        if value is not None and "\x00" not in value and value.isprintable():
            img.set(name, value)
    assert images._real_src(img) == _plain_real_src(img)
    url = img.get("src") or src
    try:
        plain: bool | type[Exception] = _plain_is_furniture(img, url)
    except ValueError:  # int() of a digit that is no decimal ("²"): both raise
        plain = ValueError
    try:
        fast: bool | type[Exception] = images._is_furniture(img, url)
    except ValueError:
        fast = ValueError
    assert fast == plain


# ------------------------------------------------------------------------------ figures

_FIGURE_TEXT = (
    st.lists(_CREDIT_PIECES, max_size=5)
    .map("".join)
    .map(lambda t: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", t))
)
_FIGURE_CLASS = st.sampled_from(
    ["", "caption", "credit", "image-credit", "copyright caption", "photo-source", "x"]
)


@st.composite
def _figures(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(["figcaption", "p", "span", "div", "a", "img", "br", "em"]))
    cls = draw(_FIGURE_CLASS)
    attrs = f' class="{cls}"' if cls else ""
    text = draw(_FIGURE_TEXT).replace("<", "").replace("&", "")
    if tag in {"img", "br"}:
        return f'<{tag}{attrs} src="a.jpg">{text}'
    inner = "" if depth >= 2 else "".join(draw(st.lists(_figures(depth + 1), max_size=3)))
    comment = "<!-- c -->" if draw(st.booleans()) else ""
    return f"<{tag}{attrs}>{text}{comment}{inner}</{tag}>"


@given(st.lists(_figures(), max_size=4), st.sampled_from(["figure", "div"]))
@example(['<img src="a.jpg"><figcaption>Crowds. 图源：路透社</figcaption>'], "figure")
@example(["<p>图像来源，Getty Images</p>", '<p class="credit">Photo: A</p>'], "figure")
@settings(max_examples=600)
def test_figure_caption_is_the_plain_rule(parts: list[str], tag: str) -> None:
    root = html.fromstring(f"<html><body><{tag}>{''.join(parts)}</{tag}></body></html>")
    figure = root.find(f".//{tag}")
    assert figure is not None
    assert captions._figure_caption(figure) == _plain_figure_caption(figure)
    for el in figure.iter("figcaption", "p", "span", "div"):
        assert captions._read_caption(el) == _plain_read_caption(el)


@st.composite
def _figure_parts_html(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(
        st.sampled_from(
            ["figcaption", "p", "div", "img", "iframe", "embed", "audio", "video", "picture"]
        )
    )
    if tag in {"img", "embed"}:
        return f'<{tag} src="{draw(st.sampled_from("abc"))}.jpg">'
    inner = "" if depth >= 2 else "".join(draw(st.lists(_figure_parts_html(depth + 1), max_size=3)))
    comment = "<!-- c -->" if draw(st.booleans()) else ""
    return f"<{tag}>t{comment}{inner}</{tag}>"


@given(st.lists(_figure_parts_html(), max_size=4), st.sampled_from(["figure", "div"]))
@example(['<img src="a.jpg"><figcaption>A</figcaption><figcaption>B</figcaption>'], "figure")
@example(["<p><video></video></p><img src=b.jpg><iframe></iframe>"], "div")
def test_a_figure_s_parts_come_from_one_walk_as_from_three(parts: list[str], tag: str) -> None:
    from newsparse.body.walker import _figure_parts

    root = html.fromstring(f"<html><body><{tag}>{''.join(parts)}</{tag}></body></html>")
    figure = root.find(f".//{tag}")
    assert figure is not None
    imgs, players, caption_el = _figure_parts(figure)
    assert imgs == list(figure.iter("img"))
    assert players == list(figure.iter("iframe", "embed", "audio", "video"))
    assert caption_el is figure.find(".//figcaption")
    assert captions._figure_caption(figure, caption_el) == _plain_figure_caption(figure)


_PLAYER_URL_PIECES = st.sampled_from(
    [
        "https://", "//", "/", ".", "www.", "YouTube.com", "youtube-NOCOOKIE.com", "youtu.be",
        "VIMEO.com", "player.", "Player.", "jwplatform", "JWPlayer", "ted.com", "v.qq.com",
        "SoundCloud.com", "podcasts.Apple", "anchor.fm", "omny.fm", "Audioboom", "ximalaya",
        "/ad/", "/ADS/", "/ad", "ads/", "about:blank", "Widget", "facebook.com/plugins",
        "platform.twitter.com", "LikeCoin", "like.co/", "BUTTON", "doubleclick", "disqus",
        "googlesyndication", "googletagmanager", "ſ", "K", "İ", "ı", "ｙｏｕｔｕ", "\u212aick",
    ]
)  # fmt: skip
# What each pattern must find, declared here independently of the library's lists.
_NOT_MEDIA_WORDS = (
    "facebook.com/plugins", "platform.twitter.com", "likecoin", "like.co/", "button",
    "doubleclick", "googlesyndication", "googletagmanager", "about:blank", "disqus", "/ad/",
    "/ads/", "widget",
)  # fmt: skip
_VIDEO_WORDS = (
    "youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com",
    "bilibili.com", "v.qq.com", "youku.com", "ted.com", "rumble.com", "brightcove", "jwplayer",
    "jwplatform", "player.",
)  # fmt: skip
_AUDIO_WORDS = (
    "soundcloud.com", "spotify.com", "podcasts.apple", "anchor.fm", "ximalaya", "castbox",
    "simplecast", "buzzsprout", "podbean", "megaphone.fm", "omny.fm", "audioboom",
)  # fmt: skip
_PLAYER_URL = st.lists(st.one_of(_PLAYER_URL_PIECES, st.characters()), max_size=8).map("".join)


@given(_PLAYER_URL)
@example("https://www.YOUTUBE.com/embed/x")
@example("https://w.soundcloud.com/player/?url=x")
@example("https://example.com/ADS/x")
@example("https://example.com/\u212aey")
@example("https://playerXcom/v.qqXcom")
@example("https://example.com/adverts/x")
@example("https://like.com/x")
def test_player_url_patterns_are_the_case_insensitive_regexes(url: str) -> None:
    from newsparse.body import media

    for caseless, words in (
        (images._NOT_MEDIA, _NOT_MEDIA_WORDS),
        (media._VIDEO_HOSTS, _VIDEO_WORDS),
        (media._AUDIO_HOSTS, _AUDIO_WORDS),
    ):
        expected = caseless.pattern.search(url) is not None
        assert caseless.search(url) is expected
        # The patterns are their words: any one of them, in any case, as a plain substring.
        folded = url.casefold()
        if url.isascii():
            assert expected is any(word in folded for word in words)
