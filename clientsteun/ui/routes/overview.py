"""The overview "what has been tried" for one resident: every route, step and effort in date order.

The PDF (``reports/overview.py``) is made on a worker thread and shown as its pages; it can be
printed or saved as PDF, and both are logged once they succeeded.  The full preparation sheet for a
meeting is a document of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton, QVBoxLayout, QWidget

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.deadlines import RouteView
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.reports.overview import overview_data, render_overview
from clientsteun.services.audit import AuditService
from clientsteun.ui.errors import guarded
from clientsteun.ui.tasks import InlineExecutor, Tasks
from clientsteun.ui.widgets.pdf_preview import PdfPreview, print_pdf
from clientsteun.ui.widgets.screen import fit_on_screen

AUDIT_DETAIL = "overzicht wat is geprobeerd"


class TriedOverviewDialog(QDialog):
    def __init__(
        self,
        name: str,
        views: Sequence[RouteView],
        catalog: RouteCatalog,
        today: date,
        audit: AuditService,
        client_id: int,
        parent: QWidget | None = None,
        *,
        tasks: Tasks | None = None,
    ) -> None:
        """The PDF is made and printed on ``tasks`` (by default at once, on this thread)."""
        super().__init__(parent)
        self.audit = audit
        self.client_id = client_id
        self.tasks = tasks if tasks is not None else Tasks(InlineExecutor(), self)
        self.setWindowTitle(self.tr("Wat is er al geprobeerd?"))
        self.preview = PdfPreview(self.tasks, self)
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("Opslaan als pdf…"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(False)  # until the PDF is ready
        self.preview.ready.connect(lambda _pdf: self._enable())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 900, 700)
        data = overview_data(name, views, catalog, today)
        self.preview.load(functools.partial(render_overview, data), self.tr("Het overzicht wordt gemaakt…"))

    def _enable(self) -> None:
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)

    @property
    def pdf(self) -> bytes:
        """The overview as shown; empty until it is ready."""
        return self.preview.pdf

    # -- output --------------------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the pages; the log says so once they went to the printer."""
        print_pdf(self.tasks, printer, self.pdf, self, self.tr("De afdruk wordt voorbereid…"), self._printed)

    def _printed(self) -> None:
        self.audit.record(AuditAction.PRINT, client_id=self.client_id, detail=AUDIT_DETAIL)

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Opslaan als pdf"), self.tr("wat-is-geprobeerd.pdf"), self.tr("PDF-bestanden (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    @guarded
    def save_pdf(self, path: Path) -> None:
        """Write the PDF through the one safe write; the log says so once it is in place."""
        assert self.pdf, "the PDF is not ready"
        self.audit.export(path, self.pdf, AuditAction.EXPORT, client_id=self.client_id, detail=f"{AUDIT_DETAIL}, pdf")
