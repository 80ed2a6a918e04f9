"""Backups: verified, encrypted, consistent while the app writes, rotated, and restored without loss."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import BackupFailed, DatabaseLocked, DatabaseProblem, KeyMismatch
from clientsteun.domain.model import AgreementInput, ClientInput, ConversationInput
from clientsteun.domain.retention import Made, RetentionPolicy, backups_to_keep
from clientsteun.services import Services
from clientsteun.store.backups import ROTATING, BackupFolder, aside_name, backup_database, restore, verify_file
from clientsteun.store.connection import SQLITE_HEADER, connect, open_marker, wal_file
from clientsteun.store.database import open_database, read_database_id
from tests.conftest import NOW, TEST_KEY
from tests.helpers.crash import crash_in_a_rollback_journal, crash_with_saves_in_the_wal

OTHER_KEY = bytes(range(1, 33))
CANARY_NAME = "Kanarie Backupvogel"
CANARY_NOTE = "Sneeuwuil-notitie over een betalingsregeling"
TABLES = ("clients", "conversations", "agreements", "conversation_fts", "audit_log")


def _fill(services: Services, count: int = 3) -> None:
    for number in range(count):
        client = services.clients.create_client(ClientInput(f"{CANARY_NAME} {number}", municipality="Borne"))
        talk = services.conversations.save_conversation(
            None, ConversationInput(client.id, NOW.date(), "other", notes=f"{CANARY_NOTE} {number}")
        )
        services.agreements.save_agreement(None, AgreementInput(client.id, "Brief meenemen", "Inwoner", None, talk.id))


def _counts(path: Path, key: bytes = TEST_KEY) -> dict[str, int]:
    with contextlib.closing(connect(path, key)) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def _folder(db_path: Path, key: bytes = TEST_KEY) -> BackupFolder:
    """The backups of the database at ``db_path``, named by its id."""
    return BackupFolder.beside(db_path, read_database_id(db_path, key))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): _digest(path) for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_backup_is_a_verified_encrypted_copy_in_the_backup_folder(services: Services, db_path: Path) -> None:
    _fill(services)
    folder = _folder(db_path)
    backup = folder.make(db_path, TEST_KEY, reason="handmatig", now=NOW)

    assert backup.path.parent == db_path.parent / "backups"
    assert backup.path.name == f"clientsteun-{folder.database_id}-000001-20261123-103000-handmatig.db"
    assert len(folder.database_id) == 16
    assert backup.made_at == NOW and backup.reason == "handmatig" and backup.number == 1
    assert folder.backups() == [backup]
    assert verify_file(backup.path, TEST_KEY) == []
    data = backup.path.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    assert CANARY_NAME.encode() not in data and CANARY_NOTE.encode() not in data
    assert b"Sneeuwuil" not in data and b"CREATE TABLE" not in data
    assert _counts(backup.path) == _counts(db_path)
    # One self-contained file: no write-ahead log beside it, no half-made copy left.
    assert sorted(path.name for path in backup.path.parent.iterdir()) == [backup.path.name]


def test_a_backup_opens_only_with_its_key(services: Services, db_path: Path) -> None:
    _fill(services, 1)
    backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
    with pytest.raises(KeyMismatch) as caught:
        verify_file(backup.path, OTHER_KEY)
    assert "andere sleutel" in caught.value.message


@pytest.mark.usefixtures("services")
def test_two_backups_within_one_second_get_their_own_names(db_path: Path) -> None:
    folder = _folder(db_path)
    first = folder.make(db_path, TEST_KEY, reason="start", now=NOW)
    second = folder.make(db_path, TEST_KEY, reason="start", now=NOW)
    assert first.path != second.path and second.made_at == NOW and (first.number, second.number) == (1, 2)
    assert [backup.path for backup in folder.backups()] == [second.path, first.path]


def test_a_backup_while_the_database_is_being_written_is_one_consistent_moment(
    services: Services, db_path: Path
) -> None:
    """A writer adds a client and a conversation in one transaction, over and over, while backups run."""
    _fill(services, 1)
    stop = threading.Event()
    errors: list[BaseException] = []
    written = [0]

    def write() -> None:
        try:
            while not stop.is_set():
                with services.database.transaction() as session:
                    session.execute(
                        text(
                            "INSERT INTO clients (name, alias, phone, email, address, municipality, status, "
                            "close_reason, created_at, updated_at) VALUES ('Schrijver', '', '', '', '', '', "
                            "'open', '', '2026-11-23 10:30:00', '2026-11-23 10:30:00')"
                        )
                    )
                    session.execute(
                        text(
                            "INSERT INTO conversations (client_id, held_on, kind, medium, contact_made, "
                            "participants, notes, created_at, updated_at) VALUES (last_insert_rowid(), "
                            "'2026-11-23', 'other', '', 1, '', 'schrijft door', '2026-11-23 10:30:00', "
                            "'2026-11-23 10:30:00')"
                        )
                    )
                written[0] += 1
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    folder = _folder(db_path)
    made = []
    try:
        deadline = time.monotonic() + 10
        while written[0] < 3 and not errors and time.monotonic() < deadline:
            time.sleep(0.005)  # the writer is under way before the first backup starts
        started_with = written[0]
        for second in range(4):
            made.append(folder.make(db_path, TEST_KEY, reason="dagelijks", now=NOW + timedelta(seconds=second)))
    finally:
        stop.set()
        writer.join(timeout=30)
    assert not errors, errors
    assert written[0] > started_with >= 3
    seen = []
    for backup in made:
        assert verify_file(backup.path, TEST_KEY) == []
        counts = _counts(backup.path)
        assert counts["clients"] == counts["conversations"] == counts["conversation_fts"]
        seen.append(counts["clients"])
    assert seen == sorted(seen)  # later backups never hold less
    assert _counts(db_path)["clients"] == 1 + written[0]


def test_backup_of_a_missing_database_fails_and_creates_nothing(tmp_path: Path, db_path: Path) -> None:
    target = tmp_path / "out" / "kopie.db"
    with pytest.raises(BackupFailed) as caught:
        backup_database(db_path, TEST_KEY, target)  # nothing at db_path: an empty copy must not count
    assert caught.value.message
    assert not target.exists() and not db_path.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


@pytest.mark.usefixtures("services")
def test_backup_with_the_wrong_key_fails_and_leaves_nothing(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopie.db"
    before = _digest(db_path)
    with pytest.raises(DatabaseProblem) as caught:
        backup_database(db_path, OTHER_KEY, target)
    assert caught.value.message
    assert not target.exists()
    assert not target.with_name(target.name + ".part").exists()
    assert _digest(db_path) == before


def _fake_backups(folder: BackupFolder, template: Path, moments: dict[datetime, str], first: int = 1) -> None:
    """Copies of ``template`` named as backups made at these moments, numbered from ``first`` in their order."""
    folder.folder.mkdir(parents=True, exist_ok=True)
    for number, (moment, reason) in enumerate(sorted(moments.items()), start=first):
        name = f"{folder.stem}-{folder.database_id}-{number:06d}-{moment:%Y%m%d-%H%M%S}-{reason}.db"
        shutil.copyfile(template, folder.folder / name)


def test_prune_removes_only_rotating_backups_the_policy_no_longer_keeps(services: Services, db_path: Path) -> None:
    _fill(services, 1)
    folder = _folder(db_path)
    template = folder.make(db_path, TEST_KEY, reason="handmatig", now=datetime(2020, 1, 1))  # number 1
    rotating = {
        NOW - timedelta(days=days, hours=hour): reason
        for days in range(40)
        for hour, reason in ((0, "start"), (2, "sluiten"), (5, "dagelijks"))
    }
    kept_always = {
        datetime(2021, 3, 4, 5, 6, 7): "voor-bijwerken",
        datetime(2021, 3, 5, 5, 6, 7): "versleuteld",
        datetime(2021, 3, 6, 5, 6, 7): "voor-herstel",
    }
    _fake_backups(folder, template.path, {**rotating, **kept_always}, first=2)
    (folder.folder / "iets-anders.db").write_bytes(b"not ours")
    folder.key_copy.write_text("{}", encoding="utf-8")
    policy = RetentionPolicy(daily=7, weekly=4)

    removed = folder.prune(policy, NOW)

    made = [Made(number, moment) for number, moment in enumerate(sorted({**rotating, **kept_always}), start=2)]
    kept_numbers = backups_to_keep([one for one in made if one.at in rotating], policy, NOW)
    expected_rotating = {one.at for one in made if one.number in kept_numbers}
    remaining = folder.backups()
    assert {backup.made_at for backup in remaining if backup.reason in ROTATING} == expected_rotating
    assert len(expected_rotating) <= policy.daily + policy.weekly
    assert {backup.made_at: backup.reason for backup in remaining if backup.reason not in ROTATING} == {
        **kept_always,
        template.made_at: "handmatig",
    }
    assert len(removed) == len(rotating) - len(expected_rotating)
    assert not any(path.exists() for path in removed)
    assert (folder.folder / "iets-anders.db").exists() and folder.key_copy.exists()
    assert folder.prune(policy, NOW) == []  # a second prune has nothing left to do
    latest = folder.latest()
    assert latest is not None and latest.made_at == max(rotating)


def test_a_partial_backup_left_by_a_crash_is_cleaned_up(services: Services, db_path: Path) -> None:
    _fill(services, 1)
    folder = _folder(db_path)
    crashed = folder.make(db_path, TEST_KEY, reason="start", now=NOW - timedelta(days=1))
    partial = crashed.path.with_name(crashed.path.name.replace("start", "sluiten") + ".part")
    shutil.copyfile(crashed.path, partial)  # a copy that was being written when the laptop died
    folder.make(db_path, TEST_KEY, reason="start", now=NOW)
    folder.prune(RetentionPolicy(), NOW)
    assert not partial.exists()


def test_restore_puts_the_backup_in_place_and_keeps_the_previous_file(db_path: Path, catalog: Catalog) -> None:
    services = Services.create(open_database(db_path, TEST_KEY), catalog)
    with contextlib.closing(services):
        _fill(services, 2)
        backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
        in_backup = _counts(db_path)
        _fill(services, 3)  # written after the backup: gone after the restore, but kept aside
        later = _counts(db_path)
    before = _digest(db_path)

    aside = restore(db_path, TEST_KEY, backup.path, now=NOW)

    assert aside is not None and aside.exists()
    assert aside.name == "clientsteun.db.voor-herstel-20261123-103000"
    assert _digest(aside) == before
    assert _counts(aside) == later
    assert _counts(db_path) == in_backup
    assert _digest(db_path) == _digest(backup.path)
    assert not db_path.with_name("clientsteun.db.restoring").exists()
    assert not open_marker(db_path).exists()
    database = open_database(db_path, TEST_KEY, exclusive=True, create=False, check=True)
    database.close()


def test_restore_of_a_damaged_backup_fails_and_changes_nothing(services: Services, db_path: Path) -> None:
    _fill(services, 2)
    backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
    services.close()
    data = bytearray(backup.path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(16)
    backup.path.write_bytes(bytes(data))
    before = _listing(db_path.parent)

    with pytest.raises(BackupFailed) as caught:
        restore(db_path, TEST_KEY, backup.path, now=NOW)

    assert "niet veranderd" in caught.value.message
    assert _listing(db_path.parent) == before


@pytest.mark.parametrize("damage", ["empty", "truncated", "text", "missing"])
def test_restore_of_a_file_that_is_no_backup_changes_nothing(services: Services, db_path: Path, damage: str) -> None:
    _fill(services, 1)
    backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
    services.close()
    if damage == "empty":
        backup.path.write_bytes(b"")
    elif damage == "truncated":
        backup.path.write_bytes(backup.path.read_bytes()[: 4096 + 100])
    elif damage == "text":
        backup.path.write_text("geen database", encoding="utf-8")
    else:
        backup.path.unlink()
    before = _listing(db_path.parent)
    with pytest.raises((BackupFailed, KeyMismatch)):
        restore(db_path, TEST_KEY, backup.path, now=NOW)
    assert _listing(db_path.parent) == before


def test_restore_of_a_backup_made_with_another_key_changes_nothing(
    services: Services, db_path: Path, tmp_path: Path, catalog: Catalog
) -> None:
    other_path = tmp_path / "ander" / "clientsteun.db"
    other = Services.create(open_database(other_path, OTHER_KEY), catalog)
    with contextlib.closing(other):
        _fill(other, 1)
    foreign = _folder(other_path, OTHER_KEY).make(other_path, OTHER_KEY, reason="handmatig", now=NOW)
    services.close()
    before = _listing(db_path.parent)
    with pytest.raises(KeyMismatch):
        restore(db_path, TEST_KEY, foreign.path)
    assert _listing(db_path.parent) == before


def test_restore_while_the_database_is_open_exclusively_is_refused(db_path: Path, catalog: Catalog) -> None:
    services = Services.create(open_database(db_path, TEST_KEY, exclusive=True), catalog)
    try:
        _fill(services, 1)
        backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
        _fill(services, 1)
        before = _counts(db_path)
        with pytest.raises(DatabaseLocked) as caught:
            restore(db_path, TEST_KEY, backup.path, now=NOW)
        assert "al geopend" in caught.value.message
        assert _counts(db_path) == before
        assert not list(db_path.parent.glob("clientsteun.db.voor-herstel-*"))
    finally:
        services.close()
    restore(db_path, TEST_KEY, backup.path, now=NOW)  # free once the app has closed it
    assert _counts(db_path)["clients"] == 1


def test_restore_moves_a_left_over_write_ahead_log_aside_with_its_file(db_path: Path, services: Services) -> None:
    _fill(services, 1)
    backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
    _fill(services, 1)
    services.close()
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"a write-ahead log left by a crash")
    aside = restore(db_path, TEST_KEY, backup.path, now=NOW)
    assert aside is not None
    assert not wal.exists()
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"a write-ahead log left by a crash"
    assert _counts(db_path)["clients"] == 1


def _crashed_with_saves_in_the_wal(db_path: Path, catalog: Catalog, count: int) -> Path:
    """One resident, a backup of it, then ``count`` more saved but only in the -wal of a crash."""
    services = Services.create(open_database(db_path, TEST_KEY), catalog)
    with contextlib.closing(services):
        _fill(services, 1)
    backup = _folder(db_path).make(db_path, TEST_KEY, reason="start", now=NOW)
    crash_with_saves_in_the_wal(db_path, TEST_KEY, catalog, [f"Na de kopie {n}" for n in range(count)])
    return backup.path


def test_restore_next_to_a_left_over_write_ahead_log_keeps_the_log_with_its_file(
    db_path: Path, catalog: Catalog
) -> None:
    """The backup must not be replayed with the old log, and the 20 saves in it stay with their file."""
    backup = _crashed_with_saves_in_the_wal(db_path, catalog, 20)
    aside = restore(db_path, TEST_KEY, backup, now=NOW)
    assert aside is not None
    assert not wal_file(db_path).exists() and not open_marker(db_path).exists()
    assert verify_file(db_path, TEST_KEY) == []
    assert _counts(db_path)["clients"] == 1
    assert _counts(aside)["clients"] == 21, "the kept file opens with its own log"


def test_restore_where_only_the_write_ahead_log_is_left_moves_it_aside(db_path: Path, catalog: Catalog) -> None:
    """The database file is gone but its -wal is still there: the restored file must not be replayed with it."""
    backup = _crashed_with_saves_in_the_wal(db_path, catalog, 20)
    wal_bytes = wal_file(db_path).read_bytes()
    db_path.unlink()
    aside = restore(db_path, TEST_KEY, backup, now=NOW)
    assert aside is not None and not aside.exists()
    assert aside.with_name(aside.name + "-wal").read_bytes() == wal_bytes
    assert not wal_file(db_path).exists()
    assert verify_file(db_path, TEST_KEY) == []
    assert _counts(db_path)["clients"] == 1


def test_an_aside_name_is_new_for_the_file_and_its_log(tmp_path: Path) -> None:
    """Two restores within one second must both keep what they replaced, the -wal included."""
    db = tmp_path / "clientsteun.db"
    first = aside_name(db, "voor-herstel", NOW)
    first.with_name(first.name + "-wal").write_bytes(b"log")
    second = aside_name(db, "voor-herstel", NOW)
    assert first != second
    second.write_bytes(b"file")
    third = aside_name(db, "voor-herstel", NOW)
    assert len({first, second, third}) == 3


def test_restore_moves_a_rollback_journal_left_by_a_crash_aside_with_its_file(
    db_path: Path, services: Services
) -> None:
    """Left beside the restored copy, the old file's journal would be rolled back into it."""
    _fill(services, 1)
    backup = _folder(db_path).make(db_path, TEST_KEY, reason="handmatig", now=NOW)
    _fill(services, 1)
    services.close()
    crash_in_a_rollback_journal(db_path, TEST_KEY, ["Half Geschreven"])
    journal = db_path.with_name(db_path.name + "-journal")
    half_written = journal.read_bytes()
    aside = restore(db_path, TEST_KEY, backup.path, now=NOW)
    assert aside is not None and not journal.exists()
    assert aside.with_name(aside.name + "-journal").read_bytes() == half_written
    assert verify_file(db_path, TEST_KEY) == []
    assert _counts(db_path)["clients"] == 1
    assert _counts(aside)["clients"] == 2, "the kept file rolls its own journal back"
