"""From start to an open database: choose or enter the passphrase, and deal with damage.

- First start: choose a passphrase and, if wanted, get a recovery key.
- An unencrypted database (from before encryption): choose a passphrase; it is encrypted once
  (after an encryption that stopped halfway, the passphrase chosen then is asked instead).
- Every start: enter the passphrase (or use the recovery key); the window shows once the key has
  opened the file, and holds editing until the quick integrity check, on a worker thread, passed
  (``hold_until_checked``).
- A damaged, empty or missing database, or a write-ahead log lost after a crash: a plain
  explanation and the offer to put back the latest backup that passes its checks.  The current
  file is always kept aside, and a new, empty database is never made in place of a lost one.  A
  lost log is said again at every start until a backup is put back or the user opens the file as
  it is.
"""

from __future__ import annotations

import enum
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolBar, QWidget

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.dates import format_long, format_time
from clientsteun.domain.errors import ClientsteunError, DatabaseDamaged, EmptyFile, NoBackup
from clientsteun.services.safety import Backup, Database, Happened, SafetyService, VaultState
from clientsteun.ui.errors import show_error, user_message
from clientsteun.ui.safety.lock import SafetyMenu
from clientsteun.ui.safety.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog

log = logging.getLogger(__name__)


def _text(source: str) -> str:
    return QCoreApplication.translate("StartFlow", source)


@dataclass
class Opened:
    """The database the start opened, what the audit log must record, and whether it was checked."""

    database: Database
    happened: list[Happened] = field(default_factory=list)
    checked: bool = True  # False: the quick integrity check is still to run (``hold_until_checked``)


class Choice(enum.Enum):
    RESTORE = "restore"
    CONTINUE = "continue"
    STOP = "stop"


def offer_restore(parent: QWidget | None, backup: Backup, why: str, *, allow_continue: bool = False) -> Choice:
    """Explain ``why`` and offer to put back ``backup`` (the latest good one); the current file is kept."""
    return _answer(restore_box(parent, backup, why, allow_continue=allow_continue))


def _answer(box: QMessageBox) -> Choice:
    """Ask ``box``: its accepting button puts the backup back, its destructive one opens the file as it
    is; Esc and "Stoppen" stop."""
    box.exec()
    clicked = box.clickedButton()
    role = box.buttonRole(clicked) if clicked is not None else QMessageBox.ButtonRole.InvalidRole
    if role == QMessageBox.ButtonRole.AcceptRole:
        return Choice.RESTORE
    return Choice.CONTINUE if role == QMessageBox.ButtonRole.DestructiveRole else Choice.STOP


