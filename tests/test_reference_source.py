"""The reference guide's sources (sources/discogenic-back-pain/) against the clinic's seed article.

Every sentence of the article and of the disclaimer must be in the guide verbatim and in order,
nothing but the allowed structure may be added, page chrome must be gone, and every address must
be a placeholder on example.com.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

from guide.config.load import load_guide
from guide.config.schema import GuideConfig
from guide.errors import Diagnostics
from tests.pdftools import normalize
from tests.seedtext import CHROME, seed_sentences, split_sentences

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "sources" / "discogenic-back-pain"
DISPLAY = "sources/discogenic-back-pain"

# Text the guide may carry that the seed does not: the first chapter's title (the article's own
# title, which the seed file leaves out) and the disclaimer page's heading.
ALLOWED_EXTRAS = {"Chronic Discogenic Back Pain and the Inflammation Cycle", "Disclaimer"}

ADMONITION = re.compile(r'^!!!\s+[\w-]+(?:\s+"(?P<title>[^"]*)")?\s*$')
HEADING = re.compile(r"^#{1,6}\s+")
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
URL_LIKE = re.compile(
    r"https?://|mailto:|www\.|\]\(|<[a-z]+:|\b[\w-]+\.(?:com|org|net|io)\b", re.IGNORECASE
)
PHONE_LIKE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")


def load() -> tuple[GuideConfig | None, Diagnostics]:
    diagnostics = Diagnostics()
    return load_guide(FOLDER, DISPLAY, diagnostics), diagnostics


def markdown_files() -> list[Path]:
    """The chapters in guide.toml order, then the disclaimer (read from the TOML directly, so
    these tests still say something useful when the loader rejects the file)."""
    data = tomllib.loads((FOLDER / "guide.toml").read_text(encoding="utf-8"))
    return [FOLDER / name for name in (*data["chapters"], data["disclaimer"])]


def strip_markup(source: str) -> str:
    """Markdown source as plain text: headings, list markers, admonition lines, indentation and
    ``**`` removed; an admonition keeps its title. Line breaks are kept for normalize()."""
    lines = []
    for line in source.splitlines():
        line = line.strip()
        admonition = ADMONITION.match(line)
        if admonition:
            line = admonition.group("title") or ""
        line = LIST_MARKER.sub("", HEADING.sub("", line))
        lines.append(line.replace("**", ""))
    return "\n".join(lines)


DIAGRAM = re.compile(r"^```diagram\n.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)


def prose(path: Path) -> str:
    """A Markdown file without its diagram blocks: figures are structure, drawn from the text
    around them (their captions and labels are checked in tests/test_reference_figures.py)."""
    return DIAGRAM.sub("", path.read_text(encoding="utf-8"))


def guide_text() -> str:
    """The whole guide's Markdown, markup stripped, normalised."""
    parts = [strip_markup(prose(path)) for path in markdown_files()]
    return normalize("\n\n".join(parts))


def rendered_text() -> str:
    """The whole guide rendered by Python-Markdown as the builder does, tags removed."""
    parts = []
    for path in markdown_files():
        body = markdown.markdown(prose(path), extensions=["extra", "admonition", "sane_lists"])
        parts.append(html.unescape(re.sub(r"<[^>]+>", " ", body)))
    return normalize("\n\n".join(parts))


def match_in_order(sentences: list[str], text: str) -> tuple[list[str], list[str]]:
    """Look for each sentence in ``text`` after the previous one.

    Returns the sentences not found (in order) and the text between found sentences (the
    "residue": whatever the guide has that the seed does not)."""
    missing, residue, position = [], [], 0
    for sentence in sentences:
        found = text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
            continue
        residue.append(text[position:found])
        position = found + len(sentence)
    residue.append(text[position:])
    return missing, [r.strip() for r in residue if r.strip()]


# --- the seed helper itself ------------------------------------------------------------------


def test_seed_helper_splits_the_seed_as_documented() -> None:
    article, disclaimer = seed_sentences("article"), seed_sentences("disclaimer")
    assert seed_sentences() == article + disclaimer
    assert article[0].startswith("Chronic discogenic back pain often involves")
    assert article[-1] == (
        "If you would like to read more, we recommend: "
        "Annular Tears: The Hidden Cause of Chronic Back Pain"
    )
    assert disclaimer[0].startswith("Disclaimer: This content is provided")
    assert len(disclaimer) == 3
    assert "Traditional Approaches: Managing Symptoms vs. Addressing the Source" in article
    assert "Expert Take" in article
    assert not any(chrome in s for chrome in CHROME for s in seed_sentences())
    assert not any("•" in s for s in seed_sentences())
    with pytest.raises(ValueError):
        seed_sentences("chapter")  # type: ignore[arg-type]


