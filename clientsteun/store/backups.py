"""Encrypted backups: made with SQLite's online backup API, verified before they count, rotated.

A backup is a complete SQLCipher database encrypted with the same data key as the original, so
the passphrase (or the recovery key) that opens the database opens its backups too.  Automatic
backups live in ``backups/`` beside the database (see ``BackupFolder`` for their names); the folder
also holds a copy of the key file.  A backup is written under a temporary name, checked
(``quick_check``, ``cipher_integrity_check``, our application id, a known schema revision) and only
then renamed into place: a backup that exists has passed its checks.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlcipher3

from clientsteun.domain.errors import BackupFailed, ClientsteunError, DatabaseDamaged, KeyMismatch
from clientsteun.domain.privacy import ResidentMark
from clientsteun.domain.retention import Made, RetentionPolicy, backups_to_keep
from clientsteun.store.connection import (
    APPLICATION_ID,
    SCHEMA_REVISION,
    connect,
    open_marker,
    take_lock,
    translate_errors,
)
from clientsteun.store.files import fsync_file, sync_folder, write_atomically
from clientsteun.store.search import secure_delete_search

log = logging.getLogger(__name__)

STAMP = "%Y%m%d-%H%M%S"
BACKUP_STEP_PAGES = 256  # a backup that can be stopped copies this many pages (1 MiB) a step
# Automatic backups that age out; copies made before a migration, an encryption or a restore stay.
ROTATING = frozenset({"start", "sluiten", "dagelijks"})
DATABASE_ID = r"[0-9a-f]{16}"  # as revision 0005 makes it: 8 random bytes in hex


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime  # what the computer's clock said when it was made
    reason: str
    number: int = 0  # in the order made, the newest highest; 0: named before backups were numbered

    def in_future(self, now: datetime) -> bool:
        """Dated after ``now``: made before the clock went back.  Kept, and shown as such."""
        return self.made_at > now


@dataclass(frozen=True)
class BackupFolder:
    """The backups of one database in one folder (``backups/`` beside it, or a second folder).

    Each is named ``<stem>-<database id>-<number>-<yyyymmdd-hhmmss>-<reason>.db`` and the copy of
    the key file ``<stem>-<database id>.key``, so a database keeps to its own files even when
    another one with the same stem uses the folder.  The number, not the time, says which backup
    is the newest: the clock may have gone back.  Backups named before database ids existed
    (``<stem>-<yyyymmdd-hhmmss>-<reason>.db``) are listed as well but never pruned here, as they may
    be another same-stem database's, until ``adopt_older`` gives those this database's key opens
    its own names.
    """

    folder: Path
    stem: str
    database_id: str = ""  # not known: a database from before ids (its older backups only)

    @classmethod
    def beside(cls, db_path: Path, database_id: str = "") -> BackupFolder:
        return cls(db_path.parent / "backups", db_path.stem, database_id)

    @property
    def key_copy(self) -> Path:
        """The copy of the key file; named by the stem alone for a database from before ids."""
        suffix = f"-{self.database_id}" if self.database_id else ""
        return self.folder / f"{self.stem}{suffix}.key"

    def key_copies(self) -> list[Path]:
        """The copies of key files of databases with this stem: by database id, newest first; then
        the one from before ids."""
        pattern = re.compile(rf"{re.escape(self.stem)}-{DATABASE_ID}\.key")
        found = [path for path in self._files() if pattern.fullmatch(path.name)]
        found.sort(key=lambda path: path.stat().st_mtime, reverse=True)
        older = self.folder / f"{self.stem}.key"
        return [*found, *([older] if older.is_file() else [])]

    def database_ids(self) -> set[str]:
        """The ids of the databases with this stem that have backups here."""
        pattern = re.compile(rf"{re.escape(self.stem)}-({DATABASE_ID})-\d+-\d{{8}}-\d{{6}}-[a-z-]+\.db")
        return {match[1] for path in self._files() if (match := pattern.fullmatch(path.name))}

    def backups(self) -> list[Backup]:
        """Finished backups, newest first: this database's by number, then those from before ids by time."""
        stem = re.escape(self.stem)
        own = re.compile(rf"{stem}-{re.escape(self.database_id)}-(\d+)-(\d{{8}}-\d{{6}})-([a-z-]+)\.db")
        older = re.compile(rf"{stem}-(\d{{8}}-\d{{6}})-([a-z-]+)\.db")
        found = []
        for path in self._files():
            if self.database_id and (match := own.fullmatch(path.name)):
                found.append(Backup(path, datetime.strptime(match[2], STAMP), match[3], int(match[1])))
            elif match := older.fullmatch(path.name):
                found.append(Backup(path, datetime.strptime(match[1], STAMP), match[2]))
        return sorted(found, key=lambda backup: (backup.number, backup.made_at), reverse=True)

    def _files(self) -> list[Path]:
        try:
            return list(self.folder.iterdir())
        except OSError:  # missing, or (a second folder) not reachable
            return []

    def latest(self) -> Backup | None:
        backups = self.backups()
        return backups[0] if backups else None

    def latest_good(self, key: bytes) -> Backup | None:
        """The newest backup that passes every check with this key."""
        for backup in self.backups():
            try:
                if not verify_file(backup.path, key):
                    return backup
            except KeyMismatch:
                continue
        return None

    def _name(self, number: int, made_at: datetime, reason: str) -> Path:
        return self.folder / f"{self.stem}-{self.database_id}-{number:06d}-{made_at.strftime(STAMP)}-{reason}.db"

    def _next_number(self) -> int:
        return 1 + max((backup.number for backup in self.backups()), default=0)

    def make(self, db_path: Path, key: bytes, *, reason: str, now: datetime | None = None) -> Backup:
        made_at = (now or datetime.now()).replace(microsecond=0)
        if self.database_id:
            number = self._next_number()
            while (target := self._name(number, made_at, reason)).exists():
                number += 1
        else:  # a database from before ids (the copy before the upgrade that gives it one)
            number = 0
            while (target := self.folder / f"{self.stem}-{made_at.strftime(STAMP)}-{reason}.db").exists():
                made_at += timedelta(seconds=1)  # two backups within one second
        backup_database(db_path, key, target)
        log.info("backup made (%s)", reason)
        return Backup(target, made_at, reason, number)

    def copy_in(self, backup: Backup, key: bytes) -> Backup:
        """A verified copy of ``backup`` (from another folder) under its own name here.

        The folder must exist: a second folder that is not there (a USB stick not plugged in, a share
        not mounted) is never made, so nothing lands on the laptop's own disk in its place.
        """
        if not self.folder.is_dir():
            raise BackupFailed(detail="second backup folder not reachable")
        target = self.folder / backup.path.name
        partial = target.with_name(target.name + ".part")
        try:
            shutil.copyfile(backup.path, partial)
            _put_in_place(partial, target, key)
        except OSError as error:
            raise BackupFailed(detail=f"{type(error).__name__} errno {error.errno}") from error
        finally:
            partial.unlink(missing_ok=True)
        return Backup(target, backup.made_at, backup.reason, backup.number)

    def adopt_older(self, key: bytes) -> int:
        """Give the backups from before ids that ``key`` opens this database's names, numbered oldest
        first; only while it has none of its own, so the numbers keep the order made.  Returns how many."""
        backups = self.backups()
        if not self.database_id or any(backup.number for backup in backups):
            return 0
        older = sorted(backups, key=lambda backup: backup.made_at)
        adopted = 0
        for backup in older:
            if opens_with(backup.path, key):
                os.replace(backup.path, self._name(adopted + 1, backup.made_at, backup.reason))
                adopted += 1
        if adopted:
            sync_folder(self.folder)
            log.info("%d backups from before database ids named by this database's id", adopted)
        return adopted

    def prune(self, policy: RetentionPolicy, now: datetime) -> list[Path]:
        """Remove this database's rotating backups the policy no longer keeps (never one dated after
        ``now``), and its parts left by a crash; returns what was removed."""
        removed = self._remove_stale_parts()
        rotating = [backup for backup in self.backups() if backup.number and backup.reason in ROTATING]
        keep = backups_to_keep([Made(backup.number, backup.made_at) for backup in rotating], policy, now)
        for backup in rotating:
            if backup.number not in keep:
                backup.path.unlink(missing_ok=True)
                removed.append(backup.path)
        return removed

    def _remove_stale_parts(self) -> list[Path]:
        """A ``.part`` is a backup that a crash interrupted: backups run under the instance lock,
        so none of this database's is being written while this runs."""
        if not self.database_id or not self.folder.is_dir():
            return []
        parts = list(self.folder.glob(f"{glob.escape(self.stem)}-{self.database_id}-*.db.part"))
        for part in parts:
            part.unlink(missing_ok=True)
        return parts


