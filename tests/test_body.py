"""Body extraction rules, each on a small snippet written for the rule it pins.

The snippets imitate the *markup* of the outlets the corpus holds (WordPress, Drupal, Medium
feeds, VOA/RFA/BBC archive bodies); their text is invented.
"""

from __future__ import annotations

import pytest

from newsparse._context import Context
from newsparse.body import Body, extract_html, extract_markdown, looks_like_html
from newsparse.body._tree import MAX_ATTRIBUTES, flatten_deep, limit_attributes
from newsparse.body.captions import split_credit
from newsparse.body.description import clean_description
from newsparse.byline import byline_in, clean_name, find_byline
from newsparse.model import Format

LONG = "A paragraph of the story itself, written out at some length so that it is the text. " * 3
LONG = LONG.strip()


def ctx() -> Context:
    return Context(format=Format.COMMENT_HEADER, source="test")


def body(html: str, *, title: str | None = None, base_url: str | None = None) -> Body:
    return extract_html(html, ctx(), base_url=base_url, title=title)


def paras(html: str, **kwargs: str) -> list[str]:
    return list(body(html, **kwargs).paragraphs)


class TestBlocks:
    """How text is cut into paragraphs."""

    def test_block_elements_and_double_br(self) -> None:
        html = "<div><p>甲段。</p><h2>小标题</h2><p>乙段一<br><br>乙段二</p><ul><li>条一</li><li>条二</li></ul></div>"
        assert paras(html) == ["甲段。", "小标题", "乙段一", "乙段二", "条一", "条二"]

    def test_single_br_keeps_its_line(self) -> None:
        assert paras("<p>First line<br>second line</p>") == ["First line\nsecond line"]

    def test_bold_first_line_before_plain_text_is_a_heading(self) -> None:
        html = "<p><strong>方法：</strong><br>先读后写。<br>再改一遍。</p>"
        assert paras(html) == ["方法：", "先读后写。\n再改一遍。"]

    def test_bold_lines_without_plain_text_stay_one_block(self) -> None:
        html = "<ul><li><strong>第一句。</strong><br><strong>第二句？</strong><br><strong>第三句</strong></li></ul>"
        assert paras(html) == ["第一句。\n第二句？\n第三句"]

    def test_bold_run_then_plain_text(self) -> None:
        html = "<p><strong>▍作者名</strong><br><strong>｜标签</strong><br>／正文一行</p>"
        assert paras(html) == ["▍作者名\n｜标签", "／正文一行"]

    def test_cjk_line_breaks_vanish_latin_ones_are_spaces(self) -> None:
        html = "<p>\n   最初\n   <a href='/x'>应对失当</a>\n   and\n   then\n</p>"
        assert paras(html) == ["最初应对失当 and then"]

    def test_break_between_two_ambiguous_marks_is_a_space(self) -> None:
        html = "<blockquote><p><span>“Watched.”</span>\n<span>― Someone</span></p></blockquote>"
        assert paras(html) == ["“Watched.” ― Someone"]

    def test_invisible_characters_and_spacer_paragraphs(self) -> None:
        html = "<p>\ufeff正\u200b文</p><p>\u00a0</p><p>&nbsp;</p><p>\x01尾&#1;句</p>"
        assert paras(html) == ["正文", "尾句"]

    def test_div_with_bare_text_and_nested_divs(self) -> None:
        html = "<div><div><div>only text here</div></div><div>and more</div></div>"
        assert paras(html) == ["only text here", "and more"]

    def test_layout_table_cells(self) -> None:
        html = "<table><tr><td>左栏文字</td><td>右栏文字</td></tr></table>"
        assert paras(html) == ["左栏文字", "右栏文字"]

    def test_title_repeat_and_date_line_go(self) -> None:
        b = body(
            "<p>Some Title!</p><div><i>Wed, 15 May 2024 00:48:57 GMT</i></div><p>Text.</p>",
            title="Some title",
        )
        assert b.paragraphs == ("Text.",)
        assert len(b.dates) == 1

    def test_dateline_prefix_joins_the_first_paragraph(self) -> None:
        assert paras("<div>华盛顿 — <p>消息说。</p></div>") == ["华盛顿 — 消息说。"]

    def test_medium_feed_footers(self) -> None:
        html = (
            "<p>Body.</p><p><a href='https://m.example/x'>Story</a> was originally published in "
            "<a href='https://m.example'>Pub</a> on Medium, where people are continuing the conversation.</p>"
            "<p><a href='https://m.example/y'>Continue reading on Medium »</a></p>"
        )
        assert paras(html) == ["Body."]


