"""Headings as paragraphs that, when drawn, put their destination, outline entry and page
number where links, the outline and the contents find them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable

from guide import model as m
from guide.render.text.scraps import BalancedParagraph


class HeadingParagraph(BalancedParagraph):
    """A heading that registers its destination, outline entry and page when drawn."""

    def __init__(
        self,
        text: str | None,
        style: Any,
        heading: m.Heading | None = None,
        title: str = "",
        on_draw: Callable[[m.Heading, int], None] | None = None,
        **kwargs: Any,
    ) -> None:
        # reportlab's split() builds the pieces as ``self.__class__(None, style, frags=...)``
        super().__init__(text, style, **kwargs)
        self.heading = heading
        self.title = title
        self.on_draw = on_draw
        self.role = f"H{min(heading.level, 6)}" if heading else "P"

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A heading too long for one page: the first piece registers the heading."""
        pieces: list[Flowable] = super().split(avail_width, avail_height)
        if pieces:
            pieces[0].heading, pieces[0].title, pieces[0].on_draw = (
                self.heading,
                self.title,
                self.on_draw,
            )
            for piece in pieces:
                piece.role = self.role
        return pieces

    def draw(self) -> None:
        """Draw the heading and register its page."""
        if self.heading is None or self.on_draw is None:  # a later piece of a split heading
            super().draw()
            return
        canv = self.canv
        # The destination is the heading's top left (a link lands on it, not the page's top).
        canv.bookmarkHorizontal(self.heading.anchor, 0, self.height)
        canv.addOutlineEntry(
            self.title, self.heading.anchor, self.heading.level - 1, closed=self.heading.level > 1
        )
        self.on_draw(self.heading, canv.getPageNumber())
        super().draw()