def test_sentence_splitting_and_normalising_rules() -> None:
    assert split_sentences("It hurts. See e.g. MRI. Done vs. Not done? Yes!") == [
        "It hurts.",
        "See e.g. MRI.",
        "Done vs. Not done?",
        "Yes!",
    ]
    assert split_sentences("Title Without Stop") == ["Title Without Stop"]
    assert normalize("growth-factor-rich") == "growth-factor-rich"
    assert normalize("a\u00a0b  \n  c\u2011d") == "a b c-d"
    # a hyphen that line breaking added, as pdfminer/pypdf (U+00AD) and PDFium report it
    for marker in ("\u00ad", "\ufffe", "\u0002"):
        assert normalize(f"infla{marker}\r\nmmation of{marker}ten") == "inflammation often"
    assert normalize("Disc-\nDriven and self-\r\nreinforcing") == "Disc-Driven and self-reinforcing"
    assert normalize("spine’s — shock") == "spine’s — shock"  # typography kept


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: t.replace(
            "They allow the spine to flex, rotate, and bear load while protecting adjacent nerves.",
            "",
        ),
        lambda t: t.replace("self-reinforcing", "self reinforcing"),
        lambda t: t.replace("spine’s shock absorbers", "spine's shock absorbers"),
        lambda t: t.replace("Expert Take", ""),
        lambda t: t.replace("appropriate for you.", "appropriate for you"),
    ],
    ids=[
        "sentence-deleted",
        "hyphen-dropped",
        "apostrophe-straightened",
        "title-dropped",
        "full-stop-dropped",
    ],
)
def test_the_check_catches_a_changed_sentence(mutate: Callable[[str], str]) -> None:
    text = guide_text()
    changed = mutate(text)
    assert changed != text, "the mutation no longer applies; update it"
    assert match_in_order(seed_sentences(), changed)[0]


# --- (a) every seed sentence, verbatim and in order ------------------------------------------


def test_every_seed_sentence_is_in_the_guide_in_order() -> None:
    missing, _ = match_in_order(seed_sentences(), guide_text())
    assert missing == [], "seed sentences missing, altered or out of order:\n" + "\n".join(missing)


def test_the_guide_adds_nothing_but_allowed_structure() -> None:
    _, residue = match_in_order(seed_sentences(), guide_text())
    assert set(residue) <= ALLOWED_EXTRAS, f"text not in the seed: {set(residue) - ALLOWED_EXTRAS}"


def test_the_disclaimer_file_holds_the_disclaimer_verbatim() -> None:
    data = tomllib.loads((FOLDER / "guide.toml").read_text(encoding="utf-8"))
    text = normalize(strip_markup((FOLDER / data["disclaimer"]).read_text(encoding="utf-8")))
    assert text == normalize("Disclaimer " + " ".join(seed_sentences("disclaimer")))


def test_rendered_markdown_keeps_every_sentence_and_the_structure() -> None:
    missing, residue = match_in_order(seed_sentences(), rendered_text())
    assert missing == []
    assert set(residue) <= ALLOWED_EXTRAS
    bodies = [prose(path) for path in markdown_files()]
    rendered = [
        markdown.markdown(b, extensions=["extra", "admonition", "sane_lists"]) for b in bodies
    ]
    seed_bullets = sum(
        line.lstrip().startswith("•")
        for line in (ROOT / "tests/data/seed-article.txt").read_text(encoding="utf-8").splitlines()
    )
    assert sum(r.count("<li>") for r in rendered) == seed_bullets
    assert sum(r.count('<div class="admonition expert">') for r in rendered) == 1
    assert not any("**" in r or "!!!" in r for r in rendered)


def test_each_chapter_starts_with_its_only_level_one_heading() -> None:
    for path in markdown_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), path.name
        assert sum(line.startswith("# ") for line in lines) == 1, path.name


# --- (b) no page chrome ----------------------------------------------------------------------


@pytest.mark.parametrize("chrome", [*CHROME, "Let's Get Social", "indicates required fields"])
def test_no_page_chrome(chrome: str) -> None:
    assert normalize(chrome).lower() not in guide_text().lower()


# --- (c) guide.toml ---------------------------------------------------------------------------


def test_guide_toml_loads_without_diagnostics() -> None:
    config, diagnostics = load()
    assert [str(d) for d in diagnostics.items] == []
    assert config is not None
    assert config.title == "Chronic Discogenic Back Pain and the Inflammation Cycle"
    assert config.author == "Valor Spine"
    assert config.disclaimer == "disclaimer.md"
    assert [r.title for r in config.related] == [
        "Annular Tears: The Hidden Cause of Chronic Back Pain",
        "Comparing Intra-Annular Fibrin Injection to Traditional Spine Surgeries",
        "Candidacy for Biologic Disc Repair",
    ]


def test_every_address_is_an_example_com_placeholder() -> None:
    config, _ = load()
    assert config is not None
    urls = [config.call_to_action.url, config.contact.website, *(r.url for r in config.related)]
    raw = (FOLDER / "guide.toml").read_text(encoding="utf-8")
    urls += re.findall(r"[a-z]+://[^\s\"']+", raw)
    for url in urls:
        host = urlsplit(url).hostname or ""
        assert host == "example.com" or host.endswith(".example.com"), url
    assert config.contact.email.endswith("@example.com")
    assert config.contact.phone == ""  # the clinic gave no phone number
    for line in raw.splitlines():
        if "example.com/" in line:
            assert "# PLACEHOLDER" in line, line


# --- (d) no URL in the Markdown ---------------------------------------------------------------


def test_the_markdown_holds_no_url_or_phone_number() -> None:
    for path in markdown_files():
        text = path.read_text(encoding="utf-8")
        assert not URL_LIKE.search(text), f"{path.name}: {URL_LIKE.search(text)}"
        assert not PHONE_LIKE.search(text), path.name