def opens_with(path: Path, key: bytes) -> bool:
    """``key`` opens the encrypted database at ``path`` (only its first page is read)."""
    try:
        with translate_errors(path), contextlib.closing(connect(path, key, read_only=True)) as connection:
            connection.execute("PRAGMA application_id").fetchone()
    except ClientsteunError:
        return False
    return True


def backup_database(db_path: Path, key: bytes, target: Path, *, stop: Callable[[], None] | None = None) -> None:
    """Copy the database at ``db_path`` to ``target`` with SQLite's online backup, and verify it.

    Works while the app has the database open: the copy is one consistent snapshot.  With ``stop``
    the copy goes in steps, and ``stop`` is called between them: whatever it raises ends the copy,
    leaving nothing behind (a cancelled backup).
    """
    if not db_path.is_file():
        raise BackupFailed(detail="nothing to back up")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with (
            translate_errors(target),
            contextlib.closing(connect(db_path, key)) as source,
            contextlib.closing(connect(partial, key)) as copy,
        ):
            if stop is None:
                source.backup(copy)
            else:
                source.backup(copy, pages=BACKUP_STEP_PAGES, progress=lambda *_progress: stop())
            copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        _put_in_place(partial, target, key)
    except OSError as error:
        raise BackupFailed(detail=f"{type(error).__name__} errno {error.errno}") from error
    finally:
        partial.unlink(missing_ok=True)


