"""The "Key terms" page as document-model blocks, built from the guide's glossary.toml: one
entry per term (a paragraph that chapters link to: the term in bold, its plain-language
definition and the other names it goes by). Imports neither markdown nor reportlab.
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
    title = m.Heading(
        1, (m.Text(words.text(TITLE_KEY)),), ANCHOR, Location(path, 1), words.lang(TITLE_KEY)
    )
    blocks: list[m.Block] = [title]
    for entry in config.glossary:
        # One paragraph an entry, the term in bold leading its definition (a glossary's usual
        # run-in form): fourteen terms fit on one page, where a heading each took three.
        inlines: list[m.Inline] = [
            m.Strong((m.Text(entry.term),)),
            m.Text(" — "),
            m.Text(entry.definition),
        ]
        others = [a for a in entry.aliases if not a.lower().startswith(entry.term.lower())]
        if others:  # other names, not mere plurals
            also = words.text("also_called", names=", ".join(others))
            inlines += [m.Text(" "), m.Emphasis((m.Text(also),))]
        blocks.append(
            m.Paragraph(
                tuple(inlines), Location(path, entry.line), anchor=entry.anchor, title=entry.term
            )
        )
    return tuple(blocks)
