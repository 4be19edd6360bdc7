"""Configuration: TOML files validated once, at the edge, into frozen dataclasses."""

from guide.config.load import inside, load_brand, load_guide
from guide.config.schema import Brand, GuideConfig

__all__ = ["Brand", "GuideConfig", "inside", "load_brand", "load_guide"]