def _put_in_place(partial: Path, target: Path, key: bytes) -> None:
    """A copy becomes ``target`` only after it passed every check and is on the disk."""
    problems = verify_file(partial, key)
    if problems:
        raise BackupFailed(detail=f"copy failed its checks: {problems[0]}")
    fsync_file(partial)
    os.replace(partial, target)
    sync_folder(target.parent)


def verify_file(path: Path, key: bytes) -> list[str]:
    """Problems found in the encrypted database at ``path`` (empty when it is sound).

    Raises ``KeyMismatch`` when the key does not open it at all.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return ["het bestand is leeg of ontbreekt"]
    try:
        with translate_errors(path), contextlib.closing(connect(path, key)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check") if row[0] != "ok"]
            problems += [f"versleuteling: {row}" for row in connection.execute("PRAGMA cipher_integrity_check")]
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                problems.append("geen Clientsteun-database")
            elif not _has_known_revision(connection):  # made by a newer version of the app
                problems.append("onbekende versie van de database")
    except DatabaseDamaged as error:
        if "not a database" in error.detail:
            raise KeyMismatch(detail=error.detail) from error
        return ["de database is beschadigd"]
    return problems


def _has_known_revision(connection: sqlcipher3.Connection) -> bool:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone() if has_table else None
    if row is None or row[0] == SCHEMA_REVISION:  # no row: the empty revision, before the first migration
        return True
    from clientsteun.store.schema import is_known

    return is_known(row[0])


def holds_resident(path: Path, key: bytes, resident: ResidentMark) -> bool | None:
    """Whether the copy at ``path`` holds ``resident``; None when this key does not open it or it is damaged."""
    try:
        with translate_errors(path), contextlib.closing(connect(path, key, read_only=True)) as connection:
            return _finds(connection, resident)
    except (ClientsteunError, OSError):
        return None


def _finds(connection: sqlcipher3.Connection, resident: ResidentMark) -> bool:
    """By their UUID where the copy has UUIDs (revision 0007 on); in an older copy by number, with the
    name or the moment their row was made."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(clients)")}
    if resident.uuid and "uuid" in columns:
        found = connection.execute("SELECT id FROM clients WHERE uuid = ?", (resident.uuid,)).fetchone()
        return found is not None and found[0] == resident.client_id
    row = connection.execute("SELECT name, created_at FROM clients WHERE id = ?", (resident.client_id,)).fetchone()
    return row is not None and resident.same(str(row[0]), datetime.fromisoformat(str(row[1])))


