"""Block-level junk the tree rules cannot see: small print, credit lines, leftovers, cards.

Each rule reads the text of a block (or of one line of a block whose lines are kept, see
:mod:`~newsparse.body.walker`) and decides by its shape and place, not by the site (its
fixed phrases are those a kind of page shares):

- **small print** (:mod:`~newsparse.body.smallprint`, in the last blocks or ``<small>``):
  copyright notices (``©``, ``版权所有``, ``未经授权…``), feed-plugin credits (``The post …
  appeared first on …``, ``Feed enhanced by …``), permalink / comment-count / posted-in
  lines, social-bookmarking rows and tag lists (``Post tags: …``, ``标签：…``, whose tags
  are kept);
- **a footer after the last rule** (:func:`~newsparse.body.cards.cut_rule_footer`): short
  lines after the last
  ``<hr>``, half of them links (an author's standing sign-off and social links);
- **credit lines** (:func:`take_credit_lines`): lines at either edge made only of credits
  (``编辑 | …``, ``译者/…``, ``来源：…``, ``NAME/NAME（agencies）``). A line that labels the
  writer (``记者：``, ``作者：``, ``文/``, ``By``) stays: it is the byline as printed, and
  the specification seeds keep it. An author/date lockup opening the body
  (:func:`~newsparse.body.lockups.take_lockup`) and contributors' notes closing it
  (:func:`~newsparse.body.lockups.cut_bios`) go too;
  what leaves is recorded (a ``credit-line-removed`` note) and the names it gives kept;
- **leftovers** (:func:`is_leftover`): hashtag-only lines, literal ``null``/``undefined``,
  "read the original" links, subscribe/follow prompts and profile links, breadcrumbs
  opening the body (:func:`is_breadcrumb`);
- **cards** (:func:`~newsparse.body.cards.cut_cards`): linked ``栏目 | 标题`` and
  ``【栏目】标题`` lines anywhere, and runs of short lines that link to the article's own
  site.

:func:`clean_leftovers` applies them in order; :mod:`~newsparse.body.cleaners` calls it.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import compress
from operator import attrgetter
from typing import Final

import attrs

from newsparse.body._tree import HASHTAG, _nonspace
from newsparse.body.blockfacts import LINE_MARK, MARKED_SMALL, Survey, leads
from newsparse.body.captions import AGENCY
from newsparse.body.cards import cut_cards
from newsparse.body.description import _URL_IN_TEXT
from newsparse.body.lockups import _NAME_SPLIT, bio_name, cut_bios, split_lines, take_lockup
from newsparse.body.openers import openers, opening
from newsparse.body.smallprint import TAIL, is_small_print, tags_in
from newsparse.body.walker import Block
from newsparse.byline import _ANY_LABEL, MAX_LINE, credit_line
from newsparse.dates import parse_date_line

# ---------------------------------------------------------------------------- leftovers

_HASHTAGS_ONLY: Final = re.compile(rf"^{HASHTAG}(?:[\s,，、]*{HASHTAG})+\s*$")
"""Two hashtags or more and nothing else (one alone may name a series in a list)."""
_LITERAL: Final = re.compile(r"^(?:null|undefined|NaN|None|\[object Object\])$")
"""A literal ``null``/``undefined`` a template printed: junk only as a block of its own
(a line of one, ``Casualties<br>None``, is an answer)."""
_END_MARK: Final = re.compile(
    r"^[（(\[【〔—–-]*\s*(?:完|全文完|全文結束|全文结束|END|End|The End)\s*[）)\]】〕—–-]*$"
)
"""An end mark (``（完）``, ``-END-``)."""
_READ_ORIGINAL: Final = re.compile(
    r"^(?:[▶►>→👉]\s*)?(?:请|請)?(?:点击|點擊|戳|按)?(?:这里|這裡|此处|此處)?"
    r"(?:阅读|閱讀|查看|浏览|瀏覽|访问|訪問)(?:原文|全文|英文原文|本文英文版|英文版|原文链接|原文鏈接)"
    r"\s*[。.!！>»:：]*$|"
    r"^(?:原文(?:链接|鏈接|地址|網址|网址)|阅读原文|閱讀原文)\s*[:：]?\s*(?:https?://\S+)?$|"
    r"^(?:原文|全文|文章)(?:在这|在這|在此|在这里|在這裡|请看|請看|见|見)\s*[👉>»:：→]*\s*(?:https?://\S+)?$|"
    r"^(?:read|view|see)\s+(?:the\s+)?(?:original|full)\s+(?:article|story|post|text|version)"
    r"(?:\s+(?:here|on|at)\b.{0,40})?\W*$|"
    r"^continue reading\W*$",
    re.IGNORECASE,
)
_PROMPT_LEAD: Final = (
    r"(?:欢迎|歡迎|请|請|点击|點擊|长按|長按|扫码|掃碼|扫描|掃描|记得|記得|别忘了|別忘了)"
)
_PROMPT: Final = re.compile(
    rf"^(?:[▶►>→👉⬇️↓]\s*)?(?:{_PROMPT_LEAD}[^。！？]{{0,8}}?)?(?:关注|關注|订阅|訂閱|追踪|追蹤|加入)"
    r"[^。！？]{0,4}?(?:我们|我們|本|公众号|公眾號|頻道|频道|微信|微博|官方|作者|我|账号|帳號|"
    r"facebook|twitter|telegram|youtube|ig\b|instagram|电报|電報)|"
    rf"^(?:[▶►>→👉⬇️↓]\s*)?{_PROMPT_LEAD}[^。！？]{{0,8}}?(?:转发|轉發|点赞|點讚|打赏|打賞|赞赏|讚賞|"
    r"星标|星標|置顶|置頂)|"
    r"^(?:[▶►>→👉⬇️↓]\s*)?(?:识别二维码|識別二維碼|二维码关注|二維碼關注|扫码关注|掃碼關注|"
    r"微信搜索|微信搜尋|搜索公众号|搜尋公眾號)|"
    r"^(?:please\s+)?(?:join our|share this)\b|"
    r"^(?:please\s+)?(?:subscribe|sign up|follow (?:us|me)|like us|join us|support us|donate)"
    r"(?=\s*(?:[:：!！.]*$|(?:to|on|at|for|via|here|now|today|our|and)\b|@))",
    re.IGNORECASE,
)
"""A subscribe/follow prompt: a follow verb and an account (``关注我们的公众号``), a share or
tip verb after a request (``欢迎转发``), a WeChat search line, or an English prompt followed
by nothing or by where to do it (``Subscribe to…``, ``Follow us on…``)."""
_SPEECH_TAG: Final = re.compile(
    r"[，,]\s*\S{1,8}(?:说|說|表示|称|稱|道)[。.!！]?$|"
    r",\s*(?:he|she|they|we|i|the \w+)\s+\w+(?:ed|s)\b",
    re.IGNORECASE,
)
"""Reported speech (``…，他说。``, ``…, she whispered.``): a sentence, never a prompt."""
_PROFILE_URL: Final = re.compile(
    r"^https?://(?:www\.|m\.)?(?:instagram\.com|twitter\.com|x\.com|facebook\.com|fb\.com|t\.me|"
    r"weibo\.com|threads\.net|tiktok\.com|youtube\.com/(?:channel/|c/|user/)?)/?"
    r"(?!(?:search|hashtag|intent|share|sharer|home|explore|i|watch|results|playlist)\b)@?[\w.-]+/?"
    r"(?:\?\S*)?$",
    re.IGNORECASE,
)
"""A social-media profile (not a post, a search or a download): what a follow link opens."""
LONG_LINE: Final = 2 * 60
"""Longer lines than this are no prompt, no read-the-original link and no follow link."""
SOCIAL_LABEL_MAX: Final = 15
"""Longest label before a social-media profile link read as a follow link."""
MAX_PROMPT: Final = 60
"""Longest line read as a prompt (in non-space characters)."""
PROMPT_HEAD: Final = 2
"""How many blocks opening the body are read for prompts (the last :data:`TAIL` are too)."""
_END_OPENERS: Final = openers("（([【〔—–-完全ET#＃")
"""What opens an :data:`_END_MARK` or a :data:`_HASHTAGS_ONLY` match (after no space)."""
_END_LAST: Final = "）)]】〕—–-完束Dd"
"""What closes an :data:`_END_MARK` match (a closing mark, or its word's last character:
完, 全文結束, END, End; the text is stripped)."""
_READ_OPENERS: Final = openers("▶►>→👉请請点點戳按这這此阅閱查浏瀏访訪原全文rvsc")
"""What opens a :data:`_READ_ORIGINAL` match: an arrow, or the first character of the
first word of an alternative (each word before it is optional)."""
_PROMPT_OPENERS: Final = openers("▶►>→👉⬇️↓欢歡请請点點长長扫掃记記别別关關订訂追加识識二微搜pjsfld")
"""What opens a :data:`_PROMPT` match: an arrow, a request (:data:`_PROMPT_LEAD`), a
follow verb, a WeChat search, or an English prompt's first word (``please`` optional)."""
_INNER_OPENERS: Final = _END_OPENERS | _READ_OPENERS
"""What may open a leftover line inside the body (:func:`is_leftover` without ``edge``),
a follow link aside (it holds ``://``)."""
_EDGE_OPENERS: Final = _INNER_OPENERS | _PROMPT_OPENERS
"""What may open a leftover line at an edge of the body (a prompt too)."""
_CRUMB: Final = re.compile(r"^[^>›»/\s][^>›»/]{0,14}(?:\s*[>›»/]\s*[^>›»/]{1,15}){1,4}$")
_CRUMB_STOP: Final = re.compile(r"[。！？，,.!?:：\d]")


