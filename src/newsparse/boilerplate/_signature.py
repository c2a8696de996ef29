"""How a block of text becomes the keys it is counted under.

A block (a paragraph or a caption) is first **masked**: NFKC-normalised, case-folded, its
URLs, e-mail addresses, ``@handles``, numbers, and month and weekday names replaced by
placeholders, its whitespace collapsed. ``© 2020年德国之声版权声明`` and ``© 2021年德国之声版权声明``
mask to the same text, ``© <n>年德国之声版权声明``.

The masked text gives two kinds of key:

exact
    a hash of the whole masked text: the block recurs word for word, up to the masked
    details.
fuzzy
    for masked texts of at least :data:`FUZZY_MIN_CHARS` characters, :data:`BANDS` hashes
    of a MinHash signature over the text's character trigrams, taken
    :data:`ROWS_PER_BAND` minima at a time (locality-sensitive hashing). Two blocks that
    share most of their trigrams (a footer whose author name and tags change from post to
    post) share at least one band key with high probability; two unrelated blocks almost
    never do. Band keys find the templates while learning; applying also compares a
    block's trigrams with the template's example directly (:func:`similarity`), which
    does not miss a variant that happened to share no band.

Every hash here is stable across processes and platforms (``zlib.crc32`` and BLAKE2b, never
Python's salted ``hash``), so a model learnt on one machine applies on another.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from typing import Final

__all__ = [
    "BANDS",
    "FUZZY_MIN_CHARS",
    "ROWS_PER_BAND",
    "exact_key",
    "fuzzy_keys",
    "identity",
    "letters",
    "mask",
    "similarity",
    "trigrams",
]

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
"""Bounded repeats: an unbounded local part would be retried from every position of a long
word without an ``@`` (quadratic time)."""
_HANDLE = re.compile(r"(?<![\w@])@[\w.-]+")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b\.?")
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"<(?:url|email|@|n|month)>")

FUZZY_MIN_CHARS: Final = 16
"""Masked texts shorter than this get no fuzzy keys: a short line is either the same or not."""
ROWS_PER_BAND: Final = 3
"""MinHash values per band: two blocks share a band with probability about J³, for the
Jaccard similarity J of their trigram sets (0.7 gives 0.34 per band, 0.3 gives 0.027)."""
BANDS: Final = 4
"""Bands per block: two blocks with J = 0.7 share at least one of four with probability
0.81, two with J = 0.3 with probability 0.10."""
_SEEDS: Final = tuple((0x9E3779B1 * (2 * i + 1)) & 0xFFFFFFFF for i in range(ROWS_PER_BAND * BANDS))
_MASK32: Final = 0xFFFFFFFF


def mask(text: str) -> str:
    """Return ``text`` with its per-article details replaced by placeholders.

    >>> mask("© 2020年德国之声版权声明：详见 https://dw.com/a?id=7")
    '© <n>年德国之声版权声明:详见 <url>'
    >>> mask("Posted by @alice on Monday, March 3, 2021")
    'posted by <@> on <month>, <month> <n>, <n>'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _URL.sub("<url>", folded)
    if "@" in folded:
        folded = _EMAIL.sub("<email>", folded)
        folded = _HANDLE.sub("<@>", folded)
    folded = _NUMBER.sub("<n>", folded)
    folded = _MONTH.sub("<month>", folded)
    return _SPACE.sub(" ", folded).strip()


def letters(masked: str) -> int:
    """How many letters (any script) a masked text holds outside its placeholders."""
    return sum(1 for ch in _PLACEHOLDER.sub("", masked) if ch.isalpha())


def _digest(data: str) -> str:
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def exact_key(masked: str) -> str:
    """The key of a masked text as a whole, spaces ignored (``链接： <url>`` and
    ``链接：<url>`` are the same line): 16 hex digits."""
    return _digest(masked.replace(" ", ""))


def trigrams(masked: str) -> frozenset[int]:
    """The character trigrams of a masked text (spaces ignored), as stable 32-bit hashes."""
    compact = masked.replace(" ", "")
    return frozenset(
        zlib.crc32(compact[i : i + 3].encode("utf-8", "surrogatepass"))
        for i in range(len(compact) - 2)
    )


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """The Jaccard similarity of two trigram sets (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def fuzzy_keys(masked: str) -> tuple[str, ...]:
    """The band keys of a masked text's trigram MinHash (empty for a short text)."""
    if len(masked.replace(" ", "")) < FUZZY_MIN_CHARS:
        return ()
    grams = trigrams(masked)
    minima = [min(((g ^ seed) * 0x01000193) & _MASK32 for g in grams) for seed in _SEEDS]
    return tuple(
        _digest(
            f"{band}:"
            + ",".join(map(str, minima[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]))
        )
        for band in range(BANDS)
    )


def identity(url: str | None, title: str) -> int:
    """One 64-bit number for an article: 32 bits of its URL (its title when it has none) and
    32 bits of its title, so that copies sharing either can be told apart from new articles."""
    norm_title = _SPACE.sub(" ", unicodedata.normalize("NFKC", title)).strip().casefold()
    norm_url = (url or "").strip().rstrip("/").casefold() or "title:" + norm_title
    url_bits = zlib.crc32(norm_url.encode("utf-8", "surrogatepass"))
    title_bits = zlib.crc32(norm_title.encode("utf-8", "surrogatepass"))
    return (url_bits << 32) | title_bits
