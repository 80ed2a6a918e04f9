"""The audit log: append an entry, read the log, check its chain, export it as CSV."""

from __future__ import annotations

import csv
import io
import os
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clientsteun.domain.audit import GENESIS, AuditAction, AuditEntry, entry_hash, first_broken
from clientsteun.domain.cells import safe_cell
from clientsteun.domain.dates import format_date, format_time
from clientsteun.services.base import Service
from clientsteun.store.exports import Content, write_user_file
from clientsteun.store.tables import AuditEntryRow


def current_user() -> str:
    """The name of the operating system account that runs the app, as the system knows it.

    Never taken from the environment (``LOGNAME``, ``USER``, ``USERNAME``), which anyone starting the
    app can set: on POSIX the account of the process's user id, on Windows the account of its token
    (``os.getlogin`` asks the system there).
    """
    try:
        if sys.platform == "win32":
            return os.getlogin()
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (OSError, KeyError, ImportError):  # an account without a name in this system
        return "onbekend"


class AuditService(Service):
    def record(self, action: AuditAction, *, client_id: int | None = None, detail: str = "", at: str = "") -> None:
        """Append one entry.  ``detail`` is a short technical note: never names or note text.

        ``at`` (ISO) dates an entry that happened earlier.
        """
        moment = datetime.fromisoformat(at) if at else self.now()
        with self._db.transaction() as session:
            append_entry(session, moment, action, client_id, detail)

    def record_failed_unlocks(self, moments: tuple[str, ...]) -> None:
        """Failed unlock attempts counted in the key file (ISO times), in one transaction, each at its own time."""
        with self._db.transaction() as session:
            for moment in moments:
                append_entry(session, datetime.fromisoformat(moment), AuditAction.FAILED_UNLOCK, None, "")

    def export(
        self, target: Path, content: Content, action: AuditAction, *, client_id: int | None = None, detail: str = ""
    ) -> Path:
        """Write a file the user asked for (``store.exports.write_user_file``), then log it.

        The entry is written only once the file is in place, so a refused or failed write leaves
        no line behind.  Returns the path written.
        """
        written = write_user_file(target, content, database=self._db.path)
        self.record(action, client_id=client_id, detail=detail)
        return written

    def carry_over(self, entries: list[AuditEntry]) -> int:
        """After a restore: append the lines the replaced file had beyond this one, hashes unchanged.

        Only lines that continue this log's chain are taken, so the chain stays verifiable.
        Returns how many were added.
        """
        with self._db.transaction() as session:
            last = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id.desc()).limit(1)).first()
            previous, last_id = (GENESIS, 0) if last is None else (last.hash, last.id)
            added = 0
            for entry in entries:
                if entry.id <= last_id:
                    continue
                if entry.previous_hash != previous:
                    break
                session.add(
                    AuditEntryRow(
                        id=entry.id,
                        at=entry.at,
                        action=entry.action.value,
                        client_id=entry.client_id,
                        user=entry.user,
                        detail=entry.detail,
                        previous_hash=entry.previous_hash,
                        hash=entry.hash,
                    )
                )
                previous = entry.hash
                added += 1
            return added

    def entries(self) -> list[AuditEntry]:
        """The whole log, oldest first."""
        with self._db.transaction() as session:
            rows = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id)).all()
            return [
                AuditEntry(
                    row.id,
                    row.at,
                    AuditAction(row.action),
                    row.client_id,
                    row.user,
                    row.detail,
                    row.previous_hash,
                    row.hash,
                )
                for row in rows
            ]

    def first_broken(self) -> int | None:
        """The first entry whose hash chain does not hold, or None when the log is intact."""
        return first_broken(self.entries())

    def export_csv(self, target: Path) -> int:
        """Write the log as CSV (Excel-friendly: UTF-8 with BOM, semicolons); logs the export itself."""
        entries = self.entries()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(["nr", "datum", "tijd", "handeling", "inwoner", "gebruiker", "toelichting", "hash"])
        for entry in entries:
            cells = [
                entry.id,
                format_date(entry.at.date()),
                format_time(entry.at.time()),
                entry.action.label,
                entry.client_id or "",
                entry.user,
                entry.detail,
                entry.hash,
            ]
            writer.writerow([safe_cell(cell) for cell in cells])  # a text never starts a formula
        count = f"{len(entries)} {'regel' if len(entries) == 1 else 'regels'}"
        self.export(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"), AuditAction.AUDIT_EXPORT, detail=count)
        return len(entries)


def append_entry(session: Session, moment: datetime, action: AuditAction, client_id: int | None, detail: str) -> None:
    """One entry after the last, chained to it."""
    user = current_user()
    detail = detail[:200]  # the column's size: what is hashed is what is stored
    last = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id.desc()).limit(1)).first()
    previous = GENESIS if last is None else last.hash
    session.add(
        AuditEntryRow(
            at=moment,
            action=action.value,
            client_id=client_id,
            user=user,
            detail=detail,
            previous_hash=previous,
            hash=entry_hash(previous, moment, action.value, client_id, user, detail),
        )
    )
    session.flush()  # the next entry in this transaction chains to this one
