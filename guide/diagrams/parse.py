"""Validate the TOML body of a fenced ``diagram`` block into a :class:`DiagramSpec`. Takes the
block's text, its :class:`~guide.errors.Location` (the fence line), the brand palette and the assets
folder; hands on a spec or diagnostics whose lines point into the Markdown file (the body's first
line is ``location.line + 1``)."""

# Imports no reportlab and no markdown.

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from guide.config.load import inside, is_file
from guide.config.schema import Palette
from guide.config.toml_lines import KeyLines, syntax_error
from guide.diagrams.spec import (
    KINDS,
    AnatomyLabel,
    Body,
    Compare,
    Cycle,
    DiagramSpec,
    Flow,
    Label,
)
from guide.diagrams.svg import SvgProblem, read_svg
from guide.errors import Diagnostic, Location, did_you_mean, error

COMMON_KEYS = ("kind", "caption", "alt", "color")
KIND_KEYS = {
    "cycle": ("steps",),
    "flow": ("stages", "direction"),
    "compare": ("rows", "column"),
    "anatomy-label": ("image", "label"),
}
MAX_ITEMS = 12
MAX_ACROSS = 4  # boxes side by side: flow stage boxes, compare columns
DIRECTIONS = ("down", "right")
SIDES = ("auto", "left", "right")

Path_ = tuple[str | int, ...]


class _Reader:
    """Typed access to the parsed TOML, reporting problems at Markdown lines."""

    def __init__(self, text: str, location: Location) -> None:
        self.location = location
        self.lines = KeyLines(text)
        self.diagnostics: list[Diagnostic] = []

    def where(self, *path: str | int) -> Location:
        return Location(self.location.path, self.location.line + self.lines.line_of(*path))

    def fail(self, message: str, *path: str | int) -> None:
        where = self.where(*path) if path else self.location
        self.diagnostics.append(error(message, where))

    def text(self, data: dict[str, Any], key: str, path: Path_ = (), required: bool = True) -> str:
        name = key
        if key not in data:
            if required and len(path) == 2:
                self.fail(
                    f"[[{path[0]}]] {int(path[1]) + 1} is missing the required key '{key}'", *path
                )
            elif required:
                self.fail(f"diagram is missing the required key '{key}'", *path)
            return ""
        value = data[key]
        if not isinstance(value, str):
            self.fail(f"'{name}' must be a string (in quotes)", *path, key)
            return ""
        if not value.strip():
            self.fail(f"'{name}' must not be empty", *path, key)
        return " ".join(value.split())

    def strings(self, value: Any, name: str, *path: str | int) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f'\'{name}\' must be a list of strings, like ["First", "Second"]', *path)
            return None
        if any(not v.strip() for v in value):
            self.fail(f"'{name}' must not hold empty strings", *path)
            return None
        return tuple(" ".join(v.split()) for v in value)

    def count(
        self, items: tuple[Any, ...], name: str, low: int, high: int, *path: str | int
    ) -> bool:
        if low <= len(items) <= high:
            return True
        self.fail(f"'{name}' must hold {low} to {high} entries, not {len(items)}", *path)
        return False

    def unknown(
        self, data: dict[str, Any], allowed: tuple[str, ...], what: str, *path: str | int
    ) -> None:
        for key in data:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.fail(
                    f"unknown key '{key}' in {what}{hint}; allowed: {', '.join(allowed)}",
                    *path,
                    key,
                )


def _syntax_error(exc: tomllib.TOMLDecodeError, body: str, location: Location) -> Diagnostic:
    message, line, col = syntax_error(exc, body)
    return error(
        f"invalid TOML in diagram: {message}", Location(location.path, location.line + line, col)
    )


def _cycle(r: _Reader, data: dict[str, Any]) -> Body | None:
    if "steps" not in data:
        r.fail('a cycle diagram needs \'steps\', like steps = ["First", "Second", "Third"]')
        return None
    steps = r.strings(data["steps"], "steps", "steps")
    if steps is None or not r.count(steps, "steps", 2, MAX_ITEMS, "steps"):
        return None
    return Cycle(steps)


def _flow(r: _Reader, data: dict[str, Any]) -> Body | None:
    direction = r.text(data, "direction", required=False) or "down"
    if direction not in DIRECTIONS:
        r.fail(
            f'\'direction\' must be "down" or "right", not {direction!r}'
            f"{did_you_mean(direction, DIRECTIONS)}",
            "direction",
        )
        return None
    if "stages" not in data:
        r.fail(
            'a flow diagram needs \'stages\', like stages = [["Cause"], ["Effect 1", "Effect 2"]]'
        )
        return None
    raw = data["stages"]
    if not isinstance(raw, list) or not all(isinstance(s, list) for s in raw):
        r.fail(
            '\'stages\' must be a list of lists of strings, like [["Cause"], ["Effect"]]', "stages"
        )
        return None
    stages = []
    for number, stage in enumerate(raw, start=1):
        boxes = r.strings(stage, f"stages (stage {number})", "stages")
        if boxes is None or not r.count(boxes, f"stages (stage {number})", 1, MAX_ACROSS, "stages"):
            return None
        stages.append(boxes)
    high = MAX_ACROSS if direction == "right" else MAX_ITEMS
    if not r.count(tuple(stages), "stages", 2, high, "stages"):
        return None
    return Flow(tuple(stages), direction)