def is_leftover(line: str, *, edge: bool = True) -> bool:
    """Whether one line is a site's leftover: hashtags only, an end mark, a read-the-original
    link, a subscribe/follow prompt (only at an ``edge`` of the body: the same words open
    sentences and lines of poems inside it)."""
    text = line.strip()
    if not text:
        return False
    # Each anchored pattern is tried only on a text its first character may open
    # (:mod:`~newsparse.body.openers`): most lines open none.
    first = text[:1]
    if not ("!" <= first <= "~" or "\u4e00" <= first <= "\u9fff"):
        first = ""  # opening(text), written out: this runs for many lines
    if first in _END_OPENERS and (
        # An end mark closes with its word or a closing mark, a hashtag line opens with #.
        (text[-1] in _END_LAST and _END_MARK.match(text))
        or (text[0] in "#＃" and _HASHTAGS_ONLY.match(text))
    ):
        return True
    if len(text) > MAX_PROMPT * 2 and _nonspace(text) > MAX_PROMPT * 2:
        return False
    if (
        first in _READ_OPENERS
        # A match that opens with a Han character holds 文 (原文, 全文, 文章...).
        and (first < "\u4e00" or "文" in text)
        and _READ_ORIGINAL.match(text)
    ):
        return True
    urls = _URL_IN_TEXT.findall(text) if "://" in text else []
    if len(urls) == 1 and _PROFILE_URL.match(urls[0]):
        label = _URL_IN_TEXT.sub("", text).strip(" ·•:：-–—|｜👉→>")
        if _nonspace(label) <= SOCIAL_LABEL_MAX:
            return True  # "·顯影IG：https://www.instagram.com/…": a follow link
    return (
        edge
        and first in _PROMPT_OPENERS
        and _nonspace(text) <= MAX_PROMPT
        and _PROMPT.match(text) is not None
        and not _SPEECH_TAG.search(text)
    )


