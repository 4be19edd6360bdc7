"""The "Key terms" page as document-model blocks, built from the guide's glossary.toml: one
entry per term (its name as a heading that chapters link to, its plain-language definition and
the other names it goes by). Imports neither markdown nor reportlab.
"""

from __future__ import annotations

from guide import model as m
from guide.config.schema import GuideConfig
from guide.errors import Location

ANCHOR = "key-terms"
TITLE = "Key terms"


def key_terms_blocks(config: GuideConfig) -> tuple[m.Block, ...]:
    """The page's blocks, in glossary.toml's order; none when the guide has no glossary."""
    if not config.glossary:
        return ()
    path = f"{config.display}/glossary.toml"
    blocks: list[m.Block] = [m.Heading(1, (m.Text(TITLE),), ANCHOR, Location(path, 1))]
    for entry in config.glossary:
        where = Location(path, entry.line)
        blocks.append(m.Heading(2, (m.Text(entry.term),), entry.anchor, where))
        blocks.append(m.Paragraph((m.Text(entry.definition),), where))
        others = [a for a in entry.aliases if not a.lower().startswith(entry.term.lower())]
        if others:  # other names, not mere plurals
            also = m.Emphasis((m.Text("Also: " + ", ".join(others)),))
            blocks.append(m.Paragraph((also,), where))
    return tuple(blocks)
