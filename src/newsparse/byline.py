"""Bylines: the people a text credits as its writers (``记者：…``, ``作者：…``, ``文／…``, ``By …``).

Only short lines near the start or the end of the text are read, and only from a writer
label to the next label (``责编：``, ``编辑：``, ``翻译：``…) or the end of the clause, so a
sentence that merely mentions a reporter is not taken for a byline. A book's metadata line
(``作者：… 出版社：…``) names the book's author, not the article's, and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from newsparse._text import char_class

__all__ = ["CreditLine", "byline_in", "clean_name", "credit_line", "find_byline", "prefers_byline"]

_WRITER: Final = r"记者|記者|作者|撰稿|撰文|采写|採寫|文字|文案策划|文案策劃|文案|文"
_OTHER: Final = (
    r"责编|責編|责任编辑|責任編輯|编辑|編輯|校对|校對|摄影|攝影|图片|圖片|图|圖|翻译|翻譯|译者|譯者|"
    r"来源|來源|出品|制作|製作|审校|審校|监制|監製|美编|美編|视频|視頻|音乐制作|音樂製作|剪辑|剪輯|"
    r"出版社|出版|主持人|主持|嘉宾|嘉賓|策划|策劃|统筹|統籌"
)
_SEP_MARKS: Final = "：:／/丨|｜︱∣"
_SEP: Final = rf"\s*[{_SEP_MARKS}]\s*"
_LABELLED: Final = re.compile(
    rf"(?:^|[\s（(【\[|｜丨])(?:{_WRITER}){_SEP}(?P<names>.+?)"
    rf"(?=\s*(?:[；;。，,）)】\]]|(?:{_OTHER}){_SEP}|$))"
)
_REPORTER: Final = re.compile(
    r"^[（(【\[]?\s*(?:本台|本报|本報|本刊|本网|本網|本站)?(?:驻|駐)?[\u4e00-\u9fff]{0,8}?"
    r"(?:特约|特約|特派|实习|實習|首席|资深|資深|高级|高級|常驻|常駐)?(?:记者|記者)"
    r"(?:\s*[：:／/丨|｜︱∣]\s*|\s+)(?P<names>[^\s：:；;。，,）)】\]][^：:；;。，,）)】\]]*?)"
    rf"(?=\s*(?:[；;。，,）)】\]]|(?:{_OTHER})\s*[：:／/丨|｜︱∣]|$))"
)
"""A reporter with a title or a place before the label and no punctuation needed after it
(``香港特约记者 梁某``, ``本台驻华盛顿记者：高某``): only ever matched at a line's start."""
_DATELINE_OPEN: Final = "（(〔[【"
_DATELINE: Final = re.compile(
    r"^[（(〔\[【]\s*[\u4e00-\u9fff]{0,8}?(?:记者|記者)\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,5}(?:\s*[、,，]\s*[\u4e00-\u9fff·]{2,5})*)\s*"
    r"(?:[／/]\s*[^）)〕\]】]{1,20}?|)(?:报道|報導|报导|報道|綜合報導|综合报道)\s*[）)〕\]】]"
)
"""A dateline naming its reporters: outlet, 记者, names, then ``／PLACE报道`` or ``报道``."""
_REPORTER_HINT: Final = re.compile(r"[记記]者\s")
"""Where :data:`_REPORTER` can match and :data:`_LABEL_END` cannot: ``记者`` before a space."""
_REPORT_TAIL: Final = re.compile(
    r"\s*(?:[（(]?\s*(?:[\u4e00-\u9fff]{1,6})?(?:报道|報導|报导|報道|发自\S{1,8}|發自\S{1,8})\s*[）)]?)$"
)
"""``北京报道``, ``发自纽约`` after the names: where and how, not who."""
_ENGLISH: Final = re.compile(
    r"^\(?\s*(?:By|(?:Reporting|Written|Story|Text) by)\s+"
    r"(?P<names>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*)"
)
_ENGLISH_HINT: Final = re.compile(r"^\(?\s*(?:By|Reporting by|Written by|Story by|Text by)\s")
"""Where :data:`_ENGLISH` can match (a cheap pre-check)."""
_LABEL_END: Final = re.compile(char_class(label[-1] for label in _WRITER.split("|")) + _SEP)
"""The last character of a writer label and its separator (``者：``, ``文／``): a line without
one cannot match :data:`_LABELLED`, and a regex opening with a character set scans fast."""
_LABEL_ENDS: Final = "".join(sorted({label[-1] for label in _WRITER.split("|")}))
_HINT: Final = re.compile(
    f"[{_LABEL_ENDS}记記](?:(?<=[{_LABEL_ENDS}])\\s*[{_SEP_MARKS}]|(?<=[记記])者\\s)"
)
"""Where :data:`_LABEL_END` or :data:`_REPORTER_HINT` matches, in one search: the pattern
opens with one character class (the first characters of both), which the regex engine
skips ahead to."""
_LEADING_LABEL: Final = re.compile(rf"^(?:{_WRITER}){_SEP}")
_BOOK_LINE: Final = re.compile(r"出版社|出版時間|出版时间|ISBN|定价|定價|页数|頁數")
_PARENTHETICAL: Final = re.compile(r"\s*[（(][^）)]*(?:[）)]|$)")
_WS: Final = re.compile(r"\s+")
_NOBODY: Final = re.compile(
    r"^(?:anonymous|匿名|佚名|admin|administrator|未验证|未驗證|unknown)$", re.I
)
MAX_LINE: Final = 120
"""Longest paragraph searched for a byline."""
MAX_NAMES: Final = 60
"""Longest byline accepted."""
EDGE: Final = 3
"""How many paragraphs at each end of the text are searched."""


