"""Text: fonts, paragraph styles, escaping into reportlab's paragraph markup, hyphenation and
line ends."""
