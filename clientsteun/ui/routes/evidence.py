"""Evidence of a route: what the resident did, with a scan or a letter attached, and the checklist
of documents that are often asked for.

Files are read into the form when chosen, so a file that is gone or locked is told while the form
is open; saving a file back out is logged (it is an export of personal data).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.dates import format_date
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.routes import Evidence, EvidenceInput, NewAttachment, Route
from clientsteun.domain.timeline import first_line
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.ui.errors import guarded
from clientsteun.ui.routes.text import evidence_columns, format_size
from clientsteun.ui.widgets.buttons import button, button_row
from clientsteun.ui.widgets.fields import DateField, note, plain_text, text_label
from clientsteun.ui.widgets.forms import FormDialog, dialog_layout
from clientsteun.ui.widgets.table_model import RowTableModel
from clientsteun.ui.widgets.table_view import delete_selected, make_table, selected_row


@dataclass(frozen=True)
class EvidenceForm:
    """What the evidence form saves: the effort, a new file for it, or the old file removed."""

    data: EvidenceInput
    attachment: NewAttachment | None = None
    remove_attachment: bool = False


class EvidenceDialog(FormDialog[EvidenceForm]):
    def __init__(
        self, route_id: int, save: Callable[[EvidenceForm], Any], today: date, current: Evidence | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(self.tr("Nieuw bewijs") if current is None else self.tr("Bewijs wijzigen"), save, parent)
        self.route_id = route_id
        self.stored = current.attachment if current else None
        self.new_file: NewAttachment | None = None
        self.remove_stored = False
        self.date_edit = DateField(current.data.on if current else today, required=True)
        self.description_edit = plain_text(current.data.description if current else "")
        self.description_edit.setPlaceholderText(self.tr("Bijvoorbeeld: op 14 woningen gereageerd, of: brief gestuurd"))
        self.file_label = note()
        choose_button = button(self.tr("Bestand toevoegen…"), self.choose_file)
        self.remove_button = button(self.tr("Bestand verwijderen"), self.remove_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose_button)
        file_row.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow(self.tr("Datum *"), self.date_edit)
        form.addRow(self.tr("Wat is er gedaan? *"), self.description_edit)
        form.addRow(self.tr("Bestand"), file_row)
        self._show_file()
        dialog_layout(self, form, 560, 320)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Bestand kiezen"))
        if path:
            self.attach_file(path)

    @guarded
    def attach_file(self, path: str | Path) -> None:
        """Read the file now, so a file that is gone or locked is told while the form is still open."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "Dit bestand kon niet worden gelezen. Bestaat het nog, en mag u het openen?"
                )
            ) from None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.new_file = NewAttachment(path.name, media_type, data).validated()
        self._show_file()

    def remove_file(self) -> None:
        self.new_file = None
        self.remove_stored = self.stored is not None
        self._show_file()

    def _show_file(self) -> None:
        if self.new_file is not None:
            text = self.tr("{name} ({size}), wordt opgeslagen bij Opslaan").format(
                name=self.new_file.file_name, size=format_size(len(self.new_file.data))
            )
        elif self.stored is not None and not self.remove_stored:
            text = f"{self.stored.file_name} ({format_size(self.stored.size)})"
        elif self.stored is not None:
            text = self.tr("Geen bestand meer: {name} wordt verwijderd bij Opslaan").format(name=self.stored.file_name)
        else:
            text = self.tr("Nog geen bestand")
        self.file_label.setText(text)
        self.remove_button.setEnabled(self.new_file is not None or (self.stored is not None and not self.remove_stored))

    def build(self) -> EvidenceForm:
        on = self.date_edit.value()
        assert on is not None  # required field
        return EvidenceForm(
            EvidenceInput(self.route_id, on, self.description_edit.toPlainText()),
            self.new_file,
            remove_attachment=self.remove_stored and self.new_file is None,
        )


