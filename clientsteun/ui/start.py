"""From start to an open database: choose or enter the passphrase, and deal with damage.

- First start: choose a passphrase and, if wanted, get a recovery key.
- An unencrypted database (from before encryption): choose a passphrase; it is encrypted once.
- Every start: enter the passphrase (or use the recovery key), then a quick integrity check.
- A damaged, empty or missing database, or a write-ahead log lost after a crash: a plain
  explanation and the offer to put back the latest backup that passes its checks.  The current
  file is always kept aside, and a new, empty database is never made in place of a lost one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.dates import format_long, format_time
from clientsteun.domain.errors import (
    ClientsteunError,
    DatabaseDamaged,
    EmptyFile,
    KeyMismatch,
    NoBackup,
)
from clientsteun.store.backups import Backup, restore, verify_file
from clientsteun.store.database import Database
from clientsteun.store.vault import Vault, VaultState
from clientsteun.ui.errors import show_error, user_message
from clientsteun.ui.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog

log = logging.getLogger(__name__)


def _text(source: str) -> str:
    return QCoreApplication.translate("StartFlow", source)


@dataclass(frozen=True)
class Happened:
    """Something the audit log must record once the database is open."""

    action: AuditAction
    detail: str = ""
    at: str = ""  # ISO time when it happened before now (a failed unlock)


@dataclass
class Opened:
    database: Database
    happened: list[Happened] = field(default_factory=list)


class StartFlow:
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        self.vault = vault
        self.parent = parent

    def run(self) -> Opened | None:
        """The open database, or None when the user chose to stop."""
        self.vault.wipe_leftovers()
        state = self.vault.state()
        if state is VaultState.NEW:
            return self._first_start()
        if state is VaultState.PLAINTEXT:
            return self._encrypt_once()
        key, events = self._unlock()
        if key is None:
            return None
        if state is VaultState.MISSING:
            return self._restore_instead(
                key, events, _text("Het databasebestand is er niet meer, maar er zijn wel reservekopieën.")
            )
        try:
            database = self.vault.open(key, check=True)
        except (DatabaseDamaged, EmptyFile) as error:
            log.warning("database does not open: %s %s", type(error).__name__, error.detail)
            return self._restore_instead(key, events, user_message(error))
        if database.wal_missing:
            database.close()
            why = _text(
                "Clientsteun werd de vorige keer niet goed afgesloten, en daarna is een hulpbestand "
                "van de database (het -wal-bestand) verdwenen. De laatste wijzigingen van toen "
                "kunnen daardoor ontbreken."
            )
            return self._restore_instead(key, events, why, allow_continue=True)
        return Opened(database, events)

    # -- the three ways in ---------------------------------------------------------------------

    def _first_start(self) -> Opened | None:
        dialog = NewPassphraseDialog(
            _text("Welkom bij Clientsteun"),
            _text(
                "Clientsteun bewaart alle gegevens versleuteld op deze laptop. Kies een wachtwoord "
                "dat alleen u kent. U typt het elke keer als u Clientsteun opent. Een zin van vier "
                "woorden is goed te onthouden en sterk."
            ),
            offer_recovery=True,
            parent=self.parent,
        )
        if not dialog.exec():
            return None
        key, code = self.vault.create_key(dialog.passphrase, with_recovery=dialog.wants_recovery)
        database = self.vault.open(key, create=True)
        events: list[Happened] = []
        if code:
            RecoveryKeyDialog(code, self.parent).exec()
            events.append(Happened(AuditAction.RECOVERY_KEY_MADE))
        return Opened(database, events)

    def _encrypt_once(self) -> Opened | None:
        dialog = NewPassphraseDialog(
            _text("Database versleutelen"),
            _text(
                "Deze versie van Clientsteun bewaart alle gegevens versleuteld. Kies een wachtwoord; "
                "daarna wordt uw database één keer versleuteld. Eerst wordt een versleutelde "
                "reservekopie gemaakt, er gaat niets verloren."
            ),
            offer_recovery=True,
            parent=self.parent,
        )
        if not dialog.exec():
            return None
        if self.vault.key_path.exists():  # an earlier attempt stopped halfway: start over
            self.vault.key_path.rename(self.vault.key_path.with_name(self.vault.key_path.name + ".oud"))
        key, code = self.vault.create_key(dialog.passphrase, with_recovery=dialog.wants_recovery)
        database = self.vault.open(key)
        events = [Happened(AuditAction.ENCRYPTED)]
        if code:
            RecoveryKeyDialog(code, self.parent).exec()
            events.append(Happened(AuditAction.RECOVERY_KEY_MADE))
        return Opened(database, events)

    def _unlock(self) -> tuple[bytes | None, list[Happened]]:
        intro = _text("Typ uw wachtwoord om Clientsteun te openen.")
        dialog = UnlockDialog(self.vault, intro, self.parent)
        if not dialog.exec():
            return None, []
        events = [Happened(AuditAction.FAILED_UNLOCK, at=stamp) for stamp in self.vault.take_failed_unlocks()]
        if dialog.used_recovery:
            events += [Happened(AuditAction.UNLOCK_WITH_RECOVERY_KEY), Happened(AuditAction.PASSPHRASE_CHANGED)]
        return dialog.key, events

    # -- damage --------------------------------------------------------------------------------

    def _restore_instead(
        self, key: bytes, events: list[Happened], why: str, *, allow_continue: bool = False
    ) -> Opened | None:
        backup = latest_good_backup(self.vault, key)
        if backup is None:
            if allow_continue:
                return Opened(self.vault.open(key, check=True), events)
            show_error(self.parent, NoBackup(_text("{why}\n\nEr is geen bruikbare reservekopie.").format(why=why)))
            return None
        when = f"{format_long(backup.made_at.date())} {format_time(backup.made_at.time())}"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _text("Probleem met de database"),
            _text(
                "{why}\n\nDe laatste goede reservekopie is van {when}. Wilt u die terugzetten? "
                "Het huidige bestand blijft bewaard; er wordt niets weggegooid."
            ).format(why=why, when=when),
            QMessageBox.StandardButton.NoButton,
            self.parent,
        )
        restore_button = box.addButton(_text("Reservekopie terugzetten"), QMessageBox.ButtonRole.AcceptRole)
        continue_button = (
            box.addButton(_text("Toch openen zoals hij is"), QMessageBox.ButtonRole.DestructiveRole)
            if allow_continue
            else None
        )
        box.addButton(_text("Stoppen"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore_button)
        box.exec()
        clicked = box.clickedButton()
        if clicked is continue_button:
            return Opened(self.vault.open(key, check=True), events)
        if clicked is not restore_button:
            return None
        try:
            restore(self.vault.db_path, key, backup.path)
            database = self.vault.open(key, check=True)
        except ClientsteunError as error:
            show_error(self.parent, error)
            return None
        return Opened(database, [*events, Happened(AuditAction.RESTORE, backup.path.name)])


def latest_good_backup(vault: Vault, key: bytes) -> Backup | None:
    """The newest backup that passes every check with this key."""
    for backup in vault.backups.backups():
        try:
            if not verify_file(backup.path, key):
                return backup
        except KeyMismatch:
            continue
    return None