def restore_box(parent: QWidget | None, backup: Backup, why: str, *, allow_continue: bool = False) -> QMessageBox:
    """The question of ``offer_restore``, built and not yet asked."""
    when = f"{format_long(backup.made_at.date())} {format_time(backup.made_at.time())}"
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _text("Probleem met de database"),
        _text(
            "{why}\n\nDe laatste goede reservekopie is van {when}. Wilt u die terugzetten? "
            "Het huidige bestand blijft bewaard; er wordt niets weggegooid."
        ).format(why=why, when=when),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    restore_button = box.addButton(_text("Reservekopie terugzetten"), QMessageBox.ButtonRole.AcceptRole)
    if allow_continue:
        box.addButton(_text("Toch openen zoals hij is"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_text("Stoppen"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    return box


def offer_continue(parent: QWidget | None, why: str) -> bool:
    """Explain ``why`` where no backup can be offered: open the file as it is, or stop."""
    return _answer(continue_box(parent, why)) is Choice.CONTINUE


def continue_box(parent: QWidget | None, why: str) -> QMessageBox:
    """The question of ``offer_continue``, built and not yet asked."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _text("Probleem met de database"),
        _text("{why}\n\nEr is geen reservekopie om terug te zetten.").format(why=why),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    continue_button = box.addButton(_text("Toch openen zoals hij is"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_text("Stoppen"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(continue_button)
    return box


def no_backup(parent: QWidget | None, why: str) -> None:
    show_error(parent, NoBackup(_text("{why}\n\nEr is geen bruikbare reservekopie.").format(why=why)))


def new_key_dialog(state: VaultState, parent: QWidget | None) -> NewPassphraseDialog:
    """Choosing the passphrase at a first start, or for a database from before encryption."""
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
    return NewPassphraseDialog(title, intro, offer_recovery=True, parent=parent)


def unlock_dialog(safety: SafetyService, parent: QWidget | None) -> UnlockDialog:
    """Asking the passphrase at every start."""
    return UnlockDialog(safety, _text("Typ uw wachtwoord om Clientsteun te openen."), parent)


class StartFlow:
    def __init__(self, safety: SafetyService, parent: QWidget | None = None) -> None:
        self.safety = safety
        self.parent = parent

    def run(self) -> Opened | None:
        """The open database, or None when the user chose to stop."""
        state = self.safety.state()
        if state is VaultState.NEW or (state is VaultState.PLAINTEXT and not self.safety.has_key_file()):
            return self._new_key(state)
        key, events = self._unlock()
        if key is None:
            return None
        if state is VaultState.PLAINTEXT:  # an encryption that stopped halfway: its key file stays valid
            return Opened(self.safety.open(key), [*events, Happened(AuditAction.ENCRYPTED)])
        if state is VaultState.MISSING:
            return self._restore_instead(
                key, events, _text("Het databasebestand is er niet meer, maar er zijn wel reservekopieën.")
            )
        try:
            database = self.safety.open(key)
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
        return Opened(database, events, checked=False)

    def _new_key(self, state: VaultState) -> Opened | None:
        """A first start, or a database from before encryption: choose a passphrase."""
        dialog = new_key_dialog(state, self.parent)
        if not dialog.exec():
            return None
        key, code = self.safety.create_key(dialog.passphrase, with_recovery=dialog.wants_recovery)
        database = self.safety.open(key, create=state is VaultState.NEW)  # encrypts a plaintext one
        events = [] if state is VaultState.NEW else [Happened(AuditAction.ENCRYPTED)]
        if code:
            RecoveryKeyDialog(code, self.safety.db_path, self.parent).exec()
            events.append(Happened(AuditAction.RECOVERY_KEY_MADE))
        return Opened(database, events)

    def _unlock(self) -> tuple[bytes | None, list[Happened]]:
        dialog = unlock_dialog(self.safety, self.parent)
        if not dialog.exec():
            return None, []
        return dialog.key, dialog.happened

    # -- damage --------------------------------------------------------------------------------

    def _restore_instead(
        self, key: bytes, events: list[Happened], why: str, *, allow_continue: bool = False
    ) -> Opened | None:
        backup = self.safety.latest_good_backup(key)
        if backup is None:
            if allow_continue and offer_continue(self.parent, why):
                return Opened(self.safety.open(key, accept_lost_wal=True), events, checked=False)
            if not allow_continue:
                no_backup(self.parent, why)
            return None
        choice = offer_restore(self.parent, backup, why, allow_continue=allow_continue)
        if choice is Choice.CONTINUE:  # the user takes the file as it is: the warning ends here
            return Opened(self.safety.open(key, accept_lost_wal=True), events, checked=False)
        if choice is Choice.STOP:
            return None
        try:
            self.safety.restore(key, backup.path, detail=backup.path.name)  # the restore is logged in it
            database = self.safety.open(key)
        except ClientsteunError as error:
            show_error(self.parent, error)
            return None
        return Opened(database, events)  # a backup is checked before it is put back


def hold_until_checked(window: QMainWindow, menu: SafetyMenu, *, then: Callable[[], None] = lambda: None) -> None:
    """Editing waits while the quick integrity check runs on ``menu``'s tasks, and ``then`` follows it.

    A damaged file leads to the offer to put back the latest good backup (through ``menu``, which
    runs it; editing and ``then`` follow the restore) or to closing the window.
    """
    safety, key = menu.safety, menu.database.key
    parts = [part for part in (window.centralWidget(), window.menuBar()) if part is not None]
    parts += window.findChildren(QToolBar)
    for part in parts:
        part.setEnabled(False)
    window.statusBar().showMessage(_text("De database wordt gecontroleerd. Even geduld…"))

    def release(_result: object = None) -> None:
        for part in parts:
            part.setEnabled(True)
        window.statusBar().showMessage(_text("De database is gecontroleerd: in orde."), 5000)
        then()

    def damaged(error: ClientsteunError) -> None:
        log.warning("database failed its check: %s %s", type(error).__name__, error.detail)
        window.statusBar().clearMessage()
        why = user_message(error)
        backup = safety.latest_good_backup(key)
        if backup is None:
            no_backup(window, why)
            window.close()
        elif offer_restore(window, backup, why) is Choice.RESTORE:
            menu.restored.connect(release)
            menu.restore_backup(backup.path)
        else:
            window.close()

    menu.tasks.run(
        functools.partial(safety.quick_check, key),
        on_done=release,
        on_failed=damaged,
        label=_text("De database wordt gecontroleerd…"),
        parent=window,
    )
