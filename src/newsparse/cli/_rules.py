"""``--rules RULES.json``: the default tables extended by a JSON file, for ``parse`` and ``show``."""

from __future__ import annotations

import argparse
import json
from typing import Final

from newsparse import ParseError, Rules
from newsparse._limits import MAX_CONFIG
from newsparse._reading import read_document

__all__ = ["RULES_HELP", "rules_file"]

RULES_HELP: Final = (
    "extend the default rules (sites, advertising and disclaimer lines) with this JSON file"
)


def rules_file(path: str) -> Rules:
    """The default rules extended by a JSON file (see :meth:`newsparse.Rules.with_config`).

    An argparse ``type``: what is wrong with the file becomes a usage error naming it.
    """
    try:
        config = json.loads(read_document(path, limit=MAX_CONFIG).decode("utf-8"))
    except ParseError as exc:  # cannot be read, not a regular file, or too large
        raise argparse.ArgumentTypeError(f"cannot read {path}: {exc.reason}") from None
    except ValueError as exc:  # not JSON, or not UTF-8
        raise argparse.ArgumentTypeError(f"{path} is not a JSON file: {exc}") from None
    try:
        return Rules.default().with_config(config)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{path}: {exc}") from None
