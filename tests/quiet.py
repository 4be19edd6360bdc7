"""A context manager that fails when a PDF reader complains (pypdf logs its warnings, pikepdf and
others use the warnings module): shared by the diagnostics tests; holds no tests."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def no_reader_warnings(*loggers: str) -> Iterator[None]:
    """Run the block; fail if it warned or logged a warning on ``loggers`` (pypdf's default)."""
    handler = _Records()
    names = loggers or ("pypdf",)
    for name in names:
        logging.getLogger(name).addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        for name in names:
            logging.getLogger(name).removeHandler(handler)
    assert not caught, [str(w.message) for w in caught]
    assert not handler.records, [r.getMessage() for r in handler.records]