def erase_resident(path: Path, key: bytes, resident: ResidentMark) -> bool:
    """Rewrite the backup at ``path`` without ``resident``; True when it held them (False: left as it was).

    A copy beside it loses the resident's rows (with every row that cascades from them, the search
    index's entries included, overwritten as they go), is rebuilt with ``VACUUM`` so no free page
    remains, passes the same checks as a new backup and then takes the backup's place in one rename:
    the backup keeps its name, number and date, and a restore accepts it as before.
    """
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        shutil.copyfile(path, partial)
        with translate_errors(partial), contextlib.closing(connect(partial, key)) as connection:
            if not _finds(connection, resident):
                return False
            connection.execute("PRAGMA secure_delete = ON")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("BEGIN IMMEDIATE")
            secure_delete_search(connection)
            connection.execute("DELETE FROM clients WHERE id = ?", (resident.client_id,))
            if connection.execute("PRAGMA foreign_key_check").fetchall():
                raise BackupFailed(detail="rows left without their resident")
            connection.execute("COMMIT")
            connection.execute("VACUUM")
            connection.execute("PRAGMA journal_mode = DELETE")
        _put_in_place(partial, path, key)
    except OSError as error:
        raise BackupFailed(detail=f"{type(error).__name__} errno {error.errno}") from error
    finally:
        partial.unlink(missing_ok=True)
    log.info("a backup was rewritten without an erased resident")
    return True


def aside_copies(db_path: Path) -> list[Path]:
    """Earlier database files kept beside it after a restore (``aside_name``), oldest first."""
    pattern = re.compile(re.escape(db_path.name) + r"\.[a-z-]+-\d{8}-\d{6}")
    try:
        found = [path for path in db_path.parent.iterdir() if pattern.fullmatch(path.name) and path.is_file()]
    except OSError:
        return []
    return sorted(found)


# Beside the database while a restore runs: the prepared copy, and the plan that names where the
# current files go.  The plan exists only once the copy is complete and synced.
STAGED_SUFFIX = ".restoring"
PLAN_SUFFIX = ".restore-plan"
# SQLite's files beside a database: the log and index of WAL mode, and a rollback journal left by a
# crash outside it.  Each belongs to its database and moves with it.
COMPANIONS = ("-wal", "-shm", "-journal")


def aside_name(db_path: Path, label: str, now: datetime | None = None) -> Path:
    """A new name beside the database for keeping its current file: ``<name>.<label>-<stamp>``.

    Neither it nor its ``-wal``/``-shm`` exists yet, so keeping something there never overwrites.
    """
    moment = now or datetime.now()
    while True:
        aside = db_path.with_name(f"{db_path.name}.{label}-{moment.strftime(STAMP)}")
        if not any(aside.with_name(aside.name + suffix).exists() for suffix in ("", *COMPANIONS)):
            return aside
        moment += timedelta(seconds=1)