class TestImages:
    """Which pictures are content, and their URLs."""

    def test_lazy_image_keeps_real_src_and_ignores_noscript_copy(self) -> None:
        html = (
            '<p><img src="https://img.example/a.png?resize=1" data-lazy-src="https://img.example/a.png?x=1"'
            ' srcset="data:image/gif;base64,R0lGODlhAQABAAAAACw="><noscript>'
            '<img src="https://img.example/a.png?resize=1"></noscript></p>'
        )
        assert [i.url for i in body(html).images] == ["https://img.example/a.png?resize=1"]

    def test_lazy_image_without_src_uses_data_src(self) -> None:
        html = (
            '<p><img src="data:image/gif;base64,R0lGOD" data-src="https://img.example/b.jpg"></p>'
        )
        assert [i.url for i in body(html).images] == ["https://img.example/b.jpg"]

    def test_noscript_rescues_a_picture_the_lazy_img_lacks(self) -> None:
        html = '<p><img class="lazy"><noscript><img src="https://img.example/c.jpg"></noscript></p>'
        assert [i.url for i in body(html).images] == ["https://img.example/c.jpg"]

    def test_noscript_pictures_keep_their_order_among_others(self) -> None:
        html = (
            '<p><img src="https://img.example/1.jpg"><img class="lazy"><noscript>'
            '<img src="https://img.example/2.jpg"><img src="https://img.example/3.jpg"></noscript>'
            '说明文字<img src="https://img.example/4.jpg"><span class="lazy"></span>'
            '<noscript><img src="https://img.example/5.jpg"></noscript></p>'
        )
        assert [i.url.rsplit("/", 1)[1] for i in body(html).images] == [
            "1.jpg", "2.jpg", "3.jpg", "4.jpg", "5.jpg",
        ]  # fmt: skip

    def test_protocol_relative_and_relative_urls(self) -> None:
        html = '<img src="//img.example/d.jpg"><img src="/e.jpg">'
        urls = [i.url for i in body(html, base_url="https://site.example/post/1").images]
        assert urls == ["https://img.example/d.jpg", "https://site.example/e.jpg"]

    def test_furniture_is_not_content(self) -> None:
        html = (
            '<p>Text.</p><img src="https://m.example/_/stat?event=x" width="1" height="1">'
            '<img src="https://site.example/theme/icon-zoom.png">'
            '<div class="author-wrap"><a class="single-avatar"><img src="https://cdn.example/u.jpg"></a></div>'
            '<a href="https://site.example/category/series-x"><img src="https://cdn.example/banner.jpg"></a>'
            '<img src="https://cdn.example/real.jpg">'
        )
        assert [i.url for i in body(html).images] == ["https://cdn.example/real.jpg"]

    def test_unsafe_image_urls_are_dropped_with_a_warning(self) -> None:
        c = ctx()
        b = extract_html('<p>x</p><img src="java\tscript:alert(1)"><img src="data:text/html,x">', c)
        assert b.images == ()
        assert {w.code for w in c.warnings} == {"unsafe-url-dropped"}

    def test_control_characters_leave_image_urls(self) -> None:
        b = body('<img src="https://img.example/&#1;f.jpg" alt="a&#2;b">')
        assert [(i.url, i.alt) for i in b.images] == [("https://img.example/f.jpg", "ab")]


