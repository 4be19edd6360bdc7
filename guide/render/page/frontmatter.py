"""The cover's words and the table of contents. Takes the guide's configuration, its TOC entries and
styles; hands on flowables."""

# TOC page numbers are form XObjects (``toc-<anchor>``) filled in after layout, so the contents
# are laid out once: their size is known from the model, their numbers are not needed until the
# end.

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, FrameBreak, Paragraph, Spacer

from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition
from guide.i18n import Catalogue, catalogue
from guide.render.layout.figures import load_svg
from guide.render.tagged.marking import artifact, marked
from guide.render.text.coverage import fallback_for
from guide.render.text.fonts import FontSet
from guide.render.text.lineends import fix_line_ends
from guide.render.text.markup import Fallback, escape, link_markup, text_markup
from guide.render.text.scraps import bind_last_word
from guide.render.text.styles import Styles


@dataclass(frozen=True)
class TocEntry:
    """One contents line: title, anchor and level."""

    title: str
    anchor: str
    level: int  # 1 chapter, 2 section
    lang: str = ""  # the entry's /Lang when it differs from the guide's


def toc_form(anchor: str) -> str:
    """A PDF name for the form of ``anchor``'s page number: ASCII only ("guía" → "gu_ed_a")."""
    return "toc" + "".join(
        ch if ch.isascii() and ch.isalnum() else "_" if ch.isascii() else f"_{ord(ch):x}_"
        for ch in anchor
    )


def edition_line(edition: Edition, words: Catalogue) -> tuple[str, str]:
    """ "Version 1.1.0 · November 25, 2026"; a draft says so and gives the last release's date
    (never a made-up one). With the line's language tag when it fell back to English."""
    if not edition.draft:
        return (
            f"{words.text('version', version=edition.version)}  ·  {words.date(edition.date)}",
            words.lang("version"),
        )
    last = (
        words.text("last_released", date=words.date(edition.released_on))
        if edition.released_on
        else words.text("not_released")
    )
    return (
        f"{words.text('draft_version', version=edition.version)}  ·  {last}",
        words.lang("draft_version"),
    )


class Logo(Flowable):  # type: ignore[misc]
    """The brand's SVG logo at a given height (vector, via svglib)."""

    role = "Artifact"

    def __init__(self, path: Path, height: float, align: str = "LEFT") -> None:
        super().__init__()
        self.drawing = load_svg(path, path.stat().st_mtime)
        self.target_h = height
        self.hAlign = align

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The logo's size at its target height."""
        d = self.drawing
        if d is None or not d.height:
            return 0, 0
        self.width = d.width * self.target_h / d.height
        self.height = self.target_h
        return self.width, self.height

    def draw(self) -> None:
        """Draw the logo."""
        from guide.render.layout.figures import draw_vector

        if self.drawing is None or not self.drawing.height:
            return
        k = self.target_h / self.drawing.height
        self.canv.saveState()
        self.canv.scale(k, k)
        draw_vector(self.drawing, self.canv)
        self.canv.restoreState()


def cover_flowables(
    config: GuideConfig, brand: Brand, fonts: FontSet, styles: Styles, edition: Edition
) -> list[Flowable]:
    """Words on the cover: the band frame first, then (after a FrameBreak) the lower frame."""
    p, body = brand.palette, styles.body
    white, tint = HexColor(p.on_primary.hex), HexColor(p.tint.hex)
    k = 0.7 if brand.compact else 1.0  # the phone's cover: the same words, smaller
    eyebrow = ParagraphStyle(
        "cover_eyebrow",
        parent=body,
        fontName=fonts.heading_bold,
        fontSize=max(12 * k, 9.5),
        leading=14 * k,
        textColor=tint,
        spaceAfter=16 * k,
        charSpace=1.5 * k,
        hyphenationLang="",
    )
    title = ParagraphStyle(
        "cover_title",
        parent=body,
        fontName=fonts.heading_bold,
        fontSize=38 * k,
        leading=43 * k,
        textColor=white,
        spaceAfter=18 * k,
        hyphenationLang="",
    )
    subtitle = ParagraphStyle(
        "cover_subtitle",
        parent=body,
        fontName=fonts.heading,
        fontSize=max(16 * k, 12),
        leading=max(21 * k, 16),
        textColor=tint,
        hyphenationLang="",
    )
    audience = ParagraphStyle(
        "cover_audience",
        parent=body,
        fontName=fonts.heading,
        fontSize=max(15 * k, 12.5),
        leading=max(20 * k, 17),
        textColor=HexColor(p.ink.hex),
        spaceAfter=10 * k,
        hyphenationLang="",
    )
    meta = ParagraphStyle(
        "cover_meta", parent=styles.small, fontSize=max(11 * k, 10), leading=max(15 * k, 13)
    )
    logo_path = brand.logo.with_name("logo-reversed.svg")
    out: list[Flowable] = []
    out.append(Logo(logo_path if logo_path.is_file() else brand.logo, 34 * k))
    out.append(Spacer(0, 64 * k * k))
    words = catalogue(config.language)
    out.append(
        _role(Paragraph(escape(words.text("cover_label")), eyebrow), "P", words.lang("cover_label"))
    )
    out.append(_role(Paragraph(bind_last_word(escape(config.title)), title), "Title"))
    if config.subtitle:
        out.append(_role(Paragraph(bind_last_word(escape(config.subtitle)), subtitle), "P"))
    out.append(FrameBreak())
    if config.audience:
        out.append(_role(Paragraph(bind_last_word(escape(config.audience)), audience), "P"))
    line, lang = edition_line(edition, words)
    out.append(_role(Paragraph(escape(line), meta), "P", lang))
    out.append(Spacer(0, 8))
    website = config.contact.website
    out.append(
        _role(
            Paragraph(
                f"{escape(config.author)}  ·  "
                f"{link_markup(config.link(website), website, underline=False)}",
                meta,
            ),
            "P",
        )
    )
    return out


