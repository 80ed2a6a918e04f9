"""The resident's rights in the window: the menu actions, the copy and the hand-over (made on a worker
thread: reading the whole dossier, the PDF and Argon2id take a while; the transfer passphrase is
shown once, then the hand-over recorded here: closed, or erased through the one erase flow) and
reading a dossier in (asking a hand-over file's transfer passphrase, opening it on a worker thread,
and what to do when the resident is already here)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from clientsteun.domain.dossier_format import Body, Mention
from clientsteun.domain.errors import ClientsteunError
from clientsteun.services import Services
from clientsteun.services.dossier_copy import HandOver
from clientsteun.services.dossier_import import AlreadyHere, Imported, Opened, open_file
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded, show_error, user_message
from clientsteun.ui.privacy.controller import PrivacyController
from clientsteun.ui.rights.dialog import RightsDialog
from clientsteun.ui.rights.transfer import TransferPassphraseDialog
from clientsteun.ui.tasks import Tasks

HAND_OVER_FILTER = "Overdrachtsbestanden (*.clientsteun);;Alle bestanden (*)"
IMPORT_FILTER = "Dossiers (*.json *.clientsteun);;Alle bestanden (*)"
Connect = Callable[[], AbstractContextManager[Services]]  # ``Services.on_own_connection``


def read_mentions(own_connection: Connect, client_id: int) -> tuple[Body, list[Mention]]:
    """The dossier and its passages that name other people, on a connection of its own."""
    with own_connection() as own:
        return own.dossier_copy.read_copy(client_id), own.dossier_copy.mentions(client_id)


def save_copy(own_connection: Connect, client_id: int, path: Path, pdf: bool, left: list[str]) -> Path:
    with own_connection() as own:
        return own.dossier_copy.save_copy(client_id, path, pdf=pdf, leave_out=left)


def hand_over(own_connection: Connect, client_id: int, path: Path) -> HandOver:
    with own_connection() as own:
        return own.dossier_copy.hand_over(client_id, path)


class RightsController(QObject):
    imported = Signal(int)  # the new resident's number, to show them

    def __init__(
        self, services: Services, dossier: DossierPanel, window: QWidget, tasks: Tasks, privacy: PrivacyController
    ) -> None:
        super().__init__(window)
        self.services = services
        self.dossier = dossier
        self.window = window
        self.tasks = tasks
        self.privacy = privacy  # erasing goes through its one confirmation
        self.rights_action = QAction(self.tr("&Rechten van de inwoner…"), window)
        self.rights_action.setToolTip(self.tr("Kopie, overdracht, verzoeken en verklaring van deze inwoner"))
        self.rights_action.triggered.connect(lambda _checked=False: self.show_rights())
        self.import_action = QAction(self.tr("&Dossier inlezen…"), window)
        self.import_action.triggered.connect(lambda _checked=False: self.choose_import())

    # -- one resident ----------------------------------------------------------------------------

    @guarded
    def show_rights(self) -> None:
        client_id = self.dossier.client_id
        if client_id is None:
            QMessageBox.information(self.window, self.tr("Rechten van de inwoner"), self.tr("Kies eerst een inwoner."))
            return
        self.rights_dialog(client_id).exec()

    def rights_dialog(self, client_id: int) -> RightsDialog:
        """The dialog for ``client_id``, wired to this controller; the passages are read on the tasks."""
        name = self.services.clients.get_client(client_id).display_name
        dialog = RightsDialog(self.services, client_id, name, self.window)
        dialog.pdf_button.clicked.connect(lambda: self.choose_copy(dialog, pdf=True))
        dialog.json_button.clicked.connect(lambda: self.choose_copy(dialog, pdf=False))
        dialog.hand_over_button.clicked.connect(lambda: self.choose_hand_over(dialog))
        dialog.record_button.clicked.connect(
            lambda: self.record_hand_over(dialog, erase=dialog.erase_choice.isChecked())
        )
        self.tasks.run(
            functools.partial(read_mentions, self.services.on_own_connection, client_id),
            on_done=lambda found: dialog.show_mentions(*found),
            label=self.tr("Het dossier wordt gelezen…"),
            parent=dialog,
        )
        return dialog

    def choose_copy(self, dialog: RightsDialog, *, pdf: bool) -> None:
        path = dialog.choose_copy(pdf=pdf)
        if path is not None:
            self.save_copy(dialog, path, pdf=pdf)

    def save_copy(self, dialog: RightsDialog, path: Path, *, pdf: bool) -> None:
        """Write the resident's copy on the tasks (the PDF takes a while); the dialog says where it went."""
        job = functools.partial(
            save_copy, self.services.on_own_connection, dialog.client_id, path, pdf, dialog.left_out()
        )
        self.tasks.run(
            job,
            on_done=lambda written: dialog.status.setText(
                self.tr("Kopie opgeslagen als {file}.").format(file=written.name)
            ),
            label=self.tr("De kopie wordt gemaakt…"),
            parent=dialog,
        )

    def choose_hand_over(self, dialog: RightsDialog) -> None:
        path, _ = QFileDialog.getSaveFileName(
            dialog, self.tr("Overdrachtsbestand opslaan als"), "overdracht.clientsteun", self.tr(HAND_OVER_FILTER)
        )
        if path:
            self.hand_over(dialog, Path(path))

    def hand_over(self, dialog: RightsDialog, path: Path) -> None:
        """Write the hand-over file on the tasks (Argon2id takes a moment), then show its passphrase once."""
        self.tasks.run(
            functools.partial(hand_over, self.services.on_own_connection, dialog.client_id, path),
            on_done=functools.partial(self._show_passphrase, dialog),
            label=self.tr("Het overdrachtsbestand wordt versleuteld…"),
            parent=dialog,
        )

    def _show_passphrase(self, dialog: RightsDialog, handed: HandOver) -> None:
        TransferPassphraseDialog(handed.transfer_passphrase, dialog).exec()

    @guarded
    def record_hand_over(self, dialog: RightsDialog, *, erase: bool) -> None:
        """After the colleague read the dossier in: close it here, or erase it (the one erase confirmation:
        the backups that still hold the resident and the offer to rewrite them, then the passphrase; the
        dialog closes once the dossier is erased)."""
        question = (
            self.tr("Heeft uw collega het dossier ingelezen? Dan wordt het hier voorgoed gewist.")
            if erase
            else self.tr("Heeft uw collega het dossier ingelezen? Dan wordt het hier gesloten (overgedragen).")
        )
        answer = QMessageBox.question(self.window, self.tr("Overdracht vastleggen"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        record = functools.partial(self.services.dossier_import.record_hand_over, erase=erase)
        if erase:
            self.privacy.erase_client(dialog.client_id, record, on_erased=dialog.accept)
        else:
            record(dialog.client_id)
            dialog.accept()

    # -- reading a dossier in --------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Dossier inlezen"), "", self.tr(IMPORT_FILTER))
        if path:
            self.import_file(Path(path))

    @guarded
    def import_file(self, path: Path) -> None:
        """Read a copy or a hand-over file in: opened and checked on the tasks (a hand-over file's
        Argon2id takes a moment), then added here; a resident already here only as a copy when asked."""
        passphrase = ""
        if self.services.dossier_import.needs_transfer_passphrase(path):
            passphrase, ok = QInputDialog.getText(
                self.window, self.tr("Overdrachtswachtwoord"),
                self.tr("Typ het overdrachtswachtwoord dat uw collega u gaf:"), QLineEdit.EchoMode.Password,
            )  # fmt: skip
            if not ok:
                return
        self.tasks.run(
            functools.partial(open_file, path, passphrase),
            on_done=self._add,
            label=self.tr("Het dossier wordt geopend en gecontroleerd…"),
            parent=self.window,
        )

    def _add(self, opened: Opened) -> None:
        try:
            imported = self.services.dossier_import.import_opened(opened)
        except AlreadyHere as refused:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deze inwoner is er al"), user_message(refused))
            copy = box.addButton(self.tr("Als kopie inlezen"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
            box.setParent(self.window, box.windowFlags())
            box.exec()
            if box.clickedButton() is not copy:
                return
            try:
                imported = self.services.dossier_import.import_opened(opened, as_copy=True)
            except ClientsteunError as error:
                show_error(self.window, error)
                return
        except ClientsteunError as error:
            show_error(self.window, error)
            return
        self._tell_unknown(imported)
        self.imported.emit(imported.client_id)

    def _tell_unknown(self, imported: Imported) -> None:
        if imported.unknown:
            QMessageBox.information(
                self.window,
                self.tr("Dossier ingelezen"),
                self.tr(
                    "Het dossier is ingelezen. De catalogus op deze laptop kent niet: {codes}. Het dossier toont "
                    "ze zoals ze zijn; vraag uw coördinator de catalogus aan te vullen."
                ).format(codes=", ".join(imported.unknown)),
            )
