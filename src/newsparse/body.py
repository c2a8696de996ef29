"""Body extraction shared by every format: HTML (or Markdown) in, paragraphs, images and media out.

The pipeline, in order:

1. **parse** the HTML once with lxml (comments and processing instructions dropped, no
   network, no external entities); when libxml2 gives up on absurd nesting, the tags beyond
   :data:`MAX_DEPTH` levels are dropped (their text kept) and the document is parsed again;
2. **drop** what is never content (:data:`DROP_TAGS`: scripts, styles, svg, forms, …), after
   rescuing the picture of a ``<noscript>`` whose lazy-loaded ``<img>`` has no real URL;
3. **measure** every element once, bottom-up: how much text it holds and how much of that
   is link text (:func:`measure`); later decisions read these numbers instead of walking
   subtrees again;
4. **plan the content** (:func:`plan_content`): a known content container, else a lone
   ``<article>``, else the whole body; around that container the lead picture and the
   standfirst before it, and a comment thread written by the article's own contributors
   after it (ChinaFile Conversations, whose ``#comments`` section is the article);
5. **remove chrome** inside (:func:`remove_chrome`): by class/id (share bars, ad slots, meta
   lines, reader comments, paywalls), then by structure (:data:`STRUCTURE_RULES`: a list of
   links under a "Related/相关/延伸阅读" label, an outlet/date lockup around ``<time>``, a
   card holding a button, a linked card repeating the title, a teaser box of another
   article, heading-only and link-only boxes after the text);
6. **walk** each planned root once in document order (:class:`_Walker`), cutting blocks at
   block elements and ``<br><br>`` (a bold first line before plain text is a heading of its
   own), collecting images with their captions and credits, and media; every block
   remembers its element, its kind and its link text;
7. **clean the blocks** (:data:`CLEANERS`): date lines become date evidence, a paragraph
   repeating the title goes, feed footers, "related" lines, promotional tails after a rule,
   standing subscribe/listen footers, hashtag lines and trailing orphan headings are cut;
   on a video page the description loses its channel boilerplate (:func:`clean_description`).

Nothing here raises on messy HTML; what is dropped for safety (``javascript:`` and ``data:``
URLs) is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any, Final
from urllib.parse import urljoin

import attrs
from lxml import etree
from markdown_it import MarkdownIt

from newsparse._context import Context
from newsparse._text import (
    BR_MARK,
    INVISIBLE_CHARS,
    Caseless,
    char_class,
    clean_invisible,
    normalize_block,
    normalize_line,
)
from newsparse.byline import byline_in, clean_name
from newsparse.dates import parse_date_line
from newsparse.model import Image, Media

__all__ = ["Body", "extract_html", "extract_markdown", "looks_like_html"]

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


class _RenderEveryLink(MarkdownIt):
    """Every link and image is rendered, so that an unsafe one is dropped *with a warning*
    by the HTML extraction rather than silently left as Markdown text."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it-py's name
        return True


_MARKDOWN: Final = _RenderEveryLink("commonmark", {"html": True}).enable("table")

DROP_TAGS: Final = (
    "script", "style", "noscript", "svg", "math", "form", "button", "input", "select",
    "textarea", "template", "link", "meta", "head", "title", "nav", "canvas", "map",
    "dialog", "object", "param", "applet", "frameset", "frame", "base",
)  # fmt: skip
"""Elements removed with their content before anything else (their tail text stays)."""

BLOCK_TAGS: Final = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3",
    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address", "center",
    "details", "summary", "hr", "body", "html", "fieldset", "legend",
))  # fmt: skip
HEADING_TAGS: Final = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
BOLD_TAGS: Final = frozenset({"strong", "b"})
_PROSE_TAGS: Final = frozenset({"p", "li", "blockquote", "pre", "td", "dd"})
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

# Content containers of common CMSs, best first.
_CONTENT_MARKERS: Final = re.compile(
    r"(?:^|[\s_-])(?:entry-content|post-content|article-content|article-body|articlebody|"
    r"story-body|post-body|field-name-body|article__body|rich-text|node-content|"
    r"content-body|main-content|article-text|text-content|richtext)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_IDS: Final = re.compile(
    r"^(?:article-content|articlebody|article_body|content-body|main-content)$", re.I
)

# Chrome recognised by class or id (word-ish match on each token).
_CHROME_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:share|sharing|sharedaddy|social|related|relatedposts|jp-relatedposts|"
    r"advert|advertisement|ads|ad-slot|adsbygoogle|code-block|promo|newsletter|subscribe|"
    r"subscription|sidebar|widget|breadcrumbs?|pagination|pager|menu|navbar|navigation|"
    r"entry-meta|post-meta|article-meta|meta-info|entry-footer|post-footer|site-footer|"
    r"site-header|page-header|author-box|author-info|author-wrap|author-wrapper|"
    r"entry-author|author-bio|about-author|rdf-meta|submitted|screen-reader-text|"
    r"sr-only|visually-hidden|likes?|like-button|reactions|print|tags|tag-links|"
    r"cat-links|tagcloud|comment-respond|comment-form|respond|reply|login|signup|"
    r"cookie|popup|modal|toolbar|read-more|readmore|more-stories|recommend|recommended|"
    r"you-may-like|also-read|outbrain|taboola|disqus|copyright-notice|skip-link|logo|"
    r"service-links|paywall)(?:$|[_-])",
    re.IGNORECASE,
)
_HIDDEN_TOKENS: Final = frozenset((
    "hidden", "element-hidden", "element-invisible", "invisible", "visually-hidden", "sr-only",
    "screen-reader-text", "screenreader-only", "d-none", "is-hidden",
))  # fmt: skip
_CHROME_SUBSTRINGS: Final = ("paywall", "barrier", "recirc")
_FLAG_TOKEN: Final = re.compile(r"-(?:no|none|false|off)$", re.I)
"""``logo-no``, ``img-no``: a flag saying the thing is absent, not the thing."""
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_COMMENTS_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:comments?|comment-list|commentlist|comment-wrapper|comment-section)(?:$|[_-])",
    re.I,
)
_USER_COMMENT_MARK: Final = re.compile(
    r"(?:^|[_-])(?:reply|permalink|comment-time|comment-date|comment-meta|comment-author|"
    r"comment-submitted|submitted|says|vcard|avatar|commenter-name)(?:$|[_-])",
    re.I,
)
_CAPTION_TOKEN: Final = re.compile(
    r"caption|figcaption|photo-caption|image-caption|img-caption|wp-caption-text|imgtext|"
    r"pic-desc|cap-description|image-source|img-source|photo-source",
    re.IGNORECASE,
)
_CREDIT_TOKEN: Final = re.compile(r"copyright|credit|cap-cred", re.I)
_BYLINE_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:byline|author|author-name|writer|field-name-author|author-wrap)(?:$|[_-])", re.I
)
_NAME_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:name|username|author-name|nickname|fn)(?:$|[_-])", re.I
)
_STANDFIRST_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:abstract|standfirst|summary|description|dek|deck|lede|excerpt|subtitle|"
    r"sub-title|subhead|intro)(?:$|[_-])",
    re.I,
)
_AVATAR_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:avatar|author|profile|logo|icon|emoji|badge|gravatar|headshot|user-pic)(?:$|[_-])",
    re.I,
)

# Images that are page furniture, not content.
_TRACKER_URL: Final = Caseless.compile(
    r"/_/stat|[/.?&_-](?:pixel|tracking|tracker|beacon|analytics|counter)[/.?&_=-]|"
    r"feeds\.feedburner|stats\.wordpress|\bgravatar\.com|/emoji/|\.ico(?:$|\?)"
)
_FURNITURE_URL: Final = Caseless.compile(
    r"(?:^|[/_.-])(?:icons?|logos?|avatars?|emoji|spinner|placeholder|blank|spacer|loading|"
    r"1x1|transparent|share|sprite|badge|button)(?:[/_.-]|$)"
)
_PLACEHOLDER_SRC: Final = re.compile(
    r"(?:^|/)(?:blank|spacer|placeholder|lazy|loading|grey|gray|transparent|pixel|1x1)\.(?:gif|png|svg)",
    re.I,
)
_LISTING_LINK: Final = re.compile(
    r"/(?:category|categories|tag|tags|topics?|series|column|author|authors|user|users)/", re.I
)
_LAZY_ATTRS: Final = (
    "data-src", "data-lazy-src", "data-original", "data-actualsrc", "data-url", "data-lazy",
)  # fmt: skip

# Credits inside captions: 图/ 图源： 圖片來源： 来自： Photo: Photograph by …
_CREDIT_LABEL: Final = re.compile(
    r"(?:(?P<open>[(（【\[])|^|(?<=[\s,，。;；|｜)）】」》]))\s*"
    r"(?P<label>图像来源|圖像來源|图片来源|圖片來源|截图来源|截圖來源|图片提供|圖片提供|图源|圖源|"
    r"来源|來源|来自|來自|"
    r"摄影|攝影|摄|攝|图片|圖片|图|圖|"
    r"(?:Photo(?:graph)?s?|Image|Picture|Pictures)(?:\s+(?:by|courtesy(?:\s+of)?))?|"
    r"Credit|Credits|Source|Foto|Courtesy(?:\s+of)?)"
    r"(?P<sep>\s*[:：／/，,]\s*|(?<=by)\s+|(?<=of)\s+)"
    r"(?P<credit>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BARE_CREDIT: Final = re.compile(
    r"^[^,，。:：]{2,50}\s*(?:/|／|—|–)\s*(?:[^,，。:：]{0,40}\s)?"
    r"(?:AFP|AP|EPA|Reuters|Getty Images|Bloomberg|Associated Press|Xinhua|Alamy|Shutterstock|"
    r"路透社?|美联社|美聯社|法新社|新华社|新華社|视觉中国|視覺中國|中央社)$",
    re.IGNORECASE,
)
_CAPTION_LABEL: Final = re.compile(
    r"^(?:图像加注文字|圖像加註文字|图片说明|圖片說明|说明文字|說明文字|图注|圖註|题注|題注|Caption)\s*[,，:：]\s*",
    re.I,
)
_AGENCIES: Final = re.compile(
    r"^(?:路透(?:社)?|美联社|美聯社|法新社|新华社|新華社|中新社|中央社|Getty Images|Reuters|AP|AFP|EPA|"
    r"视觉中国|視覺中國|Shutterstock|iStock|Xinhua|Alamy)$",
    re.IGNORECASE,
)