def is_template_literal(text: str) -> bool:
    """Whether a whole block is a template's ``null``/``undefined``/``NaN``/``None``."""
    stripped = text.strip()
    # The longest literal, "[object Object]", has 15 characters.
    return len(stripped) <= 15 and _LITERAL.match(stripped) is not None


def is_breadcrumb(text: str) -> bool:
    """``首页 > 国际 > 正文``, ``Home › World``: a site's own section path (``/`` only
    between three parts or more; never a credit line such as ``文/ 某人``)."""
    # Each test reads only the text: the cheapest first (most texts hold no mark).
    if len(text) > 60:
        return False
    if not (">" in text or "›" in text or "»" in text) and text.count("/") < 2:
        return False
    if not _CRUMB.match(text) or _CRUMB_STOP.search(text):
        return False
    return credit_line(text) is None


# ---------------------------------------------------------------------------- credit lines

_PERSON: Final = r"(?:[\u4e00-\u9fff·・]{2,6}|[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3})"
_SIGN_OFF: Final = re.compile(
    rf"^\s*(?P<names>{_PERSON}(?:\s*[/／、,，]\s*{_PERSON}){{0,3}})\s*[/／]?\s*"
    rf"[（(]\s*(?:(?P<agency>{AGENCY}(?:\s*[、,，/／]\s*{AGENCY})*)|[^（）()\d０-９]{{1,30}})\s*[）)]\s*$"
)
"""A writers' sign-off without a label: ``雨涵/洪沙（德新社、法新社）``, ``甲/乙/(某报等)``
(one name alone needs agencies in the brackets; brackets without an agency hold no digits:
``Paris, London (2019)`` is a list and a year)."""
_WRITER_LIKE: Final = frozenset({"记者", "記者", "By", "整理", "采访", "採訪", "口述"})
"""Labels a credit line keeps its place for, besides the writer labels: the people who
interviewed or wrote up the piece."""
_TRANSLATOR: Final = frozenset({"译者", "譯者", "翻译", "翻譯", "Translator", "Translated by"})
EDGE: Final = 3
"""How many blocks at each end of the body are read for credit lines."""