class TestCaptions:
    """Captions and credits, by the markup that carries them."""

    def test_figcaption_with_credit_label(self) -> None:
        html = '<figure><img src="https://i.example/1.jpg"><figcaption>河边的树（图源：某社）</figcaption></figure>'
        (img,) = body(html).images
        assert (img.caption, img.credit) == ("河边的树", "某社")

    def test_caption_that_is_only_a_credit(self) -> None:
        html = '<figure><img src="https://i.example/1.jpg"><figcaption>圖片來源：https://x.example/</figcaption></figure>'
        (img,) = body(html).images
        assert (img.caption, img.credit) == (None, "https://x.example/")

    def test_voa_small_caption_under_image_and_audio(self) -> None:
        html = (
            '<img src="https://i.example/v.jpg" width="100%"><div><small style="color:#999">图片说明文字</small></div>'
            '<audio src="https://av.example/a.mp3" controls></audio><div><small>节目标题</small></div><p>正文。</p>'
        )
        b = body(html)
        assert [i.caption for i in b.images] == ["图片说明文字"]
        assert [(m.kind, m.caption) for m in b.media] == [("audio", "节目标题")]
        assert b.paragraphs == ("正文。",)

    def test_rfa_lead_image_caption_and_copyright(self) -> None:
        html = (
            '<div><img src="https://r.example/@@images/x.jpeg"> <span class="lead_image_caption">一间办公室。</span>'
            '<div id="zoomattribute"><a href="#"><img src="https://r.example/img/icon-zoom.png"></a>'
            '<span class="copyright">路透</span></div><p>正文。</p></div>'
        )
        (img,) = body(html).images
        assert (img.caption, img.credit) == ("一间办公室。", "路透")

    def test_bbc_figure_credit_and_caption_labels(self) -> None:
        html = (
            '<figure><p><picture><img src="https://b.example/p.jpg" alt="x"></picture></p>'
            "<p>图像来源，Getty Images</p><figcaption>图像加注文字，<p>街上的行人</p></figcaption></figure>"
        )
        (img,) = body(html).images
        assert (img.caption, img.credit) == ("街上的行人", "Getty Images")

    def test_drupal_photo_credit_and_caption_blocks(self) -> None:
        html = (
            '<div class="views-row"><div><img src="https://c.example/f.jpg"></div>'
            '<div><div class="photo-credit">A. Person—Agency</div></div>'
            '<div><div class="photo-caption"><p>People in a square.</p></div></div></div>'
            '<div class="field-name-body"><p>The article text is long enough to be the body here.</p></div>'
        )
        (img,) = body(html).images
        assert (img.caption, img.credit) == ("People in a square.", "A. Person—Agency")

    def test_caption_figure_after_the_picture_block(self) -> None:
        html = (
            '<div class="container img"><div><img src="https://n.example/1.jpg"></div>'
            '<div><figure><figcaption><p class="aesop-cap-description">A caption.</p>'
            '<p class="aesop-cap-cred">Photo: Someone/Agency</p></figcaption></figure></div></div><p>Text.</p>'
        )
        b = body(html)
        assert [(i.caption, i.credit) for i in b.images] == [("A caption.", "Someone/Agency")]
        assert b.paragraphs == ("Text.",)

    def test_closing_title_image_line_captions_the_head_picture(self) -> None:
        html = '<img src="https://h.example/head.jpg"><p>正文。</p><p>题图为一座房子，来自：Photograph: A. B/Agency</p>'
        b = body(html)
        assert b.paragraphs == ("正文。",)
        assert (b.images[0].caption, b.images[0].credit) == ("题图为一座房子", "A. B/Agency")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("扎克伯格在演讲 图/法新社", ("扎克伯格在演讲", "法新社")),
            ("图片来源：美联社 / Reporters", (None, "美联社 / Reporters")),
            ("奥斯汀（1775—1817），来自：维基百科", ("奥斯汀（1775—1817）", "维基百科")),
            ("一句说明。（图源：视觉中国）", ("一句说明。", "视觉中国")),
            (
                "Photograph by Jane Doe/AFP via Getty Images",
                (None, "Jane Doe/AFP via Getty Images"),
            ),
            (
                "A leader speaks. Photo: A. Reporter/Reuters",
                ("A leader speaks.", "A. Reporter/Reuters"),
            ),
            ("Getty Images", (None, "Getty Images")),
            ("A. NAME/AFP via Getty Images", (None, "A. NAME/AFP via Getty Images")),
            ("某人（Some One）图源：某报", ("某人（Some One）", "某报")),
            ("截圖來源：https://x.example/", (None, "https://x.example/")),
            ("A man walks home, Beijing/AFP", ("A man walks home, Beijing/AFP", None)),
            ("文案策划/某人 音乐制作/某人", ("文案策划/某人 音乐制作/某人", None)),
            ("", (None, None)),
        ],
    )
    def test_split_credit(self, text: str, expected: tuple[str | None, str | None]) -> None:
        assert split_credit(text) == expected


