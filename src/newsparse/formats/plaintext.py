"""Plain text: one paragraph per line, often wrapped in advertising::

    🎬 YouTube Premium 家庭 Plan成員一位 只需      ad lines (emoji, prices, ➜ offers, pitches)
    HK$148/年!
    支援4K畫質、最多4部裝置同時登入                   spec-sheet line right after an ad line
    微軟呼籲特朗普阻止拜登的AI「禮物」給中國          title: the first line after the ad block
    微軟正在推動特朗普政府改變……                    paragraphs, one per line
    以上文章由……所翻譯及撰寫。                       trailing disclaimers (machine translation…)

The advertising at the top is one contiguous block, starting at the first line:

- a line a strong rule marks (emoji first, a price, an offer arrow, an ``【廣告】`` label);
- a line a weak rule marks (a pitch word, a spec-sheet line such as ``2TB 雲端空間 +
  辦公套件``) next to an ad line: before a strong one, or right after the block, as long
  as the line after it could still be the title (short, no finished sentence: a body
  paragraph after it means the weak line is the title);
- any short line between two ad lines (``官方正版 穩定不斷線`` between a price and an
  offer), even with no mark of its own, or between the block and a closing rule when
  the line after the rule could still be the title (else the short line is the title,
  underlined);
- a rule or a row of symbols (``————``) right after the block.

What counts as an ad line or a disclaimer is data: the :class:`~newsparse.LineRule`
tables :data:`~newsparse.rules.AD_RULES` and :data:`~newsparse.rules.DISCLAIMER_RULES` by
default, or those of the ``rules=`` a call passes (:class:`~newsparse.Rules`). Every
removed line is recorded as a warning (code ``ad-line-removed`` or
``disclaimer-removed``), so nothing vanishes silently.
"""

from __future__ import annotations

import re
from typing import Final

from newsparse._context import Context
from newsparse._text import clean_invisible, normalize_line
from newsparse.byline import find_byline
from newsparse.dates import parse_date_line
from newsparse.formats._lines import normalize_newlines, strip_bom
from newsparse.model import Article, Format
from newsparse.rules import LineRule

__all__ = ["PlainTextParser"]


MAX_AD_LINE: Final = 120
"""Lines longer than this are text, whatever they contain."""
MAX_LEADING_ADS: Final = 12
"""How many lines before the title may be advertising."""


def _is_strong_ad(line: str, rules: tuple[LineRule, ...]) -> bool:
    return len(line) <= MAX_AD_LINE and any(r.strong and r.matches(line) for r in rules)


def _is_weak_ad(line: str, rules: tuple[LineRule, ...]) -> bool:
    return len(line) <= MAX_AD_LINE and any(not r.strong and r.matches(line) for r in rules)


class PlainTextParser:
    """Reads plain text with advertising lines; accepts any text, so it is tried last."""

    format: Final = Format.PLAINTEXT

    def detect(self, text: str) -> bool:
        """Any non-blank text."""
        return bool(text.strip())

    def parse(self, text: str, ctx: Context) -> Article:
        """Parse a plain-text document."""
        raw = strip_bom(text)  # kept as found, in Article.html
        text = clean_invisible(normalize_newlines(raw))
        lines = [(i, normalize_line(line)) for i, line in enumerate(text.split("\n"), start=1)]
        lines = [(i, line) for i, line in lines if line]
        ads = ctx.rules.ad_rules
        kept = self._drop_leading_ads(lines, ads, ctx)
        kept = self._drop_trailing_disclaimers(kept, ctx)
        if not kept:
            ctx.warn("missing-title", "the text has no line that is not advertising", 1)
            return Article(
                format=self.format, title="", html=raw, warnings=ctx.warnings, source=ctx.source
            )
        title = kept[0][1]
        paragraphs: list[str] = []
        dates = []
        for i, line in kept[1:]:
            if _is_strong_ad(line, ads) and not _has_sentence(line):
                ctx.note("ad-line-removed", f"promotional line removed: {line[:60]!r}", i)
                continue
            when = parse_date_line(line)
            if when is not None:
                dates.append(when)
                continue
            paragraphs.append(line)
        published = dates[0] if dates else None
        byline = find_byline(paragraphs)
        return Article(
            format=self.format,
            title=title,
            url=None,
            published=published,
            date_source="body" if published else None,
            author=byline,
            byline=byline,
            paragraphs=tuple(paragraphs),
            html=raw,
            warnings=ctx.warnings,
            source=ctx.source,
        )

    def _drop_leading_ads(
        self, lines: list[tuple[int, str]], rules: tuple[LineRule, ...], ctx: Context
    ) -> list[tuple[int, str]]:
        start = _ad_block_end(lines[: MAX_LEADING_ADS + 3], rules)
        if start > MAX_LEADING_ADS:
            start = 0  # a wall of "ads" is more likely text we misjudge
        for i, line in lines[:start]:
            ctx.note(
                "ad-line-removed", f"advertising line before the title removed: {line[:60]!r}", i
            )
        return lines[start:]

    def _drop_trailing_disclaimers(
        self, lines: list[tuple[int, str]], ctx: Context
    ) -> list[tuple[int, str]]:
        end = len(lines)
        while end > 1 and any(r.matches(lines[end - 1][1]) for r in ctx.rules.disclaimer_rules):
            i, line = lines[end - 1]
            if len(line) > 2 * MAX_AD_LINE:
                break
            ctx.note("disclaimer-removed", f"trailing disclaimer removed: {line[:60]!r}", i)
            end -= 1
        return lines[:end]


