"""WCAG 2.1 contrast of the brand palette: every text colour against the backgrounds it is
drawn on, by the relative-luminance formula (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).

Takes a loaded :class:`~guide.config.schema.Palette` and the brand file's table; reports each
pair below its minimum at the foreground colour's line in ``brand.toml``. Imports nothing but
the config package.
"""

from __future__ import annotations

from guide.config.callouts import contrast_pairs
from guide.config.reader import Table
from guide.config.schema import Color, Palette

NORMAL_TEXT = 4.5  # WCAG 1.4.3 (AA)
LARGE_OR_GRAPHICS = 3.0  # WCAG 1.4.3 large text, 1.4.11 non-text contrast

# (foreground, background, minimum, what is drawn so)
PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("ink", "paper", NORMAL_TEXT, "body text"),
    ("muted", "paper", NORMAL_TEXT, "captions and page furniture"),
    ("ink", "tint", NORMAL_TEXT, "text in callouts and tables"),
    ("primary", "paper", NORMAL_TEXT, "headings"),
    ("primary", "tint", NORMAL_TEXT, "table headers and callout titles"),
    ("on_primary", "primary", NORMAL_TEXT, "text on the cover and the button"),
    ("tint", "primary", NORMAL_TEXT, "the cover's subtitle"),
    ("accent", "paper", NORMAL_TEXT, "links"),
    ("accent", "tint", NORMAL_TEXT, "links in callouts; rules, list markers, diagram strokes"),
)


def relative_luminance(color: Color) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color.rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: Color, second: Color) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def check_contrast(palette: Palette, table: Table) -> None:
    """Report every palette pair whose contrast is below its WCAG minimum."""
    colors = palette.named()
    seen = {(fg, bg) for fg, bg, _, _ in PAIRS}
    callouts = []
    for fg, bg, text, use in contrast_pairs():  # each callout kind's look
        if fg != bg and (fg, bg) not in seen:
            seen.add((fg, bg))
            callouts.append((fg, bg, NORMAL_TEXT if text else LARGE_OR_GRAPHICS, use))
    for fg, bg, minimum, use in (*PAIRS, *callouts):
        ratio = contrast_ratio(colors[fg], colors[bg])
        if ratio < minimum:
            table.file.diagnostics.error(
                f"palette colour '{fg}' ({colors[fg].hex}) on '{bg}' ({colors[bg].hex}) has "
                f"contrast {ratio:.2f}:1; {use} need at least {minimum:g}:1 (WCAG 2.1 AA)",
                table.where(fg))