_VIDEO_HOSTS: Final = re.compile(
    r"youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|dailymotion\.com|bilibili\.com|"
    r"v\.qq\.com|youku\.com|ted\.com|rumble\.com|brightcove|jwplayer|jwplatform|player\.",
    re.IGNORECASE,
)
_AUDIO_HOSTS: Final = re.compile(
    r"soundcloud\.com|spotify\.com|podcasts\.apple|anchor\.fm|ximalaya|castbox|simplecast|"
    r"buzzsprout|podbean|megaphone\.fm|omny\.fm|audioboom",
    re.IGNORECASE,
)
_NOT_MEDIA: Final = re.compile(
    r"facebook\.com/plugins|platform\.twitter\.com|likecoin|like\.co/|button|doubleclick|"
    r"googlesyndication|googletagmanager|about:blank|disqus|/ads?/|widget",
    re.IGNORECASE,
)
_TAG: Final = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w:-]*)(?:\s[^<>]*?)?(?P<self>/?)>")
_VOID_TAGS: Final = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
))  # fmt: skip
_URL_JUNK: Final = re.compile(r"[\x00-\x20\x7f]+")
_CONTROL_IN_URL: Final = re.compile(r"[\x00-\x1f\x7f]+")
_HTML_START: Final = re.compile(r"<(?:[A-Za-z][\w-]*[\s/>]|!--|!doctype)", re.IGNORECASE)
_UNSAFE_URL: Final = re.compile(r"^\s*(?:javascript|data|vbscript|file):", re.IGNORECASE)
_HAS_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

