"""Safety in the window: auto-lock with a fake clock, unlocking, passphrase, backups, the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QTextEdit
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.errors import AppLocked
from clientsteun.store.vault import Vault
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.safety.audit_log import AuditLogDialog
from clientsteun.ui.safety.lock import SLEEP_GAP_S, IdleWatcher
from clientsteun.ui.safety.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from tests.conftest import PASSPHRASE
from tests.helpers.modals import ModalAnswer, answer_box, when_modal
from tests.helpers.residents import add_resident
from tests.helpers.unlocking import unlock_with


class FakeClocks:
    """Monotonic and wall clock in seconds; ``sleep`` moves only the wall clock, as a suspended laptop does."""

    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += seconds

    def sleep(self, seconds: float) -> None:
        self.wall += seconds


@pytest.fixture
def clocks() -> FakeClocks:
    return FakeClocks()


def watcher(qtbot: QtBot, clocks: FakeClocks, idle_seconds: float = 300) -> IdleWatcher:
    built = IdleWatcher(idle_seconds, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall)
    built.timer.stop()  # the test calls check() itself
    return built


def test_idle_watcher_asks_to_lock_after_the_idle_time_only(qtbot: QtBot, clocks: FakeClocks) -> None:
    idle = watcher(qtbot, clocks)
    requests: list[str] = []
    idle.lock_requested.connect(requests.append)
    clocks.advance(299)
    idle.check()
    assert requests == []
    clocks.advance(1)
    idle.check()
    assert requests == ["idle"]
    clocks.advance(600)
    idle.check()
    assert requests == ["idle"], "one request per lock, until resume()"
    idle.stop()


def test_user_input_restarts_the_idle_time(qtbot: QtBot, clocks: FakeClocks) -> None:
    idle = watcher(qtbot, clocks)
    requests: list[str] = []
    idle.lock_requested.connect(requests.append)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    clocks.advance(250)
    qtbot.keyClicks(field, "a")
    clocks.advance(250)
    idle.check()
    assert requests == []
    clocks.advance(50)
    idle.check()
    assert requests == ["idle"]
    idle.stop()


def test_idle_watcher_locks_after_the_computer_slept(qtbot: QtBot, clocks: FakeClocks) -> None:
    idle = watcher(qtbot, clocks, idle_seconds=3600)
    requests: list[str] = []
    idle.lock_requested.connect(requests.append)
    clocks.advance(5)
    idle.check()
    clocks.sleep(SLEEP_GAP_S + 1)
    clocks.advance(5)
    idle.check()
    assert requests == ["sleep"]
    idle.stop()


# -- the window over a database with a real key file ---------------------------------------------


@pytest.fixture
def vault(db_path: Path) -> Vault:
    return Vault.at(db_path)


def test_auto_lock_keeps_the_draft_hides_everything_closes_the_database_and_unlocks_again(
    qtbot: QtBot, safe_window: MainWindow, clocks: FakeClocks
) -> None:
    window = safe_window
    resident = add_resident(window.services, "Kaat Verzonnen")
    window.refresh_clients(select=resident.id)
    window.conversations.new_conversation(resident.id)
    editor = window.editor
    assert editor is not None
    editor.notes_edit.setPlainText("Geheime notitie over de huur")

    idle = window.safety.idle
    idle.monotonic = lambda: clocks.mono  # the fake clock drives the real watcher
    idle.wall = lambda: clocks.wall
    idle.resume()
    clocks.advance(5 * 60)

    wrong_then_right: list[str] = []

    def answer(dialog: UnlockDialog) -> None:
        wrong_then_right.append(dialog.windowTitle())
        assert window.services.database.locked, "the database is closed while the unlock dialog shows"
        with pytest.raises(AppLocked):
            window.services.clients.list_clients()
        assert window.safety.covers.active
        assert not window.isEnabled() and not editor.isEnabled()
        dialog.passphrase.setText("dit is niet het wachtwoord")
        dialog.unlock_button.click()
        assert "klopt niet" in dialog.message.text()
        assert dialog.isVisible()
        unlock_with(PASSPHRASE)(dialog)

    unlock = when_modal(UnlockDialog, answer)
    idle.check()
    qtbot.waitUntil(lambda: unlock.handled and not window.services.database.locked)

    drafts = window.services.conversations.list_drafts()
    assert [draft.data.notes for draft in drafts] == ["Geheime notitie over de huur"]
    assert window.isEnabled() and editor.isEnabled()
    assert not window.safety.covers.active
    assert window.windowTitle() == "Clientsteun"
    actions = [entry.action for entry in window.services.audit.entries()]
    assert actions == [AuditAction.FAILED_UNLOCK]
    assert editor.notes_edit.toPlainText() == "Geheime notitie over de huur"
    editor.abandon()


def test_quitting_from_the_lock_closes_the_window_without_asking(qtbot: QtBot, safe_window: MainWindow) -> None:
    window = safe_window
    unlock = when_modal(UnlockDialog, lambda dialog: dialog.quit_button.click())
    window.safety.lock()
    qtbot.waitUntil(lambda: unlock.handled and not window.isVisible())


def test_the_lock_s_sentence_reads_on_one_line(qtbot: QtBot, safe_window: MainWindow) -> None:
    fits: list[bool] = []

    def look(dialog: UnlockDialog) -> None:
        label = next(shown for shown in dialog.findChildren(QLabel) if shown.text().startswith("Clientsteun is"))
        fits.append(label.width() >= label.fontMetrics().horizontalAdvance(label.text()))
        dialog.quit_button.click()

    unlock = when_modal(UnlockDialog, look)
    safe_window.safety.lock()
    qtbot.waitUntil(lambda: unlock.handled and not safe_window.isVisible())
    assert fits == [True]  # "…om verder te / werken." no more


def test_locking_empties_the_clipboard_when_the_app_put_the_text_there(qtbot: QtBot, safe_window: MainWindow) -> None:
    """Safety, round two, item 10: a copied note was still on the clipboard after the auto-lock."""
    window = safe_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.applicationState() == Qt.ApplicationState.ApplicationActive)
    copied = QTextEdit()
    qtbot.addWidget(copied)
    copied.setPlainText("Geheime notitie over de huur")
    copied.selectAll()
    copied.copy()
    assert QApplication.clipboard().text() == "Geheime notitie over de huur"
    unlock = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    window.safety.lock()
    assert QApplication.clipboard().text() == ""
    qtbot.waitUntil(lambda: unlock.handled and not window.safety.locked)


def test_locking_leaves_alone_what_another_program_put_on_the_clipboard(qtbot: QtBot, safe_window: MainWindow) -> None:
    window = safe_window
    guard = window.safety.clipboard
    QApplication.clipboard().setText("tekst van een ander programma")
    guard._ours = None  # as when the change came while another program was the active one
    unlock = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    window.safety.lock()
    assert QApplication.clipboard().text() == "tekst van een ander programma"
    qtbot.waitUntil(lambda: unlock.handled and not window.safety.locked)
    QApplication.clipboard().clear()


def test_change_passphrase_asks_the_current_one_first(qtbot: QtBot, safe_window: MainWindow, vault: Vault) -> None:
    def new_passphrase(dialog: NewPassphraseDialog) -> None:
        dialog.first.setText("kort")
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        assert "Te kort" in dialog.hint.text()
        dialog.first.setText("een heel nieuw wachtwoord")
        dialog.second.setText("een heel nieuw wachtwoor")
        assert "niet gelijk" in dialog.hint.text()
        dialog.second.setText("een heel nieuw wachtwoord")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    nested: list[ModalAnswer[NewPassphraseDialog]] = []

    def confirm(dialog: UnlockDialog) -> None:
        nested.append(when_modal(NewPassphraseDialog, new_passphrase))
        unlock_with(PASSPHRASE)(dialog)

    first = when_modal(UnlockDialog, confirm)
    safe_window.safety.change_passphrase()
    assert first.handled and nested[0].handled
    assert vault.unlock("een heel nieuw wachtwoord") == safe_window.services.database.key
    assert [e.action for e in safe_window.services.audit.entries()] == [AuditAction.PASSPHRASE_CHANGED]


def test_manual_backup_and_restore_from_the_menu(qtbot: QtBot, safe_window: MainWindow, tmp_path: Path) -> None:
    window = safe_window
    kept = add_resident(window.services, "Blijft Bewaard")
    target = tmp_path / "usb" / "kopie.db"
    window.safety.backup_to_file(target=str(target))
    assert target.is_file() and target.with_name("kopie.db.key").is_file()
    add_resident(window.services, "Na De Kopie")

    done = answer_box("OK")
    window.safety.restore_backup(chosen=target)
    assert done.handled and window.isEnabled() and not window.services.database.locked
    names = [row.name for row in window.services.clients.list_clients()]
    assert names == [kept.details.name]
    assert [row.name for row in window.client_list.clients()] == names
    actions = [entry.action for entry in window.services.audit.entries()]
    assert actions == [AuditAction.BACKUP, AuditAction.RESTORE], "the log survives the restore"
    assert window.services.audit.first_broken() is None
    aside = list(window.services.database.path.parent.glob("clientsteun.db.voor-herstel-*[0-9]"))
    assert len(aside) == 1


def test_restore_picks_from_the_automatic_backups(qtbot: QtBot, safe_window: MainWindow) -> None:
    window = safe_window
    add_resident(window.services, "Eerste Persoon")
    window.safety.start_backup()
    window.safety.keeper.wait()  # the start backup runs on a thread; let it take its snapshot first
    add_resident(window.services, "Tweede Persoon")

    def pick(dialog: QInputDialog) -> None:
        assert "(start)" in dialog.comboBoxItems()[0]
        dialog.accept()

    picked = when_modal(QInputDialog, pick)
    done = answer_box("OK")
    window.safety.restore_backup()
    assert picked.handled and done.handled
    assert [row.name for row in window.services.clients.list_clients()] == ["Eerste Persoon"]


def test_audit_log_dialog_shows_the_entries_and_exports_csv(
    qtbot: QtBot, safe_window: MainWindow, tmp_path: Path
) -> None:
    audit = safe_window.services.audit
    audit.record(AuditAction.PRINT, client_id=7)
    dialog = AuditLogDialog(audit, safe_window)
    qtbot.addWidget(dialog)
    assert "compleet en niet aangepast" in dialog.state.text()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 2).data() == "Afgedrukt"
    assert dialog.model.index(0, 3).data() == "7"
    target = tmp_path / "logboek.csv"
    dialog.export_csv(str(target))
    assert target.read_text(encoding="utf-8-sig").splitlines()[0].startswith("nr;datum;tijd;handeling")
    assert audit.entries()[-1].action is AuditAction.AUDIT_EXPORT


def test_recovery_key_dialog_saves_the_key_to_a_file(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", tmp_path / "clientsteun.db")
    qtbot.addWidget(dialog)
    target = tmp_path / "herstel.txt"
    dialog.save_to_file(target=str(target))
    text = target.read_text(encoding="utf-8")
    assert "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" in text
    assert "Herstelsleutel voor Clientsteun" in text


def test_recovery_key_dialog_prints_the_key(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", tmp_path / "clientsteun.db")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "herstelsleutel.pdf"))
    dialog.print_code(printer=printer)
    pages = PdfReader(tmp_path / "herstelsleutel.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" in text
    assert "Herstelsleutel voor Clientsteun" in text


def test_a_closed_window_stops_watching_for_idleness_and_daily_backups(window: MainWindow) -> None:
    """A window that is closed (but not yet deleted) must never lock later and ask for a passphrase."""
    assert window.safety.idle.timer.isActive() and window.safety.daily.isActive()
    window.close()
    assert not window.safety.idle.timer.isActive()
    assert not window.safety.daily.isActive()


def test_the_app_refuses_to_export_over_its_own_files_and_logs_nothing(
    qtbot: QtBot, safe_window: MainWindow, vault: Vault
) -> None:
    """The audit log's CSV and a manual backup, aimed at the key file or the database, are refused
    with a plain message; the key file and the log are unchanged."""
    audit = safe_window.services.audit
    key_bytes = vault.key_path.read_bytes()
    dialog = AuditLogDialog(audit, safe_window)
    qtbot.addWidget(dialog)
    before = len(audit.entries())
    for export in (
        lambda: dialog.export_csv(str(vault.key_path)),
        lambda: dialog.export_csv(str(vault.db_path)),
        lambda: safe_window.safety.backup_to_file(target=str(vault.key_path)),
    ):
        refused = answer_box("OK")
        export()
        assert refused.handled and "hoort bij de database" in refused.text
    assert vault.key_path.read_bytes() == key_bytes
    assert len(audit.entries()) == before
    assert safe_window.services.clients.list_clients() == []  # the database still opens and reads


def test_a_saved_recovery_key_never_replaces_the_key_file(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "clientsteun.db"
    key_file = tmp_path / "clientsteun.db.key"
    key_file.write_bytes(b"the wrapped key")
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", database)
    qtbot.addWidget(dialog)
    refused = answer_box("OK")
    dialog.save_to_file(target=str(key_file))
    assert refused.handled and "hoort bij de database" in refused.text
    assert key_file.read_bytes() == b"the wrapped key"