def _compare(r: _Reader, data: dict[str, Any]) -> Body | None:
    if "rows" not in data or "column" not in data:
        r.fail(
            "a compare diagram needs 'rows' and one [[column]] table per column "
            "(with 'name' and 'cells')"
        )
        return None
    rows = r.strings(data["rows"], "rows", "rows")
    columns = data["column"]
    if not isinstance(columns, list) or not all(isinstance(c, dict) for c in columns):
        r.fail("'column' must be written as [[column]] tables", "column")
        return None
    if rows is None or not r.count(rows, "rows", 1, MAX_ITEMS, "rows"):
        return None
    if not r.count(tuple(columns), "[[column]] tables", 2, MAX_ACROSS, "column"):
        return None
    names, cells = [], []
    for index, column in enumerate(columns):
        path: Path_ = ("column", index)
        r.unknown(column, ("name", "cells"), f"[[column]] {index + 1}", *path)
        names.append(r.text(column, "name", path))
        if "cells" not in column:
            r.fail(f"[[column]] {index + 1} is missing the required key 'cells'", *path)
            return None
        got = r.strings(column["cells"], "cells", *path, "cells")
        if got is None:
            return None
        if len(got) != len(rows):
            r.fail(
                f"[[column]] {index + 1} ('{names[-1]}') has {len(got)} "
                f"cell{'s' * (len(got) != 1)} but there are {len(rows)} rows",
                *path,
                "cells",
            )
            return None
        cells.append(got)
    by_row = tuple(tuple(col[i] for col in cells) for i in range(len(rows)))
    return Compare(tuple(names), rows, by_row)


def _anatomy(r: _Reader, data: dict[str, Any], assets: Path) -> Body | None:
    image = r.text(data, "image")
    labels_raw = data.get("label")
    if not image:
        return None
    path = inside(assets, image)
    if path is None:
        r.fail(f"image '{image}' must be a path inside {assets.name}/", "image")
        return None
    if not is_file(path):
        r.fail(f"image '{image}' not found in {assets.name}/", "image")
        return None
    if path.suffix.lower() != ".svg":
        r.fail(f"image '{image}' must be an SVG drawing (.svg)", "image")
        return None
    try:
        info = read_svg(path)
    except SvgProblem as exc:
        r.fail(f"image '{image}' {exc}", "image")
        return None
    if not isinstance(labels_raw, list) or not all(isinstance(x, dict) for x in labels_raw):
        r.fail(
            "an anatomy-label diagram needs [[label]] tables (with 'text' and 'anchor')",
            *(("label",) if "label" in data else ()),
        )
        return None
    if not r.count(tuple(labels_raw), "[[label]] tables", 1, MAX_ITEMS, "label"):
        return None
    names = [a.name for a in info.anchors]
    labels = []
    for index, raw in enumerate(labels_raw):
        where: Path_ = ("label", index)
        r.unknown(raw, ("text", "anchor", "side"), f"[[label]] {index + 1}", *where)
        text = r.text(raw, "text", where)
        anchor = r.text(raw, "anchor", where).removeprefix("anchor-")
        side = r.text(raw, "side", where, required=False) or "auto"
        if side not in SIDES:
            r.fail(f'\'side\' must be "left", "right" or "auto", not {side!r}', *where, "side")
        if anchor and anchor not in names:
            known = ", ".join(names) if names else "none"
            r.fail(
                f"anchor '{anchor}' not found in {image}{did_you_mean(anchor, names)}; "
                f"its anchors: {known}",
                *where,
                "anchor",
            )
        labels.append(Label(text, anchor, side))
    return AnatomyLabel(image, path, tuple(labels), info.anchors, info.aspect)


def parse_diagram(
    body: str, location: Location, palette: Palette, assets: Path
) -> tuple[DiagramSpec | None, list[Diagnostic]]:
    """The spec of one ``diagram`` block, or None and every problem found."""
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(exc, body, location)]
    r = _Reader(body, location)
    kind = r.text(data, "kind")
    caption = r.text(data, "caption")
    alt = r.text(data, "alt")
    color = r.text(data, "color", required=False) or "accent"
    colours = tuple(palette.named())
    if color not in colours:
        r.fail(
            f"colour '{color}' is not in the brand palette"
            f"{did_you_mean(color, colours)}; use one of: {', '.join(colours)}",
            "color",
        )
    if kind and kind not in KINDS:
        r.fail(
            f"unknown diagram kind '{kind}'{did_you_mean(kind, KINDS)}; kinds: {', '.join(KINDS)}",
            "kind",
        )
    if kind not in KINDS:
        return None, r.diagnostics
    r.unknown(data, COMMON_KEYS + KIND_KEYS[kind], f"a {kind} diagram")
    spec_body: Body | None
    if kind == "cycle":
        spec_body = _cycle(r, data)
    elif kind == "flow":
        spec_body = _flow(r, data)
    elif kind == "compare":
        spec_body = _compare(r, data)
    else:
        spec_body = _anatomy(r, data, assets)
    if r.diagnostics or spec_body is None:
        return None, r.diagnostics
    return DiagramSpec(kind, caption, alt, spec_body, color), []
