"""The one place that opens a database: checks, pragmas, the instance lock and migrations.

Opening never creates a fresh database over an existing file, refuses files that are not ours or
are newer than this app, and applies pending Alembic revisions in one transaction after a
verified backup copy of the file.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import filelock
import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from clientsteun.domain.errors import (
    QT_TRANSLATE_NOOP,
    AppLocked,
    ClientsteunError,
    CreateFailed,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseProblem,
    DiskFull,
    EmptyFile,
    MigrationFailed,
    NewerDatabase,
    NotADatabase,
    NotEncrypted,
    ReadOnlyDatabase,
)
from clientsteun.store.backups import BackupFolder
from clientsteun.store.connection import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_REVISION,
    SQLITE_HEADER,
    connect,
    open_marker,
    take_lock,
    translate_errors,
    wal_file,
)
from clientsteun.store.files import fsync_file, sync_folder
from clientsteun.store.search import secure_delete_search

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open database: make sessions with ``transaction()``; ``close()`` when done.

    The data key is held in one ``bytearray`` (``secret``) that connections read when they are
    made; ``lock()`` overwrites it with zeros, so a locked app keeps no copy of the key that this
    object made.  (Python cannot promise more: a ``bytes`` handed out by ``key`` lives until it
    is collected.)
    """

    path: Path
    secret: bytearray = field(repr=False)
    engine: Engine
    sessions: sessionmaker[Session]
    _lock: filelock.BaseFileLock | None = field(default=None, repr=False)
    # The app was not closed properly last time and its write-ahead log has disappeared since:
    # the last changes before that crash may be missing.  Until the user accepts that
    # (``accept_lost_wal``), closing leaves the crash marker, so the next opening says so again.
    wal_missing: bool = False
    database_id: str = ""  # the random id made with the database (revision 0005); '' when opened read-only

    @property
    def key(self) -> bytes:
        """The data key (empty while locked)."""
        return bytes(self.secret)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls back on any error."""
        if not self.secret:
            raise AppLocked(detail="database used while locked")
        with translate_errors(self.path), self.sessions.begin() as session:
            yield session

    @property
    def locked(self) -> bool:
        return not self.secret

    def lock(self) -> None:
        """Close every connection and forget the key, overwriting it; the instance lock stays held."""
        self.engine.dispose()
        self.secret[:] = bytes(len(self.secret))
        self.secret.clear()

    def unlock(self, key: bytes) -> None:
        """Open again with ``key`` (from the key file, so it is known to be right)."""
        self.secret[:] = key
        self.engine = make_engine(self.path, key_reader(self.secret))
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the file and empty it (``TRUNCATE``), so pages an erasure
        overwrote are not still readable in the log; False when a reader kept part of it (busy)."""
        if not self.secret:
            raise AppLocked(detail="database used while locked")
        with translate_errors(self.path), self.engine.connect() as connection:
            busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        return not busy

    def accept_lost_wal(self) -> None:
        """The user chose to go on with the file as it is: closing clears the crash marker again."""
        self.wal_missing = False

    def close(self) -> None:
        # The crash marker goes first: the last connection then folds the WAL in and removes it.  The
        # other order would leave a marker without a WAL when a kill comes in between, which the next
        # opening takes for a lost log; this order leaves at most a WAL that the next opening folds in.
        if self._lock is not None and not self.wal_missing:
            open_marker(self.path).unlink(missing_ok=True)
        self.engine.dispose()
        if self._lock is not None:
            if self.wal_missing:
                _drop_empty_wal(self.path)
            self._lock.release()
            self._lock = None


def _drop_empty_wal(path: Path) -> None:
    """Remove the empty ``-wal`` (and its index) that a read-only look at the file leaves behind, so
    the next opening still sees the log as lost.  Only with every connection closed, under the lock."""
    wal = wal_file(path)
    if wal.exists() and wal.stat().st_size == 0:
        wal.unlink()
        path.with_name(path.name + "-shm").unlink(missing_ok=True)


class WalLost(DatabaseProblem):
    """Refused by commands that would read, back up or change a file whose last changes may be gone."""

    message = QT_TRANSLATE_NOOP(
        "errors",
        "Clientsteun werd de vorige keer niet goed afgesloten, en daarna is het logbestand van de database "
        "(het -wal-bestand) verdwenen: de laatste wijzigingen van toen kunnen ontbreken. Er is niets veranderd. "
        "Start Clientsteun om een reservekopie terug te zetten, of neem de database zoals hij is met "
        "'clientsteun check --accept'.",
    )


