"""The hostile-input corpus: every case is a guide whose first chapter is odd or hostile.

Small cases are files in ``tests/corpus/`` (one per CommonMark spec section, plus raw HTML,
unsafe links and scripts); large or binary ones are made here in code (no multi-megabyte files
in the repository). Each case says what the build must end in: ``ok`` (a valid PDF with the
text kept) or ``clean error`` (exit 1 with ``path:line: error: ...`` lines). Holds no tests.
"""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import MINIMAL_TOML

CORPUS = Path(__file__).parent / "corpus"
OK, CLEAN = "ok", "clean error"


@dataclass(frozen=True)
class Symlink:
    target: str


@dataclass(frozen=True)
class Case:
    chapter: str | bytes
    expect: str
    extra: dict[str, str | bytes | Symlink] = field(default_factory=dict)
    note: str = ""


def png(width: int, height: int, pixels: bytes | None = None) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` (grey, 8-bit); its pixel data is
    ``pixels`` or one blank row (enough for Pillow to read the header, never to decode)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = pixels if pixels is not None else b"\x00" * (width + 1)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(data))
        + chunk(b"IEND", b"")
    )


def small_png() -> bytes:
    return png(4, 4, b"".join(b"\x00" + bytes([64 * i] * 4) for i in range(4)))


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&b;</text></svg>
"""
EXTERNAL_SVG = """<svg xmlns="http://www.w3.org/2000/svg"
 xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>
"""
GOOD_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20">
<rect x="1" y="1" width="38" height="18" fill="#1f7a85"/></svg>
"""
# guide.toml of tests/conftest.py with a vertical tab (U+000B) in the title: removed with a
# warning; the PDF's XMP stays well-formed.
TITLE_VT = MINIMAL_TOML.replace('title = "A Test Guide"', 'title = "A Test\\u000b Guide"', 1)
WORDS = [
    "spine",
    "disc",
    "annulus",
    "nucleus",
    "inflammation",
    "patient",
    "therapy",
    "the",
    "of",
    "and",
    "cells",
    "healing",
]


def _generated() -> dict[str, Case]:
    rng = random.Random(7)
    title = "# Generated case\n\n"
    huge = " ".join(f"{rng.choice(WORDS)}{i % 89}" for i in range(50_000))
    cell = " ".join(rng.choice(WORDS) for _ in range(1_500))  # about three pages
    cols = 60
    return {
        "empty-file": Case("", CLEAN, note="no title"),
        "only-whitespace": Case("  \n\n\t\n", CLEAN),
        "bom": Case(b"\xef\xbb\xbf# With a BOM\n\nText after the byte order mark.\n", OK),
        "crlf": Case(b"# CRLF line ends\r\n\r\nFirst line\r\nsecond line.\r\n\r\n- item\r\n", OK),
        "lone-cr": Case(b"# Lone CR line ends\r\rOld Mac text\rstill here.\r", OK),
        "nul-and-controls": Case(
            b"# Controls\n\nNUL\x00here bell\x07 escape\x1b[31m del\x7f form\x0cfeed.\n", OK
        ),
        "invalid-utf8": Case(b"# Latin-1\n\ncaf\xe9 au lait\n", CLEAN),
        "utf16": Case("# UTF-16\n\ntext\n".encode("utf-16"), CLEAN),
        "paragraph-50000-words": Case(title + huge + "\n", OK),
        "word-5000-chars": Case(
            title
            + "a"
            + "b" * 4998
            + "c ends here.\n\n| x | y |\n|--|--|\n| "
            + "d" * 5000
            + " | e |\n",
            OK,
        ),
        "heading-1000-chars": Case("# " + " ".join(["Longheading"] * 84) + "\n\nBody.\n", OK),
        "lists-nested-100": Case(
            title + "".join("  " * i + f"- level{i}\n" for i in range(100)), CLEAN
        ),
        "quotes-nested-100": Case(title + ">" * 100 + " deep quote\n", CLEAN),
        "mixed-nested-100": Case(
            title + "".join(f"{'> ' * i}- item{i}\n" for i in range(100)), CLEAN
        ),
        "lists-nested-1000": Case(
            title + "".join(" " * (2 * i) + "- x\n" for i in range(1000)), CLEAN
        ),
        "nested-8-ok": Case(title + "".join("  " * i + f"- level{i}\n" for i in range(8)), OK),
        "emphasis-nested-500": Case(
            title + "*" * 500 + "deep" + "*" * 500 + "\n",
            CLEAN,
            note="250 levels of emphasis: nested too deep",
        ),
        "brackets-2000": Case(title + "[" * 2000 + "x" + "]" * 2000 + "\n", OK),
        "table-60-columns": Case(
            title
            + "|"
            + "|".join(f"h{i}" for i in range(cols))
            + "|\n|"
            + "|".join("-" for _ in range(cols))
            + "|\n|"
            + "|".join(f"c{i}" for i in range(cols))
            + "|\n",
            CLEAN,
        ),
        "table-cell-three-pages": Case(
            title + "| Topic | Notes |\n|---|---|\n| long | " + cell + " |\n| short | end |\n", OK
        ),
        "image-fake-png": Case(
            title + "![A picture](fake.png)\n",
            CLEAN,
            {"fake.png": b"GIF89a this is not a PNG at all"},
        ),
        "image-jpeg-named-png": Case(
            title + "![A picture](photo.png)\n",
            CLEAN,
            {"photo.png": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"},
        ),
        "image-pixel-bomb": Case(
            title + "![A picture](bomb.png)\n", CLEAN, {"bomb.png": png(100_000, 100_000)}
        ),
        "image-pixels-over-limit": Case(
            title + "![A picture](big.png)\n", CLEAN, {"big.png": png(8_000, 8_000)}
        ),
        "image-good-png": Case(
            title + '![Four grey bars](bars.png "Grey bars")\n', OK, {"bars.png": small_png()}
        ),
        "image-good-svg": Case(title + "![A teal box](box.svg)\n", OK, {"box.svg": GOOD_SVG}),
        "svg-billion-laughs": Case(
            title + "![Laughs](laughs.svg)\n", CLEAN, {"laughs.svg": LAUGHS}
        ),
        "svg-external-image": Case(
            title + "![External](ext.svg)\n", CLEAN, {"ext.svg": EXTERNAL_SVG}
        ),
        "svg-not-xml": Case(
            title + "![Broken](broken.svg)\n", CLEAN, {"broken.svg": "<svg><g></svg>"}
        ),
        "image-symlink-outside": Case(
            title + "![Link](link.png)\n", CLEAN, {"link.png": Symlink("/etc/passwd")}
        ),
        "image-bmp-suffix": Case(title + "![Bitmap](pic.bmp)\n", CLEAN, {"pic.bmp": b"BM"}),
        # From issue 11: what a new user pasted.
        "link-target-line-break": Case(title + "See [this](<javascript:alert\n(1)>).\n", CLEAN),
        "inline-nested-400": Case(
            title
            + "".join(f"*[a{i} " for i in range(400))
            + "x"
            + "](https://example.com)*" * 400
            + "\n",
            CLEAN,
        ),
        "image-data-uri": Case(
            title + "![A chart](data:image/png;base64," + "iVBORw0KGgo" * 3000 + ")\n", CLEAN
        ),
        "image-name-too-long": Case(title + "![A chart](" + "a" * 400 + ".png)\n", CLEAN),
        "table-20-columns": Case(
            title
            + "|"
            + "|".join(f"Week {i}" for i in range(20))
            + "|\n|"
            + "---|" * 20
            + "\n|"
            + "Stretch|" * 20
            + "\n",
            CLEAN,
        ),
        "c1-controls": Case(title + "Windows\u0092 quotes\u0093 and a NEL\u0085 here.\n", OK),
        "title-control-character": Case(title + "Text.\n", OK, {"guide.toml": TITLE_VT}),
    }


# What each file in tests/corpus/ must end in, and why when it is an error.
FILE_EXPECT: dict[str, tuple[str, str]] = {
    "tabs": (OK, ""),
    "thematic-breaks": (OK, ""),
    "atx-headings": (CLEAN, "Python-Markdown reads '#5 bolt' as a second level-1 heading"),
    "setext-headings": (CLEAN, "two level-1 headings in one chapter"),
    "indented-code": (OK, ""),
    "fenced-code": (OK, ""),
    "html-blocks": (OK, ""),
    "link-reference-definitions": (OK, "the javascript: definition is never used"),
    "paragraphs-and-blank-lines": (OK, ""),
    "block-quotes": (CLEAN, "a heading inside a quote skips levels"),
    "list-items": (OK, ""),
    "lists": (OK, ""),
    "backslash-escapes": (OK, ""),
    "entity-references": (CLEAN, "entities for characters no brand font has (&HilbertSpace;)"),
    "code-spans": (OK, ""),
    "emphasis": (OK, ""),
    "links": (CLEAN, "an empty link target: [empty]()"),
    "links-unsafe": (CLEAN, "file:, javascript:, data: and relative links"),
    "images": (CLEAN, "picture not found"),
    "images-outside": (CLEAN, "pictures outside the guide's folders"),
    "autolinks": (CLEAN, "javascript: and file: autolinks"),
    "raw-html": (OK, ""),
    "line-breaks": (OK, ""),
    "tables": (OK, ""),
    "callouts-footnotes": (OK, ""),
    "unicode-latin": (OK, ""),
    "arabic": (CLEAN, "no brand font has Arabic"),
    "hebrew": (CLEAN, "no brand font has Hebrew"),
    "chinese": (CLEAN, "no brand font has CJK"),
    "devanagari": (CLEAN, "no brand font has Devanagari"),
    "emoji": (CLEAN, "no brand font has emoji"),
    "invisible-marks": (OK, "removed with a warning"),
}


def cases() -> dict[str, Case]:
    out: dict[str, Case] = {}
    for path in sorted(CORPUS.glob("*.md")):
        if path.name == "README.md":
            continue
        expect, note = FILE_EXPECT.get(path.stem, ("unlisted", ""))
        out[path.stem] = Case(path.read_bytes(), expect, note=note)
    out.update(_generated())
    return out
