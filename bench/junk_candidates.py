"""List candidate junk in what newsparse keeps, so that a person sees the shapes of junk.

Usage::

    python bench/junk_candidates.py [CORPUS_DIR ...] [--class NAME] [--limit N]

With no directory it reads ``../shared/corpus/real`` and ``../shared/corpus/wide``. Every
file is parsed; then each kept paragraph (and the body HTML, for what the paragraphs do not
show) is looked at by classes of suspicion:

``repeated``
    short paragraphs (at most 60 characters) that recur in three or more files: standing
    footers, prompts and section labels repeat, article text does not;
``credit``
    short paragraphs among the first or last three that look like a credit line
    (``作者：``, ``来源：``, ``编辑 |``, ``文/``, ``By …``);
``footer``
    paragraphs with copyright marks, permalink/comment-count words, tag lists or plugin
    credits;
``image-adjacent``
    short paragraphs right after (or before) an ``<img>`` outside ``<figure>``: unclaimed
    captions;
``link-dense``
    kept paragraphs most of whose text is link text (cards, navigation);
``leftover``
    hashtag-only lines, ``null``/``undefined``, read-the-original/subscribe/follow prompts;
``glued``
    paragraphs that were many ``<br>``-separated lines in the source (a poem glued into one);
``fragment``
    files whose kept text is far less than the text of the body HTML;
``edge``
    the first and last paragraph of every file when short (for a person to scan).

Nothing is decided here: the listing is for reading. Counts per class come first.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

import newsparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [
    ROOT.parent / "shared" / "corpus" / "real",
    ROOT.parent / "shared" / "corpus" / "wide",
]

CREDIT = re.compile(
    r"^\s*(?:[【\[（(]?\s*)?(?:作者|来源|來源|记者|記者|责编|責編|责任编辑|責任編輯|编辑|編輯|排版|译者|譯者|"
    r"翻译|翻譯|文|图|圖|撰稿|撰文|摄影|攝影|校对|校對|审校|審校|出品|制作|製作|策划|策劃|监制|監製|"
    r"美编|美編|采访|採訪|整理)\s*[：:／/|｜丨]|^By\s+[A-Z]|^(?:Photo|Image|Credit|Source)s?\s*[:：]",
)
FOOTER = re.compile(
    r"©|copyright|版权所有|版權所有|版权声明|版權聲明|未经授权|未經授權|all rights reserved|"
    r"permalink|\bcomments?\b|post tags?|feed enhanced|tags?\s*[:：]|标签[:：]|標籤[:：]|"
    r"转载|轉載|原文链接|原文鏈接|阅读原文|閱讀原文",
    re.I,
)
LEFTOVER = re.compile(
    r"^(?:#\S+\s*)+$|^(?:null|undefined|none|nan)$|阅读原文|閱讀原文|read (?:the )?original|"
    r"subscribe|订阅|訂閱|follow us|关注我们|關注我們|扫码|掃碼|二维码|二維碼|点击|點擊|click here",
    re.I,
)
GLUE_MIN_BR = 6


def files(dirs: list[Path]) -> Iterator[Path]:
    for d in dirs:
        if not d.is_dir():
            print(f"skipping {d}: not a directory", file=sys.stderr)
            continue
        for p in sorted(d.iterdir()):
            if p.is_file() and p.name != "MANIFEST.tsv" and not p.name.endswith(".json"):
                yield p


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_facts(html: str) -> tuple[list[str], list[tuple[str, int]], list[str], int]:
    """Texts next to images outside figures, link-dense block texts, ``<br>``-glued blocks
    (text, number of breaks), and the body's total text size."""
    try:
        root = etree.HTML(html)
    except (etree.ParserError, ValueError):
        return [], [], [], 0
    if root is None:
        return [], [], [], 0
    for bad in root.iter("script", "style"):
        bad.text = ""
    near: list[str] = []
    glued: list[tuple[str, int]] = []
    dense: list[str] = []
    for img in root.iter("img"):
        if any(a.tag == "figure" for a in img.iterancestors()):
            continue
        holder = img
        while holder.getparent() is not None and not norm("".join(holder.getparent().itertext())):
            holder = holder.getparent()
        parent = holder.getparent()
        if (
            parent is not None
            and norm("".join(parent.itertext()))
            and len(norm("".join(parent.itertext()))) <= 120
        ):
            near.append(norm("".join(parent.itertext())))
        for sib in (holder.getnext(), holder.getprevious()):
            if sib is not None and isinstance(sib.tag, str):
                text = norm("".join(sib.itertext()))
                if 0 < len(text) <= 120:
                    near.append(text)
        tail = norm(holder.tail or "")
        if 0 < len(tail) <= 120:
            near.append(tail)
    for el in root.iter("p", "div", "li", "td", "section"):
        brs = sum(1 for c in el if c.tag == "br")
        text = norm("".join(el.itertext()))
        if brs >= GLUE_MIN_BR and len(text) >= 200:
            glued.append((text, brs))
        links = sum(len(norm("".join(a.itertext()))) for a in el.iter("a"))
        if el.tag in {"p", "li"} and 4 <= len(text) <= 300 and links >= 0.7 * len(text):
            dense.append(text)
    total = len("".join(norm("".join(root.itertext())).split()))
    return near, glued, dense, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--class", dest="only", help="print only this class")
    ap.add_argument("--limit", type=int, default=60, help="lines printed per class")
    args = ap.parse_args()
    dirs = args.dirs or DEFAULT_DIRS
    found: dict[str, list[str]] = collections.defaultdict(list)
    touched: dict[str, set[str]] = collections.defaultdict(set)
    short_lines: dict[str, set[str]] = collections.defaultdict(set)

    def hit(kind: str, name: str, text: str) -> None:
        found[kind].append(f"{name}\t{text[:160]}")
        touched[kind].add(name)

    for path in files(dirs):
        name = f"{path.parent.name}/{path.name}"
        try:
            art = newsparse.parse_file(path)
        except newsparse.NewsparseError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            continue
        paras = list(art.paragraphs)
        kept = set(paras)
        n = len(paras)
        for i, p in enumerate(paras):
            edge = i < 3 or i >= n - 3
            if len(p) <= 60:
                short_lines[p].add(name)
            if edge and len(p) <= 120 and CREDIT.search(p):
                hit("credit", name, f"[{i}/{n}] {p}")
            if len(p) <= 300 and FOOTER.search(p):
                hit("footer", name, f"[{i}/{n}] {p}")
            if len(p) <= 200 and LEFTOVER.search(p):
                hit("leftover", name, f"[{i}/{n}] {p}")
        if paras:
            for i in (0, n - 1):
                if len(paras[i]) <= 40:
                    hit("edge", name, f"[{i}/{n}] {paras[i]}")
        if art.html and "<" in art.html:
            near, glued, dense, total = html_facts(art.html)
            for text in near:
                if text in kept:
                    hit("image-adjacent", name, text)
            for text, brs in glued:
                key = "".join(text.split())
                # A long kept paragraph without line breaks, cut from a block of many <br>.
                if any(
                    len(p) >= 200 and "\n" not in p and "".join(p.split()) in key for p in paras
                ):
                    hit("glued", name, f"{brs} breaks: {text[:120]}")
            for text in dense:
                if text in kept:
                    hit("link-dense", name, text)
            kept_size = sum(len("".join(p.split())) for p in paras)
            if total >= 1500 and kept_size < 0.5 * total:
                hit("fragment", name, f"kept {kept_size} of {total} characters")
    for line, names in short_lines.items():
        if len(names) >= 3:
            found["repeated"].append(f"{len(names)} files\t{line}")
            touched["repeated"].update(names)
    found["repeated"].sort(key=lambda s: -int(s.split()[0]))
    print("class\tlines\tfiles")
    for kind in sorted(found):
        print(f"{kind}\t{len(found[kind])}\t{len(touched[kind])}")
    for kind in sorted(found):
        if args.only and kind != args.only:
            continue
        print(f"\n== {kind}")
        for line in found[kind][: args.limit]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
