"""The pre-checks of credit splitting skip only work whose answer they know.

:func:`~newsparse.body.captions.split_credit` runs ``_AGENCIES`` only on a text short
enough to be an agency, asks the compiled needles (or their Python loops) whether a label
may be in a text, and begins the ``_CREDIT_LABEL`` search where a label may open: each is
compared here with the plain regex on text built from what the rules read (labels, odd-case
letters, spaces of every kind, brackets, astral characters).
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse._text import _ODD_CASE
from newsparse.body import captions
from tests.test_pictures_fast import _CREDIT_TEXT


def _width(pattern: re.Pattern[str]) -> int:
    """The most characters a match of ``pattern`` may hold (the parser's own figure)."""
    parser = getattr(re, "_parser")  # noqa: B009 - the stdlib's parser, read in a test only
    return int(parser.parse(pattern.pattern, pattern.flags).getwidth()[1])


def test_the_longest_agency_is_the_patterns_width() -> None:
    assert _width(captions._AGENCIES) == captions._AGENCY_LONGEST
    assert captions._AGENCIES.match("Associated Press")
    assert captions._AGENCIES.match("ASSOCIATED PRESS")


@given(_CREDIT_TEXT)
@example("Associated Press")
@example("associated presS")
@example("Getty Images")
@example("路透社")
@example("AP")
@example("ap ")
@settings(max_examples=800)
def test_a_longer_text_is_no_agency(text: str) -> None:
    if len(text) > captions._AGENCY_LONGEST:
        assert captions._AGENCIES.match(text) is None


@given(_CREDIT_TEXT)
@example("A crowd. Photo: X")
@example("A photo of a crowd. Photo: X")
@example("A crowd (Photo: X)")
@example("A crowd, \u3000 图源：X")
@example("A crowd（ 图源：X）")
@example("图源：X")
@example(" Photo: X")
@example("(Photo: X")
@example("İmage: X")
@example("Courteſy of X")
@example("a\u0130 Photo: X")
@example("截圖來源：X")
@example("xPhoto: X")
@settings(max_examples=2000)
def test_the_label_search_begins_early_enough(text: str) -> None:
    fast, plain = captions._credit_label(text), captions._CREDIT_LABEL.search(text)
    assert (fast and (fast.span(), fast.groupdict())) == (
        plain and (plain.span(), plain.groupdict())
    )


@given(_CREDIT_TEXT)
@example("PHOTO")
@example("ſource")
@example("图")
@example("K")
@settings(max_examples=1000)
def test_the_label_needles_are_the_loops(text: str) -> None:
    low = text.lower()
    assert captions._held_label_word(low) == captions._held_label_word_py(low)
    assert captions._held_label_word(low) == any(word in low for word in captions._LABEL_WORDS)
    held = any(char in text for char in captions._ODD_OR_HANZI)
    assert bool(captions._held_odd_or_hanzi(text)) == held
    if not held:
        assert _ODD_CASE.search(text) is None
        assert not any(char in text for char in captions._LABEL_HANZI)


@given(st.text(alphabet=st.sampled_from("图圖来來摄攝截İıſKPpHhOoTt源：: "), max_size=12))
@settings(max_examples=600)
def test_a_text_without_a_label_opening_holds_no_label(text: str) -> None:
    if not captions._may_hold_label(text):
        assert captions._CREDIT_LABEL.search(text) is None
    fast, plain = captions._credit_label(text), captions._CREDIT_LABEL.search(text)
    assert (fast and fast.span()) == (plain and plain.span())


# What class and id names hold: the caption and credit words in any case, their pieces,
# odd-case letters (İ ı ſ K), separators and other characters.
_CLASS_PIECES = st.sampled_from(
    [
        "caption", "CAPTION", "Figcaption", "photo-caption", "image-caption", "img-caption",
        "wp-caption-text", "imgtext", "IMGTEXT", "pic-desc", "cap-description", "image-source",
        "img-source", "photo-source", "-source", "source", "copyright", "Credit", "cap-cred",
        "cap", "cred", "capt", "ion", "img", "pic", "desc", "text", "-", "_", " ", "\t", "\xa0",
        "\u0130", "\u0131", "\u017f", "\u212a", "wp-block-image", "size-large", "post-1",
    ]
)  # fmt: skip
_CLASSES = st.lists(st.one_of(_CLASS_PIECES, st.characters()), max_size=10).map("".join)


@given(_CLASSES)
@example("wp-caption-text")
@example("image-\u017fource")
@example("cap-cred\u0130")
@example("CREDIT")
@example("cr\u0130dit")
@settings(max_examples=1500)
def test_the_caseless_class_marks_are_the_token_regexes(classes: str) -> None:
    caption = captions._CAPTION_TOKEN.search(classes) is not None
    credit = captions._CREDIT_TOKEN.search(classes) is not None
    assert captions._CAPTION_CLASS.search(classes) == caption
    assert captions._CREDIT_CLASS.search(classes) == credit
    assert captions._CAPTION_OR_CREDIT.search(classes) == (caption or credit)
    assert captions._credit_classes(classes) == (credit and not caption)
