"""Every audited action is logged after it succeeded, and a failure leaves no line (nor any other trace).

One table: for each action, what success looks like and one way it fails.  The log is read after
each; the database itself never changes on a failure.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from clientsteun.domain import dossier_format
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import (
    BackupFailed,
    ClientsteunError,
    DatabaseLocked,
    InvalidInput,
    KeyMismatch,
    NotFound,
    WrongPassphrase,
)
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.domain.summary import Period
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService
from clientsteun.store import schema
from clientsteun.store.connection import take_lock
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, FakeClock

NEW_PASSPHRASE = "groene giraffe zingt luid"
RESIDENT = 1  # the one resident of the setting
NOBODY = 99
QUARTER = Period(date(2026, 7, 1), date(2026, 9, 30))
OTHER_KEY = bytes(range(1, 33))


@dataclass
class Setting:
    safety: SafetyService
    key: bytes
    catalog: Catalog
    folder: Path

    def log(self) -> list[AuditAction]:
        services = self.safety.open_services(self.key, self.catalog)
        with contextlib.closing(services):
            assert services.audit.first_broken() is None
            return [entry.action for entry in services.audit.entries()]


@pytest.fixture
def setting(tmp_path: Path, catalog: Catalog) -> Setting:
    safety = SafetyService(tmp_path / "clientsteun.db", FakeClock())
    key, _code = safety.create_key(PASSPHRASE, with_recovery=True, kdf=FAST_KDF)
    services = safety.open_services(key, catalog, create=True)
    with contextlib.closing(services):
        services.clients.create_client(ClientInput("Ilse Verzonnen"))
    return Setting(safety, key, catalog, tmp_path)


def _backup(setting: Setting) -> None:
    setting.safety.backup_to(setting.key, setting.folder / "usb" / "kopie.db")


def _backup_onto_the_key_file(setting: Setting) -> None:
    with pytest.raises(ClientsteunError, match="hoort bij de database"):
        setting.safety.backup_to(setting.key, setting.safety.vault.key_path)


def _restore(setting: Setting) -> None:
    backup = setting.safety.vault.backup(setting.key, "start")
    setting.safety.restore(setting.key, backup)


def _restore_a_damaged_backup(setting: Setting) -> None:
    backup = setting.safety.vault.backup(setting.key, "start")
    data = bytearray(backup.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    backup.write_bytes(bytes(data))
    with pytest.raises(BackupFailed):
        setting.safety.restore(setting.key, backup)


def _change_passphrase(setting: Setting) -> None:
    setting.safety.change_passphrase(setting.key, NEW_PASSPHRASE, kdf=FAST_KDF)
    assert setting.safety.unlock(NEW_PASSPHRASE) == setting.key


def _change_to_a_weak_passphrase(setting: Setting) -> None:
    with pytest.raises(InvalidInput):
        setting.safety.change_passphrase(setting.key, "wachtwoord", kdf=FAST_KDF)


def _new_recovery_key(setting: Setting) -> None:
    code = setting.safety.new_recovery_key(setting.key)
    assert setting.safety.unlock_with_recovery(code) == setting.key


def _new_recovery_key_for_another_key(setting: Setting) -> None:
    with pytest.raises(KeyMismatch):
        setting.safety.new_recovery_key(OTHER_KEY)


def _audit_export(setting: Setting) -> None:
    services = setting.safety.open_services(setting.key, setting.catalog)
    with contextlib.closing(services):
        services.audit.export_csv(setting.folder / "logboek.csv")


def _audit_export_over_the_database(setting: Setting) -> None:
    services = setting.safety.open_services(setting.key, setting.catalog)
    with contextlib.closing(services), pytest.raises(ClientsteunError, match="hoort bij de database"):
        services.audit.export_csv(setting.safety.db_path)


def _ics_export(setting: Setting) -> None:
    services = setting.safety.open_services(setting.key, setting.catalog)
    with contextlib.closing(services):
        services.agenda.export_ics(setting.folder / "agenda.ics", [], with_names=False)


def _ics_export_into_the_backups(setting: Setting) -> None:
    services = setting.safety.open_services(setting.key, setting.catalog)
    target = setting.safety.vault.backups.folder / "agenda.ics"
    with contextlib.closing(services), pytest.raises(ClientsteunError, match="hoort bij de database"):
        services.agenda.export_ics(target, [], with_names=False)


def _failed_unlock(setting: Setting) -> None:
    with pytest.raises(WrongPassphrase):
        setting.safety.unlock("niet het goede wachtwoord")


def _failed_unlock_then_opening_fails(setting: Setting) -> None:
    """The attempt is counted, but the database cannot be opened to log it: it waits in the key file."""
    with pytest.raises(WrongPassphrase):
        setting.safety.unlock("niet het goede wachtwoord")
    lock = take_lock(setting.safety.db_path)  # another instance has it
    try:
        with pytest.raises(DatabaseLocked):
            setting.safety.open_services(setting.key, setting.catalog)
    finally:
        lock.release()
    assert len(setting.safety.vault.failed_unlocks()) == 1, "not lost: logged at the next opening"


def _opened(setting: Setting) -> contextlib.closing[Services]:
    return contextlib.closing(setting.safety.open_services(setting.key, setting.catalog))


def _sheet(setting: Setting) -> None:
    with _opened(setting) as services:
        services.sheet.export_sheet(setting.folder / "blad.pdf", services.sheet.sheet_data(RESIDENT), RESIDENT)


def _sheet_onto_the_key_file(setting: Setting) -> None:
    with _opened(setting) as services, pytest.raises(ClientsteunError, match="hoort bij de database"):
        services.sheet.export_sheet(setting.safety.vault.key_path, services.sheet.sheet_data(RESIDENT), RESIDENT)


def _summary(setting: Setting, target: Path) -> None:
    with _opened(setting) as services:
        services.summaries.export_summary(target, services.summaries.summary(QUARTER, ()), 5)


def _summary_package(setting: Setting, target: Path) -> None:
    with _opened(setting) as services:
        services.summaries.export_package(target, services.summaries.package(QUARTER, "Team Noord"))


def _hand_over(setting: Setting, target: Path) -> None:
    with _opened(setting) as services:
        services.dossier_copy.hand_over(RESIDENT, target, kdf=FAST_KDF)


def _into_the_backups(write: Callable[[Setting, Path], None], name: str) -> Action:
    def fail(setting: Setting) -> None:
        with pytest.raises(ClientsteunError, match="hoort bij de database"):
            write(setting, setting.safety.vault.backups.folder / name)

    return fail


def _import_a_copy(setting: Setting) -> None:
    copy = setting.folder / "kopie.json"
    with _opened(setting) as services:
        copy.write_text(dossier_format.to_text(services.dossier_copy.read_copy(RESIDENT)), encoding="utf-8")
        services.dossier_import.import_file(copy, as_copy=True)


def _import_a_damaged_copy(setting: Setting) -> None:
    damaged = setting.folder / "kapot.json"
    damaged.write_text('{"format": "clientsteun-dossier", ', encoding="utf-8")
    with _opened(setting) as services, pytest.raises(ClientsteunError):
        services.dossier_import.import_file(damaged)


def _erase(setting: Setting) -> None:
    with _opened(setting) as services:
        services.privacy.erase_client(RESIDENT)


def _anonymise(setting: Setting) -> None:
    with _opened(setting) as services:
        services.privacy.anonymise_clients([RESIDENT])


def _for_nobody(act: Callable[[Services], object]) -> Action:
    """The action for a resident that does not exist (another laptop's number, a stale list)."""

    def fail(setting: Setting) -> None:
        with _opened(setting) as services, pytest.raises(NotFound):
            act(services)

    return fail


Action = Callable[[Setting], None]
CASES = {
    AuditAction.BACKUP: (_backup, _backup_onto_the_key_file),
    AuditAction.RESTORE: (_restore, _restore_a_damaged_backup),
    AuditAction.PASSPHRASE_CHANGED: (_change_passphrase, _change_to_a_weak_passphrase),
    AuditAction.RECOVERY_KEY_MADE: (_new_recovery_key, _new_recovery_key_for_another_key),
    AuditAction.AUDIT_EXPORT: (_audit_export, _audit_export_over_the_database),
    AuditAction.EXPORT: (_ics_export, _ics_export_into_the_backups),
    AuditAction.FAILED_UNLOCK: (_failed_unlock, _failed_unlock_then_opening_fails),
    AuditAction.PREPARATION_SHEET: (_sheet, _sheet_onto_the_key_file),
    AuditAction.SUMMARY: (
        lambda setting: _summary(setting, setting.folder / "kwartaal.xlsx"),
        _into_the_backups(_summary, "kwartaal.xlsx"),
    ),
    AuditAction.SUMMARY_PACKAGE: (
        lambda setting: _summary_package(setting, setting.folder / "pakket.json"),
        _into_the_backups(_summary_package, "pakket.json"),
    ),
    AuditAction.HAND_OVER: (
        lambda setting: _hand_over(setting, setting.folder / "overdracht.cso"),
        _into_the_backups(_hand_over, "overdracht.cso"),
    ),
    AuditAction.DOSSIER_IMPORT: (_import_a_copy, _import_a_damaged_copy),
    AuditAction.ERASE: (_erase, _for_nobody(lambda services: services.privacy.erase_client(NOBODY))),
    AuditAction.ANONYMISE: (_anonymise, _for_nobody(lambda services: services.privacy.anonymise_clients([NOBODY]))),
}
# Logged as part of another action, or only through the window, and tested there.
ELSEWHERE = {
    AuditAction.ENCRYPTED: "below: the one-time encryption of an old database",
    AuditAction.PRINT: "tests/gui/test_pdf_preview.py: printing needs a printer from Qt",
    AuditAction.UNLOCK_WITH_RECOVERY_KEY: "tests/gui/test_start.py: opening with the recovery key",
    AuditAction.SUMMARY_COMBINED: "tests/gui/test_coordinator.py: combining packages in the window",
    AuditAction.BACKUPS_REWRITTEN: "tests/unit/test_erasure.py: rewriting backups after an erasure",
    AuditAction.HAND_OVER_RECORDED: "tests/unit/test_dossier_copy.py, tests/gui/test_privacy.py: a hand-over recorded",
}


def test_every_audited_action_is_in_the_table_or_tested_elsewhere() -> None:
    assert set(CASES) | set(ELSEWHERE) == set(AuditAction)
    assert not set(CASES) & set(ELSEWHERE)


@pytest.mark.parametrize("action", list(CASES), ids=str)
def test_an_audited_action_is_logged_once_after_it_succeeded(setting: Setting, action: AuditAction) -> None:
    succeed, _fail = CASES[action]
    succeed(setting)
    assert setting.log() == [action]


@pytest.mark.parametrize("action", list(CASES), ids=str)
def test_an_audited_action_that_fails_leaves_no_line(setting: Setting, action: AuditAction) -> None:
    _succeed, fail = CASES[action]
    database_before = setting.safety.db_path.read_bytes()
    fail(setting)
    if action is not AuditAction.FAILED_UNLOCK:  # that one is logged when the database opens again
        assert setting.safety.db_path.read_bytes() == database_before
        assert setting.log() == []


def _plaintext_database(path: Path) -> None:
    """A database from before encryption, as the foundation left it (revision 0001)."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        schema.upgrade(connection, "0001")
    engine.dispose()


def test_encryption_is_logged_after_it_succeeded(tmp_path: Path, catalog: Catalog) -> None:
    _plaintext_database(tmp_path / "clientsteun.db")
    safety = SafetyService(tmp_path / "clientsteun.db")
    key, _code = safety.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    services = safety.open_services(key, catalog)
    with contextlib.closing(services):
        assert [entry.action for entry in services.audit.entries()] == [AuditAction.ENCRYPTED]


def test_an_encryption_that_could_not_run_leaves_no_line(tmp_path: Path, catalog: Catalog) -> None:
    db = tmp_path / "clientsteun.db"
    _plaintext_database(db)
    safety = SafetyService(db)
    key, _code = safety.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    lock = take_lock(db)  # another instance has the file
    try:
        with pytest.raises(DatabaseLocked):
            safety.open_services(key, catalog)
    finally:
        lock.release()
    with contextlib.closing(sqlite3.connect(db)) as plain:  # still the plaintext file as it was
        assert plain.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    services = safety.open_services(key, catalog)  # free again: encrypted now, and logged once
    with contextlib.closing(services):
        assert [entry.action for entry in services.audit.entries()] == [AuditAction.ENCRYPTED]


class Stop(Exception):
    """What the task helper's token raises when the user cancels."""


def test_a_cancelled_backup_writes_and_logs_nothing(setting: Setting) -> None:
    services = setting.safety.open_services(setting.key, setting.catalog)
    with contextlib.closing(services):  # enough pages that the copy takes more than one step
        for number in range(20):
            notes = f"Gesprek {number}: " + "de inwoner vertelt over de brief van de gemeente. " * 1800
            services.conversations.save_conversation(None, ConversationInput(1, NOW.date(), "other", notes=notes))
    steps: list[int] = []

    def stop_at_the_second_step() -> None:
        steps.append(1)
        if len(steps) == 2:
            raise Stop

    usb = setting.folder / "usb"
    with pytest.raises(Stop):
        setting.safety.backup_to(setting.key, usb / "kopie.db", stop=stop_at_the_second_step)
    assert list(usb.iterdir()) == [], "no copy, no key file, no temporary file"
    assert setting.log() == []
    setting.safety.backup_to(setting.key, usb / "kopie.db", stop=lambda: None)  # not stopped: done in steps
    assert sorted(path.name for path in usb.iterdir()) == ["kopie.db", "kopie.db.key"]
    assert setting.log() == [AuditAction.BACKUP]
