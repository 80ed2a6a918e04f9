"""A database together with its key file and backups: what the app and the command line unlock.

The files of one database ``clientsteun.db``:

- ``clientsteun.db`` (with ``-wal`` and ``-shm`` while open): the SQLCipher database;
- ``clientsteun.db.key``: the key file (see ``store.keys``), with a copy in ``backups/``;
- ``clientsteun.db.lock``: the instance lock; ``clientsteun.db.open`` while an instance runs;
- ``clientsteun.db.attempts``: failed unlock attempts not yet in the audit log (``store.attempts``);
- ``backups/clientsteun-<stamp>-<reason>.db``: verified, encrypted backups.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import logging
import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlcipher3

from clientsteun.domain.errors import (
    BackupFailed,
    DatabaseLocked,
    KeyFileDamaged,
    KeyFileMissing,
    KeyMismatch,
    WrongPassphrase,
)
from clientsteun.store import attempts, keys
from clientsteun.store.backups import (
    PLAN_SUFFIX,
    STAGED_SUFFIX,
    BackupFolder,
    backup_database,
    finish_restore,
    verify_file,
)
from clientsteun.store.connection import take_lock, translate_errors
from clientsteun.store.database import (
    Database,
    check_plaintext,
    creating_file,
    is_plaintext,
    open_database,
    remove_with_companions,
)
from clientsteun.store.exports import check_target, write_user_file
from clientsteun.store.files import sync_folder, wipe
from clientsteun.store.keys import Envelope, KdfParams

log = logging.getLogger(__name__)


class VaultState(enum.Enum):
    NEW = "new"  # nothing here yet: a first start
    MISSING = "missing"  # no database, but a key file or backups: it was lost, never start afresh
    PLAINTEXT = "plaintext"  # an unencrypted database from before encryption: convert once
    ENCRYPTED = "encrypted"


@dataclass(frozen=True)
class Vault:
    db_path: Path
    # Failed unlock attempts that neither the key file nor the side file could take (ISO times).
    unwritten: list[str] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def at(cls, db_path: Path | str) -> Vault:
        return cls(Path(db_path).expanduser().resolve())

    @property
    def key_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".key")

    @property
    def attempts_path(self) -> Path:
        return attempts.side_file(self.db_path)

    @property
    def database_id(self) -> str:
        """This database's id as its key file says (or the copy naming this file); '' when not known yet."""
        try:
            return keys.read_envelope(self.key_path).database_id
        except (KeyFileMissing, KeyFileDamaged):
            copies = self._key_copies()
            return copies[0].database_id if copies else ""

    @property
    def backups(self) -> BackupFolder:
        """This database's backups (``BackupFolder``), named by its id."""
        return BackupFolder.beside(self.db_path, self.database_id)

    def state(self) -> VaultState:
        """Where things stand; an unencrypted SQLite file of another program is refused (``NotADatabase``)
        before anything is written beside it."""
        if self.db_path.exists():
            if self.db_path.is_file() and self.db_path.stat().st_size and is_plaintext(self.db_path):
                check_plaintext(self.db_path)
                return VaultState.PLAINTEXT
            return VaultState.ENCRYPTED
        folder = BackupFolder.beside(self.db_path)
        others = {copy.database_id for copy in self._all_key_copies() if copy.database_name != self.db_path.name}
        if (
            self.key_path.exists()
            or folder.backups()  # from before database ids: perhaps this database's
            or any(copy.database_id for copy in self._key_copies())
            or any(ident not in others for ident in folder.database_ids())  # ours, or nobody's known
        ):
            return VaultState.MISSING
        return VaultState.NEW

    # --- the key ---------------------------------------------------------------------------------

    def _all_key_copies(self) -> list[Envelope]:
        """The readable copies of key files among the backups of databases with this stem (newest first,
        then the one from before database ids)."""
        found = []
        for path in BackupFolder.beside(self.db_path).key_copies():
            with contextlib.suppress(KeyFileMissing, KeyFileDamaged):
                found.append(keys.read_envelope(path))
        return found

    def _key_copies(self) -> list[Envelope]:
        """The copies that can be this database's key file: those naming this file, then the one from
        before database ids (which named no file)."""
        return [copy for copy in self._all_key_copies() if copy.database_name in ("", self.db_path.name)]

    def envelope(self) -> Envelope:
        """The key file; when it is missing or damaged, its copy among the backups is put back."""
        try:
            return keys.read_envelope(self.key_path)
        except (KeyFileMissing, KeyFileDamaged) as problem:
            copies = self._key_copies()
            if not copies:
                raise problem from None
            envelope = copies[0]
            if self.key_path.exists():
                shutil.copyfile(self.key_path, self.key_path.with_name(self.key_path.name + ".beschadigd"))
            keys.write_envelope(self.key_path, envelope)
            log.warning("key file restored from the copy among the backups")
            return envelope

    def create_key(
        self, passphrase: str, *, with_recovery: bool, kdf: KdfParams = keys.DEFAULT_KDF
    ) -> tuple[bytes, str]:
        """A new data key for a new (or not yet encrypted) database; returns it and the recovery key."""
        if self.key_path.exists():
            raise KeyFileDamaged("Er bestaat al een sleutelbestand voor deze database.", detail="key file exists")
        key, envelope, code = keys.create_key(passphrase, with_recovery=with_recovery, kdf=kdf)
        self._write_envelope(dataclasses.replace(envelope, database_name=self.db_path.name))
        attempts.reserve(self.attempts_path)
        return key, code

    def unlock(self, passphrase: str, *, now: datetime | None = None) -> bytes:
        """The data key; a wrong passphrase is counted (see ``store.attempts``) and raises ``WrongPassphrase``."""
        envelope = self.envelope()
        try:
            return keys.unlock(envelope, passphrase)
        except WrongPassphrase:
            stamp = (now or datetime.now()).replace(microsecond=0).isoformat()
            kept = attempts.add(self.attempts_path, stamp)
            failed = (*envelope.failed_unlocks, stamp)[-keys.MAX_FAILED_UNLOCKS_KEPT :]
            try:
                keys.write_envelope(self.key_path, dataclasses.replace(envelope, failed_unlocks=failed))
            except OSError:  # a full or read-only disk must not hide the real message
                if not kept:
                    self.unwritten.append(stamp)
            raise

    def unlock_with_recovery(self, code: str) -> bytes:
        return keys.unlock_with_recovery(self.envelope(), code)

    def change_passphrase(self, key: bytes, passphrase: str, *, kdf: KdfParams = keys.DEFAULT_KDF) -> None:
        self._write_envelope(keys.rewrap(key, passphrase, kdf=kdf, envelope=self._envelope_of(key)))

    def new_recovery_key(self, key: bytes) -> str:
        envelope, code = keys.with_new_recovery(self._envelope_of(key), key)
        self._write_envelope(envelope)
        return code

    def _envelope_of(self, key: bytes) -> Envelope:
        """The key file, once ``key`` is known to be the one it wraps: another key is never wrapped in."""
        envelope = self.envelope()
        if keys.key_id(key) != envelope.key_id:
            raise KeyMismatch(detail="key is not the one of this key file")
        return envelope

    def has_recovery_key(self) -> bool:
        return self.envelope().has_recovery

    def failed_unlocks(self) -> tuple[str, ...]:
        """The failed attempts counted since they were last logged (ISO times, oldest first): those of
        the key file and the side file together (each attempt is in both, or in one when the other
        was lost), and those neither could take."""
        counted = Counter(self.envelope().failed_unlocks) | Counter(attempts.read(self.attempts_path))
        return tuple(sorted((counted + Counter(self.unwritten)).elements()))

    def forget_failed_unlocks(self, logged: tuple[str, ...]) -> None:
        """Remove attempts once the audit log holds them; later ones stay."""
        envelope = self.envelope()
        left = _without(envelope.failed_unlocks, logged)
        if left != envelope.failed_unlocks:
            self._write_envelope(dataclasses.replace(envelope, failed_unlocks=left))
        side = attempts.read(self.attempts_path)
        if side or not self.attempts_path.exists():
            attempts.reserve(self.attempts_path, _without(tuple(side), logged))
        self.unwritten[:] = _without(tuple(self.unwritten), logged)

    def adopt(self, envelope: Envelope) -> None:
        """Take the key file that came with a backup (a restore on a new laptop)."""
        self._write_envelope(dataclasses.replace(envelope, failed_unlocks=()))

    def _write_envelope(self, envelope: Envelope) -> None:
        """The key file, and its copy among the backups once the database's id is known (it names the copy)."""
        keys.write_envelope(self.key_path, envelope)
        if envelope.database_id:
            copy = BackupFolder.beside(self.db_path, envelope.database_id).key_copy
            keys.write_envelope(copy, dataclasses.replace(envelope, failed_unlocks=()))

    def copy_key_to(self, folder: BackupFolder) -> None:
        """A copy of the key file among the backups in ``folder`` (a second folder), as in ``backups/``."""
        envelope = dataclasses.replace(self.envelope(), failed_unlocks=())
        keys.write_envelope(BackupFolder(folder.folder, folder.stem, envelope.database_id).key_copy, envelope)

    def _bind(self, database: Database) -> None:
        """After opening: the key file names this database (its id and file name), with its copy among
        the backups; backups from before ids that this key opens take this database's names."""
        envelope = self.envelope()
        if (envelope.database_id, envelope.database_name) != (database.database_id, self.db_path.name):
            self._write_envelope(
                dataclasses.replace(envelope, database_id=database.database_id, database_name=self.db_path.name)
            )
        backups = BackupFolder.beside(self.db_path, database.database_id)
        backups.adopt_older(database.key)
        older_copy = BackupFolder.beside(self.db_path).key_copy
        with contextlib.suppress(KeyFileMissing, KeyFileDamaged):
            if keys.read_envelope(older_copy).key_id == envelope.key_id:
                older_copy.unlink()  # this key's copy from before ids: the one named by the id replaces it

    # --- the database ----------------------------------------------------------------------------

    def open(self, key: bytes, *, exclusive: bool = True, create: bool = False, check: bool = False) -> Database:
        """Open the database with ``key``; an unencrypted one is encrypted first, after a backup."""
        if self.state() is VaultState.PLAINTEXT:
            self.encrypt_plaintext(key)
        database = open_database(self.db_path, key, exclusive=exclusive, create=create, check=check)
        try:
            self._bind(database)
        except BaseException:
            database.close()
            raise
        if not self.attempts_path.exists():  # made with the key; one lost or from before is made again
            with contextlib.suppress(OSError):
                attempts.reserve(self.attempts_path)
        return database

    def encrypt_plaintext(self, key: bytes) -> None:
        """Encrypt a database made before encryption existed, once.

        The encrypted copy is made and verified beside the original and kept as the first
        backup; then it takes the original's place, and the plaintext file is overwritten with
        zeros before it is removed.  (On SSDs and journaling file systems the old blocks may
        survive on the device; full-disk encryption covers that.)
        """
        lock = take_lock(self.db_path)
        try:
            encrypted = self.db_path.with_name(self.db_path.name + ".encrypting")
            old = self.db_path.with_name(self.db_path.name + ".plaintext-old")
            encrypted.unlink(missing_ok=True)
            with (
                translate_errors(self.db_path),
                contextlib.closing(sqlcipher3.connect(str(self.db_path), isolation_level=None)) as plain,
            ):
                plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(encrypted),))
                plain.execute("SELECT sqlcipher_export('encrypted')")
                version = plain.execute("PRAGMA main.user_version").fetchone()[0]
                application_id = plain.execute("PRAGMA main.application_id").fetchone()[0]
                plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
                plain.execute(f"PRAGMA encrypted.application_id = {int(application_id)}")
                plain.execute("DETACH DATABASE encrypted")
                plain.execute("PRAGMA journal_mode = DELETE")  # folds and removes the plaintext WAL
            problems = verify_file(encrypted, key)
            if problems:
                raise BackupFailed(detail=f"encrypted copy failed its checks: {problems[0]}")
            self.backups.make(encrypted, key, reason="versleuteld")
            os.replace(self.db_path, old)
            os.replace(encrypted, self.db_path)
            sync_folder(self.db_path.parent)
            wipe(old)
            log.info("database encrypted")
        finally:
            lock.release()

    def tidy(self) -> None:
        """Finish what a crash interrupted: a restore (undone or completed, see ``finish_restore``),
        the plaintext original of an encryption, a first start (``_first_start_interrupted``) and a
        new database that was being made.  Nothing when another instance has the file."""
        old = self.db_path.with_name(self.db_path.name + ".plaintext-old")
        interrupted = (self.db_path.with_name(self.db_path.name + s) for s in (PLAN_SUFFIX, STAGED_SUFFIX))
        creating = creating_file(self.db_path)
        if (
            not (old.exists() or creating.exists() or any(path.exists() for path in interrupted))
            and not self._first_start_interrupted()
        ):
            return
        try:
            lock = take_lock(self.db_path)
        except DatabaseLocked:
            return  # that instance is using the file: nothing of it is left over
        try:
            finish_restore(self.db_path)
            if old.exists() and self.db_path.exists() and not is_plaintext(self.db_path):
                wipe(old)
            remove_with_companions(creating)
            if self._first_start_interrupted():
                self.key_path.unlink()
                self.attempts_path.unlink(missing_ok=True)
                sync_folder(self.db_path.parent)
                log.warning("a first start that stopped before its database was made was undone")
        finally:
            lock.release()

    def _first_start_interrupted(self) -> bool:
        """A key file made for a database that was never made: a first start stopped between the two.

        Such a key file names no database (one that was ever opened has its id) and encrypts nothing:
        there is no database, no backup, and no copy of it from before ids.  Removing it lets the
        next start begin afresh instead of asking forever for a database that never existed.
        """
        if self.db_path.exists() or not self.key_path.exists():
            return False
        try:
            envelope = keys.read_envelope(self.key_path)
        except (KeyFileMissing, KeyFileDamaged):
            return False
        if envelope.database_id or self.backups.backups():
            return False
        return not any(copy.key_id == envelope.key_id for copy in self._key_copies())

    def backup(self, key: bytes, reason: str, *, now: datetime | None = None) -> Path:
        return self.backups.make(self.db_path, key, reason=reason, now=now).path

    def backup_to(self, key: bytes, target: Path, *, stop: Callable[[], None] | None = None) -> Path:
        """A verified backup to a file of the user's choice, with a copy of the key file beside it.

        Both go through ``write_user_file``: neither can take the place of a file the app keeps.
        ``stop`` can end the copy (see ``backup_database``).  Returns the backup's path.
        """
        key_target = target.with_name(target.name + ".key")
        for path in (target, key_target):
            check_target(path, self.db_path)
        written = write_user_file(
            target, lambda partial: backup_database(self.db_path, key, partial, stop=stop), database=self.db_path
        )
        envelope = dataclasses.replace(self.envelope(), failed_unlocks=())
        write_user_file(key_target, keys.to_json(envelope).encode("utf-8"), database=self.db_path)
        return written


def _without(stamps: tuple[str, ...], logged: tuple[str, ...]) -> tuple[str, ...]:
    """``stamps`` less one of each in ``logged`` (two attempts can share a second), in their order."""
    left = Counter(logged)
    kept = []
    for stamp in stamps:
        if left[stamp]:
            left[stamp] -= 1
        else:
            kept.append(stamp)
    return tuple(kept)
