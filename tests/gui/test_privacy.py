"""Erasing in the window: the confirmation names the backups that still hold the resident, the passphrase is
asked again, the backups are rewritten on request; the retention worklist erases or anonymises a selection;
the retention period is chosen in the settings (no default, two years offered)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.backups import BackupFolder
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.privacy.erase import EraseDialog
from clientsteun.ui.privacy.retention import RetentionDialog
from clientsteun.ui.safety.unlock import UnlockDialog
from clientsteun.ui.settings_dialog import SettingsDialog
from clientsteun.ui.tasks import Tasks
from tests.conftest import NOW, PASSPHRASE
from tests.helpers.modals import StandardButton, answer_box, when_modal
from tests.helpers.pages import pages_holding
from tests.helpers.privacy import make_resident
from tests.helpers.unlocking import unlock_with


@pytest.fixture
def window(safe_window: MainWindow) -> MainWindow:
    """Here the window is the one over a database with a real key file (so the passphrase can be asked)."""
    return safe_window


def test_erasing_asks_the_passphrase_again_and_rewrites_the_backups(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    client_id, words = make_resident(services, seed=60)
    key = services.database.key
    backup = (
        BackupFolder.beside(services.database.path, services.database.database_id)
        .make(services.database.path, key, reason="dagelijks", now=NOW - timedelta(hours=3))
        .path
    )
    window.refresh_clients(client_id)
    seen: dict[str, object] = {}

    def erase(dialog: EraseDialog) -> None:
        seen["copies"] = dialog.copies_label.text()
        seen["rewrite offered"] = dialog.rewrite.isChecked() and not dialog.rewrite.isHidden()
        dialog.erase_button.click()

    def passphrase(dialog: UnlockDialog) -> None:
        seen["recovery hidden"] = dialog.recovery_button.isHidden()
        dialog.passphrase.setText("niet het wachtwoord")
        dialog.unlock_button.click()
        seen["still"] = [client.id for client in services.clients.list_clients()]
        unlock_with(PASSPHRASE)(dialog)

    confirmation, asked = when_modal(EraseDialog, erase), when_modal(UnlockDialog, passphrase)
    qtbot.mouseClick(window.dossier.delete_button, Qt.MouseButton.LeftButton)

    assert confirmation.handled and asked.handled
    copies = str(seen["copies"])
    assert "Eén automatische reservekopie bevat deze inwoner nog (van 23-11-2026)" in copies
    assert "30 november 2026" in copies  # the day the last one ages out
    assert seen["rewrite offered"] and seen["recovery hidden"]
    assert seen["still"] == [client_id]  # a wrong passphrase erased nothing
    assert services.clients.list_clients() == []
    assert window.dossier.currentWidget() is window.dossier.empty
    assert pages_holding(services.database.path, key, *words.all) == set()
    assert pages_holding(backup, key, *words.all) == set()
    actions = [entry.action for entry in services.audit.entries()]
    assert actions[-2:] == [AuditAction.ERASE, AuditAction.BACKUPS_REWRITTEN]


def test_the_backups_holding_the_resident_are_looked_into_on_a_worker_thread_before_the_confirmation(
    qtbot: QtBot, keyed_services: Services, settings: Settings
) -> None:
    services = keyed_services
    window = MainWindow(services, settings, Tasks(QThreadPool.globalInstance(), progress_delay_ms=1))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    client_id, _words = make_resident(services, seed=65)
    folder = BackupFolder.beside(services.database.path, services.database.database_id)
    folder.make(services.database.path, services.database.key, reason="dagelijks", now=NOW - timedelta(hours=3))
    window.refresh_clients(client_id)
    ticks: list[int] = []
    progress_seen: set[str] = set()

    def beat() -> None:  # on the UI thread, while the backups are opened on the worker
        if window.tasks.busy:
            ticks.append(1)
            progress_seen.update(p.labelText() for p in window.findChildren(QProgressDialog) if p.isVisible())

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(1)
    listed: list[str] = []

    def look(dialog: EraseDialog) -> None:
        listed.append(dialog.copies_label.text())
        dialog.reject()

    confirmation = when_modal(EraseDialog, look)
    qtbot.mouseClick(window.dossier.delete_button, Qt.MouseButton.LeftButton)
    assert window.tasks.busy and not confirmation.handled, "it returns at once; the backups are opened on a worker"
    qtbot.waitUntil(lambda: confirmation.handled, timeout=10_000)
    heartbeat.stop()

    assert ticks, "the UI thread handled its timer while the backups were being opened"
    assert progress_seen <= {"Er wordt nagekeken welke reservekopieën deze inwoner nog bevatten…"}
    (copies,) = listed
    assert "Eén automatische reservekopie bevat deze inwoner nog (van 23-11-2026)" in copies
    assert [client.id for client in services.clients.list_clients()] == [client_id]  # cancelled: kept
    QThreadPool.globalInstance().waitForDone(10_000)


def test_recording_a_hand_over_with_erasing_uses_the_one_erase_confirmation(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    client_id, words = make_resident(services, seed=64)
    key = services.database.key
    backup = (
        BackupFolder.beside(services.database.path, services.database.database_id)
        .make(services.database.path, key, reason="dagelijks", now=NOW - timedelta(hours=3))
        .path
    )
    rights = window.rights.rights_dialog(client_id)
    qtbot.addWidget(rights)
    rights.show()
    rights.erase_choice.setChecked(True)
    offered: list[bool] = []

    def erase(dialog: EraseDialog) -> None:
        offered.append(not dialog.rewrite.isHidden() and dialog.rewrite.isChecked())
        assert "Eén automatische reservekopie bevat deze inwoner nog" in dialog.copies_label.text()
        dialog.erase_button.click()

    colleague_has_it = answer_box(StandardButton.Yes)
    confirmation, asked = when_modal(EraseDialog, erase), when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    qtbot.mouseClick(rights.record_button, Qt.MouseButton.LeftButton)

    assert colleague_has_it.handled and confirmation.handled and asked.handled and offered == [True]
    assert "voorgoed gewist" in colleague_has_it.text
    assert services.clients.list_clients() == []
    assert pages_holding(backup, key, *words.all) == set()  # the backups were rewritten too
    actions = [entry.action for entry in services.audit.entries()]
    assert actions[-3:] == [AuditAction.ERASE, AuditAction.HAND_OVER_RECORDED, AuditAction.BACKUPS_REWRITTEN]


def test_cancelling_the_passphrase_erases_nothing(qtbot: QtBot, window: MainWindow) -> None:
    client_id, _words = make_resident(window.services, seed=61)
    window.refresh_clients(client_id)
    confirmation = when_modal(EraseDialog, lambda dialog: dialog.erase_button.click())
    asked = when_modal(UnlockDialog, lambda dialog: dialog.quit_button.click())
    qtbot.mouseClick(window.dossier.delete_button, Qt.MouseButton.LeftButton)
    assert confirmation.handled and asked.handled
    assert [client.id for client in window.services.clients.list_clients()] == [client_id]
    assert [entry.action for entry in window.services.audit.entries()] == []


def _select(dialog: RetentionDialog, client_id: int) -> None:
    model = dialog.model
    row = model.find(lambda item: item.client_id == client_id)
    assert row is not None
    dialog.table.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_the_worklist_anonymises_and_erases_a_selection(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    services = window.services
    window.settings.retention_months = 6
    first, first_words = make_resident(services, seed=62)
    second, _second_words = make_resident(services, seed=63)
    for client_id in (first, second):
        services.clients.close_client(client_id, date(2026, 4, 2), "verhuisd")

    window.privacy.retention_action.trigger()
    dialog = window.privacy.retention
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    assert [(item.client_id, item.closed_on) for item in dialog.model.rows()] == [
        (first, date(2026, 4, 2)),
        (second, date(2026, 4, 2)),
    ]
    assert dialog.model.index(0, 3).data() == "02-04-2026"
    header = dialog.table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(header.count())]
    assert widths[0] < widths[1] < sum(widths) / 3  # the number as wide as it is; the name shares the rest
    assert all(widths[column] >= header.sectionSizeHint(column) for column in (3, 4))  # the dates have room
    assert not dialog.anonymise_button.isEnabled()  # nothing chosen yet

    _select(dialog, first)
    question = answer_box(StandardButton.Yes)
    passphrase = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    qtbot.mouseClick(dialog.anonymise_button, Qt.MouseButton.LeftButton)
    assert question.handled and passphrase.handled
    assert "1 dossier(s) anonimiseren" in question.text
    assert services.clients.get_client(first).details.name == "Geanonimiseerd"
    assert pages_holding(services.database.path, services.database.key, *first_words.all) == set()
    assert [item.client_id for item in dialog.model.rows()] == [second]

    _select(dialog, second)
    question = answer_box(StandardButton.Yes)
    passphrase = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert question.handled and passphrase.handled
    assert [client.id for client in services.clients.list_clients()] == [first]
    assert dialog.model.rows() == []
    assert "Geen gesloten dossiers" in dialog.state.text()
    dialog.close()


def test_without_a_chosen_period_the_worklist_says_so(window: MainWindow) -> None:
    window.privacy.show_retention()
    dialog = window.privacy.retention
    assert dialog is not None
    assert "nog geen bewaartermijn gekozen" in dialog.state.text()
    dialog.close()


def test_the_period_is_chosen_in_the_settings_with_two_years_offered(qtbot: QtBot, settings: Settings) -> None:
    dialog = SettingsDialog(settings, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    assert dialog.retention_spin.value() == 0
    assert dialog.retention_spin.text() == "Niet gekozen"
    suggestion = [button for button in dialog.findChildren(QPushButton) if "2 jaar" in button.text()]
    assert len(suggestion) == 1
    suggestion[0].click()
    assert dialog.retention_spin.value() == 24
    dialog.save()
    assert settings.retention_months == 24
