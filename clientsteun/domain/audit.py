"""The audit log's rules: which actions are logged, their Dutch names, and the hash chain.

Each entry's hash covers its own fields and the previous entry's hash, so changing, removing or
inserting a line anywhere breaks the chain from that line on.  Entries name a resident only by
id and never hold note text or names.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from clientsteun.domain.errors import QT_TRANSLATE_NOOP

GENESIS = "0" * 64


class AuditAction(enum.StrEnum):
    EXPORT = "export"
    PRINT = "print"
    PREPARATION_SHEET = "preparation_sheet"
    SUMMARY = "summary"
    SUMMARY_PACKAGE = "summary_package"
    SUMMARY_COMBINED = "summary_combined"
    BACKUP = "backup"
    RESTORE = "restore"
    ERASE = "erase"
    ANONYMISE = "anonymise"
    BACKUPS_REWRITTEN = "backups_rewritten"
    FAILED_UNLOCK = "failed_unlock"
    UNLOCK_WITH_RECOVERY_KEY = "unlock_with_recovery_key"
    PASSPHRASE_CHANGED = "passphrase_changed"
    RECOVERY_KEY_MADE = "recovery_key_made"
    ENCRYPTED = "encrypted"
    AUDIT_EXPORT = "audit_export"
    HAND_OVER = "hand_over"
    DOSSIER_IMPORT = "dossier_import"
    HAND_OVER_RECORDED = "hand_over_recorded"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AuditAction.EXPORT: QT_TRANSLATE_NOOP("audit", "Gegevens geëxporteerd"),
    AuditAction.PRINT: QT_TRANSLATE_NOOP("audit", "Afgedrukt"),
    AuditAction.PREPARATION_SHEET: QT_TRANSLATE_NOOP("audit", "Voorbereidingsblad gemaakt"),
    AuditAction.SUMMARY: QT_TRANSLATE_NOOP("audit", "Samenvatting gemaakt"),
    AuditAction.SUMMARY_PACKAGE: QT_TRANSLATE_NOOP("audit", "Samenvattingspakket gemaakt"),
    AuditAction.SUMMARY_COMBINED: QT_TRANSLATE_NOOP("audit", "Pakketten samengevoegd tot een samenvatting"),
    AuditAction.BACKUP: QT_TRANSLATE_NOOP("audit", "Reservekopie gemaakt"),
    AuditAction.RESTORE: QT_TRANSLATE_NOOP("audit", "Reservekopie teruggezet"),
    AuditAction.ERASE: QT_TRANSLATE_NOOP("audit", "Gegevens gewist"),
    AuditAction.ANONYMISE: QT_TRANSLATE_NOOP("audit", "Dossier geanonimiseerd"),
    AuditAction.BACKUPS_REWRITTEN: QT_TRANSLATE_NOOP("audit", "Reservekopieën herschreven zonder gewiste inwoner"),
    AuditAction.FAILED_UNLOCK: QT_TRANSLATE_NOOP("audit", "Mislukte poging om te ontgrendelen"),
    AuditAction.UNLOCK_WITH_RECOVERY_KEY: QT_TRANSLATE_NOOP("audit", "Geopend met de herstelsleutel"),
    AuditAction.PASSPHRASE_CHANGED: QT_TRANSLATE_NOOP("audit", "Wachtwoord gewijzigd"),
    AuditAction.RECOVERY_KEY_MADE: QT_TRANSLATE_NOOP("audit", "Nieuwe herstelsleutel gemaakt"),
    AuditAction.ENCRYPTED: QT_TRANSLATE_NOOP("audit", "Database versleuteld"),
    AuditAction.AUDIT_EXPORT: QT_TRANSLATE_NOOP("audit", "Logboek geëxporteerd"),
    AuditAction.HAND_OVER: QT_TRANSLATE_NOOP("audit", "Dossier versleuteld klaargezet voor overdracht"),
    AuditAction.DOSSIER_IMPORT: QT_TRANSLATE_NOOP("audit", "Dossier ingelezen"),
    AuditAction.HAND_OVER_RECORDED: QT_TRANSLATE_NOOP("audit", "Overdracht aan een collega vastgelegd"),
}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    action: AuditAction
    client_id: int | None
    user: str
    detail: str
    previous_hash: str
    hash: str


def entry_hash(previous_hash: str, at: datetime, action: str, client_id: int | None, user: str, detail: str) -> str:
    fields = (previous_hash, at.isoformat(timespec="seconds"), action, str(client_id or ""), user, detail)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def first_broken(entries: Iterable[AuditEntry]) -> int | None:
    """The id of the first entry whose chain does not hold (oldest first), or None when intact."""
    previous = GENESIS
    for entry in entries:
        expected = entry_hash(previous, entry.at, entry.action, entry.client_id, entry.user, entry.detail)
        if entry.previous_hash != previous or entry.hash != expected:
            return entry.id
        previous = entry.hash
    return None
