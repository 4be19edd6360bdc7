"""What a build leaves in dist/ for the website: exactly what manifest.json lists plus the stable
``<slug>.pdf``, landing-page pictures (deterministic), and versions owned by the ledger."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import run_cli
from tests.pdftools import normalize, page_texts

SLUG = "test-guide"


def build(
    root: Path, capsys: pytest.CaptureFixture[str], *extra: str, out: str = "dist"
) -> tuple[str, str]:
    code, stdout, err = run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / out), *extra], capsys
    )
    assert code == 0, err
    return stdout, err


def release(root: Path, capsys: pytest.CaptureFixture[str], bump: str = "minor") -> str:
    code, out, err = run_cli(
        [
            "release",
            SLUG,
            "--bump",
            bump,
            "--summary",
            "An edition",
            "--sources",
            str(root / "sources"),
        ],
        capsys,
    )
    assert code == 0, err
    return out


def manifest(folder: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((folder / "manifest.json").read_text("utf-8"))
    return data


def entry(folder: Path, edition: str = "print") -> dict[str, Any]:
    """The guide's entry for ``edition``; every guide builds a print and a phone edition."""
    guides = manifest(folder)["guides"]
    assert isinstance(guides, list) and [g["edition"] for g in guides] == ["print", "phone"]
    guide: dict[str, Any] = guides[0 if edition == "print" else 1]
    return guide


def both(name: str) -> set[str]:
    """A print PDF's name and its phone edition's."""
    return {name, name.removesuffix(".pdf") + "-phone.pdf"}


STABLE = both(f"{SLUG}.pdf")  # each edition's newest release under a name that stays


def listed(folder: Path) -> set[str]:
    """Every file the manifest names, the manifest itself included."""
    names = {"manifest.json"}
    for guide in manifest(folder)["guides"]:  # type: ignore[attr-defined]
        names.add(guide["pdf"])
        names |= {p["path"] for p in guide.get("previews", [])}
    return names


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796256000")  # 2026-12-03


def edit(root: Path, words: str) -> None:
    (root / "sources" / SLUG / "01-intro.md").write_text(f"# Introduction\n\n{words}\n", "utf-8")


