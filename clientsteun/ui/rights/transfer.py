"""The transfer passphrase of a hand-over file, shown once: the dialog closes only after the supporter
confirmed they noted it (it is stored nowhere, so it cannot be shown again)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from clientsteun.ui.widgets.fields import note
from clientsteun.ui.widgets.screen import fit_on_screen


class TransferPassphraseDialog(QDialog):
    def __init__(self, passphrase: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Overdrachtswachtwoord"))
        intro = note(
            self.tr(
                "Het overdrachtsbestand is gemaakt. Schrijf dit wachtwoord op en geef het aan uw collega op een "
                "andere manier dan het bestand (bijvoorbeeld telefonisch). Het wordt maar één keer getoond."
            )
        )
        self.passphrase = QLineEdit(passphrase)
        self.passphrase.setReadOnly(True)
        self.passphrase.setAccessibleName(self.tr("Overdrachtswachtwoord"))
        font = QFont("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.passphrase.setFont(font)
        self.noted = QCheckBox(self.tr("Ik heb het overdrachtswachtwoord genoteerd"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.noted.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.noted)
        layout.addWidget(self.buttons)
        self.noted.setFocus()
        fit_on_screen(self, 520, 220)

    def reject(self) -> None:
        """Escape or the window's close button: only once the passphrase is noted."""
        if self.noted.isChecked():
            super().reject()
