"""The finish stage: document-level PDF properties that reportlab does not write.

Takes the rendered PDF bytes, configuration and edition; hands on the final bytes with the
Info dictionary and XMP metadata (title, author, subject, keywords, language, version,
fingerprint, dates from the edition, never the clock), ``DisplayDocTitle``, a file identifier
derived from the content, and the tagged-PDF structure tree (:mod:`guide.finish.structure`).
The only stage that imports pypdf.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject

from guide import __version__
from guide.config.schema import GuideConfig
from guide.edition import Edition
from guide.finish.structure import add_structure
from guide.finish.xmp import xmp_packet
from guide.tags import StructTree


def pdf_date(iso_date: str) -> str:
    day = dt.date.fromisoformat(iso_date)
    return f"D:{day:%Y%m%d}000000Z"


def finish_pdf(pdf: bytes, config: GuideConfig, edition: Edition,
               structure: StructTree | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    date = pdf_date(edition.date)
    writer.add_metadata({
        "/Title": config.title,
        "/Author": config.author,
        "/Subject": config.subtitle or config.title,
        "/Keywords": ", ".join(config.keywords),
        "/Creator": f"Valor Spine guide builder {__version__}",
        "/Producer": f"Valor Spine guide builder {__version__} (reportlab, pypdf)",
        "/CreationDate": date,
        "/ModDate": date,
        "/GuideVersion": edition.version,
        "/GuideFingerprint": edition.fingerprint,
    })
    root = writer._root_object
    root[NameObject("/Lang")] = _text(config.language)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = _bool(True)
    root[NameObject("/ViewerPreferences")] = prefs
    metadata = writer._add_object(_stream(xmp_packet(config, edition, __version__)))
    root[NameObject("/Metadata")] = metadata
    if structure is not None:
        add_structure(writer, structure)
    # A file identifier from the content, so equal content gives equal bytes.
    ident = hashlib.md5(pdf + edition.version.encode() + edition.fingerprint.encode()).digest()
    writer._ID = ArrayObject([ByteStringObject(ident), ByteStringObject(ident)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _text(value: str):  # type: ignore[no-untyped-def]
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


def _bool(value: bool):  # type: ignore[no-untyped-def]
    from pypdf.generic import BooleanObject

    return BooleanObject(value)


def _stream(data: bytes):  # type: ignore[no-untyped-def]
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    return stream
