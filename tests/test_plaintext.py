"""Plain text: advertising lines, title, paragraphs, disclaimers; rules as data."""

from __future__ import annotations

import re

import pytest

import newsparse
from newsparse import Format

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


def test_rules_are_extensible() -> None:
    """A user-added rule removes lines it matches, in the call that passes it only."""
    text = "赞助商：某品牌\n真正的标题\n正文。\n"
    rules = newsparse.Rules.default().with_ad_rules(
        newsparse.LineRule("sponsor", re.compile(r"^赞助商"))
    )
    assert newsparse.parse(text, rules=rules).title == "真正的标题"
    assert newsparse.parse(text).title == "赞助商：某品牌"


def test_date_line_is_published() -> None:
    """A date line in the text is the publication date."""
    a = newsparse.parse("标题\n2023年7月6日\n正文。\n")
    assert a.published is not None and a.date_source == "body"
    assert a.paragraphs == ("正文。",)


BODY = "河边步道在周五晚上挤满了跑者。\n主办方说，明年会增加补给站。\n"


class TestAdBlocks:
    """The advertising at the top is one contiguous block, whatever its lines look like."""

    def _ads(self, text: str) -> tuple[str, list[int | None]]:
        a = newsparse.parse(text)
        return a.title, [w.line for w in a.warnings if w.code == "ad-line-removed"]

    def test_spec_sheet_line_after_a_price(self) -> None:
        """A feature list with no price, arrow or emoji, right after an ad line."""
        text = (
            "🎬 影音会员 高级方案 只需 HK$58/月\n支援8K畫質、最多6部裝置同時登入\n城市夜跑热潮\n"
            + BODY
        )
        assert self._ads(text) == ("城市夜跑热潮", [1, 2])

    @pytest.mark.parametrize(
        "spec",
        ["2TB 雲端空間 + 辦公套件", "含音樂、影集及 100GB 空間", "4K HDR / up to 4 devices"],
    )
    def test_spec_sheet_lines_chain(self, spec: str) -> None:
        """Spec lines after an ad and after each other all belong to the block."""
        text = f"☁️ 全家办公套装 HK$199/年\n{spec}\n无广告、离线下载、5部装置\n城市夜跑热潮\n" + BODY
        assert self._ads(text) == ("城市夜跑热潮", [1, 2, 3])

    def test_unmarked_line_between_two_ad_lines(self) -> None:
        """A line with no mark of its own, sandwiched between two ad lines."""
        text = "🔥 串流会员 HK$30/月\n官方正版 稳定不断线\n👉 点此开通\n城市夜跑热潮\n" + BODY
        assert self._ads(text) == ("城市夜跑热潮", [1, 2, 3])

    def test_unmarked_line_after_the_block_is_the_title(self) -> None:
        """Without an ad line after it, an unmarked line ends the block: it is the title."""
        text = "🔥 串流会员 HK$30/月\n城市夜跑热潮\n" + BODY
        assert self._ads(text) == ("城市夜跑热潮", [1])

    def test_spec_like_title_followed_by_the_body(self) -> None:
        """A headline that reads like a spec sheet stays the title when a sentence follows."""
        text = "🎬 影音会员 只需 HK$58/月\n新手机发布：1TB空间、支援8K录影\n" + BODY
        assert self._ads(text) == ("新手机发布：1TB空间、支援8K录影", [1])

    def test_spec_like_first_line_without_an_ad_is_the_title(self) -> None:
        """A spec-like line opens no block by itself."""
        text = "新手机发布：1TB空间、支援8K录影\n城市夜跑热潮\n" + BODY
        assert self._ads(text)[0] == "新手机发布：1TB空间、支援8K录影"

    def test_ad_label(self) -> None:
        """``【廣告】`` marks a line as advertising by itself."""
        assert self._ads("【廣告】夏季特賣會開跑\n城市夜跑热潮\n" + BODY) == ("城市夜跑热潮", [1])

    def test_pitch_line_followed_by_a_sentence_is_the_title(self) -> None:
        """A weak pitch word right after the block, then body text: the title, not an ad."""
        text = "🎬 影音会员 只需 HK$58/月\n订阅制平台的价格战打响\n" + BODY
        assert self._ads(text) == ("订阅制平台的价格战打响", [1])

    def test_rule_after_the_block(self) -> None:
        """A row of dashes between the ads and the headline is no title."""
        text = "🎬 影音会员 月费 $38\n————————\n城市夜跑热潮\n" + BODY
        assert self._ads(text) == ("城市夜跑热潮", [1, 2])

    def test_a_title_underlined_by_a_rule_after_the_block(self) -> None:
        """A short line between the ads and a rule is the title when no title can follow
        the rule (the body, or nothing), and an unmarked ad line when one can."""
        underlined = "🎬 影音会员 月费 $38\n城市夜跑热潮\n————————\n"
        assert self._ads(underlined + BODY) == ("城市夜跑热潮", [1])
        assert self._ads(underlined) == ("城市夜跑热潮", [1])
        bridged = "🎬 影音会员 月费 $38\n官方正版 稳定不断线\n————————\n城市夜跑热潮\n"
        assert self._ads(bridged + BODY) == ("城市夜跑热潮", [1, 2, 3])

    def test_pitch_words_of_shared_plans(self) -> None:
        """``开通``, ``家庭计划``: pitch words next to a price."""
        text = "🎬 影音会员 HK$5/月\n开通即享 家庭计划\n城市夜跑热潮\n" + BODY
        assert self._ads(text) == ("城市夜跑热潮", [1, 2])
