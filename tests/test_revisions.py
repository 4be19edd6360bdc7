"""Versioning per content revision: fingerprint, ledger, edition resolution, release, check."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import cast

import pytest

from guide.build import check as build_check
from guide.config import load_brand, load_guide
from guide.config.schema import Brand, GuideConfig
from guide.edition import Revision
from guide.errors import Diagnostics
from guide.options import BuildOptions
from guide.revisions import (
    LEDGER_NAME,
    Version,
    append_revision,
    fingerprint,
    load_ledger,
    release,
    resolve_edition,
)
from guide.revisions.ledger import entry_text
from guide.revisions.release import Validate
from guide.revisions.semver import Bump
from tests.conftest import DISCLAIMER

REPO = Path(__file__).resolve().parents[1]
FP = "a" * 64
FP2 = "b" * 64
NO_EPOCH: dict[str, str] = {}
SVG = '<svg xmlns="http://www.w3.org/2000/svg">'
INTRO = "sources/test-guide/01-intro.md"

GUIDE_TOML = """\
# A small guide for the tests.
title = "Test Guide"
author = "Valor Spine"
chapters = ["01-intro.md"]
disclaimer = "disclaimer.md"
version = "1.0.0"
date = "2026-01-10"
quality.placeholders_ok = true  # test content: its example.com addresses are on purpose

[call_to_action]
heading = "Book"
text = "Come and see us."
label = "Book now"
url = "https://example.com/book"

[contact]
website = "https://example.com"
email = "info@example.com"
"""

BASE_FILES = {
    "assets/brand.toml": (REPO / "assets" / "brand.toml").read_text(encoding="utf-8"),
    "assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n',
    "assets/illustrations/disc.svg": SVG + '<circle r="4"/></svg>',
    "assets/README.md": "Notes about the assets.\n",
    "sources/test-guide/guide.toml": GUIDE_TOML,
    "sources/test-guide/01-intro.md": "# Introduction\n\nBack pain is common.\n\nIt can heal.\n",
    "sources/test-guide/disclaimer.md": DISCLAIMER,
}


def make_project(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A throwaway project: the base files, overridden (or removed, with "") by ``files``."""
    for name, content in {**BASE_FILES, **(files or {})}.items():
        path = root / name
        if content == "":
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def load(root: Path, slug: str = "test-guide") -> tuple[GuideConfig, Brand]:
    diagnostics = Diagnostics()
    config = load_guide(root / "sources" / slug, f"sources/{slug}", diagnostics)
    brand = load_brand(root / "assets" / "brand.toml", "assets/brand.toml", diagnostics)
    assert not diagnostics.items, [str(d) for d in diagnostics.items]
    assert config is not None and brand is not None
    return config, brand


def fp_of(root: Path) -> str:
    config, brand = load(root)
    return fingerprint(config, brand, root / "assets")


def ledger_errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / LEDGER_NAME
    path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    revisions = load_ledger(path, "sources/g/revisions.toml", diagnostics)
    if diagnostics.items:
        assert revisions == ()
    return [str(d) for d in sorted(diagnostics.items, key=lambda d: d.sort_key)]


def entry(
    version: str = "1.0.0",
    date: str = "2026-01-10",
    fp: str = FP,
    summary: str = "First edition.",
    extra: str = "",
) -> str:
    return (
        f'[[revision]]\nversion = "{version}"\ndate = "{date}"\nfingerprint = "{fp}"\n'
        f'summary = "{summary}"\n{extra}'
    )


# --- semver --------------------------------------------------------------------------------


def test_versions_parse_bump_and_order() -> None:
    v = Version.parse("1.2.3")
    assert v == Version(1, 2, 3)
    assert str(v.bump("major")) == "2.0.0"
    assert str(v.bump("minor")) == "1.3.0"
    assert str(v.bump("patch")) == "1.2.4"
    assert v.draft("0123456789abcdef") == "1.2.3-draft+01234567"
    assert Version(1, 10, 0) > Version(1, 9, 9)
    for bad in ("1.2", "01.2.3", "1.2.3-rc1", "v1.2.3", ""):
        assert Version.parse(bad) is None


# --- fingerprint ---------------------------------------------------------------------------


def test_fingerprint_is_sha256_hex_and_repeatable(tmp_path: Path) -> None:
    digest = fp_of(make_project(tmp_path))
    assert re.fullmatch(r"[0-9a-f]{64}", digest), digest
    assert fp_of(tmp_path) == digest


