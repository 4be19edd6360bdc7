"""The checks made for patient material, through the command line: reading level report,
claims, placeholders, review cadence and required disclaimer wording. Every guide written here
is test content for these checks, not medical advice."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from guide.check.claims import find_claims
from guide.check.readability import sentences_of, syllables
from guide.config.schema import DEFAULT_CLAIMS
from tests.conftest import DISCLAIMER, MINIMAL_TOML, ROOT, run_cli

Project = Callable[..., Path]
NO_PLACEHOLDERS_OK = MINIMAL_TOML.replace("placeholders_ok = true", "placeholders_ok = false")


def _build(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return run_cli(
        ["build", "--sources", str(root / "sources"), "--out", str(root / "dist"), *extra], capsys
    )


def _check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return run_cli(["check", "--sources", str(root / "sources"), *extra], capsys)


# --- reading level ------------------------------------------------------------------------


def test_check_report_gives_each_reference_chapter_its_grades_and_hardest_sentences(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _check(ROOT, capsys, "--report")
    assert code == 0, err
    chapters = sorted((ROOT / "sources/discogenic-back-pain").glob("0*.md"))
    for chapter in chapters:
        title_line = f"sources/discogenic-back-pain/{chapter.name}:1: "
        assert title_line in out
    block = out.split("02-inflammatory-cascade.md:1: ")[1].split("03-chronic")[0]
    assert "grade " in block and "SMOG " in block and "words/sentence" in block
    hard = [line for line in block.splitlines() if line.strip().startswith("hard: ")]
    assert len(hard) == 3
    for line in hard:  # path:line, and the sentence is on that line of the Markdown
        where = line.split()[1]
        path, number = where.rsplit(":", 1)
        source = (ROOT / path).read_text(encoding="utf-8").splitlines()
        words = line.split(") ", 1)[1].split()[:2]
        assert " ".join(words).rstrip(":") in source[int(number) - 1]
    assert "pyphen" in out  # the method is named


def test_report_as_markdown_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(ROOT, capsys, "--report", "--format", "md")
    assert code == 0
    assert out.startswith("# Reading level")
    assert "| Chapter | FK grade | SMOG |" in out
    assert "sources/discogenic-back-pain/06-regenerative-medicine.md:" in out and "`" in out
    code, out, _ = _check(ROOT, capsys, "--report", "--format", "json")
    data = json.loads(out)
    guide = data["guides"][0]
    assert guide["slug"] == "discogenic-back-pain"
    assert len(guide["chapters"]) == 8
    overall = guide["overall"]
    # The figures: the article reads far above the grade 6-8 patient material asks for.
    assert 14 < overall["flesch_kincaid_grade"] < 20
    assert 1.8 < overall["syllables"] / overall["words"] < 2.3
    assert all(len(c["hardest"]) == 3 for c in guide["chapters"])


def test_build_summary_has_one_reading_line_per_guide(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _build(make_project(), capsys)
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("reading level")]
    assert len(lines) == 1 and "test-guide: grade" in lines[0]


HARD = (
    "# Introduction\n\nSimple words help.\n\nConsiderably complicated terminology "
    "unquestionably overwhelms inexperienced individuals, particularly regarding "
    "multidisciplinary interventional rehabilitation methodologies.\n"
)


def test_reading_limits_warn_and_fail_under_strict(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = MINIMAL_TOML + "max_grade = 8\n"
    root = make_project({"01-intro.md": HARD}, toml=toml)
    code, _, err = _build(root, capsys)
    assert code == 0
    assert (
        "01-intro.md:1: warning: reading level: Flesch-Kincaid grade is" in err
        and "above [quality] max_grade = 8; hardest sentence at" in err
        and "01-intro.md:5" in err
    ), err
    code, _, err = _build(root, capsys, "--strict", "--force")
    assert code == 1
    assert "01-intro.md:1: error: reading level: Flesch-Kincaid grade" in err
    easy = make_project(
        {"01-intro.md": "# Introduction\n\nSimple words help. We can talk.\n"}, toml=toml
    )
    code, _, err = _build(easy, capsys, "--strict", "--force")
    assert code == 0 and "reading level" not in err


def test_check_holds_reading_limits_as_build_does(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    # check measures the reading level only when a [quality] limit (or --report) needs it.
    root = make_project({"01-intro.md": HARD}, toml=MINIMAL_TOML + "max_grade = 8\n")
    _, _, err = _check(root, capsys)
    assert "01-intro.md:1: warning: reading level: Flesch-Kincaid grade is" in err, err
    code, _, err = _check(root, capsys, "--strict")
    assert code == 1 and "01-intro.md:1: error: reading level: Flesch-Kincaid grade" in err


_CHECK_AND_LIST_PYPHEN = (
    "import sys\nfrom guide.cli import main\ncode = main(sys.argv[1:])\n"
    "print(code, 'pyphen' in sys.modules)\n"
)


@pytest.mark.parametrize(("extra", "loads"), [((), False), (("--report",), True)])
def test_check_loads_no_hyphenation_dictionary_unless_asked(
    extra: tuple[str, ...], loads: bool
) -> None:
    # The reference guide sets no reading-level limit: check needs no syllable counts, and
    # pyphen's dictionary is a third of its time; --report prints them.
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_AND_LIST_PYPHEN, "check", *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert done.stdout.strip().splitlines()[-1] == f"0 {loads}", done.stderr


# Test content, not medical advice: Spanish sentences, easy and hard, for the Spanish formula.
SPANISH_TOML = MINIMAL_TOML.replace('language = "en-US"', 'language = "es-US"')
SPANISH = (
    "# Introducción\n\nPida una cita.\n\nLa guía es breve y clara para usted.\n\n"
    "Las consideraciones organizativas, administrativas e institucionales "
    "correspondientes condicionan extraordinariamente la interpretación "
    "terminológica.\n"
)


def test_spanish_is_scored_with_the_spanish_formula(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"01-intro.md": SPANISH}, toml=SPANISH_TOML)
    code, out, err = _build(root, capsys)
    assert code == 0, err
    [line] = [line for line in out.splitlines() if line.startswith("reading level")]
    assert "INFLESZ" in line and "Szigriszt-Pazos" in line, line
    assert "Flesch" not in line and "SMOG" not in line and "grade" not in line, line
    code, out, _ = _check(root, capsys, "--report", "--format", "json")
    chapter = json.loads(out)["guides"][0]["chapters"][0]
    assert "flesch_kincaid_grade" not in chapter and chapter["inflesz"] < 55  # a hard text
    assert [h["text"][:22] for h in chapter["hardest"]] == [
        "La guía es breve y cla",
        "Las consideraciones or",
    ]
    hard, easy = chapter["hardest"][1]["inflesz"], chapter["hardest"][0]["inflesz"]
    assert hard < 40 < 65 < easy  # "very hard" against "fairly easy" or easier


def test_a_short_sentence_is_never_among_the_hardest(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(
        {
            "01-intro.md": "# Introduction\n\nBook a visit. Call us.\n\n"
            "We are here to help you feel better after your visit today.\n"
        }
    )
    _, out, _ = _check(root, capsys, "--report")  # a draft: check fails, the report prints
    hard = [line for line in out.splitlines() if line.strip().startswith("hard: ")]
    assert len(hard) == 1 and "We are here to help" in hard[0], out
    assert "Book a visit" not in out


def test_spanish_syllables_follow_spanish_rules() -> None:
    # hiatus (le-er, dí-a, a-é-re-o), diphthongs (cia, hoy) and no silent final e
    words = ("leer", "día", "aéreo", "ciática", "hoy", "paciente", "grande", "inflamación")
    assert [syllables(w, "es-US") for w in words] == [2, 2, 4, 3, 1, 3, 2, 4]


def test_syllables_and_sentences_are_counted_offline() -> None:
    assert [
        syllables(w)
        for w in ("pain", "disc", "surgery", "inflammation", "sensitization", "platelet-rich")
    ] == [1, 1, 3, 4, 5, 4]
    assert sentences_of("Drugs, e.g. NSAIDs, help. They wear off! Do they? yes.") == [
        "Drugs, e.g. NSAIDs, help.",
        "They wear off!",
        "Do they? yes.",
    ]


# --- claims -------------------------------------------------------------------------------


def test_a_guaranteed_cure_warns_at_its_line_and_a_negated_one_does_not(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = (
        "# Introduction\n\nSome words first.\n\nThis treatment is a guaranteed cure\n"
        "for back pain.\n\nNo outcome is guaranteed. Relief is not guaranteed, and\n"
        "nothing here comes with a guarantee; care is given without guarantee.\n"
    )
    code, _, err = _build(make_project({"01-intro.md": chapter}), capsys)
    assert code == 0
    claims = [line for line in err.splitlines() if "claim:" in line]
    assert claims == [line for line in claims if "01-intro.md:5:" in line]  # nothing from lines 8-9
    assert any(
        '"guaranteed"' in line and "01-intro.md:5:21: warning:" in line for line in claims
    ), err
    assert any('"cure"' in line for line in claims)
    code, _, err = _build(make_project({"01-intro.md": chapter}), capsys, "--strict", "--force")
    assert code == 1 and "01-intro.md:5:21: error: claim:" in err


def test_a_reviewed_claim_is_allowed_by_its_marker(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = (
        "# Introduction\n\nA painless visit. <!-- claim-ok: the clinic's legal team "
        "approved this wording -->\n\nA miracle treatment.\n\n"
        "Risk-free care. <!-- claim-ok: -->\n"
    )
    code, _, err = _build(make_project({"01-intro.md": chapter}), capsys)
    assert "01-intro.md:3" not in err
    assert '01-intro.md:5:3: warning: claim: "miracle"' in err
    assert "01-intro.md:7:1: error: claim-ok needs a reason" in err and code == 1


def test_claims_in_toml_values_and_the_negation_rule() -> None:
    assert [
        w for _, _, w in find_claims("Results are permanent and 100% certain.", DEFAULT_CLAIMS)
    ] == ["permanent", "100%"]
    assert (
        find_claims("It does not cure the disease, and it cannot eliminate pain.", DEFAULT_CLAIMS)
        == []
    )
    assert find_claims("We treat pain, but this is a cure.", DEFAULT_CLAIMS) != []
    assert find_claims("No surgery is needed — a cure at last.", DEFAULT_CLAIMS) != []
    assert find_claims("See [the curing](https://x.org/cure).", DEFAULT_CLAIMS) == []


# --- placeholders -------------------------------------------------------------------------


def test_placeholders_warn_on_build_and_fail_a_release_without_the_flag(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = "# Introduction\n\nLorem ipsum dolor.\n\nCall us (TODO: number).\n"
    root = make_project({"01-intro.md": chapter}, toml=NO_PLACEHOLDERS_OK)
    code, _, err = _build(root, capsys)
    assert code == 0
    assert "01-intro.md:3: warning: placeholder: holds placeholder text ('Lorem ipsum')" in err
    assert "01-intro.md:5: warning: placeholder: holds a note left for later ('TODO')" in err
    assert (
        "guide.toml:16: warning: placeholder: 'call_to_action.url' holds an address on a "
        "reserved example domain ('example.com')"
    ) in err
    code, _, err = _build(root, capsys, "--release", "--force")
    assert code == 1
    assert "guide.toml:16: error: placeholder:" in err
    assert "set [quality] placeholders_ok = true" in err
    code, _, err = _check(root, capsys)
    assert code == 1 and "01-intro.md:3: error: placeholder:" in err
    allowed = make_project({"01-intro.md": chapter})  # placeholders_ok = true
    code, _, err = _build(allowed, capsys, "--force")
    assert "placeholder" not in err


def test_reserved_test_domains_count_and_ordinary_words_do_not(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = (
        "# Introduction\n\nWrite to <care@clinic.test> or see "
        "[us](https://www.valor.invalid/x).\n\nA test. The TBD-free plan.\n"
    )
    code, _, err = _build(make_project({"01-intro.md": chapter}, toml=NO_PLACEHOLDERS_OK), capsys)
    assert code == 0
    lines = [line for line in err.splitlines() if "placeholder" in line and ".md:" in line]
    assert len(lines) == 1 and "01-intro.md:3:" in lines[0] and "test domain" in lines[0]


def test_the_reference_guide_says_why_its_placeholders_are_accepted() -> None:
    text = (ROOT / "sources/discogenic-back-pain/guide.toml").read_text(encoding="utf-8")
    before = text.split("placeholders_ok = true")[0].rsplit("[quality]", 1)[1]
    assert "gave no" in before and "example.com" in before


# --- review cadence -----------------------------------------------------------------------


def _released(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code, _, err = run_cli(
        [
            "release",
            "test-guide",
            "--bump",
            "minor",
            "--summary",
            "First",
            "--sources",
            str(root / "sources"),
            *extra,
        ],
        capsys,
    )
    assert code == 0, err


def test_an_overdue_review_warns(
    make_project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = MINIMAL_TOML + 'review_every = "12 months"\n'
    root = make_project(toml=toml)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    _released(root, capsys)
    code, _, err = _check(root, capsys)
    assert code == 0
    assert "guide.toml:28: warning: review: no medical review is recorded" in err
    (root / "sources/test-guide/01-intro.md").write_text("# Introduction\n\nHello again.\n")
    _released(root, capsys, "--reviewed-by", "Dr. Test Reviewer")
    code, _, err = _check(root, capsys)
    assert "review:" not in err  # reviewed today
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1801440000")  # 2027-02-01: 396 days later
    code, _, err = _check(root, capsys)
    assert code == 0
    assert (
        "guide.toml:28: warning: review: the last medical review (2026-01-01 by Dr. Test "
        'Reviewer) is 396 days old, more than review_every = "12 months"'
    ) in err
    assert "--reviewed-by NAME" in err


def test_review_every_must_be_a_period(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _build(make_project(toml=MINIMAL_TOML + 'review_every = "yearly"\n'), capsys)
    assert code == 1
    assert "guide.toml:28: error: 'quality.review_every' must be a period like" in err


# --- required wording ---------------------------------------------------------------------


def test_the_disclaimer_must_hold_the_brand_phrases(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    weak = "# Disclaimer\n\nThis is test content and does not constitute medical advice.\n"
    code, _, err = _build(make_project({"disclaimer.md": weak}), capsys)
    assert code == 1
    assert (
        'disclaimer.md:1: error: the disclaimer must say "consult a qualified healthcare provider"'
    ) in err
    assert 'does not constitute medical advice"' not in err
    code, _, err = _build(make_project({"disclaimer.md": "# Disclaimer\n"}), capsys)
    assert code == 1 and "disclaimer.md:1: error: the disclaimer has no text" in err
    wrapped = DISCLAIMER.replace("qualified healthcare", "Qualified\nhealthcare")
    code, _, err = _build(make_project({"disclaimer.md": wrapped}), capsys, "--force")
    assert code == 0, err


def test_brand_wording_mistakes_are_reported_at_their_line(
    make_project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    brand = root / "assets" / "brand.toml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text + 'english = ["x"]\n', encoding="utf-8")
    code, _, err = _build(root, capsys)
    line = len(text.splitlines()) + 1
    assert code == 1
    assert (
        f"brand.toml:{line}: error: 'wording.disclaimer.english' must be named by a language tag"
    ) in err
    text = text.replace(
        "[wording.disclaimer]", '[wording]\nclaim = ["cure"]\n\n[wording.disclaimer]'
    )
    brand.write_text(text, encoding="utf-8")
    code, _, err = _build(root, capsys)
    assert code == 1 and "error: unknown key 'wording.claim' (did you mean" in err
    brand.write_text(
        text.replace("claim = ", "claims = ").replace('"cure"', '"soothing"'), encoding="utf-8"
    )
    chapter = "# Introduction\n\nA soothing cure.\n"
    (root / "sources/test-guide/01-intro.md").write_text(chapter, encoding="utf-8")
    code, _, err = _build(root, capsys)
    assert code == 0
    assert '01-intro.md:3:3: warning: claim: "soothing"' in err and '"cure"' not in err
