"""`import` of a clinic's page (tests/data/pages/qa/herniated.html, written for these tests, not
medical advice): phone links stay links, guide.toml takes the clinic's own addresses and the
related posts the page shows, the log names lines, and a re-import keeps a backup of what it
replaces."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.test_scaffold import uris

PAGE = ROOT / "tests" / "data" / "pages" / "qa" / "herniated.html"
SLUG = "herniated"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "assets", root / "assets")
    (root / "sources").mkdir()
    return root


def run_import(root: Path, page: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    code, out, err = run_cli(
        ["import", str(page), "--slug", SLUG, "--sources", str(root / "sources")], capsys
    )
    assert code == 0, err
    return out, err


def test_phone_links_own_site_addresses_and_related_posts_reach_the_guide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    out, err = run_import(root, PAGE, capsys)
    folder = root / "sources" / SLUG
    chapter = (folder / "02-what-is-a-bulging-disc.md").read_text("utf-8")
    assert "call [(555) 867-5309](tel:+15558675309)." in chapter
    config = tomllib.loads((folder / "guide.toml").read_text("utf-8"))
    assert config["call_to_action"]["url"] == "https://www.valorspine.com/book-now/"
    assert config["contact"]["website"] == "https://www.valorspine.com"
    assert config["contact"]["phone"] == "(555) 867-5309"
    assert config["contact"]["email"] == "info@example.com"  # the page shows none: placeholder
    assert config["related"] == [
        {"title": "Sciatica 101", "url": "https://www.valorspine.com/articles/sciatica/"}
    ]
    assert "guide.toml takes from the page: booking, website, phone, 1 [[related]] links" in out
    # The log: dropped blocks read as words, and the page's line is named.
    assert (
        "dropped header (line 17): Home Conditions We Treat Treatments About Us Contact Book Now"
    ) in out
    assert ("dropped share buttons (line 34): Share this: Facebook X Email") in out
    assert f"{PAGE.as_posix()}:51: warning: image 'https://cdn.valorspine.com/" in err

    code, _, build_err = run_cli(
        ["build", SLUG, "--sources", str(root / "sources"), "--out", str(root / "dist")], capsys
    )
    assert code == 0, build_err
    entry = json.loads((root / "dist" / "manifest.json").read_text("utf-8"))["guides"][0]
    targets = uris(root / "dist" / entry["pdf"])
    assert "tel:+15558675309" in targets
    assert any(t.startswith("https://www.valorspine.com/articles/sciatica/") for t in targets)
    assert any(t.startswith("https://www.valorspine.com/book-now/") for t in targets)


def test_reimport_keeps_the_replaced_files_outside_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    sources = root / "sources"
    page = tmp_path / "page" / "herniated.html"
    shutil.copytree(PAGE.parent, page.parent)
    run_import(root, page, capsys)
    folder = sources / SLUG
    toml = folder / "guide.toml"  # release refuses placeholders as build --release does
    toml.write_text(
        toml.read_text("utf-8") + "\n[quality]\nplaceholders_ok = true  # test: the "
        "page's example.com addresses are on purpose\n",
        "utf-8",
    )
    assert (
        run_cli(
            ["release", SLUG, "--bump", "minor", "--summary", "First", "--sources", str(sources)],
            capsys,
        )[0]
        == 0
    )
    chapter = folder / "04-when-to-see-a-specialist.md"
    edited = chapter.read_text("utf-8") + "\nA paragraph written by hand.\n"
    chapter.write_text(edited, "utf-8")
    assert (
        run_cli(
            [
                "release",
                SLUG,
                "--bump",
                "patch",
                "--summary",
                "Hand edit",
                "--sources",
                str(sources),
            ],
            capsys,
        )[0]
        == 0
    )

    out, _ = run_import(root, page, capsys)
    assert "changed 04-when-to-see-a-specialist.md:" in out
    backup = folder / ".import-backup" / "1"
    assert f"the replaced files are kept in {backup.as_posix()}/" in out
    assert (backup / "04-when-to-see-a-specialist.md").read_text("utf-8") == edited
    assert sorted(p.name for p in backup.iterdir()) == ["04-when-to-see-a-specialist.md"]
    assert "A paragraph written by hand." not in chapter.read_text("utf-8")
    # The backup is not content: the draft names only the chapter the import changed.
    code, _, err = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "changed: guide/04-when-to-see-a-specialist.md" in err
    assert ".import-backup" not in err

    chapter.write_text(edited, "utf-8")  # edited again, imported again: a second backup
    out, _ = run_import(root, page, capsys)
    assert (folder / ".import-backup" / "2" / chapter.name).read_text("utf-8") == edited
    out, _ = run_import(root, page, capsys)  # nothing replaced: no backup, no message
    assert "kept in" not in out and not (folder / ".import-backup" / "3").exists()