class TestContentRoot:
    """Finding the article in page HTML, with its lead picture, standfirst and thread."""

    PAGE = (
        '<section id="content"><div class="node">'
        '<div class="field-name-field-image"><h2 class="element-invisible">pic.jpg</h2>'
        '<img src="https://p.example/lead.jpg"><div class="field-name-field-image-source">'
        "<a href='#'>广场上的人群 图/某社</a></div></div>"
        '<div class="field-name-title"><h1>标题</h1></div>'
        '<div class="field-name-author">文/ 某作者</div>'
        '<div class="abstract-wrap"><p class="abstract">导语一句话。</p></div>'
        '<div class="field-name-body"><p>第一段正文，是足够长的一段文字。</p><p>第二段正文。</p></div>'
        '<div class="related"><h2>您可能感兴趣的文章</h2><a href="/1">别的文章</a></div>'
        '<div id="comments" class="comment-wrapper"><div class="comment comment-by-anonymous">'
        '<p class="comment-time">星期日</p><div class="comment-text">spam spam</div>'
        '<ul class="links"><li class="comment-reply"><a href="#">回复</a></li></ul></div></div>'
        "</div></section>"
    )

    def test_drupal_page(self) -> None:
        b = body(self.PAGE, title="标题")
        assert b.paragraphs == ("导语一句话。", "第一段正文，是足够长的一段文字。", "第二段正文。")
        assert [(i.url, i.caption, i.credit) for i in b.images] == [
            ("https://p.example/lead.jpg", "广场上的人群", "某社")
        ]
        assert b.byline == "某作者"

    def test_author_thread_is_the_article(self) -> None:
        essay = "An argument that runs long enough to be an essay. " * 8
        html = (
            '<div><div class="content"><div class="field-name-body"><p>The editors frame the question.</p>'
            "</div></div>"
            '<div id="comments" class="comment-wrapper"><h2 class="title">Comments</h2>'
            '<article class="comment comment-by-node-author"><div class="node-profile">'
            '<div class="field-name-field-profile-photo"><img src="https://c.example/p1.png" width="220" height="220"></div>'
            f'<h3><a href="/contributors/a">Ann Author</a></h3></div><div class="field-name-comment-body"><p>{essay}</p></div></article>'
            '<article class="comment comment-by-node-author"><div class="node-profile">'
            f'<h3><a href="/contributors/b">Bo Writer</a></h3></div><div class="field-name-comment-body"><p>{essay}</p></div></article>'
            "</div></div>"
        )
        b = body(html)
        assert b.paragraphs[0] == "The editors frame the question."
        assert "Comments" not in b.paragraphs
        assert b.paragraphs[1:3] == ("Ann Author", essay.strip())
        assert b.byline == "Ann Author, Bo Writer"
        assert b.images == ()

    def test_wordpress_chrome(self) -> None:
        html = (
            '<article class="post"><header class="entry-header"><h1>T</h1><div class="entry-meta">'
            '<span class="byline">Poster</span> <time>2019-01-01</time> 0 Minutes</div></header>'
            '<div class="entry-content"><p>Article text that is long enough.</p>'
            '<div class="sharedaddy"><h3>共享此文章：</h3><a href="#">Twitter</a></div>'
            '<div id="jp-relatedposts" class="jp-relatedposts"><h3>相关</h3></div>'
            '<div class="code-block code-block-1"><div class="ad">ad</div></div></div>'
            '<footer class="entry-footer"><a href="/tag/x">x</a></footer></article>'
        )
        b = body(html)
        assert b.paragraphs == ("Article text that is long enough.",)
        assert b.byline == "Poster"

    def test_hidden_elements(self) -> None:
        html = '<p>Shown.</p><p style="display: none">Hidden.</p><span class="sr-only">Share</span><p hidden>Gone.</p>'
        assert paras(html) == ["Shown."]


