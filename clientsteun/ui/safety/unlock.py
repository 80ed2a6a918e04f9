"""Dialogs around the passphrase: choose one, unlock with it (or the recovery key), keep the recovery key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.dates import format_long
from clientsteun.domain.errors import ClientsteunError, WrongPassphrase, WrongRecoveryKey
from clientsteun.domain.passphrase import strength
from clientsteun.services.files import write_user_file
from clientsteun.services.safety import Happened, SafetyService
from clientsteun.ui.errors import show_error, user_message


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(320)
    return field


def _text(source: str) -> str:
    return QCoreApplication.translate("unlock", source)


class NewPassphraseDialog(QDialog):
    """Choose a passphrase (twice), with a live strength hint; optionally ask for a recovery key."""

    def __init__(self, title: str, intro: str, *, offer_recovery: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        self.first = _password_field(self.tr("Nieuw wachtwoord"))
        self.second = _password_field(self.tr("Nieuw wachtwoord nog een keer"))
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        self.recovery = QCheckBox(self.tr("Maak een herstelsleutel voor als ik het wachtwoord vergeet (aangeraden)"))
        self.recovery.setChecked(True)
        self.recovery.setVisible(offer_recovery)
        self.offer_recovery = offer_recovery
        form = QFormLayout()
        form.addRow(self.tr("Wachtwoord"), self.first)
        form.addRow(self.tr("Nog een keer"), self.second)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(form)
        layout.addWidget(self.recovery)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    @property
    def passphrase(self) -> str:
        return self.first.text()

    @property
    def wants_recovery(self) -> bool:
        return self.offer_recovery and self.recovery.isChecked()

    def _update(self) -> None:
        level = strength(self.first.text())
        hint = QCoreApplication.translate("passphrase", level.hint)
        if not self.first.text():  # nothing typed yet: a tip, not an error
            hint = self.tr("Tip: een zin van een paar woorden is sterk en goed te onthouden.")
        matching = self.first.text() == self.second.text()
        if level.acceptable and self.second.text() and not matching:
            hint += " " + self.tr("De twee wachtwoorden zijn niet gelijk.")
        self.hint.setText(hint)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(level.acceptable and matching)


class UnlockDialog(QDialog):
    """Asks the passphrase until it is right; the key is in ``key`` after ``exec()`` accepts.

    "Herstelsleutel gebruiken" opens with the recovery key and then asks for a new passphrase;
    ``happened`` then holds what the audit log must record once the database is open.  A passphrase
    chosen before weak ones were refused still opens; with ``ask_stronger`` the dialog then asks for
    a stronger one (a re-wrap of the key: a second; data and backups stay as they are).
    """

    def __init__(
        self, safety: SafetyService, intro: str, parent: QWidget | None = None, *, ask_stronger: bool = True
    ) -> None:
        super().__init__(parent)
        self.safety = safety
        self.ask_stronger = ask_stronger
        self.key = b""
        self.happened: list[Happened] = []
        self.setWindowTitle(self.tr("Clientsteun ontgrendelen"))
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        self.passphrase = _password_field(self.tr("Wachtwoord"))
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Wachtwoord"), self.passphrase)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(self.tr("Ontgrendelen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.recovery_button = buttons.addButton(
            self.tr("Herstelsleutel gebruiken…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.quit_button = buttons.addButton(self.tr("Afsluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.recovery_button.clicked.connect(self.use_recovery_key)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def try_unlock(self) -> None:
        try:
            self.key = self.safety.unlock(self.passphrase.text())
        except WrongPassphrase as error:
            self.passphrase.clear()
            self._say(user_message(error))
            self.passphrase.setFocus()
            return
        except ClientsteunError as error:
            show_error(self, error)
            return
        if self.ask_stronger and not strength(self.passphrase.text()).acceptable:
            self._choose_stronger()
        self.accept()

    def _choose_stronger(self) -> None:
        """The passphrase that opened is easy to guess: ask for a stronger one (it may wait)."""
        dialog = NewPassphraseDialog(
            self.tr("Kies een sterker wachtwoord"),
            self.tr(
                "Uw wachtwoord is makkelijk te raden. Kies nu een sterker wachtwoord: dat duurt een seconde, "
                "uw gegevens en reservekopieën blijven zoals ze zijn. Met Annuleren vraagt Clientsteun het "
                "bij de volgende keer opnieuw."
            ),
            offer_recovery=False,
            parent=self,
        )
        if not dialog.exec():
            return
        try:
            self.safety.reset_passphrase(self.key, dialog.passphrase)
        except ClientsteunError as error:
            show_error(self, error)
            return
        self.happened.append(Happened(AuditAction.PASSPHRASE_CHANGED))

    def _say(self, text: str) -> None:
        """The message under the field, whole: the dialog grows to the lines it wraps to."""
        self.message.setText(text)
        self.message.setMinimumHeight(self.message.heightForWidth(self.message.width()))
        self.adjustSize()

    def recovery_prompt(self) -> QInputDialog:
        """The question for the recovery key, built and not yet asked."""
        prompt = QInputDialog(self)
        prompt.setWindowTitle(self.tr("Herstelsleutel"))
        prompt.setInputMode(QInputDialog.InputMode.TextInput)
        prompt.setLabelText(self.tr("Typ de herstelsleutel over (8 groepjes van 4 tekens):"))
        return prompt

    def use_recovery_key(self) -> None:
        prompt = self.recovery_prompt()
        asked = prompt.exec()
        code = prompt.textValue()
        prompt.deleteLater()
        if not asked or not code.strip():
            return
        try:
            key = self.safety.unlock_with_recovery(code)
        except WrongRecoveryKey as error:
            self._say(user_message(error))
            return
        except ClientsteunError as error:
            show_error(self, error)
            return
        dialog = NewPassphraseDialog(
            self.tr("Kies een nieuw wachtwoord"),
            self.tr("De herstelsleutel klopt. Kies nu een nieuw wachtwoord."),
            offer_recovery=False,
            parent=self,
        )
        if not dialog.exec():
            return
        try:
            self.safety.reset_passphrase(key, dialog.passphrase)
        except ClientsteunError as error:
            show_error(self, error)
            return
        self.key = key
        self.happened = [Happened(AuditAction.UNLOCK_WITH_RECOVERY_KEY), Happened(AuditAction.PASSPHRASE_CHANGED)]
        self.accept()


def confirm_passphrase(safety: SafetyService, intro: str, parent: QWidget | None) -> bool:
    """Ask the current passphrase again before something that cannot be undone or changes the protection."""
    dialog = UnlockDialog(safety, intro, parent, ask_stronger=False)
    dialog.setObjectName("confirmPassphraseDialog")
    dialog.recovery_button.hide()
    dialog.quit_button.setText(_text("Annuleren"))
    return bool(dialog.exec())


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once, with ways to save or print it."""

    def __init__(self, code: str, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.database = database  # a saved key never takes the place of one of its files
        self.setWindowTitle(self.tr("Uw herstelsleutel"))
        explanation = QLabel(
            self.tr(
                "Met deze herstelsleutel opent u Clientsteun als u uw wachtwoord vergeten bent. "
                "Hij wordt maar één keer getoond. Sla hem op of druk hem af, en geef hem aan uw "
                "coördinator om veilig te bewaren: niet op deze laptop en niet bij het wachtwoord."
            )
        )
        explanation.setWordWrap(True)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("recoveryCode")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 4)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        save = QPushButton(self.tr("Opslaan als bestand…"))
        save.clicked.connect(self.save_to_file)
        print_button = QPushButton(self.tr("Afdrukken…"))
        print_button.clicked.connect(self.print_code)
        # Shown once: closed only after the user confirms it is kept, never by a stray Enter or Esc.
        self.kept_check = QCheckBox(self.tr("Ik heb de herstelsleutel opgeslagen of afgedrukt, en bewaard"))
        self.done_button = done = QPushButton(self.tr("Klaar"))
        done.setAutoDefault(False)
        done.setEnabled(False)
        self.kept_check.toggled.connect(done.setEnabled)
        done.clicked.connect(self.accept)
        buttons = QDialogButtonBox()
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(done, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.code_label)
        layout.addWidget(self.kept_check)
        layout.addWidget(buttons)

    def reject(self) -> None:
        """Esc or the window's close button: only once the user confirmed the key is kept."""
        if self.kept_check.isChecked():
            super().reject()
            return
        QMessageBox.information(
            self, self.windowTitle(),
            self.tr("Deze herstelsleutel wordt maar één keer getoond. Sla hem op of druk hem af, "
                    "en vink daarna aan dat u hem heeft bewaard."),
        )  # fmt: skip

    def document_text(self) -> str:
        return self.tr(
            "Herstelsleutel voor Clientsteun\n\n{code}\n\nGemaakt op {date}. Bewaar dit op een veilige plek, "
            "niet bij de laptop. Met deze sleutel kan iemand de database openen."
        ).format(code=self.code, date=format_long(date.today()))

    def save_to_file(self, *, target: str = "") -> None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Herstelsleutel opslaan"), "clientsteun-herstelsleutel.txt", self.tr("Tekst (*.txt)")
            )
        if not target:
            return
        try:
            write_user_file(Path(target), (self.document_text() + "\n").encode("utf-8"), database=self.database)
        except ClientsteunError as error:
            show_error(self, error)

    def print_code(self, *, printer: QPrinter | None = None) -> None:
        """Print on ``printer``, or on the one the user picks in Qt's print dialog."""
        if printer is None:
            printer = QPrinter()
            if not QPrintDialog(printer, self).exec():
                return
        document = QTextDocument()
        document.setPlainText(self.document_text())
        document.print_(printer)
