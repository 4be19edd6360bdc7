"""Sample ``diagram`` blocks (the formats the reference figures use) and helpers for the
diagram tests: a loaded brand with registered fonts, and a Markdown location."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_SVG = "disc-test.svg"  # in tests/data, used as the assets folder for anatomy-label

CYCLE = """\
kind = "cycle"
caption = "The self-perpetuating cycle of chronic discogenic inflammation"
alt = "A loop of four mechanisms, each feeding the next: continuous chemical irritation, \
peripheral and central sensitization, altered movement patterns, scar tissue formation."
steps = ["Continuous chemical irritation", "Peripheral and central sensitization", \
"Altered movement patterns", "Scar tissue formation"]
"""

FLOW = """\
kind = "flow"
caption = "How an annular tear triggers an inflammatory cascade"
alt = "An annular tear exposes the nucleus contents, which release TNF-alpha, interleukin-6 \
and nitric oxide; together they cause chemical nerve irritation, immune activation and \
progressive tissue damage."
stages = [
  ["Annular tear breaches the disc's seal"],
  ["Nucleus contents exposed to surrounding tissues"],
  ["TNF-alpha", "Interleukin-6 (IL-6)", "Nitric oxide"],
  ["Chemical nerve irritation", "Immune activation", "Progressive tissue damage"],
]
"""

COMPARE = """\
kind = "compare"
caption = "What common treatments do, and what they leave untouched"
alt = "A comparison of NSAIDs, epidural steroid injections, physical therapy and surgery: \
what each does, and what each does not do."
rows = ["What it does", "What it does not do"]

[[column]]
name = "NSAIDs"
cells = ["Calms inflammation throughout the body", "Does not seal the annular tear"]

[[column]]
name = "Epidural steroid injections"
cells = ["Reduces inflammation around the nerve for weeks to months", \
"Does not stop the leak at its source"]

[[column]]
name = "Physical therapy"
cells = ["Restores strength, posture and healthy movement", \
"Cannot repair damaged disc tissue"]

[[column]]
name = "Surgery"
cells = ["Removes or fuses the damaged disc", "Does not reverse sensitization"]
"""

ANATOMY = """\
kind = "anatomy-label"
caption = "Inside a damaged disc"
alt = "A cross-section of an intervertebral disc: the annulus fibrosus ring around the \
nucleus pulposus, a tear through the ring, material leaking out, and the nearby nerve root."
image = "disc-test.svg"

[[label]]
text = "Annulus fibrosus (tough outer ring)"
anchor = "annulus"

[[label]]
text = "Nucleus pulposus (gel-like core)"
anchor = "nucleus"

[[label]]
text = "Annular tear"
anchor = "tear"

[[label]]
text = "Leaking nucleus material"
anchor = "leak"

[[label]]
text = "Nerve root"
anchor = "nerve-root"
"""

SAMPLES = {"cycle": CYCLE, "flow": FLOW, "compare": COMPARE, "anatomy-label": ANATOMY}


def brand_folder(tmp: Path) -> Path:
    """A copy of assets/brand.toml with a stand-in logo, so that it loads on any branch."""
    shutil.copy(ROOT / "assets" / "brand.toml", tmp / "brand.toml")
    if (ROOT / "assets" / "logo.svg").is_file():
        shutil.copy(ROOT / "assets" / "logo.svg", tmp / "logo.svg")
    else:
        (tmp / "logo.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', encoding="utf-8"
        )
    return tmp / "brand.toml"