# Block-level text that is never article text.
_FEED_FOOTER: Final = re.compile(
    r"^(?:Continue reading on .{0,80}»|.{0,300} was originally published in .{0,200} on Medium.{0,200})$",
    re.IGNORECASE | re.DOTALL,
)
_RULE_MARKS: Final = "－=＝*＊—─━_~～"
_RULE_RUN: Final = re.compile(
    rf"[{_RULE_MARKS}-](?:(?<=[{_RULE_MARKS}])(?:\s*[{_RULE_MARKS}]){{2,}}\s*|(?<=-)-{{4,}})"
)
r"""A rule drawn in text: three or more rule marks (spaces between allowed) or five hyphens.
Same matches as ``(?:[marks]\s*){3,}|-{5,}``, written to open with one character class,
which lets the regex engine skip ahead to candidates (about six times faster)."""
_PROMO_WORDS: Final = Caseless.compile(
    r"订阅|訂閱|subscribe|paypal|patreon|微信搜索|微信公众号|公众号|公眾號|下载|下載|"
    r"app store|google play|翻墙|翻牆|psiphon|newsletter|赞助|贊助|打赏|打賞|捐款|捐助|会员|會員|"
    r"加入|頻道|频道|telegram|twitter|facebook|instagram|youtube|播客|podcast|#\w"
)
"""A promotional word (case-insensitive), or a hashtag."""
_FOOTER_PROMO: Final = re.compile(
    r"歡迎加入|欢迎加入|歡迎訂閱|欢迎订阅|收聽|收听|訂閱|订阅|關注我們|关注我们|追蹤我們|追踪我们|"
    r"subscribe|follow us|聽友|听友|粉絲團|粉丝团|粉絲專頁|粉丝专页|\bFB\b|facebook|instagram|"
    r"telegram|twitter|podcast|播客|重聽|重听|線上收|线上收|網路收|网络收|找到我|find me",
    re.IGNORECASE,
)
# Video descriptions (YouTube pages archived as posts): the channel's standing boilerplate.
_VIDEO_PAGE: Final = re.compile(
    r"^https?://(?:[\w-]+\.)?(?:youtube\.com|youtu\.be|vimeo\.com|bilibili\.com|dailymotion\.com|rumble\.com)/",
    re.I,
)
_SENTENCE_END: Final = re.compile(
    r"(?<=[。！？])(?![」』”’）)》〉!?！？])|(?<=[!?])(?![!?])|(?<=\.\.\.)(?!\.)|(?<=…)(?!…)|"
    r"(?<=[a-z)][.!?])(?=\s+[A-Z])|"
    r"(?=[►▶●⚫✪💎♥☞👉📌🔔✅⭐★■◆•❤💗💖🔥📢📣✨])|(?=【)"
)
_URL_IN_TEXT: Final = re.compile(
    r"https?://[\x21-\x7e]*[\x21\x22\x24-\x7e]|www\.[\x21-\x7e]*[\x21\x22\x24-\x7e]"
)
_URL_DATE_TAIL: Final = re.compile(r"\d{1,4}$")
_PROMO_SENTENCE: Final = Caseless.compile(
    r"訂閱|订阅|subscri(?:be|ption)|會員(?!國)|会员(?!国)|贊助|赞助|paypal|patreon|打賞|打赏|"
    r"捐款|捐助|斗内|抖內|super\s*chat|超級感謝|超级感谢|"
    r"(?:商業|商业|商務|商务)(?:合作|聯繫|联系|洽談|洽谈)|合作(?:郵箱|邮箱|洽談|洽谈)|"
    r"郵箱|邮箱|e-?mail\s*[:：]|"
    r"微信(?:号|號|ID|id|客服|諮詢|咨询|联系|聯繫)|微信\s*[:：]|加微信|wechat|"
    r"(?:facebook|twitter|推特|instagram|telegram|電報|电报|discord|whatsapp|臉書|脸书|fb|ig|line|"
    r"odysee|parler|gettr|fanpage)\s*(?:[:：@(（]|群|頻道|频道|粉專|粉专)|"
    r"版權所有|版权所有|轉載|转载|搬運|搬运|reup|copyright|下載(?!量)|下载(?!量)|"
    r"app\s*store|google\s*play|二維碼|二维码|掃碼|扫码|小鈴鐺|小铃铛|"
    r"(?:請|请|歡迎|欢迎)(?:關注|关注|追蹤|追踪)|關注我|关注我|follow\s+(?:me|us|my)|"
    r"加入(?:我的|頻道|频道|會員|会员|聊天|群)|聯繫我|联系我|歡迎分享|欢迎分享|"
    r"(?:感謝|感谢|感恩|謝謝|谢谢|thank you for).{0,12}(?:支持|訂閱|订阅|觀看|观看|收看|support)|"
    r"music used|music by|背景音樂|背景音乐|\bBGM\b|支持(?:我|我們|我们|本|新)?.{0,6}(?:頻道|频道)|"
    r"use (?:my )?code|promo code|\d+% off|sponsor|affiliate|join me|support me|merch|"
    r"我的(?:链接|鏈接|連結)|(?:注册|註冊)(?:获得|獲得|送)|返利|(?:邀请|邀請|优惠|優惠|折扣)(?:码|碼)|"
    r"(?:請|请)加入"
)
_PROMO_HANDLE: Final = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|(?<![\w@])@[A-Za-z_]\w{2,}", re.I)
r"""An e-mail address or a social-media handle: promotional too. Apart from
:data:`_PROMO_SENTENCE` because it is tried only where there is an "@" (at every letter of
a long word, ``[\w.+-]+@`` would otherwise run to the word's end)."""
_PROMO_URL: Final = Caseless.compile(
    r"paypal|patreon|ko-fi|buymeacoffee|streamelements|t\.me/|telegram|discord|facebook\.com|fb\.com|"
    r"twitter\.com|x\.com/|instagram|weibo|line\.me|whatsapp|odysee|parler|gettr|/join\b|"
    r"youtube\.com/(?:channel|c|user)/|youtube\.com/@|amzn\.to|amazon\.|taobao|shopee"
)
_REFERENCE_LEAD: Final = re.compile(
    r"^\s*[-–—]?\s*(?:參考|参考|資料來源|资料来源|來源|来源|Source|References?)", re.I
)
_HASHTAG: Final = re.compile(r"#[^\s#，。！？、,.!?；;：:｜|]+")
_HASHTAG_TAIL_REVERSED: Final = re.compile(
    r"(?:[\s,，、｜|]*[^\s#，。！？、,.!?；;：:｜|]+#\s*){2,}"
)
"""Two or more hashtags ending a text, matched on the text reversed (:func:`_hashtag_tail`)."""
_HASHTAG_LINE: Final = re.compile(r"^(?:#[^\s#]+\s*)+$")
_KEYWORD_SEP: Final = re.compile(r"[｜|,，]")
_CJK_STOP: Final = re.compile(r"[。！？]")
_DATELINE_PREFIX: Final = re.compile(r"^[^\s\d]{1,12}(?:\s*[(（][^)）]{1,12}[)）])?\s*[—–-]{1,2}$")
_DASHES: Final = "—–-"
"""How a :data:`_DATELINE_PREFIX` ends (blocks are stripped: it is their last character)."""
_RELATED_CJK: Final = (
    "相关阅读|相關閱讀|相关文章|相關文章|相关报道|相關報導|相关新闻|相關新聞|相关链接|相關連結|"
    "相关推荐|相關推薦|相关|相關|延伸阅读|延伸閱讀|衍生阅读|衍生閱讀|推荐阅读|推薦閱讀|扩展阅读|擴展閱讀|"
    "更多阅读|更多閱讀|热门文章|熱門文章|猜你喜欢|猜你喜歡|您可能感兴趣的文章|你可能感兴趣的文章|"
    "您可能感兴趣|你可能感兴趣|您可能感興趣的文章|你可能感興趣的文章|你可能也喜欢|你可能也喜歡"
)
_RELATED_WORDS: Final = (
    *_RELATED_CJK.split("|"),
    "Related",
    "Related (?:Articles?|Posts?|Stories|Reading|Content|Coverage|Links)",
    "Read more",
    "Read More",
    "Further reading",
    "See also",
    "More from .{1,40}",
    "You may also like",
    "Recommended",
    "More (?:on|about) (?:this|the) (?:story|topic)",
)
"""The labels of related-links lists, as regex alternatives (each opens with a literal character)."""
_RELATED_LABEL: Final = re.compile(
    rf"^\s*(?:{'|'.join(_RELATED_WORDS)})\s*[:：]?\s*$", re.IGNORECASE
)
_RELATED_FIRST: Final = re.compile(char_class(word[0] for word in _RELATED_WORDS), re.I)
"""The first character of any :data:`_RELATED_LABEL` match (the same case folding)."""
_RELATED_PREFIX: Final = re.compile(
    r"^\s*(?:相关阅读|相關閱讀|相关文章|相關文章|相关报道|相關報導|延伸阅读|延伸閱讀|衍生阅读|衍生閱讀|"
    r"推荐阅读|推薦閱讀|扩展阅读|擴展閱讀|更多阅读|更多閱讀|Related|Read more|See also|Further reading)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
_COMMENTS_LABEL: Final = re.compile(
    r"^\s*(?:\d+\s*)?(?:Comments?|Responses?|Discussion|评论|評論|留言|网友评论|網友評論)"
    r"(?:\s*[(（]?\d*[)）]?)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
_AUTHOR_BOX_WORDS: Final = "Featured Writers?|About the Authors?|Written by|作者简介|作者簡介|关于作者|關於作者|专栏作者|專欄作者"
_AUTHOR_BOX_LABEL: Final = re.compile(rf"^(?:{_AUTHOR_BOX_WORDS})\s*[:：]?$", re.IGNORECASE)
_AUTHOR_BOX_FIRST: Final = re.compile(
    char_class(word[0] for word in _AUTHOR_BOX_WORDS.split("|")), re.IGNORECASE
)
"""The first character of any :data:`_AUTHOR_BOX_LABEL` match (the same case folding)."""
_FOOTNOTE_MARK: Final = re.compile(r"^\s*[\[［(（]\d{1,3}[\]］)）]|^\s*\d{1,3}[.、．]\s")
_TITLE_IMAGE_LINE: Final = re.compile(r"^(?:题图|題圖|头图|頭圖)")
_WS_RUN: Final = re.compile(r"\s+")
_ENTITY_RISK: Final = re.compile(r"&(?:#|shy|zwn?j|zerowidth|negative|nobreak)", re.I)
"""Character references that may decode to an invisible character (numeric ones, ``&shy;``,
``&zwj;``, ``&ZeroWidthSpace;``…). The HTML is cleaned of invisible characters before it
is parsed, so without these its text holds none and blocks need no second cleaning."""
_FIRST_VISIBLE: Final = re.compile(rf"[^\s{INVISIBLE_CHARS[1:-1]}]")
"""A character that :func:`normalize_line` neither removes nor strips."""
_SAME_KEY: Final = re.compile(r"[\s\W_]+")
_KEY_CHAR: Final = re.compile(r"[^\W_]")
"""A character :data:`_SAME_KEY` keeps: one for which ``str.isalnum()`` is true."""

MAX_DEPTH: Final = 200
"""Deepest element nesting read as structure; deeper tags are dropped, their text kept."""
MAX_ATTRIBUTES: Final = 256
"""Most attributes read on one tag; a tag with more keeps only its name. libxml2 compares
each attribute name of a tag with every name before it, so 100,000 attributes on one tag
take about 15 s to parse and a million would take hours. Real tags have a few dozen."""
MIN_DESCRIPTION: Final = 60
"""A video description section with this much real text is kept whatever else it holds."""
MAX_CAPTION: Final = 600
"""Longest text read as a caption; longer text near a picture is body text."""
LEAD_BLOCK_MAX: Final = 800
"""Most text a picture block before the content container may hold to count as its lead picture."""
CARD_MAX: Final = 400
"""Most text a card around a button may hold (author boxes, outlet cards)."""
TEASER_MAX: Final = 600
"""Most text a teaser box of another article may hold."""


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


def looks_like_html(text: str) -> bool:
    """Tell HTML bodies from Markdown or plain-text ones: HTML opens with a tag."""
    head = text.lstrip()[:200]
    return bool(_HTML_START.match(head))


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
    html, cut = limit_attributes(html)
    if cut:
        ctx.note(
            "html-attributes-dropped",
            f"{cut} tag(s) with more than {MAX_ATTRIBUTES} attributes kept only their name",
        )
    root, too_deep = _parse(html)
    if too_deep:
        ctx.note(
            "html-too-deep",
            f"elements nested deeper than {MAX_DEPTH} levels were flattened (their text is kept)",
        )
        root, _ = _parse(flatten_deep(html))
    if root is None:
        return Body()
    _prepare(root)
    body = root.find("body")
    if body is None:
        body = root
    sizes = measure(body)
    page_byline = _page_byline(body, sizes)
    plan = plan_content(body, sizes)
    walker = _Walker(ctx, base_url, decodes_invisible=_ENTITY_RISK.search(html) is not None)
    # Dates in <time> elements, in case a date lockup holding the only date goes as chrome.
    lockup_dates = [
        when
        for item in plan.roots
        for time_el in item.iter("time")
        if (when := parse_date_line(_text_of(time_el))) is not None
    ]
    for item in plan.roots:
        remove_chrome(item, sizes, title=title, keep_comments=item in plan.threads)
        walker.walk(item)
        walker.finish()
    video = bool(base_url and _VIDEO_PAGE.match(base_url))
    blocks, dates = clean_blocks(walker.blocks, title, video=video)
    dates = dates or lockup_dates
    images = walker.images
    blocks = _move_title_image_line(blocks, images)
    byline = page_byline or plan.contributors or walker.credits_byline()
    return Body(
        paragraphs=tuple(b.text for b in blocks),
        images=tuple(images),
        media=tuple(walker.media),
        dates=tuple(dates),
        byline=byline,
    )


# ---------------------------------------------------------------------------- the tree


def _parse(html: str) -> tuple[Any, bool]:
    """Parse with a fresh parser; also say whether libxml2 gave up on the nesting depth."""
    parser = etree.HTMLParser(**_PARSER_OPTIONS)
    root = etree.HTML(html, parser)
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


# A tag with MAX_ATTRIBUTES attributes is at least twice as long ("a b c …"). Tags are
# cut at any ">" here, as libxml2 cuts them outside quoted values (see limit_attributes).
# The search reads at most that many characters from each "<", so it is linear.
_LONG_TAG: Final = re.compile(rf"<[A-Za-z][^>]{{{2 * MAX_ATTRIBUTES}}}")
_LONG_TAG_PARTS: Final = re.compile(rf"<([A-Za-z][^\s/>]*)([^>]{{{2 * MAX_ATTRIBUTES - 1},}})")
_QUOTED: Final = re.compile(r"\"[^\"]*\"|'[^']*'")


def limit_attributes(html: str) -> tuple[str, int]:
    """Keep only the name of each tag that has more than :data:`MAX_ATTRIBUTES` attributes.

    Attributes are counted as the white-space separated words of the tag once quoted
    values are removed (an overcount when ``=`` stands between spaces), so only absurd
    tags qualify. Returns the HTML (``html`` itself when nothing changed) and how many
    tags were cut. Time is linear in the length of ``html``. A ``>`` inside a quoted
    attribute value ends the tag here although it does not end it for libxml2: a tag
    whose attributes are interleaved with such values is not limited.
    """
    if len(html) <= 2 * MAX_ATTRIBUTES or _LONG_TAG.search(html) is None:
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


def flatten_deep(html: str, limit: int | None = None) -> str:
    """Drop the tags (not the text) of elements nested deeper than ``limit`` levels.

    libxml2 stops reading a document nested deeper than 256 elements and silently loses the
    rest; no article nests that deep, so beyond :data:`MAX_DEPTH` only the text is kept.
    Returns ``html`` itself (the same object) when nothing is that deep.
    """
    limit = MAX_DEPTH if limit is None else limit
    if html.count("<") <= limit:
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
    if deepest <= limit:
        return html
    out: list[str] = []
    last = 0
    depth = 0
    for m in _TAG.finditer(html):
        name = m["name"].lower()
        if name in _VOID_TAGS or m["self"]:
            continue
        if m["close"]:
            drop = depth > limit
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > limit
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


def _tokens(el: Any) -> list[str]:
    return _classes(el).split()


def _has_token(el: Any, pattern: re.Pattern[str]) -> bool:
    classes = _classes(el)
    return bool(classes) and _token_hit(classes, pattern)


@functools.lru_cache(maxsize=16384)
def _token_hit(classes: str, pattern: re.Pattern[str]) -> bool:
    """Whether a class/id token matches ``pattern`` (cached: pages repeat their classes)."""
    return any(pattern.search(tok) for tok in classes.split())


def _nonspace(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _prepare(root: Any) -> None:
    """Rescue lazy pictures from ``<noscript>``, note buttons, then drop :data:`DROP_TAGS`."""
    for noscript in list(root.iter("noscript")):
        parent = noscript.getparent()
        inner = noscript.findall(".//img")
        if parent is None or not inner:
            continue
        # The lazy <img> just before it already has a real URL: the copy is a duplicate.
        prev = noscript.getprevious()
        lazy = [] if prev is None else [prev] if prev.tag == "img" else prev.findall(".//img")
        if any(_real_src(img) for img in lazy):
            continue
        for img in lazy:
            _remove_keep_tail(img)
        for img in inner:  # before the <noscript>, in order (no index: that is a scan)
            img.tail = None
            noscript.addprevious(img)
    for button in root.iter("button"):
        parent = button.getparent()
        if parent is not None:
            parent.set("data-np-button", "1")
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)


def measure(root: Any) -> dict[Any, tuple[int, int]]:
    """Map each element to ``(text, link text)``: counts of non-space characters, bottom-up.

    One pass over the tree, so that no later decision walks a subtree's text again.
    """
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


def _size(sizes: dict[Any, tuple[int, int]], el: Any) -> int:
    return sizes.get(el, (0, 0))[0]


def _links(sizes: dict[Any, tuple[int, int]], el: Any) -> int:
    return sizes.get(el, (0, 0))[1]


def _text_of(el: Any) -> str:
    return normalize_line(" ".join(el.itertext()))


# ---------------------------------------------------------------------------- the plan


@attrs.define
class Plan:
    """The elements to read, in reading order, and what was learnt choosing them."""

    roots: list[Any]
    threads: list[Any] = attrs.Factory(list)
    """Roots that are comment threads written by the article's own contributors."""
    contributors: str | None = None
    """The contributors those threads name, joined by ``, ``."""


def find_content_root(body: Any, sizes: dict[Any, tuple[int, int]] | None = None) -> Any:
    """Return the element that holds the article's own text.

    A known content container (``entry-content``, ``field-name-body``, ``#article-content``…)
    with real text wins; otherwise a lone ``<article>`` element; otherwise the whole body.
    """
    if sizes is None:
        sizes = measure(body)
    best = None
    best_len = 0
    for el in body.iter("div", "section", "article", "main", "td"):
        cls = el.get("class")
        ident = el.get("id")
        if (cls or ident) and _is_content_marked(cls or "", ident or ""):
            length = _size(sizes, el)
            if length > best_len:
                best, best_len = el, length
    if best is not None and best_len >= 20:
        return best
    articles = body.findall(".//article")
    if len(articles) == 1 and _size(sizes, articles[0]) >= 0.3 * max(1, _size(sizes, body)):
        return articles[0]
    return body


@functools.lru_cache(maxsize=4096)
def _is_content_marked(classes: str, ident: str) -> bool:
    """Whether a class or id names a content container (cached: pages repeat them)."""
    return bool(_CONTENT_MARKERS.search(classes) or _CONTENT_IDS.match(ident))


def plan_content(body: Any, sizes: dict[Any, tuple[int, int]]) -> Plan:
    """Choose what to read: the content root, plus its lead picture, standfirst and
    contributor thread when they sit outside it (the page keeps them in sibling blocks)."""
    main = find_content_root(body, sizes)
    if main is body:
        return Plan(roots=[body])
    before: list[Any] = []
    after: list[Any] = []
    threads: list[Any] = []
    names: list[str] = []
    node = main
    while node is not body:
        parent = node.getparent()
        if parent is None:
            break
        level_before: list[Any] = []
        passed = False
        for sib in parent:
            if sib is node:
                passed = True
                continue
            if not isinstance(sib.tag, str) or _is_chrome_element(sib, sizes):
                continue
            if not passed:
                level_before.extend(_lead_parts(sib, sizes))
            else:
                thread_names = _author_thread(sib, sizes)
                if thread_names is not None:
                    after.append(sib)
                    threads.append(sib)
                    names.extend(thread_names)
        before = level_before + before
        node = parent
    contributors = ", ".join(dict.fromkeys(names)) or None
    return Plan(roots=[*before, main, *after], threads=threads, contributors=contributors)


def _lead_parts(el: Any, sizes: dict[Any, tuple[int, int]]) -> list[Any]:
    """What a block before the content container adds: its picture or its standfirst."""
    if el.tag in HEADING_TAGS or el.tag in {"nav", "footer", "aside"}:
        return []
    pictures = [img for img in el.iter("img") if _content_picture(img)]
    players = [m for m in el.iter("iframe", "audio", "video") if _is_media_element(m)]
    if (pictures or players) and _size(sizes, el) <= LEAD_BLOCK_MAX and not _holds_heading(el):
        return [el]
    for cand in el.iter():
        if not isinstance(cand.tag, str) or not _has_token(cand, _STANDFIRST_TOKEN):
            continue
        size = _size(sizes, cand)
        if 2 <= size <= 800 and _links(sizes, cand) * 2 < size and not _holds_heading(cand):
            return [cand]
    return []


def _holds_heading(el: Any) -> bool:
    return any(True for _ in el.iter("h1"))


def _content_picture(img: Any) -> bool:
    src = _real_src(img) or img.get("data-src") or ""
    return bool(src) and not _is_furniture(img, src)


def _is_media_element(el: Any) -> bool:
    src = el.get("src") or el.get("data-src") or ""
    if el.tag in {"audio", "video"}:
        return True
    return bool(src) and not _NOT_MEDIA.search(src)


def _author_thread(el: Any, sizes: dict[Any, tuple[int, int]]) -> list[str] | None:
    """The contributors' names when ``el`` is a comment thread the article's authors wrote.

    A Drupal thread where every comment is ``comment-by-node-author``, or a thread whose
    comments carry none of the reply/permalink/time furniture of reader comments and are
    essays (300+ characters each on average), is the article (ChinaFile Conversations).
    """
    if not (_has_token(el, _COMMENTS_TOKEN) or el.find(".//*[@id='comments']") is not None):
        return None
    items = [
        e
        for e in el.iter()
        if isinstance(e.tag, str) and "comment" in (e.get("class") or "").lower().split()
    ]
    if not items:
        return None
    by_author = all("comment-by-node-author" in (e.get("class") or "") for e in items)
    if not by_author:
        if any(_has_token(e, _USER_COMMENT_MARK) for e in el.iter() if isinstance(e.tag, str)):
            return None
        if sum(_size(sizes, e) for e in items) < 300 * len(items):
            return None
    names = []
    for item in items:
        for heading in item.iter("h2", "h3", "h4", "h5"):
            text = _text_of(heading)
            if 0 < len(text) <= 60:
                names.append(text)
                break
    return names


# ---------------------------------------------------------------------------- chrome


def _is_chrome_element(el: Any, sizes: dict[Any, tuple[int, int]]) -> bool:
    """Page furniture by class/id, hidden attributes or inline style."""
    return _is_chrome_marked(el, _classes(el))


def _is_chrome_marked(el: Any, classes: str) -> bool:
    """:func:`_is_chrome_element` for an element whose :func:`_classes` are known."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return bool(classes) and _chrome_classes(classes)


@functools.lru_cache(maxsize=16384)
def _chrome_classes(classes: str) -> bool:
    tokens = [t for t in classes.split() if not _FLAG_TOKEN.search(t)]
    if not tokens:
        return False
    lowered = " ".join(tokens).lower()
    if any(tok.lower() in _HIDDEN_TOKENS for tok in tokens):
        return True
    if any(sub in lowered for sub in _CHROME_SUBSTRINGS):
        return True
    return any(_CHROME_TOKEN.search(tok) for tok in tokens)


def remove_chrome(
    content: Any,
    sizes: dict[Any, tuple[int, int]],
    *,
    title: str | None = None,
    keep_comments: bool = False,
) -> None:
    """Remove page chrome below ``content`` (in place); keeps each removed element's tail."""
    total = max(1, _size(sizes, content))
    doomed: list[Any] = []
    # After a condemned element, its subtree is passed over up to skip_to, the first
    # element after it in document order. Only elements that have an attribute or a
    # suspect tag can be condemned (most have neither): the others cost two tests.
    skip_to = None
    for el in content.iter(etree.Element):
        if skip_to is not None:
            if el is not skip_to:
                continue
            skip_to = None
        if el is content:
            continue
        if (el.tag in _CHROME_SUSPECTS or el.keys()) and _chrome_verdict(
            el, sizes, total, keep_comments
        ):
            doomed.append(el)
            skip_to = _next_element_after(el, content)
            if skip_to is None:
                break
    for el in doomed:
        _remove_keep_tail(el)
    for rule in STRUCTURE_RULES:
        for el in rule(content, sizes, title):
            # A rule never takes most of the text: a short post is not a card of itself.
            if _size(sizes, el) * 2 <= total:
                _remove_keep_tail(el)


def _chrome_verdict(
    el: Any, sizes: dict[Any, tuple[int, int]], total: int, keep_comments: bool
) -> bool:
    tag = el.tag
    if tag in _CHROME_TAGS:
        return not _holds_main(sizes, el, total)
    # Most elements carry no attribute at all: nothing to read by class, id or style.
    if el.keys():
        classes = _classes(el)
        if _is_chrome_marked(el, classes):
            return not _holds_main(sizes, el, total)
        if not keep_comments and classes and _token_hit(classes, _COMMENTS_TOKEN):
            return not _holds_main(sizes, el, total)
    return (
        tag in HEADING_TAGS
        and _size(sizes, el) <= 20
        and _COMMENTS_LABEL.match(_text_of(el)) is not None
    )


def _holds_main(sizes: dict[Any, tuple[int, int]], el: Any, total: int) -> bool:
    """Whether ``el`` holds most of the text (then no class makes it chrome)."""
    size = _size(sizes, el)
    return size >= 200 and size > 0.5 * total


_CHROME_TAGS: Final = frozenset({"header", "footer", "aside"})
_CHROME_SUSPECTS: Final = _CHROME_TAGS | HEADING_TAGS
"""Tags :func:`_chrome_verdict` may condemn without any attribute (a heading: a "Comments"
label)."""


def _next_element_after(el: Any, stop: Any) -> Any:
    """The first element after ``el``'s subtree in document order, within ``stop``."""
    node = el
    while node is not None and node is not stop:
        following = next(node.itersiblings(etree.Element), None)
        if following is not None:
            return following
        node = node.getparent()
    return None


def _climb(el: Any, stop: Any, fits: Callable[[Any], bool]) -> Any:
    """The outermost ancestor of ``el`` below ``stop`` for which ``fits`` holds (or ``el``)."""
    node = el
    parent = node.getparent()
    while parent is not None and parent is not stop and fits(parent):
        node = parent
        parent = node.getparent()
    return node


def _size_is(sizes: dict[Any, tuple[int, int]], size: int) -> Callable[[Any], bool]:
    return lambda el: _size(sizes, el) == size


def _size_at_most(sizes: dict[Any, tuple[int, int]], limit: int) -> Callable[[Any], bool]:
    return lambda el: _size(sizes, el) <= limit


def _related_blocks(
    content: Any, sizes: dict[Any, tuple[int, int]], title: str | None
) -> list[Any]:
    """A "Related/相关/延伸阅读/您可能感兴趣" label with the list of links it heads."""
    doomed = []
    # Per parent, computed once (labels that share a parent ask the same questions of it;
    # scanning the siblings again for each label made a page of many labels quadratic).
    families: dict[Any, _Family] = {}

    def family(parent: Any) -> _Family:
        known = families.get(parent)
        if known is None:
            known = families[parent] = _Family.of(parent, sizes)
        return known

    for el in content.iter(etree.Element):
        if el is content or el.tag in {"a", "li"}:
            continue
        size, links = sizes.get(el, (0, 0))
        if not 2 <= size <= 24 or links:
            continue
        if not _opens_with(el, _RELATED_FIRST):
            continue
        text = _text_of(el)
        if not _RELATED_LABEL.match(text):
            continue
        label = _climb(el, content, _size_is(sizes, size))
        parent = label.getparent()
        if parent is None:
            continue
        kin = family(parent)
        if kin.loose_text:
            # The label sits in running text ("…。<br><br>相关阅读<br><a>"): the block
            # cleaner decides, line by line.
            continue
        if parent is not content and _is_link_list(parent, label, sizes, kin.sized):
            doomed.append(parent)
            continue
        following = []
        sib = label.getnext()
        while sib is not None and isinstance(sib.tag, str) and _is_link_item(sib, sizes):
            following.append(sib)
            sib = sib.getnext()
        covered = size + sum(_size(sizes, f) for f in following)
        # Nothing after the links holds text.
        to_end = sib is None or kin.positions[sib] > kin.last_sized
        if following and (parent is content or to_end or covered >= _size(sizes, parent)):
            doomed.extend([label, *following])
    return doomed


@attrs.frozen
class _Family:
    """What :func:`_related_blocks` asks of a parent about its children."""

    positions: dict[Any, int]
    """Each child's position (comments included)."""
    sized: list[Any]
    """The child elements that hold text, in order."""
    last_sized: int
    """The position of the last of them (-1 when none)."""
    loose_text: bool
    """Whether the parent holds text of its own (see :func:`_loose_text`)."""

    @classmethod
    def of(cls, parent: Any, sizes: dict[Any, tuple[int, int]]) -> _Family:
        children = list(parent)
        sized = [i for i, c in enumerate(children) if isinstance(c.tag, str) and _size(sizes, c)]
        return cls(
            positions={c: i for i, c in enumerate(children)},
            sized=[children[i] for i in sized],
            last_sized=sized[-1] if sized else -1,
            loose_text=_loose_text(parent),
        )


def _opens_with(el: Any, first: re.Pattern[str]) -> bool:
    """Whether the first character of :func:`_text_of` ``el`` matches ``first``.

    Much cheaper than building the text: only the first visible character is looked at.
    """
    for piece in el.itertext():
        m = _FIRST_VISIBLE.search(piece)
        if m is not None:
            return first.match(m.group()) is not None
    return False


def _loose_text(el: Any) -> bool:
    """Whether ``el`` holds text of its own (not inside a child element)."""
    if el.text and el.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in el)


def _is_link_item(el: Any, sizes: dict[Any, tuple[int, int]]) -> bool:
    size, links = sizes.get(el, (0, 0))
    if size == 0:
        return el.find(".//a") is not None or el.tag == "br"
    if links * 10 < size * 6:
        return False
    # A numbered reference ("[3] 作者，《题目》 URL") is the article's apparatus.
    return not _FOOTNOTE_MARK.match("".join(el.itertext())[:12])


def _is_link_list(
    parent: Any, label: Any, sizes: dict[Any, tuple[int, int]], sized: list[Any]
) -> bool:
    """Whether what ``parent`` holds besides ``label`` is a list of linked items (cards).

    ``sized`` is the children of ``parent`` that hold text, in order.
    """
    if _size(sizes, parent) > 2000:
        return False
    rest = [c for c in sized if c is not label]
    while len(rest) == 1 and len([c for c in rest[0] if isinstance(c.tag, str)]) > 1:
        rest = [c for c in rest[0] if isinstance(c.tag, str) and _size(sizes, c)]
    if not rest:
        return False
    return all(c.find(".//a[@href]") is not None or c.get("href") is not None for c in rest)


def _time_lockups(content: Any, sizes: dict[Any, tuple[int, int]], title: str | None) -> list[Any]:
    """An outlet/date lockup: a small block around a ``<time>`` (``端傳媒 · Dec 17th 2019``)."""
    doomed = []
    for time_el in content.iter("time"):
        own = _size(sizes, time_el)
        top = _climb(time_el, content, _size_at_most(sizes, own + 40))
        if top is not time_el and top.tag not in _PROSE_TAGS:
            doomed.append(top)
    return doomed


def _button_cards(content: Any, sizes: dict[Any, tuple[int, int]], title: str | None) -> list[Any]:
    """A card holding a button ("View", "Follow"): an author box, an outlet promo."""
    doomed = []
    for holder in content.iter():
        if not isinstance(holder.tag, str) or holder.get("data-np-button") is None:
            continue
        if holder is content:
            continue
        card = _climb(holder, content, _size_at_most(sizes, CARD_MAX))
        doomed.append(card)
    return doomed


def _title_cards(content: Any, sizes: dict[Any, tuple[int, int]], title: str | None) -> list[Any]:
    """A linked heading repeating the article's own title: an embed card of the article."""
    if not title:
        return []
    key = _key(title)
    if not key:
        return []
    limit = max(200, 4 * len(key))
    doomed = []
    for heading in content.iter(*HEADING_TAGS):
        size, links = sizes.get(heading, (0, 0))
        if not size or links < size or not _has_key(_text_of(heading), key):
            continue
        doomed.append(_climb(heading, content, _size_at_most(sizes, limit)))
    return doomed


def _teaser_cards(content: Any, sizes: dict[Any, tuple[int, int]], title: str | None) -> list[Any]:
    """A teaser of another article inside the text: a small box with a linked headline
    and a picture or a date (ChinaFile ``cboxes``, outlet cards)."""
    total = _size(sizes, content)
    doomed = []
    seen: set[Any] = set()
    for heading in content.iter(*HEADING_TAGS):
        size, links = sizes.get(heading, (0, 0))
        if size < 4 or links * 10 < size * 9:
            continue
        card = _climb(heading, content, _size_at_most(sizes, TEASER_MAX))
        if card is heading or card.tag not in {"div", "section", "article", "aside", "li"}:
            continue
        if card in seen or _size(sizes, card) * 2 > total:
            continue
        seen.add(card)
        if (
            any(_content_picture(img) for img in card.iter("img"))
            or card.find(".//time") is not None
            or any(
                "date" in (e.get("class") or "").lower()
                for e in card.iter()
                if isinstance(e.tag, str)
            )
        ):
            doomed.append(card)
    return doomed


def _heading_cards(content: Any, sizes: dict[Any, tuple[int, int]], title: str | None) -> list[Any]:
    """Containers after the text that hold only a heading and pictures ("No More.")."""
    children = [c for c in content if isinstance(c.tag, str)]
    doomed: list[Any] = []
    if not any(_has_prose(c, sizes) for c in children):
        return doomed
    for child in reversed(children):
        if child.tag not in {"div", "section"}:
            break
        if _has_prose(child, sizes):
            break
        if _size(sizes, child) == 0:
            continue
        if _size(sizes, child) <= 60 and any(True for _ in child.iter(*HEADING_TAGS)):
            doomed.append(child)
            continue
        break
    return doomed


def _link_cards(content: Any, sizes: dict[Any, tuple[int, int]], title: str | None) -> list[Any]:
    """Boxes of links after the text (footer cards, "more from" rows): mostly link text."""
    children = [c for c in content if isinstance(c.tag, str)]
    doomed: list[Any] = []
    if not any(c.tag in _PROSE_TAGS and _has_prose(c, sizes) for c in children):
        return doomed
    for child in reversed(children):
        size, links = sizes.get(child, (0, 0))
        if not size:
            continue
        if child.tag in {"div", "section", "aside"} and size <= 2000 and links * 10 >= size * 7:
            doomed.append(child)
            continue
        break
    return doomed


def _has_prose(el: Any, sizes: dict[Any, tuple[int, int]]) -> bool:
    if not len(el):  # a leaf (the common case in long documents): no subtree to search
        tag = el.tag
        return tag in _PROSE_BOXES or (tag in _PROSE_TAGS and _size(sizes, el) >= 20)
    if any(True for _ in el.iter(*_PROSE_BOXES)):
        return True
    return any(_size(sizes, p) >= 20 for p in el.iter(*_PROSE_TAGS))


_PROSE_BOXES: Final = frozenset({"figure", "figcaption", "blockquote"})


STRUCTURE_RULES: Final[
    tuple[Callable[[Any, dict[Any, tuple[int, int]], str | None], list[Any]], ...]
] = (
    _related_blocks,
    _time_lockups,
    _button_cards,
    _title_cards,
    _teaser_cards,
    _heading_cards,
    _link_cards,
)
"""Chrome recognised by structure rather than by name, applied in order after the class pass."""


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


def _page_byline(body: Any, sizes: dict[Any, tuple[int, int]]) -> str | None:
    """The writer a page's byline element names (``span.byline``, ``文/ NAME``, an author box)."""
    for el in body.iter("span", "div", "a", "p"):
        if not _has_token(el, _BYLINE_TOKEN) or _size(sizes, el) > 80:
            continue
        text = _text_of(el)
        if not text:
            continue
        found = byline_in(text)
        if found:
            return found
        for sub in el.iter():
            if sub is not el and isinstance(sub.tag, str) and _has_token(sub, _NAME_TOKEN):
                name = clean_name(_text_of(sub))
                if name and len(name) <= 40:
                    return name
        name = clean_name(_DATE_TAIL.sub("", text))
        if name and len(name) <= 40:
            return name
    return _author_box(body, sizes)


def _author_box(body: Any, sizes: dict[Any, tuple[int, int]]) -> str | None:
    """The name under an author box's label ("Featured Writer", "关于作者")."""
    empty = (0, 0)
    for el in body.iter(*HEADING_TAGS, "div", "span", "p", "strong"):
        if not 4 <= sizes.get(el, empty)[0] <= 20 or not _opens_with(el, _AUTHOR_BOX_FIRST):
            continue
        if not _AUTHOR_BOX_LABEL.match(_text_of(el)):
            continue
        following = el.xpath(
            "following::*[self::h2 or self::h3 or self::h4 or self::h5 or self::a or self::strong]"
            "[normalize-space()][1]"
        )
        if following:
            name = clean_name(_text_of(following[0]))
            if name and len(name) <= 30:
                return name
    return None


_DATE_TAIL: Final = re.compile(r"\s+\d{1,4}(?:[-/.]\d{1,2}){1,2}(?:\s+\d{1,2}:\d{2})?$")


# ---------------------------------------------------------------------------- urls, images


def _safe_url(raw: str | None, base_url: str | None, ctx: Context, what: str) -> str | None:
    if raw is None:
        return None
    url = raw.strip()
    if not url:
        return None
    # Browsers drop tabs, line breaks and control characters from URLs ("java\tscript:").
    if _URL_JUNK.search(url):
        squeezed = _URL_JUNK.sub("", url)
        url = squeezed if _UNSAFE_URL.match(squeezed) else _clean_url(url)
    if _UNSAFE_URL.match(url):
        scheme = url.split(":", 1)[0].strip().lower()
        ctx.note("unsafe-url-dropped", f"{what} with a {scheme}: URL was dropped")
        return None
    if url.startswith("//"):
        return "https:" + url
    if base_url and not _HAS_SCHEME.match(url):
        try:
            return urljoin(base_url, url)
        except ValueError:
            return url
    return url


def _clean_url(url: str) -> str:
    """Tabs, line breaks and control characters out of a URL; inner spaces become ``%20``."""
    url = _CONTROL_IN_URL.sub("", url)
    return url.replace(" ", "%20")


def _real_src(el: Any) -> str | None:
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:") or _PLACEHOLDER_SRC.search(src):
        return None
    return src


def _image_src(el: Any) -> str:
    """The picture's URL: ``src`` when it is real, else a lazy-loading attribute or srcset."""
    src = _real_src(el)
    if src:
        return src
    for attr in _LAZY_ATTRS:
        cand = (el.get(attr) or "").strip()
        if cand and not cand.startswith("data:"):
            return cand
    for attr in ("srcset", "data-srcset", "data-lazy-srcset"):
        srcset = (el.get(attr) or "").strip()
        first = srcset.split(",")[0].strip().split(" ")[0] if srcset else ""
        if first and not first.startswith("data:"):
            return first
    return (el.get("src") or "").strip()


def _is_furniture(el: Any, url: str) -> bool:
    """Tracking pixels, icons, logos, avatars and series banners are not content images."""
    dims = []
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().removesuffix("px")
        if value.isdigit():
            dims.append(int(value))
    if any(d <= 2 for d in dims) or (len(dims) == 2 and max(dims) <= 48):
        return True
    if _TRACKER_URL.search(url):
        return True
    path = url.split("?", 1)[0].rsplit("/", 1)[-1] if "/" in url else url
    if _FURNITURE_URL.search(path):
        return True
    node = el
    for _ in range(4):
        if node is None:
            break
        if isinstance(node.tag, str):
            if node is not el and node.tag in {"figure", "article", "section", "main", "body"}:
                break
            if _has_token(node, _AVATAR_TOKEN):
                return True
            if node.tag == "a" and _LISTING_LINK.search(node.get("href") or ""):
                return True
        node = node.getparent()
    return False


def _is_bare_credit(text: str) -> bool:
    """``PRAKASH SINGH/AFP via Getty Images``: a name and an agency, nothing else."""
    return len(text) <= 80 and bool(_BARE_CREDIT.match(text)) and not _CJK_STOP.search(text)


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Split a caption into ``(caption, credit)`` at a credit label (``图源：``, ``Photo:``…).

    A caption that is only a credit (``图片来源：美联社``, ``Getty Images``) gives
    ``(None, credit)``; a label left at the front of the credit (``来自：Photograph: X``)
    goes too.
    """
    text = _CAPTION_LABEL.sub("", normalize_line(text))
    if not text:
        return None, None
    if _AGENCIES.match(text):
        return None, text
    m = _CREDIT_LABEL.search(text)
    if not m:
        return (None, text) if _is_bare_credit(text) else (text, None)
    caption = text[: m.start()].rstrip(" ，,;；|｜") or None
    credit = m["credit"].strip()
    if m["open"]:
        credit = credit.rstrip(")）】]").strip()
    while True:
        inner = _CREDIT_LABEL.match(credit)
        if not inner or inner.start() != 0:
            break
        credit = inner["credit"].strip()
    return caption, credit or None


def _credit_only(text: str) -> str | None:
    """The credit a credit-classed element states (its label, if any, stripped)."""
    caption, credit = split_credit(text)
    if credit and not caption:
        return credit
    return normalize_line(text) or None


# ---------------------------------------------------------------------------- the walk


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


class _Walker:
    """One pass over the content tree: blocks of text, images and media in order."""

    def __init__(self, ctx: Context, base_url: str | None, *, decodes_invisible: bool) -> None:
        self.ctx = ctx
        self.base_url = base_url
        self._decodes_invisible = decodes_invisible
        self.blocks: list[Block] = []
        self.images: list[Image] = []
        self.media: list[Media] = []
        self._buf: list[str] = []
        self._buf_links = 0
        self._buf_anchors = 0
        self._bold_depth = 0
        self._link_depth = 0
        self._bold_only = True
        self._pending_split: int | None = None
        self._prefix = ""
        self._serial = 0
        self._stack: list[tuple[int, str]] = [(0, "div")]
        self._skipped: set[int] = set()
        # The last image/media item, while no text block has come after it: a caption
        # that follows attaches to it.
        self._captionable: tuple[str, int] | None = None
        self._seen_images: set[str] = set()
        self._credit_lines: list[str] = []

    # -- text buffer

    def _add(self, text: str | None) -> None:
        if not text:
            return
        if not self._buf and text.isspace():
            return  # white space opening a block: normalize_block would strip it
        if text.strip():
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
        links, anchors = self._buf_links, self._buf_anchors
        self._buf_links = self._buf_anchors = 0
        if not buf:  # between two block elements: nothing gathered
            return
        raw = "".join(buf)
        self._buf = []
        if not raw.strip():
            return
        # A line break between two East-Asian-ambiguous marks (” and ―) stays a space:
        # normalize_block removes breaks only where a CJK character is on one side.
        text = normalize_block(raw)
        if self._decodes_invisible:
            # Character references decode after the invisible characters were cleaned
            # from the source: clean again ("&#1;" is a control character).
            text = clean_invisible(text)
        if not text:
            return
        if self._prefix:
            text = f"{self._prefix} {text}"
            self._prefix = ""
        elif text[-1] in _DASHES and _DATELINE_PREFIX.match(text):
            # "华盛顿 — " before the first <p>: it opens the next paragraph.
            self._prefix = text
            return
        source, kind = self._stack[-1]
        size = len(text) - text.count(" ")  # normalised: single spaces are its only white space
        self.blocks.append(Block(text, source, kind, size, min(links, size), anchors))
        self._captionable = None

    def _br(self) -> None:
        # Two <br> in a row end the block; a single one is a space, except after the
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

    # -- the walk

    def walk(self, root: Any) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        start, end, skipped = self._start, self._end, self._skipped  # the hot loop's names
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end":
                    self._add(el.tail)
                continue
            tag = tag.lower()
            if event == "start":
                if start(el, tag):
                    skipped.add(id(el))
                    walker.skip_subtree()  # its "end" event still comes
            else:
                end(el, tag, id(el) in skipped)

    def _push(self, tag: str) -> None:
        self._serial += 1
        kind = _BLOCK_KIND.get(tag)
        if kind is None:
            kind = self._stack[-1][1] if self._stack[-1][1] in {"quote", "li"} else "div"
        self._stack.append((self._serial, kind))

    def _start(self, el: Any, tag: str) -> bool:
        """Handle an opening tag; True means the subtree was consumed here."""
        if tag in BLOCK_TAGS:
            self._flush()
            self._push(tag)
            if tag == "figure" and self._figure(el):
                return True
            if tag == "hr":
                return True
            if self._captionable is not None and (
                tag == "figcaption" or self._is_small_caption(el)
            ):
                self._caption_element(el)
                return True
        elif tag == "br":
            self._br()
            return True
        elif tag == "img":
            self._image(el)
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
                self._image(img)
            return True
        if (
            self._captionable is not None
            and self._is_caption(el, tag)
            and not "".join(self._buf).strip()
        ):
            self._caption_element(el)
            return True
        if tag in BOLD_TAGS:
            self._bold_depth += 1
        elif tag == "a" and el.get("href") is not None:
            self._link_depth += 1
            self._buf_anchors += 1
        self._add(el.text)
        return False

    def _end(self, el: Any, tag: str, skipped: bool) -> None:
        if not skipped:
            if tag in BOLD_TAGS and self._bold_depth > 0:
                self._bold_depth -= 1
            elif tag == "a" and el.get("href") is not None and self._link_depth > 0:
                self._link_depth -= 1
        if tag in BLOCK_TAGS:
            self._flush()
            if len(self._stack) > 1:
                self._stack.pop()
        tail = el.tail
        if tail:
            self._add(tail)

    def _is_caption(self, el: Any, tag: str) -> bool:
        classes = _classes(el)
        if classes and (_CAPTION_TOKEN.search(classes) or _CREDIT_TOKEN.search(classes)):
            return True
        return tag == "small"

    def _is_small_caption(self, el: Any) -> bool:
        """``<div><small>caption</small></div>`` (VOA), or a caption-classed block."""
        classes = _classes(el)
        if classes and (_CAPTION_TOKEN.search(classes) or _CREDIT_TOKEN.search(classes)):
            return True
        children = [c for c in el if isinstance(c.tag, str)]
        return (
            len(children) == 1
            and children[0].tag == "small"
            and not (el.text or "").strip()
            and not (children[0].tail or "").strip()
        )

    # -- captions

    def _caption_element(self, el: Any) -> None:
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
        if url is None or _is_furniture(el, url):
            return False
        if url in self._seen_images:
            return False
        self._seen_images.add(url)
        alt = normalize_line(el.get("alt") or "") or None
        self.images.append(Image(url=url, alt=alt, caption=caption, credit=credit))
        if caption:
            self._credit_lines.append(caption)
        self._captionable = ("image", len(self.images) - 1)
        return True

    def _figure(self, el: Any) -> bool:
        imgs = list(el.iter("img"))
        players = list(el.iter("iframe", "embed", "audio", "video"))
        if not imgs and not players:
            # A figure without a picture: the caption of the picture just before it
            # (Aesop: <div><img/></div><figure><figcaption>…), else text (a pull quote).
            caption_el = el.find(".//figcaption")
            if (
                caption_el is not None
                and self._captionable is not None
                and _size_text(el) <= MAX_CAPTION
            ):
                self._caption_element(caption_el)
                return True
            return False
        caption, credit = _figure_caption(el)
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

    def _media_element(self, el: Any, tag: str, caption: str | None = None) -> None:
        src = el.get("src")
        if not src:
            source = el.find(".//source")
            src = source.get("src") if source is not None else None
        url = _safe_url(src, self.base_url, self.ctx, f"an {tag} element")
        if url is None:
            return
        self.media.append(Media(kind=tag, url=url, caption=caption))
        self._captionable = ("media", len(self.media) - 1)

    def _iframe(self, el: Any, caption: str | None = None) -> None:
        url = _safe_url(el.get("src") or el.get("data-src"), self.base_url, self.ctx, "an iframe")
        if url is None or _NOT_MEDIA.search(url):
            return
        kind = (
            "video"
            if _VIDEO_HOSTS.search(url)
            else "audio"
            if _AUDIO_HOSTS.search(url)
            else "embed"
        )
        self.media.append(Media(kind=kind, url=url, caption=caption))
        self._captionable = ("media", len(self.media) - 1)

    def finish(self) -> None:
        """End the current root: flush what is pending."""
        self._flush()
        if self._prefix:
            source, kind = self._stack[-1]
            size = _nonspace(self._prefix)
            self.blocks.append(Block(self._prefix, source, kind, size, 0, 0))
            self._prefix = ""
        self._captionable = None

    def credits_byline(self) -> str | None:
        """A writer named in a picture's credits (an episode's ``文案策划/NAME``)."""
        for line in self._credit_lines:
            found = byline_in(line)
            if found:
                return found
        return None


def _size_text(el: Any) -> int:
    return sum(_nonspace(t) for t in el.itertext())


def _read_caption(el: Any) -> tuple[str | None, str | None]:
    """Caption and credit of a caption element; credit-classed parts are credit."""
    if _is_credit_element(el):
        return None, _credit_only(" ".join(el.itertext()))
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
        if _is_credit_element(node):
            credit = _credit_only(" ".join(node.itertext())) or credit
            walker.skip_subtree()
            continue
        if node.tag in BLOCK_TAGS or node.tag == "br":
            pieces.append(" ")
        if node.text:
            pieces.append(node.text)
    text = normalize_block("".join(pieces))
    if not text or len(text) > MAX_CAPTION:
        return None, credit
    caption, inner_credit = split_credit(text)
    return caption, credit or inner_credit


def _is_credit_element(el: Any) -> bool:
    classes = _classes(el)
    return (
        bool(classes) and bool(_CREDIT_TOKEN.search(classes)) and not _CAPTION_TOKEN.search(classes)
    )


def _figure_caption(el: Any) -> tuple[str | None, str | None]:
    """A figure's caption and credit: its ``<figcaption>`` and any credit line beside it
    (BBC: ``<p>图像来源，Getty Images</p>``)."""
    caption: str | None = None
    credit: str | None = None
    caption_el = el.find(".//figcaption")
    inside_caption: set[Any] = set()
    if caption_el is not None:
        caption, credit = _read_caption(caption_el)
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
        if not text or len(text) > MAX_CAPTION:
            continue
        classes = _classes(child)
        line_caption, line_credit = split_credit(text)
        if classes and _CREDIT_TOKEN.search(classes) and not _CAPTION_TOKEN.search(classes):
            credit = credit or _credit_only(text)
        elif line_credit and not line_caption:
            credit = credit or line_credit
        elif caption is None and caption_el is None:
            caption, credit = line_caption, credit or line_credit
    return caption, credit


# ---------------------------------------------------------------------------- cleaning


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


def _cut_promo_tail(blocks: list[Block]) -> list[Block]:
    """Cut a trailing promotional section that starts at a rule (``———``, ``=====``).

    The first rule whose rest (the text after it in its block, then every later block
    joined by spaces) holds a promotional word starts the section. The rest is never
    built: a promotional word after a block's start is looked up once in the joined text
    (:class:`_PromoAfter`), so many rules cost no more than one.
    """
    texts = [b.text for b in blocks]
    # One search for all: a rule cannot run across NUL, which is neither a mark nor a space.
    if not _RULE_RUN.search("\0".join(texts)):
        return blocks
    promo_after = _PromoAfter(texts)
    for i, block in enumerate(blocks):
        # Only a block's first rule can start the section: the rest after any later rule
        # of the block is a suffix of the rest after the first, so it holds a promotional
        # word only if that one does. (Checking each rule made a block of many rules cost
        # quadratic time.)
        m = _RULE_RUN.search(block.text)
        if m is not None and promo_after.in_rest(i, block.text[m.end() :]):
            head = block.text[: m.start()].strip()
            if head:
                return [*blocks[:i], attrs.evolve(block, text=head, size=_nonspace(head))]
            return blocks[:i]
    return blocks


_PROMO_WORD_MAX: Final = 16
"""Longer than any match of :data:`_PROMO_WORDS` (its longest word has 11 characters)."""


class _PromoAfter:
    """Whether ``tail + " ".join(texts[i + 1:])`` holds a :data:`_PROMO_WORDS` match.

    The pattern has no anchors and no look-behind, so a match depends only on the
    characters it covers: one starting in ``tail`` is found in ``tail`` and the first few
    characters after it, and one starting later is found in the joined text. Questions come
    in document order and the first yes ends them, so a search that finds nothing from
    some block on answers every later question: the joined text is scanned at most once.
    """

    def __init__(self, texts: list[str]) -> None:
        self._joined = " ".join(texts)
        # Built when first needed; its offsets are those of the joined text (Caseless).
        self._haystack: tuple[str, re.Pattern[str]] | None = None
        # Where " ".join(texts[i:]) starts inside the joined text.
        self._starts: list[int] = []
        offset = 0
        for text in texts:
            self._starts.append(offset)
            offset += len(text) + 1
        self._starts.append(len(self._joined) + 1)
        self._none_from = len(self._joined) + 1

    def in_rest(self, index: int, tail: str) -> bool:
        """Whether ``tail`` followed directly by the blocks after ``index`` holds a match."""
        start = self._starts[index + 1]
        following = self._joined[start : start + _PROMO_WORD_MAX]
        if _PROMO_WORDS.search(tail + following):
            return True
        if start >= self._none_from:
            return False
        if self._haystack is None:
            self._haystack = _PROMO_WORDS.haystack(self._joined)
        haystack, pattern = self._haystack
        if pattern.search(haystack, start):
            return True
        self._none_from = start
        return False


def _cut_related_lists(blocks: list[Block]) -> list[Block]:
    """Drop a "相关阅读：" label with the links after it, or "延伸阅读：<link>" lines."""
    out: list[Block] = []
    dropping = False
    for block in blocks:
        if dropping:
            if (
                block.size
                and block.links * 10 >= block.size * 6
                and not _FOOTNOTE_MARK.match(block.text)
            ):
                continue
            dropping = False
        if _RELATED_LABEL.match(block.text):
            dropping = True
            continue
        m = _RELATED_PREFIX.match(block.text)
        if m and block.anchors and block.links * 10 >= (block.size - _nonspace(m.group())) * 8:
            dropping = True
            continue
        out.append(block)
    return out


def _cut_footer_promo(blocks: list[Block]) -> list[Block]:
    """Drop a standing promotional footer among the last blocks: several links and
    several calls to listen, join or follow (``歡迎加入FB聽友小組…``), or a call to
    subscribe followed by nothing but its link."""
    doomed_sources = set()
    start = max(0, len(blocks) - 6)
    for i in range(start, len(blocks)):
        block = blocks[i]
        # The cheap conditions first: the calls are counted only where they matter.
        if (
            block.anchors >= 2
            and i >= len(blocks) - 3
            and len(set(_FOOTER_PROMO.findall(block.text.lower()))) >= 2
        ):
            doomed_sources.add(block.source)
            continue
        rest = blocks[i + 1 :]
        if (
            rest
            and not block.anchors
            and block.text.rstrip().rstrip(")）").endswith((":", "："))
            and all(b.size and b.links * 10 >= b.size * 8 for b in rest)
            and _FOOTER_PROMO.search(block.text.lower())
        ):
            doomed_sources.update(b.source for b in blocks[i:])
            break
    if not doomed_sources:
        return blocks
    return [b for b in blocks if b.source not in doomed_sources]


def _is_promo_sentence(sentence: str) -> bool:
    """Whether a sentence of a video description is channel boilerplate: a call to
    subscribe, join, donate or follow, a contact, a copyright notice, a hashtag line."""
    return _sentence_kind(sentence) == "promo"


def _sentence_kind(sentence: str) -> str:
    """``"promo"``, ``"link"`` (a bare link behind a short label: dropped, but no
    evidence either way) or ``"text"``."""
    text = sentence.strip()
    if not _KEY_CHAR.search(text):
        return "link"
    urls = _URL_IN_TEXT.findall(text)
    bare = _URL_IN_TEXT.sub(" ", text)
    hashtags = _HASHTAG.findall(bare)
    if hashtags and len(_HASHTAG.sub("", bare).strip(" ｜|,，、:：")) <= 4 * len(hashtags):
        return "promo"
    if len(_KEYWORD_SEP.findall(text)) >= 8 and not _CJK_STOP.search(text):
        return "promo"
    if any(_PROMO_URL.search(u) for u in urls):
        return "promo"
    if _PROMO_SENTENCE.search(bare) or ("@" in bare and _PROMO_HANDLE.search(bare)):
        return "promo"
    label = bare.strip(" :：-–—()（）")
    if (
        urls
        and len(label) <= 20
        and not _CJK_STOP.search(label)
        and not _REFERENCE_LEAD.match(bare)
    ):
        return "link"
    return "text"


def _sentences(text: str) -> list[tuple[str, str]]:
    """Cut a description into ``(sentence, kind)``: sentences, bullets and links (a link
    ends its piece; a short remainder after a promotional link is promotional too)."""
    out: list[tuple[str, str]] = []
    for part in _SENTENCE_END.split(text):
        pieces: list[str] = []
        last = 0
        for m in _URL_IN_TEXT.finditer(part):
            end = m.end()
            # A URL swallows the digits of a date glued after it ("…/laoyang2月20日").
            digits = _URL_DATE_TAIL.search(m.group())
            if digits and end < len(part) and part[end] in "年月日号號時时點点.":
                end -= len(digits.group())
            pieces.append(part[last:end])
            last = end
        pieces.append(part[last:])
        previous = "text"
        for _index, piece in enumerate(pieces):
            tail = _hashtag_tail(piece)
            split = [piece[:tail], piece[tail:]] if tail else [piece]
            for chunk in split:
                if not chunk:
                    continue
                kind = _sentence_kind(chunk)
                if kind == "text" and previous != "text" and _nonspace(chunk) <= 15:
                    kind = previous
                # A bare link opening its sentence says nothing about what follows it.
                labelled = bool(_URL_IN_TEXT.sub("", chunk).strip())
                previous = kind if labelled else "text"
                out.append((chunk, kind))
    return out


def _hashtag_tail(text: str) -> int | None:
    r"""Where the hashtags ending ``text`` start (two at least, ``#端傳媒 #香港``), or None.

    The leftmost match of ``(?:\s*#TAG[\s,，、｜|]*){2,}$``. Matched forwards, that pattern
    backtracks exponentially over hashtags followed by other text (a space between two
    hashtags belongs to either); anchored at the start of the reversed text it never has
    to backtrack across hashtags, and it finds the same start.
    """
    if text.count("#") < 2:
        return None
    m = _HASHTAG_TAIL_REVERSED.match(text[::-1])
    return None if m is None else len(text) - m.end()


def _weight(sentence: str) -> int:
    return _nonspace(_URL_IN_TEXT.sub("", sentence)) if _KEY_CHAR.search(sentence) else 0


def _mostly_content(section: str) -> bool:
    promo = content = 0
    for sentence, kind in _sentences(section):
        if kind == "promo":
            promo += _weight(sentence)
        elif kind == "text":
            content += _weight(sentence)
    return content > promo or content >= MIN_DESCRIPTION


def clean_description(text: str) -> str:
    """A video description without its channel boilerplate.

    Sections between rules (``－－－``, ``=====``) that are mostly calls to subscribe,
    donate or follow are skipped until one with real text; after it, the rest goes at the
    next rule if it is promotional; then every sentence that promotes (sponsors, contacts,
    social links, hashtag lines, copyright notices) is dropped.
    """
    sections: list[str] = []
    last = 0
    for m in _RULE_RUN.finditer(text):
        sections.append(text[last : m.start()])
        last = m.end()
    sections.append(text[last:])
    kept: list[str] = []
    for index, section in enumerate(sections):
        if not kept:
            if _mostly_content(section):
                kept.append(section)
            continue
        if _PROMO_WORDS.search(" ".join(sections[index:])):
            break
        kept.append(section)
    sentences = [s for s, kind in _sentences(" ".join(kept)) if kind == "text"]
    return normalize_block("".join(sentences))


def _cut_hashtag_tail(blocks: list[Block]) -> list[Block]:
    """Hashtag lines at the end (``#端傳媒 #香港``) are tags, not text."""
    end = len(blocks)
    while end > 1 and _HASHTAG_LINE.match(blocks[end - 1].text):
        end -= 1
    return blocks[:end]


def _cut_trailing_headings(blocks: list[Block]) -> list[Block]:
    """A heading with nothing after it heads nothing: card titles, end markers."""
    end = len(blocks)
    while end > 1 and blocks[end - 1].kind == "h" and blocks[end - 1].size <= 30:
        end -= 1
    return blocks[:end]


CLEANERS: Final[tuple[Callable[[list[Block]], list[Block]], ...]] = (
    _cut_promo_tail,
    _cut_related_lists,
    _cut_footer_promo,
    _cut_hashtag_tail,
    _cut_trailing_headings,
)
"""Block-list cleaners applied in order after date lines and the title are taken out."""


def clean_blocks(
    blocks: Iterable[Block], title: str | None, *, video: bool = False
) -> tuple[list[Block], list[dt.datetime]]:
    """Remove date lines (returned as evidence), title repeats and feed footers, then
    apply :data:`CLEANERS`; a video page's description loses its channel boilerplate."""
    out: list[Block] = []
    dates: list[dt.datetime] = []
    title_key = _key(title) if title else None
    for block in blocks:
        when = parse_date_line(block.text)
        if when is not None:
            dates.append(when)
            continue
        if title_key is not None and block.text and _has_key(block.text, title_key):
            continue
        if _FEED_FOOTER.match(block.text):
            continue
        if video:
            text = clean_description(block.text)
            if text != block.text:
                block = attrs.evolve(block, text=text, size=_nonspace(text))
        out.append(block)
    for cleaner in CLEANERS:
        out = cleaner(out)
    return [b for b in out if _KEY_CHAR.search(b.text)], dates


def _move_title_image_line(blocks: list[Block], images: list[Image]) -> list[Block]:
    """A closing "题图为…" line is the head picture's caption (燕京书评)."""
    if not blocks or not images or images[0].caption is not None:
        return blocks
    last = blocks[-1]
    if not _TITLE_IMAGE_LINE.match(last.text) or len(last.text) > 200:
        return blocks
    caption, credit = split_credit(last.text)
    images[0] = attrs.evolve(images[0], caption=caption, credit=credit or images[0].credit)
    return blocks[:-1]