class TestStructuralChrome:
    """Chrome recognised by its structure rather than its name."""

    def test_related_label_with_its_link_list(self) -> None:
        html = (
            '<div class="entry-content"><p>Body text of the story.</p>'
            '<section class="collection"><header><span>Related</span></header><ul>'
            '<li><a href="/a"><h2>Another story</h2></a></li><li><a href="/b"><h2>And another</h2></a></li>'
            "</ul></section></div>"
        )
        assert paras(html) == ["Body text of the story."]

    def test_inline_related_label_and_links(self) -> None:
        html = (
            "<div><p>正文最后一段。<br><br><strong>相关阅读：</strong></p>"
            '<h2><a href="/1">第一篇</a></h2><h2><a href="/2">第二篇</a></h2></div>'
        )
        assert paras(html) == ["正文最后一段。"]

    def test_inline_further_reading_with_own_words_is_kept(self) -> None:
        html = '<p>正文。</p><p><strong>延伸阅读：</strong><a href="/x">某篇</a><strong>，以及更多说明</strong></p>'
        assert paras(html) == ["正文。", "延伸阅读：某篇，以及更多说明"]

    def test_outlet_and_date_lockup(self) -> None:
        html = (
            '<div class="entry-content"><p class="blog-post__description">Standfirst.</p>'
            '<div class="container"><div><a class="x">Outlet Name</a></div><div><time>Dec 17th 2019</time></div></div>'
            f"<p>{LONG}</p></div>"
        )
        assert paras(html) == ["Standfirst.", LONG]

    def test_card_with_button(self) -> None:
        html = (
            f'<div class="entry-content"><p>{LONG}</p><div class="c1"><h2>Featured Writer</h2>'
            '<div><h3><a href="/w">Writer</a></h3><p>Bio line.</p><button>View</button></div></div></div>'
        )
        b = body(html)
        assert b.paragraphs == (LONG,)
        assert b.byline == "Writer"

    def test_linked_card_repeating_the_title(self) -> None:
        html = (
            '<div class="entry-content"><p>Body paragraph of the story, long enough.</p>'
            '<div class="card"><div><h1><a href="/self">The Story</a></h1><h3><a href="/self">Its deck</a></h3></div>'
            "<div>Outlet · Jul 31</div></div></div>"
        )
        assert paras(html, title="The Story") == ["Body paragraph of the story, long enough."]

    def test_teaser_box_inside_the_text(self) -> None:
        html = (
            '<div class="field-name-body"><p>First paragraph of the piece, with some length to it.</p>'
            '<div class="node cboxes"><div class="cb-head"><h3><a href="/s">Section</a></h3><span class="date">02.22.20</span></div>'
            '<div class="cb-img"><img src="https://t.example/teaser.jpg"></div>'
            '<h2><a href="/other">Another article</a></h2><div>Its summary...</div></div>'
            "<p>Second paragraph of the piece, also of some length.</p></div>"
        )
        b = body(html)
        assert b.paragraphs == (
            "First paragraph of the piece, with some length to it.",
            "Second paragraph of the piece, also of some length.",
        )
        assert b.images == ()

    def test_heading_only_card_after_the_text(self) -> None:
        html = (
            '<div class="entry-content"><p>Body paragraph of the story.</p>'
            '<div class="x"><img src="https://l.example/logo-ish.png"><h3>No More.</h3></div></div>'
        )
        b = body(html)
        assert b.paragraphs == ("Body paragraph of the story.",)
        assert b.images == ()

    def test_paywall_barrier(self) -> None:
        html = '<div class="entry-content"><p>Text.</p><div class="BarrierFailsafe__full"><h1>You hit the wall.</h1></div></div>'
        assert paras(html) == ["Text."]


