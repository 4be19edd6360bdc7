"""The render stage: document model + brand + the finish stage's properties → the finished PDF
bytes, written once. The only package that imports reportlab."""

# :func:`render_guide` lays the guide out; a block too large for a page is a diagnostic at its
# Markdown line, anything else that fails is an :class:`~guide.errors.InternalError` naming the
# block (or the guide) being built.

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.errors import Diagnostics, InternalError, Location

if TYPE_CHECKING:
    from guide import model as m
    from guide.config.schema import Brand, GuideConfig
    from guide.edition import Edition
    from guide.metadata import Finish
    from guide.render.layout.document import Rendered


def render_guide(
    document: m.Document,
    config: GuideConfig,
    brand: Brand,
    edition: Edition,
    finish: Finish,
    diagnostics: Diagnostics,
) -> Rendered | None:
    """Render one guide to PDF bytes, or None after reporting why it cannot be laid out."""
    from reportlab.platypus.doctemplate import LayoutError

    from guide.i18n import catalogue
    from guide.render.layout.diagram_hook import diagram_renderer
    from guide.render.layout.document import render_pdf
    from guide.render.layout.safety import BlockProblem, describe_failure

    fallback = Location(f"{config.display}/guide.toml", 1)
    try:
        return render_pdf(
            document,
            config,
            brand,
            edition,
            finish,
            diagram_renderer(brand, catalogue(config.language)),
        )
    except BlockProblem as exc:  # raised with the block's location (see render.safety)
        diagnostics.error(f"cannot lay out the guide: {exc.message}", exc.location or fallback)
    except RecursionError:
        diagnostics.error("cannot lay out the guide: its blocks are nested too deeply", fallback)
    except LayoutError as exc:  # outside a block: a page's furniture
        diagnostics.error(f"cannot lay out the guide: {describe_failure(exc)}", fallback)
    except InternalError:
        raise
    except Exception as exc:  # a bug of ours outside any block: name the guide
        raise InternalError(exc, fallback) from exc
    return None
