"""A figure's caption lines: an element whose line would surely be longer than
``MAX_CAPTION`` is passed over without joining its text (``captions._surely_too_long``).

The check is a lower bound on the normalised line's length, so it must never pass over a
line the plain rule would read: the properties compare ``_figure_caption`` with the check
and without it (every figure joined line by line, as before) on generated figures, and
a deeply nested figure around a long text is read with its text joined a bounded number
of times (before the check, once per level: minutes for a few megabytes).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse.body import captions
from newsparse.body._tree import _parse

from .test_accel import PARITY, pure_path

PIECES = st.sampled_from(
    ["字", "a", " ", "\n", "\u3000", "\u200b", "\xad", "\x07", "图片来源：", "Getty Images", "。"]
)
TEXT = st.lists(PIECES, max_size=40).map("".join)
INLINE = st.sampled_from(["span", "em", "b", "a", "p", "div", "small"])


@st.composite
def figure(draw: st.DrawFn) -> str:
    """A ``<figure>`` with a picture and nested lines whose text is near MAX_CAPTION long."""
    scale = draw(st.sampled_from([1, 15, 40]))

    def line(depth: int) -> str:
        tag = draw(INLINE)
        text = draw(TEXT) * scale
        inner = line(depth - 1) if depth and draw(st.booleans()) else ""
        tail = draw(TEXT)
        return f"<{tag}>{text}{inner}</{tag}>{tail}"

    lines = "".join(line(draw(st.integers(0, 6))) for _ in range(draw(st.integers(1, 4))))
    caption = "<figcaption>" + draw(TEXT) + "</figcaption>" if draw(st.booleans()) else ""
    return f"<figure><img src='https://o.com/x.jpg'>{lines}{caption}</figure>"


def _figure_of(html: str) -> Any:
    root, _ = _parse(f"<html><body>{html}</body></html>")
    return next(root.iter("figure"))


def _read(html: str, *, checked: bool) -> tuple[str | None, str | None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(captions, "_FEW_DESCENDANTS", 0 if checked else 10**9)
        return captions._figure_caption(_figure_of(html))


@PARITY
@given(figure())
def test_the_check_passes_over_only_lines_too_long_to_read(html: str) -> None:
    assert _read(html, checked=True) == _read(html, checked=False)
    with pure_path():
        assert _read(html, checked=True) == _read(html, checked=False)


@pytest.mark.parametrize("text", ["字" * 601, " 字" * 601, "\u200b字" * 601])
def test_a_line_over_the_limit_is_found_by_the_count(text: str) -> None:
    figure = _figure_of(f"<figure><img src='x.jpg'><span><b>{text}</b></span></figure>")
    found = captions._surely_too_long(list(figure.iterdescendants()))
    assert {el.tag for el in found} == {"span", "b"}


def test_a_line_of_white_space_and_invisible_characters_is_not_counted() -> None:
    text = "字" * 600 + " \u3000\n\u200b\xad\x07" * 300
    figure = _figure_of(f"<figure><img src='x.jpg'><span>{text}</span></figure>")
    assert captions._surely_too_long(list(figure.iterdescendants())) == set()


def test_a_deeply_nested_figure_joins_its_text_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    depth, size = 190, 50_000
    html = "<figure><img src='x.jpg'>" + "<span>" * depth + "字" * size + "</span>" * depth
    html += "<span>图片来源：Getty Images</span></figure>"
    joined: list[int] = []
    normalize_line = captions.normalize_line

    def counting(text: str) -> str:
        joined.append(len(text))
        return normalize_line(text)

    monkeypatch.setattr(captions, "normalize_line", counting)
    caption, credit = captions._figure_caption(_figure_of(html))
    assert credit == "Getty Images"
    assert caption is None
    # Without the check each of the 190 levels joined the whole text: 190 × 50,000.
    assert sum(joined) < 2 * size