def test_fingerprint_ignores_folder_line_endings_bom_and_timestamps(tmp_path: Path) -> None:
    first = fp_of(make_project(tmp_path / "a"))
    crlf: dict[str, str | bytes] = {
        name: text.replace("\n", "\r\n")
        for name, text in BASE_FILES.items()
        if name.endswith((".md", ".toml"))
    }
    crlf["sources/test-guide/01-intro.md"] = (
        b"\xef\xbb\xbf" + BASE_FILES[INTRO].replace("\n", "\r\n").encode()
    )
    moved = make_project(tmp_path / "elsewhere" / "deeper", crlf)
    for path in moved.rglob("*"):
        path.touch()
    assert fp_of(moved) == first


def test_fingerprint_ignores_toml_comments_layout_and_release_keys(tmp_path: Path) -> None:
    first = fp_of(make_project(tmp_path / "a"))
    edited = GUIDE_TOML.replace("# A small guide for the tests.", "# Reworded comment")
    edited = edited.replace('title = "Test Guide"', 'title   =   "Test Guide"  # aligned')
    edited = edited.replace('version = "1.0.0"', 'version = "9.9.9"')
    edited = edited.replace('date = "2026-01-10"', 'date = "2030-05-05"')
    brand = BASE_FILES["assets/brand.toml"].replace("# Valor Spine brand", "# The brand")
    root = make_project(
        tmp_path / "b", {"sources/test-guide/guide.toml": edited, "assets/brand.toml": brand}
    )
    assert fp_of(root) == first


def test_fingerprint_ignores_ledger_docs_and_hidden_files(tmp_path: Path) -> None:
    first = fp_of(make_project(tmp_path / "a"))
    root = make_project(
        tmp_path / "b",
        {
            f"sources/test-guide/{LEDGER_NAME}": entry(),
            "assets/README.md": "Rewritten notes.\n",
            "assets/.DS_Store": b"\0\1",
            "sources/test-guide/.notes.swp": b"x",
        },
    )
    assert fp_of(root) == first


