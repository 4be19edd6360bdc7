"""Semantic versions (``major.minor.patch``) as values: parse, compare, bump, draft names.

Takes and hands on strings and :class:`Version` values; imports nothing of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Bump = Literal["major", "minor", "patch"]
BUMPS: tuple[Bump, ...] = ("major", "minor", "patch")

_PATTERN = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


@dataclass(frozen=True, order=True)
class Version:
    """A semantic version (major.minor.patch)."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version | None:
        """The version ``text`` names, or None when it is not plain ``major.minor.patch``."""
        match = _PATTERN.match(text)
        if match is None:
            return None
        return cls(int(match.group(1)), int(match.group(2)), int(match.group(3)))

    def bump(self, part: Bump) -> Version:
        """The next version for a major, minor or patch change."""
        if part == "major":
            return Version(self.major + 1, 0, 0)
        if part == "minor":
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)

    def draft(self, fingerprint: str) -> str:
        """A draft (pre-release) of this version: ``1.3.0-draft+1a2b3c4d``."""
        return f"{self}-draft+{fingerprint[:8]}"

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


ZERO = Version(0, 0, 0)
