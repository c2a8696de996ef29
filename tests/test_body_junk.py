"""Junk that closes, opens or interrupts bodies on archives the rules were not written for.

One class per kind of page furniture (issue 14, items 1-7): feed and CMS footers, credit
lines, related-post and navigation cards, captions outside ``<figure>``, site leftovers,
line-structured text and fragments. Each class has several shapes, written for the test
(markup imitating common CMSs and mirrors; all text invented), and at least one shape of
real text that must stay.
"""

from __future__ import annotations

import pytest

import newsparse
from newsparse._context import Context
from newsparse.body import Body, extract_html
from newsparse.model import Format

LONG = (
    "这是文章正文的一段，写得足够长，好让它看起来像真正的新闻报道，而不是页面上的零碎东西。"
    "记者在现场看到，街上的人们一如往常地忙碌着，没有人注意到头顶的那块广告牌。"
)
LONG2 = (
    "第二段也是正文。市政府在周二发表声明，表示将在下个月重新审查这项计划，"
    "并邀请市民在网上提交意见，截止日期为本月底。"
)
LONG_EN = (
    "The council met on Tuesday evening to discuss the proposal, which would turn the old "
    "market hall into a library and a community kitchen for the neighbourhood."
)


def ctx() -> Context:
    return Context(format=Format.COMMENT_HEADER, source="test")


def run(html: str, *, title: str | None = None) -> tuple[Body, Context]:
    c = ctx()
    return extract_html(html, c, base_url="https://example.org/a/1", title=title), c


def paras(html: str, *, title: str | None = None) -> list[str]:
    return list(run(html, title=title)[0].paragraphs)


def article(
    body: str, *, author: str = "", tags: str = "", categories: str = ""
) -> newsparse.Article:
    front = ["---", 'title: "一篇文章"', "date: 2021-03-04T05:06:07Z"]
    if author:
        front.append(f"author: {author}")
    front.append("from: https://example.org/a/1")
    if tags:
        front.append(f"tags: [ {tags} ]")
    if categories:
        front.append(f"categories: [ {categories} ]")
    front.append("---")
    return newsparse.parse("\n".join(front) + "\n" + body + "\n")


# ---------------------------------------------------------------------------- 1. footers


