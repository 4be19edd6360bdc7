"""The closing pages: the call to action (a link and a QR code), related articles, and the
back cover's words. Takes the guide's configuration; hands on flowables. All of the words come
from configuration; the builder adds only labels such as "Related articles".
"""

from __future__ import annotations

from functools import cache

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from guide import model as m
from guide.config.schema import Brand, GuideConfig
from guide.edition import Edition
from guide.errors import Location
from guide.i18n import catalogue
from guide.render.layout.blocks import BlockRenderer, tag
from guide.render.page.frontmatter import Logo, edition_line
from guide.render.tagged.marking import marked
from guide.render.text.fonts import FontSet
from guide.render.text.markup import contact_links, escape, link_markup
from guide.render.text.styles import Styles, table_style

CTA_ANCHOR = "next-steps"
RELATED_ANCHOR = "related-articles"


@cache
def _qr_modules(url: str, color: str) -> tuple[Group, tuple[float, float, float, float]]:
    """The QR code's modules for ``url`` and their bounds, encoded once a process (the
    widget encodes the URL each time it draws, and getBounds draws too); drawing does not
    change them, so each edition and each rebuild of ``watch`` shares them."""
    widget = QrCodeWidget(url, barLevel="M")
    widget.barFillColor = HexColor(color)
    widget.barStrokeColor = HexColor(color)
    modules = widget.draw()
    x0, y0, x1, y1 = modules.getBounds()
    return modules, (x0, y0, x1, y1)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code for a URL, in the brand's primary colour, with its URL as alt text."""

    role = "Figure"

    def __init__(
        self,
        url: str,
        size: float,
        color: str,
        alt_text: str,
        lang: str = "",
        background: str = "#ffffff",
    ) -> None:
        super().__init__()
        self.background = background  # under the modules: a draft's watermark stays out
        modules, (x0, y0, x1, y1) = _qr_modules(url, color)
        self.drawing = Drawing(
            size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0]
        )
        self.drawing.add(modules)
        self.width = self.height = size
        self.alt_text = alt_text
        self.lang = lang  # the figure's /Lang when its alt text is not in the guide's language
        self.url = url

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The code's fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the code."""
        from guide.render.layout.figures import draw_vector

        with marked(self.canv, getattr(self, "struct", None), (0, 0, self.width, self.height)):
            self.canv.setFillColor(HexColor(self.background))
            self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            draw_vector(self.drawing, self.canv)
            self.canv.linkURL(self.url, (0, 0, self.width, self.height), relative=1, thickness=0)


def closing_headings(config: GuideConfig) -> list[m.Heading]:
    """The headings of the closing pages (also listed in the contents)."""
    where = Location(f"{config.display}/guide.toml", 1)
    cta = m.Heading(1, (m.Text(config.call_to_action.heading),), CTA_ANCHOR, where)
    words = catalogue(config.language)
    related = m.Heading(
        2,
        (m.Text(words.text("related_articles")),),
        RELATED_ANCHOR,
        where,
        words.lang("related_articles"),
    )
    return [cta, related] if config.related else [cta]


def closing_flowables(
    config: GuideConfig, brand: Brand, fonts: FontSet, styles: Styles, blocks: BlockRenderer
) -> list[Flowable]:
    """The closing page: call to action, button, QR code, related articles."""
    cta = config.call_to_action
    p = brand.palette
    headings = closing_headings(config)
    out: list[Flowable] = blocks.heading(headings[0])
    text = tag(Paragraph(escape(cta.text), styles.body), "P")
    button_style = ParagraphStyle(
        "button",
        parent=styles.body,
        fontName=fonts.heading_bold,
        textColor=HexColor(p.on_primary.hex),
        alignment=TA_CENTER,
        hyphenationLang="",
        spaceAfter=0,
    )
    target = config.link(cta.url)  # campaign tags live in the target; the printed URL stays short
    link = f'<a href="{escape(target)}" color="{p.on_primary.hex}">{escape(cta.label)}</a>'
    button = Table(
        [[tag(Paragraph(link, button_style), "P")]], colWidths=[min(200, brand.text_width)]
    )
    button.setStyle(
        table_style(
            fonts.body,
            [
                ("BACKGROUND", (0, 0), (-1, -1), HexColor(p.primary.hex)),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ("ROUNDEDCORNERS", [6, 6, 6, 6]),
            ],
        )
    )
    button.hAlign = "LEFT"
    url_line = tag(Paragraph(link_markup(target, cta.url, p.muted.hex), styles.small), "P")
    words = catalogue(config.language)
    qr = QrCode(
        target,
        88 if brand.compact else 104,
        p.primary.hex,
        words.text("qr_code", url=cta.url),
        words.lang("qr_code"),
        p.paper.hex,
    )
    left = [text, Spacer(0, 6), tag(button, "Div"), Spacer(0, 8), url_line]
    width = brand.text_width
    if brand.compact:  # the phone: the button is the link; the QR code waits below it
        panel = Table([[left], [qr]], colWidths=[width])
    else:
        panel = Table([[left, qr]], colWidths=[width - 130, 130])
    panel.setStyle(
        table_style(
            fonts.body,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-1, -1), (-1, -1), "LEFT" if brand.compact else "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
        )
    )
    out.append(tag(panel, "Div"))
    if config.related:
        out.append(Spacer(0, 24))
        out.extend(blocks.heading(headings[1]))
        for article in config.related:
            href = escape(config.link(article.url))
            item = (
                f'<a href="{href}" color="{p.accent.hex}" underline="1">{escape(article.title)}</a>'
            )
            out.append(tag(Paragraph(item, styles.body), "P"))
            printed = link_markup(config.link(article.url), article.url, p.muted.hex)
            out.append(tag(Paragraph(printed, styles.small), "P"))
            out.append(Spacer(0, 8))
    return out


def back_cover_flowables(
    config: GuideConfig, brand: Brand, fonts: FontSet, styles: Styles, edition: Edition
) -> list[Flowable]:
    """The back cover: logo, contact details and edition."""
    p = brand.palette
    k = 0.8 if brand.compact else 1.0  # the phone's back cover: the same words, smaller
    style = ParagraphStyle(
        "back",
        parent=styles.body,
        fontName=fonts.heading,
        fontSize=13 * k,
        leading=18 * k,
        textColor=HexColor(p.on_primary.hex),
        alignment=TA_CENTER,
        hyphenationLang="",
    )
    quiet = ParagraphStyle(
        "back_quiet",
        parent=style,
        fontSize=max(11 * k, 10),
        leading=15 * k,
        textColor=HexColor(p.tint.hex),
    )
    logo = brand.logo.with_name("logo-reversed.svg")
    out: list[Flowable] = [
        Spacer(0, 150 * k * k * k),
        Logo(logo if logo.is_file() else brand.logo, 48 * k, "CENTER"),
        Spacer(0, 36 * k * k),
    ]
    contact = config.contact
    links = contact_links(contact.website, contact.email, contact.phone, p.on_primary.hex)
    if contact.website:  # the campaign's tags in the target; the printed address as written
        links = (
            link_markup(config.link(contact.website), contact.website, p.on_primary.hex),
            *links[1:],
        )
    for line in (escape(config.author), *(link for link in links if link)):
        out.append(tag(Paragraph(line, style), "P"))
    out.append(Spacer(0, 40 * k * k))
    out.append(tag(Paragraph(escape(config.title), quiet), "P"))
    line, lang = edition_line(edition, catalogue(config.language))
    out.append(tag(Paragraph(escape(line), quiet), "P", lang=lang))
    out.append(tag(Paragraph(escape(config.footer_note), quiet), "P"))
    return out
