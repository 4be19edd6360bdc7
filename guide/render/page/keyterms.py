"""The "Key terms" page as document-model blocks, built from the guide's glossary.toml: one
entry per term (its name as a heading that chapters link to, its plain-language definition and
the other names it goes by). Imports neither markdown nor reportlab.
"""

from __future__ import annotations

from guide import model as m
from guide.config.schema import GuideConfig
from guide.errors import Location
from guide.i18n import Catalogue

ANCHOR = "key-terms"
TITLE_KEY = "key_terms"  # the page's title in the guide's catalogue


def key_terms_blocks(config: GuideConfig, words: Catalogue) -> tuple[m.Block, ...]:
    """The page's blocks, in glossary.toml's order; none when the guide has no glossary."""
    if not config.glossary:
        return ()
    path = f"{config.display}/glossary.toml"
    title = m.Heading(1, (m.Text(words.text(TITLE_KEY)),), ANCHOR, Location(path, 1),
                      words.lang(TITLE_KEY))
    blocks: list[m.Block] = [title]
    for entry in config.glossary:
        where = Location(path, entry.line)
        blocks.append(m.Heading(2, (m.Text(entry.term),), entry.anchor, where))
        blocks.append(m.Paragraph((m.Text(entry.definition),), where))
        others = [a for a in entry.aliases if not a.lower().startswith(entry.term.lower())]
        if others:  # other names, not mere plurals
            also = m.Emphasis((m.Text(words.text("also_called", names=", ".join(others))),))
            blocks.append(m.Paragraph((also,), where, words.lang("also_called")))
    return tuple(blocks)
