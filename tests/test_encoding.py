"""newsparse.encoding.decode: BOMs, UTF-8, damaged UTF-8, legacy Chinese codecs, overrides."""

from __future__ import annotations

import codecs
import random
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsparse
from newsparse import NewsparseError, ParseError
from newsparse.encoding import (
    _DECLARATION_SPAN,
    SAMPLE_SIZE,
    Decoded,
    _declared_encoding,
    decode,
)
from newsparse.textchecks import repair_text

# Our own sentences: simplified for GB codecs, traditional for Big5.
SIMPLIFIED = [
    "今天天气很好，我们去公园散步。",
    "国务院召开常务会议，研究进一步扩大内需的政策措施。",
    "记者从市政府获悉，新的地铁线路将于明年年底开通运营。",
    "北京发布新规",
    "专家认为，人工智能的发展既带来机遇，也带来新的风险和挑战。",
]
TRADITIONAL = [
    "今天天氣很好，我們去公園散步。",
    "立法院今天三讀通過修正案，行政院表示將盡快公布施行。",
    "記者從市政府獲悉，新的捷運路線將於明年年底開通營運。",
    "台灣選舉結果",
    "專家認為，人工智慧的發展既帶來機會，也帶來新的風險與挑戰。",
]
DOC = (
    "<!--1715734743000-->\n[国务院召开常务会议](https://example.org/news/1)\n------\n"
    "<p>会议指出，要进一步扩大国内需求，推动经济持续回升向好。</p>"
    "<p>会议强调，各地区各部门要抓好政策落实，确保取得实效。</p>\n"
)


def _problem_codes(decoded: Decoded) -> list[str]:
    return [code for code, _ in decoded.problems]


class TestUtf8:
    """Valid UTF-8 is the fast path, with no problem reported."""

    def test_ascii(self) -> None:
        assert decode(b"hello\nworld") == Decoded("hello\nworld", "utf-8", ())

    def test_chinese(self) -> None:
        result = decode(DOC.encode("utf-8"))
        assert result.text == DOC
        assert result.encoding == "utf-8"
        assert result.problems == ()

    def test_empty(self) -> None:
        assert decode(b"") == Decoded("", "utf-8", ())

    def test_literal_replacement_character_is_not_a_problem(self) -> None:
        text = "特朗普在5月中\ufffd"  # archives do contain U+FFFD as text
        assert decode(text.encode()) == Decoded(text, "utf-8", ())

    def test_nul_bytes_stay(self) -> None:
        # A few NULs are not a UTF-16 pattern; the parser, not the decoder, removes them.
        data = "标题\x00正文\x00".encode() + b"more ascii text here\x00"
        result = decode(data)
        assert result.encoding == "utf-8"
        assert result.text == data.decode("utf-8")


