"""Plain text: advertising lines, title, paragraphs, disclaimers; rules as data."""

from __future__ import annotations

import re

import newsparse
from newsparse import Format
from newsparse.formats import plaintext

DOC = """🎁 年度会员 限时特惠
只需 HK$99/年!
立即升级 ➜ 解锁全部功能
示例标题：新型电池让续航翻倍
第一段正文。
第二段正文。
以上文章由机器翻译生成，仅供参考。
"""


def test_ads_title_paragraphs_disclaimer() -> None:
    """Ads before the title and the trailing disclaimer are removed, each with a warning."""
    a = newsparse.parse(DOC)
    assert a.format is Format.PLAINTEXT
    assert a.title == "示例标题：新型电池让续航翻倍"
    assert a.paragraphs == ("第一段正文。", "第二段正文。")
    codes = [(w.code, w.line) for w in a.warnings]
    assert codes == [
        ("ad-line-removed", 1),
        ("ad-line-removed", 2),
        ("ad-line-removed", 3),
        ("disclaimer-removed", 7),
    ]


def test_strict_mode_does_not_treat_ads_as_defects() -> None:
    """Removing ads is the format's normal reading, not a defect."""
    assert newsparse.parse(DOC, strict=True).title == "示例标题：新型电池让续航翻倍"


def test_a_title_mentioning_a_keyword_is_kept() -> None:
    """A weak advertising word alone does not make the title an ad."""
    a = newsparse.parse("用户抱怨VPN订阅价格上涨\n正文。\n")
    assert a.title == "用户抱怨VPN订阅价格上涨"


def test_rules_are_extensible(monkeypatch: object) -> None:
    """A user-added rule removes lines it matches."""
    import pytest

    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(
            plaintext,
            "AD_RULES",
            [*plaintext.AD_RULES, plaintext.LineRule("sponsor", re.compile(r"^赞助商"))],
        )
        a = newsparse.parse("赞助商：某品牌\n真正的标题\n正文。\n")
        assert a.title == "真正的标题"
    finally:
        mp.undo()


def test_date_line_is_published() -> None:
    """A date line in the text is the publication date."""
    a = newsparse.parse("标题\n2023年7月6日\n正文。\n")
    assert a.published is not None and a.date_source == "body"
    assert a.paragraphs == ("正文。",)
