"""Shared fixtures: a real SQLite file per test, the real catalog, a fixed clock, offscreen Qt."""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import Catalog, load_catalog
from clientsteun.services import Services
from clientsteun.store.database import open_database
from clientsteun.store.keys import KdfParams

NOW = datetime(2026, 11, 23, 10, 30)
# A fixed data key for tests that open a database directly, and a cheap Argon2 cost for tests
# that make key files (the cost is stored in the key file, so unlocking stays cheap too).
TEST_KEY = bytes(range(32))
FAST_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "paarse olifant danst traag"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.value = now

    def __call__(self) -> datetime:
        return self.value


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.path)).parts
        if "gui" in parts:
            item.add_marker(pytest.mark.gui)
        if "e2e" in parts:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Before a test's windows close and its database closes: the jobs it started on Qt's thread pool
    have ended, so none reads a closed database or runs into the next test."""
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None:
        qt.QThreadPool.globalInstance().waitForDone(30_000)
    return (yield)


@pytest.fixture(autouse=True)
def _private_user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does touches the real user folder or database."""
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "userdata"))
    monkeypatch.delenv(paths.DB_ENV, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "clientsteun.db"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(paths.catalog_dir())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(db_path: Path, catalog: Catalog, clock: FakeClock) -> Iterator[Services]:
    built = Services.create(open_database(db_path, TEST_KEY), catalog, clock)
    yield built
    built.close()
