"""The services over a test database file opened with the test key, closed after the block."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from clientsteun.domain.catalog import Catalog
from clientsteun.services import Services
from clientsteun.store.database import open_database
from tests.conftest import TEST_KEY


@contextlib.contextmanager
def opened(path: Path, catalog: Catalog, clock: Callable[[], datetime], *, create: bool = True) -> Iterator[Services]:
    """``create=False``: an existing file only (upgraded as it opens)."""
    services = Services.create(open_database(path, TEST_KEY, create=create), catalog, clock)
    try:
        yield services
    finally:
        services.close()
