"""Checks across the database, its key file, its write-ahead log, audit log and backups."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from clientsteun.domain.dates import format_date, format_time
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services.audit import AuditService
from clientsteun.store.backups import verify_file
from clientsteun.store.database import (
    SCHEMA_REVISION,
    open_database,
    open_marker,
    read_revision,
    take_lock,
    wal_file,
)
from clientsteun.store.vault import Vault

log = logging.getLogger(__name__)


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)
    sound: bool = True

    def problem(self, text: str) -> None:
        self.lines.append(f"PROBLEEM: {text}")
        self.sound = False


def check_vault(vault: Vault, key: bytes) -> CheckReport:
    """An integrity report in Dutch; ``sound`` is False when the database needs attention.

    Runs under the instance lock.  Checking folds a crashed instance's write-ahead log into the
    database; the crash marker is then removed, so the next start does not take the folded log
    for a lost one.
    """
    lock = take_lock(vault.db_path)
    try:
        return _check(vault, key)
    finally:
        lock.release()


def _check(vault: Vault, key: bytes) -> CheckReport:
    report = CheckReport()
    marker = open_marker(vault.db_path)
    wal_lost = marker.exists() and not wal_file(vault.db_path).exists()
    try:
        problems = verify_file(vault.db_path, key)
    except ClientsteunError as error:
        problems = [error.message]
    if not problems and not wal_lost:
        marker.unlink(missing_ok=True)
    for problem in problems[:10]:
        report.problem(f"database: {problem}")
    if not problems:
        report.lines.append("Database: in orde (integriteit en versleuteling gecontroleerd).")
    if wal_lost:
        report.problem(
            "het logbestand (-wal) ontbreekt na een onverwachte afsluiting; de laatste wijzigingen kunnen ontbreken."
        )
    if not problems and read_revision(vault.db_path, key)[1] == SCHEMA_REVISION:
        database = open_database(vault.db_path, key, create=False)
        try:
            broken = AuditService(database, datetime.now).first_broken()
        finally:
            database.close()
        if broken is None:
            report.lines.append("Logboek: in orde.")
        else:
            report.problem(f"het logboek is aangepast vanaf regel {broken}.")
    backups = vault.backups.backups()
    if not backups:
        report.lines.append("Reservekopieën: geen.")
    else:
        latest = backups[0]
        when = f"{format_date(latest.made_at.date())} {format_time(latest.made_at.time())}"
        try:
            latest_problems = verify_file(latest.path, key)
        except ClientsteunError as error:
            latest_problems = [error.message]
        state = "in orde" if not latest_problems else "BESCHADIGD"
        report.lines.append(f"Reservekopieën: {len(backups)}, de laatste van {when}: {state}.")
    return report


class BackupKeeper:
    """Backups at start, at close and daily, aged out by the retention settings."""

    def __init__(self, vault: Vault, policy: RetentionPolicy, clock: Callable[[], datetime] = datetime.now) -> None:
        self.vault = vault
        self.policy = policy
        self.clock = clock
        self._thread: threading.Thread | None = None

    def backup(self, key: bytes, reason: str) -> bool:
        """True when a verified backup was made; a failure is logged and reported to the caller."""
        try:
            self.vault.backup(key, reason, now=self.clock())
            self.vault.backups.prune(self.policy)
        except (ClientsteunError, OSError) as error:
            log.warning("automatic backup failed: %s", type(error).__name__)
            return False
        return True

    def backup_in_background(self, key: bytes, reason: str) -> None:
        """The same, on a thread of its own: a large database takes seconds to copy and verify.

        The copy is made over separate connections (SQLite's online backup gives a consistent
        snapshot while the app goes on writing).  ``wait()`` before closing or restoring.
        """
        self.wait()
        self._thread = threading.Thread(target=self.backup, args=(key, reason), name="backup", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def daily_due(self) -> bool:
        latest = self.vault.backups.latest()
        return latest is None or self.clock() - latest.made_at >= timedelta(days=1)
