"""Write the finish stage's document properties into reportlab's PDF document before it is saved.

Takes the canvas (``canv._doc`` is reportlab's :class:`~reportlab.pdfbase.pdfdoc.PDFDocument`)
and a :class:`guide.metadata.Finish`; sets the Info dictionary, ``/Lang``, ``DisplayDocTitle``
and the XMP ``/Metadata`` stream, and gives the file a placeholder identifier that
:func:`content_identifier` replaces, after saving, by a digest of the file itself. Imports
reportlab's ``pdfdoc`` only (no layout); never pypdf.
"""

from __future__ import annotations

import hashlib
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
)

from guide.metadata import Finish

# The trailer's /ID while saving: two 16-byte strings, written as hex. Same length as the real
# one, so replacing it after saving moves no byte offset (and it sits after the xref anyway).
_PLACEHOLDER = b"<" + b"0" * 32 + b">"
_ID_PLACEHOLDER = b"[" + _PLACEHOLDER + b" " + _PLACEHOLDER + b"]"


class GuideInfo(PDFInfo):  # type: ignore[misc]
    """The Info dictionary with exactly the finish stage's entries (reportlab's own would
    write the clock's date, or a fixed 2000-01-01 in invariant mode, and no custom keys)."""

    def __init__(self, entries: dict[str, str]) -> None:
        super().__init__()
        self.entries = dict(entries)
        self.title = entries.get("Title", "")
        self.author = entries.get("Author", "")
        self.subject = entries.get("Subject", "")
        self.keywords = entries.get("Keywords", "")

    def format(self, document: Any) -> bytes:
        values: dict[str, Any] = {key: PDFString(text) for key, text in self.entries.items()}
        values["Trapped"] = PDFName(self.trapped)
        result: bytes = PDFDictionary(values).format(document)
        return result


def write_metadata(canv: Any, finish: Finish) -> None:
    """Info, /Lang, DisplayDocTitle, XMP /Metadata and the identifier placeholder."""
    doc = canv._doc
    doc.info = GuideInfo(finish.info)
    catalog = doc.Catalog
    catalog.Lang = PDFString(finish.language)
    canv.setViewerPreference("DisplayDocTitle", "true")
    metadata = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    # filters=None: the document's default, which is no filter (reportlab compresses page
    # streams by their own setting). XMP stays plain text so that any tool can read it.
    if doc.defaultStreamFilters is not None:
        raise RuntimeError("reportlab's default stream filters would compress the XMP")
    catalog.Metadata = PDFStream(metadata, content=finish.xmp, filters=None)
    doc._ID = _ID_PLACEHOLDER  # reportlab's ID() returns a preset identifier as it is


def content_identifier(pdf: bytes) -> bytes:
    """``pdf`` with its /ID placeholder replaced by the MD5 of the whole file (as saved, with
    the placeholder): equal content gives equal bytes, different content a different ID."""
    at = pdf.rfind(_ID_PLACEHOLDER)
    if at < 0 or at < pdf.rfind(b"trailer"):
        raise RuntimeError("the PDF's trailer has no identifier placeholder")
    digest = hashlib.md5(pdf, usedforsecurity=False).hexdigest().encode("ascii")
    ident = b"[<" + digest + b"> <" + digest + b">]"
    return pdf[:at] + ident + pdf[at + len(_ID_PLACEHOLDER):]
