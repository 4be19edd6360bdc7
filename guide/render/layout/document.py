"""Lay the guide out in one pass: cover, contents, chapters, closing, disclaimer, back cover. Takes
the document model, configuration, brand and edition; hands on :class:`Rendered` (the PDF bytes and
where each heading landed)."""

# Numbers that depend on the finished layout (contents page numbers, "page X of Y") are form
# XObjects used while laying out and defined after it, so the layout runs once.

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from guide import model as m
from guide.check.glossary import link_terms, related_titles
from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition
from guide.i18n import Catalogue, catalogue
from guide.metadata import Finish
from guide.render.adapter import frame_cursor, frame_height, frame_top
from guide.render.layout.blocks import BlockRenderer
from guide.render.layout.floats import (
    RUN_IN_LINES,
    ChapterBreak,
    ChapterMark,
    FloatingDocTemplate,
)
from guide.render.layout.frames import GuardedFrame
from guide.render.layout.pagelog import LayoutReport, PageLog
from guide.render.layout.sections import run_on
from guide.render.page.closing import back_cover_flowables, closing_flowables, closing_headings
from guide.render.page.frontmatter import TocEntry, cover_flowables, toc_flowables, toc_form
from guide.render.page.furniture import (
    back_frame_rect,
    cover_frame_rects,
    draw_back_cover_art,
    draw_body_furniture,
    draw_cover_art,
    draw_front_furniture,
    page_of_form,
)
from guide.render.page.keyterms import ANCHOR as KEY_TERMS_ANCHOR
from guide.render.page.keyterms import TITLE_KEY as KEY_TERMS_KEY
from guide.render.page.keyterms import key_terms_blocks
from guide.render.page.watermark import draw_draft_watermark
from guide.render.tagged.marking import Tagger, artifact
from guide.render.tagged.metadata import content_identifier, write_metadata
from guide.render.tagged.model import StructTree
from guide.render.tagged.tree import tag_story
from guide.render.tagged.write import write_structure
from guide.render.text.breaks import url_breaks
from guide.render.text.fonts import FontSet, register_fonts
from guide.render.text.styles import make_styles
from guide.revisions.history import ANCHOR as HISTORY_ANCHOR
from guide.revisions.history import history_blocks


@dataclass
class Rendered:
    """A rendered PDF with its page count, heading pages and structure."""

    pdf: bytes
    pages: int
    heading_pages: dict[str, int] = field(default_factory=dict)  # anchor → physical page
    marks: dict[str, int] = field(default_factory=dict)  # part name → first physical page
    structure: StructTree | None = None  # the tagged-PDF structure, written into the PDF
    layout: LayoutReport = field(default_factory=LayoutReport)  # holes, scraps, widows …


class Mark(Flowable):  # type: ignore[misc]
    """Zero-size flowable that records the page on which a part of the guide begins."""

    role = "Artifact"
    guide_location = None  # a new part of the guide: layout errors no longer name a block

    def __init__(self, name: str, marks: dict[str, int]) -> None:
        super().__init__()
        self.name, self.marks = name, marks
        self.width = self.height = 0

    def draw(self) -> None:
        """Record the page this mark lands on."""
        self.marks.setdefault(self.name, self.canv.getPageNumber())


class GuideDocTemplate(FloatingDocTemplate):
    """Saving is left to :func:`render_pdf`, which must first define the late forms.
    ``tagger`` numbers the marked content of every page (see guide.render.tagged.marking)."""

    _doSave = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = Tagger()
        self.pagelog = PageLog()

    def afterFlowable(self, flowable: Flowable) -> None:
        """Record what the page now holds, for the layout report."""
        frame = getattr(self, "frame", None)
        if frame is None or isinstance(flowable, (Mark, ChapterMark)):
            return
        bottom = frame_cursor(frame) + flowable.getSpaceAfter()
        if bottom >= frame_top(frame):  # nothing drawn (a zero-size flowable at the top)
            return
        self.pagelog.drawn(
            self.page, self.chapter, flowable, bottom, frame_top(frame), frame_height(frame)
        )


def toc_entries(document: m.Document, config: GuideConfig) -> list[TocEntry]:
    """The contents entries: level-1 and level-2 headings, the closing page, disclaimer, history."""
    entries = []
    for heading in document.headings():
        if heading.level <= 2:
            entries.append(TocEntry(heading.text, heading.anchor, heading.level))
    for heading in closing_headings(config)[:1]:
        entries.append(TocEntry(heading.text, heading.anchor, 1))
    words = catalogue(config.language)
    if config.glossary:
        entries.append(
            TocEntry(words.text(KEY_TERMS_KEY), KEY_TERMS_ANCHOR, 1, words.lang(KEY_TERMS_KEY))
        )
    for block in document.disclaimer:
        if isinstance(block, m.Heading) and block.level == 1:
            entries.append(TocEntry(block.text, block.anchor, 1))
    entries.append(
        TocEntry(words.text("revision_history"), HISTORY_ANCHOR, 1, words.lang("revision_history"))
    )
    return entries


