"""The preparation sheet as it will print: for the resident or for the supporter, in large type or not.

The sheet's data is read from the services (``SheetService.sheet_data``: only what the resident
left on the sheet); ReportLab renders it and PDFium draws its pages on a worker thread, so what
shows is exactly what prints.  Printing and saving are logged once they succeeded (``PdfDialog``).
"""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.sheet import SheetVariant
from clientsteun.reports.sheet import render_sheet
from clientsteun.services import Services
from clientsteun.ui.errors import guarded
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.fields import choice_box
from clientsteun.ui.widgets.pdf_dialog import PdfDialog

AUDIT_DETAIL = "voorbereidingsblad"


class SheetPreviewDialog(PdfDialog):
    """``can_save`` False leaves out "Opslaan als pdf…": in Samen-modus a file dialog would show the
    names of files about other residents."""

    def __init__(
        self, services: Services, client_id: int, meeting_id: int | None, tasks: Tasks,
        parent: QWidget | None = None, *, large: bool = False, can_save: bool = True,
    ) -> None:  # fmt: skip
        super().__init__(
            self.tr("Voorbereidingsblad"), services.audit, client_id, tasks, parent,
            file_name=self.tr("voorbereiding.pdf"), save_action=AuditAction.PREPARATION_SHEET,
        )  # fmt: skip
        self.services = services
        self.meeting_id = meeting_id
        self.pdf_button.setVisible(can_save)
        self.variant_edit = choice_box(
            [
                (self.tr("Voor de inwoner"), SheetVariant.RESIDENT),
                (self.tr("Voor de ondersteuner"), SheetVariant.SUPPORTER),
            ]
        )
        self.variant_edit.setAccessibleName(self.tr("Voor wie is het blad"))
        self.large_check = QCheckBox(self.tr("&Grote letters"))
        self.large_check.setChecked(large)
        choices = QHBoxLayout()
        choices.addWidget(self.variant_edit)
        choices.addWidget(self.large_check)
        choices.addStretch(1)
        self.options.addLayout(choices)
        self.variant_edit.currentIndexChanged.connect(lambda _index: self.refresh())
        self.large_check.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    @property
    def variant(self) -> SheetVariant:
        return SheetVariant(self.variant_edit.currentData())

    @property
    def large(self) -> bool:
        return self.large_check.isChecked()

    @guarded
    def refresh(self) -> None:
        """Read the sheet again and show it with the choices made (rendered off the UI thread)."""
        variant, large = self.variant, self.large
        data = self.services.sheet.sheet_data(self.client_id, self.meeting_id, variant)
        self.show_pdf(
            functools.partial(render_sheet, data, variant=variant, large=large), self.tr("Het blad wordt gemaakt…")
        )

    def print_detail(self) -> str:
        size = ", grote letters" if self.large else ""
        return f"{AUDIT_DETAIL}, {self.variant.value}{size}"

    def save_detail(self) -> str:
        return self.print_detail()