@attrs.frozen
class Credit:
    """A credit line taken out of the body."""

    text: str
    names: str | None
    """Writers or translators it names (a byline when the text names no one else)."""


_CREDIT_OPENERS: Final = openers(
    [label[0] for label in _ANY_LABEL.split("|")]  # a label (of any case)
    + list("BRWST")  # "By", "Reporting by"… (_ENGLISH, case-sensitive)
    + list(";,|([)]丨")  # what may stand before the first label (_BETWEEN), "(" before "By"
)
"""What may open a line that :func:`~newsparse.byline.credit_line` reads as credits, unless
it holds the ``者`` of ``记者`` (:data:`~newsparse.byline._REPORTER` opens with any Han
character)."""


def _may_be_credit_line(line: str) -> bool:
    """False only for a line (no line break) that is no :func:`credit_line`: each is
    all labels (the first opening the line, after delimiters), ``By …``, or a reporter."""
    return "者" in line or opening(line.lstrip()) in _CREDIT_OPENERS


def _credit(line: str) -> Credit | None:
    """A removable credit line: credits only, and none labelling the writer."""
    # A sign-off closes with its bracket (and white space, the same for str and re).
    m = _SIGN_OFF.match(line) if line.rstrip().endswith((")", "）")) else None
    if m and (m["agency"] or len(_NAME_SPLIT.split(m["names"])) >= 2):
        return Credit(text=line, names=", ".join(n for n in _NAME_SPLIT.split(m["names"]) if n))
    if "\n" not in line and (len(line.strip()) > MAX_LINE or not _may_be_credit_line(line)):
        return None  # credit_line reads no longer line
    found = credit_line(line)
    if found is None or found.writers is not None:
        return None
    if any(label in _WRITER_LIKE for label in found.labels):
        return None
    translated = any(label in _TRANSLATOR for label in found.labels)
    return Credit(text=line, names=_translators(line) if translated else None)


_TRANSLATOR_NAME: Final = re.compile(
    r"(?:译者|譯者|翻译|翻譯|Translator|Translated by)\s*[：:／/丨|｜︱∣]?\s*"
    r"(?P<names>[^；;，,|｜丨：:]+?)\s*(?=[；;，,|｜丨]|\s\S+\s*[：:／/丨|｜]|$)",
    re.IGNORECASE,
)


def _translators(line: str) -> str | None:
    m = _TRANSLATOR_NAME.search(line)
    return m["names"].strip() if m else None


def take_credit_lines(blocks: list[Block]) -> tuple[list[Block], list[Credit]]:
    """Remove credit lines from the first and last :data:`EDGE` blocks: whole blocks, or
    the leading lines of an opening block and the trailing lines of a closing one."""
    taken: list[Credit] = []
    out: list[Block | None] = list(blocks)
    n = len(blocks)
    for i in [*range(min(EDGE, n)), *range(max(EDGE, n - EDGE), n)]:
        block = blocks[i]
        text = block.text
        if len(text) > 4 * MAX_CREDIT_BLOCK:
            continue
        if "\n" not in text:  # one line (most blocks): a credit line whole, or kept
            line = text.strip()
            if not line.endswith((")", "）")):  # no sign-off (as _credit says)
                if len(line) > MAX_LINE:
                    continue  # longer than credit_line reads
                first = line[:1]
                if (
                    ("\u4e00" <= first <= "\u9fff" or "!" <= first <= "~")
                    and first not in _CREDIT_OPENERS
                    and "者" not in line
                ):
                    continue  # _may_be_credit_line(line), written out: no credit line
            if (credit := _credit(line)) is not None:
                taken.append(credit)
                out[i] = None
            continue
        lines = text.split("\n")
        # Lines are read from each edge inward up to the first that is no credit line.
        leading: list[Credit] = []
        trailing: list[Credit] = []
        first, last = 0, len(lines)
        if i < EDGE:
            while first < last and (credit := _credit(lines[first].strip())) is not None:
                leading.append(credit)
                first += 1
        if i >= n - EDGE:
            while last > first and (credit := _credit(lines[last - 1].strip())) is not None:
                trailing.append(credit)
                last -= 1
        if first == 0 and last == len(lines):
            continue
        taken.extend([*leading, *reversed(trailing)])
        out[i] = split_lines(block, lines[first:last])
    # Each block changed gave a credit line: none taken, none changed.
    return ([b for b in out if b is not None] if taken else list(blocks)), taken


