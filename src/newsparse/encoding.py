"""Decoding input bytes to text: BOMs, UTF-8, then detection for legacy Chinese encodings.

:func:`decode` turns the bytes of a document into text and says which codec it used. It
tries, in order, and stops at the first that fits:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE): the mark is definitive;
2. UTF-16 or UTF-32 without a mark, when the NUL bytes fall in the pattern ASCII text
   leaves in those encodings;
3. strict UTF-8 (the fast path: nearly every file);
4. UTF-8 with a few invalid sequences: when valid multi-byte characters outnumber the
   invalid sequences many times over, it is UTF-8 that was damaged, not another codec;
5. the Chinese legacy codecs, GB18030 (a superset of GBK and GB2312) and Big5 (with its
   CP950 and HKSCS variants): each decodes a sample, and the one whose text is made of
   common Chinese characters and punctuation wins, so Big5 bytes are not mistaken for
   GB18030 (which accepts nearly any byte pair) nor GBK bytes for Big5;
6. an encoding the document declares (``<?xml encoding=…?>``, ``<meta charset>``, found
   by Beautiful Soup's :class:`~bs4.dammit.EncodingDetector`, the detector behind
   ``UnicodeDammit``), when the bytes do not contradict it: it must be a text codec that
   reads ASCII as ASCII and decode the sample with at most 2% undecodable characters;
7. charset-normalizer on a bounded sample, limited to legacy codecs a news archive
   plausibly holds (all of which read ASCII as ASCII), for whatever else the file may be;
   when it finds nothing, a Chinese reading that is clearly better than chance (text read
   out of step after a damaged byte) is still taken, and so is a reading with no
   undecodable byte that is nearly all Han ideographs or CJK punctuation (rare characters score
   low on the common-character test);
8. UTF-8 with replacement characters, as the last resort (random binary ends here).

Bytes that the chosen codec cannot decode become U+FFFD, and the count is reported as a
``("undecodable-bytes", message)`` problem that the parser turns into a warning. What the
decoded text may still hold that no text field should (lone surrogates, runs of control
characters) is checked in :mod:`newsparse.textchecks`, for text given as ``str`` too.

Detection only ever looks at bounded samples (at most :data:`SAMPLE_SIZE` bytes), and the
full input is decoded once or twice by C codecs, so time is linear in the size of the
input. A declaration inside the document is weighed only after the bytes have failed to
settle the question (step 6): archives re-encode pages to UTF-8 and keep their old
``<meta charset>``, mirrored Chinese pages often declare the wrong GB or Big5 variant, and
a declaration could name a codec that is slow or not a text encoding at all. The bytes are
better evidence; the declaration outranks only charset-normalizer's statistical guess,
which is weakest on short Latin, Greek or Cyrillic texts.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from typing import Final

import attrs
import charset_normalizer

from newsparse.errors import ParseError

__all__ = [
    "SAMPLE_SIZE",
    "Decoded",
    "decode",
]

SAMPLE_SIZE: Final = 64 * 1024
"""The most bytes that encoding detection reads (the whole input is decoded afterwards)."""

_NUL_SAMPLE: Final = 4096
_BOMS: Final = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_CODECS: Final = frozenset(name for _, name in _BOMS)
# Valid multi-byte characters needed per invalid sequence to call damaged input UTF-8.
_UTF8_VALID_PER_INVALID: Final = 8
# Or valid characters of three or four bytes (CJK) needed per invalid sequence.
_UTF8_WIDE_PER_INVALID: Final = 2
_WIDE_CHAR: Final = re.compile("[\u0800-\ufffc\ufffe-\U0010ffff]")
# Share of non-ASCII characters that must be common Chinese characters or punctuation
# for a legacy Chinese codec to be believed.
_CHINESE_MIN_SCORE: Final = 0.25
# Share of non-ASCII characters that may be undecodable for a legacy codec (a detected
# Chinese one or a declared one) to be believed.
_MAX_ERROR_RATE: Final = 0.02
# Below the minimum but above this (chance gives about 0.03), Chinese still wins when
# charset-normalizer has nothing better to offer.
_CHINESE_FALLBACK_SCORE: Final = 0.1
# A legacy Chinese reading with no undecodable byte whose non-ASCII characters are nearly
# all Han ideographs is still believed when nothing else fits (rare characters score low on
# the common-character test, but random or foreign bytes do not decode cleanly into Han).
_HAN_SHARE: Final = 0.95
_HAN_MIN_CHARS: Final = 4
_HAN: Final = re.compile(
    "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e\U00020000-\U0003134f]"
)
# Codecs that are not document encodings, or whose decoders are super-linear.
_REFUSED_CODECS: Final = frozenset({"idna", "punycode"})

_HIGH_BYTE: Final = re.compile(rb"[\x80-\xff]")
# The ~520 most frequent Chinese characters, simplified and (position by position) traditional.
_COMMON_SIMPLIFIED: Final = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过"
    "发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前"
    "开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重"
    "并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常"
    "先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报"
    "才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼"
    "书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术"
    "领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失"
    "转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技"
    "际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显"
    "吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投"
    "某案黑维革划敢"
)
_COMMON_TRADITIONAL: Final = (
    "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過"
    "發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前"
    "開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重"
    "並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常"
    "先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報"
    "才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼"
    "書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術"
    "領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根幹造言聯持組每濟車親極林服快辦議往元英士證近失"
    "轉夫令準布始怎呢存未遠叫臺單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技"
    "際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯"
    "吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投"
    "某案黑維革劃敢裏着"
)
_CJK_PUNCTUATION: Final = "，。、；：？！“”‘’「」『』（）《》〈〉【】—…·　"
_COMMON_CHINESE: Final = frozenset(_COMMON_SIMPLIFIED + _COMMON_TRADITIONAL + _CJK_PUNCTUATION)

# What charset-normalizer may choose from: legacy codecs a news archive plausibly holds, all
# of which read ASCII as ASCII (EBCDIC, UTF-7 and the like would garble the markup).
_PLAUSIBLE_LEGACY: Final = (
    "gb18030",
    "big5",
    "cp950",
    "big5hkscs",
    "shift_jis",
    "cp932",
    "euc_jp",
    "cp949",
    "euc_kr",
    "cp1252",
    "cp1251",
    "koi8_r",
)
# How far into the input a declared encoding is looked for (an XML declaration opens the
# document; a <meta charset> sits in the <head>, after any front matter and header lines).
_DECLARATION_SPAN: Final = 4096
# Labels that name a codec differently from Python, as the WHATWG Encoding Standard maps
# them: pages labelled Latin-1 or ASCII are windows-1252 (C1 bytes are its quotes and
# dashes), and pages labelled GB2312 or GBK use the whole of GB18030's two-byte range.
_DECLARED_ALIASES: Final = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
}
# Candidate legacy codecs, by family: the first in a family that decodes best is used.
_CHINESE_FAMILIES: Final = (("gb18030",), ("big5", "cp950", "big5hkscs"))


@attrs.frozen
class Decoded:
    """Text decoded from bytes, the codec used, and (code, message) problems met.

    .. versionadded:: 0.1.0
    """

    text: str
    """The decoded text, without a byte-order mark."""
    encoding: str
    """The codec's normalised name (:func:`codecs.lookup` ``.name``), e.g. ``"utf-8"``,
    ``"utf-8-sig"``, ``"utf-16"``, ``"gb18030"``, ``"big5"``. Decoding the same bytes
    with it gives the same text."""
    problems: tuple[tuple[str, str], ...] = ()
    """``(code, message)`` pairs, e.g. ``("undecodable-bytes", "3 undecodable …")``."""


def decode(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode ``data``, detecting its encoding unless ``encoding`` names one.

    Never raises for any ``data``: bytes that cannot be decoded become U+FFFD and are
    reported in :attr:`Decoded.problems` with code ``"undecodable-bytes"``.

    Args:
        data: the raw document.
        encoding: a codec name to use instead of detection (any alias Python knows,
            e.g. ``"gbk"``, ``"big5"``, ``"utf-16-le"``).

    Returns:
        The text, the normalised name of the codec used, and the problems met.

    Raises:
        ParseError: ``encoding`` is not a text encoding Python knows (code
            ``"unknown-encoding"``).

    .. versionadded:: 0.1.0
    """
    if encoding is not None:
        codec = _lookup_override(encoding)
        try:
            return _decode_with(data, codec)
        except (UnicodeError, LookupError, ValueError, TypeError) as exc:
            # A codec that rejects the "replace" handler, or one that is not a decoder at all.
            raise ParseError(
                f"cannot decode the input as {codec}: {exc}", code="unknown-encoding"
            ) from exc

    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, codec)

    wide = _sniff_wide_unicode(data)
    if wide is not None:
        return _decode_with(data, wide)

    try:
        return Decoded(_strip_bom(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass

    text = data.decode("utf-8", "replace")
    invalid = _inserted_replacements(text, data, "utf-8")
    if _looks_like_damaged_utf8(text, invalid):
        return Decoded(_strip_bom(text), "utf-8", _problems(invalid, "utf-8"))

    sample = _sample(data)
    chinese, score = _guess_chinese(sample)
    if chinese is not None and score >= _CHINESE_MIN_SCORE:
        found: str | None = chinese
    else:
        found = _declared_encoding(data, sample) or _guess_charset_normalizer(sample)
        if found is None and chinese is not None and score >= _CHINESE_FALLBACK_SCORE:
            # Chinese read out of step after a damaged byte: still far better than chance.
            found = chinese
        if found is None:
            found = _clean_han_reading(sample)
    if found is not None:
        try:
            return _decode_with(data, found)
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass  # a detector's pick that cannot decode after all: fall through to UTF-8
    return Decoded(_strip_bom(text), "utf-8", _problems(invalid, "utf-8"))


def _lookup_override(encoding: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        raise ParseError(
            f"unknown text encoding {encoding!r}: use a codec name such as 'utf-8', 'gb18030'"
            " or 'big5'",
            code="unknown-encoding",
        )
    return info.name


def _decode_with(data: bytes, codec: str) -> Decoded:
    name = codecs.lookup(codec).name
    text = data.decode(name, "replace")
    invalid = _inserted_replacements(text, data, name)
    if name not in _BOM_CODECS:
        text = _strip_bom(text)  # these codecs consume one mark themselves
    return Decoded(text, name, _problems(invalid, name))


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _problems(invalid: int, codec: str) -> tuple[tuple[str, str], ...]:
    if invalid <= 0:
        return ()
    plural = "" if invalid == 1 else "s"
    return (
        (
            "undecodable-bytes",
            f"{invalid} undecodable byte sequence{plural} replaced with U+FFFD"
            f" (decoded as {codec})",
        ),
    )


def _inserted_replacements(text: str, data: bytes, codec: str) -> int:
    """Count the U+FFFD that decoding inserted, not those the input already held."""
    found = text.count("\ufffd")
    if not found:
        return 0
    if codec in {"utf-16", "utf-32"}:
        # These read the byte order from the mark; count literal U+FFFD in that order.
        big = data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
        codec = f"{codec}-{'be' if big else 'le'}"
    try:
        # Encoding "" gives the byte-order mark alone, if the codec writes one.
        marker = "\ufffd".encode(codec)[len("".encode(codec)) :]
    except (UnicodeError, LookupError):
        return found
    literal = data.count(marker) if marker else 0
    return max(found - literal, 0)


def _looks_like_damaged_utf8(text: str, invalid: int) -> bool:
    """Tell UTF-8 with a few invalid sequences from another codec read as UTF-8.

    Legacy bytes read as UTF-8 form a valid two-byte sequence now and then (about one per
    four invalid ones for GBK) but seldom a valid three- or four-byte one (one per fifty);
    real UTF-8 text has many valid characters per damaged one.
    """
    valid = _non_ascii_count(text) - invalid
    if valid >= _UTF8_VALID_PER_INVALID * invalid:
        return True
    if not valid:
        return False
    _, wide = _WIDE_CHAR.subn("", text)
    return wide >= _UTF8_WIDE_PER_INVALID * invalid


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _sniff_wide_unicode(data: bytes) -> str | None:
    """Recognise BOM-less UTF-32 or UTF-16 by where ASCII text leaves its NUL bytes."""
    head = data[:_NUL_SAMPLE]
    size = len(head) - len(head) % 4
    if size < 8 or head.count(0) < size // 20:
        return None
    head = head[:size]
    quarters = size // 4
    nul4 = [head[i::4].count(0) / quarters for i in range(4)]
    if nul4[2] > 0.9 and nul4[3] > 0.9 and nul4[0] < 0.1:
        return "utf-32-le"
    if nul4[0] > 0.9 and nul4[1] > 0.9 and nul4[3] < 0.1:
        return "utf-32-be"
    halves = size // 2
    even = head[0::2].count(0) / halves
    odd = head[1::2].count(0) / halves
    # ASCII leaves a NUL beside every character; CJK characters seldom have a zero byte.
    if odd >= 0.1 and even <= odd / 8:
        codec = "utf-16-le"
    elif even >= 0.1 and odd <= even / 8:
        codec = "utf-16-be"
    else:
        return None
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return None  # unpaired surrogates: not UTF-16 after all
    return codec


def _sample(data: bytes) -> bytes:
    """Take up to :data:`SAMPLE_SIZE` bytes from the line of the first non-ASCII byte.

    A line start is a character boundary in every encoding this reaches (UTF-16 and
    UTF-32 are settled earlier, and no GB18030 or Big5 trail byte is a newline).
    """
    match = _HIGH_BYTE.search(data)
    start = 0 if match is None else data.rfind(b"\n", 0, match.start()) + 1
    return data[start : start + SAMPLE_SIZE]


def _decode_sample(sample: bytes, codec: str) -> str:
    # An incremental decoder that is not told the input ends leaves a character the
    # sample cut in half undecoded, instead of counting it as an error.
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    return str(decoder.decode(sample, final=False))


def _chinese_score(text: str) -> tuple[float, float]:
    """Return (share of common characters, share of errors) among non-ASCII characters."""
    non_ascii = _non_ascii_count(text)
    if not non_ascii:
        return 0.0, 0.0
    common = sum(1 for char in text if char in _COMMON_CHINESE)
    return common / non_ascii, text.count("\ufffd") / non_ascii


def _declared_encoding(data: bytes, sample: bytes) -> str | None:
    """Return the codec the document declares, if the sample bears it out.

    The declaration is looked for in the first :data:`_DECLARATION_SPAN` bytes (a bounded
    search, whatever the input). It is used when it names a text codec that reads ASCII as
    ASCII and decodes ``sample`` with at most 2% of its non-ASCII characters undecodable;
    a label naming UTF-8 or UTF-16 is ignored, as those were ruled out before this step.
    """
    # Imported here: Beautiful Soup costs about 75 ms to import, and only input that is
    # neither UTF-8 nor readable Chinese comes this far.
    from bs4.dammit import EncodingDetector

    try:
        label = EncodingDetector.find_declared_encoding(
            data[:_DECLARATION_SPAN], is_html=True, search_entire_document=True
        )
    except Exception:  # a detector's failure must not become ours
        return None
    if not label:
        return None
    label = label.strip().lower()
    codec = _usable_codec([_DECLARED_ALIASES.get(label, label)])
    if codec is None or codec.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    text = _decode_sample(sample, codec)
    non_ascii = _non_ascii_count(text)
    if non_ascii and text.count("\ufffd") / non_ascii > _MAX_ERROR_RATE:
        return None
    return codec


def _guess_chinese(sample: bytes) -> tuple[str | None, float]:
    """Return the GB18030 or Big5 variant under which the sample reads most as Chinese.

    Returns ``(codec, score)``, the score being the share of common Chinese characters and
    punctuation among the non-ASCII characters; ``(None, 0.0)`` when every candidate meets
    too many undecodable bytes.
    """
    best: tuple[str | None, float] = (None, 0.0)
    for family in _CHINESE_FAMILIES:
        scored = [(_chinese_score(_decode_sample(sample, codec)), codec) for codec in family]
        # Within a family, the variant with the fewest errors (the first on a tie).
        (score, error_rate), codec = min(scored, key=lambda item: item[0][1])
        if error_rate <= _MAX_ERROR_RATE and score > best[1]:
            best = (codec, score)
    return best


def _clean_han_reading(sample: bytes) -> str | None:
    """Return the first legacy Chinese codec that decodes ``sample`` cleanly into Han text.

    Clean means no undecodable byte at all, at least :data:`_HAN_MIN_CHARS` non-ASCII
    characters, and at least :data:`_HAN_SHARE` of them Han ideographs or CJK punctuation: text made of rare
    characters, which the common-character score cannot vouch for.
    """
    for family in _CHINESE_FAMILIES:
        for codec in family:
            text = _decode_sample(sample, codec)
            if "\ufffd" in text:
                continue
            non_ascii = _non_ascii_count(text)
            if non_ascii >= _HAN_MIN_CHARS and len(_HAN.findall(text)) >= _HAN_SHARE * non_ascii:
                return codec
    return None


def _guess_charset_normalizer(sample: bytes) -> str | None:
    """Ask charset-normalizer about the sample; ``None`` when it finds no text encoding."""
    try:
        match = charset_normalizer.from_bytes(sample, cp_isolation=list(_PLAUSIBLE_LEGACY)).best()
    except Exception:  # a detector's failure must not become ours
        return None
    if match is None:
        return None
    return _usable_codec([match.encoding])


def _usable_codec(names: Iterable[str]) -> str | None:
    for name in names:
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        if (
            getattr(info, "_is_text_encoding", True)
            and info.name not in _REFUSED_CODECS
            and _reads_ascii_as_ascii(info.name)
        ):
            return info.name
    return None


_ASCII_PROBE: Final = bytes(range(0x20, 0x7F)) + b"\t\r\n"


def _reads_ascii_as_ascii(codec: str) -> bool:
    try:
        return _ASCII_PROBE.decode(codec) == _ASCII_PROBE.decode("ascii")
    except (UnicodeError, LookupError):
        return False
