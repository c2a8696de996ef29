"""``newsparse show``: one article laid out for a person to read."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import unicodedata
from typing import Any

from newsparse import Article, ParseError, parse_many
from newsparse.cli._console import encodable, say
from newsparse.cli._inputs import STDIN
from newsparse.cli._options import add_parse_options
from newsparse.cli._parse import parse_stdin
from newsparse.cli._status import EXIT_FAILED, EXIT_OK, UsageError

__all__ = ["register", "render", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``newsparse show``."""
    path: str = args.file
    if path != STDIN and not os.path.lexists(path):
        raise UsageError(f"newsparse: error: no such file or directory: {path}")
    if os.path.isdir(path):
        raise UsageError(f"newsparse: error: show takes one file, not a directory: {path}")
    if path == STDIN:
        result = parse_stdin(args.format, args.strict, args.rules)
    else:
        result = next(parse_many([path], format=args.format, strict=args.strict, rules=args.rules))
    if result.article is None:
        error = result.error
        named = isinstance(error, ParseError) and error.source is not None
        say(f"newsparse: {'' if named else path + ': '}{error}")
        return EXIT_FAILED
    sys.stdout.write(encodable(render(result.article), sys.stdout))
    return EXIT_OK


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _when(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S %Z").rstrip()


def render(article: Article) -> str:
    """Lay ``article`` out as plain text for a person to read (what ``show`` prints).

    Args:
        article: the article to show.

    Returns:
        The text, ending with a newline.

    .. versionadded:: 0.1.0
    """
    lines: list[str] = []
    title = article.title or "(untitled)"
    lines += [title, "=" * max(3, _width(title))]

    fields: list[tuple[str, str]] = []
    if article.url:
        fields.append(("URL", article.url))
    if article.published is not None:
        where = f" (from {article.date_source})" if article.date_source else ""
        fields.append(("Published", _when(article.published) + where))
    if article.archived is not None:
        fields.append(("Archived", _when(article.archived)))
    if article.author:
        fields.append(("Author", article.author))
    if article.byline and article.byline != article.author:
        fields.append(("Byline", article.byline))
    if article.site:
        fields.append(("Site", article.site))
    if article.tags:
        fields.append(("Tags", ", ".join(article.tags)))
    if article.categories:
        fields.append(("Categories", ", ".join(article.categories)))
    fields.append(("Format", article.format.value))
    if article.source:
        fields.append(("Source", article.source))
    label_width = max(len(label) for label, _ in fields) + 2
    lines += [f"{label + ':':<{label_width}}{value}" for label, value in fields]

    for paragraph in article.paragraphs:
        lines += ["", paragraph]
    if not article.paragraphs:
        lines += ["", "(no text)"]

    if article.images:
        lines += ["", f"Images ({len(article.images)}):"]
        for n, image in enumerate(article.images, 1):
            lines.append(f"  [{n}] {image.url}")
            for label, value in (
                ("caption", image.caption),
                ("credit", image.credit),
                ("alt", image.alt),
            ):
                if value and (label != "alt" or value != image.caption):
                    lines.append(f"      {label}: {value}")
    if article.media:
        lines += ["", f"Media ({len(article.media)}):"]
        for n, media in enumerate(article.media, 1):
            lines.append(f"  [{n}] {media.kind}: {media.url}")
            if media.caption:
                lines.append(f"      caption: {media.caption}")
    if article.warnings:
        lines += ["", f"Warnings ({len(article.warnings)}):"]
        for warning in article.warnings:
            where = f"line {warning.line}: " if warning.line is not None else ""
            lines.append(f"  - {where}{warning.message} [{warning.code}]")
    return "\n".join(lines) + "\n"


def register(commands: Any) -> argparse.ArgumentParser:
    """Add ``show`` to the subcommands."""
    s: argparse.ArgumentParser = commands.add_parser(
        "show",
        help="print one article for a person to read",
        description="Print one article for a person to read.",
    )
    s.add_argument("file", metavar="FILE", help="the file, or - for stdin")
    add_parse_options(s, strict_help="fail on the first defect")
    s.set_defaults(run=run)
    return s
