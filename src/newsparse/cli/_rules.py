"""``--rules RULES.json``: the default tables extended by a JSON file, for ``parse`` and ``show``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Final

from newsparse import Rules

__all__ = ["RULES_HELP", "rules_file"]

RULES_HELP: Final = (
    "extend the default rules (sites, advertising and disclaimer lines) with this JSON file"
)


def rules_file(path: str) -> Rules:
    """The default rules extended by a JSON file (see :meth:`newsparse.Rules.with_config`).

    An argparse ``type``: what is wrong with the file becomes a usage error naming it.
    """
    try:
        config = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # not JSON, or not UTF-8
        raise argparse.ArgumentTypeError(f"{path} is not a JSON file: {exc}") from None
    try:
        return Rules.default().with_config(config)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{path}: {exc}") from None
