"""The preparation sheet as it will print: for the resident or for the supporter, in large type or not.

The sheet's data is read from the services (``SheetService.sheet_data``: only what the resident
left on the sheet); ReportLab renders it and PDFium draws its pages on a worker thread
(``PdfPreview``), so what shows is exactly what prints.  Printing and saving are logged once they
succeeded.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.sheet import SheetVariant
from clientsteun.reports.sheet import render_sheet
from clientsteun.services import Services
from clientsteun.ui.errors import guarded
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.fields import choice_box
from clientsteun.ui.widgets.pdf_preview import PdfPreview, print_pdf
from clientsteun.ui.widgets.screen import fit_on_screen

AUDIT_DETAIL = "voorbereidingsblad"


class SheetPreviewDialog(QDialog):
    """``can_save`` False leaves out "Opslaan als PDF…": in Samen-modus a file dialog would show the
    names of files about other residents."""

    def __init__(
        self, services: Services, client_id: int, meeting_id: int | None, tasks: Tasks,
        parent: QWidget | None = None, *, large: bool = False, can_save: bool = True,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.services = services
        self.client_id = client_id
        self.meeting_id = meeting_id
        self.tasks = tasks
        self.setWindowTitle(self.tr("Voorbereidingsblad"))
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
        self.variant_edit.currentIndexChanged.connect(lambda _index: self.refresh())
        self.large_check.toggled.connect(lambda _on: self.refresh())
        choices.addStretch(1)
        self.preview = PdfPreview(tasks, self)
        self.print_button = QPushButton(self.tr("&Afdrukken…"))
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("Opslaan als &pdf…"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.preview.ready.connect(lambda _pdf: self._enable(True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.setVisible(can_save)  # after adding: the box shows what it is given
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 900, 720)
        self.refresh()

    @property
    def variant(self) -> SheetVariant:
        return SheetVariant(self.variant_edit.currentData())

    @property
    def large(self) -> bool:
        return self.large_check.isChecked()

    @property
    def pdf(self) -> bytes:
        """The sheet as shown; empty until it is ready."""
        return self.preview.pdf

    @guarded
    def refresh(self) -> None:
        """Read the sheet again and show it with the choices made (rendered off the UI thread)."""
        self._enable(False)
        variant, large = self.variant, self.large
        data = self.services.sheet.sheet_data(self.client_id, self.meeting_id, variant)
        render = functools.partial(render_sheet, data, variant=variant, large=large)
        self.preview.load(render, self.tr("Het blad wordt gemaakt…"))

    def _enable(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    def _detail(self) -> str:
        size = ", grote letters" if self.large else ""
        return f"{AUDIT_DETAIL}, {self.variant.value}{size}"

    # -- output --------------------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the pages; the log says so once they went to the printer."""
        detail = self._detail()
        print_pdf(
            self.tasks, printer, self.pdf, self, self.tr("De afdruk wordt voorbereid…"),
            lambda: self.services.audit.record(AuditAction.PRINT, client_id=self.client_id, detail=detail),
        )  # fmt: skip

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Opslaan als pdf"), self.tr("voorbereiding.pdf"), self.tr("PDF-bestanden (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    @guarded
    def save_pdf(self, path: Path) -> None:
        """Write the PDF shown through the one safe write; the log says so once it is in place."""
        assert self.pdf, "the sheet is not ready"
        self.services.audit.export(
            path, self.pdf, AuditAction.PREPARATION_SHEET, client_id=self.client_id, detail=self._detail()
        )
