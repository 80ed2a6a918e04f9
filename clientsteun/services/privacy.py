"""The resident's right to be forgotten: erasing a dossier for good, its copies in the backups, and the
retention worklist with erasing or anonymising what is past its period.

Erasing and deleting a resident are one action (``erase_client``): every row that belongs to them
goes (the rows that cascade from theirs: conversations, drafts, routes, evidence with its files,
signals, ...), the search index forgets their words (FTS5 ``secure-delete``, switched on when the
database is opened), the freed space is overwritten (``PRAGMA secure_delete``, on for every
connection), and the write-ahead log is folded in and emptied, so no page of the file or its log
still holds them.  The audit log records it by number, never by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import String

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.changes import Area
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import ClientStatus
from clientsteun.domain.privacy import (
    ANONYMOUS,
    ANONYMOUS_NAME,
    Keep,
    ResidentMark,
    RetentionItem,
    past_retention,
    retention_ends,
    to_month,
)
from clientsteun.domain.retention import Made, RetentionPolicy, last_leaves_on
from clientsteun.services.audit import append_entry
from clientsteun.services.base import Service, get_row
from clientsteun.store.backups import ROTATING, Backup, BackupFolder, aside_copies, erase_resident, holds_resident
from clientsteun.store.tables import AuditEntryRow, Base, ClientRow, new_uuid


@dataclass(frozen=True)
class Erased:
    resident: ResidentMark  # to find them in the backups afterwards
    log_emptied: bool  # False: a reader kept part of the write-ahead log; it is emptied at closing


@dataclass(frozen=True)
class HeldCopy:
    """An automatic backup that still holds the resident."""

    path: Path
    made_at: datetime
    reason: str
    in_second_folder: bool
    ages_out: bool  # pruned by the backup settings in time; False: kept until removed by hand


@dataclass(frozen=True)
class Copies:
    """Where a resident still is outside the database, for the confirmation of an erasure."""

    resident: ResidentMark
    held: tuple[HeldCopy, ...]
    last_leaves_on: date | None  # the day the last of ``held`` is pruned; None when one never is
    unreadable: tuple[Path, ...]  # backups this key does not open, or damaged: not known
    second_unreachable: bool  # a second backup folder is set but not there (a USB stick, a share)
    manual_backups: tuple[datetime, ...]  # made by hand since the resident was recorded; where is not recorded
    aside: tuple[Path, ...]  # earlier database files kept beside it after a restore, that hold them


@dataclass(frozen=True)
class Rewritten:
    rewritten: int
    failed: tuple[Path, ...]


class PrivacyService(Service):
    # -- erasing -------------------------------------------------------------------------------

    def erase_client(self, client_id: int) -> Erased:
        """Removes the resident and everything recorded about them, for good (the UI asks first, with
        the passphrase).  The audit log says so in the same transaction, by number and not by name."""
        with self._db.transaction() as session:
            mark = self._remove(session, client_id, "resident deleted")
        emptied = self._empty_log()
        self._announce(Area.RESIDENTS | Area.AGENDA, client_id)  # the list finds them gone; so does the window
        return Erased(mark, emptied)

    def erase_clients(self, client_ids: Sequence[int]) -> tuple[ResidentMark, ...]:
        """The retention worklist's erasure: every one of ``client_ids`` in one transaction."""
        with self._db.transaction() as session:
            marks = tuple(self._remove(session, client_id, "retention: resident deleted") for client_id in client_ids)
        self._empty_log()
        for mark in marks:
            self._announce(Area.RESIDENTS | Area.AGENDA, mark.client_id)
        return marks

    def _remove(self, session: Session, client_id: int, detail: str) -> ResidentMark:
        row = get_row(session, ClientRow, client_id)
        mark = ResidentMark(row.id, row.name, row.created_at, row.uuid)
        session.delete(row)  # the database cascades to every row of theirs
        append_entry(session, self.now(), AuditAction.ERASE, client_id, detail)
        return mark

    def _empty_log(self) -> bool:
        """After the commit: a log that cannot be emptied now is emptied at closing; the write stands."""
        try:
            return self._db.checkpoint()
        except ClientsteunError:
            return False

    # -- anonymising ---------------------------------------------------------------------------

    def anonymise_clients(self, client_ids: Sequence[int]) -> tuple[ResidentMark, ...]:
        """Keep only what the counts need of each dossier (``domain.privacy.ANONYMOUS``), in one transaction.

        Returns how each was recognisable before, to find their full dossier in the backups."""
        marks = []
        with self._db.transaction() as session:
            for client_id in client_ids:
                row = get_row(session, ClientRow, client_id)
                marks.append(ResidentMark(row.id, row.name, row.created_at, row.uuid))
                for table, rows_of_theirs in _owned_tables(client_id):
                    keep = ANONYMOUS.get(table.name)
                    if keep is None:
                        session.execute(delete(table).where(rows_of_theirs))
                    else:
                        _anonymise_rows(session, table, rows_of_theirs, keep)
                append_entry(session, self.now(), AuditAction.ANONYMISE, client_id, "retention")
        self._empty_log()
        for client_id in client_ids:
            self._announce(~Area.NONE, client_id)  # every part of their dossier changed
        return tuple(marks)

    # -- the retention worklist ----------------------------------------------------------------

    def retention_list(self, months: int) -> list[RetentionItem]:
        """Closed dossiers past a period of ``months`` after closing (none while no period is chosen),
        longest past first; anonymised ones are no longer personal data and stay off the list."""
        if months <= 0:
            return []
        today = self.today()
        with self._db.transaction() as session:
            rows = session.execute(
                select(ClientRow.id, ClientRow.name, ClientRow.alias, ClientRow.municipality, ClientRow.closed_on)
                .where(ClientRow.status == ClientStatus.CLOSED.value, ClientRow.name != ANONYMOUS_NAME)
                .order_by(ClientRow.closed_on, ClientRow.id)
            ).all()
        return [
            RetentionItem(id_, alias or name, municipality, closed_on, retention_ends(closed_on, months))
            for id_, name, alias, municipality, closed_on in rows
            if closed_on is not None and past_retention(closed_on, months, today)
        ]

    # -- the copies in backups -----------------------------------------------------------------

    def mark(self, client_id: int) -> ResidentMark:
        with self._db.transaction() as session:
            row = get_row(session, ClientRow, client_id)
            return ResidentMark(row.id, row.name, row.created_at, row.uuid)

    def copies(self, client_id: int, policy: RetentionPolicy, second_folder: str = "") -> Copies:
        """Where the resident still is: the automatic backups that hold them (in ``backups/`` and in the
        second folder when it is there), the day the last of those ages out, and the copies the app
        cannot look into.  Every backup is opened with the key, so this takes a moment per backup."""
        mark = self.mark(client_id)
        key = self._db.key
        now = self.now()
        held: list[HeldCopy] = []
        unreadable: list[Path] = []
        leaves: list[date | None] = []
        second = self._second(second_folder)
        for folder in (self._folder(), *([second] if second is not None and second.folder.is_dir() else [])):
            backups = folder.backups()
            holders: set[int] = set()
            for backup in backups:
                found = holds_resident(backup.path, key, mark)
                if found is None:
                    unreadable.append(backup.path)
                elif found:
                    rotating = _rotating(backup)
                    held.append(HeldCopy(backup.path, backup.made_at, backup.reason, folder is second, rotating))
                    if rotating:
                        holders.add(backup.number)
                    else:
                        leaves.append(None)
            if holders:
                made = [Made(backup.number, backup.made_at) for backup in backups if _rotating(backup)]
                leaves.append(last_leaves_on(made, holders, policy, now))
        with self._db.transaction() as session:
            manual = tuple(
                session.scalars(
                    select(AuditEntryRow.at)
                    .where(AuditEntryRow.action == AuditAction.BACKUP.value, AuditEntryRow.at >= mark.created_at)
                    .order_by(AuditEntryRow.at)
                )
            )
        aside = tuple(path for path in aside_copies(self._db.path) if holds_resident(path, key, mark))
        return Copies(
            resident=mark,
            held=tuple(held),
            last_leaves_on=None if not leaves or None in leaves else max(day for day in leaves if day is not None),
            unreadable=tuple(unreadable),
            second_unreachable=second is not None and not second.folder.is_dir(),
            manual_backups=manual,
            aside=aside,
        )

    def rewrite_backups(self, resident: ResidentMark, second_folder: str = "") -> Rewritten:
        """Rewrite every backup in ``backups/`` (and in the second folder, when it is there) that holds
        ``resident`` without them, those that are never pruned too (``store.backups.erase_resident``);
        logged by number.  A backup that cannot be rewritten stays as it was and is named in ``failed``."""
        key = self._db.key
        second = self._second(second_folder)
        rewritten = 0
        failed: list[Path] = []
        for folder in (self._folder(), *([second] if second is not None and second.folder.is_dir() else [])):
            for backup in folder.backups():
                try:
                    rewritten += erase_resident(backup.path, key, resident)
                except ClientsteunError:
                    failed.append(backup.path)
        with self._db.transaction() as session:
            detail = f"{rewritten} herschreven, {len(failed)} niet gelukt"
            append_entry(session, self.now(), AuditAction.BACKUPS_REWRITTEN, resident.client_id, detail)
        return Rewritten(rewritten, tuple(failed))

    def _folder(self) -> BackupFolder:
        return BackupFolder.beside(self._db.path, self._db.database_id)

    def _second(self, second_folder: str) -> BackupFolder | None:
        if not second_folder:
            return None
        return BackupFolder(Path(second_folder).expanduser(), self._db.path.stem, self._db.database_id)