class TestByteOrderMarks:
    """A byte-order mark decides the codec; the mark itself is not text."""

    @pytest.mark.parametrize(
        ("bom", "codec", "name"),
        [
            (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
            (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
            (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
            (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
        ],
    )
    def test_each_bom(self, bom: bytes, codec: str, name: str) -> None:
        result = decode(bom + DOC.encode(codec))
        assert result.text == DOC
        assert result.encoding == name
        assert result.problems == ()
        # The reported codec decodes the same bytes to the same text.
        assert (bom + DOC.encode(codec)).decode(result.encoding) == DOC

    def test_bom_only(self) -> None:
        assert decode(codecs.BOM_UTF8).text == ""
        assert decode(codecs.BOM_UTF16_LE).text == ""

    def test_bom_wins_over_content(self) -> None:
        # GBK bytes behind a UTF-8 BOM: the BOM is believed, the bytes are reported.
        result = decode(codecs.BOM_UTF8 + "中文".encode("gbk"))
        assert result.encoding == "utf-8-sig"
        assert _problem_codes(result) == ["undecodable-bytes"]

    def test_truncated_utf16(self) -> None:
        data = codecs.BOM_UTF16_LE + "标题".encode("utf-16-le") + b"\x41"
        result = decode(data)
        assert result.encoding == "utf-16"
        assert result.text.startswith("标题")
        assert result.text.endswith("\ufffd")
        assert _problem_codes(result) == ["undecodable-bytes"]

    def test_utf16_be_literal_replacement_character_is_not_counted(self) -> None:
        data = codecs.BOM_UTF16_BE + "a\ufffdb".encode("utf-16-be")
        assert decode(data) == Decoded("a\ufffdb", "utf-16", ())


class TestWideUnicodeWithoutBom:
    """UTF-16 and UTF-32 without a mark are recognised by their NUL pattern."""

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
    def test_document(self, codec: str) -> None:
        result = decode(DOC.encode(codec))
        assert result == Decoded(DOC, codec, ())

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_ascii_only(self, codec: str) -> None:
        text = "---\ntitle: Hello\n---\nBody text.\n"
        assert decode(text.encode(codec)) == Decoded(text, codec, ())

    def test_all_nul_is_not_utf16(self) -> None:
        result = decode(b"\x00" * 1000)
        assert result.encoding == "utf-8"
        assert result.text == "\x00" * 1000


class TestDamagedUtf8:
    """UTF-8 with a few invalid sequences stays UTF-8, with U+FFFD and a problem."""

    def test_invalid_bytes_in_the_middle(self) -> None:
        data = DOC.encode()
        cut = data.index("推动".encode())
        data = data[:cut] + b"\xff\xfe\xc3\x28" + data[cut:]
        result = decode(data)
        assert result.encoding == "utf-8"
        assert "\ufffd\ufffd\ufffd(推动经济" in result.text
        assert result.text.replace("\ufffd\ufffd\ufffd(", "") == DOC
        assert _problem_codes(result) == ["undecodable-bytes"]
        assert result.problems[0][1].startswith("3 undecodable byte sequences")

    def test_truncated_in_the_middle_of_a_character(self) -> None:
        data = DOC.encode()
        data = data[: data.index("持续".encode()) + 1]
        result = decode(data)
        assert result.encoding == "utf-8"
        assert result.text.endswith("推动经济\ufffd")
        assert result.problems[0][1].startswith("1 undecodable byte sequence ")

    def test_short_text_with_one_bad_byte(self) -> None:
        result = decode("Hello 世界".encode() + b"\xff")
        assert result == Decoded(
            "Hello 世界\ufffd",
            "utf-8",
            (
                (
                    "undecodable-bytes",
                    "1 undecodable byte sequence replaced with U+FFFD (decoded as utf-8)",
                ),
            ),
        )

    def test_literal_and_inserted_replacements_are_told_apart(self) -> None:
        data = "前\ufffd后".encode() * 20 + b"\x80"
        result = decode(data)
        assert result.encoding == "utf-8"
        assert result.problems[0][1].startswith("1 undecodable")


class TestLegacyChinese:
    """GB18030/GBK and Big5 are told apart by how Chinese the decoded text reads."""

    @pytest.mark.parametrize("sentence", SIMPLIFIED)
    @pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
    def test_short_simplified(self, sentence: str, codec: str) -> None:
        result = decode(sentence.encode(codec))
        assert result == Decoded(sentence, "gb18030", ())

    @pytest.mark.parametrize("sentence", TRADITIONAL)
    def test_short_traditional_big5(self, sentence: str) -> None:
        result = decode(sentence.encode("big5"))
        assert result.text == sentence
        assert result.encoding in {"big5", "cp950", "big5hkscs"}
        assert result.problems == ()

    def test_document_gbk(self) -> None:
        assert decode(DOC.encode("gbk")) == Decoded(DOC, "gb18030", ())

    def test_document_big5(self) -> None:
        doc = "\n".join(["<!--1715734743000-->", "[台灣選舉結果](https://example.org/a)", "------"])
        doc += "".join(f"<p>{s}</p>" for s in TRADITIONAL)
        assert decode(doc.encode("big5")) == Decoded(doc, "big5", ())

    def test_gb18030_four_byte_characters(self) -> None:
        text = "今天的新闻：表情😀和扩展字𠀀都在这里。"
        assert decode(text.encode("gb18030")) == Decoded(text, "gb18030", ())

    def test_big5_hkscs_characters(self) -> None:
        text = "佢哋話啲嘢好好食，我哋一齊去飲茶。今天天氣很好，我們去公園散步。"
        result = decode(text.encode("big5hkscs"))
        assert result == Decoded(text, "big5hkscs", ())

    def test_big5_with_cp950_only_character(self) -> None:
        text = "今天天氣很好，我們去公園散步。價格是100€。"
        result = decode(text.encode("cp950"))
        assert result == Decoded(text, "cp950", ())

    def test_gbk_with_a_corrupted_byte(self) -> None:
        data = ("会议指出，要进一步扩大内需，推动经济持续回升向好。" * 20).encode("gbk")
        data = data[:101] + b"\xff" + data[101:]
        result = decode(data)
        assert result.encoding == "gb18030"
        assert "会议指出" in result.text
        assert result.text.count("\ufffd") >= 1
        assert _problem_codes(result) == ["undecodable-bytes"]

    def test_chinese_after_a_long_ascii_prefix(self) -> None:
        # Detection samples from the first non-ASCII byte, not from the start.
        prefix = "---\ntitle: x\n" + "".join(f"key{i}: value {i}\n" for i in range(8000)) + "---\n"
        assert len(prefix) > SAMPLE_SIZE
        text = prefix + "".join(s + "\n" for s in SIMPLIFIED)
        assert decode(text.encode("gbk")) == Decoded(text, "gb18030", ())

    def test_sample_boundary_does_not_split_a_character(self) -> None:
        # Longer than the sample, with the sample's end inside a two-byte character.
        text = "x" + "".join(SIMPLIFIED) * 2000
        data = text.encode("gbk")
        assert len(data) > SAMPLE_SIZE
        assert decode(data) == Decoded(text, "gb18030", ())

    def test_rare_characters_in_gb18030(self) -> None:
        # No common character to vouch for the reading, but every byte decodes into Han.
        doc = "<!--0-->\n[0](https://example.org/0)\n------\n"
        doc += "<p>丂丬乃乩亮</p>\n<p>丩丬丬乃乓亮</p>\n<p>丮乃丬乓乩亮</p>\n"
        assert decode(doc.encode("gb18030")) == Decoded(doc, "gb18030", ())

    @pytest.mark.parametrize(
        "data",
        [bytes(range(128, 256)) * 4, "Привет мир, как дела? Это тест.".encode("cp1251")],
        ids=["high-bytes", "cyrillic"],
    )
    def test_no_clean_han_reading_for_other_bytes(self, data: bytes) -> None:
        assert decode(data).encoding != "gb18030"

    def test_big5_document_larger_than_the_sample(self) -> None:
        text = "".join(TRADITIONAL) * 3000
        assert decode(text.encode("big5")) == Decoded(text, "big5", ())


class TestOtherLegacy:
    """Non-Chinese legacy text goes to charset-normalizer, limited to ASCII-safe codecs."""

    def test_cp1252(self) -> None:
        text = "Café résumé naïve – “quotes” déjà vu, sagte der Bürgermeister."
        assert decode(text.encode("cp1252")) == Decoded(text, "cp1252", ())

    def test_shift_jis(self) -> None:
        text = "日本語のテキストです。東京都は晴れ、明日は雨の予報です。"
        result = decode(text.encode("shift_jis"))
        assert result.text == text
        assert result.encoding in {"shift_jis", "cp932"}

    @pytest.mark.parametrize("data", [b"\xff", b"\x80", b"\x81\x30", b"ab\xfe", b"\xe4\xb8"])
    def test_tiny_inputs(self, data: bytes) -> None:
        result = decode(data)
        assert codecs.lookup(result.encoding).name == result.encoding
        assert len(result.text) <= len(data)
        if data.startswith(b"ab"):
            assert result.text.startswith("ab")

    def test_random_binary(self) -> None:
        data = random.Random(5).randbytes(100_000)
        result = decode(data)
        assert result.encoding == "utf-8"
        assert _problem_codes(result) == ["undecodable-bytes"]
        assert result.text == data.decode("utf-8", "replace")


class TestDeclaredEncoding:
    """A declared encoding is believed after the bytes fail to settle it, unless they
    contradict it; it outranks only charset-normalizer's guess."""

    # Our own sentences, in scripts whose legacy codecs statistics tell apart poorly.
    TEXTS: ClassVar[dict[str, str]] = {
        "iso8859-2": "Zażółć gęślą jaźń, powiedział burmistrz.",
        "cp1250": "Zażółć gęślą jaźń, powiedział burmistrz.",
        "iso8859-7": "Καλημέρα κόσμε, είπε ο δήμαρχος.",
        "cp1253": "Καλημέρα κόσμε",
        "koi8-r": "Привет, мир! Это короткий тест.",
        "shift_jis": "日本語のテキストです。",
    }

    @pytest.mark.parametrize("codec", sorted(TEXTS))
    @pytest.mark.parametrize(
        "declaration",
        [
            '<meta charset="{}">',
            "<META CHARSET={}>",
            '<meta http-equiv="Content-Type" content="text/html; charset={}">',
            '<?xml version="1.0" encoding="{}"?>',
        ],
    )
    def test_declared_codec_is_used(self, codec: str, declaration: str) -> None:
        text = f"{declaration.format(codec)}\n<p>{self.TEXTS[codec]}</p>\n"
        assert decode(text.encode(codec)) == Decoded(text, codec, ())

    def test_declaration_after_the_header_lines(self) -> None:
        text = (
            "<!--1715734743000-->\n[Titel](https://example.org/a)\n------\n"
            '<meta charset="iso-8859-2"><p>Zażółć gęślą jaźń.</p>\n'
        )
        assert decode(text.encode("iso8859-2")).encoding == "iso8859-2"

    def test_latin1_label_means_windows_1252(self) -> None:
        # As browsers read it: the C1 bytes of such pages are windows-1252 quotes and dashes.
        text = '<meta charset="iso-8859-1"><p>“quoted” – dash</p>'
        assert decode(text.encode("cp1252")) == Decoded(text, "cp1252", ())

    @pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk"])
    def test_gb_labels_mean_gb18030(self, label: str) -> None:
        # 镕 and 啰 are GBK characters outside GB2312: a page labelled GB2312 holds them.
        data = f'<meta charset="{label}"><p>朱镕基啰</p>'.encode("gbk")
        assert _declared_encoding(data, data) == "gb18030"

    def test_contradicted_declaration_is_ignored(self) -> None:
        # cp1252 bytes are not valid Shift_JIS: the bytes win.
        text = (
            '<meta charset="shift_jis"><p>Café résumé naïve – déjà vu, sagte der Bürgermeister.</p>'
        )
        assert decode(text.encode("cp1252")) == Decoded(text, "cp1252", ())

    def test_bytes_beat_the_label_for_chinese(self) -> None:
        # A Chinese page labelled with a single-byte codec (which decodes anything).
        text = '<meta charset="windows-1252"><p>' + "".join(SIMPLIFIED) + "</p>"
        assert decode(text.encode("gbk")) == Decoded(text, "gb18030", ())

    def test_stale_declaration_in_utf8(self) -> None:
        # An archived page re-encoded to UTF-8 keeps its old <meta charset>.
        text = '<meta charset="big5"><p>' + "".join(TRADITIONAL) + "</p>"
        assert decode(text.encode("utf-8")) == Decoded(text, "utf-8", ())

    @pytest.mark.parametrize(
        "label", ["rot13", "idna", "utf-7", "hex", "no-such-codec", "utf-8", "utf-16"]
    )
    def test_unusable_declaration_is_ignored(self, label: str) -> None:
        text = (
            f'<meta charset="{label}"><p>Café résumé naïve – déjà vu, sagte der Bürgermeister.</p>'
        )
        assert decode(text.encode("cp1252")).encoding == "cp1252"

    def test_declaration_past_the_span_is_not_read(self) -> None:
        text = " " * _DECLARATION_SPAN + '<meta charset="iso-8859-2"><p>Zażółć gęślą jaźń.</p>'
        assert _declared_encoding(text.encode("iso8859-2"), b"") is None

    @pytest.mark.timeout(60)
    def test_hostile_meta_soup_is_bounded(self) -> None:
        data = b"<meta " * 200_000 + "Zażółć".encode("iso8859-2")
        assert decode(data).text.startswith("<meta <meta ")


class TestOverride:
    """``encoding=`` skips detection; undecodable bytes are still reported."""

    def test_gbk(self) -> None:
        assert decode("中文新闻".encode("gbk"), encoding="GBK") == Decoded("中文新闻", "gbk", ())

    def test_names_are_normalised(self) -> None:
        assert decode(b"abc", encoding="UTF8").encoding == "utf-8"
        assert decode(b"abc", encoding="latin1").encoding == "iso8859-1"
        assert decode(b"abc", encoding="Big5").encoding == "big5"

    def test_override_is_believed_over_detection(self) -> None:
        # GBK bytes read as Big5 on request: mojibake, but what was asked for.
        data = "国务院召开常务会议".encode("gbk")
        result = decode(data, encoding="big5")
        assert result.encoding == "big5"
        assert result.text == data.decode("big5", "replace")

    def test_undecodable_bytes_with_override(self) -> None:
        result = decode("中文".encode("gbk"), encoding="utf-8")
        assert result.text == "\ufffd" * 4
        assert _problem_codes(result) == ["undecodable-bytes"]

    def test_bom_is_dropped_with_override(self) -> None:
        assert decode(codecs.BOM_UTF8 + b"abc", encoding="utf-8").text == "abc"
        assert (
            decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le"), encoding="utf-16-le").text
            == "ab"
        )

    @pytest.mark.parametrize(
        "name",
        ["no-such-codec", "", "base64", "rot13", "zlib", "hex", "idna", "punycode", "utf-8\x00"],
    )
    def test_unknown_or_non_text_codec(self, name: str) -> None:
        with pytest.raises(ParseError) as info:
            decode(b"abc", encoding=name)
        assert isinstance(info.value, NewsparseError)
        assert isinstance(info.value, ValueError)
        assert info.value.code == "unknown-encoding"
        assert repr(name) in str(info.value)


class TestThroughTheApi:
    """parse() and parse_file() use decode and report the codec on Article.encoding."""

    def test_parse_gbk_bytes(self) -> None:
        article = newsparse.parse(DOC.encode("gbk"))
        assert article.title == "国务院召开常务会议"
        assert article.encoding == "gb18030"
        assert article.warnings == ()

    def test_parse_declared_legacy_bytes(self) -> None:
        doc = (
            "<!--1715734743000-->\n[Nowy most](https://example.org/pl/1)\n------\n"
            '<meta charset="iso-8859-2"><p>Zażółć gęślą jaźń, powiedział burmistrz.</p>\n'
        )
        article = newsparse.parse(doc.encode("iso8859-2"))
        assert article.encoding == "iso8859-2"
        assert article.paragraphs == ("Zażółć gęślą jaźń, powiedział burmistrz.",)
        assert article.warnings == ()

    def test_parse_str_has_no_encoding(self) -> None:
        assert newsparse.parse(DOC).encoding is None

    def test_parse_override(self) -> None:
        article = newsparse.parse(DOC.encode("gbk"), encoding="gbk")
        assert article.encoding == "gbk"
        assert article.title == "国务院召开常务会议"

    def test_parse_unknown_override(self) -> None:
        with pytest.raises(ParseError, match="unknown text encoding"):
            newsparse.parse(DOC.encode(), encoding="klingon")

    def test_parse_file_override(self, tmp_path: Path) -> None:
        path = tmp_path / "big5.txt"
        doc = "<!--1715734743000-->\n[台灣選舉結果](https://example.org/a)\n------\n<p>今天天氣很好。</p>"
        path.write_bytes(doc.encode("big5"))
        assert newsparse.parse_file(path).encoding == "big5"
        article = newsparse.parse_file(path, encoding="cp950")
        assert article.encoding == "cp950"
        assert article.title == "台灣選舉結果"

    def test_undecodable_bytes_become_a_warning(self) -> None:
        data = DOC.encode()
        data = data.replace("推动".encode(), b"\xff" + "推动".encode())
        article = newsparse.parse(data)
        assert [w.code for w in article.warnings] == ["undecodable-bytes"]
        with pytest.raises(ParseError) as info:
            newsparse.parse(data, strict=True)
        assert info.value.code == "undecodable-bytes"


class TestRepairText:
    """Lone surrogates in str input become U+FFFD, like undecodable bytes."""

    def test_clean_text_is_unchanged(self) -> None:
        text = "今天天气很好 \ufffd 😀"
        repaired, problems = repair_text(text)
        assert repaired is text
        assert problems == ()

    def test_lone_surrogates(self) -> None:
        repaired, problems = repair_text("a\udcaeb\ud800\udfffc")
        assert repaired == "a\ufffdb\ufffd\ufffdc"
        assert problems == (("lone-surrogates", "3 lone surrogates replaced with U+FFFD"),)
        repaired.encode("utf-8")  # now writable


SEED_CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"]


@given(text=st.text(max_size=200), codec=st.sampled_from(SEED_CODECS))
@settings(max_examples=200, deadline=None)
def test_unicode_codecs_round_trip(text: str, codec: str) -> None:
    """Text encoded with a BOM-carrying or UTF-8 codec decodes back exactly."""
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:  # lone surrogates
        return
    if codec == "gb18030" and any(ord(c) > 0x7F for c in text):
        return  # legacy detection is a judgement, not a round trip: see the tests above
    if codec in {"utf-8", "gb18030"} and "\x00" in text:
        return  # without a mark, ASCII with NULs between may well be UTF-16
    if codec == "utf-16" and text.startswith("\x00"):
        return  # FF FE 00 00 is the UTF-32-LE mark: the two readings are the same bytes
    expected = text[1:] if text.startswith("\ufeff") and codec == "utf-8" else text
    result = decode(data)
    assert result.text == expected
    assert result.problems == ()


@given(data=st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_decode(data: bytes) -> None:
    """Never raises; the codec name is normalised and re-decoding gives the same text."""
    result = decode(data)
    assert isinstance(result.text, str)
    assert codecs.lookup(result.encoding).name == result.encoding
    again = data.decode(result.encoding, "replace")
    assert result.text in {again, again[1:]}
    if "\ufffd" not in result.text:
        assert result.problems == ()
    assert all(code == "undecodable-bytes" for code, _ in result.problems)


@given(
    sentences=st.lists(st.sampled_from(SIMPLIFIED), min_size=1, max_size=8),
    codec=st.sampled_from(["gbk", "gb18030"]),
)
@settings(max_examples=100, deadline=None)
def test_any_simplified_text_in_gbk(sentences: list[str], codec: str) -> None:
    text = "\n".join(sentences)
    assert decode(text.encode(codec)) == Decoded(text, "gb18030", ())


@given(sentences=st.lists(st.sampled_from(TRADITIONAL), min_size=1, max_size=8))
@settings(max_examples=100, deadline=None)
def test_any_traditional_text_in_big5(sentences: list[str]) -> None:
    text = "\n".join(sentences)
    assert decode(text.encode("big5")) == Decoded(text, "big5", ())


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["utf-8", "damaged-utf-8", "gbk", "big5", "binary"])
def test_20mb_decodes_without_hanging(kind: str) -> None:
    unit = "".join(SIMPLIFIED) + "\n"
    if kind == "big5":
        data = ("".join(TRADITIONAL) + "\n").encode("big5")
    elif kind == "gbk":
        data = unit.encode("gbk")
    elif kind == "binary":
        data = random.Random(1).randbytes(1 << 16)
    else:
        data = unit.encode()
    data = data * (20_000_000 // len(data) + 1)
    if kind == "damaged-utf-8":
        data = data[:10_000_001] + b"\xff" + data[10_000_001:]
    result = decode(data)
    assert len(result.text) > 5_000_000
    expected = {"damaged-utf-8": "utf-8", "gbk": "gb18030", "binary": "utf-8"}.get(kind, kind)
    assert result.encoding == expected
