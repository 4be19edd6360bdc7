"""`new`, `[campaign]` and the command line's messages: a new guide builds at once, every
guide.toml key is in the scaffold and README, campaign tags reach own-domain links only."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide.config.load import load_guide
from guide.errors import Diagnostics
from tests.conftest import MINIMAL_TOML, ROOT, run_cli
from tests.pdftools import normalize, page_texts

KEYS = {
    "title",
    "subtitle",
    "audience",
    "author",
    "language",
    "translation_of",
    "editions",
    "keywords",
    "chapters",
    "disclaimer",
    "version",
    "date",
    "footer_note",
    "base_url",
    "call_to_action.heading",
    "call_to_action.text",
    "call_to_action.label",
    "call_to_action.url",
    "related.title",
    "related.url",
    "contact.website",
    "contact.email",
    "contact.phone",
    "campaign.source",
    "campaign.medium",
    "campaign.name",
    "campaign.domains",
    "quality.max_grade",
    "quality.max_smog",
    "quality.max_sentence_words",
    "quality.max_hard_words",
    "quality.placeholders_ok",
    "quality.review_every",
}
REQUIRED = {
    "title",
    "author",
    "chapters",
    "disclaimer",
    "call_to_action.heading",
    "call_to_action.text",
    "call_to_action.label",
    "call_to_action.url",
    "contact.website",
    "contact.email",
}


def uris(pdf: Path) -> list[str]:
    found = []
    for page in PdfReader(str(pdf)).pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "assets", root / "assets")
    (root / "sources").mkdir()
    return root


def scaffold_keys(text: str) -> dict[str, str]:
    """Each key the scaffold names (set or commented out) → its line."""
    keys: dict[str, str] = {}
    table = ""
    for line in text.splitlines():
        bare = line.lstrip("# ").rstrip()
        if m := re.match(r"^\[\[?([a-z_]+)\]\]?", bare):
            table = m.group(1) + "."
        elif m := re.match(r"^([a-z_]+) = ", bare):
            keys[table + m.group(1)] = line
    return keys


def test_new_guide_builds_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    sources, out = root / "sources", root / "dist"
    code, stdout, err = run_cli(
        ["new", "demo", "--title", "Demo Guide", "--sources", str(sources)], capsys
    )
    assert code == 0, err
    folder = sources / "demo"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-introduction.md",
        "disclaimer.md",
        "guide.toml",
    ]  # no ledger yet
    assert f"wrote {folder.as_posix()}/guide.toml" in stdout
    assert "python3 build_guide.py build demo" in stdout
    code, stdout, err = run_cli(
        ["build", "demo", "--sources", str(sources), "--out", str(out)], capsys
    )
    assert code == 0, err
    entry = json.loads((out / "manifest.json").read_text("utf-8"))["guides"][0]
    text = normalize(" ".join(page_texts(out / entry["pdf"])))
    assert "Demo Guide" in text and "1980" not in text
    disclaimer = (folder / "disclaimer.md").read_text("utf-8")
    assert "PLACEHOLDER" in disclaimer  # a release refuses it until the clinic's text is in
    assert "- does not constitute medical advice" in disclaimer  # brand.toml's required phrases


def test_scaffold_names_every_key_and_marks_the_required_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    assert run_cli(["new", "demo", "--sources", str(root / "sources")], capsys)[0] == 0
    toml = root / "sources" / "demo" / "guide.toml"
    keys = scaffold_keys(toml.read_text("utf-8"))
    assert set(keys) == KEYS
    assert {k for k, line in keys.items() if "REQUIRED" in line} == REQUIRED
    # Every commented key is a real one: uncommented, the file still loads without errors.
    text = toml.read_text("utf-8")
    text = re.sub(r"(?m)^# (\[\[related\]\]|\[campaign\]|\[quality\]|[a-z_]+ = )", r"\1", text)
    text = text.replace('translation_of = "other-guide"', "")  # needs a sibling guide
    toml.write_text(text, "utf-8")
    found = Diagnostics()
    config = load_guide(toml.parent, "demo", found)
    assert config is not None and not found.items, found.items
    assert config.campaign is not None and config.base_url.startswith("https://")


def test_readme_lists_every_guide_toml_key() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### guide.toml keys", 1)[1].split("\n### ", 1)[0]
    rows = {
        m.group(1).strip("[]"): m.group(2)
        for m in re.finditer(r"^\| `([a-z_\[\]]+)` \| (.*) \|$", section, re.M)
    }
    for key in KEYS:
        table, _, sub = key.rpartition(".")
        if table:
            assert f"`{sub}`" in rows[table], key
        else:
            assert key in rows, key
        assert ("**required**" in rows[table or key]) == (
            key in REQUIRED or (bool(table) and table in ("call_to_action", "contact"))
        ), key


def test_new_refuses_a_taken_or_bad_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    sources = str(root / "sources")
    assert run_cli(["new", "demo", "--sources", sources], capsys)[0] == 0
    before = (root / "sources" / "demo" / "guide.toml").read_bytes()
    code, _, err = run_cli(["new", "demo", "--sources", sources], capsys)
    assert code == 2 and err.startswith("build-guide: error: ") and "already exists" in err
    assert "sources: error" not in err
    assert (root / "sources" / "demo" / "guide.toml").read_bytes() == before
    code, _, err = run_cli(["new", "../escape", "--sources", sources], capsys)
    assert code == 2 and "not a usable guide name" in err
    assert not (root / "escape").exists()


def test_a_mistyped_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["biuld"], capsys)
    assert code == 2 and not out
    assert "unknown command 'biuld' (did you mean 'build'?)" in err
    assert err.startswith("build-guide: error:")


def test_version_and_watch_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--version"], capsys)
    assert code == 0 and out.startswith("build-guide ")
    code, out, _ = run_cli(["watch", "--help"], capsys)
    assert code == 0
    assert "(default: 0.3)" in out and "(default: dist)" in out
    assert out.startswith("usage: python3 build_guide.py watch")


def test_outside_a_project_says_where_sources_was_looked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli([], capsys)
    assert code == 1
    assert f"looked for {tmp_path.as_posix()}/sources" in err
    assert "python3 build_guide.py" in err


CAMPAIGN_CHAPTER = """\
# Introduction

