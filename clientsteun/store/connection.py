"""Raw SQLCipher connections and what every file-level step shares: typed errors, the instance lock, markers.

``database.py`` builds engines and opens databases on top of this; ``backups.py`` copies and
verifies files with it.  No Qt here.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import filelock
import sqlcipher3
from sqlalchemy import exc

from clientsteun.domain.errors import (
    ClientsteunError,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseProblem,
    DiskFull,
    NotFound,
    ReadOnlyDatabase,
)
from clientsteun.store.keys import sqlcipher_key

APPLICATION_ID = 0x436C5374  # "ClSt" in the SQLite header marks a Clientsteun file
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
FULL_MARGIN = 8 << 20  # an I/O error with less free space than this (bytes) is taken for a full disk
# The newest schema revision.  Opening an up-to-date file does not load Alembic (about 100 ms of
# start-up); a unit test checks this equals Alembic's head.
SCHEMA_REVISION = "0008"


def open_marker(path: Path) -> Path:
    """Present while an instance has the database open; left behind by a crash."""
    return path.with_name(path.name + ".open")


def wal_file(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def connect(path: Path, key: bytes, *, read_only: bool = False) -> sqlcipher3.Connection:
    """A raw SQLCipher connection with the key applied first, as SQLCipher requires.

    ``isolation_level=None`` lets SQLAlchemy, not the driver, decide where transactions begin,
    so that DDL in migrations is transactional too (SQLAlchemy's documented pysqlite recipe).
    """
    target = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    connection = sqlcipher3.connect(
        target, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute(sqlcipher_key(key))
        connection.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher would log to stderr
        connection.execute("PRAGMA temp_store = MEMORY")  # no temporary files on disk
    except BaseException:
        connection.close()
        raise
    return connection


@contextlib.contextmanager
def translate_errors(path: Path | None = None) -> Iterator[None]:
    """Turn driver errors into typed errors with a plain Dutch message.

    ``path``, the file worked on, lets an I/O error on a (nearly) full disk be called a full disk:
    SQLite reports a write that found no space as "disk full", but the shared-memory index of
    WAL mode that cannot grow as an I/O error, which would otherwise read as damage.
    """
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, sqlcipher3.DatabaseError) as error:
        raise _typed(error, path) from error


def disk_nearly_full(folder: Path) -> bool:
    """Less than ``FULL_MARGIN`` free for this user in ``folder`` (False when it cannot be told)."""
    try:
        return shutil.disk_usage(folder).free < FULL_MARGIN
    except OSError:
        return False


def _typed(error: Exception, path: Path | None = None) -> ClientsteunError:
    raw = str(getattr(error, "orig", error))
    text = raw.lower()
    detail = type(error).__name__ + ": " + raw[:200]
    if isinstance(error, exc.IntegrityError | sqlcipher3.IntegrityError) and "foreign key" in text:
        return NotFound(detail=detail)  # a row it refers to was removed meanwhile
    if "locked" in text or "busy" in text:
        return DatabaseBusy(detail=detail)
    if "full" in text or ("i/o" in text and path is not None and disk_nearly_full(path.parent)):
        return DiskFull(detail=detail)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(detail=detail)
    damaged = ("not a database", "malformed", "corrupt", "i/o", "vtable constructor failed")
    if any(sign in text for sign in damaged):
        # The key was verified by its envelope before opening, so this is a damaged file.
        return DatabaseDamaged(detail=detail)
    return DatabaseProblem(detail=detail)


def take_lock(path: Path) -> filelock.BaseFileLock:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(path) + ".lock", blocking=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DatabaseLocked(detail="instance lock held") from None
    return lock