def restore(
    db_path: Path,
    key: bytes,
    source: Path,
    *,
    prepare: Callable[[Path], None] | None = None,
    lock: bool = True,
    now: datetime | None = None,
) -> Path | None:
    """Put the verified backup ``source`` in place of the database; returns where the old files were kept.

    At every instant the database is the old one with its write-ahead log, or the new one:

    1. the backup is copied beside the database; ``prepare`` finishes the copy (the service
       carries the audit log over and records the restore in it); it is made one
       self-contained file and synced;
    2. a plan naming the aside copy is written (atomically, synced);
    3. the current file gets its aside name too (a hard link, or a synced copy where links are
       not possible), and its ``-wal`` and ``-shm`` move beside that copy;
    4. the prepared copy is renamed over the database: one atomic step;
    5. the crash marker and the plan are removed.

    A restore interrupted before step 4 is undone by ``finish_restore`` at the next start; one
    interrupted after it is completed.  The database must not be open: the instance lock is taken
    for the duration, unless the caller holds it (``lock=False``, the app with its connections
    closed; its crash marker stays, as the app goes on with the database).
    """
    problems = verify_file(source, key)
    if problems:
        raise BackupFailed(detail=f"backup to restore failed its checks: {problems[0]}")
    instance_lock = take_lock(db_path) if lock else None
    staged = db_path.with_name(db_path.name + STAGED_SUFFIX)
    try:
        finish_restore(db_path)
        try:
            shutil.copyfile(source, staged)
            if prepare is not None:
                prepare(staged)
            with translate_errors(staged), contextlib.closing(connect(staged, key)) as connection:
                connection.execute("PRAGMA journal_mode = DELETE")  # folds and removes its own log
            fsync_file(staged)
            aside = aside_name(db_path, "voor-herstel", now)
            write_atomically(db_path.with_name(db_path.name + PLAN_SUFFIX), aside.name.encode("utf-8"))
        except BaseException:
            for leftover in (staged, *(staged.with_name(staged.name + suffix) for suffix in COMPANIONS)):
                leftover.unlink(missing_ok=True)
            raise
        try:
            kept = _swap(db_path, staged, aside, remove_marker=lock)
        except OSError:
            finish_restore(db_path)  # before the swap: undone; after it: completed
            raise
    except OSError as error:
        raise BackupFailed(detail=f"{type(error).__name__} errno {error.errno}") from error
    finally:
        if instance_lock is not None:
            instance_lock.release()
    log.info("backup restored")
    return aside if kept else None


def _swap(db_path: Path, staged: Path, aside: Path, *, remove_marker: bool) -> bool:
    """Steps 3 to 5 of ``restore``; True when an old file was kept aside."""
    kept = db_path.exists()
    if kept:
        _link_or_copy(db_path, aside)
    for suffix in COMPANIONS:
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
            kept = True
    sync_folder(db_path.parent)
    os.replace(staged, db_path)
    sync_folder(db_path.parent)
    if remove_marker:
        open_marker(db_path).unlink(missing_ok=True)
    db_path.with_name(db_path.name + PLAN_SUFFIX).unlink()
    sync_folder(db_path.parent)
    return kept


def _link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a second name of ``source`` (instant), or else a complete, synced copy."""
    try:
        os.link(source, target)
    except OSError:
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(source, partial)
        fsync_file(partial)
        os.replace(partial, target)


def finish_restore(db_path: Path) -> None:
    """Undo or complete a restore that was interrupted (a crash, a kill); nothing when none was.

    The prepared copy still there means the swap had not happened: the files moved aside come
    back and the copy goes.  Without it the swap was done: only the clean-up is left.  The
    caller holds the instance lock.
    """
    staged = db_path.with_name(db_path.name + STAGED_SUFFIX)
    plan = db_path.with_name(db_path.name + PLAN_SUFFIX)
    if not plan.exists():  # what was being prepared was never in use
        for leftover in (staged, *(staged.with_name(staged.name + suffix) for suffix in COMPANIONS)):
            leftover.unlink(missing_ok=True)
        plan.with_name(plan.name + ".part").unlink(missing_ok=True)
        return
    aside = db_path.with_name(plan.read_text(encoding="utf-8").strip())
    if aside.parent != db_path.parent or not aside.name.startswith(db_path.name + "."):
        raise BackupFailed(detail="restore plan names a file elsewhere")
    if staged.exists():
        for suffix in COMPANIONS:
            moved = aside.with_name(aside.name + suffix)
            if moved.exists():
                os.replace(moved, db_path.with_name(db_path.name + suffix))
        if db_path.exists():
            aside.unlink(missing_ok=True)  # a second name (or copy) of the database, made by step 3
        aside.with_name(aside.name + ".part").unlink(missing_ok=True)
        staged.unlink()
        log.warning("an interrupted restore was undone")
    else:
        open_marker(db_path).unlink(missing_ok=True)
        log.warning("an interrupted restore was completed")
    plan.unlink()
    sync_folder(db_path.parent)