def test_dist_holds_what_the_manifest_lists_plus_the_stable_name(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    dist = root / "dist"
    release(root, capsys)
    build(root, capsys)
    assert (
        files(dist)
        == listed(dist) | STABLE
        == {"manifest.json", *both(f"{SLUG}-v1.0.0.pdf"), *STABLE}
    )
    assert entry(dist)["stable_pdf"] == f"{SLUG}.pdf"
    assert entry(dist, "phone")["stable_pdf"] == f"{SLUG}-phone.pdf"
    released = (dist / f"{SLUG}.pdf").read_bytes()
    assert released == (dist / f"{SLUG}-v1.0.0.pdf").read_bytes()
    assert (dist / f"{SLUG}-phone.pdf").read_bytes() == (
        dist / f"{SLUG}-v1.0.0-phone.pdf"
    ).read_bytes()

    edit(root, "Hello patients, again.")
    build(root, capsys)
    first_draft = str(entry(dist)["pdf"])
    assert "-draft+" in first_draft
    assert files(dist) == listed(dist) | STABLE == {"manifest.json", *both(first_draft), *STABLE}
    assert (dist / f"{SLUG}.pdf").read_bytes() == released  # a draft never replaces it

    edit(root, "Hello patients, a third time.")
    build(root, capsys, "--keep-old")
    second_draft = str(entry(dist)["pdf"])
    assert files(dist) == {"manifest.json", *both(first_draft), *both(second_draft), *STABLE}

    release(root, capsys)
    build(root, capsys)
    assert (
        files(dist)
        == listed(dist) | STABLE
        == {"manifest.json", *both(f"{SLUG}-v1.1.0.pdf"), *STABLE}
    )
    assert (dist / f"{SLUG}.pdf").read_bytes() == (dist / f"{SLUG}-v1.1.0.pdf").read_bytes()


def test_another_guides_files_are_left_alone(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    dist = root / "dist"
    dist.mkdir()
    keep = {f"{SLUG}-extra-v1.0.0.pdf", "notes.txt", f"{SLUG}-v1.0.0-final.pdf"}
    for name in keep:
        (dist / name).write_bytes(b"not ours")
    build(root, capsys)
    assert keep <= files(dist)


def test_previews_are_listed_sized_and_deterministic(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    build(root, capsys, "--previews")
    build(root, capsys, "--previews", "--force", out="again")
    first, second = root / "dist", root / "again"
    previews = entry(first)["previews"]
    assert isinstance(previews, list)
    kinds = sorted(
        (
            p["kind"],
            p["width"],
            p["height"] if p["kind"] == "social-card" else 0,
            p["path"].rsplit(".", 1)[1],
        )
        for p in previews
    )
    assert kinds == [
        ("cover", 400, 0, "png"),
        ("cover", 400, 0, "webp"),
        ("cover", 1200, 0, "png"),
        ("cover", 1200, 0, "webp"),
        ("social-card", 1200, 630, "png"),
        ("thumbnail", 400, 0, "png"),
        ("thumbnail", 400, 0, "png"),
        ("thumbnail", 400, 0, "png"),
    ]
    for preview in previews:
        data = (first / preview["path"]).read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.size == (preview["width"], preview["height"])
            assert picture.format == preview["path"].rsplit(".", 1)[1].upper()
            if preview["kind"] == "cover":
                assert picture.height > picture.width  # a portrait page, not a blank strip
                assert len(picture.convert("L").getcolors(maxcolors=65536) or []) > 8
        assert (
            hashlib.sha256(data).digest()
            == hashlib.sha256((second / preview["path"]).read_bytes()).digest()
        )
    assert files(first) == listed(first)  # a draft: no stable name yet


def test_the_social_card_shows_the_title_large_on_the_band_beside_the_cover(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    build(root, capsys, "--previews")
    card = next(p for p in entry(root / "dist")["previews"] if p["kind"] == "social-card")
    with Image.open(root / "dist" / card["path"]) as opened:
        picture = opened.convert("RGB")
    band, white = (0x0D, 0x4F, 0x5C), (255, 255, 255)  # assets/brand.toml primary, on_primary
    left = picture.crop((0, 0, 680, 630))
    colours = left.getcolors(maxcolors=1 << 20) or []
    assert max(colours)[1] == band and max(colours)[0] > 0.7 * 680 * 630  # words on the band
    rows = [y for y in range(630) if any(left.getpixel((x, y)) == white for x in range(680))]
    runs, start = [], rows[0]
    for previous, row in itertools.pairwise(rows):
        if row != previous + 1:
            runs.append(previous - start + 1)
            start = row
    runs.append(rows[-1] - start + 1)
    assert max(runs) >= 40  # "A Test Guide" set at 56 px or more (cap and ascender height)
    assert len(runs) >= 2  # the title, then the subtitle
    side = picture.crop((720, 0, 1200, 630))
    paper = sum(
        int(n)
        for n, colour in side.getcolors(maxcolors=1 << 20) or []
        if isinstance(colour, tuple) and min(colour) >= 245
    )
    assert paper > 0.25 * 480 * 630  # the cover's white lower half, whole, at the side


def test_a_build_without_previews_keeps_those_of_an_unchanged_pdf(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    dist = root / "dist"
    build(root, capsys, "--previews")
    before = entry(dist)["previews"]
    assert len(before) == 8
    build(root, capsys, "--force")  # the same PDF again, without --previews
    assert entry(dist)["previews"] == before
    assert files(dist) == listed(dist) and all((dist / p["path"]).is_file() for p in before)
    edit(root, "Changed words.")  # a new draft: the old draft's pictures go with its PDF
    build(root, capsys)
    assert entry(dist)["previews"] == [] and not any((dist / p["path"]).exists() for p in before)
    assert files(dist) == listed(dist)


def test_a_draft_says_draft_and_the_last_release_never_1980(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    toml = (Path(__file__).parent / "conftest.py").read_text("utf-8")
    assert 'date = "2026-11-25"' in toml
    root = make_project()
    guide_toml = root / "sources" / SLUG / "guide.toml"
    guide_toml.write_text(
        guide_toml.read_text("utf-8").replace('date = "2026-11-25"\n', ""), "utf-8"
    )
    build(root, capsys)
    text = normalize(" ".join(page_texts(root / "dist" / str(entry(root / "dist")["pdf"]))))
    assert "Draft 1.0.0-draft+" in text and "not yet released" in text
    assert "1980" not in text and entry(root / "dist")["revision_date"] == ""


def test_release_moves_guide_toml_and_a_later_draft_names_its_files(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    guide_toml = root / "sources" / SLUG / "guide.toml"
    release(root, capsys)  # the first release adopts guide.toml's 1.0.0
    edit(root, "Changed words.")
    release_out = release(root, capsys)
    assert "released test-guide 1.1.0 (2026-12-03)" in release_out
    assert "guide.toml's version and date now say 1.1.0 and 2026-12-03" in release_out
    text = guide_toml.read_text("utf-8")
    assert 'version = "1.1.0"' in text and 'date = "2026-12-03"' in text
    ledger = (root / "sources" / SLUG / "revisions.toml").read_text("utf-8")
    assert "[revision.files]" in ledger and '"guide/01-intro.md" = "' in ledger

    (root / "sources" / SLUG / "stray.txt").write_text("left here by mistake", "utf-8")
    edit(root, "Changed words, again.")
    stdout, _ = build(root, capsys)
    assert "(draft (changed: guide/01-intro.md, guide/stray.txt))" in stdout
    pdf = root / "dist" / str(entry(root / "dist")["pdf"])
    assert "last released December 3, 2026" in normalize(" ".join(page_texts(pdf)))
    code, _, err = run_cli(["check", "--sources", str(root / "sources")], capsys)
    assert code == 1 and "changed: guide/01-intro.md, guide/stray.txt" in err


def test_guide_toml_disagreeing_with_the_ledger_is_a_warning_naming_both(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    release(root, capsys)
    guide_toml = root / "sources" / SLUG / "guide.toml"
    guide_toml.write_text(
        guide_toml.read_text("utf-8").replace('version = "1.0.0"', 'version = "2.0.0"'), "utf-8"
    )
    stdout, err = build(root, capsys)
    assert (
        "guide.toml:9: warning: guide.toml's version '2.0.0' differs from the newest "
        "release's '1.0.0'"
    ) in err
    assert f"{SLUG}-v1.0.0.pdf" in stdout  # the ledger decides: still released, not a draft


def test_an_old_ledger_entry_without_file_digests_still_loads(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    release(root, capsys)
    ledger = root / "sources" / SLUG / "revisions.toml"
    text = ledger.read_text("utf-8")
    ledger.write_text(text[: text.index("[revision.files]")], "utf-8")
    build(root, capsys)  # still the release
    assert entry(root / "dist")["draft"] is False
    edit(root, "New words.")
    code, _, err = run_cli(["check", "--sources", str(root / "sources")], capsys)
    assert code == 1 and "which files is unknown" in err


def test_job_summary_names_version_pages_size_draft_and_cover(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    root = make_project()
    build(root, capsys, "--previews")
    guide = entry(root / "dist")
    summary = subprocess.run(
        [sys.executable, "-m", "guide.outputs.summary", str(root / "dist")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    row = next(line for line in summary.splitlines() if f"`{SLUG}`" in line)
    assert f"| {guide['version']} | {guide['pages']} |" in row
    assert f"{int(str(guide['bytes'])) / 1024:.0f} KB" in row and "**draft**" in row
    assert '<img src="data:image/' in row and "cover-400." in row
    empty = subprocess.run(
        [sys.executable, "-m", "guide.outputs.summary", str(root / "nothing")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "No guides were built" in empty