def open_database(
    path: Path | str,
    key: bytes,
    *,
    exclusive: bool = False,
    create: bool = True,
    check: bool = False,
    backup_first: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (or, with ``create``, make) the encrypted database at ``path`` and bring its schema up to date.

    ``exclusive`` takes the instance lock, so a second app on the same file gets a clear
    message instead of fighting over it, and notices a write-ahead log lost after a crash.
    ``check`` runs SQLite's quick integrity check (every page is read, so SQLCipher verifies
    every page's HMAC as well) and raises ``DatabaseDamaged`` when it fails.  An outdated schema is
    migrated after a backup copy, unless ``backup_first`` is False (a restore's copy of a backup,
    whose original stays as it was).  ``read_only`` reads the file as it is, its -wal included,
    and changes nothing: no lock, no migration, no checkpoint (a file about to be replaced).
    """
    path = Path(path).expanduser().resolve()
    if not create and not path.exists():
        raise DatabaseMissing()
    lock = None
    try:
        lock = take_lock(path) if exclusive else None
        check_file(path)
        wal_missing = exclusive and open_marker(path).exists() and not wal_file(path).exists()
        if not read_only:
            roll_back_journal(path, key)
            _upgrade(path, key, backup_first)
        secret = bytearray(key)
        engine = make_engine(path, key_reader(secret), read_only=read_only)
        database = Database(path, secret, engine, sessionmaker(engine, expire_on_commit=False), lock, wal_missing)
        if not read_only:
            database.database_id = _read_database_id(database)
            _secure_search(database)
        if check:
            _quick_check(database)
        if exclusive:
            open_marker(path).touch()
        return database
    except OSError as error:  # the folder or the lock file: missing, not writable, disk full
        _release(lock)
        raise _file_system_error(error) from error
    except BaseException:
        _release(lock)
        raise


def _read_database_id(database: Database) -> str:
    try:
        with database.transaction() as session:
            found = session.connection().exec_driver_sql("SELECT database_id FROM database_identity").scalar()
    except BaseException:
        database.engine.dispose()
        raise
    return str(found or "")


def _secure_search(database: Database) -> None:
    """FTS5's own secure-delete on the search index, once per database (``store.search``)."""
    try:
        with database.transaction() as session:
            secure_delete_search(session.connection().connection.driver_connection)
    except BaseException:
        database.engine.dispose()
        raise


def _quick_check(database: Database) -> None:
    try:
        with database.transaction() as session:
            result = session.connection().exec_driver_sql("PRAGMA quick_check").fetchall()
    except BaseException:
        database.engine.dispose()
        raise
    if [row[0] for row in result] != ["ok"]:
        database.engine.dispose()
        raise DatabaseDamaged(detail=f"quick_check: {len(result)} problems")


def _release(lock: filelock.BaseFileLock | None) -> None:
    if lock is not None:
        lock.release()


def _file_system_error(error: OSError) -> ClientsteunError:
    detail = f"{type(error).__name__} errno {error.errno}"  # the message holds the path: left out
    if error.errno == errno.ENOSPC:
        return DiskFull(detail=detail)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyDatabase(detail=detail)
    return DatabaseProblem(detail=detail)


def key_reader(secret: bytearray) -> Callable[[], bytes]:
    """The key for each new connection, read from ``secret`` then, so an engine keeps no copy of it."""

    def read() -> bytes:
        if not secret:
            raise AppLocked(detail="connection opened while locked")
        return bytes(secret)

    return read


def make_engine(
    path: Path, key: bytes | Callable[[], bytes], *, foreign_keys: bool = True, read_only: bool = False
) -> Engine:
    """An engine with the key and the pragmas for durability (WAL + synchronous FULL) and integrity.

    ``key`` may be a function that gives the key when a connection is made (an open ``Database``
    passes its own, so that locking it leaves no copy in the engine).  ``read_only`` connections
    read the file as it is, with its write-ahead log, and never change it.
    """
    key_source = key if callable(key) else lambda: key
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,  # the pysqlite dialect over SQLCipher's module (its errors get wrapped)
        creator=lambda: connect(path, key_source(), read_only=read_only),
        hide_parameters=True,  # error texts must never carry note text or names
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        # Deleted content is overwritten with zeros, in its page and in pages that become free, so an
        # erased resident cannot be read back from the file (SQLCipher's default; said here so it stays).
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise NotADatabase(detail="path is a folder")
    if path.stat().st_size == 0:
        raise EmptyFile()
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(SQLITE_HEADER):
        raise NotEncrypted(detail="plain SQLite header")
    if looks_foreign(head):
        raise NotADatabase(detail="known header of another format, or text")


# Signatures of files people pick by mistake.  An encrypted database starts with 16 random bytes.
_FOREIGN_SIGNATURES = (
    b"SQLite format",
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"{\\rtf",
    b"\xd0\xcf\x11\xe0",
)


def looks_foreign(head: bytes) -> bool:
    """True when the start of a file shows it is something else (a PDF, a document, plain text)."""
    if head.startswith(_FOREIGN_SIGNATURES):
        return True
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False  # random bytes rarely decode; a cut-off character at the end is rarer still here
    return "\x00" not in text


def check_plaintext(path: Path) -> None:
    """Refuse an unencrypted SQLite file of another program: its header does not carry our application id.

    Read from the header (bytes 68 to 71) without opening the file, so nothing about it changes.
    """
    with path.open("rb") as handle:
        header = handle.read(100)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise NotADatabase(detail="plain SQLite file of another program")


def is_plaintext(path: Path) -> bool:
    """An unencrypted SQLite file starts with a known header; an encrypted one with random salt."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def journal_file(path: Path) -> Path:
    """SQLite's rollback journal: only left by a crash outside WAL mode (an older file, a copy)."""
    return path.with_name(path.name + "-journal")


def roll_back_journal(path: Path, key: bytes) -> None:
    """Undo what a transaction interrupted in rollback-journal mode left half written (``-journal``).

    A read-only connection cannot do that and reports the file as read-only; a connection that may
    write rolls the journal back when it first reads (and drops a journal that is not valid), as
    SQLite does after any crash.  Nothing happens without a journal.
    """
    if not journal_file(path).exists():
        return
    with translate_errors(path), contextlib.closing(connect(path, key)) as connection:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    log.warning("a rollback journal left by a crash was rolled back")


def read_revision(path: Path, key: bytes) -> tuple[int, str | None]:
    """The application id and the Alembic revision of an existing file, read without writing."""
    with translate_errors(path), contextlib.closing(connect(path, key, read_only=True)) as con:
        application_id = con.execute("PRAGMA application_id").fetchone()[0]
        has_version = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
    return application_id, None if revision is None else revision[0]


def read_database_id(path: Path, key: bytes) -> str:
    """The id of an existing file without writing; '' for a file from before ids (revision 0005)."""
    with translate_errors(path), contextlib.closing(connect(path, key, read_only=True)) as con:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'database_identity'"
        ).fetchone()
        row = con.execute("SELECT database_id FROM database_identity").fetchone() if has_table else None
    return "" if row is None else str(row[0])


