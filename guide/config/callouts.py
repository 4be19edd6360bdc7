"""The callout kinds (``!!! expert``, ``note``, ``tip``, ``warning``, ``important``): the catalogue
key of the word a screen reader says for each, and its look in the palette's colours."""

# Holds data only. The render stage draws the looks, with each kind's word from the guide's
# language catalogue (:mod:`guide.i18n`, keys ``callout_<kind>``); :mod:`guide.config.contrast`
# checks every colour pair they put text or an icon on.

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CalloutLook:
    """How one kind of callout looks: palette colour names ("" for none) and an icon."""

    label: str  # catalogue key of what the icon says (its alternate text), e.g. "Warning"
    icon: str  # the icon's drawing: "rosette", "info", "bulb", "triangle", "exclamation"
    background: str  # the box
    title: str  # the title's colour
    icon_color: str
    bar: str = ""  # a rule down the left edge
    border: str = ""  # a thin frame all round
    band: str = ""  # a band behind the title (the body keeps ``background``)


CALLOUT_LABELS: dict[str, str] = {
    kind: f"callout_{kind}" for kind in ("expert", "note", "tip", "warning", "important")
}

CALLOUT_LOOKS: dict[str, CalloutLook] = {
    "expert": CalloutLook(
        CALLOUT_LABELS["expert"], "rosette", "tint", "primary", "accent", bar="accent"
    ),
    "note": CalloutLook(
        CALLOUT_LABELS["note"], "info", "paper", "primary", "muted", border="muted"
    ),
    "tip": CalloutLook(CALLOUT_LABELS["tip"], "bulb", "tint", "primary", "primary"),
    "warning": CalloutLook(
        CALLOUT_LABELS["warning"],
        "triangle",
        "paper",
        "primary",
        "primary",
        bar="primary",
        border="primary",
    ),
    "important": CalloutLook(
        CALLOUT_LABELS["important"],
        "exclamation",
        "tint",
        "on_primary",
        "on_primary",
        band="primary",
    ),
}

DEFAULT_KIND = "note"  # the look of a kind not listed here


def callout_look(kind: str) -> CalloutLook:
    """The look of callout ``kind`` (an unknown kind looks like a note)."""
    return CALLOUT_LOOKS.get(kind, CALLOUT_LOOKS[DEFAULT_KIND])


def contrast_pairs() -> list[tuple[str, str, bool, str]]:
    """(foreground, background, is text, what) for every colour the looks draw on another."""
    pairs = []
    for kind, look in CALLOUT_LOOKS.items():
        head = look.band or look.background
        pairs.append((look.title, head, True, f"{kind} callout titles"))
        pairs.append((look.icon_color, head, False, f"{kind} callout icons"))
        pairs.append(("ink", look.background, True, f"{kind} callout text"))
        pairs.append(("accent", look.background, True, f"links in {kind} callouts"))
        for edge in (look.bar, look.border, look.band):
            if edge:
                pairs.append((edge, "paper", False, f"the edge of {kind} callouts"))
    return pairs
