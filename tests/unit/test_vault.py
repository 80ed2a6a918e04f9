"""The vault: a database with its key file and backups, from the first start to a converted old file."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import (
    DatabaseLocked,
    DatabaseProblem,
    EmptyFile,
    KeyFileDamaged,
    KeyFileMissing,
    NotADatabase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from clientsteun.store import attempts, keys
from clientsteun.store.backups import verify_file
from clientsteun.store.connection import APPLICATION_ID, SCHEMA_REVISION, SQLITE_HEADER, connect, take_lock
from clientsteun.store.database import read_revision
from clientsteun.store.vault import Vault, VaultState
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, TEST_KEY, FakeClock
from tests.unit.seeds import CANARY, SEARCH_WORD, build_at_revision

NEW_PASSPHRASE = "groene giraffe zingt luid"


@pytest.fixture
def vault(db_path: Path) -> Vault:
    return Vault.at(db_path)


def _start(vault: Vault, catalog: Catalog, *, with_recovery: bool = False) -> tuple[bytes, str]:
    """A first start: a key, then a new encrypted database holding one resident."""
    key, code = vault.create_key(PASSPHRASE, with_recovery=with_recovery, kdf=FAST_KDF)
    services = Services.create(vault.open(key, create=True), catalog, FakeClock())
    with contextlib.closing(services):
        services.clients.create_client(ClientInput("Noor Verzonnen"))
    return key, code


def _names(path: Path, key: bytes) -> list[str]:
    with contextlib.closing(connect(path, key)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM clients ORDER BY id")]


def test_vault_paths(db_path: Path) -> None:
    vault = Vault.at(str(db_path))
    assert vault.db_path == db_path.resolve()
    assert vault.key_path.name == "clientsteun.db.key"
    assert vault.backups.folder == db_path.parent / "backups"
    assert vault.backups.key_copy.name == "clientsteun.key"


def test_state_from_first_start_to_a_lost_database(vault: Vault) -> None:
    assert vault.state() is VaultState.NEW
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    assert vault.state() is VaultState.MISSING  # a key without a database is never a first start
    vault.open(key, create=True).close()
    assert vault.state() is VaultState.ENCRYPTED
    vault.backup(key, "handmatig", now=NOW)

    vault.db_path.unlink()
    assert vault.state() is VaultState.MISSING
    vault.key_path.unlink()
    assert vault.state() is VaultState.MISSING  # backups (and their key copy) remain
    for path in vault.backups.folder.iterdir():
        path.unlink()
    assert vault.state() is VaultState.NEW  # nothing of it is left: a first start again


def test_only_backups_mean_missing_not_new(vault: Vault, catalog: Catalog) -> None:
    key, _code = _start(vault, catalog)
    vault.backup(key, "handmatig", now=NOW)
    vault.db_path.unlink()
    vault.key_path.unlink()
    vault.backups.key_copy.unlink()
    assert vault.state() is VaultState.MISSING


def test_an_empty_file_is_not_taken_for_a_new_database(vault: Vault) -> None:
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    vault.db_path.touch()
    assert vault.state() is VaultState.ENCRYPTED
    with pytest.raises(EmptyFile):
        vault.open(key, create=True)
    assert vault.db_path.stat().st_size == 0


def test_a_plain_sqlite_file_is_plaintext(vault: Vault) -> None:
    _plaintext_database(vault.db_path)
    assert vault.state() is VaultState.PLAINTEXT


def test_a_second_key_is_never_made_over_the_first(vault: Vault) -> None:
    vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    before = vault.key_path.read_bytes()
    with pytest.raises(KeyFileDamaged) as caught:
        vault.create_key(NEW_PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    assert "bestaat al" in caught.value.message
    assert vault.key_path.read_bytes() == before


def test_the_key_unlocks_and_opens_the_database(vault: Vault, catalog: Catalog) -> None:
    key, _code = _start(vault, catalog)
    assert vault.unlock(PASSPHRASE) == key
    assert keys.unlock(keys.read_envelope(vault.backups.key_copy), PASSPHRASE) == key
    database = vault.open(vault.unlock(PASSPHRASE), check=True)
    database.close()
    assert _names(vault.db_path, key) == ["Noor Verzonnen"]
    assert not vault.db_path.read_bytes().startswith(SQLITE_HEADER)


def test_failed_unlocks_are_recorded_in_the_key_file_until_logged(vault: Vault, catalog: Catalog) -> None:
    key, _code = _start(vault, catalog)
    database_before = vault.db_path.read_bytes()
    moments = [datetime(2026, 11, 23, 8, 0, 1, 500), datetime(2026, 11, 23, 8, 0, 9)]
    for moment in moments:
        with pytest.raises(WrongPassphrase) as caught:
            vault.unlock("verkeerd wachtwoord", now=moment)
        assert caught.value.message
    assert vault.db_path.read_bytes() == database_before  # a wrong passphrase touches nothing else
    assert vault.envelope().failed_unlocks == ("2026-11-23T08:00:01", "2026-11-23T08:00:09")
    assert keys.read_envelope(vault.backups.key_copy).failed_unlocks == ()  # the copy never holds them

    assert vault.unlock(PASSPHRASE) == key  # a right passphrase alone does not forget them
    assert vault.failed_unlocks() == ("2026-11-23T08:00:01", "2026-11-23T08:00:09")
    with pytest.raises(WrongPassphrase):  # while the first two are being logged
        vault.unlock("nog een keer verkeerd", now=datetime(2026, 11, 23, 8, 1))
    vault.forget_failed_unlocks(("2026-11-23T08:00:01", "2026-11-23T08:00:09"))
    assert vault.failed_unlocks() == ("2026-11-23T08:01:00",), "an attempt after the logged ones stays"
    assert vault.unlock(PASSPHRASE) == key


def test_failed_unlocks_kept_are_capped(vault: Vault) -> None:
    vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    many = tuple(f"2026-01-01T00:00:{second:02d}" for second in range(60)) + tuple(
        f"2026-01-01T00:01:{second:02d}" for second in range(60)
    )
    keys.write_envelope(vault.key_path, dataclasses.replace(vault.envelope(), failed_unlocks=many))
    with pytest.raises(WrongPassphrase):
        vault.unlock("verkeerd wachtwoord", now=datetime(2026, 11, 23, 9, 0))
    kept = vault.envelope().failed_unlocks
    assert len(kept) == keys.MAX_FAILED_UNLOCKS_KEPT
    assert kept[-1] == "2026-11-23T09:00:00"
    assert kept[0] == many[len(many) + 1 - keys.MAX_FAILED_UNLOCKS_KEPT]


def test_a_missing_key_file_is_restored_from_the_copy_among_the_backups(vault: Vault, catalog: Catalog) -> None:
    key, _code = _start(vault, catalog)
    vault.key_path.unlink()
    assert vault.unlock(PASSPHRASE) == key
    assert vault.key_path.exists()
    assert keys.read_envelope(vault.key_path) == keys.read_envelope(vault.backups.key_copy)
    vault.open(key).close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "changed-byte", "empty"])
def test_a_damaged_key_file_is_kept_aside_and_restored_from_the_copy(
    vault: Vault, catalog: Catalog, damage: str
) -> None:
    key, _code = _start(vault, catalog)
    text = vault.key_path.read_text(encoding="utf-8")
    if damage == "garbage":
        damaged = "dit is geen sleutelbestand"
    elif damage == "truncated":
        damaged = text[: len(text) // 2]
    elif damage == "changed-byte":
        body = json.loads(text)
        body["key_id"] = body["key_id"][:-1] + ("0" if body["key_id"][-1] != "0" else "1")
        damaged = json.dumps(body)
    else:
        damaged = ""
    vault.key_path.write_text(damaged, encoding="utf-8")

    assert vault.unlock(PASSPHRASE) == key
    assert vault.key_path.with_name("clientsteun.db.key.beschadigd").read_text(encoding="utf-8") == damaged
    assert keys.read_envelope(vault.key_path).key_id == keys.key_id(key)


def test_without_key_file_and_copy_the_problem_is_reported(vault: Vault, catalog: Catalog) -> None:
    _start(vault, catalog)
    vault.key_path.unlink()
    vault.backups.key_copy.unlink()
    with pytest.raises(KeyFileMissing) as caught:
        vault.unlock(PASSPHRASE)
    assert "sleutelbestand" in caught.value.message and "ontbreekt" in caught.value.message

    vault.key_path.write_text("kapot", encoding="utf-8")
    vault.backups.key_copy.write_text("ook kapot", encoding="utf-8")
    with pytest.raises(KeyFileDamaged):
        vault.unlock(PASSPHRASE)
    assert vault.key_path.read_text(encoding="utf-8") == "kapot"


def test_change_passphrase_keeps_the_key_and_retires_the_old_passphrase(vault: Vault, catalog: Catalog) -> None:
    key, code = _start(vault, catalog, with_recovery=True)
    database_before = vault.db_path.read_bytes()
    vault.change_passphrase(key, NEW_PASSPHRASE, kdf=FAST_KDF)

    assert vault.unlock(NEW_PASSPHRASE) == key
    with pytest.raises(WrongPassphrase):
        vault.unlock(PASSPHRASE)
    copy = keys.read_envelope(vault.backups.key_copy)
    assert keys.unlock(copy, NEW_PASSPHRASE) == key  # the copy among the backups follows
    with pytest.raises(WrongPassphrase):
        keys.unlock(copy, PASSPHRASE)
    assert vault.unlock_with_recovery(code) == key  # the recovery key still works
    assert vault.db_path.read_bytes() == database_before  # the database is not re-encrypted
    assert _names(vault.db_path, vault.unlock(NEW_PASSPHRASE)) == ["Noor Verzonnen"]


def test_recovery_key_opens_and_can_be_renewed(vault: Vault, catalog: Catalog) -> None:
    key, code = _start(vault, catalog, with_recovery=True)
    assert vault.has_recovery_key()
    assert vault.unlock_with_recovery(code.lower().replace("-", " ")) == key
    renewed = vault.new_recovery_key(key)
    assert renewed != code
    assert vault.unlock_with_recovery(renewed) == key
    with pytest.raises(WrongRecoveryKey):
        vault.unlock_with_recovery(code)
    assert keys.unlock_with_recovery(keys.read_envelope(vault.backups.key_copy), renewed) == key


def test_a_recovery_key_can_be_made_later(vault: Vault, catalog: Catalog) -> None:
    key, code = _start(vault, catalog)
    assert code == "" and not vault.has_recovery_key()
    made = vault.new_recovery_key(key)
    assert vault.has_recovery_key()
    assert vault.unlock_with_recovery(made) == key


def test_backup_to_a_chosen_file_carries_the_key_file(vault: Vault, catalog: Catalog, tmp_path: Path) -> None:
    key, _code = _start(vault, catalog)
    with pytest.raises(WrongPassphrase):
        vault.unlock("verkeerd wachtwoord")
    target = tmp_path / "usb" / "kopie.db"
    vault.backup_to(key, target)
    assert verify_file(target, key) == []
    carried = keys.read_envelope(target.with_name("kopie.db.key"))
    assert keys.unlock(carried, PASSPHRASE) == key
    assert carried.failed_unlocks == ()
    assert _names(target, key) == ["Noor Verzonnen"]


# --- converting a database from before encryption ----------------------------------------------


def _plaintext_database(path: Path, revision: str = "0001") -> None:
    """An unencrypted database as the foundation left it, filled from the seed of that revision."""
    build_at_revision(sqlalchemy.create_engine(f"sqlite:///{path}"), revision)


def _row_counts(connection: Any) -> dict[str, int]:
    """Rows per table, leaving out SQLite's own, Alembic's and the full-text index's shadow tables."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'conversation_fts_%' AND name != 'alembic_version'"
        ).fetchall()
    ]
    return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _plain_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return _row_counts(connection)