def _templates(
    brand: Brand, fonts: FontSet, config: GuideConfig, edition: Edition, marks: dict[str, int]
) -> list[PageTemplate]:
    w, h, mg = brand.page_width, brand.page_height, brand.margins
    words = catalogue(config.language)
    body_frame = GuardedFrame(
        mg.inner,
        mg.bottom,
        brand.text_width,
        h - mg.top - mg.bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    cover_frames = [
        GuardedFrame(*rect, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        for name, rect in zip(("band", "lower"), cover_frame_rects(brand), strict=True)
    ]
    back_frame = GuardedFrame(*back_frame_rect(brand), id="back")

    def front(canv: Any, doc: Any) -> None:
        start = marks.get("front", canv.getPageNumber())
        with artifact(canv, "Pagination"):
            draw_front_furniture(canv, brand, fonts, _roman(canv.getPageNumber() - start + 1))

    def body(canv: Any, doc: Any) -> None:
        with artifact(canv, "Pagination"):
            draw_body_furniture(canv, brand, fonts, config, edition)

    def watermark(canv: Any, doc: Any) -> None:  # drawn first: under the page's content
        if edition.draft:
            with artifact(canv, "Pagination"):
                draw_draft_watermark(canv, brand, fonts, edition, words.text("draft_mark"))

    def cover(canv: Any, doc: Any) -> None:
        with artifact(canv, "Layout"):
            draw_cover_art(canv, brand)
        watermark(canv, doc)

    def back(canv: Any, doc: Any) -> None:
        with artifact(canv, "Layout"):
            draw_back_cover_art(canv, brand)
        watermark(canv, doc)

    return [
        PageTemplate("cover", cover_frames, onPage=cover, pagesize=(w, h)),
        PageTemplate("front", [body_frame], onPage=watermark, onPageEnd=front, pagesize=(w, h)),
        PageTemplate("body", [body_frame], onPage=watermark, onPageEnd=body, pagesize=(w, h)),
        PageTemplate("back", [back_frame], onPage=back, pagesize=(w, h)),
    ]


def _roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


def story(
    document: m.Document,
    config: GuideConfig,
    brand: Brand,
    fonts: FontSet,
    edition: Edition,
    marks: dict[str, int],
    on_heading: Callable[[m.Heading, int], None],
    diagram: Callable[[m.Diagram, float], Flowable] | None,
) -> list[Flowable]:
    """Every flowable of the guide, cover to back cover."""
    words = catalogue(config.language)
    styles = make_styles(brand, fonts, config.language)
    blocks = BlockRenderer(brand, fonts, styles, on_heading, diagram, words)
    out: list[Flowable] = [Mark("cover", marks)]
    out += cover_flowables(config, brand, fonts, styles, edition)
    out += [NextPageTemplate("front"), PageBreak(), Mark("front", marks)]
    out += toc_flowables(toc_entries(document, config), styles, brand, words)
    out += [NextPageTemplate("body"), PageBreak(), Mark("body", marks)]
    for index, chapter in enumerate(document.chapters):
        if index:
            out.append(ChapterBreak())
        out.append(ChapterMark(index + 1, end=False))
        out += blocks.render(link_terms(chapter.blocks, config.glossary, related_titles(config)))
        out.append(ChapterMark(index + 1, end=True))
    out += [PageBreak(), Mark("closing", marks)]
    blocks.numbered = False  # the closing, disclaimer and history pages are no chapters
    out += closing_flowables(config, brand, fonts, styles, blocks)
    # The back matter: each section after the first may follow the one before (see sections);
    # the call to action keeps its page to itself.
    gap = RUN_IN_LINES * brand.type_scale.leading
    page = brand.page_height - brand.margins.top - brand.margins.bottom
    sections: list[list[Flowable]] = []
    if config.glossary:
        sections.append([Mark("key-terms", marks), *blocks.render(key_terms_blocks(config, words))])
    if document.disclaimer:
        sections.append([Mark("disclaimer", marks), *blocks.render(document.disclaimer)])
    sections.append([Mark("history", marks), *blocks.render(history_blocks(edition, words))])
    for index, section in enumerate(sections):
        out += run_on(section, gap, page) if index else [PageBreak(), *section]
    out += [NextPageTemplate("back"), PageBreak(), Mark("back", marks)]
    out += back_cover_flowables(config, brand, fonts, styles, edition)
    return out


def _define_late_forms(
    canv: Any,
    brand: Brand,
    fonts: FontSet,
    rendered: Rendered,
    entries: list[TocEntry],
    words: Catalogue,
) -> None:
    body_start = rendered.marks.get("body", 1)
    last = rendered.pages - body_start + 1
    size = brand.type_scale.furniture
    for page in range(body_start, rendered.pages + 1):
        canv.beginForm(page_of_form(page), lowerx=-200, lowery=-5, upperx=0, uppery=20)
        canv.setFont(fonts.heading, size)
        canv.setFillColor(HexColor(brand.palette.muted.hex))
        canv.drawRightString(0, 0, words.text("page_of", page=page - body_start + 1, pages=last))
        canv.endForm()
    for entry in entries:
        target = rendered.heading_pages.get(entry.anchor)
        # The leading space (right-aligned, so invisible) keeps title and number apart when
        # the entry is read as text ("Why … Chronic 4", not "Chronic4").
        label = f" {words.number(target - body_start + 1)}" if target else ""
        canv.beginForm(toc_form(entry.anchor), lowerx=-60, lowery=-5, upperx=0, uppery=30)
        font = fonts.heading_bold if entry.level == 1 else fonts.heading
        canv.setFont(font, brand.type_scale.body_size)
        canv.setFillColor(HexColor(brand.palette.ink.hex))
        canv.drawRightString(0, 0, label)
        canv.endForm()


def render_pdf(
    document: m.Document,
    config: GuideConfig,
    brand: Brand,
    edition: Edition,
    finish: Finish,
    diagram: Callable[[m.Diagram, float], Flowable] | None = None,
) -> Rendered:
    """Lay the guide out, then write the finish stage's properties and the structure tree into
    reportlab's document objects and save: the PDF is written once, finished."""
    fonts = register_fonts(brand)
    buffer = io.BytesIO()
    rendered = Rendered(b"", 0)

    def on_heading(heading: m.Heading, page: int) -> None:
        rendered.heading_pages.setdefault(heading.anchor, page)

    doc = GuideDocTemplate(
        buffer,
        pagesize=(brand.page_width, brand.page_height),
        title=config.title,
        author=config.author,
        subject=config.subtitle,
        keywords=list(config.keywords),
        creator="Valor Spine guide builder",
        invariant=1,
        lang=config.language,
        initialFontName=fonts.body,
    )
    doc.tagger.words = catalogue(config.language)
    doc.line = brand.type_scale.leading
    doc.addPageTemplates(_templates(brand, fonts, config, edition, rendered.marks))
    with _binary_streams(), url_breaks():
        doc.build(
            tag_story(
                story(document, config, brand, fonts, edition, rendered.marks, on_heading, diagram),
                doc.tagger,
            )
        )
        canv = doc.canv
        rendered.pages = canv.getPageNumber() - 1
        rendered.structure = doc.tagger.tree
        words = catalogue(config.language)
        cover = words.text("cover_page")
        rendered.layout = doc.pagelog.report().labelled(
            lambda page: page_label(page, rendered.marks, cover)
        )
        rendered.structure.pages = rendered.pages
        rendered.structure.root.prune()
        _define_late_forms(canv, brand, fonts, rendered, toc_entries(document, config), words)
        _page_labels(canv, rendered, words.text("cover_page"))
        canv.showOutline()
        write_metadata(canv, finish)
        write_structure(canv, rendered.structure)
        canv.save()
    rendered.pdf = content_identifier(buffer.getvalue())
    return rendered


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Write streams compressed only, without reportlab's default ASCII85 layer: the file is
    smaller and saves faster. reportlab offers this only as a process-wide option, read as
    pages and streams are made, so it is set for this layout and restored after it."""
    from reportlab import rl_config

    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def page_label(page: int, marks: dict[str, int], cover: str) -> str:
    """The printed label of physical ``page`` (1-based), as :func:`_page_labels` writes it."""
    if "body" in marks and page >= marks["body"]:
        return str(page - marks["body"] + 1)
    if "front" in marks and page >= marks["front"]:
        return _roman(page - marks["front"] + 1)
    return cover


def _page_labels(canv: Any, rendered: Rendered, cover: str) -> None:
    marks = rendered.marks
    canv.addPageLabel(0, prefix=cover)
    if "front" in marks:
        canv.addPageLabel(marks["front"] - 1, style="ROMAN_LOWER", start=1)
    if "body" in marks:
        canv.addPageLabel(marks["body"] - 1, style="ARABIC", start=1)
