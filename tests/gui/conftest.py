"""Fixtures for widget tests: settings in a temporary file and the real main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.main_window import MainWindow
from tests.helpers.keyed import keyed_services, safe_window
from tests.helpers.modals import modal_watchdog

# modal_watchdog is autouse: a forgotten modal dialog fails the test instead of hanging it.  keyed_services
# and safe_window are for the tests that ask the passphrase.
__all__ = ["keyed_services", "modal_watchdog", "safe_window"]

AUTOSAVE_MS = 200


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "settings.ini")
    settings.autosave_delay_ms = AUTOSAVE_MS
    return settings


@pytest.fixture
def window(qtbot: QtBot, services: Services, settings: Settings) -> MainWindow:
    """The real main window over the test database; its clock is the services' fixed clock.

    qtbot closes it after the test, before the database closes; an open editor is then kept as a
    draft by the window's closeEvent, which asks nothing.
    """
    built = MainWindow(services, settings)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    return built