def _upgrade(path: Path, key: bytes, backup_first: bool) -> None:
    if path.exists():
        application_id, revision = read_revision(path, key)
        if application_id != APPLICATION_ID:
            raise NotADatabase(detail=f"application_id {application_id:#x}")
        if revision == SCHEMA_REVISION:
            return
        from clientsteun.store.schema import is_known  # Alembic loads only when there is work for it

        if revision is not None and not is_known(revision):
            raise NewerDatabase(detail=f"revision {revision}")
        if backup_first:
            BackupFolder.beside(path, read_database_id(path, key)).make(path, key, reason="voor-bijwerken")
        _migrate(path, key)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _create(path, key)


def creating_file(path: Path) -> Path:
    """Where a new database is made before it takes its name: a crash leaves it here, never half at ``path``."""
    return path.with_name(path.name + ".creating")


def remove_with_companions(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        leftover = path.with_name(path.name + suffix)
        if leftover.is_file():
            leftover.unlink()


def _create(path: Path, key: bytes) -> None:
    """A new database at ``path``: made and migrated beside it, synced, then renamed into place.

    A crash or a failure leaves no file at ``path`` (a later start would take a half-made one for
    somebody else's file), only the one beside it, which the next start removes (``Vault.tidy``).
    """
    creating = creating_file(path)
    remove_with_companions(creating)
    try:
        _migrate(creating, key)
        fsync_file(creating)
        os.replace(creating, path)
    except BaseException as error:
        remove_with_companions(creating)
        if isinstance(error, MigrationFailed):
            raise CreateFailed(detail=error.detail) from error
        raise
    sync_folder(path.parent)


def _migrate(path: Path, key: bytes) -> None:
    """Apply all pending revisions in one transaction, foreign keys off, checked before commit."""
    from clientsteun.store import schema

    engine = make_engine(path, key, foreign_keys=False)
    try:
        with translate_errors(path), engine.begin() as connection:
            schema.upgrade(connection)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise MigrationFailed(detail=f"{len(problems)} foreign key problems")
    except (DatabaseBusy, DiskFull, ReadOnlyDatabase, MigrationFailed):
        raise  # the user can act on these as they are
    except Exception as error:
        log.error("migration failed: %s", type(error).__name__)
        raise MigrationFailed(detail=type(error).__name__) from error
    finally:
        engine.dispose()