@pytest.mark.parametrize(
    "change",
    [
        {INTRO: "# Introduction\n\nBack pain is frequent.\n\nIt can heal.\n"},
        {"sources/test-guide/disclaimer.md": "Not medical advice at all.\n"},
        {"sources/test-guide/guide.toml": GUIDE_TOML.replace('"Test Guide"', '"Test Guides"')},
        {"assets/brand.toml": BASE_FILES["assets/brand.toml"].replace("#0d4f5c", "#0d4f5d")},
        {"assets/illustrations/disc.svg": SVG + '<circle r="5"/></svg>'},
        {"assets/illustrations/new.png": b"\x89PNG\r\n\x1a\n"},
        {"assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="10"/>\n'},
        {"sources/test-guide/figure.svg": "<svg/>"},
    ],
    ids=[
        "one-word",
        "disclaimer",
        "title",
        "brand-colour",
        "illustration",
        "new-image",
        "logo",
        "guide-image",
    ],
)
def test_fingerprint_changes_with_content(tmp_path: Path, change: dict[str, str | bytes]) -> None:
    assert fp_of(make_project(tmp_path / "a")) != fp_of(make_project(tmp_path / "b", change))


def test_fingerprint_follows_font_bytes(tmp_path: Path) -> None:
    brand = BASE_FILES["assets/brand.toml"]
    regular = "font_source_serif_pro:SourceSerifPro-Regular.ttf"
    source = load(make_project(tmp_path / "a"))[1].body_font.regular
    one = make_project(
        tmp_path / "one",
        {
            "assets/brand.toml": brand.replace(regular, "fonts/Body.ttf"),
            "assets/fonts/Body.ttf": source.read_bytes(),
        },
    )
    two = make_project(
        tmp_path / "two",
        {
            "assets/brand.toml": brand.replace(regular, "fonts/Body.ttf"),
            "assets/fonts/Body.ttf": source.read_bytes() + b"\0",
        },
    )
    assert fp_of(one) != fp_of(two)
    # a package font counts by its bytes, named by its spec (not its install path)
    assert fp_of(make_project(tmp_path / "a")) != fp_of(one)


# --- ledger --------------------------------------------------------------------------------


def test_ledger_missing_is_empty(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert load_ledger(tmp_path / LEDGER_NAME, "x", diagnostics) == ()
    assert not diagnostics.items


def test_ledger_reads_entries_oldest_first(tmp_path: Path) -> None:
    path = tmp_path / LEDGER_NAME
    path.write_text(
        "# header\n"
        + entry()
        + "\n"
        + entry(
            "1.1.0",
            "2026-02-01",
            FP2,
            "Second.",
            'reviewed_by = "Dr. Q"\nreviewed_on = 2026-01-30\n',
        ),
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    revisions = load_ledger(path, "r", diagnostics)
    assert not diagnostics.items
    assert [r.version for r in revisions] == ["1.0.0", "1.1.0"]
    assert revisions[1].reviewed_by == "Dr. Q" and revisions[1].reviewed_on == "2026-01-30"


def test_ledger_duplicate_version(tmp_path: Path) -> None:
    text = entry() + entry(date="2026-01-11", fp=FP2)
    assert ledger_errors(tmp_path, text) == [
        "sources/g/revisions.toml:7: error: version 1.0.0 is already recorded at line 2"
    ]


def test_ledger_version_going_backwards(tmp_path: Path) -> None:
    text = entry("1.2.0") + entry("1.1.9", "2026-01-11", FP2)
    assert ledger_errors(tmp_path, text) == [
        "sources/g/revisions.toml:7: error: version 1.1.9 is lower than 1.2.0 at line 2; "
        "list revisions oldest first, newest last"
    ]


def test_ledger_date_going_backwards(tmp_path: Path) -> None:
    text = entry() + entry("1.0.1", "2026-01-09", FP2)
    assert ledger_errors(tmp_path, text) == [
        "sources/g/revisions.toml:8: error: date 2026-01-09 is earlier than 2026-01-10 at "
        "line 3; dates must not go back"
    ]


def test_ledger_bad_values(tmp_path: Path) -> None:
    text = entry("1.0", "2026-13-01", "ABC", extra='reviewed_on = "soon"\n')
    assert ledger_errors(tmp_path, text) == [
        "sources/g/revisions.toml:2: error: 'version' must be major.minor.patch, like "
        "\"1.0.0\", not '1.0'",
        "sources/g/revisions.toml:3: error: 'date' must be a date like \"2026-11-25\", "
        "not '2026-13-01'",
        "sources/g/revisions.toml:4: error: 'fingerprint' must be 64 lowercase hex digits "
        "(a sha256), not 'ABC'",
        "sources/g/revisions.toml:6: error: 'reviewed_on' must be a date like \"2026-11-25\", "
        "not 'soon'",
    ]


def test_ledger_unknown_and_missing_keys(tmp_path: Path) -> None:
    text = (
        'title = "x"\n\n[[revision]]\nversion = "1.0.0"\ndate = "2026-01-10"\n'
        'sumary = "Typo."\nreviewd_by = "Dr. Q"\n'
    )
    assert ledger_errors(tmp_path, text) == [
        "sources/g/revisions.toml:1: error: unknown key 'title'",
        "sources/g/revisions.toml:3: error: missing required key 'revision.fingerprint'",
        "sources/g/revisions.toml:3: error: missing required key 'revision.summary'",
        "sources/g/revisions.toml:6: error: unknown key 'revision.sumary' (did you mean "
        "'summary'?)",
        "sources/g/revisions.toml:7: error: unknown key 'revision.reviewd_by' (did you mean "
        "'reviewed_by'?)",
    ]


def test_ledger_invalid_toml(tmp_path: Path) -> None:
    errors = ledger_errors(tmp_path, entry() + "summary = \n")
    assert len(errors) == 1 and errors[0].startswith("sources/g/revisions.toml:6:")


def test_append_keeps_existing_text_and_round_trips(tmp_path: Path) -> None:

    path = tmp_path / LEDGER_NAME
    original = "# Keep this comment\r\n" + entry().replace("\n", "\r\n") + "# trailing note"
    path.write_bytes(original.encode())
    revision = Revision("1.1.0", "2026-02-02", FP2, 'Says "hello" \\ again', "Dr. Q", "2026-02-02")
    append_revision(path, revision)
    data = path.read_bytes()
    assert data.startswith(original.encode())
    assert (
        b"\n[[revision]]" in data and b"\r\n" in data and b"\n\n" not in data.replace(b"\r\n", b"")
    )
    diagnostics = Diagnostics()
    assert load_ledger(path, "r", diagnostics)[-1] == revision
    assert not diagnostics.items
    assert not [p for p in tmp_path.iterdir() if p.name != LEDGER_NAME]  # no temp file left


def test_append_creates_ledger_with_header(tmp_path: Path) -> None:

    path = tmp_path / LEDGER_NAME
    append_revision(path, Revision("1.0.0", "2026-01-10", FP, "First."))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Revision ledger") and text.endswith(
        entry_text(Revision("1.0.0", "2026-01-10", FP, "First."))
    )
    assert "reviewed_by" not in text


# --- edition resolution --------------------------------------------------------------------


def test_no_ledger_is_a_draft_of_guide_toml_version(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    config, brand = load(root)
    diagnostics = Diagnostics()
    edition = resolve_edition(config, brand, root / "assets", diagnostics, environ=NO_EPOCH)
    digest = fp_of(root)
    assert not diagnostics.items
    assert edition.draft and edition.fingerprint == digest
    assert edition.version == f"1.0.0-draft+{digest[:8]}"
    assert edition.date == "2026-01-10" and edition.history == ()


def test_no_ledger_and_no_version_drafts_0_1_0(tmp_path: Path) -> None:
    toml = GUIDE_TOML.replace('version = "1.0.0"\n', "").replace('date = "2026-01-10"\n', "")
    root = make_project(tmp_path, {"sources/test-guide/guide.toml": toml})
    config, brand = load(root)  # guide.toml may leave version and date to the ledger
    edition = resolve_edition(config, brand, root / "assets", Diagnostics(), environ=NO_EPOCH)
    assert edition.version.startswith("0.1.0-draft+") and edition.date == "1980-01-01"
    revision, errors = do_release(root, "major", "First.")
    assert not errors and revision is not None and revision.version == "1.0.0"


def test_matching_ledger_gives_release_edition(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    digest = fp_of(root)
    (root / "sources/test-guide" / LEDGER_NAME).write_text(
        entry() + "\n" + entry("1.2.0", "2026-03-01", digest, "Second."), encoding="utf-8"
    )
    config, brand = load(root)
    edition = resolve_edition(
        config, brand, root / "assets", Diagnostics(), environ={"SOURCE_DATE_EPOCH": "0"}
    )
    assert (edition.version, edition.date, edition.draft) == ("1.2.0", "2026-03-01", False)
    assert [r.version for r in edition.history] == ["1.2.0", "1.0.0"]  # newest first


def test_content_matching_an_older_entry_is_a_draft(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    digest = fp_of(root)
    (root / "sources/test-guide" / LEDGER_NAME).write_text(
        entry("1.0.0", fp=digest) + entry("1.2.5", "2026-03-01", FP2, "Second."), encoding="utf-8"
    )
    config, brand = load(root)
    edition = resolve_edition(
        config, brand, root / "assets", Diagnostics(), environ={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert edition.draft and edition.version == f"1.3.0-draft+{digest[:8]}"
    assert edition.date == "2026-01-01"  # SOURCE_DATE_EPOCH dates a draft


def test_bad_source_date_epoch(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    config, brand = load(root)
    diagnostics = Diagnostics()
    resolve_edition(
        config, brand, root / "assets", diagnostics, environ={"SOURCE_DATE_EPOCH": "yesterday"}
    )
    assert [str(d) for d in diagnostics.items] == [
        "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH must be a whole number of seconds since "
        "1970-01-01, not 'yesterday'"
    ]


# --- release and check ---------------------------------------------------------------------


def do_release(
    root: Path,
    bump: str = "patch",
    summary: str = "Edits.",
    *,
    reviewed_by: str = "",
    validate: Validate | None = None,
) -> tuple[Revision | None, list[str]]:
    """Release the test guide (``bump`` unchecked: the tests pass wrong ones on purpose)."""
    result = release(
        root / "sources/test-guide",
        root / "assets",
        cast(Bump, bump),
        summary,
        reviewed_by=reviewed_by,
        display_folder="sources/test-guide",
        assets_display="assets",
        validate=validate,
        environ=NO_EPOCH,
        today=dt.date(2026, 4, 1),
    )
    return result.revision, [str(d) for d in result.diagnostics]


def run_check(root: Path) -> list[str]:
    """The build's check (load, parse, check, drafts), run from the project folder."""
    with contextlib.chdir(root):
        result = build_check(BuildOptions(sources=Path("sources")))
    return [str(d) for d in sorted(result.diagnostics, key=lambda d: d.sort_key)]


def test_first_release_adopts_guide_toml_version_then_check_passes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    errors = run_check(root)
    assert len(errors) == 1 and errors[0].startswith(
        "sources/test-guide/guide.toml:1: error: guide 'test-guide' is a draft (1.0.0-draft+"
    )
    assert "python3 build_guide.py release test-guide --bump" in errors[0]
    revision, errors = do_release(root, "minor", "First edition.", reviewed_by="Dr. Q")
    assert not errors
    assert revision is not None
    assert (revision.version, revision.date, revision.reviewed_by, revision.reviewed_on) == (
        "1.0.0",
        "2026-04-01",
        "Dr. Q",
        "2026-04-01",
    )
    assert run_check(root) == []


def test_release_refuses_unchanged_content(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert do_release(root)[1] == []
    before = (root / "sources/test-guide" / LEDGER_NAME).read_bytes()
    revision, errors = do_release(root)
    assert revision is None
    assert errors == [
        "sources/test-guide/revisions.toml:8: error: nothing to release: the "
        "content of 'test-guide' is unchanged since 1.0.0 (same fingerprint)"
    ]
    assert (root / "sources/test-guide" / LEDGER_NAME).read_bytes() == before


def test_one_word_edit_makes_a_draft_until_released(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert do_release(root, "major")[1] == []  # 1.0.0: the first release adopts guide.toml
    chapter = root / "sources/test-guide/01-intro.md"
    chapter.write_text(chapter.read_text().replace("common", "frequent"), encoding="utf-8")
    errors = run_check(root)
    assert len(errors) == 1
    assert errors[0].startswith(
        "sources/test-guide/revisions.toml:8: error: guide 'test-guide' is a draft (1.1.0-draft+"
    )
    assert "changed since 1.0.0" in errors[0]
    revision, errors = do_release(root, "patch", "One word.")
    assert not errors and revision is not None and revision.version == "1.0.1"
    assert run_check(root) == []
    config, brand = load(root)
    edition = resolve_edition(config, brand, root / "assets", Diagnostics(), environ=NO_EPOCH)
    assert (edition.version, edition.draft) == ("1.0.1", False)
    assert [r.summary for r in edition.history][:1] == ["One word."]


def test_release_argument_and_ledger_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    revision, errors = do_release(root, "huge", " ")
    assert revision is None and errors == [
        "--bump: error: --bump must be one of major, minor, patch, not 'huge'",
        "--summary: error: --summary must say, in one line, what changed",
    ]
    (root / "sources/test-guide" / LEDGER_NAME).write_text(entry("1.0"), encoding="utf-8")
    revision, errors = do_release(root)
    assert revision is None and errors[0].startswith("sources/test-guide/revisions.toml:2: error:")


def test_release_runs_the_content_validation(tmp_path: Path) -> None:
    from guide.errors import Location

    root = make_project(tmp_path)

    def validate(config: GuideConfig, brand: Brand, diagnostics: Diagnostics) -> None:
        diagnostics.error("broken link", Location("sources/test-guide/01-intro.md", 3))

    revision, errors = do_release(root, validate=validate)
    assert revision is None and errors == ["sources/test-guide/01-intro.md:3: error: broken link"]
    assert not (root / "sources/test-guide" / LEDGER_NAME).exists()


def test_check_reports_ledger_errors_and_missing_guides(tmp_path: Path) -> None:
    root = make_project(tmp_path, {f"sources/test-guide/{LEDGER_NAME}": entry(fp="xyz")})
    errors = run_check(root)
    assert errors[0] == (
        "sources/test-guide/revisions.toml:4: error: 'fingerprint' must be 64 "
        "lowercase hex digits (a sha256), not 'xyz'"
    )
    shutil.rmtree(root / "sources")
    [message] = run_check(root)
    assert message.startswith("sources: error: sources folder not found: looked for ")


# --- revision-history page -----------------------------------------------------------------


def test_history_blocks_for_a_release_and_a_draft() -> None:
    from guide import model as m
    from guide.edition import Edition
    from guide.i18n import catalogue
    from guide.revisions.history import history_blocks

    english = catalogue("en-US")

    def text(blocks: tuple[m.Block, ...]) -> str:
        out = []
        for block in m.walk(blocks):
            if isinstance(block, m.Heading | m.Paragraph):
                out.append(m.plain_text(block.inlines))
        return " | ".join(out)

    old = Revision("1.0.0", "2026-01-10", FP, "First.")
    new = Revision("1.1.0", "2026-03-02", FP2, "Second.", "Dr. Q", "2026-03-01")
    released = text(history_blocks(Edition("1.1.0", "2026-03-02", False, FP2, (new, old)), english))
    assert released.startswith(
        "Revision history | What changed in this edition | "
        "Version 1.1.0 · March 2, 2026 | Second. | "
        "Reviewed by Dr. Q on March 1, 2026. | Earlier editions | "
        "1.0.0 · January 10, 2026 — First."
    )
    assert released.endswith(
        "bbbbbbbb bbbbbbbb bbbbbbbb bbbbbbbb bbbbbbbb bbbbbbbb bbbbbbbb bbbbbbbb"
    )
    draft = text(history_blocks(Edition("0.1.0-draft+aaaaaaaa", "1980-01-01", True, FP), english))
    assert "Draft 0.1.0-draft+aaaaaaaa." in draft and "No edition" in draft
    assert "Earlier editions" not in draft and "Released editions" not in draft