class TestFeedFooters:
    """Small print closing a body: copyright, permalinks, tag lists, plugin credits."""

    @pytest.mark.parametrize(
        "footer",
        [
            "<hr><p><small>© 2021 某某新闻网 版权所有</small></p>",
            "<p>Copyright © 2019 The Example Review. All rights reserved.</p>",
            "<p>版权声明：本文为作者原创，未经授权不得转载。</p>",
            "<p>转载请注明出处。</p>",
            "<p>未經授權，禁止轉載。</p>",
            "<hr><p><a href='https://example.org/a/1'>Permalink</a> | "
            "<a href='https://example.org/a/1#comments'>3 Comments</a></p>",
            "<p>The post <a href='https://example.org/a/1'>一篇文章</a> appeared first on "
            "<a href='https://example.org'>Example Blog</a>.</p>",
            "<p><small>Feed enhanced by the Better Feed plugin from Example Labs</small></p>",
            "<hr><p>This feed is for personal, non-commercial use only.</p>",
            "<hr><p><a href='https://x.example/share?u=1'>Twitter</a> "
            "<a href='https://y.example/share?u=1'>Facebook</a> "
            "<a href='https://z.example/add?u=1'>Delicious</a></p>",
        ],
    )
    def test_footer_goes(self, footer: str) -> None:
        assert paras(f"<div><p>{LONG}</p><p>{LONG2}</p>{footer}</div>") == [LONG, LONG2]

    def test_several_footer_lines_go_together(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p><hr>"
            "<p><small>© 2020 某某周刊</small></p><p><a href='/a/1'>Permalink</a></p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_copyright_sentence_inside_the_text_stays(self) -> None:
        text = "这家出版社声称拥有版权所有的全部译本，但法院在去年的判决中驳回了这一主张，理由是合同早已过期。"
        assert paras(f"<div><p>{LONG}</p><p>{text}</p><p>{LONG2}</p></div>") == [LONG, text, LONG2]

    def test_copyright_line_is_no_caption(self) -> None:
        body, _ = run(
            f"<div><p>{LONG}</p><p><img src='https://example.org/p.jpg'></p>"
            "<p><small>© 2021 Example Media</small></p></div>"
        )
        assert body.paragraphs == (LONG,)
        assert body.images[0].caption is None

    @pytest.mark.parametrize(
        "text",
        [
            "Copyright holders argued that the new rules would let platforms keep their works.",
            "著作权法修订草案在周三提交审议，出版商和作者都在等待结果。",
            "未经授权的集会在这座城市里越来越少见了。",
            "版权所有者可以要求平台删除侵权的内容。",
            "Powered by cheap solar panels, the village clinic now runs through the night.",
        ],
    )
    def test_notice_words_opening_a_sentence_stay(self, text: str) -> None:
        rest = f"<p>{LONG2}</p><p>{LONG}</p>" * 2
        html = f"<div><p>{LONG}</p><p>{text}</p>{rest}</div>"
        assert text in paras(html)

    @pytest.mark.parametrize(
        "text",
        [
            "Copyright holders argued that the new rules would let platforms keep their works.",
            "未经授权的集会在这座城市里越来越少见了。",
            "Powered by cheap solar panels, the village clinic now runs through the night.",
        ],
    )
    def test_notice_words_closing_the_text_stay(self, text: str) -> None:
        assert paras(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{text}</p></div>")[-1] == text

    def test_small_print_anywhere_in_small_goes(self) -> None:
        html = (
            f"<div><p><small>© 2021 Example Media</small></p><p>{LONG}</p><p>{LONG2}</p>"
            f"<p>{LONG}</p><p>{LONG2}</p></div>"
        )
        assert paras(html) == [LONG, LONG2, LONG, LONG2]

    def test_keywords_sentence_stays_text(self) -> None:
        text = "Keywords: the word of the year was chosen by readers"
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{text}</p></div>")
        assert art.paragraphs == (LONG, LONG2, text)
        assert art.tags == ()

    def test_tags_without_separators_are_one_tag(self) -> None:
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>Tags: New York</p></div>")
        assert art.paragraphs == (LONG, LONG2)
        assert art.tags == ("New York",)

    def test_hashtags_after_a_tag_label_are_several_tags(self) -> None:
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>话题：#经济 #房地产</p></div>")
        assert art.paragraphs == (LONG, LONG2)
        assert art.tags == ("经济", "房地产")

    def test_tag_label_inside_the_text_stays(self) -> None:
        text = "话题：城市的夜晚"
        rest = f"<p>{LONG2}</p><p>{LONG}</p>" * 2
        html = f"<div><p>{LONG}</p><p>{text}</p>{rest}</div>"
        assert text in paras(html)

    def test_tag_list_joins_tags(self) -> None:
        art = article(
            f"<div><p>{LONG}</p><p>{LONG2}</p>"
            "<p>Post tags: <a href='/tag/a'>选举</a>, <a href='/tag/b'>香港</a>, "
            "<a href='/tag/c'>议会</a></p></div>",
            tags="香港",
        )
        assert art.paragraphs == (LONG, LONG2)
        assert art.tags == ("香港", "选举", "议会")

    def test_cjk_tag_label(self) -> None:
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>标签：经济、房地产</p></div>")
        assert art.paragraphs == (LONG, LONG2)
        assert art.tags == ("经济", "房地产")


# ---------------------------------------------------------------------------- 2. credit lines


class TestCreditLines:
    """People and sources at the edges of a body: names go to byline, the line is recorded."""

    @pytest.mark.parametrize(
        ("line", "byline"),
        [
            ("作者：林小雨　来源：某某周刊", "林小雨"),
            ("记者：周大成 陈美玲 北京报道", "周大成 陈美玲"),
            ("香港特约记者 梁文杰 报道", "梁文杰"),
            ("本台驻华盛顿记者：高明远", "高明远"),
            ("文/ 许嘉宁", "许嘉宁"),
            ("撰稿：罗一鸣；编辑：黄子涵", "罗一鸣"),
            ("By Maria Keller and Tom Osei", "Maria Keller and Tom Osei"),
        ],
    )
    def test_writer_credit_names_the_byline(self, line: str, byline: str) -> None:
        art = article(f"<div><p>{line}</p><p>{LONG}</p><p>{LONG2}</p></div>")
        assert art.byline == byline

    @pytest.mark.parametrize(
        "line",
        [
            "编辑 | 钟晓彤",
            "排版 | 阿满",
            "责编：韩立　校对：苏青",
            "译者/和田",
            "翻译丨王一帆；校对丨三木",
            "图/ 视觉小组",
            "来源：某某日报",
        ],
    )
    def test_production_credit_leaves_the_paragraphs(self, line: str) -> None:
        for html in (
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>{line}</p></div>",
            f"<div><p>{line}</p><p>{LONG}</p><p>{LONG2}</p></div>",
        ):
            body, c = run(html)
            assert body.paragraphs == (LONG, LONG2)
            recorded = [w for w in c.warnings if w.code == "credit-line-removed"]
            assert recorded and line.split()[0][:2] in recorded[0].message

    @pytest.mark.parametrize(
        ("first", "byline"),
        [
            (f"〔記者張大明／台北報導〕{LONG}", "張大明"),
            (f"（某某时报记者李小红报导）{LONG}", "李小红"),
            (f"（记者王一、赵二/北京报道）{LONG}", "王一、赵二"),
        ],
    )
    def test_dateline_opening_the_text_names_the_reporters(self, first: str, byline: str) -> None:
        art = article(f"<div><p>{first}</p><p>{LONG2}</p></div>")
        assert art.byline == byline
        assert art.paragraphs[0] == first  # the dateline is part of the paragraph

    def test_dateline_without_a_slash_before_the_place_names_nobody(self) -> None:
        # 记者 + name + place run together: where the name ends is not written down.
        art = article(f"<div><p>（某社記者張大明台北5日電）{LONG}</p><p>{LONG2}</p></div>")
        assert art.byline is None

    def test_english_agency_credit(self) -> None:
        art = article(
            f"<div><p>{LONG_EN}</p><p>{LONG_EN}</p><p>(Reporting by Jane Roe; Editing by Tom Osei)</p></div>"
        )
        assert art.byline == "Jane Roe"
        assert art.paragraphs[-1].startswith("(Reporting by")
        edited = article(f"<div><p>{LONG_EN}</p><p>{LONG_EN}</p><p>(Editing by Tom Osei)</p></div>")
        assert edited.paragraphs == (LONG_EN, LONG_EN)

    def test_writer_credit_line_stays_as_printed(self) -> None:
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>记者：程远航 责编：宋佳</p></div>")
        assert art.paragraphs[-1] == "记者：程远航 责编：宋佳"
        assert art.byline == "程远航"

    @pytest.mark.parametrize(
        ("line", "names"),
        [
            ("林一/周二（德新社、路透社）", "林一, 周二"),
            ("林一/周二/(某某时报等)", "林一, 周二"),
            ("赵三（法新社）", "赵三"),
        ],
    )
    def test_unlabelled_sign_off_names_the_byline(self, line: str, names: str) -> None:
        body, c = run(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{line}</p></div>")
        assert body.paragraphs == (LONG, LONG2)
        assert body.credited == tuple(names.split(", "))
        assert [w.code for w in c.warnings] == ["credit-line-removed"]

    @pytest.mark.parametrize("line", ["Paris, London (2019)", "中国、美国（2020年）"])
    def test_names_and_a_year_are_no_sign_off(self, line: str) -> None:
        body, _ = run(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{line}</p></div>")
        assert body.paragraphs == (LONG, LONG2, line)
        assert body.credited == ()

    def test_one_name_with_a_place_is_no_sign_off(self) -> None:
        line = "赵三（北京）"
        assert paras(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{line}</p></div>")[-1] == line

    def test_translator_is_the_byline_when_no_writer_is_named(self) -> None:
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>译者/和田</p></div>")
        assert (art.byline, art.author) == ("和田", "和田")
        assert "译者/和田" not in art.text

    def test_translating_outlet_that_declared_the_post_is_no_byline(self) -> None:
        body = f"<div><p>{LONG}</p><p>{LONG2}</p><p>Translated by <a href='https://t.example'>Transhub</a></p></div>"
        art = article(body, author="Transhub")
        assert (art.author, art.byline) == ("Transhub", None)
        assert art.paragraphs == (LONG, LONG2)

    def test_credited_outlet_named_in_categories_is_no_byline(self) -> None:
        art = article(
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>译者/某某 周刊</p></div>", categories="某某周刊"
        )
        assert art.byline is None
        assert art.paragraphs == (LONG, LONG2)

    def test_translator_besides_the_declared_author_is_the_byline(self) -> None:
        art = article(f"<div><p>{LONG}</p><p>{LONG2}</p><p>译者/和田</p></div>", author="林小雨")
        assert (art.author, art.byline) == ("林小雨", "和田")

    def test_author_and_date_lockup_opening_the_body(self) -> None:
        html = f"<div><i>JANE ROE<br>2020-10-13 14:38:42</i></div><p>{LONG}</p><p>{LONG2}</p>"
        body, _ = run(html)
        assert body.paragraphs == (LONG, LONG2)
        assert body.credited == ("JANE ROE",)
        assert body.dates and body.dates[0].year == 2020

    @pytest.mark.parametrize(
        "lockup", ["储百亮<br>2020年10月13日 14:38", "Jane Roe, Ann Lee<br>2020-10-13 14:38"]
    )
    def test_lockup_shapes(self, lockup: str) -> None:
        body, _ = run(f"<div><p>{lockup}</p><p>{LONG}</p><p>{LONG2}</p></div>")
        assert body.paragraphs == (LONG, LONG2)
        assert body.credited

    @pytest.mark.parametrize(
        "heading",
        [
            "Breaking news<br>March 3, 2020",
            "Breaking news<br>2020-03-03 08:15",
            "城市的夜晚与白天<br>2020-03-03 08:15",
        ],
    )
    def test_heading_and_date_are_no_lockup(self, heading: str) -> None:
        body, _ = run(f"<div><p>{heading}</p><p>{LONG}</p><p>{LONG2}</p></div>")
        assert body.credited == ()
        assert body.paragraphs == (heading.replace("<br>", "\n"), LONG, LONG2)

    def test_contributor_notes_closing_the_body(self) -> None:
        html = (
            f"<div><i>JANE ROE<br>2020-10-13 14:38:42</i></div><p>{LONG}</p><p>{LONG2}</p>"
            "<p>Tom Osei是本报驻柏林记者，报道欧洲经济。<br>Jane Roe报道科技政策。<br>翻译：李明</p>"
        )
        body, c = run(html)
        assert body.paragraphs == (LONG, LONG2)
        assert set(body.credited) == {"JANE ROE", "李明", "Tom Osei"}
        assert len([w for w in c.warnings if w.code == "credit-line-removed"]) == 4

    def test_credit_words_inside_a_sentence_stay(self) -> None:
        text = "编辑部在周一收到了读者来信，信中说来源于网络的消息并不可靠。"
        assert paras(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{text}</p></div>")[-1] == text

    def test_person_signing_at_the_end_overrides_the_outlet_as_author(self) -> None:
        art = article(
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>记者：程远航 责编：宋佳</p></div>",
            author="某某电台",
            categories="某某电台",
        )
        assert art.author == "程远航"
        assert art.byline == "程远航"

    def test_declared_person_stays_the_author(self) -> None:
        art = article(
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>记者：程远航</p></div>",
            author="李思齐",
            categories="某某电台",
        )
        assert art.author == "李思齐"


# ---------------------------------------------------------------------------- 3. cards


class TestCards:
    """Related-post and navigation cards anywhere in the body."""

    def test_linked_column_card_opening_the_body(self) -> None:
        html = (
            "<div><p><a href='https://example.org/b/2'>评论 | 另一篇文章的标题在这里</a></p>"
            f"<p>{LONG}</p><p>{LONG2}</p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_bracketed_column_cards(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p>"
            "<p><a href='/b/2'>【独家】一篇别的报道</a></p>"
            "<p><a href='/b/3'>【深度】又一篇别的报道</a></p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_run_of_short_linked_headlines(self) -> None:
        html = (
            f"<div><p>{LONG}</p>"
            "<p><a href='/b/2'>市长宣布辞职</a></p><p><a href='/b/3'>台风逼近东部沿海</a></p>"
            "<p><a href='/b/4'>股市连跌三日</a></p>"
            f"<p>{LONG2}</p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_roundup_of_the_blogs_own_posts_stays(self) -> None:
        links = [
            "<p><a href='/b/2'>周一：市长宣布辞职后的第一次记者会</a></p>",
            "<p><a href='/b/3'>周二：台风逼近东部沿海，渔船回港</a></p>",
            "<p><a href='/b/4'>周三：股市连跌三日，分析师怎么看</a></p>",
            "<p><a href='/b/5'>周四：老城区的夜市重新开张了</a></p>",
        ]
        html = "<div><p>本周文章回顾</p>" + "".join(links) + "</div>"
        assert len(paras(html)) == 5

    def test_label_and_unlinked_headlines_at_the_end(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>相关报道</p>"
            "<p>市长宣布辞职</p><p>台风逼近东部沿海</p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_label_inside_the_text_with_links(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p><strong>推荐阅读：</strong></p>"
            "<p><a href='/b/2'>市长宣布辞职的前因后果</a></p>"
            f"<p>{LONG2}</p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_related_heading_and_its_gallery_at_the_end(self) -> None:
        items = "".join(
            f"<div><img src='https://example.org/g{i}.jpg'><b>人物{i}</b>：一段不长的图集说明文字。</div>"
            for i in range(4)
        )
        body, _ = run(
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>{LONG}</p><h3>相关图集：谁确诊了？</h3>{items}</div>"
        )
        assert body.paragraphs == (LONG, LONG2, LONG)
        assert body.images == ()

    def test_outside_sources_in_a_row_stay(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p>"
            "<p><a href='https://other.example/report'>一份外部研究报告</a></p>"
            "<p><a href='https://third.example/data'>另一个外部数据来源</a></p></div>"
        )
        assert len(paras(html)) == 4

    def test_a_list_the_text_announces_stays(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>本系列此前的内容如下：</p>"
            "<p><a href='/b/1'>系列第一集的标题</a></p><p><a href='/b/2'>系列第二集的标题</a></p>"
            f"<p><a href='/b/3'>系列第三集的标题</a></p><p>{LONG2}</p></div>"
        )
        assert len(paras(html)) == 6

    def test_learn_more_prompt_and_its_link_card(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p><p>看本书了解更多：</p>"
            "<p><a href='https://books.example/x'>一本书的名字 | 某某书店</a></p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_one_linked_sentence_stays(self) -> None:
        text = "<a href='/report'>这份报告的全文已经公开，任何人都可以在网上阅读并下载。</a>"
        html = f"<div><p>{LONG}</p><p>{text}</p><p>{LONG2}</p></div>"
        assert len(paras(html)) == 3

    def test_numbered_references_stay(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p>"
            "<p>[1] <a href='/r/1'>某某研究报告</a></p><p>[2] <a href='/r/2'>另一份报告</a></p></div>"
        )
        assert len(paras(html)) == 4


# ---------------------------------------------------------------------------- 4. captions


class TestLooseCaptions:
    """A short line beside a picture outside <figure> is its caption."""

    @pytest.mark.parametrize(
        ("line", "caption", "credit"),
        [
            (
                "图为市民在雨中排队等候检测。（中央社檔案照片）",
                "图为市民在雨中排队等候检测。",
                "中央社檔案照片",
            ),
            ("示威者在广场上静坐。（林小明攝）", "示威者在广场上静坐。", "林小明攝"),
            ("港口的集装箱堆场。（美联社）", "港口的集装箱堆场。", "美联社"),
            (
                "A flooded street in the old town. Photo: Jane Roe",
                "A flooded street in the old town.",
                "Jane Roe",
            ),
            ("图片来源：视觉中国", None, "视觉中国"),
            ("Getty Images", None, "Getty Images"),
        ],
    )
    def test_line_after_a_picture(self, line: str, caption: str | None, credit: str) -> None:
        body, _ = run(
            f"<div><p>{LONG}</p><p><img src='https://example.org/p.jpg'></p>"
            f"<p>{line}</p><p>{LONG2}</p></div>"
        )
        assert body.paragraphs == (LONG, LONG2)
        assert (body.images[0].caption, body.images[0].credit) == (caption, credit)

    @pytest.mark.parametrize(
        "block",
        [
            "<blockquote><p><em>改变从一个小小的支点开始。</em></p></blockquote>",
            "<blockquote><em>改变从一个小小的支点开始。</em></blockquote>",
            "<ul><li><em>第一步：找到支点</em></li></ul>",
        ],
    )
    def test_quote_or_list_item_after_a_picture_stays_text(self, block: str) -> None:
        body, _ = run(
            f"<div><p>{LONG}</p><p><img src='https://example.org/p.jpg'></p>{block}"
            f"<p>{LONG2}</p></div>"
        )
        assert len(body.paragraphs) == 3
        assert body.images[0].caption is None

    def test_news_paragraph_closing_with_an_agency_after_a_picture_stays_text(self) -> None:
        text = (
            "市政府周二宣布，明年起将在全市推行新的垃圾分类办法。违反规定的商户最高可被罚款五千元，"
            "居民则会先收到警告。（路透社）"
        )
        body, _ = run(
            f"<div><p>{LONG}</p><p><img src='https://example.org/p.jpg'></p>"
            f"<p>{text}</p><p>{LONG2}</p></div>"
        )
        assert body.paragraphs == (LONG, text, LONG2)
        assert (body.images[0].caption, body.images[0].credit) == (None, None)

    def test_emphasised_short_line_after_a_picture(self) -> None:
        body, _ = run(
            f"<div><p>{LONG}</p><img src='https://example.org/p.jpg'>"
            f"<p><em>旧城区的一条小巷</em></p><p>{LONG2}</p></div>"
        )
        assert body.paragraphs == (LONG, LONG2)
        assert body.images[0].caption == "旧城区的一条小巷"

    def test_marked_line_before_a_picture(self) -> None:
        body, _ = run(
            f"<div><p>{LONG}</p><p>图：会场外的人群（路透社）</p>"
            f"<p><img src='https://example.org/p.jpg'></p><p>{LONG2}</p></div>"
        )
        assert body.paragraphs == (LONG, LONG2)
        assert body.images[0].caption == "会场外的人群"
        assert body.images[0].credit == "路透社"

    def test_text_after_a_picture_stays(self) -> None:
        line = "下图是过去十年的房价走势："
        body, _ = run(
            f"<div><p>{LONG}</p><p><img src='https://example.org/p.jpg'></p>"
            f"<p>{line}</p><p>{LONG2}</p></div>"
        )
        assert body.paragraphs == (LONG, line, LONG2)

    def test_short_heading_after_a_picture_stays(self) -> None:
        body, _ = run(
            f"<div><p>{LONG}</p><p><img src='https://example.org/p.jpg'></p>"
            f"<h3>第二部分</h3><p>{LONG2}</p></div>"
        )
        assert body.paragraphs == (LONG, "第二部分", LONG2)


# ---------------------------------------------------------------------------- 5. leftovers


class TestLeftovers:
    """Hashtag-only lines, literal null/undefined, section headings, prompts."""

    @pytest.mark.parametrize(
        "junk",
        [
            "<p><a href='/t/1'>#香港</a> <a href='/t/2'>#选举</a> <a href='/t/3'>#议会</a></p>",
            "<p>#经济 #房地产</p>",
            "<p>null</p>",
            "<p>undefined</p>",
            "<p>阅读原文</p>",
            "<p><a href='https://mp.example/s/1'>点击阅读原文</a></p>",
            "<p>Read the original article</p>",
            "<p>欢迎关注我们的公众号，获取更多资讯</p>",
            "<p>Subscribe to our newsletter</p>",
            "<p>Follow us on Twitter</p>",
            "<p>（完）</p>",
            "<p>-END-</p>",
            "<p>长按识别二维码关注我们</p>",
            "<p>点击上方蓝字关注我们</p>",
            "<p>微信搜索“某某书评”：一句口号</p>",
        ],
    )
    def test_leftover_in_the_middle_goes(self, junk: str) -> None:
        assert paras(f"<div><p>{LONG}</p>{junk}<p>{LONG2}</p></div>") == [LONG, LONG2]

    @pytest.mark.parametrize("lines", [["Casualties", "None"], ["Result", "NaN"], ["值", "null"]])
    def test_literal_line_inside_a_block_stays(self, lines: list[str]) -> None:
        block = "<p>" + "<br>".join(lines) + "</p>"
        assert "\n".join(lines) in paras(f"<div><p>{LONG}</p>{block}<p>{LONG2}</p></div>")

    def test_embedded_social_post_is_media(self) -> None:
        html = (
            f"<div><p>{LONG}</p><blockquote class='twitter-tweet'><p>一条推文的内容 "
            "<a href='https://t.co/x'>pic.twitter.com/x</a></p>&mdash; 某人 (@someone) "
            "<a href='https://twitter.com/someone/status/123'>September 22, 2020</a></blockquote>"
            f"<p>{LONG2}</p></div>"
        )
        body, _ = run(html)
        assert body.paragraphs == (LONG, LONG2)
        (post,) = body.media
        assert (post.kind, post.url) == ("embed", "https://twitter.com/someone/status/123")
        assert post.caption is not None and post.caption.startswith("一条推文的内容")

    def test_quotation_blockquote_stays_text(self) -> None:
        html = f"<div><p>{LONG}</p><blockquote><p>{LONG2}</p></blockquote></div>"
        assert paras(html) == [LONG, LONG2]

    @pytest.mark.parametrize(
        "crumb",
        [
            "<p>首页 > 国际 > 正文</p>",
            "<p>Home › World › Asia</p>",
            "<div>新闻 / 国际 / 正文</div>",
        ],
    )
    def test_breadcrumb_opening_the_body_goes(self, crumb: str) -> None:
        assert paras(f"<div>{crumb}<p>{LONG}</p><p>{LONG2}</p></div>") == [LONG, LONG2]

    @pytest.mark.parametrize(
        "junk",
        [
            "<p>·某某IG：https://www.instagram.com/someone/</p>",
            "<p>文章在這👉 https://other.example/read/1</p>",
        ],
    )
    def test_closing_link_prompts_go(self, junk: str) -> None:
        assert paras(f"<div><p>{LONG}</p><p>{LONG2}</p>{junk}</div>") == [LONG, LONG2]

    def test_sign_off_after_the_last_rule_goes(self) -> None:
        html = (
            f"<div><p>{LONG}</p><p>{LONG2}</p><hr><p>谢谢阅读，下次见！</p>"
            "<p><a href='https://social.example/me'>我的主页</a></p>"
            "<p><a href='https://blog.example/me'>我的博客</a></p></div>"
        )
        assert paras(html) == [LONG, LONG2]

    def test_notes_after_the_last_rule_stay(self) -> None:
        html = f"<div><p>{LONG}</p><hr><p>[1] 某某报告，2019年。</p><p>[2] 另一份报告。</p></div>"
        assert len(paras(html)) == 3

    def test_one_hashtag_alone_stays(self) -> None:
        assert paras(f"<div><p>{LONG}</p><p>#岛民日记</p><p>{LONG2}</p></div>")[1] == "#岛民日记"

    def test_hashtag_inside_a_sentence_stays(self) -> None:
        text = "活动组织者呼吁大家在社交媒体上使用 #清洁海滩 标签分享照片，并在周末一起去捡垃圾。"
        assert paras(f"<div><p>{LONG}</p><p>{text}</p><p>{LONG2}</p></div>") == [LONG, text, LONG2]

    @pytest.mark.parametrize(
        "text",
        [
            "转发这条微博的三名网友随后被警方传唤。",
            "加入我们的人越来越多，他说。",
            "Donate blood, the mayor urged residents after the crash.",
            "Follow me, she whispered.",
            "Subscribe numbers fell for the third year running.",
        ],
    )
    def test_prompt_words_opening_a_sentence_stay(self, text: str) -> None:
        middle = f"<div><p>{LONG}</p><p>{LONG2}</p><p>{text}</p>" + f"<p>{LONG}</p>" * 5
        assert text in paras(middle + "</div>")
        assert paras(f"<div><p>{LONG}</p><p>{LONG2}</p><p>{text}</p></div>")[-1] == text

    def test_prompt_words_in_a_poem_inside_the_text_stay(self) -> None:
        lines = ["风吹过山冈", "关注我的人都已走远", "只剩一盏灯"]
        poem = "<p>" + "<br>".join(lines) + "</p>"
        html = f"<div><p>{LONG}</p><p>{LONG2}</p>{poem}" + f"<p>{LONG}</p>" * 5 + "</div>"
        assert "\n".join(lines) in paras(html)

    def test_prompt_closing_a_long_text_goes(self) -> None:
        html = f"<div>{f'<p>{LONG}</p>' * 6}<p>欢迎关注我们的公众号</p></div>"
        assert "欢迎关注我们的公众号" not in paras(html)

    def test_prompt_words_in_a_sentence_stay(self) -> None:
        text = "去年该报的订阅人数下降了三成，编辑部不得不关注成本，并裁减了一半的记者。"
        assert paras(f"<div><p>{LONG}</p><p>{text}</p><p>{LONG2}</p></div>") == [LONG, text, LONG2]


# ---------------------------------------------------------------------------- 6. lines


class TestLineStructure:
    """<br>-separated lines keep their lines: one paragraph, its lines joined by "\\n"."""

    def test_poem_keeps_its_lines(self) -> None:
        lines = ["山那边的云", "慢慢地走过来", "停在我的窗前", "像一封没有寄出的信"]
        (para,) = paras("<div><p>" + "<br>".join(lines) + "</p></div>")
        assert para.split("\n") == lines

    def test_question_and_answer_lines(self) -> None:
        html = (
            "<p>问：你什么时候开始写作？<br>答：大概十岁吧。<br>问：为什么？<br>答：因为无聊。</p>"
        )
        (para,) = paras(html)
        assert para == "问：你什么时候开始写作？\n答：大概十岁吧。\n问：为什么？\n答：因为无聊。"

    def test_line_breaks_with_spaces_around_them(self) -> None:
        (para,) = paras("<p>first line <br/>\n  second line<br>  third line</p>")
        assert para == "first line\nsecond line\nthird line"

    def test_heading_between_dashes_is_no_dateline(self) -> None:
        # "华盛顿 —" opens the next paragraph; "——第二部分——" heads it.
        assert paras(f"<div><p>——第二部分——</p><p>{LONG}</p></div>") == ["——第二部分——", LONG]
        assert paras(f"<div><p>华盛顿 —</p><p>{LONG}</p></div>") == [f"华盛顿 — {LONG}"]

    def test_fifty_lines_are_not_one_line(self) -> None:
        lines = [f"第{i}行歌词在这里" for i in range(50)]
        (para,) = paras("<div>" + "<br>".join(lines) + "</div>")
        assert para.count("\n") == 49

    def test_double_break_still_ends_a_paragraph(self) -> None:
        assert paras("<p>甲<br>乙<br><br>丙</p>") == ["甲\n乙", "丙"]

    def test_text_property_keeps_paragraph_breaks_apart(self) -> None:
        art = article("<div><p>一行<br>二行</p><p>另一段</p></div>")
        assert art.text == "一行\n二行\n\n另一段"


# ---------------------------------------------------------------------------- 7. fragments


PROSE = [
    f"第{i}段。"
    + "政府官员在会上解释了预算削减的原因，但议员们对此并不满意，要求公开全部账目。" * 2
    for i in range(8)
]


class TestFragments:
    """A content container holding far less of the page's article text than the page."""

    def test_marked_container_holding_a_teaser_is_widened(self) -> None:
        html = (
            "<div class='page'><div class='entry-content'><p>"
            + PROSE[0]
            + "</p></div>"
            + "".join(f"<p>{p}</p>" for p in PROSE[1:])
            + "</div>"
        )
        assert paras(html) == PROSE

    def test_widening_keeps_chrome_out(self) -> None:
        html = (
            "<div class='page'><div class='entry-content'><p>"
            + PROSE[0]
            + "</p></div>"
            + "".join(f"<p>{p}</p>" for p in PROSE[1:])
            + "<div class='share-buttons'><a href='/s'>分享到微博</a></div>"
            + "</div>"
        )
        got = paras(html)
        assert got == PROSE

    def test_container_with_most_of_the_text_is_kept(self) -> None:
        html = (
            "<div><div class='sidebar-note'><p>本站简介：一个关于城市的网站。</p></div>"
            "<div class='entry-content'>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
        )
        assert paras(html) == PROSE

    def test_standfirst_above_the_body_is_kept(self) -> None:
        lead = "导语：一场关于预算的争论，让这座城市的议会陷入了僵局。"
        html = (
            f"<div><p class='summary'>{lead}</p>"
            "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
        )
        assert paras(html) == [lead, *PROSE]
