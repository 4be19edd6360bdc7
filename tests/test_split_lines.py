"""A paragraph split across pages keeps, on the first page, exactly the lines it was laid out in:
reportlab breaks the first piece again from its fragments, and a word broken at its own hyphen
("disc-driven") came back without it, a line taller, so the piece was cut shorter and shorter and
left a hole in the middle of the paragraph. Laid out with the builder's own paragraph class and
the brand's body style; the text is test content, not medical advice.
"""

from __future__ import annotations

from guide.config.schema import Brand


def test_a_split_paragraph_keeps_its_lines_and_fills_its_room(brand: Brand) -> None:
    from guide.render.text.fonts import register_fonts
    from guide.render.text.scraps import BodyParagraph, line_words
    from guide.render.text.styles import make_styles

    style = make_styles(brand, register_fonts(brand)).body
    words = "The <b>disc-driven</b>, well-known and long-lasting test words go on here."
    text = " ".join([words] * 8)  # bold words: the paragraph is laid out as fragments
    hyphen_breaks = 0
    for width in range(200, 330, 6):
        whole = BodyParagraph(text, style)
        whole.wrap(width, 10_000)
        count = len(line_words(whole))
        for room in range(3, count - 2):
            para = BodyParagraph(text, style)
            para.wrap(width, 10_000)
            before = line_words(para)
            height = room * style.leading + 1
            pieces = para.split(width, height)
            assert len(pieces) == 2, (width, room)
            head = pieces[0]
            assert head.wrap(width, height)[1] <= height, (width, room)
            lines = line_words(head)
            assert lines == before[: len(lines)], (width, room)
            assert len(lines) >= room - 1, (width, room)  # one line at most goes to a widow
            hyphen_breaks += sum(1 for line in lines[:-1] if line and line[-1].endswith("-"))
    assert hyphen_breaks, "no line broke at a word's own hyphen: the test proves nothing"
