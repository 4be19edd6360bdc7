"""The logical structure of a rendered guide: what the render stage hands the finish stage so that
it can write the PDF's structure tree (tagged PDF, PDF/UA-1)."""

# Plain data only: imports neither reportlab nor pypdf. The render stage builds an
# :class:`Element` tree in reading order (Document → H1, P, L/LI/Lbl/LBody, Table/TR/TH/TD,
# Figure, Caption, Note, TOC/TOCI, Link …) and, while drawing, attaches the marked content it
# wrote for each element (:class:`Content`: page and MCID) and the link annotations made inside it
# (:class:`AnnotRef`). The finish stage turns this into StructTreeRoot and ParentTree.

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Union

# Types that are not standard in PDF 1.7 and the standard type each one maps to (RoleMap).
ROLE_MAP: dict[str, str] = {"Title": "P"}


@dataclass(frozen=True)
class Content:
    """One marked-content sequence: ``/Type <</MCID mcid>> BDC … EMC`` on page ``page``."""

    page: int  # 0-based physical page
    mcid: int


@dataclass(frozen=True)
class AnnotRef:
    """A link annotation: the ``index``-th entry of page ``page``'s /Annots."""

    page: int
    index: int
    contents: str  # what the link does, for /Contents ("Link to https://…")


Kid = Union["Element", Content, AnnotRef]


@dataclass(eq=False)
class Element:
    """A structure element. Identity matters: split pieces of one paragraph share one
    element, so copying (reportlab deep-copies flowables while splitting) returns itself."""

    type: str
    parent: Element | None = None
    kids: list[Kid] = field(default_factory=list)
    alt: str = ""
    lang: str = ""  # /Lang: set only where it differs from the document's language
    attributes: dict[str, Any] = field(default_factory=dict)  # /A, e.g. {"Scope": "Column"}
    bbox: tuple[float, float, float, float] | None = None  # Figures: on their first page
    keep_empty: bool = False  # table cells stay even without content

    def add(self, type_: str, **kwargs: Any) -> Element:
        """Add and return a child element."""
        child = Element(type_, self, **kwargs)
        self.kids.append(child)
        return child

    def __deepcopy__(self, memo: dict[int, Any]) -> Element:
        return self

    def __copy__(self) -> Element:
        return self

    def elements(self) -> Iterator[Element]:
        """This element and every element below it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.elements()

    def has_content(self) -> bool:
        """Whether the element or a descendant marks content or an annotation."""
        return any(
            isinstance(k, (Content, AnnotRef)) or (isinstance(k, Element) and k.has_content())
            for k in self.kids
        )

    def prune(self) -> None:
        """Drop elements that never received content (e.g. a paragraph that drew nothing)."""
        kept: list[Kid] = []
        for kid in self.kids:
            if isinstance(kid, Element):
                kid.prune()
                if not (kid.has_content() or kid.keep_empty):
                    continue
            kept.append(kid)
        self.kids = kept

    def text_type(self) -> str:
        """The standard structure type (after the RoleMap)."""
        return ROLE_MAP.get(self.type, self.type)


@dataclass
class StructTree:
    """The document's root element and the number of pages it was drawn on."""

    root: Element = field(default_factory=lambda: Element("Document"))
    pages: int = 0
