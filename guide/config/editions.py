"""Each edition's page from brand.toml: ``[type]`` and ``[editions.print]``,
``[editions.phone]`` (page size, margins, type adjustments, running header and footer).

Takes :class:`~guide.config.reader.Table` values; hands on :class:`TypeScale` and
:class:`EditionLayout` values, or diagnostics. Used only by :mod:`guide.config.load`.
"""

from __future__ import annotations

from guide.config.reader import Table
from guide.config.schema import (
    EDITION_NAMES,
    FURNITURE,
    PAGE_SIZES,
    EditionLayout,
    Margins,
    TypeScale,
)


def type_scale(t: Table, base: TypeScale | None, label_floor: float = 0.0) -> TypeScale:
    """A ``[type]`` table; an edition's table only adjusts ``base`` (keys it lacks keep their
    value). Sizes for labels (small, furniture) are at least ``label_floor``."""
    required = base is None

    def size(key: str, fallback: float, low: float, high: float) -> float:
        default = getattr(base, key) if base is not None else fallback
        return t.number(
            key, default, required=required, minimum=max(low, label_floor), maximum=high
        )

    scale = TypeScale(
        body_size=size("body_size", 12, 12, 24),
        leading=size("leading", 17, 12, 40),
        h1=size("h1", 28, 12, 72),
        h2=size("h2", 18, 12, 48),
        h3=size("h3", 14, 12, 36),
        small=size("small", 10, 7, 14),
        furniture=size("furniture", 8.5, 6, 12),
    )
    ratio = scale.leading / scale.body_size
    if not 1.3 <= ratio <= 1.5:
        t.file.diagnostics.error(
            f"body leading must be 1.3 to 1.5 times the body size (now {ratio:.2f})",
            t.where("leading"),
        )
    t.reject_unknown()
    return scale


# The phone edition when brand.toml does not describe one: about 4 × 7 inches (a phone's 9:16),
# narrow margins, the print type with headings a step smaller and labels of 9 pt or more.
PHONE_PAGE = (288.0, 504.0)
PHONE_MARGINS = Margins(top=46, bottom=42, inner=22, outer=22)


def _phone_default(base: EditionLayout) -> EditionLayout:
    t = base.type_scale
    scale = TypeScale(
        t.body_size,
        t.leading,
        min(t.h1, 22),
        min(t.h2, 16),
        min(t.h3, 13.5),
        max(t.small, 10),
        max(t.furniture, 9),
    )
    return EditionLayout("phone", *PHONE_PAGE, PHONE_MARGINS, scale, "compact")


def load_editions(table: Table, print_page: EditionLayout) -> tuple[EditionLayout, ...]:
    """brand.toml ``[editions.print]`` and ``[editions.phone]``: each edition's page. Print
    starts from the page, margins and type above; phone from a 4 × 7 inch page."""
    out = []
    for name in EDITION_NAMES:
        base = print_page if name == "print" else _phone_default(print_page)
        if name not in table.data:
            out.append(base)
            continue
        out.append(_edition(table.table(name), base))
    table.reject_unknown()
    return tuple(out)


def _edition(t: Table, base: EditionLayout) -> EditionLayout:
    width, height = base.width, base.height
    if "page_size" in t.data:
        size = t.text("page_size").lower()
        if size in PAGE_SIZES:
            width, height = PAGE_SIZES[size]
        else:
            t.file.diagnostics.error(
                f"'page_size' must be one of {', '.join(PAGE_SIZES)}", t.where("page_size")
            )
    width = t.number("width", width, required=False, minimum=144, maximum=1224)
    height = t.number("height", height, required=False, minimum=144, maximum=1584)
    margins = base.margins
    if "margins" in t.data:
        m = t.table("margins")
        margins = Margins(
            *(
                m.number(k, getattr(base.margins, k), required=False, minimum=18, maximum=216)
                for k in ("top", "bottom", "inner", "outer")
            )
        )
        m.reject_unknown()
    floor = 9.0 if base.name == "phone" else 0.0  # labels of 9 pt or more on a phone
    scale = (
        type_scale(t.table("type"), base.type_scale, floor) if "type" in t.data else base.type_scale
    )
    furniture = t.text("furniture", base.furniture, required=False)
    if furniture not in FURNITURE:
        t.file.diagnostics.error(
            f"'furniture' must be one of {', '.join(FURNITURE)}", t.where("furniture")
        )
        furniture = base.furniture
    if width - margins.inner - margins.outer < 144:
        t.file.diagnostics.error(
            "the margins leave less than 2 inches of text width",
            t.where("margins" if "margins" in t.data else "width"),
        )
    t.reject_unknown()
    return EditionLayout(base.name, width, height, margins, scale, furniture)
