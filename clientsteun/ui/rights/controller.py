"""The resident's rights in the window: the menu actions, the hand-over (its transfer passphrase shown
once, then recorded here: closed or erased) and reading a dossier in (asking a hand-over file's
transfer passphrase, and what to do when the resident is already here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from clientsteun.services import Services
from clientsteun.services.dossier_copy import HandOver
from clientsteun.services.dossier_import import AlreadyHere, Imported
from clientsteun.services.safety import SafetyService
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded, user_message
from clientsteun.ui.rights.dialog import RightsDialog
from clientsteun.ui.rights.transfer import TransferPassphraseDialog
from clientsteun.ui.safety.unlock import confirm_passphrase

HAND_OVER_FILTER = "Overdrachtsbestanden (*.clientsteun);;Alle bestanden (*)"
IMPORT_FILTER = "Dossiers (*.json *.clientsteun);;Alle bestanden (*)"


class RightsController(QObject):
    imported = Signal(int)  # the new resident's number, to show them

    def __init__(self, services: Services, dossier: DossierPanel, window: QWidget) -> None:
        super().__init__(window)
        self.services = services
        self.dossier = dossier
        self.window = window
        self.safety = SafetyService(services.database.path, services.clock)  # to check the passphrase
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
        name = self.services.clients.get_client(client_id).display_name
        dialog = RightsDialog(self.services, client_id, name, self.window)
        dialog.hand_over_button.clicked.connect(lambda: self.choose_hand_over(dialog))
        dialog.record_button.clicked.connect(
            lambda: self.record_hand_over(dialog, erase=dialog.erase_choice.isChecked())
        )
        dialog.exec()

    def choose_hand_over(self, dialog: RightsDialog) -> None:
        path, _ = QFileDialog.getSaveFileName(
            dialog, self.tr("Overdrachtsbestand opslaan als"), "overdracht.clientsteun", self.tr(HAND_OVER_FILTER)
        )
        if path:
            self.hand_over(dialog, Path(path))

    @guarded
    def hand_over(self, dialog: RightsDialog, path: Path) -> HandOver:
        """Write the hand-over file, then show its transfer passphrase once."""
        handed = self.services.dossier_copy.hand_over(dialog.client_id, path)
        TransferPassphraseDialog(handed.transfer_passphrase, dialog).exec()
        return handed

    @guarded
    def record_hand_over(self, dialog: RightsDialog, *, erase: bool) -> bool:
        """After the colleague read the dossier in: close it here, or erase it (after the passphrase)."""
        question = (
            self.tr("Heeft uw collega het dossier ingelezen? Dan wordt het hier voorgoed gewist.")
            if erase
            else self.tr("Heeft uw collega het dossier ingelezen? Dan wordt het hier gesloten (overgedragen).")
        )
        answer = QMessageBox.question(self.window, self.tr("Overdracht vastleggen"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if erase and not confirm_passphrase(
            self.safety, self.tr("Typ uw wachtwoord om het dossier voorgoed te wissen."), dialog
        ):
            return False
        self.services.dossier_import.record_hand_over(dialog.client_id, erase=erase)
        dialog.accept()
        return True

    # -- reading a dossier in --------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Dossier inlezen"), "", self.tr(IMPORT_FILTER))
        if path:
            self.import_file(Path(path))

    @guarded
    def import_file(self, path: Path) -> Imported | None:
        """Read a copy or a hand-over file in; a resident already here is added as a copy only when asked."""
        passphrase = ""
        if self.services.dossier_import.needs_transfer_passphrase(path):
            passphrase, ok = QInputDialog.getText(
                self.window, self.tr("Overdrachtswachtwoord"),
                self.tr("Typ het overdrachtswachtwoord dat uw collega u gaf:"), QLineEdit.EchoMode.Password,
            )  # fmt: skip
            if not ok:
                return None
        try:
            imported = self.services.dossier_import.import_file(path, transfer_passphrase=passphrase)
        except AlreadyHere as refused:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deze inwoner is er al"), user_message(refused))
            copy = box.addButton(self.tr("Als kopie inlezen"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
            box.setParent(self.window, box.windowFlags())
            box.exec()
            if box.clickedButton() is not copy:
                return None
            imported = self.services.dossier_import.import_file(path, transfer_passphrase=passphrase, as_copy=True)
        self.imported.emit(imported.client_id)
        return imported
