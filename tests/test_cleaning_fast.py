"""The shortcuts of block cleaning decide exactly as the plain rules they stand for.

Each fast path of :mod:`newsparse.body.cleaners`, :mod:`~newsparse.body.leftovers`,
:mod:`~newsparse.body.description` and :mod:`newsparse.byline` only skips work whose
result is already known; these properties compare it with the plain computation on text
built from the characters the rules read (and any others).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse.body._tree import _key
from newsparse.body.cleaners import _is_title, _title_span
from newsparse.body.description import _BULLETS, _SENTENCE_END, _SENTENCE_STOPS, _split_sentences

# Characters the sentence cuts read, letters of both cases, spaces, and anything else.
_SENTENCE_ALPHABET = st.sampled_from(
    [*_SENTENCE_STOPS, *_BULLETS, *"」』”’）)》〉", "a", "z", "A", "Q", ")", " ", "\n", "字"]
)
_SENTENCE_TEXT = st.lists(st.one_of(_SENTENCE_ALPHABET, st.characters()), max_size=40).map("".join)


@given(_SENTENCE_TEXT)
@example("")
@example("【a。【b")
@example("ok. Next... yes!? 【x】 ●y")
@settings(max_examples=600)
def test_sentence_split_is_the_regex_split(text: str) -> None:
    assert _split_sentences(text) == _SENTENCE_END.split(text)


_TITLE_ALPHABET = st.sampled_from([*"aAbB  _-,.!字文ΣσςİıſK\u0130\n", "1", "٣"])
_TITLE_TEXT = st.lists(st.one_of(_TITLE_ALPHABET, st.characters()), max_size=30).map("".join)


@given(_TITLE_TEXT, _TITLE_TEXT, st.integers(min_value=0, max_value=200))
@example("The Title", "The Title", 0)
@example("ΑΣ", "ΑΣ", 0)
@settings(max_examples=600)
def test_title_repeat_is_the_key_comparison(title: str, noise: str, repeat: int) -> None:
    key = _key(title)
    # The title itself, the title with more text (also longer than the span read first),
    # and unrelated text.
    for text in (title, title + noise, title + noise * repeat, noise, noise * repeat + title):
        assert _is_title(text, key) == (_key(text) == key)
    assert _title_span(key) > len(key)
