"""The settings a supporter or coordinator may change: the catalog, deadlines, locking and backups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clientsteun import paths
from clientsteun.domain.catalog import load_catalog, load_chosen_catalog
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.privacy import RETENTION_SUGGESTION_MONTHS
from clientsteun.domain.route_catalog import DECREE_MISSING
from clientsteun.settings import Settings
from clientsteun.ui.errors import show_error


def _spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(min(max(value, low), high))
    spin.setSuffix(suffix)
    return spin


def _folder_row(edit: QLineEdit, choose: Callable[[], None], empty_text: str) -> tuple[QHBoxLayout, QPushButton]:
    """A folder's field with "Kiezen…" (``choose``) and a button that empties it; returns the row and
    that button."""
    choose_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Kiezen…"))
    choose_button.clicked.connect(lambda _checked=False: choose())
    empty = QPushButton(empty_text)
    empty.clicked.connect(edit.clear)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(choose_button)
    row.addWidget(empty)
    return row, empty


class SettingsDialog(QDialog):
    """Saving checks a chosen catalog first; an invalid one is refused with the file, entry and problem."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Instellingen"))
        self.catalog_edit = QLineEdit(settings.catalog_folder)
        self.catalog_edit.setPlaceholderText(self.tr("De catalogus die bij Clientsteun hoort"))
        self.catalog_edit.setAccessibleName(self.tr("Map met de catalogus"))
        catalog_row, default = _folder_row(self.catalog_edit, self._choose_folder, self.tr("Standaard"))
        default.clicked.connect(self._show_decree_warning)
        catalog_help = QLabel(
            self.tr(
                "Een coördinator kan een eigen kopie van de catalogusmap maken, met soorten routes, "
                "termijnen, documenten en thema's van signalen. Kies hier die map. De nieuwe catalogus "
                "wordt gebruikt nadat Clientsteun opnieuw is gestart."
            )
        )
        catalog_help.setWordWrap(True)
        self.decree_label = QLabel()  # the catalog names no days equal to holidays for this year or next
        self.decree_label.setWordWrap(True)
        self.catalog_edit.editingFinished.connect(self._show_decree_warning)
        self.due_soon_spin = _spin(settings.due_soon_days, 1, 60, self.tr(" dagen"))
        self.idle_spin = _spin(settings.idle_lock_minutes, 1, 120, self.tr(" minuten"))
        self.daily_spin = _spin(settings.backups_daily, 1, 60, "")
        self.weekly_spin = _spin(settings.backups_weekly, 0, 52, "")
        self.second_edit = QLineEdit(settings.second_backup_folder)
        self.second_edit.setPlaceholderText(self.tr("Geen: alleen reservekopieën op deze laptop"))
        self.second_edit.setAccessibleName(self.tr("Tweede map voor reservekopieën"))
        second_row, _none = _folder_row(self.second_edit, self._choose_second_folder, self.tr("Geen"))
        second_help = QLabel(
            self.tr(
                "Een map buiten deze laptop, zoals een USB-stick of een netwerkmap. De reservekopie van "
                "elke dag wordt daarheen gekopieerd en gecontroleerd, zodat een gestolen of kapotte laptop "
                "niet alle kopieën meeneemt."
            )
        )
        second_help.setWordWrap(True)
        self.second_warn_spin = _spin(settings.second_backup_warn_days, 1, 60, self.tr(" dagen"))
        self.retention_spin = _spin(settings.retention_months, 0, 240, self.tr(" maanden"))
        self.retention_spin.setSpecialValueText(self.tr("Niet gekozen"))
        self.retention_spin.setAccessibleName(self.tr("Bewaartermijn na het sluiten van een dossier"))
        suggest = QPushButton(self.tr("Voorstel: 2 jaar"))
        suggest.clicked.connect(lambda _checked=False: self.retention_spin.setValue(RETENTION_SUGGESTION_MONTHS))
        retention_row = QHBoxLayout()
        retention_row.addWidget(self.retention_spin, 1)
        retention_row.addWidget(suggest)
        retention_help = QLabel(
            self.tr(
                "De wet noemt geen vaste termijn voor onafhankelijke cliëntondersteuning: uw organisatie kiest "
                "hoe lang een gesloten dossier bewaard blijft. Twee jaar is een voorstel, geen regel. Dossiers "
                "die langer gesloten zijn, staan in Privacy, Bewaartermijn verstreken."
            )
        )
        retention_help.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Catalogus"), catalog_row)
        form.addRow("", catalog_help)
        form.addRow("", self.decree_label)
        form.addRow(self.tr("Termijn ‘binnenkort’ vanaf"), self.due_soon_spin)
        form.addRow(self.tr("Vergrendelen na niets doen"), self.idle_spin)
        form.addRow(self.tr("Dagelijkse reservekopieën bewaren"), self.daily_spin)
        form.addRow(self.tr("Wekelijkse reservekopieën bewaren"), self.weekly_spin)
        form.addRow(self.tr("Tweede map voor reservekopieën"), second_row)
        form.addRow("", second_help)
        form.addRow(self.tr("Waarschuwen als die map niet bereikbaar is na"), self.second_warn_spin)
        form.addRow(self.tr("Bewaartermijn na sluiten"), retention_row)
        form.addRow("", retention_help)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_decree_warning()
        self.resize(640, self.sizeHint().height())

    def _show_decree_warning(self) -> None:
        """Tell a coordinator when the catalog in the field has no decree for this year or next."""
        folder = self.catalog_edit.text().strip()
        catalog, _refused = load_chosen_catalog(Path(folder) if folder else None, paths.catalog_dir())
        year = catalog.routes.missing_decree_year(self.today)
        text = QCoreApplication.translate("catalog", DECREE_MISSING).format(year=year) if year else ""
        self.decree_label.setText(text)
        self.decree_label.setVisible(bool(text))

    def _choose_folder(self) -> None:
        start = self.catalog_edit.text() or str(paths.catalog_dir())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Kies de map met de catalogus"), start)
        if folder:
            self.catalog_edit.setText(folder)
            self._show_decree_warning()

    def _choose_second_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Kies de tweede map voor reservekopieën"), self.second_edit.text()
        )
        if folder:
            self.second_edit.setText(folder)

    def save(self) -> None:
        folder = self.catalog_edit.text().strip()
        if folder:
            try:
                load_catalog(Path(folder))
            except CatalogError as error:
                show_error(self, error)
                return
        self.settings.catalog_folder = folder
        self.settings.due_soon_days = self.due_soon_spin.value()
        self.settings.idle_lock_minutes = self.idle_spin.value()
        self.settings.backups_daily = self.daily_spin.value()
        self.settings.backups_weekly = self.weekly_spin.value()
        second = self.second_edit.text().strip()
        if second != self.settings.second_backup_folder:  # a new folder: its week starts now
            self.settings.second_backup_folder = second
            self.settings.second_backup_reached = datetime.now().isoformat(timespec="seconds")
        self.settings.second_backup_warn_days = self.second_warn_spin.value()
        self.settings.retention_months = self.retention_spin.value()
        self.accept()
