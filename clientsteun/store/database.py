"""The one place that opens a database: checks, pragmas, the instance lock and migrations.

Opening never creates a fresh database over an existing file, refuses files that are not ours or
are newer than this app, and applies pending Alembic revisions in one transaction after a
verified backup copy of the file.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import filelock
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from clientsteun.domain.errors import (
    ClientsteunError,
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
    NotFound,
    ReadOnlyDatabase,
)

log = logging.getLogger(__name__)

APPLICATION_ID = 0x436C5374  # "ClSt" in the SQLite header marks a Clientsteun file
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# The newest schema revision.  Opening an up-to-date file does not load Alembic (about 100 ms of
# start-up); a unit test checks this equals Alembic's head.
SCHEMA_REVISION = "0001"


@dataclass
class Database:
    """An open database: make sessions with ``transaction()``; ``close()`` when done."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    _lock: filelock.BaseFileLock | None = field(default=None, repr=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls back on any error."""
        with translate_errors(), self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_database(path: Path | str, *, exclusive: bool = False, create: bool = True) -> Database:
    """Open (or, with ``create``, make) the database at ``path`` and bring its schema up to date.

    ``exclusive`` takes the instance lock, so a second app on the same file gets a clear
    message instead of fighting over it.
    """
    path = Path(path).expanduser().resolve()
    if not create and not path.exists():
        raise DatabaseMissing()
    lock = None
    try:
        lock = _take_lock(path) if exclusive else None
        _check_file(path)
        _upgrade(path)
        engine = make_engine(path)
        return Database(path, engine, sessionmaker(engine, expire_on_commit=False), lock)
    except OSError as error:  # the folder or the lock file: missing, not writable, disk full
        _release(lock)
        raise _file_system_error(error) from error
    except BaseException:
        _release(lock)
        raise


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


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine with the pragmas for durability (WAL + synchronous FULL) and integrity."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # error texts must never carry note text or names
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that
        # DDL in migrations is transactional too (SQLAlchemy's documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors into typed errors with a plain Dutch message."""
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, sqlite3.DatabaseError) as error:
        raise _typed(error) from error


def _typed(error: Exception) -> ClientsteunError:
    raw = str(getattr(error, "orig", error))
    text = raw.lower()
    detail = type(error).__name__ + ": " + raw[:200]
    if isinstance(error, exc.IntegrityError | sqlite3.IntegrityError) and "foreign key" in text:
        return NotFound(detail=detail)  # a row it refers to was removed meanwhile
    if "locked" in text or "busy" in text:
        return DatabaseBusy(detail=detail)
    if "full" in text:
        return DiskFull(detail=detail)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(detail=detail)
    if "not a database" in text or "malformed" in text or "corrupt" in text or "i/o" in text:
        # The header was checked before opening, so this is a damaged Clientsteun file.
        return DatabaseDamaged(detail=detail)
    return DatabaseProblem(detail=detail)


def _take_lock(path: Path) -> filelock.BaseFileLock:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(path) + ".lock", blocking=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DatabaseLocked(detail="instance lock held") from None
    return lock


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise NotADatabase(detail="path is a folder")
    if path.stat().st_size == 0:
        raise EmptyFile()
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabase(detail="no SQLite header")


def read_revision(path: Path) -> tuple[int, str | None]:
    """The application id and the Alembic revision of an existing file, read without writing."""
    with translate_errors(), contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        application_id = con.execute("PRAGMA application_id").fetchone()[0]
        has_version = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
    return application_id, None if revision is None else revision[0]


def _upgrade(path: Path) -> None:
    if path.exists():
        application_id, revision = read_revision(path)
        if application_id != APPLICATION_ID:
            raise NotADatabase(detail=f"application_id {application_id:#x}")
        if revision == SCHEMA_REVISION:
            return
        from clientsteun.store.schema import is_known  # Alembic loads only when there is work for it

        if revision is not None and not is_known(revision):
            raise NewerDatabase(detail=f"revision {revision}")
        backup_copy(path, f"before-{revision or 'none'}")
        _migrate(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _migrate(path)
    except BaseException as error:
        # Leave nothing half-made behind: a later start would take it for somebody else's file.
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if leftover.is_file():
                leftover.unlink()
        if isinstance(error, MigrationFailed):
            raise CreateFailed(detail=error.detail) from error
        raise


def _migrate(path: Path) -> None:
    """Apply all pending revisions in one transaction, foreign keys off, checked before commit."""
    from clientsteun.store import schema

    engine = make_engine(path, foreign_keys=False)
    try:
        with translate_errors(), engine.begin() as connection:
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


def backup_copy(path: Path, label: str) -> Path:
    """Copy the database beside itself with SQLite's online backup and verify the copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    with translate_errors():
        with contextlib.closing(sqlite3.connect(path)) as source, contextlib.closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise DatabaseDamaged(detail="backup copy failed quick_check")
    log.info("backup copy written before migration")
    return target