MAX_CREDIT_BLOCK: Final = 120
"""Longest credit line (a block of several may hold four times as much)."""


# ---------------------------------------------------------------------------- all of it


@attrs.frozen
class Cleaned:
    """What :func:`clean_leftovers` kept, and what it took out on the way."""

    blocks: list[Block]
    tags: tuple[str, ...] = ()
    """Tags a footer's tag line listed."""
    credited: tuple[str, ...] = ()
    """Names from the credit lines, lockup and contributors' notes taken out: a byline
    when the text names no writer otherwise (the format parser leaves out outlets)."""
    removed: tuple[str, ...] = ()
    """The credit lines, lockups and contributor notes taken out, as they read."""
    dates: tuple[dt.datetime, ...] = ()
    """The date of an author/date lockup."""


_SMALL: Final = attrgetter("small")


def _without(blocks: list[Block], doomed: list[int]) -> list[Block]:
    """``blocks`` without those at the indices ``doomed`` (in order; ``blocks`` itself when
    none is)."""
    if not doomed:
        return blocks
    gone = set(doomed)
    return [b for i, b in enumerate(blocks) if i not in gone]


_LITERAL_OPENERS: Final = "nuN["
"""What opens a :data:`_LITERAL` match (after white space, which it strips)."""


def _lead_class(chars: frozenset[str]) -> re.Pattern[str]:
    """A lead (:func:`~newsparse.body.blockfacts.leads`) of a block that may open a match
    of a pattern whose matches open with ``chars`` or :data:`_LITERAL_OPENERS`: one equal
    to one of them ignoring case (as ``re`` compares, which is how the patterns that
    ignore case compare them), or :data:`~newsparse.body.blockfacts.LINE_MARK`."""
    members = sorted(c for c in chars | set(_LITERAL_OPENERS) if c)
    return re.compile("\n|[" + re.escape("".join(members)) + "]", re.IGNORECASE)


_INNER_LEAD: Final = _lead_class(_INNER_OPENERS)
"""What may open a leftover line or a template literal inside the body."""
_EDGE_LEAD: Final = _lead_class(_EDGE_OPENERS)
"""What may open a leftover line or a template literal at an edge of the body."""
_EDGE_ONLY: Final = _lead_class(frozenset(_EDGE_OPENERS - _INNER_OPENERS))
"""What may open one at an edge of the body, whatever :data:`_INNER_LEAD` leaves (with
what it takes too: the literals' openers and the line mark)."""


def _line_class(chars: frozenset[str]) -> re.Pattern[str]:
    """A line whose first character that is not white space is equal to one of ``chars``
    ignoring case (as ``re`` compares; a line of white space only is none)."""
    members = sorted(c for c in chars if c)
    return re.compile(
        "^[^\\S\n]*[" + re.escape("".join(members)) + "]", re.MULTILINE | re.IGNORECASE
    )


_INNER_LINE: Final = _line_class(_INNER_OPENERS)
"""A line of several that a leftover inside the body may open (:func:`is_leftover`)."""
_EDGE_LINE: Final = _line_class(_EDGE_OPENERS)
"""A line of several that a leftover at an edge of the body may open."""


def _leftovers_to_ask(found: str | None) -> list[int] | None:
    """The blocks :func:`_without_leftovers` may take out or change, by their leads
    ``found`` (:func:`~newsparse.body.blockfacts.leads`): several lines, a ``://``, or a
    first character that may open a leftover or a template literal (a prompt too at an
    edge); ``None`` on the pure-Python path (every block is asked)."""
    if found is None:
        return None
    asked = [m.start() for m in _INNER_LEAD.finditer(found)]
    count = len(found)
    head = min(PROMPT_HEAD, count)
    tail = max(count - TAIL, head)
    # What only an edge may open (a prompt), in the first blocks and the last.
    edges = [
        *[m.start() for m in _EDGE_ONLY.finditer(found, 0, head)],
        *[m.start() for m in _EDGE_ONLY.finditer(found, tail)],
    ]
    return sorted({*asked, *edges}) if edges else asked


