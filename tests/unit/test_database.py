"""Opening the encrypted database file: refusals leave the file alone, the lock, pragmas, backups."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import filelock
import pytest
import sqlcipher3
from sqlalchemy import func, select, text

from clientsteun.domain.errors import (
    AppLocked,
    CreateFailed,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseProblem,
    DiskFull,
    EmptyFile,
    MigrationFailed,
    NewerDatabase,
    NotADatabase,
    NotEncrypted,
    NotFound,
    ReadOnlyDatabase,
)
from clientsteun.store import schema
from clientsteun.store.backups import BackupFolder
from clientsteun.store.connection import (
    APPLICATION_ID,
    SCHEMA_REVISION,
    SQLITE_HEADER,
    connect,
    open_marker,
    translate_errors,
    wal_file,
)
from clientsteun.store.database import journal_file, make_engine, open_database, read_revision
from clientsteun.store.schema import head_revision
from clientsteun.store.tables import ClientRow
from tests.conftest import TEST_KEY
from tests.helpers.crash import crash_in_a_rollback_journal
from tests.unit.seeds import build_at_revision

OTHER_KEY = bytes(range(100, 132))

STAMP_SQL = (
    "INSERT INTO clients (name, alias, phone, email, address, municipality, status, "
    "close_reason, created_at, updated_at) VALUES (?, '', '', '', '', '', 'open', '', "
    "'2026-11-23 10:00:00', '2026-11-23 10:00:00')"
)


def _make(path: Path, *names: str) -> None:
    """A real, current, encrypted Clientsteun database holding residents with these names."""
    open_database(path, TEST_KEY).close()
    with contextlib.closing(connect(path, TEST_KEY)) as con:
        con.executemany(STAMP_SQL, [(name,) for name in names])


def _names(path: Path, key: bytes = TEST_KEY) -> list[str]:
    with contextlib.closing(connect(path, key)) as con:
        return [row[0] for row in con.execute("SELECT name FROM clients ORDER BY id")]


def _backups(db_path: Path) -> list[Path]:
    """Everything in the backup folder beside the database (finished or not)."""
    folder = BackupFolder.beside(db_path).folder
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _at_revision(path: Path, revision: str) -> None:
    """An encrypted Clientsteun database as an older version of the app left it."""
    build_at_revision(make_engine(path, TEST_KEY, foreign_keys=False), revision, with_data=False)


def test_new_database_is_marked_as_ours_and_at_the_newest_revision(db_path: Path) -> None:
    database = open_database(db_path, TEST_KEY)
    database.close()
    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, head_revision())
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "clients",
        "conversations",
        "agreements",
        "drafts",
        "consents",
        "conversation_fts",
        "audit_log",
    } <= tables


def test_new_database_is_encrypted_and_opens_only_with_its_key(db_path: Path) -> None:
    _make(db_path, "Noor Verzonnen")
    content = db_path.read_bytes()
    assert not content.startswith(SQLITE_HEADER)
    assert b"Noor Verzonnen" not in content
    assert b"CREATE TABLE" not in content
    with contextlib.closing(sqlite3.connect(db_path)) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    with pytest.raises(DatabaseProblem):
        open_database(db_path, OTHER_KEY, exclusive=True)
    assert db_path.read_bytes() == content
    assert _backups(db_path) == []
    assert _names(db_path) == ["Noor Verzonnen"]


def test_new_database_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "clientsteun.db"
    open_database(path, TEST_KEY).close()
    assert path.is_file()


def test_reopening_keeps_data_and_makes_no_backup(db_path: Path) -> None:
    _make(db_path, "Noor Verzonnen")
    database = open_database(db_path, TEST_KEY)
    with database.transaction() as session:
        names = list(session.scalars(select(ClientRow.name)))
    database.close()
    assert names == ["Noor Verzonnen"]
    assert _backups(db_path) == []


NOT_DATABASES = pytest.mark.parametrize(
    "content",
    [
        b"Dit is een tekstbestand, geen database.\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        b"SQLite format 2\x00" + b"\x00" * 100,  # almost, but not the SQLite header
    ],
    ids=["text", "pdf", "wrong-header"],
)


@NOT_DATABASES
@pytest.mark.parametrize("exclusive", [False, True])
def test_non_sqlite_file_is_refused_and_left_byte_identical(db_path: Path, content: bytes, exclusive: bool) -> None:
    db_path.write_bytes(content)
    with pytest.raises(DatabaseProblem) as caught:
        open_database(db_path, TEST_KEY, exclusive=exclusive)
    assert "niets aan veranderd" in caught.value.message
    assert db_path.read_bytes() == content
    assert _backups(db_path) == []
    assert not wal_file(db_path).exists()
    assert not open_marker(db_path).exists()


@NOT_DATABASES
def test_non_sqlite_file_is_called_not_a_clientsteun_database(db_path: Path, content: bytes) -> None:
    # A file of a few bytes, or not a whole number of pages, cannot be a (damaged) database:
    # telling the user it is damaged and to restore a backup would send them the wrong way.
    db_path.write_bytes(content)
    with pytest.raises(NotADatabase) as caught:
        open_database(db_path, TEST_KEY)
    assert "geen Clientsteun-database" in caught.value.message
    assert db_path.read_bytes() == content


def test_zero_length_file_is_refused_and_stays_empty(db_path: Path) -> None:
    db_path.touch()
    with pytest.raises(EmptyFile) as caught:
        open_database(db_path, TEST_KEY)
    assert "leeg (0 bytes)" in caught.value.message
    assert db_path.stat().st_size == 0
    assert [path.name for path in db_path.parent.iterdir() if path.name.startswith("clientsteun")] == [db_path.name]


def test_folder_instead_of_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map.db"
    folder.mkdir()
    with pytest.raises(NotADatabase):
        open_database(folder, TEST_KEY)


def test_plain_unencrypted_database_is_refused_as_not_encrypted_and_unchanged(db_path: Path) -> None:
    # A database from before encryption: the vault converts it; opening it directly never does.
    with contextlib.closing(sqlite3.connect(db_path)) as con, con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO clients (name) VALUES ('Noor Verzonnen')")
    before = db_path.read_bytes()
    for exclusive in (False, True):
        with pytest.raises(NotEncrypted) as caught:
            open_database(db_path, TEST_KEY, exclusive=exclusive)
        assert "nog niet versleuteld" in caught.value.message
    assert db_path.read_bytes() == before
    assert _backups(db_path) == []
    lock = filelock.FileLock(str(db_path) + ".lock", blocking=False)
    lock.acquire()  # the refusal released the instance lock
    lock.release()


def test_foreign_encrypted_sqlite_database_is_refused_unchanged(db_path: Path) -> None:
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        con.execute("PRAGMA application_id = 1234")
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.execute("INSERT INTO recipes VALUES ('erwtensoep')")
    before = db_path.read_bytes()
    with pytest.raises(NotADatabase) as caught:
        open_database(db_path, TEST_KEY, exclusive=True)
    assert "0x4d2" in caught.value.detail
    assert db_path.read_bytes() == before
    assert _backups(db_path) == []


def test_encrypted_sqlite_database_without_application_id_is_refused(db_path: Path) -> None:
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        con.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)")
    before = db_path.read_bytes()
    with pytest.raises(NotADatabase):
        open_database(db_path, TEST_KEY)
    assert db_path.read_bytes() == before
    assert _backups(db_path) == []


def test_database_from_a_newer_version_is_refused_unchanged(db_path: Path) -> None:
    _make(db_path, "Noor Verzonnen")
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase) as caught:
        open_database(db_path, TEST_KEY, exclusive=True)
    assert "nieuwere versie" in caught.value.message
    assert db_path.read_bytes() == before
    assert _backups(db_path) == []
    # The failed open released the instance lock.
    lock = filelock.FileLock(str(db_path) + ".lock", blocking=False)
    lock.acquire()
    lock.release()


@pytest.mark.parametrize("exclusive", [False, True])
def test_missing_file_without_create_raises_and_creates_nothing(tmp_path: Path, exclusive: bool) -> None:
    path = tmp_path / "nieuw" / "clientsteun.db"
    with pytest.raises(DatabaseMissing) as caught:
        open_database(path, TEST_KEY, create=False, exclusive=exclusive)
    assert "bestaat niet" in caught.value.message
    assert not path.exists()
    assert not path.parent.exists()


def test_existing_file_opens_without_create(db_path: Path) -> None:
    _make(db_path, "Sem Bedacht")
    database = open_database(db_path, TEST_KEY, create=False)
    database.close()
    assert _names(db_path) == ["Sem Bedacht"]


def test_exclusive_lock_refuses_a_second_instance_until_closed(db_path: Path) -> None:
    first = open_database(db_path, TEST_KEY, exclusive=True)
    try:
        with pytest.raises(DatabaseLocked) as caught:
            open_database(db_path, TEST_KEY, exclusive=True)
        assert "al geopend" in caught.value.message
    finally:
        first.close()
    second = open_database(db_path, TEST_KEY, exclusive=True)
    second.close()
    first.close()  # closing twice is harmless


def test_exclusive_open_marks_the_file_open_until_closed(db_path: Path) -> None:
    database = open_database(db_path, TEST_KEY, exclusive=True)
    assert open_marker(db_path).exists()
    assert not database.wal_missing
    database.close()
    assert not open_marker(db_path).exists()
    open_database(db_path, TEST_KEY).close()  # a shared open leaves no marker
    assert not open_marker(db_path).exists()


def test_a_write_ahead_log_lost_after_a_crash_is_noticed_until_accepted(db_path: Path) -> None:
    _make(db_path, "Noor Verzonnen")
    open_marker(db_path).touch()  # left behind by an instance that crashed; its WAL has gone since
    database = open_database(db_path, TEST_KEY, exclusive=True)
    try:
        assert database.wal_missing
    finally:
        database.close()
    assert open_marker(db_path).exists(), "closing does not end the warning"
    again = open_database(db_path, TEST_KEY, exclusive=True)
    assert again.wal_missing
    again.accept_lost_wal()
    again.close()
    assert not open_marker(db_path).exists()
    third = open_database(db_path, TEST_KEY, exclusive=True)
    third.close()
    assert not third.wal_missing


def test_a_crash_with_its_write_ahead_log_still_there_is_not_reported(db_path: Path) -> None:
    _make(db_path)
    open_marker(db_path).touch()
    with contextlib.closing(connect(db_path, TEST_KEY)) as holder:
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute(STAMP_SQL, ("Noor Verzonnen",))  # the log exists while this connection lives
        assert wal_file(db_path).exists()
        database = open_database(db_path, TEST_KEY, exclusive=True)
        try:
            assert not database.wal_missing
        finally:
            database.close()
    assert _names(db_path) == ["Noor Verzonnen"]


def test_a_locked_database_refuses_work_until_unlocked(db_path: Path) -> None:
    database = open_database(db_path, TEST_KEY, exclusive=True)
    try:
        database.lock()
        assert database.locked
        assert database.key == b""
        with pytest.raises(AppLocked), database.transaction():
            pass
        assert open_marker(db_path).exists()  # the instance lock stays held while locked
        with pytest.raises(DatabaseLocked):
            open_database(db_path, TEST_KEY, exclusive=True)
        database.unlock(TEST_KEY)
        assert not database.locked
        with database.transaction() as session:
            assert session.scalar(select(func.count()).select_from(ClientRow)) == 0
    finally:
        database.close()


def test_locking_overwrites_the_key_and_leaves_no_copy_in_the_engine(db_path: Path) -> None:
    """Safety, round two, item 10: after the auto-lock the data key was still in memory."""
    database = open_database(db_path, TEST_KEY, exclusive=True)
    try:
        held = database.secret  # the one buffer the key lived in
        database.lock()
        assert held is database.secret and held == bytearray()  # overwritten, then emptied
        engine = database.engine
        with pytest.raises(AppLocked), engine.connect():  # the engine asks the database, which has no key
            pass
        database.unlock(TEST_KEY)
        with database.transaction() as session:
            assert session.scalar(select(func.count()).select_from(ClientRow)) == 0
        database.lock()
        with pytest.raises(AppLocked), database.engine.connect():  # the engine made at unlock too
            pass
    finally:
        database.close()


HOLDER = """
import sys
from clientsteun.store.database import open_database
database = open_database(sys.argv[1], bytes.fromhex(sys.argv[2]), exclusive=True)
print("locked", flush=True)
sys.stdin.readline()
database.close()
"""


@contextlib.contextmanager
def _holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), TEST_KEY.hex()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def test_lock_held_by_another_process_is_refused_then_free_after_it_closes(db_path: Path) -> None:
    _make(db_path, "Noor Verzonnen")
    with _holder(db_path) as process:
        with pytest.raises(DatabaseLocked):
            open_database(db_path, TEST_KEY, exclusive=True)
        assert process.stdin is not None
        process.stdin.write("\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0
    database = open_database(db_path, TEST_KEY, exclusive=True)
    database.close()
    assert _names(db_path) == ["Noor Verzonnen"]


def test_lock_of_a_crashed_process_does_not_stay_behind(db_path: Path) -> None:
    with _holder(db_path) as process:
        with pytest.raises(DatabaseLocked):
            open_database(db_path, TEST_KEY, exclusive=True)
        process.kill()
        process.wait(timeout=10)
    database = open_database(db_path, TEST_KEY, exclusive=True)
    database.close()


def test_session_connection_has_the_durability_and_privacy_pragmas(db_path: Path) -> None:
    database = open_database(db_path, TEST_KEY)
    try:
        with database.transaction() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert session.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY: no temp files
            assert session.execute(text("PRAGMA cipher_version")).scalar()  # SQLCipher, not plain SQLite
    finally:
        database.close()


def test_transaction_rolls_back_on_error(db_path: Path) -> None:
    database = open_database(db_path, TEST_KEY)
    try:
        with pytest.raises(RuntimeError), database.transaction() as session:
            session.execute(text(STAMP_SQL.replace("?", ":name")), {"name": "Noor Verzonnen"})
            raise RuntimeError("user cancelled")
        with database.transaction() as session:
            assert session.scalar(select(func.count()).select_from(ClientRow)) == 0
    finally:
        database.close()


def test_quick_check_on_open_passes_a_sound_file(db_path: Path) -> None:
    _make(db_path, "Noor Verzonnen")
    database = open_database(db_path, TEST_KEY, exclusive=True, check=True)
    database.close()
    assert _names(db_path) == ["Noor Verzonnen"]


def _flip_middle(path: Path) -> None:
    """Damage one page in the middle of the file, as a failing disk or a sync tool might."""
    content = bytearray(path.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 64] = bytes(byte ^ 0xFF for byte in content[middle : middle + 64])
    path.write_bytes(bytes(content))


def test_quick_check_on_open_refuses_a_damaged_file_and_releases_the_lock(db_path: Path) -> None:
    _make(db_path, *(f"Inwoner {number}" for number in range(400)))
    _flip_middle(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(db_path, TEST_KEY, exclusive=True, check=True)
    assert "beschadigd" in caught.value.message
    assert db_path.read_bytes() == before
    assert not open_marker(db_path).exists()
    lock = filelock.FileLock(str(db_path) + ".lock", blocking=False)
    lock.acquire()
    lock.release()


# --- migrations ---------------------------------------------------------------------------------


def test_database_at_an_older_revision_is_backed_up_then_migrated(db_path: Path) -> None:
    _at_revision(db_path, "0001")
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        con.execute(STAMP_SQL, ("Noor Verzonnen",))
    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, "0001")
    open_database(db_path, TEST_KEY).close()
    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, head_revision())
    assert _names(db_path) == ["Noor Verzonnen"]
    [backup] = _backups(db_path)
    assert backup.name.startswith("clientsteun-")
    assert backup.name.endswith("-voor-bijwerken.db")
    assert read_revision(backup, TEST_KEY) == (APPLICATION_ID, "0001")
    assert _names(backup) == ["Noor Verzonnen"]


def test_database_at_the_empty_revision_is_backed_up_then_migrated(db_path: Path) -> None:
    # A Clientsteun file from before the first revision: marked as ours, with no tables yet.
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, None)
    database = open_database(db_path, TEST_KEY)
    database.close()
    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, head_revision())
    [backup] = _backups(db_path)
    assert backup.name.endswith("-voor-bijwerken.db")
    assert read_revision(backup, TEST_KEY) == (APPLICATION_ID, None)
    with contextlib.closing(connect(backup, TEST_KEY)) as con:
        assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_database_that_lost_its_revision_row_is_refused_unchanged_with_a_backup(db_path: Path) -> None:
    # The schema is there but the version row is gone: the migration cannot create the tables
    # again, rolls back, and the update is reported as failed; the data stays as it was.
    _make(db_path, "Noor Verzonnen")
    with contextlib.closing(connect(db_path, TEST_KEY)) as con:
        con.execute("DELETE FROM alembic_version")
    before = db_path.read_bytes()
    with pytest.raises(MigrationFailed):
        open_database(db_path, TEST_KEY)
    assert db_path.read_bytes() == before
    assert _names(db_path) == ["Noor Verzonnen"]
    [backup] = _backups(db_path)
    assert _names(backup) == ["Noor Verzonnen"]


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        ("database is locked", DatabaseBusy),
        ("database table is busy", DatabaseBusy),
        ("database or disk is full", DiskFull),
        ("attempt to write a readonly database", ReadOnlyDatabase),
        ("file is not a database", DatabaseDamaged),
        ("database disk image is malformed", DatabaseDamaged),
        ("disk I/O error", DatabaseDamaged),
        ("no such savepoint: x", DatabaseProblem),
    ],
)
def test_driver_errors_become_typed_errors_with_dutch_messages(
    driver_message: str, expected: type[DatabaseProblem]
) -> None:
    with pytest.raises(expected) as caught, translate_errors():
        raise sqlcipher3.OperationalError(driver_message)
    assert type(caught.value) is expected
    assert caught.value.message
    assert driver_message in caught.value.detail
    assert isinstance(caught.value.__cause__, sqlcipher3.OperationalError)


def test_garbage_after_a_plain_sqlite_header_is_refused_as_not_encrypted_and_unchanged(db_path: Path) -> None:
    content = SQLITE_HEADER + b"\xff" * 4000
    db_path.write_bytes(content)
    with pytest.raises(NotEncrypted):
        open_database(db_path, TEST_KEY)
    assert db_path.read_bytes() == content


def test_random_whole_pages_are_reported_as_damaged_and_left_unchanged(db_path: Path) -> None:
    # Indistinguishable from an encrypted database whose first page was destroyed.
    content = bytes((index * 7919 + 13) % 251 for index in range(4096 * 3))
    db_path.write_bytes(content)
    with pytest.raises(DatabaseDamaged):
        open_database(db_path, TEST_KEY, exclusive=True)
    assert db_path.read_bytes() == content
    assert _backups(db_path) == []


def test_a_constraint_error_means_the_row_referred_to_is_gone_not_damage() -> None:
    with pytest.raises(NotFound), translate_errors():
        raise sqlcipher3.IntegrityError("FOREIGN KEY constraint failed")


def test_the_schema_revision_constant_is_alembics_head() -> None:
    # Opening an up-to-date file trusts this constant instead of loading Alembic.
    assert head_revision() == SCHEMA_REVISION
    assert schema.revisions()[-1] == SCHEMA_REVISION


def test_a_new_database_that_cannot_be_made_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.db"
    # A new database is made beside its place and renamed into it once complete; SQLite cannot
    # write the log of that new file here, so creation fails midway.
    (tmp_path / "nieuw.db.creating-wal").mkdir()
    with pytest.raises(CreateFailed) as caught:
        open_database(path, TEST_KEY)
    assert "niets achtergebleven" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nieuw.db.creating-wal"]
    assert not path.exists()  # so the next start does not take a half-made file for a foreign one


def test_a_folder_that_cannot_hold_the_database_gives_a_typed_error(tmp_path: Path) -> None:
    blocker = tmp_path / "notities.txt"
    blocker.write_text("geen map")
    with pytest.raises(DatabaseProblem) as caught:
        open_database(blocker / "clientsteun.db", TEST_KEY, exclusive=True)
    assert caught.value.message
    assert str(tmp_path) not in caught.value.detail  # paths can name people: not in the log
    assert blocker.read_text() == "geen map"


def test_a_constraint_error_other_than_a_foreign_key_is_not_called_not_found() -> None:
    with pytest.raises(DatabaseProblem) as caught, translate_errors():
        raise sqlcipher3.IntegrityError("NOT NULL constraint failed: clients.name")
    assert not isinstance(caught.value, NotFound)


@pytest.mark.parametrize("journal", ["hot", "garbage"])
def test_a_rollback_journal_left_by_a_crash_is_rolled_back_when_opening(db_path: Path, journal: str) -> None:
    """Read-only first looks made this 'alleen-lezen'; a connection that may write recovers, as SQLite does."""
    _make(db_path, "Noor Verzonnen")
    if journal == "hot":
        crash_in_a_rollback_journal(db_path, TEST_KEY, [f"Half Geschreven {number}" for number in range(5)])
    else:
        journal_file(db_path).write_bytes(os.urandom(3000))
    database = open_database(db_path, TEST_KEY, exclusive=True, create=False, check=True)
    database.close()
    assert not journal_file(db_path).exists()
    assert _names(db_path) == ["Noor Verzonnen"]
