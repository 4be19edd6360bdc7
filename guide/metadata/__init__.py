"""The finish stage: what the finished PDF says about itself, beyond what it shows. Takes the
configuration and edition; hands on :class:`Finish`: the Info dictionary (title, author, subject,
keywords, version, fingerprint, dates from the edition, never the clock), the document language and
the XMP metadata packet."""

# Plain data: imports neither reportlab nor pypdf. The render stage writes it into the PDF as it
# saves it (:mod:`guide.render.tagged.metadata`), together with ``DisplayDocTitle``, a file
# identifier derived from the content and the tagged-PDF structure tree
# (:mod:`guide.render.tagged.write`), so the PDF is written once and never parsed again.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guide import __version__
from guide.config.schema import GuideConfig
from guide.edition import Edition
from guide.metadata.xmp import xmp_packet

CREATOR = f"Valor Spine guide builder {__version__}"
PRODUCER = f"{CREATOR} (reportlab)"


@dataclass(frozen=True)
class Finish:
    """What the PDF says about itself: Info entries, language and XMP."""

    info: dict[str, str]  # Info dictionary: key (without the slash) → text
    language: str  # the catalog's /Lang
    xmp: bytes  # the XMP packet, written uncompressed as the catalog's /Metadata


def pdf_date(iso_date: str) -> str:
    """An ISO date as a PDF date string (midnight UTC)."""
    day = dt.date.fromisoformat(iso_date)
    return f"D:{day:%Y%m%d}000000Z"


def finish_properties(config: GuideConfig, edition: Edition) -> Finish:
    """The document properties of one guide's edition."""
    date = pdf_date(edition.date)
    info = {
        "Title": config.title,
        "Author": config.author,
        "Subject": config.subtitle or config.title,
        "Keywords": ", ".join(config.keywords),
        "Creator": CREATOR,
        "Producer": PRODUCER,
        "CreationDate": date,
        "ModDate": date,
        "GuideVersion": edition.version,
        "GuideFingerprint": edition.fingerprint,
    }
    return Finish(info, config.language, xmp_packet(config, edition, CREATOR, PRODUCER))