class TestTails:
    """Promotional endings."""

    def test_rule_then_promo(self) -> None:
        html = "<p>最后一段。<br>———<br>微信搜索“某号”：关注我们</p>"
        assert paras(html) == ["最后一段。"]

    def test_standing_footer_with_links(self) -> None:
        html = (
            "<p>正文。</p><p><strong>每周一 18:00 某电台播出。<br></strong>亦可<a href='/l'>網路收聽</a>。"
            "歡迎加入<a href='/fb'>FB聽友小組</a>。</p>"
        )
        assert paras(html) == ["正文。"]

    def test_subscribe_call_with_its_link(self) -> None:
        html = "<p>正文。</p><p>欢迎订阅我们的邮件：</p><p><a href='https://s.example/x'>https://s.example/x</a></p>"
        assert paras(html) == ["正文。"]

    def test_trailing_orphan_heading(self) -> None:
        assert paras("<p>Text.</p><h3>MORE</h3>") == ["Text."]

    def test_video_description(self) -> None:
        html = (
            "<div>本集讲一段历史。－－－－－－－－訂閱頻道：https://www.youtube.com/channel/X/join"
            "歡迎透過PayPal支持：https://paypal.me/x－－－－－－#历史 #频道</div>"
        )
        got = paras(html, base_url="https://www.youtube.com/watch?v=abc")
        assert got == ["本集讲一段历史。"]

    def test_description_that_is_all_boilerplate(self) -> None:
        html = "<div>******欢迎订阅本台：https://www.youtube.com/channel/X ******激赏：https://www.paypal.me/x</div>"
        assert paras(html, base_url="https://www.youtube.com/watch?v=abc") == []

    def test_description_boilerplate_before_the_summary(self) -> None:
        text = "【加入会员】https://www.youtube.com/channel/X/join------视频内容：这一集解释一个问题。------推荐：https://youtu.be/y"
        assert clean_description(text) == "视频内容：这一集解释一个问题。"

    def test_hashtags_inside_prose_stay(self) -> None:
        text = "会上有人提到#某人，#另一人的后代，却没有提到第三人。"
        assert clean_description(text) == text


class TestMedia:
    """Players that belong to the article."""

    def test_youtube_iframe_is_video_and_its_fallback_is_not_text(self) -> None:
        html = '<p>在这里看：</p><p><iframe src="//www.youtube.com/embed/abc"><a href="#">YouTube</a></iframe></p>'
        b = body(html)
        assert [(m.kind, m.url) for m in b.media] == [
            ("video", "https://www.youtube.com/embed/abc")
        ]
        assert b.paragraphs == ("在这里看：",)

    def test_like_button_iframe_is_not_media(self) -> None:
        html = '<p>x</p><iframe src="https://cdn.embedly.com/widgets/media.html?src=https%3A%2F%2Fbutton.like.co%2Fin"></iframe>'
        assert body(html).media == ()

    def test_figure_player_takes_the_caption(self) -> None:
        html = '<figure class="embed-video"><iframe src="https://www.youtube.com/embed/v"></iframe><figcaption>表演现场</figcaption></figure>'
        assert [(m.kind, m.caption) for m in body(html).media] == [("video", "表演现场")]

    def test_audio_host_iframe(self) -> None:
        html = '<iframe src="https://w.soundcloud.com/player/?url=x"></iframe><p>t</p>'
        assert [m.kind for m in body(html).media] == ["audio"]


