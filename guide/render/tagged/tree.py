"""From roles to the structure tree: walk the story in reading order, create one element per
role-carrying flowable and tag the flowable so that drawing it fills the element. Takes the story
(flowables with ``role`` set by :func:`guide.render.layout.blocks.tag` and friends) and the
:class:`~guide.render.tagged.marking.Tagger`; hands on the same story, tagged."""

# Containers (Table, L, BlockQuote, Note boxes, Div) become elements without content of their own;
# their backgrounds and rules are artifacts. The elements exist before layout, so their order is
# the source order whatever page each one lands on, and a paragraph split across pages stays one
# P.

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Table
from reportlab.platypus.flowables import ListItem

from guide.render.adapter import (
    keep_together_content,
    list_entries,
    list_item_flowables,
    swap_class,
    table_rows,
)
from guide.render.tagged.marking import (
    TaggedList,
    Tagger,
    tag_artifact,
    tag_content,
    tag_table,
)
from guide.render.tagged.model import Element

LEAVES = {
    "P",
    "Title",
    "Caption",
    "Code",
    "Note",
    "TH",
    "TD",
    "BlockQuote",
    "Div",
    *(f"H{n}" for n in range(1, 7)),
}


def tag_story(story: list[Flowable], tagger: Tagger) -> list[Flowable]:
    """Tag every flowable of the story with its structure element."""
    walker = _Walker(tagger)
    walker.walk(story, tagger.tree.root)
    return story


class _Walker:
    def __init__(self, tagger: Tagger) -> None:
        self.tagger = tagger
        self.toc: Element | None = None

    def walk(self, flowables: Any, parent: Element) -> None:
        if isinstance(flowables, Flowable):
            flowables = [flowables]
        for flowable in flowables or ():
            self.one(flowable, parent)

    def one(self, flowable: Flowable, parent: Element) -> None:
        role = getattr(flowable, "role", None)
        if role != "TOCI":
            self.toc = None
        if isinstance(flowable, KeepTogether):
            self.walk(keep_together_content(flowable), parent)
        elif role is None:
            return  # spacers, page breaks, marks: they draw nothing
        elif role == "Artifact":
            tag_artifact(flowable)
        elif isinstance(flowable, Table):
            self.table(flowable, role, parent)
        elif isinstance(flowable, ListFlowable):
            self.list(flowable, parent)
        elif role == "TOCI":
            if self.toc is None:
                self.toc = parent.add("TOC")
            flowable.struct = self.toc.add("TOCI", lang=flowable.entry.lang)
            self.tagger.link_titles[flowable.entry.anchor] = flowable.entry.title
        elif role == "Figure":
            self.figure(flowable, parent)
        else:
            heading = getattr(flowable, "heading", None)
            if heading is not None:
                self.tagger.link_titles[heading.anchor] = heading.text
            anchor, title = getattr(flowable, "anchor_title", ("", ""))
            if anchor and title:
                self.tagger.link_titles[anchor] = title
            tag_content(
                flowable,
                parent.add(
                    role if role in LEAVES else "P", lang=getattr(flowable, "lang", "") or ""
                ),
            )

    def figure(self, flowable: Flowable, parent: Element) -> None:
        """A figure draws its own parts: the picture (Figure, with alt text) and its caption
        (a Caption after it). A figure that is a link (the QR code) sits inside its Link."""
        if getattr(flowable, "url", None):
            parent = parent.add("Link")
        flowable.struct = parent.add(
            "Figure",
            alt=getattr(flowable, "alt_text", "") or "",
            lang=getattr(flowable, "lang", "") or "",
        )
        flowable.struct.attributes["Placement"] = "Block"
        has_caption = getattr(flowable, "caption", None) is not None or bool(
            getattr(flowable, "caption_text", "")
        )
        flowable.caption_struct = parent.add("Caption") if has_caption else None

    def table(self, table: Table, role: str, parent: Element) -> None:
        tag_table(table)
        kind = role if role in ("Table", "BlockQuote", "Note") else "Div"
        element = parent.add(kind)
        if kind != "Table":
            for row in table_rows(table):
                for cell in row:
                    self.walk(cell, element)
            return
        for cell in getattr(table, "artifact_cells", ()):  # labels repeated on phone cards
            tag_artifact(cell)
        for row in getattr(table, "logical_rows", None) or table_rows(table):
            tr = element.add("TR")
            for cell in row:
                cells = cell if isinstance(cell, (list, tuple)) else [cell]
                cell_role = str(
                    next(
                        (
                            getattr(c, "role", None)
                            for c in cells
                            if getattr(c, "role", None) in ("TH", "TD")
                        ),
                        "TD",
                    )
                )
                td = tr.add(cell_role, keep_empty=True)
                if cell_role == "TH":
                    td.attributes["Scope"] = "Column"
                for item in cells:
                    if getattr(item, "role", None) in ("TH", "TD"):
                        tag_content(item, td)
                    else:
                        self.walk(item, td)

    def list(self, flow: ListFlowable, parent: Element) -> None:
        swap_class(flow, TaggedList)
        element = parent.add("L")
        element.attributes["ListNumbering"] = (
            "Decimal" if getattr(flow, "ordered", False) else "Disc"
        )
        for item in list_entries(flow):
            content = list_item_flowables(item) if isinstance(item, ListItem) else item
            content = list(content) if isinstance(content, (list, tuple)) else [content]
            li = element.add("LI")
            label = li.add("Lbl")
            body = li.add("LBody")
            if content:
                content[0].list_label = label
            self.walk(content, body)
