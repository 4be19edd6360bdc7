"""Names the builder makes up inside the PDF (the contents' page-number forms, destinations,
outline keys) are ASCII whatever the headings say, so every reader opens every page without a
complaint and every contents line has its page number; every Note has a unique /ID (PDF/UA-1,
Matterhorn 19-003). The guide written here is test content, not medical advice."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfReader

from tests.conftest import build_errors
from tests.quiet import no_reader_warnings

# Latin with accents, Greek and Cyrillic: the brand's fonts draw all three (check says so).
SECTIONS = [
    "Opciones sin cirugía",
    "Ça va, l’œuvre à Zürich",
    "Ελληνικά κεφάλαια",
    "Кириллица раздел",
    "Ελληνικά κεφάλαια",
]
TITLE = "¿Qué es la ciática?"
CHAPTER = (
    f"# {TITLE}\n\nTexto de prueba.[^1]\n\n"
    + "".join(f"## {s}\n\nTest text, not medical advice.\n\n\\newpage\n\n" for s in SECTIONS)
    + '!!! note "Nota"\n    A callout.\n\n!!! expert "Expert Take"\n    Another.\n\n'
    + "Second note.[^2]\n\n[^1]: The first footnote.\n[^2]: The second footnote.\n"
)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from guide.cli import main
    from tests.hostile import write_project

    root = write_project(tmp_path_factory.mktemp("names") / "project", CHAPTER)
    code = main(["build", "--sources", str(root / "sources"), "--out", str(root / "dist")])
    assert code == 0
    return next((root / "dist").glob("*.pdf"))


def test_headings_in_several_scripts_pass_check(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = build_errors(make_project({"01-intro.md": CHAPTER}), capsys)
    assert code == 0 and lines == [], lines


def _names(obj: object, seen: set[tuple[int, int]]) -> Iterator[str]:
    """Every name (dictionary keys and Name values) reachable from ``obj``."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Name):
        yield str(obj)
    elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        entries = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        for key, value in entries.items():
            yield key
            yield from _names(value, seen)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            yield from _names(item, seen)


def test_every_name_in_the_file_is_ascii(pdf: Path) -> None:
    with pikepdf.open(pdf) as doc:
        names = set(_names(doc.Root, set()))
        for page in doc.pages:
            names.update(_names(page.obj, set()))
    assert any(n.startswith("/FormXob.toc") for n in names)
    assert [n for n in names if not n.isascii()] == []


def test_pikepdf_finds_no_problem(pdf: Path) -> None:
    with pikepdf.open(pdf) as doc:
        assert list(doc.check_pdf_syntax()) == []


def test_pypdf_reads_every_page_without_a_warning(pdf: Path) -> None:
    with no_reader_warnings("pypdf"):
        reader = PdfReader(pdf)
        texts = [page.extract_text() for page in reader.pages]
    assert TITLE in "\n".join(texts)


def _pdfium_pages(pdf: Path) -> list[pypdfium2.PdfTextPage]:
    document = pypdfium2.PdfDocument(pdf)
    return [document[i].get_textpage() for i in range(len(document))]


def test_every_contents_line_has_the_page_number_of_its_heading(pdf: Path) -> None:
    pages = _pdfium_pages(pdf)
    texts = [page.get_text_range() for page in pages]
    contents = next(
        i
        for i, t in enumerate(texts)  # a draft's watermark word comes first
        if t.lstrip().removeprefix("DRAFT").lstrip().startswith("Contents")
    )
    toc = pages[contents]
    printed: dict[str, list[str]] = {}  # heading → page numbers printed in its pages' footers
    for text in texts[contents + 1 :]:
        footer = re.search(r"Page (\d+) of \d+", text)
        for heading in dict.fromkeys([TITLE, *SECTIONS]):
            if footer and heading in text:
                printed.setdefault(heading, []).append(footer.group(1))
    occurrence: dict[str, int] = {}
    for heading in [TITLE, *SECTIONS]:
        nth = occurrence[heading] = occurrence.get(heading, -1) + 1
        searcher = toc.search(heading, match_case=True)
        found = None
        for _ in range(nth + 1):
            found = searcher.get_next()
        assert found is not None, heading
        start, count = found
        _, bottom, right, top = toc.get_charbox(start + count - 1)
        middle = (bottom + top) / 2
        line = toc.get_text_bounded(left=right, bottom=middle - 1, top=middle + 1)
        numbers = [word for word in line.split() if word.isdigit()]  # (the DRAFT mark crosses)
        assert numbers == [printed[heading][nth]], (heading, line)


def test_pdfium_reads_every_page(pdf: Path) -> None:
    texts = [page.get_text_range() for page in _pdfium_pages(pdf)]
    body = "\n".join(texts)
    assert all(s in body for s in SECTIONS)


def test_every_note_has_a_unique_id_listed_in_the_id_tree(pdf: Path) -> None:
    with pikepdf.open(pdf) as doc:
        notes = [
            obj
            for obj in doc.objects
            if isinstance(obj, pikepdf.Dictionary)
            and obj.get("/Type") == "/StructElem"
            and obj.get("/S") == "/Note"
        ]
        ids = [str(note.get("/ID", "")) for note in notes]
        assert len(notes) >= 4  # two footnotes, two callouts
        assert all(ids) and len(set(ids)) == len(ids), ids
        tree = doc.Root.StructTreeRoot.IDTree.Names
        listed = {str(tree[i]): tree[i + 1].objgen for i in range(0, len(tree), 2)}
        assert listed == {str(n.ID): n.objgen for n in notes}
        assert [str(tree[i]) for i in range(0, len(tree), 2)] == sorted(listed)
