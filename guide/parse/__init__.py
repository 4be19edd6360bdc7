"""The parse stage: a guide's Markdown files → the document model. Takes the validated
:class:`~guide.config.schema.GuideConfig` and the assets folder; hands on a
:class:`~guide.model.Document` (figures numbered in reading order) and diagnostics."""

# The only module family that imports ``markdown``; it imports nothing of reportlab.

from __future__ import annotations

import dataclasses
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from guide import model as m
from guide.config.load import inside, is_file
from guide.config.schema import GuideConfig, Limits, Palette
from guide.errors import Diagnostics, InternalError, Location, quoted
from guide.parse.campaign import tag_links
from guide.parse.convert import Converter
from guide.parse.depth import MAX_INLINE_DEPTH, inline_depth, too_deep
from guide.parse.fences import Lifted, lift
from guide.parse.images import image_problem
from guide.parse.indent import reindent_lists
from guide.parse.links import resolve_links
from guide.sources import LineFinder, SourceFile, read_source

EXTENSIONS = ["tables", "footnotes", "admonition", "sane_lists", "attr_list", "def_list"]
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


class _Capture(Treeprocessor):  # type: ignore[misc]
    """Keeps the finished element tree (after inline processing and unescaping)."""

    root: ET.Element | None = None

    def run(self, root: ET.Element) -> None:
        self.root = root


def _extensions() -> list[Extension]:
    """:data:`EXTENSIONS`, made directly: given names, Python-Markdown looks them up among the
    installed packages' entry points first (a scan of every package, ~2 ms per process)."""
    from markdown.extensions.admonition import AdmonitionExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    return [
        TableExtension(),
        FootnoteExtension(),
        AdmonitionExtension(),
        SaneListExtension(),
        AttrListExtension(),
        DefListExtension(),
    ]


def _markdown_tree(text: str) -> tuple[ET.Element, list[str]]:
    md = markdown.Markdown(extensions=_extensions())
    capture = _Capture(md)
    md.treeprocessors.register(capture, "guide-capture", -100)
    md.convert(text)
    # Python-Markdown skips its tree processors for blank text: an empty chapter is an empty
    # tree (the check stage then asks for its title).
    root = capture.root if capture.root is not None else ET.Element("div")
    return root, list(md.htmlStash.rawHtmlBlocks)


