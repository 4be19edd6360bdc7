from __future__ import annotations

from pathlib import Path

import pytest

from guide.config.load import load_brand
from guide.config.schema import Brand
from guide.errors import Diagnostics
from tests.diagram_samples import brand_folder


@pytest.fixture(scope="session")
def brand(tmp_path_factory: pytest.TempPathFactory) -> Brand:
    diagnostics = Diagnostics()
    loaded = load_brand(brand_folder(tmp_path_factory.mktemp("brand")), "assets/brand.toml",
                        diagnostics)
    assert loaded is not None, diagnostics.items
    return loaded


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(__file__).parent / "data"
