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

from newsparse._text import char_class

__all__ = ["byline_in", "clean_name", "find_byline"]

_WRITER: Final = r"记者|記者|作者|撰稿|撰文|采写|採寫|文字|文案策划|文案策劃|文案|文"
_OTHER: Final = (
    r"责编|責編|责任编辑|責任編輯|编辑|編輯|校对|校對|摄影|攝影|图片|圖片|图|圖|翻译|翻譯|译者|譯者|"
    r"来源|來源|出品|制作|製作|审校|審校|监制|監製|美编|美編|视频|視頻|音乐制作|音樂製作|剪辑|剪輯|"
    r"出版社|出版|主持人|主持|嘉宾|嘉賓|策划|策劃|统筹|統籌"
)
_SEP: Final = r"\s*[：:／/丨|｜︱∣]\s*"
_LABELLED: Final = re.compile(
    rf"(?:^|[\s（(【\[|｜丨])(?:{_WRITER}){_SEP}(?P<names>.+?)"
    rf"(?=\s*(?:[；;。，,）)】\]]|(?:{_OTHER}){_SEP}|$))"
)
_ENGLISH: Final = re.compile(
    r"^By\s+(?P<names>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*)"
)
_LABEL_END: Final = re.compile(char_class(label[-1] for label in _WRITER.split("|")) + _SEP)
"""The last character of a writer label and its separator (``者：``, ``文／``): a line without
one cannot match :data:`_LABELLED`, and a regex opening with a character set scans fast."""
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
    """Tidy the names a byline gives: a writer label, descriptions in brackets and stray
    punctuation go; placeholders (``Anonymous``, ``匿名``) are no byline."""
    text = _PARENTHETICAL.sub("", _LEADING_LABEL.sub("", names.strip()))
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
    if _LABEL_END.search(line) is None and not line.startswith("By"):
        return None  # neither pattern can match: most paragraphs end here
    if _BOOK_LINE.search(line):
        return None
    m = _LABELLED.search(line)
    if m:
        return clean_name(m["names"])
    m = _ENGLISH.match(line)
    if m:
        return clean_name(m["names"])
    return None


def find_byline(paragraphs: Sequence[str]) -> str | None:
    """Find a byline in the first or last few paragraphs."""
    n = len(paragraphs)
    order = list(range(min(EDGE, n))) + list(range(max(EDGE, n - EDGE), n))
    for i in order:
        found = byline_in(paragraphs[i])
        if found:
            return found
    return None
