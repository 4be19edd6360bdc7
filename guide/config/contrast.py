"""WCAG 2.1 contrast of the brand palette: each colour pair against the strictest minimum of the
uses it is drawn for, reported at the foreground colour's line in ``brand.toml``."""

# Minimums (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): 4.5:1 for text (1.4.3); 3:1 for
# large text, 18 pt or 14 pt bold (1.4.3), and for strokes and markers (1.4.11, non-text).
# A pair drawn both as small text and as strokes needs 4.5:1. Sizes come from the brand's type
# scale, so a brand whose smallest heading grows past 14 pt may use a lighter heading colour.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from guide.config.callouts import contrast_pairs
from guide.config.reader import Table
from guide.config.schema import Color, Palette, TypeScale

NORMAL_TEXT = 4.5  # WCAG 1.4.3 (AA)
LARGE_OR_GRAPHICS = 3.0  # WCAG 1.4.3 large text, 1.4.11 non-text contrast
LARGE, LARGE_BOLD = 18.0, 14.0  # points


@dataclass(frozen=True)
class Use:
    """One thing drawn in ``fg`` on ``bg``: text of a size (bold or not) or a graphic."""

    fg: str
    bg: str
    what: str
    size: Callable[[TypeScale], float] | None  # None: strokes and markers, not text
    bold: bool = False

    def minimum(self, scale: TypeScale) -> float:
        """The contrast this use needs with the brand's type scale."""
        if self.size is None:
            return LARGE_OR_GRAPHICS
        size = self.size(scale)
        large = size >= LARGE or (self.bold and size >= LARGE_BOLD)
        return LARGE_OR_GRAPHICS if large else NORMAL_TEXT


def _size(name: str) -> Callable[[TypeScale], float]:
    def size(scale: TypeScale) -> float:
        return float(getattr(scale, name))

    return size


# What the renderer draws in which colours (guide/render/text/styles.py, page/, layout/).
USES: tuple[Use, ...] = (
    Use("ink", "paper", "body text", _size("body_size")),
    Use("muted", "paper", "captions and page furniture", _size("furniture")),
    Use("muted", "paper", "table rules", None),
    Use("ink", "tint", "text in callouts and tables", _size("small")),
    Use("primary", "paper", "headings", _size("h3"), bold=True),
    Use("primary", "paper", "contents entries", lambda t: t.body_size + 1, bold=True),
    Use("primary", "tint", "table headers and callout titles", _size("small"), bold=True),
    Use("on_primary", "primary", "text on the cover and the button", _size("body_size")),
    Use("tint", "primary", "the cover's subtitle", lambda t: 11.0),
    Use("accent", "paper", "links", _size("body_size")),
    Use("accent", "paper", "rules, list markers and diagram strokes", None),
    Use("accent", "tint", "links in callouts", _size("body_size")),
    Use("accent", "tint", "rules and diagram strokes on tint", None),
)


def relative_luminance(color: Color) -> float:
    """WCAG relative luminance of an sRGB colour (0 black to 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color.rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def brand_uses() -> tuple[Use, ...]:
    """:data:`USES` and, for pairs not among them, what each callout look draws."""
    seen = {(use.fg, use.bg) for use in USES}
    extra = []
    for fg, bg, text, what in contrast_pairs():  # each callout kind's look
        if fg != bg and (fg, bg) not in seen:
            seen.add((fg, bg))
            extra.append(Use(fg, bg, what, _size("small") if text else None))
    return (*USES, *extra)


def check_contrast(
    palette: Palette, scale: TypeScale, table: Table, uses: tuple[Use, ...] | None = None
) -> None:
    """Report every palette pair below the strictest minimum of the uses it is drawn for."""
    colors = palette.named()
    uses = brand_uses() if uses is None else uses
    pairs: dict[tuple[str, str], list[Use]] = {}
    for use in uses:
        pairs.setdefault((use.fg, use.bg), []).append(use)
    for (fg, bg), drawn in pairs.items():
        ratio = contrast_ratio(colors[fg], colors[bg])
        failing = [u for u in drawn if ratio < u.minimum(scale)]
        if not failing:
            continue
        minimum = max(u.minimum(scale) for u in failing)
        what = "; ".join(u.what for u in failing if u.minimum(scale) == minimum)
        table.file.diagnostics.error(
            f"palette colour '{fg}' ({colors[fg].hex}) on '{bg}' ({colors[bg].hex}) has "
            f"contrast {ratio:.2f}:1; {what} need at least {minimum:g}:1 (WCAG 2.1 AA)",
            table.where(fg),
        )