Book on [our site](https://www.example.com/book?ref=1#top), read the
[journal](https://journals.example.org/paper), or write to [us](mailto:info@example.com).
"""


def test_campaign_tags_own_domain_links_only(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML + '\n[campaign]\nname = "spring-2027"\ndomains = ["example.com"]\n'
    root = make_project({"01-intro.md": CAMPAIGN_CHAPTER}, toml=toml)
    out = root / "dist"
    code, _, err = run_cli(["build", "--sources", str(root / "sources"), "--out", str(out)], capsys)
    assert code == 0, err
    entry = json.loads((out / "manifest.json").read_text("utf-8"))["guides"][0]
    pdf = out / entry["pdf"]
    targets = uris(pdf)
    tags = "utm_source=guide&utm_medium=pdf&utm_campaign=spring-2027"
    assert f"https://www.example.com/book?ref=1&{tags}#top" in targets
    assert f"https://example.com/schedule?{tags}" in targets  # the call to action's button
    assert targets.count(f"https://example.com/schedule?{tags}") >= 2  # ... and its QR code
    assert f"https://example.com/another?{tags}" in targets  # a related article
    assert "https://journals.example.org/paper" in targets  # third-party: untouched
    assert "mailto:info@example.com" in targets
    assert not [
        t for t in targets if "example.com" in t and "utm_" not in t and not t.startswith("mailto:")
    ]  # the website on the covers too
    text = normalize(" ".join(page_texts(pdf)))
    assert "https://example.com/schedule" in text and "utm_" not in text  # printed URL short


def test_campaign_tags_are_checked(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML + '\n[campaign]\nname = "spring 2027"\ndomains = ["https://x.com/"]\n'
    root = make_project(toml=toml)
    code, _, err = run_cli(["check", "--sources", str(root / "sources")], capsys)
    assert code == 1
    lines = toml.splitlines()
    name, domains = (
        lines.index(k) + 1 for k in ('name = "spring 2027"', 'domains = ["https://x.com/"]')
    )
    assert f"guide.toml:{name}: error: 'campaign.name' must be letters" in err
    assert f"guide.toml:{domains}: error: 'campaign.domains' holds 'https://x.com/'" in err


PASTED_CHAPTER = """\
# Introduction

Read more at https://www.example.com/blog/sciatica?utm_source=facebook&utm_medium=paid_social\
&utm_campaign=fall_lookalike&utm_content=card_2&fbclid=IwAR3xYz0123&page=2 or visit
www.example.com for more; [a study](https://journals.example.org/paper?utm_source=x&fbclid=abc)
keeps its own address.
"""


def test_campaign_tags_replace_pasted_tags_and_drop_click_ids(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML + '\n[campaign]\nname = "spring-2027"\ndomains = ["example.com"]\n'
    root = make_project({"01-intro.md": PASTED_CHAPTER}, toml=toml)
    out = root / "dist"
    code, _, err = run_cli(["build", "--sources", str(root / "sources"), "--out", str(out)], capsys)
    assert code == 0, err
    pdf = next(out.glob("*.pdf"))
    targets = set(uris(pdf))
    tags = "utm_source=guide&utm_medium=pdf&utm_campaign=spring-2027"
    # The guide's three tags in place of the pasted ones (utm_content too); the click id gone;
    # the address's other parameters kept.
    assert f"https://www.example.com/blog/sciatica?page=2&{tags}" in targets
    # www. links to https, and an address without a path gets "/" before its tags: in the
    # text, on the covers (the website) and on the closing page.
    assert f"https://www.example.com/?{tags}" in targets
    assert f"https://example.com/?{tags}" in targets
    assert "https://journals.example.org/paper?utm_source=x&fbclid=abc" in targets  # not ours
    assert not [t for t in targets if "example.com" in t and "fbclid" in t and "journals" not in t]
    assert not [t for t in targets if re.match(r"https?://[^/]+\?", t)]  # no "host?" address
    assert not [t for t in targets if t.startswith("http://")]
    text = normalize(" ".join(page_texts(pdf)))
    assert "visit www.example.com for more" in text  # the printed address as written
