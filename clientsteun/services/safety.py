"""The safety operations of one database file, for the app and the command line alike.

Where things stand and the key (unlock, passphrase, recovery key), opening with what happened
logged, a backup to a file of the user's choice, a restore, the integrity check, and the automatic
backups.  Each audited action writes its entry only after it succeeded, over a connection of its
own: the methods take plain values (the data key, paths) and may run on a worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from clientsteun.domain.audit import AuditAction, AuditEntry
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date, format_time
from clientsteun.domain.errors import ClientsteunError, KeyMismatch, WrongPassphrase
from clientsteun.domain.passphrase import check_passphrase
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services import Services
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock
from clientsteun.store import keys
from clientsteun.store.backups import Backup as Backup
from clientsteun.store.backups import BackupFolder, restore, verify_file
from clientsteun.store.connection import SCHEMA_REVISION, open_marker, take_lock, wal_file
from clientsteun.store.database import Database as Database
from clientsteun.store.database import WalLost, check_file, open_database, read_revision, roll_back_journal
from clientsteun.store.keys import DEFAULT_KDF, KdfParams
from clientsteun.store.permissions import tighten
from clientsteun.store.vault import Vault
from clientsteun.store.vault import VaultState as VaultState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Happened:
    """Something the audit log records once the database is open (it could not be written before)."""

    action: AuditAction
    detail: str = ""


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)
    sound: bool = True

    def problem(self, text: str) -> None:
        self.lines.append(f"PROBLEEM: {text}")
        self.sound = False


class SafetyService:
    """The database file at ``db_path`` with its key file and backups (``store.vault.Vault``)."""

    def __init__(self, db_path: Path | str, clock: Clock = datetime.now, *, second_folder: str = "") -> None:
        """``second_folder``: where the daily backup is also copied (a USB stick, a network share); '' for none."""
        self.vault = Vault.at(db_path)
        self.clock = clock
        self.second_folder = second_folder

    @property
    def db_path(self) -> Path:
        return self.vault.db_path

    # -- where things stand, and the key -------------------------------------------------------

    def state(self) -> VaultState:
        """Where things stand, once what a crash interrupted is finished (``Vault.tidy``)."""
        self.vault.tidy()
        return self.vault.state()

    def has_key_file(self) -> bool:
        return self.vault.key_path.exists()

    def has_own_key(self) -> bool:
        """A key file here or its copy among the backups (not so on a new laptop)."""
        return self.vault.key_path.exists() or self.vault.backups.key_copy.exists()

    def protect_files(self, user_folder: Path) -> None:
        """Make the files the app keeps owner-only, those made before too (``store.permissions``);
        called at every start, by the app and the command line.  Never fails."""
        changed = tighten(self.db_path, user_folder)
        if changed:
            log.info("%d files made owner-only", len(changed))

    def check_file(self) -> None:
        """Refuse an empty file or a document before a passphrase is asked for it."""
        check_file(self.db_path)

    def create_key(self, passphrase: str, *, with_recovery: bool, kdf: KdfParams = DEFAULT_KDF) -> tuple[bytes, str]:
        return self.vault.create_key(passphrase, with_recovery=with_recovery, kdf=kdf)

    def unlock(self, passphrase: str) -> bytes:
        """The data key; a wrong passphrase is counted in the key file (logged at the next opening)."""
        return self.vault.unlock(passphrase, now=self.clock())

    def unlock_first(self, passphrases: Sequence[str]) -> tuple[bytes, str]:
        """The data key and the first of ``passphrases`` that opens it (a passphrase file is also read
        as earlier versions read it); when none does, one failed attempt is counted, as by ``unlock``."""
        envelope = self.vault.envelope()
        for passphrase in passphrases[:-1]:
            with contextlib.suppress(WrongPassphrase):
                return keys.unlock(envelope, passphrase), passphrase
        return self.unlock(passphrases[-1]), passphrases[-1]

    def unlock_with_recovery(self, code: str) -> bytes:
        return self.vault.unlock_with_recovery(code)

    def reset_passphrase(self, key: bytes, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """A new passphrase after the recovery key opened: logged as ``Happened`` once the database is open."""
        self.vault.change_passphrase(key, check_passphrase(passphrase), kdf=kdf)

    def adopt_key_of(self, backup: Path, passphrase: str) -> bytes:
        """On a new laptop: unlock with the key file that came with ``backup`` and take it as this one's."""
        carried = backup.with_name(backup.name + ".key")
        envelope = keys.read_envelope(carried)
        key = keys.unlock(envelope, passphrase)
        self.vault.adopt(envelope)
        return key

    # -- opening -------------------------------------------------------------------------------

    def open(self, key: bytes, *, create: bool = False, accept_lost_wal: bool = False) -> Database:
        """The database, for this instance alone; an unencrypted one is encrypted first.

        ``accept_lost_wal``: the user chose to go on although the write-ahead log was lost after a
        crash (``Database.wal_missing``); otherwise that is said again at every opening.
        """
        database = self.vault.open(key, create=create)
        if accept_lost_wal:
            database.accept_lost_wal()
        return database

    def open_services(
        self, key: bytes, catalog: Catalog, *, create: bool = False, happened: Sequence[Happened] = ()
    ) -> Services:
        """The database with its services, and the opening logged (``record_opening``).

        Refused (``WalLost``) while the write-ahead log is known to be lost after a crash: a command
        must not read, back up or change that file as if it were complete, nor end the warning.
        """
        encrypting = self.vault.state() is VaultState.PLAINTEXT
        database = self.open(key, create=create)
        if database.wal_missing:
            database.close()  # the crash marker stays
            raise WalLost(detail="write-ahead log lost after a crash")
        services = Services.create(database, catalog, self.clock)
        try:
            self.record_opening(services.audit, [*([Happened(AuditAction.ENCRYPTED)] if encrypting else []), *happened])
        except BaseException:
            services.close()
            raise
        return services

    def record_opening(self, audit: AuditService, happened: Sequence[Happened] = ()) -> None:
        """Into the log: failed unlock attempts counted in the key file (then removed from it), and ``happened``."""
        failed = self.vault.failed_unlocks()
        if failed:
            audit.record_failed_unlocks(failed)
            self.vault.forget_failed_unlocks(failed)
        for event in happened:
            audit.record(event.action, detail=event.detail)

    def quick_check(self, key: bytes) -> None:
        """SQLite's quick integrity check over a connection of its own; raises ``DatabaseDamaged``."""
        open_database(self.db_path, key, create=False, check=True).close()

    @contextlib.contextmanager
    def _audit(self, key: bytes) -> Iterator[AuditService]:
        """The audit log over a connection of its own, for this thread and this action."""
        database = open_database(self.db_path, key, create=False)
        try:
            yield AuditService(database, self.clock)
        finally:
            database.close()

    # -- passphrase and recovery key -----------------------------------------------------------

    def change_passphrase(self, key: bytes, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """A new passphrase for the key (refused when weak), then logged."""
        self.vault.change_passphrase(key, check_passphrase(passphrase), kdf=kdf)
        with self._audit(key) as audit:
            audit.record(AuditAction.PASSPHRASE_CHANGED)

    def new_recovery_key(self, key: bytes) -> str:
        """A new recovery key (the old one stops working); shown to the user once."""
        code = self.vault.new_recovery_key(key)
        with self._audit(key) as audit:
            audit.record(AuditAction.RECOVERY_KEY_MADE)
        return code

    def has_recovery_key(self) -> bool:
        return self.vault.has_recovery_key()

    # -- backups and restore -------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        """The automatic backups beside the database, newest first."""
        return self.vault.backups.backups()

    def second_backups(self) -> BackupFolder | None:
        """This database's backups in the second folder, when one is set."""
        if not self.second_folder:
            return None
        return BackupFolder(Path(self.second_folder).expanduser(), self.db_path.stem, self.vault.database_id)

    def restorable_backups(self) -> list[Backup]:
        """The backups of both folders, newest first; a copy in the second folder of one beside the
        database is listed once (the one beside it)."""
        here = self.backups()
        second = self.second_backups()
        names = {backup.path.name for backup in here}
        there = [backup for backup in (second.backups() if second else []) if backup.path.name not in names]
        return sorted([*here, *there], key=lambda backup: (backup.number, backup.made_at), reverse=True)

    def in_second_folder(self, backup: Backup) -> bool:
        second = self.second_backups()
        return second is not None and backup.path.parent == second.folder

    def latest_good_backup(self, key: bytes) -> Backup | None:
        """The newest backup of either folder that passes every check with this key."""
        for backup in self.restorable_backups():
            with contextlib.suppress(KeyMismatch):
                if not verify_file(backup.path, key):
                    return backup
        return None

    def keeper(self, policy: RetentionPolicy) -> BackupKeeper:
        return BackupKeeper(self.vault, policy, self.clock, second=self.second_backups)

    def backup_to(
        self, key: bytes, target: Path, *, detail: str = "handmatig", stop: Callable[[], None] | None = None
    ) -> Path:
        """A verified backup with its key file to a file of the user's choice, then logged; returns its path.

        ``stop`` is called while the copy is made; what it raises ends it, and nothing is written or logged.
        """
        written = self.vault.backup_to(key, target, stop=stop)
        with self._audit(key) as audit:
            audit.record(AuditAction.BACKUP, detail=detail)
        return written

    def restore(self, key: bytes, source: Path, *, detail: str = "", holding_lock: bool = False) -> Path | None:
        """Put back the backup ``source``; returns where the replaced files were kept, if any.

        The log of the file it replaces is carried over into the restored copy, with failed unlock
        attempts and the restore recorded after it, before that copy takes the database's place
        (``store.backups.restore``): the entry exists only when the restore happened, and no line
        written since the backup is lost.  ``holding_lock``: the app, which holds the instance lock
        with its connections closed.
        """

        failed = self.vault.failed_unlocks()  # typed before this restore, on the command line

        def prepare(staged: Path) -> None:
            replaced = self._log_of_current_file(key)
            database = open_database(staged, key, create=False, backup_first=False)
            try:
                audit = AuditService(database, self.clock)
                audit.carry_over(replaced)
                audit.record_failed_unlocks(failed)
                audit.record(AuditAction.RESTORE, detail=detail or source.name)
            finally:
                database.close()

        kept = restore(self.db_path, key, source, prepare=prepare, lock=not holding_lock, now=self.clock())
        self.vault.forget_failed_unlocks(failed)
        return kept

    def _log_of_current_file(self, key: bytes) -> list[AuditEntry]:
        """The audit log of the file about to be replaced, when it can still be read; its content stays as it is
        (a rollback journal left by a crash is rolled back first, as any opening would)."""
        try:
            roll_back_journal(self.db_path, key)
            database = open_database(self.db_path, key, create=False, read_only=True)
        except ClientsteunError:
            return []  # missing or damaged: nothing to carry over
        try:
            return AuditService(database, self.clock).entries()
        except ClientsteunError:
            return []
        finally:
            database.close()

    # -- the check -----------------------------------------------------------------------------

    def check(self, key: bytes, *, accept_lost_wal: bool = False) -> CheckReport:
        """An integrity report in Dutch; ``sound`` is False when the database needs attention.

        Runs under the instance lock.  Checking folds a crashed instance's write-ahead log into the
        database; the crash marker is then removed, so the next start does not take the folded log
        for a lost one.  A log lost after a crash stays a problem, with its marker, until the user
        accepts the file as it is (``accept_lost_wal``, ``clientsteun check --accept``).
        """
        self.vault.tidy()
        lock = take_lock(self.db_path)
        try:
            return self._check(key, accept_lost_wal)
        finally:
            lock.release()

    def _check(self, key: bytes, accept_lost_wal: bool) -> CheckReport:
        report = CheckReport()
        marker = open_marker(self.db_path)
        wal_lost = marker.exists() and not wal_file(self.db_path).exists()
        try:
            problems = verify_file(self.db_path, key)
        except ClientsteunError as error:
            problems = [error.message]
        if not problems and (not wal_lost or accept_lost_wal):
            marker.unlink(missing_ok=True)
        for problem in problems[:10]:
            report.problem(f"database: {problem}")
        if not problems:
            report.lines.append("Database: in orde (integriteit en versleuteling gecontroleerd).")
        lost = "het logbestand (-wal) ontbreekt na een onverwachte afsluiting; de laatste wijzigingen kunnen ontbreken"
        if wal_lost and accept_lost_wal and not problems:
            report.lines.append(f"Let op: {lost}. U neemt de database zoals hij is; deze waarschuwing is nu weg.")
        elif wal_lost:
            report.problem(
                f"{lost}. Zet in Clientsteun een reservekopie terug, of neem de database zoals hij is "
                "met 'clientsteun check --accept'."
            )
        if not problems and read_revision(self.db_path, key)[1] == SCHEMA_REVISION:
            database = open_database(self.db_path, key, create=False)
            try:
                broken = AuditService(database, self.clock).first_broken()
            finally:
                database.close()
            if broken is None:
                report.lines.append("Logboek: in orde.")
            else:
                report.problem(f"het logboek is aangepast vanaf regel {broken}.")
        backups = self.backups()
        if not backups:
            report.lines.append("Reservekopieën: geen.")
        else:
            when, state = _newest_state(backups[0], key)
            report.lines.append(f"Reservekopieën: {len(backups)}, de laatste van {when}: {state}.")
            future = sum(backup.in_future(self.clock()) for backup in backups)
            if future:
                report.lines.append(
                    f"Let op: {future} reservekopie{'' if future == 1 else 'ën'} met een datum in de toekomst: "
                    "de klok van de computer stond toen verkeerd. Ze worden bewaard."
                )
        self._check_second_folder(key, report)
        return report

    def _check_second_folder(self, key: bytes, report: CheckReport) -> None:
        """A line on the newest copy in the second folder, when one is set."""
        second = self.second_backups()
        if second is None:
            return
        if not second.folder.is_dir():
            report.lines.append("Tweede map voor reservekopieën: niet bereikbaar.")
            return
        copies = second.backups()
        if not copies:
            report.lines.append("Tweede map voor reservekopieën: nog geen kopieën.")
            return
        when, state = _newest_state(copies[0], key)
        report.lines.append(f"Tweede map voor reservekopieën: {len(copies)}, de nieuwste van {when}: {state}.")


def _newest_state(backup: Backup, key: bytes) -> tuple[str, str]:
    """When the newest backup was made, and whether it passes every check ("in orde") or not."""
    when = f"{format_date(backup.made_at.date())} {format_time(backup.made_at.time())}"
    try:
        problems = verify_file(backup.path, key)
    except ClientsteunError as error:
        problems = [error.message]
    return when, "in orde" if not problems else "BESCHADIGD"


class BackupKeeper:
    """Backups at start, at close and daily, aged out by the retention settings, and a daily copy in
    the second folder.

    What happened is kept for the window to show: ``failures_in_a_row`` (automatic backups that
    failed one after another) and ``second_reached`` (when a copy was last made, or found, in the
    second folder); ``on_report`` is called after each attempt, on the thread that made it.
    """

    def __init__(
        self,
        vault: Vault,
        policy: RetentionPolicy,
        clock: Callable[[], datetime] = datetime.now,
        *,
        second: Callable[[], BackupFolder | None] = lambda: None,
    ) -> None:
        self.vault = vault
        self.policy = policy
        self.clock = clock
        self.second = second
        self.failures_in_a_row = 0
        self.second_reached: datetime | None = None
        self.on_report: Callable[[], None] = lambda: None
        self._thread: threading.Thread | None = None

    def backup(self, key: bytes, reason: str) -> bool:
        """True when a verified backup was made; a failure is logged, counted and reported to the caller.
        Once a day the newest backup is copied to the second folder too (``copy_to_second``)."""
        try:
            self.vault.backup(key, reason, now=self.clock())
            self.vault.backups.prune(self.policy, self.clock())
        except (ClientsteunError, OSError) as error:
            log.warning("automatic backup failed: %s", type(error).__name__)
            self.failures_in_a_row += 1
            self.on_report()
            return False
        self.failures_in_a_row = 0
        self.copy_to_second(key)
        self.on_report()
        return True

    def copy_to_second(self, key: bytes) -> bool:
        """The newest backup copied (verified) to the second folder with the key copy, unless that
        holds one made in the last day already; True when the folder was reached."""
        second = self.second()
        if second is None:
            return False
        now = self.clock()
        try:
            if not any(now - timedelta(days=1) < backup.made_at <= now for backup in second.backups()):
                latest = self.vault.backups.latest()
                if latest is None:
                    return False
                second.copy_in(latest, key)
                self.vault.copy_key_to(second)
                second.prune(self.policy, now)
        except (ClientsteunError, OSError) as error:
            log.warning("copy to the second backup folder failed: %s", type(error).__name__)
            return False
        self.second_reached = now
        return True

    def backup_in_background(self, key: bytes, reason: str) -> None:
        """``backup`` on a thread of its own: a large database takes seconds to copy and verify.

        The copy is made over separate connections (SQLite's online backup gives a consistent
        snapshot while the app goes on writing).  ``wait()`` before closing or restoring.
        """
        self._in_background(self.backup, key, reason)

    def tick_in_background(self, key: bytes) -> None:
        """The hourly round, on a thread of its own: the daily backup when due, else the copy to the
        second folder when that was not reachable before (a USB stick plugged in since)."""
        if self.daily_due():
            self.backup_in_background(key, "dagelijks")
        elif self.second() is not None:
            self._in_background(self._copy_and_report, key)

    def _copy_and_report(self, key: bytes) -> None:
        self.copy_to_second(key)
        self.on_report()

    def _in_background(self, work: Callable[..., object], *args: object) -> None:
        self.wait()
        self._thread = threading.Thread(target=work, args=args, name="backup", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def daily_due(self) -> bool:
        """No backup made in the last day by the clock as it is now (one dated after now does not count)."""
        now = self.clock()
        return not any(now - timedelta(days=1) < backup.made_at <= now for backup in self.vault.backups.backups())