class EvidencePanel(QWidget):
    """The tab "Bewijs" of the route window."""

    def __init__(self, services: Services, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.catalog = services.catalog.routes
        self.clock = clock
        self.route: Route | None = None
        self.model: RowTableModel[Evidence] = RowTableModel(evidence_columns(), key=lambda e: e.id, parent=self)
        self.view = make_table(self.model, stretch=1, accessible_name=self.tr("Bewijs"))
        self.view.open_row.connect(self.edit_evidence)
        self.documents = QListWidget()
        self.documents.setAccessibleName(self.tr("Documenten"))
        self.documents.setWordWrap(True)
        self.documents.setSpacing(2)
        self.documents.itemChanged.connect(self._document_toggled)
        left = QVBoxLayout()
        left.addWidget(text_label(self.tr("Wat de inwoner zelf heeft gedaan"), bold=True))
        left.addWidget(self.view, 1)
        left.addLayout(button_row(
            button(self.tr("Nieuw"), self.new_evidence), button(self.tr("Wijzigen"), self.edit_evidence),
            button(self.tr("Bestand opslaan als…"), self.save_attachment_as),
            button(self.tr("Verwijderen…"), self.delete_evidence),
        ))  # fmt: skip
        right = QVBoxLayout()
        right.addWidget(text_label(self.tr("Documenten die vaak worden gevraagd"), bold=True))
        right.addWidget(self.documents, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def show_route(self, route: Route) -> None:
        self.route = route
        self.model.set_rows(route.evidence)
        documents = self.catalog.documents
        codes = list(self.catalog.kind(route.data.kind).documents)
        codes += [code for code in route.documents if code not in codes]  # kept when the kind changed
        self.documents.blockSignals(True)
        if [self.documents.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.documents.count())] != codes:
            self.documents.clear()  # only when the list itself changes: an item may be sending a signal
            for code in codes:
                item = QListWidgetItem(self.documents)
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        for row, code in enumerate(codes):
            item = self.documents.item(row)
            collected = route.documents.get(code)
            when = self.tr(" — verzameld op {date}").format(date=format_date(collected)) if collected else ""
            item.setText((documents[code].name if code in documents else code) + when)
            item.setCheckState(Qt.CheckState.Checked if collected else Qt.CheckState.Unchecked)
        self.documents.blockSignals(False)

    def new_evidence(self) -> None:
        self._evidence_dialog(None)

    def edit_evidence(self) -> None:
        evidence: Evidence | None = selected_row(self.view)
        if evidence is not None:
            self._evidence_dialog(evidence)

    @guarded
    def _evidence_dialog(self, evidence: Evidence | None) -> None:
        if self.route is None:
            return
        evidence_id = evidence.id if evidence else None

        def save(form: EvidenceForm) -> Evidence:
            return self.services.routes.save_evidence(
                evidence_id, form.data, form.attachment, remove_attachment=form.remove_attachment
            )

        EvidenceDialog(self.route.id, save, self.clock().date(), evidence, self).exec()

    def delete_evidence(self) -> None:
        def question(evidence: Evidence) -> str:
            text = self.tr("Wilt u het bewijs ‘{text}’ verwijderen, met het bestand erbij?")
            return text.format(text=first_line(evidence.data.description))

        delete_selected(self, self.view, question, self.services.routes.delete_evidence)

    @guarded
    def save_attachment_as(self, *, target: str = "") -> None:
        evidence: Evidence | None = selected_row(self.view)
        if evidence is None or self.route is None:
            return
        attachment = self.services.routes.attachment(evidence.id)
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Bestand opslaan als"), attachment.file_name)
        if not target:
            return
        client_id = self.route.client_id
        self.services.audit.export(
            Path(target), attachment.data, AuditAction.EXPORT, client_id=client_id, detail="bijlage bij bewijs"
        )

    @guarded
    def _document_toggled(self, item: QListWidgetItem) -> None:
        if self.route is None:
            return
        collected = self.clock().date() if item.checkState() == Qt.CheckState.Checked else None
        self.services.routes.set_document(self.route.id, item.data(Qt.ItemDataRole.UserRole), collected)
