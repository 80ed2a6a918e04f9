"""The start flow: first start, unlock, recovery key, an unencrypted database, and damage with a restore offer."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from clientsteun.app import build_window
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import NotADatabase
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService
from clientsteun.settings import Settings
from clientsteun.store import schema
from clientsteun.store.connection import open_marker, wal_file
from clientsteun.store.database import is_plaintext
from clientsteun.store.vault import Vault
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.safety.start import Opened, StartFlow, hold_until_checked
from clientsteun.ui.safety.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from clientsteun.ui.tasks import Tasks
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.modals import ModalAnswer, answer_box, when_modal
from tests.helpers.unlocking import choose, unlock_with


def actions(opened: Opened) -> list[AuditAction]:
    return [event.action for event in opened.happened]


def prepared(db_path: Path, catalog: Catalog, names: list[str]) -> tuple[Vault, bytes]:
    vault = Vault.at(db_path)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=True, kdf=FAST_KDF)
    services = Services.create(vault.open(key, create=True), catalog)
    for name in names:
        services.clients.create_client(ClientInput(name))
    services.close()
    return vault, key


def names_in(opened: Opened, catalog: Catalog) -> list[str]:
    services = Services.create(opened.database, catalog)
    try:
        return sorted(row.name for row in services.clients.list_clients())
    finally:
        services.close()


def test_first_start_chooses_a_passphrase_and_shows_the_recovery_key_once(qtbot: QtBot, db_path: Path) -> None:
    codes: list[str] = []

    def keep_code(dialog: RecoveryKeyDialog) -> None:
        codes.append(dialog.code)
        dialog.accept()

    chosen = when_modal(NewPassphraseDialog, choose(PASSPHRASE))
    shown = when_modal(RecoveryKeyDialog, keep_code)
    opened = StartFlow(SafetyService(db_path)).run()
    assert chosen.handled and shown.handled and opened is not None
    opened.database.close()
    assert actions(opened) == [AuditAction.RECOVERY_KEY_MADE]
    vault = Vault.at(db_path)
    assert not is_plaintext(db_path)
    assert vault.unlock(PASSPHRASE) == vault.unlock_with_recovery(codes[0])


def test_stopping_at_the_first_question_makes_nothing(qtbot: QtBot, db_path: Path) -> None:
    stopped = when_modal(NewPassphraseDialog, lambda dialog: dialog.reject())
    assert StartFlow(SafetyService(db_path)).run() is None
    assert stopped.handled
    assert not db_path.exists() and not Vault.at(db_path).key_path.exists()


def test_every_start_asks_the_passphrase_and_logs_wrong_attempts(
    qtbot: QtBot, db_path: Path, catalog: Catalog, settings: Settings
) -> None:
    vault, _key = prepared(db_path, catalog, ["Anna Fictief"])

    def wrong_then_right(dialog: UnlockDialog) -> None:
        unlock_with("verkeerd wachtwoord!")(dialog)
        assert dialog.isVisible() and "klopt niet" in dialog.message.text()
        unlock_with(PASSPHRASE)(dialog)

    answered = when_modal(UnlockDialog, wrong_then_right)
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and opened is not None
    window = build_window(opened, settings)
    qtbot.addWidget(window)
    try:
        assert [entry.action for entry in window.services.audit.entries()] == [AuditAction.FAILED_UNLOCK]
        assert vault.failed_unlocks() == (), "moved into the log, not counted twice"
        assert [row.name for row in window.services.clients.list_clients()] == ["Anna Fictief"]
    finally:
        window.services.close()


def test_forgotten_passphrase_opens_with_the_recovery_key_and_sets_a_new_one(
    qtbot: QtBot, db_path: Path, catalog: Catalog
) -> None:
    vault, key = prepared(db_path, catalog, [])
    code = vault.new_recovery_key(key)
    nested: list[ModalAnswer[NewPassphraseDialog]] = []

    def type_code(dialog: QInputDialog) -> None:
        nested.append(when_modal(NewPassphraseDialog, choose("mijn nieuwe geheime zin", recovery=False)))
        dialog.setTextValue(code.lower())
        dialog.accept()

    def use_recovery(dialog: UnlockDialog) -> None:
        nested.append(when_modal(QInputDialog, type_code))  # type: ignore[arg-type]
        dialog.recovery_button.click()

    answered = when_modal(UnlockDialog, use_recovery)
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and opened is not None and nested[1].handled
    opened.database.close()
    assert actions(opened) == [AuditAction.UNLOCK_WITH_RECOVERY_KEY, AuditAction.PASSPHRASE_CHANGED]
    assert vault.unlock("mijn nieuwe geheime zin") == key


def editing_allowed(window: MainWindow) -> bool:
    central = window.centralWidget()
    assert central is not None
    return central.isEnabled()


@pytest.fixture
def damaged(db_path: Path, catalog: Catalog) -> tuple[Vault, bytes]:
    """300 residents, a backup of them, then a damaged database; returns the vault and the damaged bytes."""
    vault, key = prepared(db_path, catalog, [f"Inwoner {n:03d} Fictief" for n in range(300)])
    vault.backup(key, "start")
    data = bytearray(db_path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    db_path.write_bytes(bytes(data))
    return vault, bytes(data)


def _window_after_start(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    """The start as ``run`` makes it: unlock, the window over the opened file, the check held over it."""
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and opened is not None
    assert not opened.checked, "the window shows once the key has opened the file"
    window = build_window(opened, settings)  # its jobs run inline
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_shows_once_the_key_opened_the_file_and_editing_waits_for_the_check(
    qtbot: QtBot, db_path: Path, catalog: Catalog, settings: Settings
) -> None:
    """As ``run`` starts: the check runs on a real worker thread while the window already shows the list."""
    vault, _key = prepared(db_path, catalog, ["Anna Fictief"])
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and opened is not None and not opened.checked
    window = build_window(opened, settings, tasks=Tasks(QThreadPool.globalInstance()))
    qtbot.addWidget(window)
    window.show()
    drafts_offered: list[bool] = []
    try:
        hold_until_checked(window, window.safety, then=lambda: drafts_offered.append(True))
        assert not editing_allowed(window) and not window.menuBar().isEnabled()
        assert window.statusBar().currentMessage() == "De database wordt gecontroleerd. Even geduld…"
        assert [row.name for row in window.client_list.clients()] == ["Anna Fictief"], "shown while it is checked"
        assert drafts_offered == []
        qtbot.waitUntil(lambda: drafts_offered == [True], timeout=10_000)
        assert editing_allowed(window) and window.menuBar().isEnabled()
        assert window.statusBar().currentMessage() == "De database is gecontroleerd: in orde."
    finally:
        window.close()
        window.services.close()


def test_a_damaged_database_is_kept_and_the_latest_good_backup_offered(
    qtbot: QtBot, db_path: Path, catalog: Catalog, damaged: tuple[Vault, bytes], settings: Settings
) -> None:
    vault, damaged_bytes = damaged
    window = _window_after_start(qtbot, vault, settings)
    offer = answer_box("Reservekopie terugzetten")
    done = answer_box("OK")
    drafts_offered: list[bool] = []
    try:
        hold_until_checked(window, window.safety, then=lambda: drafts_offered.append(True))
        assert offer.handled and done.handled
        assert "beschadigd" in offer.text and "reservekopie" in offer.text
        assert editing_allowed(window) and window.menuBar().isEnabled(), "editing is given back"
        assert drafts_offered == [True]
        assert len(window.services.clients.list_clients()) == 300
        assert [entry.action for entry in window.services.audit.entries()] == [AuditAction.RESTORE]
    finally:
        window.close()
        window.services.close()
    (kept,) = db_path.parent.glob("clientsteun.db.voor-herstel-*[0-9]")
    assert kept.read_bytes() == damaged_bytes, "the damaged file is kept exactly as it was"


def test_stopping_at_the_restore_offer_changes_nothing(
    qtbot: QtBot, db_path: Path, damaged: tuple[Vault, bytes], settings: Settings
) -> None:
    vault, damaged_bytes = damaged
    window = _window_after_start(qtbot, vault, settings)
    offer = answer_box("Stoppen")
    try:
        hold_until_checked(window, window.safety, then=lambda: pytest.fail("editing must stay held"))
        assert offer.handled and not window.isVisible()
        assert not editing_allowed(window)
    finally:
        window.services.close()
    assert db_path.read_bytes() == damaged_bytes


def test_a_lost_database_is_never_replaced_by_an_empty_one(qtbot: QtBot, db_path: Path, catalog: Catalog) -> None:
    vault, key = prepared(db_path, catalog, ["Bert Fictief"])
    vault.backup(key, "sluiten")
    db_path.unlink()
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    offer = answer_box("Reservekopie terugzetten")
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and offer.handled and opened is not None
    assert "er niet meer" in offer.text
    assert names_in(opened, catalog) == ["Bert Fictief"]


def test_a_write_ahead_log_lost_after_a_crash_is_reported(qtbot: QtBot, db_path: Path, catalog: Catalog) -> None:
    vault, key = prepared(db_path, catalog, ["Cor Fictief"])
    vault.backup(key, "start")
    open_marker(db_path).touch()  # as a crashed instance leaves it
    assert not wal_file(db_path).exists()
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    offer = answer_box("Toch openen zoals hij is")
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and offer.handled and opened is not None
    assert "-wal" in offer.text
    assert names_in(opened, catalog) == ["Cor Fictief"]
    assert not open_marker(db_path).exists(), "opened as it is by choice: the warning ends"


def test_stopping_at_a_lost_write_ahead_log_says_it_again_at_the_next_start(
    qtbot: QtBot, db_path: Path, catalog: Catalog
) -> None:
    vault, key = prepared(db_path, catalog, ["Cor Fictief"])
    vault.backup(key, "start")
    open_marker(db_path).touch()
    for _ in range(2):
        answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
        offer = answer_box("Stoppen")
        assert StartFlow(SafetyService(vault.db_path)).run() is None
        assert answered.handled and offer.handled and "-wal" in offer.text
        assert open_marker(db_path).exists() and not wal_file(db_path).exists()


def test_a_lost_write_ahead_log_without_a_backup_is_said_before_the_file_opens(
    qtbot: QtBot, db_path: Path, catalog: Catalog
) -> None:
    prepared(db_path, catalog, ["Cor Fictief"])
    open_marker(db_path).touch()
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    stop = answer_box("Stoppen")
    assert StartFlow(SafetyService(db_path)).run() is None
    assert answered.handled and stop.handled
    assert "-wal" in stop.text and "geen reservekopie" in stop.text
    assert open_marker(db_path).exists()
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    go_on = answer_box("Toch openen zoals hij is")
    opened = StartFlow(SafetyService(db_path)).run()
    assert answered.handled and go_on.handled and opened is not None
    assert names_in(opened, catalog) == ["Cor Fictief"]
    assert not open_marker(db_path).exists()


def _plaintext_with(db_path: Path, name: str) -> None:
    """An unencrypted database at revision 0001, as the foundation left it, with one resident."""
    engine = sqlalchemy.create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        schema.upgrade(connection, "0001")
        connection.exec_driver_sql(
            "INSERT INTO clients (name, alias, phone, email, address, municipality, status, close_reason, "
            "created_at, updated_at) VALUES (?, '', '', '', '', 'Borne', 'open', '', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            (name,),
        )
    engine.dispose()


def test_an_unencrypted_database_is_encrypted_once_after_a_passphrase_is_chosen(
    qtbot: QtBot, db_path: Path, catalog: Catalog
) -> None:
    _plaintext_with(db_path, "Dirk Onversleuteld")
    assert is_plaintext(db_path)

    chosen = when_modal(NewPassphraseDialog, choose(PASSPHRASE, recovery=False))
    opened = StartFlow(SafetyService(db_path)).run()
    assert chosen.handled and opened is not None
    assert actions(opened) == [AuditAction.ENCRYPTED]
    assert names_in(opened, catalog) == ["Dirk Onversleuteld"]
    assert not is_plaintext(db_path)
    assert b"Dirk Onversleuteld" not in b"".join(p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file())


def test_an_encryption_that_stopped_halfway_asks_the_passphrase_chosen_then(
    qtbot: QtBot, db_path: Path, catalog: Catalog
) -> None:
    _plaintext_with(db_path, "Els Halverwege")
    vault = Vault.at(db_path)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)  # then the laptop died
    answered = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    opened = StartFlow(SafetyService(vault.db_path)).run()
    assert answered.handled and opened is not None
    assert opened.database.key == key, "the key file made then stays the key"
    assert actions(opened) == [AuditAction.ENCRYPTED]
    assert names_in(opened, catalog) == ["Els Halverwege"]
    assert not is_plaintext(db_path)


def test_a_plain_sqlite_file_of_another_program_is_refused_before_a_passphrase_is_asked(
    qtbot: QtBot, db_path: Path
) -> None:
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("CREATE TABLE recepten (naam TEXT)")
    before = db_path.read_bytes()
    with pytest.raises(NotADatabase):  # a dialog asked here would stay open: the modal watchdog fails the test
        StartFlow(SafetyService(db_path)).run()
    assert db_path.read_bytes() == before
    assert sorted(path.name for path in db_path.parent.iterdir()) == [db_path.name]