def _encrypted_counts(path: Path, key: bytes) -> dict[str, int]:
    with contextlib.closing(connect(path, key)) as connection:
        return _row_counts(connection)


def _files_holding(folder: Path, needle: bytes) -> list[str]:
    return [str(path) for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]


def test_a_plaintext_database_is_converted_once_after_a_backup(vault: Vault, catalog: Catalog, tmp_path: Path) -> None:
    _plaintext_database(vault.db_path)
    before = _plain_counts(vault.db_path)
    assert all(before[table] > 0 for table in before), before
    assert _files_holding(tmp_path, CANARY.encode())  # the canary is readable before
    assert vault.state() is VaultState.PLAINTEXT
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)

    database = vault.open(key, check=True)
    services = Services.create(database, catalog, FakeClock())
    try:
        hits = services.conversations.search(SEARCH_WORD)
        assert [hit.conversation_id for hit in hits] == [1]
        assert services.conversations.search(CANARY.lower())
        assert {summary.name for summary in services.clients.list_clients()} >= {"Bram Bedacht"}
    finally:
        services.close()

    assert vault.state() is VaultState.ENCRYPTED
    assert not vault.db_path.read_bytes().startswith(SQLITE_HEADER)
    assert read_revision(vault.db_path, key) == (APPLICATION_ID, SCHEMA_REVISION)
    after = _encrypted_counts(vault.db_path, key)
    assert {table: after[table] for table in before} == before
    assert after["audit_log"] == 0 or "audit_log" not in before

    converted = [backup for backup in vault.backups.backups() if backup.reason == "versleuteld"]
    assert len(converted) == 1
    assert verify_file(converted[0].path, key) == []
    assert read_revision(converted[0].path, key) == (APPLICATION_ID, "0001")
    assert _encrypted_counts(converted[0].path, key) == before

    leftovers = [path.name for path in tmp_path.rglob("*") if "plaintext" in path.name or "encrypting" in path.name]
    assert leftovers == []
    assert _files_holding(tmp_path, CANARY.encode()) == []
    assert _files_holding(tmp_path, b"SQLite format 3\x00") == []

    vault.open(key).close()  # a second start converts nothing again
    assert [backup.reason for backup in vault.backups.backups()].count("versleuteld") == 1