class TestRobustness:
    """Hostile shapes: nothing raises, nothing is lost silently."""

    def test_deep_nesting_is_flattened_with_a_note(self) -> None:
        c = ctx()
        html = "<p>开头</p>" + "<div>" * 5000 + "深处" + "</div>" * 5000 + "<p>结尾</p>"
        b = extract_html(html, c)
        assert b.paragraphs == ("开头", "深处", "结尾")
        assert [w.code for w in c.warnings] == ["html-too-deep"]

    def test_flatten_deep_leaves_normal_html_alone(self) -> None:
        html = "<div>" + "<p>x</p>" * 500 + "</div>"
        assert flatten_deep(html) is html

    def test_limit_attributes_leaves_real_tags_alone(self) -> None:
        # A long quoted value has many words but one attribute; srcset is long too.
        alt = "word " * 2000
        html = f'<img alt="{alt}" srcset="{"a.jpg 320w, " * 200}"><p>x</p>' * 3
        assert limit_attributes(html) == (html, 0)
        assert limit_attributes("<p>x</p>" * 500)[1] == 0

    @pytest.mark.parametrize(("count", "cut"), [(MAX_ATTRIBUTES, 0), (MAX_ATTRIBUTES + 1, 1)])
    def test_limit_attributes_boundary(self, count: int, cut: int) -> None:
        attributes = " ".join(f'data-a{i}="v"' for i in range(count))
        html = f"<p>前文</p><div {attributes}>正文</div><p>后文</p>"
        out, n = limit_attributes(html)
        assert n == cut
        assert out == (html if not cut else "<p>前文</p><div>正文</div><p>后文</p>")

    def test_attribute_bombs_keep_their_text_with_a_note(self) -> None:
        c = ctx()
        bomb = " ".join(f"a{i}" for i in range(5000))
        html = f"<p>开头</p><p {bomb}>中间</p><span {bomb}=1>结尾</span>"
        b = extract_html(html, c)
        assert b.paragraphs == ("开头", "中间", "结尾")
        assert [w.code for w in c.warnings] == ["html-attributes-dropped"]
        assert "2 tag(s)" in c.warnings[0].message

    def test_empty_and_garbage(self) -> None:
        assert body("") == Body()
        assert body("   ") == Body()
        assert body("<<<>>>").paragraphs == ()

    def test_markdown_body_and_unsafe_markdown_link(self) -> None:
        c = ctx()
        b = extract_markdown("# 标题二\n\n正文。\n\n![图](javascript:alert(1))\n", c)
        assert b.paragraphs == ("标题二", "正文。")
        assert "unsafe-url-dropped" in [w.code for w in c.warnings]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("<div>x</div>", True), ("<!-- c -->", True), ("plain text", False), ("# md", False)],
    )
    def test_looks_like_html(self, text: str, expected: bool) -> None:
        assert looks_like_html(text) is expected


class TestBylines:
    """Writers credited in the text."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("记者：甲乙 丙丁 责编：戊己", "甲乙 丙丁"),
            ("文/ 陈某编辑/方某", "陈某"),
            ("采写︱张某", "张某"),
            ("文案策划/秋某 音乐制作/某人", "秋某"),
            ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
            ("作者：某人（某大学教授）", "某人"),
            ("作者：某人 出版社：某出版社2020年版", None),
            ("这是一个普通的句子，提到记者的工作。", None),
        ],
    )
    def test_byline_in(self, line: str, expected: str | None) -> None:
        assert byline_in(line) == expected

    def test_find_byline_reads_only_the_edges(self) -> None:
        middle = ["正文。"] * 10
        assert find_byline([*middle, "记者：某甲"]) == "某甲"
        assert find_byline(["正文。"] * 4 + ["记者：某乙"] + ["正文。"] * 4) is None

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("文/ Anonymous (未验证)", None),
            ("某人 (Someone)", "某人"),
            ("  X  ", "X"),
            ("匿名", None),
        ],
    )
    def test_clean_name(self, raw: str, expected: str | None) -> None:
        assert clean_name(raw) == expected
