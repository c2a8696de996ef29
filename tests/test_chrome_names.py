"""Chrome by name: the grouped class/id words decide exactly as the single pattern they replaced.

``OLD_CHROME_TOKEN`` is the pattern as it stood before the words were split into named groups
(``newsparse.body.chrome.CHROME_GROUPS``); it is kept here as the reference.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsparse.body._tree import measure_py
from newsparse.body.chrome import _CHROME_TOKEN, CHROME_GROUPS, remove_chrome_by_name
from tests.conftest import CORPUS
from tests.test_accel import pure_path

OLD_CHROME_TOKEN = re.compile(
    r"(?:^|[_-])(?:share|sharing|sharedaddy|social|related|relatedposts|jp-relatedposts|"
    r"advert|advertisement|ads|ad-slot|adsbygoogle|code-block|promo|newsletter|subscribe|"
    r"subscription|sidebar|widget|breadcrumbs?|pagination|pager|menu|navbar|navigation|"
    r"entry-meta|post-meta|article-meta|meta-info|entry-footer|post-footer|site-footer|"
    r"site-header|page-header|author-box|author-info|author-wrap|author-wrapper|"
    r"entry-author|author-bio|about-author|rdf-meta|submitted|screen-reader-text|"
    r"sr-only|visually-hidden|likes?|like-button|reactions|print|tags|tag-links|"
    r"cat-links|tagcloud|comment-respond|comment-form|respond|reply|login|signup|"
    r"cookie|popup|modal|toolbar|read-more|readmore|more-stories|recommend|recommended|"
    r"you-may-like|also-read|outbrain|taboola|disqus|copyright-notice|skip-link|logo|"
    r"service-links|paywall)(?:$|[_-])",
    re.IGNORECASE,
)

_OLD_WORDS = OLD_CHROME_TOKEN.pattern.split("(?:", 2)[2].split(")(?:$")[0].split("|")

# Tokens written for the rule: every word alone, in compounds, in other cases, glued into
# longer words (no match), and class names of real CMSs that are not chrome.
HAND_TOKENS = [
    *_OLD_WORDS,
    *(f"post-{w}" for w in _OLD_WORDS),
    *(f"{w}_box" for w in _OLD_WORDS),
    *(w.upper() for w in _OLD_WORDS),
    *(f"x{w}" for w in _OLD_WORDS),
    *(f"{w}s" for w in _OLD_WORDS),
    "breadcrumb", "breadcrumbs", "like", "likes", "likess", "share-bar", "ad-slot-2",
    "shared", "adsense", "headline", "entry-content", "post-body", "article__body",
    "sharedaddy", "jp-relatedposts-headline", "comment", "comments", "logo-no", "wp-caption",
    "menu-item", "the-menu", "metadata", "author", "print-only", "noprint", "",
    "-", "_", "--share--", "share_", "_share",
]  # fmt: skip


_ATTRIBUTE = re.compile(
    r"""(?<![\w-])(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I
)


def _tokens_of(text: str) -> set[str]:
    """The class and id tokens of a document (quoted or bare attribute values)."""
    tokens: set[str] = set()
    for m in _ATTRIBUTE.finditer(text):
        tokens.update((m[1] or m[2] or m[3] or "").split())
    return tokens


@cache
def _corpus_tokens() -> frozenset[str]:
    """Every class and id token of the corpus documents."""
    tokens: set[str] = set()
    for path in CORPUS.rglob("*"):
        if path.is_file() and path.suffix != ".json" and path.name != "MANIFEST.tsv":
            tokens |= _tokens_of(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(tokens)


def _decides_alike(token: str) -> bool:
    return (OLD_CHROME_TOKEN.search(token) is None) == (_CHROME_TOKEN.search(token) is None)


def _literal(word: str) -> list[str]:
    """An old word as the literal words it matched (``likes?``: ``like``, ``likes``)."""
    return [word[:-2], word[:-1]] if word.endswith("s?") else [word]


def test_the_groups_hold_the_old_words_once_each() -> None:
    words = [w for group in CHROME_GROUPS.values() for w in group]
    assert sorted(words) == sorted(w for old in _OLD_WORDS for w in _literal(old))
    assert len(set(words)) == len(words)
    assert all(w == w.lower() and w.isascii() for w in words)  # literal words, not patterns


@pytest.mark.parametrize("token", HAND_TOKENS)
def test_hand_written_tokens_decide_as_before(token: str) -> None:
    assert _decides_alike(token)


def test_the_hand_written_tokens_include_both_verdicts() -> None:
    hits = [t for t in HAND_TOKENS if _CHROME_TOKEN.search(t)]
    assert 0 < len(hits) < len(HAND_TOKENS)


def test_every_corpus_token_decides_as_before() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (it ships with the development checkout only)")
    tokens = _corpus_tokens()
    assert len(tokens) > 1000  # the corpus is real pages: thousands of class names
    differing = sorted(t for t in tokens if not _decides_alike(t))
    assert differing == []
    assert any(_CHROME_TOKEN.search(t) for t in tokens)


_PIECES = st.sampled_from([*_OLD_WORDS, "x", "post", "entry", "bar", "box", "Share", "AD", "s"])


@given(st.lists(st.tuples(_PIECES, st.sampled_from(["-", "_", "", "--"])), max_size=5))
def test_compound_tokens_decide_as_before(parts: list[tuple[str, str]]) -> None:
    token = "".join(word + sep for word, sep in parts)
    assert _decides_alike(token)


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("share-bar", "share"),
        ("sharedaddy", "share"),
        ("comment-respond", "comments"),
        ("breadcrumbs", "navigation"),
        ("ad-slot", "advertising"),
        ("newsletter-signup", "subscription"),
        ("jp-relatedposts", "related"),
        ("entry-footer", "footer"),
        ("entry-meta", "meta"),
        ("author-bio", "author"),
        ("sr-only", "hidden"),
        ("cookie-banner", "overlay"),
        ("site-header", "masthead"),
    ],
)
def test_a_match_names_its_kind_of_chrome(token: str, kind: str) -> None:
    m = _CHROME_TOKEN.search(token)
    assert m is not None and m.lastgroup == kind


def test_the_token_reader_reads_quoted_and_bare_values() -> None:
    # The corpus sweep above is only as good as its token reader.
    sample = """<div class="a  b" id='c'><p CLASS=d data-class="e"><i class = "f">"""
    assert _tokens_of(sample) == {"a", "b", "c", "d", "f"}


@pytest.mark.parametrize(
    ("attributes", "hidden"),
    [
        ("hidden", True),
        ('hidden="false"', True),  # a boolean attribute: present is hidden
        ('aria-hidden="true"', True),
        ('aria-hidden="TRUE"', False),  # only "true" hides
        ('aria-hidden="false"', False),
        ("", False),
    ],
)
def test_hidden_attributes_decide_alike_on_both_paths(attributes: str, hidden: bool) -> None:
    """Whether ``hidden``/``aria-hidden`` hide an element is decided in Python
    (``chrome._is_hidden``) from the attribute values both paths hand over."""
    html = f"<div><p>{'正文' * 60}</p><div {attributes}>多余的内容</div></div>"

    def kept() -> bool:
        root = etree.HTML(html).find(".//div")
        remove_chrome_by_name(root, measure_py(root))
        return "多余的内容" in "".join(root.itertext())

    assert kept() is not hidden  # the path in use (compiled when it is built)
    with pure_path():
        assert kept() is not hidden