def _rotating(backup: Backup) -> bool:
    """Pruned in time by the backup settings (``BackupFolder.prune``)."""
    return bool(backup.number) and backup.reason in ROTATING


def _owned_tables(client_id: int) -> list[tuple[Table, ColumnElement[bool]]]:
    """Every table with rows that belong to the resident, each with the condition that picks those rows:
    the rows reached from theirs through foreign keys that cascade (what an erasure removes), parents first."""
    clients = Base.metadata.tables[ClientRow.__tablename__]
    found: dict[str, tuple[Table, ColumnElement[bool]]] = {clients.name: (clients, clients.c.id == client_id)}
    grown = True
    while grown:
        grown = False
        for table in Base.metadata.sorted_tables:
            if table.name in found:
                continue
            for key in table.foreign_keys:
                parent = found.get(key.column.table.name)
                if parent is not None and (key.ondelete or "").upper() == "CASCADE":
                    picked = select(key.column).where(parent[1])
                    found[table.name] = (table, key.parent.in_(picked))
                    grown = True
                    break
    return list(found.values())


def _anonymise_rows(session: Session, table: Table, rows_of_theirs: ColumnElement[bool], keep: Keep) -> None:
    keys = [column for column in table.columns if column.primary_key]
    emptied = {
        column.name: _empty(column)
        for column in table.columns
        if not (column.primary_key or column.foreign_keys or keep.decides(column.name))
    }
    monthly = [table.c[name] for name in sorted(keep.monthly)]
    for row in session.execute(select(*keys, *monthly).where(rows_of_theirs)).mappings():
        values: dict[str, Any] = {**emptied, **keep.replaced}
        values |= {name: new_uuid() for name in keep.renewed if name in table.c}
        values |= {column.name: to_month(row[column.name]) for column in monthly if row[column.name] is not None}
        if values:
            session.execute(update(table).where(*(key == row[key.name] for key in keys)).values(values))


def _empty(column: Column[Any]) -> object:
    """Text becomes '', anything else nothing; a field that can be neither needs a decision in ``ANONYMOUS``."""
    if isinstance(column.type, String):
        return ""
    if column.nullable:
        return None
    raise ValueError(f"{column.table.name}.{column.name}: not decided for anonymising")