def _without_leftovers(kept: list[Block], survey: Survey | None = None) -> list[Block]:
    """``kept`` without template literals and leftover lines (:func:`is_leftover`: at an
    edge, prompts too), each block whole or without the lines that are leftovers."""
    cleaned: list[Block] = []
    tail = len(kept) - TAIL
    asked = _leftovers_to_ask(
        survey.of(kept).leads if survey is not None else leads([b.text for b in kept])
    )
    start = 0
    for i in range(len(kept)) if asked is None else asked:
        if start < i:  # kept unasked: no leftover may open them
            cleaned.extend(kept[start:i])
        start = i + 1
        block = kept[i]
        text = block.text
        one_line = "\n" not in text
        if block.size > LONG_LINE and one_line and text[0] not in "#＃":
            cleaned.append(block)  # one long line: prose (the common case, decided here)
            continue
        head = text.lstrip()[:1]
        if head in _LITERAL_OPENERS and is_template_literal(text):
            continue
        edge = i < PROMPT_HEAD or i >= tail
        if one_line:  # kept whole or dropped
            # A line that no leftover opens with (and without a link) is kept unasked.
            if (
                ("!" <= head <= "~" or "\u4e00" <= head <= "\u9fff")
                and head not in (_EDGE_OPENERS if edge else _INNER_OPENERS)
                and "://" not in text
            ) or not is_leftover(text, edge=edge):
                cleaned.append(block)
            continue
        # No line that a leftover may open (and no link): kept unasked.
        if "://" not in text and not (_EDGE_LINE if edge else _INNER_LINE).search(text):
            cleaned.append(block)
            continue
        lines = text.split("\n")
        keep = [line for line in lines if not is_leftover(line, edge=edge)]
        if len(keep) == len(lines):
            cleaned.append(block)
        elif (rest := split_lines(block, keep)) is not None:
            cleaned.append(rest)
    cleaned.extend(kept[start:])
    return cleaned


def clean_leftovers(blocks: list[Block], survey: Survey | None = None) -> Cleaned:
    """Apply the rules of this module in order: small print (closing the body or in
    ``<small>``), an author/date
    lockup opening the body, leftover lines (anywhere) and a breadcrumb opening it, credit
    lines at the edges, contributor notes closing it, then cards (a ``survey`` of the
    blocks, if any, holds their leads)."""
    return Cleaned(*take_leftovers(blocks, survey))


def take_leftovers(
    blocks: list[Block], survey: Survey | None = None
) -> tuple[list[Block], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[dt.datetime, ...]]:
    """:func:`clean_leftovers`' fields, in order (for a caller that makes its own
    :class:`Cleaned`: making one costs more than most of the rules)."""
    tags: list[str] = []
    tail = max(len(blocks) - TAIL, 0)
    # Only the last blocks and <small> text are asked (most blocks are neither).
    if survey is not None:
        small = [m.start() for m in MARKED_SMALL.finditer(survey.of(blocks).marks, 0, tail)]
    else:
        small = list(compress(range(tail), map(_SMALL, blocks)))
    asked = [*small, *range(tail, len(blocks))]
    doomed = [i for i in asked if is_small_print(blocks[i])]
    for i in doomed:
        tags.extend(tags_in(blocks[i].text))
    kept = _without(blocks, doomed)
    count = len(kept)
    # A lockup has two lines or more: without a line break in the first blocks' leads
    # (the survey's, if any), there is none.
    if survey is None or LINE_MARK in survey.of(kept).leads[:2]:
        kept, names, dates, lockup = take_lockup(kept, parse_date_line)
    else:
        names, dates, lockup = [], [], ""
    removed = [lockup] if len(kept) < count else []
    cleaned = _without_leftovers(kept, survey)
    if cleaned and is_breadcrumb(cleaned[0].text):
        cleaned = cleaned[1:]
    cleaned, taken = take_credit_lines(cleaned)
    if taken:
        removed.extend(c.text for c in taken)
        names.extend(n for c in taken if c.names for n in _NAME_SPLIT.split(c.names) if n.strip())
    if names:  # contributor notes introduce a credited name
        cleaned, bios = cut_bios(cleaned, names)
        removed.extend(bios)
        names.extend(name for line in bios if (name := bio_name(line)) is not None)
    cleaned = cut_cards(cleaned, survey)
    return (
        cleaned,
        tuple(dict.fromkeys(tags)),
        tuple(dict.fromkeys(names)),
        tuple(removed),
        tuple(dates),
    )
