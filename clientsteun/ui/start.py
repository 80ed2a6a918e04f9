"""From start to an open database: choose or enter the passphrase, and deal with damage.

- First start: choose a passphrase and, if wanted, get a recovery key.
- An unencrypted database (from before encryption): choose a passphrase; it is encrypted once
  (after an encryption that stopped halfway, the passphrase chosen then is asked instead).
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
from clientsteun.domain.errors import ClientsteunError, DatabaseDamaged, EmptyFile, NoBackup
from clientsteun.store.backups import restore
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
        if state is VaultState.NEW or (state is VaultState.PLAINTEXT and not self.vault.key_path.exists()):
            return self._new_key(state)
        key, events = self._unlock()
        if key is None:
            return None
        if state is VaultState.PLAINTEXT:  # an encryption that stopped halfway: its key file stays valid
            return Opened(self.vault.open(key), [*events, Happened(AuditAction.ENCRYPTED)])
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

    def _new_key(self, state: VaultState) -> Opened | None:
        """A first start, or a database from before encryption: choose a passphrase."""
        if state is VaultState.NEW:
            title = _text("Welkom bij Clientsteun")
            intro = _text(
                "Clientsteun bewaart alle gegevens versleuteld op deze laptop. Kies een wachtwoord "
                "dat alleen u kent. U typt het elke keer als u Clientsteun opent. Een zin van vier "
                "woorden is goed te onthouden en sterk."
            )
        else:
            title = _text("Database versleutelen")
            intro = _text(
                "Deze versie van Clientsteun bewaart alle gegevens versleuteld. Kies een wachtwoord; "
                "daarna wordt uw database één keer versleuteld. Eerst wordt een versleutelde "
                "reservekopie gemaakt, er gaat niets verloren."
            )
        dialog = NewPassphraseDialog(title, intro, offer_recovery=True, parent=self.parent)
        if not dialog.exec():
            return None
        key, code = self.vault.create_key(dialog.passphrase, with_recovery=dialog.wants_recovery)
        database = self.vault.open(key, create=state is VaultState.NEW)  # encrypts a plaintext one
        events = [] if state is VaultState.NEW else [Happened(AuditAction.ENCRYPTED)]
        if code:
            RecoveryKeyDialog(code, self.vault.db_path, self.parent).exec()
            events.append(Happened(AuditAction.RECOVERY_KEY_MADE))
        return Opened(database, events)

    def _unlock(self) -> tuple[bytes | None, list[Happened]]:
        intro = _text("Typ uw wachtwoord om Clientsteun te openen.")
        dialog = UnlockDialog(self.vault, intro, self.parent)
        if not dialog.exec():
            return None, []
        events = []
        if dialog.used_recovery:
            events = [Happened(AuditAction.UNLOCK_WITH_RECOVERY_KEY), Happened(AuditAction.PASSPHRASE_CHANGED)]
        return dialog.key, events

    # -- damage --------------------------------------------------------------------------------

    def _restore_instead(
        self, key: bytes, events: list[Happened], why: str, *, allow_continue: bool = False
    ) -> Opened | None:
        backup = self.vault.backups.latest_good(key)
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
