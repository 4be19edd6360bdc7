"""Read PDFs the way readers do: text (poppler's pdftotext when installed, else PDFium),
outline, page labels, metadata and fonts (pypdf). Holds no tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.seedtext import SEED

HAS_POPPLER = shutil.which("pdftotext") is not None


def text_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def text_outside_figures(path: Path) -> list[str]:
    """Each page's running text (PDFium), read around what is not running text: page
    furniture (``/Artifact``), figures (``/Figure``) and their captions ("Figure 3. ..."). A
    figure floated to the top of a page sits inside the paragraph carried over to that page;
    this is the text a reader follows around it."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def tag_of(obj: object) -> str:
        name = (ctypes.c_ushort * 64)()
        for index in range(raw.FPDFPageObj_CountMarks(obj)):
            size = ctypes.c_ulong()
            raw.FPDFPageObjMark_GetName(raw.FPDFPageObj_GetMark(obj, index), name,
                                        ctypes.sizeof(name), ctypes.byref(size))
            return bytes(name)[:max(size.value - 2, 0)].decode("utf-16-le")
        return ""

    pdf = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for page in pdf:
            textpage = page.get_textpage()
            chars: list[tuple[str, str, int]] = []  # (char, tag, marked-content id)
            for index in range(raw.FPDFText_CountChars(textpage)):
                obj = raw.FPDFText_GetTextObject(textpage, index)
                tag, mcid = (tag_of(obj), raw.FPDFPageObj_GetMarkedContentID(obj)) if obj \
                    else ("", -1)
                chars.append((chr(raw.FPDFText_GetUnicode(textpage, index)), tag, mcid))
            runs: dict[int, str] = {}
            for char, tag, mcid in chars:
                if tag == "Caption":
                    runs[mcid] = runs.get(mcid, "") + char
            skipped = {"Artifact", "Figure"}
            text = "".join(char for char, tag, mcid in chars if tag not in skipped and not (
                tag == "Caption" and runs[mcid].lstrip().startswith("Figure")))
            text = text.replace("\x02", "-")  # PDFium's mark of a line-end hyphen
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def text_poppler(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def page_texts(path: Path) -> list[str]:
    return text_poppler(path) if HAS_POPPLER else text_pdfium(path)


_SEED_WORDS = None


def _hyphenated_words() -> set[str]:
    global _SEED_WORDS
    if _SEED_WORDS is None:
        _SEED_WORDS = set(re.findall(r"\w+(?:-\w+)+", SEED.read_text(encoding="utf-8")))
    return _SEED_WORDS


def join_lines(text: str, keep: set[str] | None = None) -> str:
    """Undo line-end hyphenation: "infla-\\nmation" → "inflammation", but keep the hyphen of
    a word that has one ("Platelet-\\nRich" → "Platelet-Rich") when ``keep`` knows it."""
    keep = _hyphenated_words() if keep is None else keep

    def fix(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        whole = f"{left}-{right}"
        return whole if any(w.startswith(whole) or whole in w for w in keep) else left + right

    # A hyphen that line breaking inserted is a soft hyphen (U+00AD): extraction drops it.
    text = re.sub(r"\xad[ \t]*\n[ \t]*", "", text).replace("\xad", "")
    text = re.sub(r"(\w+)-[ \t]*\n[ \t]*(\w+)", fix, text)
    return re.sub(r"\s+", " ", text).strip()


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, page index) for every outline entry, in order."""
    reader = PdfReader(str(path))
    out: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def fonts(path: Path) -> dict[str, bool]:
    """Base font name → embedded?, for every font used on any page (forms included)."""
    reader = PdfReader(str(path))
    found: dict[str, bool] = {}

    def scan(resources: object) -> None:
        if resources is None:
            return
        res = resources.get_object()
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = desc_font.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (res.get("/XObject") or {}).values():
            scan(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        scan(page.get("/Resources"))
    return found


_FURNITURE = re.compile(
    r"^(Page \d+ of \d+|.*not medical advice\. · Version \S+|[ivx]+|Valor Spine)$")


def content_text(pages: list[str], title: str) -> str:
    """The pages' text without running headers and footers, pages joined by newlines (so a
    sentence that crosses a page break reads on)."""
    out = []
    for text in pages:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        while lines and (lines[0].strip() == title or _FURNITURE.match(lines[0].strip())):
            lines.pop(0)
        while lines and _FURNITURE.match(lines[-1].strip()):
            lines.pop()
        out.append("\n".join(lines))
    return "\n".join(out)
