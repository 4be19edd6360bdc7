"""Valor Spine guide builder: article Markdown and TOML in, a branded "Free Guide" PDF out."""

# The public entry points are :func:`guide.build.build` and :func:`guide.cli.main`. Nothing
# happens at import time: no fonts are registered, no files are read.

__version__ = "0.1.0"
