"""Guides in other languages: the builder's own words from a catalogue (guide/i18n), dates and
numbers by locale, hyphenation and /Lang by the guide's language, editions linked in the manifest.

The Spanish guide in tests/data/guia-de-prueba is test content written for these tests, not
medical advice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyphen
import pytest
from pypdf import PdfReader

from guide.cli import main
from guide.i18n import (
    CATALOGUES,
    catalogue,
    hyphenation_language,
    read_catalogue,
)
from tests.conftest import DISCLAIMER, MINIMAL_TOML, ROOT, build_errors, print_pdfs
from tests.pdftools import normalize
from tests.tagcheck import catalog, structure, walk

SPANISH = ROOT / "tests" / "data" / "guia-de-prueba"
SLUG = "guia-de-prueba"
RELEASE_EPOCH = "1796126400"  # 2026-12-01 12:00 UTC: the Spanish guide's release date
WORD = re.compile(r"[^\W\d_]+")  # letters only: "1.0.0-draft+ab" has the word "draft"
ENGLISH_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}

BOTH_LANGUAGES = {"no", "qr", "sha"}  # words of the English catalogue that Spanish uses too


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def catalogue_words(language: str) -> set[str]:
    """The words of a shipped catalogue's wording (placeholders left out)."""
    entries = catalogue(language).entries.values()
    return words(" ".join(re.sub(r"\{\w+\}", " ", text) for text in entries))


