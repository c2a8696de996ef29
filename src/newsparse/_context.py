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
    visible: bool = False
    """Whether the text handed to the parser is known to hold no invisible character
    (:func:`~newsparse._text.clean_invisible` removes nothing from it, nor from any part
    of it): :func:`newsparse.parse` finds out on its first look at the text, and the body
    extraction then skips the cleaning of an HTML body taken from it."""
    no_cr: bool = False
    """Whether the text handed to the parser is known to hold no CR (its line ends need
    no normalising), found on the same look as :attr:`visible`."""

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
