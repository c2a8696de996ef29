"""Per-parse state shared by the format parsers: where we are, and what was recovered from."""

from __future__ import annotations

import attrs

from newsparse.errors import ParseError
from newsparse.model import Format, ParseWarning
from newsparse.rules import DEFAULT_RULES, Rules


@attrs.define
class Context:
    """Collects warnings for one document; in strict mode the first defect raises instead."""

    format: Format
    source: str | None = None
    strict: bool = False
    warnings: list[ParseWarning] = attrs.Factory(list)
    rules: Rules = DEFAULT_RULES
    """The tunable tables of this parse (advertising lines, outlet domains…)."""

    def warn(self, code: str, message: str, line: int | None = None) -> None:
        """Record a recoverable defect, or raise :class:`ParseError` in strict mode."""
        if self.strict:
            raise ParseError(
                message, format=self.format.value, line=line, source=self.source, code=code
            )
        self.warnings.append(ParseWarning(code=code, message=message, line=line))

    def note(self, code: str, message: str, line: int | None = None) -> None:
        """Record something removed or decided on purpose; never raises, even in strict mode."""
        self.warnings.append(ParseWarning(code=code, message=message, line=line))

    def fail(self, code: str, message: str, line: int | None = None) -> ParseError:
        """Build the error for a defect beyond recovery (the caller raises it)."""
        return ParseError(
            message, format=self.format.value, line=line, source=self.source, code=code
        )