class _Parser:
    def __init__(
        self,
        config: GuideConfig,
        assets: Path,
        palette: Palette,
        diagnostics: Diagnostics,
        limits: Limits,
    ) -> None:
        self.limits = limits
        self.config = config
        self.assets = assets
        self.palette = palette
        self.diagnostics = diagnostics

    def resolve_image(self, src: str, alt: str, caption: str, location: Location) -> m.Image:
        path = None
        shown = quoted(src)
        if src[:5].lower() == "data:":
            self.diagnostics.error(
                "embedded data: images are not supported; save the picture "
                "in the guide's folder and give its file name",
                location,
            )
        elif ":" in src.split("/")[0] or src.startswith(("/", "\\")):
            self.diagnostics.error(
                f"image {shown} must be a file in the guide's folder or assets/ "
                f"(no URLs or absolute paths)",
                location,
            )
        else:
            for folder in (self.config.folder, self.assets):
                found = inside(folder, src)
                if is_file(found):
                    path = found
                    break
            if path is None:
                self.diagnostics.error(
                    f"image {shown} not found in the guide's folder or "
                    f"assets/{self._image_hint(src)}",
                    location,
                )
            elif path.suffix.lower() not in IMAGE_SUFFIXES:
                self.diagnostics.error(f"image {shown} must be PNG, JPEG or SVG", location)
                path = None
            elif (problem := image_problem(path, self.limits)) is not None:
                self.diagnostics.error(f"image {shown} {problem}", location)
                path = None
        return m.Image(src, path, alt, caption, location)

    def _image_hint(self, src: str) -> str:
        """`` (did you mean 'images/x.png'?)`` among the pictures in the guide's folder."""
        from guide.errors import did_you_mean

        folder, names = self.config.folder, []
        for top, _, files in os.walk(folder):  # symbolic links to folders are not followed
            names += [
                (Path(top) / name).relative_to(folder).as_posix()
                for name in files
                if Path(name).suffix.lower() in IMAGE_SUFFIXES
                and not (Path(top) / name).is_symlink()
            ]
        wanted = src.replace("\\", "/")
        return did_you_mean(wanted, sorted(set(names) - {wanted})[:1000])

    def lifted_block(self, source: SourceFile, item: Lifted) -> m.Block | None:
        location = source.location(item.line)
        if item.kind == "pagebreak":
            return m.PageBreak(location)
        if item.language == "diagram":
            from guide.diagrams import parse_diagram

            spec, found = parse_diagram(item.body, location, self.palette, self.assets)
            self.diagnostics.extend(found)
            return m.Diagram(spec, location) if spec is not None else None
        return m.CodeBlock(item.body, item.language, location)

    def chapter(self, relative: str) -> m.Chapter | None:
        display = f"{self.config.display}/{relative}"
        source = read_source(
            self.config.folder / relative, display, self.diagnostics, self.limits.max_source_bytes
        )
        if source is None:
            return None
        deep = too_deep(source.text)
        if deep is not None:
            self.diagnostics.error(
                f"lists or quotes are nested too deeply here (at most "
                f"{self.limits.max_nesting} levels)",
                source.location(deep),
            )
            return None
        text, lifted, unclosed = lift(source.text)
        text = reindent_lists(text)  # "  - b" under "- a" nests, as on GitHub
        for line in unclosed:
            self.diagnostics.error("code fence is never closed", source.location(line))
        try:
            root, stash = _markdown_tree(text)
        except RecursionError:  # depth.py keeps this away; a last line of defence
            self.diagnostics.error("the Markdown is nested too deeply to read", source.location(1))
            return None

        depth, holder = inline_depth(root)
        if depth > MAX_INLINE_DEPTH:
            words = " ".join("".join(holder.itertext()).split()[:4]) if holder is not None else ""
            line = LineFinder(source.text).find(words)
            self.diagnostics.error(
                f"inline markup nested too deep ({depth} levels; at most "
                f"{MAX_INLINE_DEPTH}): take out some of the emphasis or "
                f"links around this text",
                source.location(line),
            )
            return None

        def block_for(index: int) -> m.Block | None:
            return self.lifted_block(source, lifted[index]) if index < len(lifted) else None

        converter = Converter(source, stash, self.diagnostics, block_for, self.resolve_image)
        return m.Chapter(relative, converter.blocks(root))


def number_figures(
    chapters: tuple[m.Chapter, ...],
) -> tuple[tuple[m.Chapter, ...], tuple[m.Image | m.Diagram, ...]]:
    """Give every diagram, and every image with a caption, its figure number."""
    figures: list[m.Image | m.Diagram] = []

    def renumber(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
        out: list[m.Block] = []
        for block in blocks:
            if isinstance(block, (m.Diagram, m.Image)) and block.caption:
                block = dataclasses.replace(block, number=len(figures) + 1)
                figures.append(block)
            elif isinstance(block, (m.BlockQuote, m.Callout)):
                block = dataclasses.replace(block, blocks=renumber(block.blocks))
            elif isinstance(block, m.ListBlock):
                items = tuple(m.ListItem(renumber(i.blocks)) for i in block.items)
                block = dataclasses.replace(block, items=items)
            out.append(block)
        return tuple(out)

    numbered = tuple(m.Chapter(c.source, renumber(c.blocks)) for c in chapters)
    return numbered, tuple(figures)


def parse_guide(
    config: GuideConfig,
    assets: Path,
    palette: Palette,
    diagnostics: Diagnostics,
    limits: Limits | None = None,
) -> m.Document:
    """Parse a guide's chapters and disclaimer into the document model."""
    parser = _Parser(config, assets, palette, diagnostics, limits or Limits())

    def chapter(relative: str) -> m.Chapter | None:
        try:
            return parser.chapter(relative)
        except Exception as exc:  # a bug of ours: name the file it was reading
            raise InternalError(exc, Location(f"{config.display}/{relative}", 1)) from exc

    chapters = tuple(c for c in (chapter(r) for r in config.chapters) if c is not None)
    disclaimer = chapter(config.disclaimer) if config.disclaimer else None
    chapters, closing = resolve_links(
        chapters, disclaimer.blocks if disclaimer else (), config.base_url
    )
    chapters, figures = number_figures(chapters)
    document = m.Document(chapters, closing, figures)
    return tag_links(document, config.campaign)  # after resolve_links: relative links too