def _ad_block_end(lines: list[tuple[int, str]], rules: tuple[LineRule, ...]) -> int:
    """How many lines from the top form the advertising block (0 when the text opens with
    no ad line). See the module's docstring for the three ways a line joins the block."""
    texts = [line for _, line in lines]
    strong = [_is_strong_ad(line, rules) for line in texts]
    weak = [_is_weak_ad(line, rules) for line in texts]
    n = len(texts)

    def title_may_follow(k: int) -> bool:
        # Line k joins the block only if line k + 1 can still be the title: a sentence
        # of a body paragraph there means line k is the title.
        return k + 1 < n and _could_be_title(texts[k + 1])

    def joins(k: int, after_block: bool) -> bool:
        if strong[k] or (after_block and _is_decor(texts[k])):
            return True
        if not weak[k]:
            return False
        return (k + 1 < n and strong[k + 1]) or (after_block and title_may_follow(k))

    end = 0
    k = 0
    while k < n:
        if joins(k, after_block=end > 0):
            end = k = k + 1
            continue
        # One unmarked short line between the block and a line that joins it; before a
        # closing rule, only if the line after the rule could still be the title (else
        # the unmarked line is the title, which a rule may underline).
        if (
            end > 0
            and len(texts[k]) <= MAX_AD_LINE
            and k + 1 < n
            and joins(k + 1, True)
            and (strong[k + 1] or weak[k + 1] or title_may_follow(k + 1))
        ):
            end = k = k + 2
            continue
        break
    return end


_WORD: Final = re.compile(r"\w")


def _is_decor(line: str) -> bool:
    """A line of rules or symbols only (``————``, ``***``), as closes an ad block."""
    return _WORD.search(line) is None


MAX_TITLE: Final = 100
"""Longest line that may be a title when telling a title from the first paragraph."""
_SENTENCE_END: Final = re.compile(r"。|[^.][.．]\s*$")


def _could_be_title(line: str) -> bool:
    """A headline is short and is no finished sentence (``。``, or a final full stop)."""
    return len(line) <= MAX_TITLE and _SENTENCE_END.search(line) is None


_CJK_SENTENCE: Final = re.compile(r"[\u3400-\u9fff]{2,}.*[\u3400-\u9fff].*[。！？…；：」』”❞）]$")
"""A Chinese sentence: ends with full-width sentence punctuation (an advertisement ends with
``!``, a price or nothing)."""
MIN_CJK_SENTENCE: Final = 8
"""Chinese characters a line needs to be a sentence whatever it opens with (``👉 …。``)."""


def _has_sentence(line: str) -> bool:
    """A long line with sentence punctuation is text even if it names a price, and so is a
    Chinese sentence even if it opens with an emoji or an arrow (``👉 这一步最重要。``)."""
    if len(line) > 60 and re.search(r"[。！？.!?]", line):
        return True
    return bool(_CJK_SENTENCE.search(line)) and len(_CJK.findall(line)) >= MIN_CJK_SENTENCE


_CJK: Final = re.compile(r"[\u3400-\u9fff]")
