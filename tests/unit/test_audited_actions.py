"""Every audited action is logged after it succeeded, and a failure leaves no line (nor any other trace).

One table: for each action, what success looks like and one way it fails.  The log is read after
each; the database itself never changes on a failure.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import (
    BackupFailed,
    ClientsteunError,
    DatabaseLocked,
    InvalidInput,
    KeyMismatch,
    WrongPassphrase,
)
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.services.safety import SafetyService
from clientsteun.store import schema
from clientsteun.store.connection import take_lock
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, FakeClock

NEW_PASSPHRASE = "groene giraffe zingt luid"
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


Action = Callable[[Setting], None]
CASES = {
    AuditAction.BACKUP: (_backup, _backup_onto_the_key_file),
    AuditAction.RESTORE: (_restore, _restore_a_damaged_backup),
    AuditAction.PASSPHRASE_CHANGED: (_change_passphrase, _change_to_a_weak_passphrase),
    AuditAction.RECOVERY_KEY_MADE: (_new_recovery_key, _new_recovery_key_for_another_key),
    AuditAction.AUDIT_EXPORT: (_audit_export, _audit_export_over_the_database),
    AuditAction.EXPORT: (_ics_export, _ics_export_into_the_backups),
    AuditAction.FAILED_UNLOCK: (_failed_unlock, _failed_unlock_then_opening_fails),
}


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
