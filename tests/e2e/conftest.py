"""Fixtures for end-to-end tests: the application set up as ``run`` does, and windows built by ``build_window``,
on a fixed date."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clientsteun.app import build_window, make_application
from clientsteun.services.base import Clock
from clientsteun.settings import Settings
from clientsteun.store.database import open_database
from clientsteun.store.keys import rewrap, write_envelope
from clientsteun.store.vault import Vault
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.safety.start import Opened
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, TEST_KEY
from tests.helpers.modals import modal_watchdog

__all__ = ["modal_watchdog"]  # autouse: a forgotten modal dialog fails the test instead of hanging it


@pytest.fixture
def dutch_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application as the real start makes it (Dutch locale and Qt translations), undone afterwards."""
    name, organisation, locale = qapp.applicationName(), qapp.organizationName(), QLocale()
    before = set(qapp.findChildren(QTranslator))
    app = make_application()
    assert app is qapp
    yield app
    for translator in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    qapp.setApplicationName(name)
    qapp.setOrganizationName(organisation)
    QLocale.setDefault(locale)


OpenWindow = Callable[[Path, Path], MainWindow]
TODAY = NOW.date()  # Monday 23 November 2026, whatever day the tests run
_STARTED = time.monotonic()


def e2e_clock() -> datetime:
    """The end-to-end tests' clock: it said 23 November 2026, 10:30 when they started and runs on at the
    real pace, so the date is fixed and time still passes (drafts and backups are stamped in order)."""
    return NOW + timedelta(seconds=time.monotonic() - _STARTED)


def window_on(db: Path, settings: Settings, clock: Clock = e2e_clock) -> MainWindow:
    """The main window as ``run`` builds it, on a database opened with the tests' key.

    Like every real database it gets a key file (wrapping the tests' key under the tests'
    passphrase), so the lock, backups and the audit of failed unlocks work as they do for a user.
    """
    vault = Vault.at(db)
    if not vault.key_path.exists():
        write_envelope(vault.key_path, rewrap(TEST_KEY, PASSPHRASE, kdf=FAST_KDF))
    return build_window(Opened(open_database(db, TEST_KEY, exclusive=True)), settings, clock)


@pytest.fixture
def open_window(qtbot: QtBot, dutch_app: QApplication) -> Iterator[OpenWindow]:
    """Build real main windows with ``build_window``; whatever is still open is closed afterwards."""
    opened: list[MainWindow] = []

    def open_(db: Path, settings_file: Path) -> MainWindow:
        window = window_on(db, Settings(settings_file))
        opened.append(window)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield open_
    for window in opened:  # as run() does when the application quits
        if window.isVisible():
            window.close()
        window.services.close()