def _role(flowable: Flowable, role: str, lang: str = "") -> Flowable:
    flowable.role = role
    flowable.lang = lang  # the element's /Lang when it differs from the guide's
    return flowable


TOC_MAX_LINES = 8  # a contents line longer than this is shortened (see TocLine._shorten)


class TocLine(Flowable):  # type: ignore[misc]
    """One contents line: title, dotted leader, page number (a form filled in later), link."""

    role = "TOCI"

    def __init__(
        self, entry: TocEntry, style: Any, color: str, fallback: Fallback | None = None
    ) -> None:
        super().__init__()
        self.entry = entry
        self.indent = 0 if entry.level == 1 else 18
        self.para = Paragraph(text_markup(entry.title, fallback), style)
        self.style = style
        self.color = color
        self.fallback = fallback
        self.number_room = 34

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Take the full width; the height of the title's lines."""
        self.width = avail_width
        room = avail_width - self.indent - self.number_room - 24
        _, h = self.para.wrap(room, avail_height)
        if h > self.style.leading * TOC_MAX_LINES:
            h = self._shorten(room, avail_height)
        self.height = h + (10 if self.entry.level == 1 else 4)
        return self.width, self.height

    def _shorten(self, room: float, avail_height: float) -> float:
        """A title longer than TOC_MAX_LINES lines (a narrow page, a very long heading) is cut
        at a word and ended with an ellipsis here; the heading itself is whole in its chapter."""
        words = self.entry.title.split()
        low, high = 1, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            trial = Paragraph(
                text_markup(" ".join(words[:middle]) + "\u2026", self.fallback), self.style
            )
            if trial.wrap(room, avail_height)[1] <= self.style.leading * TOC_MAX_LINES:
                low = middle
            else:
                high = middle - 1
        self.para = Paragraph(
            text_markup(" ".join(words[:low]) + "\u2026", self.fallback), self.style
        )
        return float(self.para.wrap(room, avail_height)[1])

    def draw(self) -> None:
        """Draw the title, the leader dots and the page number, as a link."""
        canv = self.canv
        top_gap = 10 if self.entry.level == 1 else 4
        line_widths = self.para.getActualLineWidths0()
        last = line_widths[-1] if line_widths else 0
        baseline = self.style.leading - self.style.fontSize
        baseline = max(baseline, 2)
        with artifact(canv, "Layout"):  # the dotted leader is decoration
            canv.saveState()
            canv.setStrokeColor(HexColor(self.color))
            canv.setLineWidth(1)
            canv.setLineCap(1)
            canv.setDash([0.1, 4])
            start = self.indent + last + 6
            end = self.width - self.number_room
            if end > start:
                canv.line(start, baseline, end, baseline)
            canv.restoreState()
        # Title, page number and link are the content of the entry's TOCI (tagged.tree).
        with marked(canv, getattr(self, "struct", None)):
            fix_line_ends(self.para, frozenset())
            self.para.drawOn(canv, self.indent, 0)
            canv.saveState()
            canv.translate(self.width, baseline)
            canv.doForm(toc_form(self.entry.anchor))
            canv.restoreState()
            canv.linkRect(
                "",
                self.entry.anchor,
                (0, 0, self.width, self.height - top_gap),
                relative=1,
                thickness=0,
            )


def toc_flowables(
    entries: list[TocEntry], styles: Styles, brand: Brand, words: Catalogue
) -> list[Flowable]:
    """The contents page."""
    heading = ParagraphStyle("toc_title", parent=styles.h1)
    out: list[Flowable] = [
        _role(Paragraph(escape(words.text("contents")), heading), "H1", words.lang("contents"))
    ]
    fallback = fallback_for(brand)  # headings' characters a fallback draws
    for entry in entries:
        style = styles.toc_chapter if entry.level == 1 else styles.toc_section
        out.append(TocLine(entry, style, brand.palette.muted.hex, fallback))
    return out
