"""Fixtures for widget tests that need the passphrase asked: a database with a real key file and the
main window over it, its jobs run inline (registered in ``tests/gui/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.vault import Vault
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.tasks import InlineExecutor, Tasks
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def keyed_services(db_path: Path, catalog: Catalog, clock: Callable[[], datetime]) -> Iterator[Services]:
    """Services over a database with a real key file (passphrase ``PASSPHRASE``), so it can be asked."""
    vault = Vault.at(db_path)
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    built = Services.create(vault.open(key, create=True), catalog, clock)
    yield built
    built.close()


@pytest.fixture
def safe_window(qtbot: QtBot, keyed_services: Services, settings: Settings) -> MainWindow:
    """The window over ``keyed_services``, shown; its jobs run inline (the clock says 23 November 2026)."""
    built = MainWindow(keyed_services, settings, Tasks(InlineExecutor()))
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    return built
