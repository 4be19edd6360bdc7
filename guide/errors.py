"""Diagnostics as data, and the one root exception that carries them."""

# Every stage reports problems as :class:`Diagnostic` values with a :class:`Location`; the command
# line prints them once, sorted, as ``path:line:col: severity: message``. A bug of the builder is
# an :class:`InternalError` instead. Imports nothing of ours.

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


class Severity(enum.Enum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; ``line`` and ``column`` are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        text = self.path
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Diagnostic:
    """One problem: its severity, message and place."""

    severity: Severity
    message: str
    location: Location

    def __str__(self) -> str:
        """One line, whatever the message quotes: see :func:`printable`."""
        return f"{printable(str(self.location))}: {self.severity.value}: {printable(self.message)}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, then message."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.message)


_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})  # spaces (Zs) stay as they are
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with line breaks shown as ``\\n`` (and ``\\r``, ``\\t``), and other control,
    format, line-separator and unassigned characters as ``U+000B``: a diagnostic stays one
    line, and what the author cannot see is named."""
    if text.isprintable():
        return text
    return "".join(
        _ESCAPES.get(c) or (f"U+{ord(c):04X}" if unicodedata.category(c) in _HIDDEN else c)
        for c in text
    )


def quoted(value: str, limit: int = 80) -> str:
    """``value`` in single quotes for a message: :func:`printable`, and cut to ``limit``
    characters with an ellipsis (a pasted data: address can be megabytes)."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return f"'{printable(value)}'"


def error(message: str, location: Location) -> Diagnostic:
    """An error diagnostic."""
    return Diagnostic(Severity.ERROR, message, location)


def warning(message: str, location: Location) -> Diagnostic:
    """A warning diagnostic."""
    return Diagnostic(Severity.WARNING, message, location)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


@dataclass
class Diagnostics:
    """A collector that stages append to; cheap to pass around."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, location: Location) -> None:
        """Record an error."""
        self.items.append(error(message, location))

    def warning(self, message: str, location: Location) -> None:
        """Record a warning."""
        self.items.append(warning(message, location))

    def extend(self, more: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        self.items.extend(more)

    @property
    def has_errors(self) -> bool:
        """Whether an error was recorded."""
        return has_errors(self.items)


class GuideError(Exception):
    """The root exception: a build that cannot go on, with every diagnostic found so far."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=lambda d: d.sort_key))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class InternalError(Exception):
    """A bug of the builder, not of the guide: what failed and, when known, the block being
    built (the command line reports it with an exit code of its own)."""

    def __init__(self, cause: BaseException, location: Location | None = None) -> None:
        self.cause = cause
        self.location = location
        text = " ".join(str(cause).split())[:200]
        self.summary = f"{type(cause).__name__}: {text}" if text else type(cause).__name__
        super().__init__(self.summary)

    def line(self, hint: str = "") -> str:
        """The one-line report: the block (or guide) being built, what failed, then ``hint``."""
        return printable(
            f"{self.location}: internal error: the builder failed here ({self.summary}); this "
            f"is a bug in the builder, not in the guide{hint}"
        )

    @classmethod
    def at(cls, exc: Exception, where: Location) -> InternalError:
        """``exc`` as an internal error, at ``where`` unless it already names its block."""
        if isinstance(exc, InternalError) and exc.location is not None:
            return exc
        cause = exc.cause if isinstance(exc, InternalError) else exc
        found = cls(cause, where)
        found.__cause__ = cause
        return found