def clean_name(names: str) -> str | None:
    """Tidy the names a byline gives: a writer label, descriptions in brackets, a closing
    ``北京报道`` and stray punctuation go; placeholders (``Anonymous``, ``匿名``) are no byline."""
    text = _PARENTHETICAL.sub("", _LEADING_LABEL.sub("", names.strip()))
    text = _REPORT_TAIL.sub("", text)
    text = _WS.sub(" ", text).strip(" ，,、;；:：.。")
    if not text or len(text) > MAX_NAMES or not any(ch.isalpha() for ch in text):
        return None
    if _NOBODY.match(text):
        return None
    return text


def byline_in(line: str) -> str | None:
    """Return the writers one line credits, or ``None``."""
    if len(line) > MAX_LINE:
        return None
    if _HINT.search(line) is None and _ENGLISH_HINT.match(line) is None:
        return None  # no pattern can match: most paragraphs end here
    if _BOOK_LINE.search(line):
        return None
    m = _REPORTER.match(line)
    if m:
        found = clean_name(m["names"])
        if found:
            return found
    m = _LABELLED.search(line)
    if m:
        return clean_name(m["names"])
    m = _ENGLISH.match(line)
    if m:
        return clean_name(m["names"])
    return None


def dateline_byline(text: str) -> str | None:
    """The reporters a bracketed dateline opening a paragraph names: ``〔記者甲／台北報導〕``,
    ``（大纪元记者乙报导）``, ``（记者丙、丁/北京报道）`` (a place must follow a slash)."""
    if not text or text[0] not in _DATELINE_OPEN:
        return None
    m = _DATELINE.match(text)
    return clean_name(m["names"]) if m else None


def find_byline(paragraphs: Sequence[str]) -> str | None:
    """Find a byline in the first or last few paragraphs (or a dateline opening one)."""
    n = len(paragraphs)
    for i in range(min(EDGE, n)):
        found = byline_in(paragraphs[i]) or dateline_byline(paragraphs[i])
        if found:
            return found
    for i in range(max(EDGE, n - EDGE), n):
        found = byline_in(paragraphs[i])
        if found:
            return found
    return None


