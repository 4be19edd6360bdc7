"""Write the finish stage's properties (Info, ``/Lang``, XMP, a placeholder /ID) into reportlab's
document before it is saved; imports reportlab's ``pdfdoc`` only, never pypdf."""

# The placeholder identifier is replaced after saving by content_identifier with a digest of
# the file itself, so equal content gives equal bytes.

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
from guide.render.adapter import pdf_document, set_document_id

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
        """The Info dictionary as PDF bytes."""
        values: dict[str, Any] = {key: PDFString(text) for key, text in self.entries.items()}
        values["Trapped"] = PDFName(self.trapped)
        result: bytes = PDFDictionary(values).format(document)
        return result


def write_metadata(canv: Any, finish: Finish) -> None:
    """Info, /Lang, DisplayDocTitle, XMP /Metadata and the identifier placeholder."""
    doc = pdf_document(canv)
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
    set_document_id(doc, _ID_PLACEHOLDER)  # reportlab's ID() returns a preset identifier as it is


def content_identifier(pdf: bytes) -> bytes:
    """``pdf`` with its /ID placeholder replaced by the MD5 of the whole file (as saved, with
    the placeholder): equal content gives equal bytes, different content a different ID."""
    at = pdf.rfind(_ID_PLACEHOLDER)
    if at < 0 or at < pdf.rfind(b"trailer"):
        raise RuntimeError("the PDF's trailer has no identifier placeholder")
    digest = hashlib.md5(pdf, usedforsecurity=False).hexdigest().encode("ascii")
    ident = b"[<" + digest + b"> <" + digest + b">]"
    return pdf[:at] + ident + pdf[at + len(_ID_PLACEHOLDER) :]