# --- the Spanish guide, built as a draft and as a released edition ---------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """assets/, the English test guide and its Spanish translation (from tests/data)."""
    root = tmp_path_factory.mktemp("i18n")
    shutil.copytree(ROOT / "assets", root / "assets")
    english = root / "sources" / "test-guide"
    english.mkdir(parents=True)
    (english / "guide.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    (english / "01-intro.md").write_text("# Introduction\n\nHello patients.\n", encoding="utf-8")
    (english / "disclaimer.md").write_text(DISCLAIMER, encoding="utf-8")
    shutil.copytree(SPANISH, root / "sources" / SLUG)
    return root


def _build(root: Path, out: str) -> Path:
    assert main(["build", "--sources", str(root / "sources"), "--out", str(root / out)]) == 0
    [pdf] = print_pdfs(root / out, f"{SLUG}-v*.pdf")
    return pdf


@pytest.fixture(scope="module")
def draft(project: Path) -> Path:
    return _build(project, "draft")


@pytest.fixture(scope="module")
def released(project: Path, draft: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", RELEASE_EPOCH)
        for slug in (SLUG, "test-guide"):
            assert (
                main(
                    [
                        "release",
                        slug,
                        "--bump",
                        "minor",
                        "--summary",
                        "Primera edición.",
                        "--sources",
                        str(project / "sources"),
                    ]
                )
                == 0
            )
        return _build(project, "released")


def source_words() -> set[str]:
    """Every word the author wrote: the Markdown files and guide.toml's strings."""
    found = set()
    for path in SPANISH.iterdir():
        if path.suffix == ".md":
            found |= words(path.read_text(encoding="utf-8"))
    data = tomllib.loads((SPANISH / "guide.toml").read_text(encoding="utf-8"))

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for text in strings(data):
        found |= words(text)
    return found | {"primera", "edición"}  # the release summary, also the author's


def everything_said(pdf: Path) -> str:
    """What a reader sees or hears: page text, page labels, outline, metadata, alternative
    text of figures and what each link says it does."""
    reader = PdfReader(str(pdf))
    parts = [page.extract_text() for page in reader.pages]
    parts += list(reader.page_labels)
    info = reader.metadata
    assert info is not None
    parts += [str(info.get(key, "")) for key in ("/Title", "/Subject", "/Author", "/Keywords")]

    def titles(items: Sequence[object]) -> Iterator[str]:
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield str(getattr(item, "title", ""))

    parts += list(titles(reader.outline))
    _, root = structure(pdf)
    for node in walk(root):
        parts.append(str(node.obj.get("/Alt", "")))
        parts += [str(annot.get("/Contents", "")) for annot in node.annots]
    return normalize("\n".join(parts))  # soft hyphens and line ends undone


@pytest.mark.parametrize("edition", ["draft", "released"])
def test_no_english_word_the_builder_adds(edition: str, request: pytest.FixtureRequest) -> None:
    pdf: Path = request.getfixturevalue(edition)
    version = pdf.stem.removeprefix(f"{SLUG}-v")
    said = everything_said(pdf).replace(version, " ")  # the version is an identifier,
    said = re.sub(r"\b[0-9a-f]{8}\b", " ", said)  # so is the fingerprint (in groups of 8)
    added = {
        w for w in words(said) - source_words() if not re.fullmatch(r"[ivx]+", w)
    }  # the contents' page numbers: i, ii...
    english_only = catalogue_words("en-US") - BOTH_LANGUAGES
    assert not added & english_only, sorted(added & english_only)
    assert not added & ENGLISH_MONTHS
    # What is left is the Spanish catalogue's wording and Spanish dates, nothing else.
    dates = {"de", "noviembre", "diciembre"}
    assert added <= catalogue_words("es-US") | dates, sorted(added - catalogue_words("es-US"))
    assert {"índice", "capítulo", "página", "versión", "figura"} <= added


def test_dates_are_spanish(draft: Path, released: Path) -> None:
    cover = PdfReader(str(draft)).pages[0].extract_text()
    # A draft never shows a date of its own: the last release's, or that there is none yet.
    assert "Borrador 1.0.0-draft+" in cover and "aún sin publicar" in cover
    history = everything_said(released)
    assert "Versión 1.0.0 · 1 de diciembre de 2026" in history  # cover, back cover, history


def test_language_tag_and_metadata(released: Path) -> None:
    document = catalog(PdfReader(str(released)))
    assert str(document["/Lang"]) == "es-US"
    xmp = document["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<dc:language><rdf:Bag><rdf:li>es-US</rdf:li></rdf:Bag></dc:language>" in xmp
    assert "<guide:translationOf>test-guide</guide:translationOf>" in xmp
    _, root = structure(released)
    # Only the paragraph the author marked {: lang="en-US" } declares another language.
    marked = [(n.type, str(n.obj["/Lang"])) for n in walk(root) if "/Lang" in n.obj]
    assert marked == [("P", "en-US")]


def test_a_block_language_must_be_a_tag(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"01-intro.md": '# Intro\n\nHola.\n{: lang="spanish" }\n'})
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert (
        "sources/test-guide/01-intro.md:3: error: 'lang' must be a tag like \"en-US\", "
        "not 'spanish'"
    ) in lines


def test_screen_readers_hear_spanish(released: Path) -> None:
    _, root = structure(released)
    nodes = walk(root)
    alts = [str(n.obj["/Alt"]) for n in nodes if "/Alt" in n.obj]
    assert "Código QR que enlaza a https://example.com/cita" in alts
    said = [str(a.get("/Contents")) for n in nodes for a in n.annots]
    assert "Enlace a https://example.com/ejemplo" in said
    assert "Ir a la sección: ¿Qué es esta guía?" in said


def test_spanish_hyphenation(draft: Path) -> None:
    """Long words break at Spanish syllables, where an English dictionary would not."""
    text = "\n".join(page.extract_text() for page in PdfReader(str(draft)).pages)
    breaks = re.findall(r"(\w+)\xad\s*\n\s*(\w+)", text)
    assert len(breaks) >= 3, text
    spanish, english = pyphen.Pyphen(lang="es"), pyphen.Pyphen(lang="en_US")
    for head, tail in breaks:
        assert len(head) in spanish.positions(head + tail), (head, tail)
    assert any(len(head) not in english.positions(head + tail) for head, tail in breaks)


def test_spanish_characters_are_drawn_and_checked(
    project: Path, draft: Path, released: Path
) -> None:
    text = everything_said(draft)
    for char in "áéíóúñü¿¡«»":
        assert char in text, char
    assert main(["check", "--sources", str(project / "sources")]) == 0  # coverage passes


def test_manifest_groups_editions(project: Path, released: Path) -> None:
    manifest = json.loads((project / "released" / "manifest.json").read_text(encoding="utf-8"))
    entries = {g["slug"]: g for g in manifest["guides"] if g["edition"] == "print"}
    assert (entries[SLUG]["language"], entries[SLUG]["translation_of"]) == ("es-US", "test-guide")
    assert entries["test-guide"]["language"] == "en-US"
    group = manifest["editions"]["test-guide"]
    assert all(e["phone"].endswith("-phone.pdf") for e in group)  # beside the print edition
    assert [(e["language"], e["slug"], e["pdf"]) for e in group] == [
        ("en-US", "test-guide", entries["test-guide"]["pdf"]),
        ("es-US", SLUG, released.name),
    ]
    assert SLUG not in manifest["editions"]


# --- catalogues -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CATALOGUES.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_catalogues_are_complete(path: Path) -> None:
    found = read_catalogue(path.stem, path)
    assert found.problems == () and found.fallback == frozenset()
    assert found.entries.keys() == catalogue("en-US").entries.keys()


def test_catalogues_ship_with_the_package() -> None:
    """pyproject's package data names every catalogue (so ``pip install .`` has them)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["guide"]
    shipped = {p for pattern in patterns for p in (ROOT / "guide").glob(pattern)}
    assert set(CATALOGUES.glob("*.toml")) <= shipped


def test_a_missing_or_wrong_entry_falls_back_to_english(tmp_path: Path) -> None:
    path = tmp_path / "fr.toml"
    path.write_text(
        'contents = "Table des matières"\n'
        'page_of = "Page {page} sur {total}"\n'
        'chapitre = "CHAPITRE {number}"\n',
        encoding="utf-8",
    )
    found = read_catalogue("fr-FR", path)
    assert found.text("contents") == "Table des matières" and found.lang("contents") == ""
    assert found.text("chapter", number=2) == "CHAPTER 2" and found.lang("chapter") == "en-US"
    assert found.text("page_of", page=1, pages=9) == "Page 1 of 9"
    messages = [f"{d.location.line}: {d.severity.value}: {d.message}" for d in found.problems]
    assert (
        "1: warning: no wording for 'cover_label' in this catalogue: the English "
        "'FREE PATIENT GUIDE' is used"
    ) in messages
    assert (
        "2: warning: 'page_of' must use the placeholders of the English wording "
        "({page}, {pages}): the English 'Page {page} of {pages}' is used"
    ) in messages
    assert "3: warning: unknown key 'chapitre' (did you mean 'chapter'?)" in messages
    assert all(d.location.path == str(path) for d in found.problems)


def test_dates_and_numbers_by_locale() -> None:
    assert catalogue("es-US").date("2026-11-25") == "25 de noviembre de 2026"
    assert catalogue("en-US").date("2026-11-25") == "November 25, 2026"
    assert catalogue("es-ES").text("page_of", page=3, pages=12000) == "Página 3 de 12.000"
    assert catalogue("en-US").text("page_of", page=3, pages=12000) == "Page 3 of 12,000"


def test_us_english_is_written_as_babel_writes_it() -> None:
    # US English dates and numbers skip Babel (its import costs a cold build about 0.1 s): they
    # must read exactly as Babel's CLDR data writes them, on every day of a leap year and more.
    from babel.dates import format_date
    from babel.numbers import format_decimal

    words = catalogue("en-US")
    assert words.locale == "en_US"
    start = dt.date(2024, 1, 1)
    for offset in range(0, 800, 1):
        day = start + dt.timedelta(days=offset)
        assert words.date(day.isoformat()) == format_date(day, format="long", locale="en_US")
    for day in (dt.date(1, 1, 1), dt.date(999, 9, 9), dt.date(9999, 12, 31)):
        assert words.date(day.isoformat()) == format_date(day, format="long", locale="en_US")
    for value in (0, 7, -7, 999, 1000, -1000, 12345, 1234567, -98765432, 10**15):
        assert words.number(value) == format_decimal(value, locale="en_US")
    assert catalogue("en-GB").date("2026-11-25") == "25 November 2026"  # Babel's, not the US's


def test_hyphenation_follows_the_guide() -> None:
    assert hyphenation_language("en_US", "en-US") == "en_US"
    assert hyphenation_language("en_US", "es-US") == "es_US"
    assert hyphenation_language("", "es-US") == ""  # the brand switched it off


# --- whole builds in other languages ----------------------------------------------------------


def test_a_language_without_catalogue_builds_in_english_with_a_warning(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(toml=MINIMAL_TOML.replace('language = "en-US"', 'language = "fr-FR"'))
    code, lines = build_errors(root, capsys)
    assert code == 0
    assert any(
        line.startswith(
            "sources/test-guide/guide.toml:5: warning: the builder has no wording in 'fr-FR'"
        )
        for line in lines
    ), lines
    [pdf] = print_pdfs(root / "dist")
    assert "Contents" in PdfReader(str(pdf)).pages[1].extract_text()


@pytest.fixture
def partial_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A French catalogue with one entry, beside copies of the shipped ones."""
    folder = tmp_path / "catalogues"
    shutil.copytree(CATALOGUES, folder)
    (folder / "fr.toml").write_text('cover_label = "GUIDE GRATUIT"\n', encoding="utf-8")
    monkeypatch.setattr("guide.i18n.CATALOGUES", folder)
    catalogue.cache_clear()
    yield
    catalogue.cache_clear()


def test_english_fallback_words_carry_their_language(
    partial_french: None, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(toml=MINIMAL_TOML.replace('language = "en-US"', 'language = "fr-FR"'))
    code, lines = build_errors(root, capsys)
    assert code == 0
    assert any(
        line.endswith(
            "warning: no wording for 'contents' in this catalogue: the English 'Contents' is used"
        )
        for line in lines
    ), lines
    [pdf] = print_pdfs(root / "dist")
    assert "GUIDE GRATUIT" in PdfReader(str(pdf)).pages[0].extract_text()
    _, tree = structure(pdf)
    langs = {(n.type, str(n.obj["/Lang"])) for n in walk(tree) if "/Lang" in n.obj}
    assert ("H1", "en-US") in langs  # "Contents", "Revision history": English in French
    assert ("Figure", "en-US") in langs  # the QR code's alternative text
    assert ("TOCI", "en-US") in langs  # the contents' line for "Revision history"


# --- translation_of -----------------------------------------------------------------------------


def test_translation_of_must_name_a_sibling_guide(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    make_project()
    toml = MINIMAL_TOML.replace(
        'language = "en-US"', 'language = "es-US"\ntranslation_of = "test-giude"'
    )
    root = make_project(slug="guia", toml=toml)
    code, lines = build_errors(root, capsys)
    assert code == 1
    assert (
        "sources/guia/guide.toml:6: error: 'translation_of' names no guide: there is no "
        "'test-giude/guide.toml' beside this guide (did you mean 'test-guide'?)"
    ) in lines
    toml = toml.replace('"test-giude"', '"guia"')
    make_project(slug="guia", toml=toml)
    code, lines = build_errors(root, capsys)
    assert code == 1 and any(
        "'translation_of' names this guide itself" in line for line in lines
    ), lines


def test_the_english_reference_keeps_its_words(reference_pdf: Path) -> None:
    """The English catalogue gives the words the reference guide always had (the golden
    snapshot holds its whole text)."""
    said = everything_said(reference_pdf)
    ledger = tomllib.loads(
        (ROOT / "sources/discogenic-back-pain/revisions.toml").read_text(encoding="utf-8")
    )["revision"][-1]
    released = f"Version {ledger['version']} · {catalogue('en-US').date(ledger['date'])}"
    assert re.search(r"Page 1 of \d+\b", said)
    for expected in (
        "FREE PATIENT GUIDE",
        "Contents",
        "CHAPTER 1",
        "Figure 1.",
        "Related articles",
        "Revision history",
        "What changed in this edition",
        released,
        "Link to https://example.com/",
        "QR code linking to https://example.com/valor-spine/schedule",
        "Go to section: What Is Discogenic Back Pain?",
    ):
        assert expected in said, expected
    assert PdfReader(str(reference_pdf)).page_labels[0] == "Cover"
