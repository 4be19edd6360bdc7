"""What a build is asked to do: folders, guides and switches, as one frozen value that the
command line fills in and every stage reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """Which guides to build, from where, to where, and how strictly."""

    sources: Path = Path("sources")
    out: Path = Path("dist")
    assets: Path | None = None  # default: the folder "assets" beside the sources folder
    slugs: tuple[str, ...] = ()  # empty: every guide
    release: bool = False  # refuse drafts: content not recorded in its revision ledger
    force: bool = False  # rebuild even when the published outputs are up to date
    editions: tuple[str, ...] = ()  # only these editions ("print", "phone"); (): each guide's

    def editions_of(self, built: tuple[str, ...]) -> tuple[str, ...]:
        """Which of a guide's editions (guide.toml ``editions``) this build makes."""
        return tuple(e for e in built if not self.editions or e in self.editions)

    strict: bool = False  # reading-level limits and claims are errors, not warnings
    previews: bool = False  # also render landing-page pictures (cover, social card, pages)
    keep_old: bool = False  # keep superseded PDFs this builder wrote (older drafts, editions)
    # Measure the reading level even when no [quality] limit needs it: a build prints it,
    # ``check`` only with --report (it saves loading a hyphenation dictionary).
    reading: bool = True

    @property
    def assets_dir(self) -> Path:
        """The assets folder (beside the sources folder unless given)."""
        return self.assets if self.assets is not None else self.sources.parent / "assets"
