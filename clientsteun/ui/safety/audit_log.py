"""The audit log on screen: every logged action, a check of its hash chain, and export as CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget

from clientsteun.domain.audit import AuditEntry, first_broken
from clientsteun.domain.dates import format_date, format_time
from clientsteun.services.audit import AuditService
from clientsteun.ui.errors import guarded
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table


def _columns() -> list[Column[AuditEntry]]:
    def tr(text: str) -> str:
        return QCoreApplication.translate("AuditLogDialog", text)

    return [
        Column(tr("Datum"), lambda e: format_date(e.at.date()), sort_key=lambda e: e.at),
        Column(tr("Tijd"), lambda e: format_time(e.at.time()), sort_key=lambda e: e.at),
        Column(tr("Handeling"), lambda e: QCoreApplication.translate("audit", e.action.label)),
        Column(tr("Inwoner (nr)"), lambda e: str(e.client_id or ""), sort_key=lambda e: e.client_id or 0),
        Column(tr("Gebruiker"), lambda e: e.user),
        Column(tr("Toelichting"), lambda e: e.detail),
    ]


class AuditLogDialog(QDialog):
    def __init__(self, audit: AuditService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.audit = audit
        self.setWindowTitle(self.tr("Logboek"))
        fit_on_screen(self, 900, 520)
        entries = audit.entries()
        broken = first_broken(entries)
        if broken is None:
            lines = self.tr("1 regel") if len(entries) == 1 else self.tr("{count} regels").format(count=len(entries))
            state = self.tr("{lines}. Het logboek is compleet en niet aangepast.").format(lines=lines)
        else:
            state = self.tr("Let op: het logboek is aangepast vanaf regel {id}.").format(id=broken)
        self.state = QLabel(state)
        self.state.setWordWrap(True)
        self.model: RowTableModel[AuditEntry] = RowTableModel(_columns())
        self.model.set_rows(list(reversed(entries)))  # newest first
        self.table = make_table(self.model, stretch=5, accessible_name=self.tr("Logboek"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(self.tr("Exporteren als CSV…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self._export_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _export_clicked(self) -> None:
        self.export_csv()

    @guarded
    def export_csv(self, target: str = "") -> None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Logboek exporteren"), "clientsteun-logboek.csv", self.tr("CSV-bestand (*.csv)")
            )
        if target:
            self.audit.export_csv(Path(target))
