"""Captions and credits: what a picture's caption says, and whom it credits.

::

    <figure>
      <img src="a.jpg">
      <figcaption>Crowds on Monday. 图源：路透社</figcaption>   caption "Crowds on Monday.",
    </figure>                                                  credit "路透社"
    <figure><img src="b.jpg"><p>图像来源，Getty Images</p></figure>   credit "Getty Images"
    <span class="image-credit">Photo: A. Writer</span>        credit "A. Writer"

:func:`split_credit` cuts a caption's text at its credit label (``图源：``, ``Photo:``,
``Photograph by``) or recognises a bare agency credit (``NAME/AFP via Getty Images``);
:func:`_read_caption` and :func:`_figure_caption` read caption elements, where a
credit-classed part is the credit. Which element is a caption is the walker's call
(:mod:`~newsparse.body.walker`); for a line outside ``<figure>`` it asks
:func:`loose_caption` and :func:`marked_caption`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from lxml import etree

from newsparse import _accel
from newsparse._text import (
    _INVISIBLE,
    _ODD_CASE,
    _WS,
    Caseless,
    normalize_block,
    normalize_line,
)
from newsparse.body._tree import _CJK_STOP, BLOCK_TAGS, _classes, _nonspace

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
AGENCY: Final = (
    r"(?:路透社?|美联社|美聯社|法新社|新华社|新華社|中新社|中央社|德新社|欧新社|歐新社|共同社|韩联社|"
    r"韓聯社|塔斯社|安莎社|埃菲社|彭博社?|视觉中国|視覺中國|AFP|AP|EPA|dpa|KNA|epd|Reuters|Bloomberg|"
    r"Associated Press|Xinhua|Getty Images|Alamy|Shutterstock|iStock)"
)
"""News and picture agencies, as one regex group: the one list every credit rule reads."""
_BARE_CREDIT: Final = re.compile(
    rf"^[^,，。:：]{{2,50}}\s*(?:/|／|—|–)\s*(?:[^,，。:：]{{0,40}}\s)?{AGENCY}$",
    re.IGNORECASE,
)
_CAPTION_LABEL: Final = re.compile(
    r"^(?:图像加注文字|圖像加註文字|图片说明|圖片說明|说明文字|說明文字|图注|圖註|题注|題注|Caption)\s*[,，:：]\s*",
    re.I,
)
_AGENCIES: Final = re.compile(rf"^{AGENCY}$", re.IGNORECASE)
_AGENCY_LONGEST: Final = 16
"""The most characters a :data:`_AGENCIES` match holds (``Associated Press``): a longer
text is no agency alone, and the regex is not run on it (each character of a pattern
matches one character in any case; a property test checks the figure against the
pattern's width)."""

# Exact pre-checks: text failing one holds no match of the pattern, which is then not run.
_CAPTION_LABEL_FIRST: Final = "图圖说說题題Cc"
"""The characters a :data:`_CAPTION_LABEL` match opens with (only C and c match C)."""
_LABEL_HANZI: Final = "图圖来來摄攝"
"""One of these is in every Chinese label of :data:`_CREDIT_LABEL`."""
_LABEL_HANZI_SEP: Final = re.compile(r"[源自影摄攝片图圖供]\s*[:：／/，,]")
"""The last character of a Chinese label of :data:`_CREDIT_LABEL` and the separator that
must follow it (``by``/``of`` end no Chinese label)."""
_LABEL_WORDS: Final = ("photo", "image", "picture", "credit", "source", "foto", "courtesy")
"""One of these is in every Latin label of :data:`_CREDIT_LABEL`, lower-cased."""
_DASHES: Final = ("/", "／", "—", "–")
"""One of these is in every :data:`_BARE_CREDIT` match."""


def _may_hold_label(text: str) -> bool:
    """False only when ``text`` holds no :data:`_CREDIT_LABEL` match (no label in it)."""
    if text.isascii():  # no odd-case character, no Chinese label: a Latin label's word
        return _held_label_word(text.lower())
    if _held_odd_or_hanzi(text):
        if _ODD_CASE.search(text) is not None:  # İ ı ſ K match ASCII letters in any case
            return True
        # Else one of _LABEL_HANZI is in it.
        return _held_label_word(text.lower()) or _LABEL_HANZI_SEP.search(text) is not None
    return _held_label_word(text.lower())


_ODD_OR_HANZI: Final = (*_ODD_CASE.pattern.strip("[]"), *_LABEL_HANZI)
"""The characters of :data:`~newsparse._text._ODD_CASE` and of :data:`_LABEL_HANZI`: a
text holding none of them is asked only for a Latin label's word."""


def _held_label_word_py(low: str) -> bool:
    """Whether the lower-cased ``low`` holds one of :data:`_LABEL_WORDS`."""
    for word in _LABEL_WORDS:  # noqa: SIM110 - a loop: any() of a generator costs more
        if word in low:
            return True
    return False


_held_label_word: Final[Callable[[str], bool]] = (
    _held_label_word_py if _accel.CTREE is None else _accel.CTREE.needles(_LABEL_WORDS)
)
""":func:`_held_label_word_py`, in one compiled pass when the accelerator runs."""
_held_odd_or_hanzi: Final[Callable[[str], object]] = (
    re.compile(f"[{''.join(_ODD_OR_HANZI)}]").search
    if _accel.CTREE is None
    else _accel.CTREE.needles(_ODD_OR_HANZI)
)
"""Whether a text holds one of :data:`_ODD_OR_HANZI` (truthy), in one pass."""


_LABEL_START: Final = re.compile(f"{'|'.join(_LABEL_WORDS)}|[{_LABEL_HANZI}截]")
"""Where a label of :data:`_CREDIT_LABEL` may open, in a lower-cased text without an
odd-case character: a Latin label opens with one of :data:`_LABEL_WORDS` (in any case),
a Chinese one with one of these characters."""


def _credit_label(text: str) -> re.Match[str] | None:
    """``_CREDIT_LABEL.search(text)``, begun where a match may begin at the earliest: an
    opening bracket or the white space before the first place a label may open (a match
    opening later is found the same; none opens earlier). Lower-casing keeps offsets in a
    text without an odd-case character; any other text is searched whole."""
    start = 0
    if text.isascii() or _ODD_CASE.search(text) is None:
        first = _LABEL_START.search(text.lower())
        if first is None:
            return None
        start = max(len(text[: first.start()].rstrip()) - 1, 0)
    return _CREDIT_LABEL.search(text, start)


def _is_bare_credit(text: str) -> bool:
    """``PRAKASH SINGH/AFP via Getty Images``: a name and an agency, nothing else."""
    return (
        len(text) <= 80
        and ("/" in text or "／" in text or "—" in text or "–" in text)
        and bool(_BARE_CREDIT.match(text))
        and not _CJK_STOP.search(text)
    )


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Split a caption into ``(caption, credit)`` at a credit label (``图源：``, ``Photo:``…).

    A caption that is only a credit (``图片来源：美联社``, ``Getty Images``) gives
    ``(None, credit)``; a label left at the front of the credit (``来自：Photograph: X``)
    goes too. Without a label, a credit in brackets closing the caption
    (``（中央社檔案照片）``, ``（林某攝）``, ``（美联社）``) is the credit.
    """
    text = normalize_line(text)
    if text[:1] in _CAPTION_LABEL_FIRST:  # "" too: sub then returns it unchanged
        text = _CAPTION_LABEL.sub("", text)
    if not text:
        return None, None
    if len(text) <= _AGENCY_LONGEST and _AGENCIES.match(text):
        return None, text
    m = _credit_label(text) if _may_hold_label(text) else None
    if not m:
        return (None, text) if _is_bare_credit(text) else trailing_credit(text)
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


MAX_CAPTION: Final = 600
"""Longest text read as a caption; longer text near a picture is body text."""

_CAPTION_TOKEN: Final = re.compile(
    r"caption|figcaption|photo-caption|image-caption|img-caption|wp-caption-text|imgtext|"
    r"pic-desc|cap-description|image-source|img-source|photo-source",
    re.IGNORECASE,
)
_CREDIT_TOKEN: Final = re.compile(r"copyright|credit|cap-cred", re.I)
_CAPTION_CLASS: Final = Caseless.compile(
    _CAPTION_TOKEN.pattern,
    needles=("caption", "imgtext", "pic-desc", "cap-description", "-source"),
)
"""Whether class/id names hold :data:`_CAPTION_TOKEN` (its ``search``, about thirty times
faster: ``re`` runs twelve words in any case at every position of the names)."""
_CREDIT_CLASS: Final = Caseless.compile(
    _CREDIT_TOKEN.pattern, needles=("copyright", "credit", "cap-cred")
)
"""Whether class/id names hold :data:`_CREDIT_TOKEN` (its ``search``, faster)."""
_CAPTION_OR_CREDIT: Final = Caseless.compile(
    f"{_CAPTION_TOKEN.pattern}|{_CREDIT_TOKEN.pattern}",
    needles=(*(_CAPTION_CLASS.needles or ()), *(_CREDIT_CLASS.needles or ())),
)
"""Whether class/id names hold :data:`_CAPTION_TOKEN` or :data:`_CREDIT_TOKEN` (one search)."""


def _read_caption(el: Any) -> tuple[str | None, str | None]:
    """Caption and credit of a caption element; credit-classed parts are credit."""
    if _is_credit_element(el):
        return None, _credit_only(" ".join(el.itertext()))
    if len(el) == 0:  # no child: the walk below would read its text alone
        return _caption_text(normalize_block(el.text or ""), None)
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
    return _caption_text(normalize_block("".join(pieces)), credit)


def _caption_text(text: str, credit: str | None) -> tuple[str | None, str | None]:
    """Caption and credit of a caption element's text, given the credit its parts named."""
    if not text or len(text) > MAX_CAPTION:
        return None, credit
    caption, inner_credit = split_credit(text)
    return caption, credit or inner_credit


def _is_credit_element(el: Any) -> bool:
    classes = _classes(el)
    return bool(classes) and _credit_classes(classes)


def _credit_classes(classes: str) -> bool:
    """Whether class/id names mark a credit, not a caption."""
    return _CREDIT_CLASS.search(classes) and not _CAPTION_CLASS.search(classes)


_UNKNOWN: Final = object()


def _figure_caption(el: Any, caption_el: Any = _UNKNOWN) -> tuple[str | None, str | None]:
    """A figure's caption and credit: its ``<figcaption>`` and any credit line beside it
    (BBC: ``<p>图像来源，Getty Images</p>``). ``caption_el``, when given, is its first
    ``<figcaption>`` below it (or None), as the caller found it."""
    caption: str | None = None
    credit: str | None = None
    if caption_el is _UNKNOWN:
        caption_el = next(el.iterdescendants("figcaption"), None)  # el.find(".//figcaption")
    inside_caption: set[Any] = set()
    if caption_el is not None:
        caption, credit = _read_caption(caption_el)
        inside_caption = set(caption_el.iter())
    descendants = list(el.iterdescendants())
    too_long = _surely_too_long(descendants) if len(descendants) > _FEW_DESCENDANTS else ()
    for child in descendants:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_CAPTION_LINE or child in inside_caption:
            continue
        if child in too_long:
            continue  # its line would be longer than MAX_CAPTION: not joined at all
        if any(isinstance(c.tag, str) and c.tag not in _INLINE_IN_CAPTION for c in child):
            continue
        text = normalize_line(" ".join(child.itertext()))
        if not text or len(text) > MAX_CAPTION:
            continue
        classes = _classes(child)
        line_caption, line_credit = split_credit(text)
        if classes and _credit_classes(classes):
            credit = credit or _credit_only(text)
            inside_caption.update(child.iter())  # its parts are credit too
        elif line_credit and not line_caption:
            credit = credit or line_credit
            inside_caption.update(child.iter())
        elif caption is None and caption_el is None and not _LABEL_ONLY.match(text):
            caption, credit = line_caption, credit or line_credit
    return caption, credit


_FEW_DESCENDANTS: Final = 16
"""Up to this many descendants, a figure's lines are joined without the check of
:func:`_surely_too_long` (joining each costs at most this many times the figure's text)."""


def _surely_too_long(descendants: list[Any]) -> set[Any]:
    """The elements of ``descendants`` (a figure's, in document order) whose line,
    normalised, would be longer than :data:`MAX_CAPTION`, as far as one bottom-up count
    tells: the characters of their text and their element children's tails that neither
    :func:`normalize_line` step removes (invisible characters, white space), a lower bound
    of the line's length (comments and other nodes are not counted). Without it, a figure
    of deeply nested elements around a long text joins that text once per level."""
    solid: dict[Any, int] = {}
    for node in reversed(descendants):
        count = _solid(node.text)
        for child in node:
            if isinstance(child.tag, str):
                count += solid.get(child, 0) + _solid(child.tail)
        solid[node] = count
    return {node for node, count in solid.items() if count > MAX_CAPTION}


def _solid(text: str | None) -> int:
    """How many characters of ``text`` :func:`normalize_line` surely keeps."""
    return len(_WS.sub("", _INVISIBLE.sub("", text))) if text else 0


_NOT_CAPTION_LINE: Final = frozenset({"img", "picture", "source"})
_INLINE_IN_CAPTION: Final = frozenset({"br", "span", "em", "i", "b", "strong", "a"})

# ---------------------------------------------------------------------------- loose captions

_REPRODUCE: Final = (
    r"(?=[^。！？!?]*(?:转载|轉載|复制|複製|摘编|摘編|翻印|镜像|鏡像|引用|使用|刊登|禁止|不得|"
    r"保留|版权|版權))"
)
_SMALL_PRINT_START: Final = re.compile(
    r"^\s*(?:©|ⓒ|\(c\)\s*(?:19|20)\d\d|"
    r"copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|copyright\b.{0,120}?all rights reserved|"
    r"(?:版权所有|版權所有|著作权所有|著作權所有)(?![者人])|版权声明|版權聲明|本文版权|本文版權|"
    rf"(?:未经授权|未經授權|未经许可|未經許可|未经允许|未經允許|著作权|著作權)[，,\s]*{_REPRODUCE}|"
    r"转载请|轉載請|如需转载|如需轉載|欢迎转载|歡迎轉載)",
    re.IGNORECASE,
)
"""How a copyright notice opens: ``©``, ``Copyright 2020`` / ``Copyright … All rights
reserved``, ``版权所有``, or ``未经授权…`` that goes on about reproducing the text. Small
print, never a caption (the body takes it out only near its end or in ``<small>``)."""
_LABEL_ONLY: Final = re.compile(
    r"^(?:图像来源|圖像來源|图片来源|圖片來源|图源|圖源|来源|來源|摄影|攝影|"
    r"Photos?|Images?|Sources?|Credits?)\s*[,，:：/]?$",
    re.IGNORECASE,
)
"""A credit label with nothing after it (a visually hidden ``图像来源，``): no caption."""
_CAPTION_MARK: Final = re.compile(
    r"^(?:图为|圖為|图片为|圖片為|图：|圖：|图:|圖:|图片：|圖片：|图片:|圖片:|（图）|\(图\)|"
    r"▲|△|↑|⬆|上图：|下图：|左图：|右图：|上圖：|下圖：|左圖：|右圖：|"
    r"Photo:|Pictured:|Above:|Top:)",
    re.IGNORECASE,
)
"""How a line says it describes a picture (``图为…``, ``▲``, ``Pictured:``)."""
_TRAILING_CREDIT: Final = re.compile(
    r"[（(](?P<credit>[^（）()]{0,24}?(?:摄|攝|摄影|攝影|照片|图片|圖片|提供|檔案照|档案照|资料照|"
    r"資料照|资料图|資料圖|供图|供圖|截图|截圖)|"
    rf"{AGENCY}(?:\s*[、,，/／]\s*[^（）()]{{1,12}})*)[）)]\s*$"
)
"""A credit in brackets closing a caption: ``（中央社檔案照片）``, ``（林某攝）``, ``（美联社）``."""
_PICTURE_WORD: Final = re.compile(
    r"摄|攝|照片|图片|圖片|提供|檔案照|档案照|资料照|資料照|资料图|資料圖|供图|供圖|截图|截圖"
)
_SENTENCE_END: Final = re.compile(r"[。！？!?]|\.\s")
_FORWARD: Final = re.compile(r"[:：]\s*$")
"""A line ending in a colon announces what follows ("下图是…："): text, not a caption."""
_REFERENCE_LEAD: Final = re.compile(
    r"^\s*[-–—]?\s*(?:參考|参考|資料來源|资料来源|Source|References?)", re.I
)
_QUOTE_OPEN: Final = re.compile(r"^[“\"「『‘'《]")
_QUESTION: Final = re.compile(r"[？?！!]$")
MAX_LOOSE_CAPTION: Final = 150
"""Longest line beside a picture (outside ``<figure>``) read as its caption."""
STYLED_CAPTION_MAX: Final = 40
"""Longest emphasised line after a picture read as its caption on its look alone."""


def _trailing_match(text: str) -> re.Match[str] | None:
    """``_TRAILING_CREDIT.search(text)``, not run unless ``text`` ends in a closing bracket
    (``\\s`` is what ``str.isspace`` calls space, so ``rstrip`` drops exactly the ``\\s*``)."""
    if not text.rstrip().endswith((")", "）")):
        return None
    return _TRAILING_CREDIT.search(text)


def trailing_credit(text: str) -> tuple[str | None, str | None]:
    """``(caption, credit)`` for a caption whose credit closes it in brackets."""
    m = _trailing_match(text)
    if m is None:
        return text or None, None
    return text[: m.start()].rstrip() or None, m["credit"].strip()


def styled_caption(text: str, *, small: bool, centered: bool, emphasised: bool) -> bool:
    """Whether a line looks like a caption: small print or centred under the picture, or a
    short emphasised line that is neither a quotation, a question nor a reference."""
    if _REFERENCE_LEAD.match(text):
        return False
    if small or centered:
        return True
    return (
        emphasised
        and len(text) <= STYLED_CAPTION_MAX
        and not _QUOTE_OPEN.match(text)
        and not _QUESTION.search(text)
    )


def loose_caption(text: str, *, styled: bool) -> tuple[str | None, str | None] | None:
    """``(caption, credit)`` when a short line right after a picture is its caption: it
    opens with a caption mark, looks like one (``styled``) or credits someone (a credit
    naming only an agency in closing brackets needs one short sentence: a news paragraph
    ends that way too); else None."""
    if "\n" in text or len(text) > MAX_LOOSE_CAPTION or _FORWARD.search(text):
        return None
    if _SMALL_PRINT_START.match(text):
        return None
    caption, credit = split_credit(text)
    if caption is None and credit is not None and _trailing_match(credit):
        caption, credit = trailing_credit(credit)  # "图：the picture（agency）"
    if _CAPTION_MARK.match(text) or styled:
        return caption, credit
    if credit is None:
        return None
    if caption is not None and _agency_only(text) and not _short_sentence(caption):
        return None  # a news paragraph closing with its agency, not a caption
    return caption, credit


def _agency_only(text: str) -> bool:
    """Whether the credit closing ``text`` in brackets names an agency and no picture."""
    m = _trailing_match(text)
    return m is not None and _PICTURE_WORD.search(m["credit"]) is None


def _short_sentence(text: str) -> bool:
    """One short sentence (what a caption credited only to an agency is)."""
    return (
        len(text) <= STYLED_CAPTION_MAX and _SENTENCE_END.search(text.rstrip("。.!！?？ ")) is None
    )


def marked_caption(text: str) -> tuple[str | None, str | None] | None:
    """A caption written just before its picture: only when it says so (a caption mark or
    a closing bracketed credit)."""
    if not (_CAPTION_MARK.match(text) or _trailing_match(text)):
        return None
    return loose_caption(text, styled=True)


_FIGURE_BOX: Final = re.compile(r"(?:^|\s)(?:[\w-]*[_-])?figure(?:$|[\s_-])", re.I)
"""A class naming a figure (``Figure-sc-6a3dhy-0``, ``article-figure``): read as ``<figure>``."""


def _is_figure_box(el: Any) -> bool:
    """A ``<div>`` classed as a figure that holds a picture and no more text than a caption."""
    classes = _classes(el)
    if "figure" not in classes.lower() or not _FIGURE_BOX.search(classes):
        return False
    if el.find(".//img") is None:
        return False
    return _size_text(el) <= MAX_CAPTION


def _size_text(el: Any) -> int:
    return sum(_nonspace(t) for t in el.itertext())
