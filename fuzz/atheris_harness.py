"""Coverage-guided fuzzing of :func:`newsparse.parse` with atheris (libFuzzer for Python).

Every input is parsed several ways (format detected and each format forced; lenient and
strict; as bytes and as text). An :class:`~newsparse.Article` or a
:class:`~newsparse.NewsparseError` is fine; anything else is a crash that libFuzzer
records, and so is a :class:`~newsparse.ParseError` with code ``"internal"`` (``parse``
wraps exceptions no parser anticipated that way), a hang past ``-timeout`` and memory past
``-rss_limit_mb``.

Run it from the repository root (see fuzz/README.md)::

    python fuzz/atheris_harness.py -max_total_time=600

Without a corpus directory on the command line, a seed corpus is generated in a
temporary directory from ``examples/`` and ``../shared/corpus/seeds`` (when present) plus
built-in documents of each format in several encodings; nothing is committed.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports(include=["newsparse"]):
    import newsparse
    from newsparse import Article, NewsparseError, ParseError

FORMATS = (None, "jekyll", "comment-header", "plaintext")
TEXT_MODE = os.environ.get("NEWSPARSE_FUZZ_TEXT", "1") != "0"
"""Also parse inputs as ``str`` (with lone surrogates); ``NEWSPARSE_FUZZ_TEXT=0`` turns it off."""
MAX_SEED = 64 * 1024

BUILTIN_SEEDS = [
    "<!--1715734743000-->\n[美中举行首次政府间人工智能对话](https://www.voachinese.com/a/1.html)\n"
    "------\n\n<div><i>Wed, 15 May 2024 00:48:57 GMT</i></div>"
    '<img src="https://e.org/a.jpg"><div><small>图说（路透）</small></div>'
    "<p>华盛顿 — 美国和中国政府官员星期二举行了对话。</p><p><strong>小标题</strong></p>"
    '<audio src="https://e.org/a.mp3" controls></audio><p>记者：张三</p>',
    '---\nlayout: post\ntitle: "微软回应中国区AI团队撤离"\ndate: 2024-05-16T07:34:54.218Z\n'
    "author: 自由亚洲电台\nfrom: https://www.rfa.org/mandarin/a-05162024023444.html\n"
    "tags: [ 自由亚洲电台 ]\ncomments: True\ncategories: [ 自由亚洲电台 ]\n---\n"
    "<!--NaN-->\n[微软回应中国区AI团队撤离](https://www.rfa.org/a.html)\n------\n\n"
    "<div><p>正文第一段。</p><p>记者：乾朗 责编：陈美华</p></div>\n",
    "---\ntitle: Markdown post\ndate: 2023-01-01\ntags: a b\n---\n# 标题\n\n正文 *强调* [链接](https://e.org)\n\n"
    "![图](https://e.org/x.png)\n\n- 列表\n- 项目\n",
    "🎬 YouTube Premium 家庭 Plan成員一位 只需\nHK$148/年!\n微軟呼籲特朗普阻止拜登的AI「禮物」給中國\n"
    "微軟正在推動特朗普政府改變拜登在離任前實施的出口管制。\n以上文章由AI機器翻譯及撰寫。\n",
    '---\ntitle: "unbalanced\ndate: 2024-13-45T99:00:00Z\n---\n<p>x</p>',
    "<!--NaN\n[t](javascript:alert(1))\n<p><script>x</script>&#0;&#xD800;</p>",
]


def _seed_texts() -> list[bytes]:
    seeds: list[bytes] = []
    for folder in (ROOT / "examples", ROOT.parent / "shared" / "corpus" / "seeds"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in {".txt", ".md", ".html", ".json"}:
                    if path.name.endswith(".expected.json"):
                        continue
                    seeds.append(path.read_bytes()[:MAX_SEED])
    for text in BUILTIN_SEEDS:
        for codec in ("utf-8", "utf-8-sig", "utf-16", "gb18030"):
            seeds.append(text.encode(codec, "replace"))
        seeds.append(text.encode("big5", "replace"))
        seeds.append(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    return seeds


def _make_corpus() -> str:
    folder = Path(tempfile.mkdtemp(prefix="newsparse-fuzz-corpus-"))
    for i, seed in enumerate(_seed_texts()):
        (folder / f"seed-{i:04d}").write_bytes(seed)
    return str(folder)


def _check(article: Article) -> None:
    # An Article must serialise and come back equal; a failure here is a bug too.
    if Article.from_dict(json.loads(article.to_json())) != article:
        raise AssertionError("to_dict/from_dict round trip changed the article")


def _parse(data: str | bytes, fmt: str | None, strict: bool) -> None:
    try:
        article = newsparse.parse(data, format=fmt, strict=strict)
    except ParseError as exc:
        if exc.code == "internal":
            raise AssertionError(f"internal error: {exc}") from exc.__cause__
        return
    except NewsparseError:
        return
    _check(article)


def test_one_input(data: bytes) -> None:
    """Parse ``data`` under a few settings chosen from its first byte."""
    if not data:
        _parse(data, None, False)
        return
    selector, body = data[0], data[1:]
    fmt = FORMATS[selector % len(FORMATS)]
    strict = bool(selector & 0x10)
    _parse(body, fmt, strict)
    if selector & 0x20 and TEXT_MODE:
        # Also as text: surrogates and all, the way a caller with a str would pass it.
        _parse(body.decode("utf-8", "surrogateescape"), fmt, strict)


def main() -> None:
    argv = list(sys.argv)
    has_corpus = any(not arg.startswith("-") for arg in argv[1:])
    if not has_corpus:
        argv.append(_make_corpus())
    defaults = {"-timeout=": "-timeout=20", "-rss_limit_mb=": "-rss_limit_mb=1024",
                "-max_len=": "-max_len=65536"}  # fmt: skip
    for prefix, option in defaults.items():
        if not any(arg.startswith(prefix) for arg in argv[1:]):
            argv.append(option)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
