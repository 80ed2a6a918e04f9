"""The window says when backups are not being made: automatic backups that failed twice in a row, and a
second backup folder not reached for a week; the settings dialog chooses that folder; a restore
offers its backups too."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.settings_dialog import SettingsDialog
from clientsteun.ui.tasks import InlineExecutor, Tasks
from tests.conftest import NOW, FakeClock
from tests.helpers.modals import answer_box, when_modal
from tests.helpers.residents import add_resident


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    return folder


@pytest.fixture
def make_window(qtbot: QtBot, keyed_services: Services, settings: Settings) -> Callable[[], MainWindow]:
    def make() -> MainWindow:
        built = MainWindow(keyed_services, settings, Tasks(InlineExecutor()))
        qtbot.addWidget(built)
        built.show()
        return built

    return make


def _warning(window: MainWindow) -> str:
    label = window.findChild(QLabel, "backupWarning")
    assert label is not None
    return label.text() if label.isVisible() else ""


def test_automatic_backups_that_fail_twice_in_a_row_are_said_in_the_status_bar(
    make_window: Callable[[], MainWindow], db_path: Path
) -> None:
    window = make_window()
    folder = db_path.parent / "backups"
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_bytes(b"")  # a file where the backup folder should be: every backup fails
    window.safety.close_backup()
    assert _warning(window) == "", "one failure is only logged"
    window.safety.close_backup()
    assert "2 keer achter elkaar mislukt" in _warning(window)
    folder.unlink()
    window.safety.start_backup()
    window.safety.keeper.wait()
    window.safety.show_backup_warning()
    assert _warning(window) == "", "a backup made again ends the warning"


def test_a_second_folder_not_reached_for_a_week_is_said_and_a_copy_ends_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], settings: Settings, clock: FakeClock, stick: Path
) -> None:
    settings.second_backup_folder = str(stick / "niet-aangesloten")
    settings.second_backup_reached = (NOW - timedelta(days=6)).isoformat()
    window = make_window()
    assert _warning(window) == "", "six days: not yet"
    clock.value = NOW + timedelta(days=1, hours=1)
    window.safety.daily_backup()  # the hourly round: the daily backup, but the folder is not there
    window.safety.keeper.wait()
    qtbot.waitUntil(lambda: "7 dagen niet bereikbaar" in _warning(window), timeout=5000)

    settings.second_backup_folder = str(stick)
    window.safety.apply_settings(settings)
    clock.value += timedelta(hours=1)
    window.safety.daily_backup()
    window.safety.keeper.wait()
    qtbot.waitUntil(lambda: _warning(window) == "", timeout=5000)
    assert list(stick.glob("clientsteun-*.db"))
    assert settings.second_backup_reached == clock.value.isoformat(timespec="seconds")


def test_the_settings_dialog_chooses_the_second_folder_and_the_days_before_a_warning(
    qtbot: QtBot, settings: Settings, stick: Path
) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.second_edit.accessibleName() == "Tweede map voor reservekopieën"
    dialog.second_edit.setText(str(stick))
    dialog.second_warn_spin.setValue(14)
    before = datetime.now().replace(microsecond=0)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.second_backup_folder == str(stick)
    assert settings.second_backup_warn_days == 14
    assert datetime.fromisoformat(settings.second_backup_reached) >= before, "its week starts now"


def test_a_restore_offers_the_backups_in_the_second_folder(
    qtbot: QtBot, make_window: Callable[[], MainWindow], settings: Settings, stick: Path
) -> None:
    settings.second_backup_folder = str(stick)
    window = make_window()
    add_resident(window.services, "Eerste Persoon")
    window.safety.start_backup()
    window.safety.keeper.wait()
    for path in (window.services.database.path.parent / "backups").glob("*.db"):
        path.unlink()  # only the copy on the stick is left
    add_resident(window.services, "Tweede Persoon")

    def pick(dialog: QInputDialog) -> None:
        assert dialog.comboBoxItems() == [item for item in dialog.comboBoxItems() if "in de tweede map" in item]
        dialog.accept()

    picked = when_modal(QInputDialog, pick)
    done = answer_box("OK")
    window.safety.restore_backup()
    assert picked.handled and done.handled
    assert [row.name for row in window.services.clients.list_clients()] == ["Eerste Persoon"]