_PRODUCTION: Final = (
    r"排版|设计|設計|插画|插畫|采访|採訪|整理|口述|实习生|實習生|运营|運營|封面|题图|題圖|配图|配圖|"
    r"视觉|視覺|"
    r"本文来源|本文來源|文章来源|文章來源|原文来源|原文來源|"
    r"Source|Sources|Editor|Editors|Edited by|Editing by|Additional reporting by|Reporting by|"
    r"Written by|Writing by|Translator|Translated by|Photo|Photos"
)
_ANY_LABEL: Final = rf"{_WRITER}|{_OTHER}|{_PRODUCTION}"
_CREDIT_LABEL: Final = re.compile(
    rf"(?:^|(?<=[\s；;，,|｜丨（(【\[]))(?P<label>{_ANY_LABEL})(?P<sep>{_SEP}|(?<=by)\s+)",
    re.IGNORECASE,
)
_CREDIT_HINT: Final = re.compile(rf"[{_SEP_MARKS}者bB](?:(?<=[bB])[yY]\s|(?<![bB]))")
"""What every credit line holds (a cheap pre-check): a label's separator (:data:`_SEP`, or
``by`` and a space, in any case), or the ``者`` of ``记者`` (:data:`_REPORTER`). Written
to open with one character class, which the regex engine skips ahead to."""
_WRITER_LABEL: Final = re.compile(rf"^(?:{_WRITER})$")
_ENGLISH_WRITERS: Final = frozenset({"by", "reporting by", "written by"})
_BETWEEN_MARKS: Final = r"\s；;，,|｜丨（(【\[）)】\]"
"""White space, separators and brackets: what may stand between credit clauses."""
_BETWEEN: Final = re.compile(rf"^[{_BETWEEN_MARKS}]*$")
_NOT_BETWEEN: Final = re.compile(rf"[^{_BETWEEN_MARKS}]")
"""A character that is no :data:`_BETWEEN` mark."""
_SENTENCE: Final = re.compile(r"[。！？!?]|\.\s")
MAX_CREDIT_NAMES: Final = 24
"""Longest text one credit label may name (a clause longer than this is prose)."""


@attrs.frozen
class CreditLine:
    """A line made only of credits: ``作者：甲 来源：乙``, ``编辑 | 丙``, ``译者/丁``."""

    writers: str | None
    """The writers it names (what :func:`byline_in` reads), or ``None`` when it names only
    the people who edited, translated, laid out or supplied the piece."""
    labels: tuple[str, ...]
    """The labels it holds, in order (``作者``, ``来源``…)."""


def credit_line(text: str) -> CreditLine | None:
    """Read a short line (or a block of such lines) made of nothing but credits.

    Every part of the line must be a label and the few names after it; a line holding any
    other text (a sentence that mentions an editor) is no credit line.
    """
    if len(text) > 4 * MAX_LINE:
        return None
    labels: list[str] = []
    writers: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_LINE or _CREDIT_HINT.search(line) is None:
            return None
        found = _credit_labels(line)
        if found is None:
            english = _ENGLISH.match(line)
            reporter = _REPORTER.match(line)
            if english and not line[english.end() :].strip(" .,;"):
                found = ["By"]
            elif reporter and _BETWEEN.match(line[reporter.end() :]):
                found = ["记者"]
            else:
                return None
        labels.extend(found)
        if any(_WRITER_LABEL.match(label) or label.lower() in _ENGLISH_WRITERS for label in found):
            name = byline_in(line)
            if name:
                writers.append(name)
    if not labels:
        return None
    return CreditLine(writers=", ".join(dict.fromkeys(writers)) or None, labels=tuple(labels))


def _credit_labels(line: str) -> list[str] | None:
    """The labels of a line that is all ``LABEL：names`` clauses, else ``None``.

    The first label must follow nothing but :data:`_BETWEEN` marks. A label opens with a
    letter, never one of those marks, so the leftmost :data:`_CREDIT_LABEL` match starts
    where they end or later: it is tried there alone (one place, where a search would try
    the pattern at every place of the line), and the others are looked for after it.
    """
    opens = _NOT_BETWEEN.search(line)
    first = _CREDIT_LABEL.match(line, opens.start()) if opens is not None else None
    if first is None:
        return None
    matches = [first, *_CREDIT_LABEL.finditer(line, first.end())]
    for m, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(line)
        names = line[m.end() : end].strip(" \u3000；;，,|｜丨（(【[）)】]")
        if not names or len(names) > MAX_CREDIT_NAMES or _SENTENCE.search(names):
            return None
        if not any(ch.isalpha() for ch in names):
            return None
    return [m["label"] for m in matches]


def prefers_byline(author: str | None, outlets: Sequence[str | None]) -> bool:
    """Whether a byline found in the text should replace the declared ``author``: there is
    none, it is a placeholder (``Anonymous``, ``admin``), or it only names the outlet."""
    if author is None or clean_name(author) is None:
        return True
    key = _WS.sub("", author).lower()
    return any(outlet and _WS.sub("", outlet).lower() == key for outlet in outlets)