def test_a_plaintext_database_with_changes_still_in_its_write_ahead_log_keeps_them(
    vault: Vault, tmp_path: Path
) -> None:
    """The foundation crashed with its last save only in the -wal: the conversion folds it in, then wipes it."""
    source = tmp_path / "voor-de-crash" / "clientsteun.db"
    source.parent.mkdir()
    _plaintext_database(source)
    with contextlib.closing(sqlite3.connect(source, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute(
            "INSERT INTO clients (name, alias, phone, email, address, municipality, status, close_reason, "
            f"created_at, updated_at) VALUES ('Laatste {CANARY}', '', '', '', '', '', 'open', '', "
            "'2026-11-23 10:00:00.000000', '2026-11-23 10:00:00.000000')"
        )
        for suffix in ("", "-wal", "-shm"):  # the files as a crash at this moment leaves them
            shutil.copyfile(
                source.with_name(source.name + suffix), vault.db_path.with_name(vault.db_path.name + suffix)
            )
    shutil.rmtree(source.parent)
    assert vault.state() is VaultState.PLAINTEXT
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)

    vault.open(key).close()

    assert f"Laatste {CANARY}" in _names(vault.db_path, key)
    assert not vault.db_path.with_name("clientsteun.db-wal").exists()
    assert _files_holding(tmp_path, CANARY.encode()) == []


def test_conversion_waits_for_an_instance_that_holds_the_lock(vault: Vault) -> None:
    _plaintext_database(vault.db_path)
    before = vault.db_path.read_bytes()
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    lock = take_lock(vault.db_path)
    try:
        with pytest.raises(DatabaseLocked):
            vault.open(key)
    finally:
        lock.release()
    assert vault.db_path.read_bytes() == before
    assert vault.state() is VaultState.PLAINTEXT
    assert vault.backups.backups() == []


def test_an_interrupted_conversion_is_finished_by_the_next_start(vault: Vault) -> None:
    """A half-made encrypted copy from a crash is thrown away and made again."""
    _plaintext_database(vault.db_path)
    before = _plain_counts(vault.db_path)
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    vault.db_path.with_name("clientsteun.db.encrypting").write_bytes(b"half a file")
    vault.open(key).close()
    assert not vault.db_path.with_name("clientsteun.db.encrypting").exists()
    after = _encrypted_counts(vault.db_path, key)
    assert {table: after[table] for table in before} == before


def test_a_plaintext_original_left_by_a_crash_is_wiped(vault: Vault, catalog: Catalog) -> None:
    key, _code = _start(vault, catalog)
    old = vault.db_path.with_name("clientsteun.db.plaintext-old")
    _plaintext_database(old)
    vault.tidy()
    assert not old.exists()
    assert _names(vault.db_path, key) == ["Noor Verzonnen"]


def test_a_plaintext_original_is_not_wiped_while_it_is_the_only_database(vault: Vault) -> None:
    _plaintext_database(vault.db_path)
    old = vault.db_path.with_name("clientsteun.db.plaintext-old")
    _plaintext_database(old)
    vault.tidy()
    assert old.exists()
    assert vault.db_path.read_bytes().startswith(SQLITE_HEADER)


def test_the_key_of_another_database_cannot_open_this_one(vault: Vault, catalog: Catalog, tmp_path: Path) -> None:
    _start(vault, catalog)
    other = Vault.at(tmp_path / "ander" / "clientsteun.db")
    other_key, _code = other.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    before = vault.db_path.read_bytes()
    with pytest.raises(DatabaseProblem) as caught:
        vault.open(other_key)
    assert caught.value.message
    assert vault.db_path.read_bytes() == before
    assert vault.backups.backups() == []


def test_failed_unlocks_survive_a_key_file_deleted_and_put_back_from_its_copy(vault: Vault, catalog: Catalog) -> None:
    _start(vault, catalog)
    for second in (1, 2):
        with pytest.raises(WrongPassphrase):
            vault.unlock("verkeerd wachtwoord", now=datetime(2026, 11, 23, 8, 0, second))
    vault.key_path.unlink()  # the copy among the backups holds no attempts
    assert vault.failed_unlocks() == ("2026-11-23T08:00:01", "2026-11-23T08:00:02")
    assert vault.envelope().failed_unlocks == ()  # put back from the copy
    vault.forget_failed_unlocks(("2026-11-23T08:00:01",))
    assert vault.failed_unlocks() == ("2026-11-23T08:00:02",)
    assert attempts.read(vault.attempts_path) == ["2026-11-23T08:00:02"]


def test_more_failed_unlocks_than_the_key_file_keeps_are_all_counted(vault: Vault, catalog: Catalog) -> None:
    _start(vault, catalog)
    moments = [datetime(2026, 11, 23, 8, minute, second) for minute in range(3) for second in range(50)]
    for moment in moments:
        with pytest.raises(WrongPassphrase):
            vault.unlock("verkeerd wachtwoord", now=moment)
    assert len(vault.envelope().failed_unlocks) == keys.MAX_FAILED_UNLOCKS_KEPT
    assert vault.failed_unlocks() == tuple(moment.isoformat() for moment in moments)


def test_two_failed_unlocks_within_one_second_count_twice(vault: Vault, catalog: Catalog) -> None:
    _start(vault, catalog)
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            vault.unlock("verkeerd wachtwoord", now=NOW)
    assert vault.failed_unlocks() == (NOW.isoformat(),) * 2
    vault.forget_failed_unlocks((NOW.isoformat(),))
    assert vault.failed_unlocks() == (NOW.isoformat(),)


def test_a_damaged_line_of_the_attempts_file_leaves_the_others_counted(vault: Vault, catalog: Catalog) -> None:
    _start(vault, catalog)
    for second in (1, 2, 3):
        with pytest.raises(WrongPassphrase):
            vault.unlock("verkeerd wachtwoord", now=datetime(2026, 11, 23, 8, 0, second))
    vault.key_path.unlink()
    content = bytearray(vault.attempts_path.read_bytes())
    content[attempts.SLOT : attempts.SLOT + 4] = b"XXXX"
    vault.attempts_path.write_bytes(bytes(content))
    assert vault.failed_unlocks() == ("2026-11-23T08:00:01", "2026-11-23T08:00:03")
    with pytest.raises(WrongPassphrase):  # written after the damaged line, not over another
        vault.unlock("verkeerd wachtwoord", now=datetime(2026, 11, 23, 8, 0, 4))
    assert attempts.read(vault.attempts_path)[-1] == "2026-11-23T08:00:04"
    assert len(vault.attempts_path.read_bytes()) == attempts.SLOT * attempts.SLOTS


def test_the_attempts_file_has_its_room_from_the_start(vault: Vault, catalog: Catalog) -> None:
    """Its room is taken on the disk when the key is made, so an attempt fits on a full disk later."""
    _start(vault, catalog)
    assert vault.attempts_path.read_bytes() == bytes(attempts.SLOT * attempts.SLOTS)
    vault.attempts_path.unlink()  # lost, or from before: made again at the next opening
    vault.open(vault.unlock(PASSPHRASE)).close()
    assert vault.attempts_path.stat().st_size == attempts.SLOT * attempts.SLOTS


def test_a_plain_sqlite_file_of_another_program_is_refused_before_anything_is_written(vault: Vault) -> None:
    with contextlib.closing(sqlite3.connect(vault.db_path)) as connection, connection:
        connection.execute("CREATE TABLE recepten (naam TEXT)")
        connection.execute("INSERT INTO recepten VALUES ('erwtensoep')")
    before = vault.db_path.read_bytes()
    with pytest.raises(NotADatabase) as caught:
        vault.state()
    assert "geen Clientsteun-database" in caught.value.message
    with pytest.raises(NotADatabase):
        vault.open(TEST_KEY, create=True)
    assert vault.db_path.read_bytes() == before
    assert sorted(path.name for path in vault.db_path.parent.iterdir()) == [vault.db_path.name]


# --- a first start that stopped halfway ------------------------------------------------------------


def test_a_first_start_stopped_before_the_database_was_made_is_undone(vault: Vault) -> None:
    vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)  # then the laptop died
    creating = vault.db_path.with_name("clientsteun.db.creating")
    creating.write_bytes(b"half")
    assert vault.state() is VaultState.MISSING, "as it looks before the start tidies up"
    vault.tidy()
    assert vault.state() is VaultState.NEW
    assert sorted(path.name for path in vault.db_path.parent.iterdir()) == ["clientsteun.db.lock"]


def test_a_first_start_stopped_after_the_database_was_made_resumes(vault: Vault, catalog: Catalog) -> None:
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    envelope = vault.envelope()
    vault.open(key, create=True).close()
    keys.write_envelope(vault.key_path, envelope)  # as if killed before the key file named the database
    vault.tidy()
    assert vault.state() is VaultState.ENCRYPTED
    vault.open(vault.unlock(PASSPHRASE)).close()
    assert vault.envelope().database_id == vault.database_id != ""


def test_a_key_file_from_before_ids_without_its_database_is_not_taken_for_a_first_start(vault: Vault) -> None:
    """The version before ids wrote a copy ``backups/<stem>.key``: that key encrypted a database once."""
    _key, envelope, _code = keys.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    keys.write_envelope(vault.key_path, envelope)
    keys.write_envelope(vault.db_path.parent / "backups" / "clientsteun.key", envelope)
    vault.tidy()
    assert vault.key_path.exists()
    assert vault.state() is VaultState.MISSING
