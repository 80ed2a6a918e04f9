"""A dialog that shows a PDF the app made as its pages, with "Afdrukken…" and "Opslaan als pdf…".

The overview "what has been tried" and the preparation sheet are both one: the PDF is made and drawn
on a worker thread (``PdfPreview``), printed by painting its pages (``print_pdf``) and saved through
the one safe write; both are written to the audit log once they succeeded.  A subclass builds the
PDF (``show_pdf``), may put choices above the pages (``options``), and says what the log notes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton, QVBoxLayout, QWidget

from clientsteun.domain.audit import AuditAction
from clientsteun.services.audit import AuditService
from clientsteun.ui.errors import guarded
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.pdf_preview import PdfPreview, print_pdf
from clientsteun.ui.widgets.screen import fit_on_screen


class PdfDialog(QDialog):
    """``file_name``: the name offered when saving; ``save_action``: what the log records for a save."""

    def __init__(
        self, title: str, audit: AuditService, client_id: int, tasks: Tasks, parent: QWidget | None = None, *,
        file_name: str, save_action: AuditAction = AuditAction.EXPORT,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.audit = audit
        self.client_id = client_id
        self.tasks = tasks
        self.file_name = file_name
        self.save_action = save_action
        self.setWindowTitle(title)
        self.preview = PdfPreview(tasks, self)
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("Opslaan als pdf…"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.preview.ready.connect(lambda _pdf: self._enable(True))
        self._enable(False)  # until the PDF is ready
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.options = QVBoxLayout()  # choices above the pages, if any
        layout = QVBoxLayout(self)
        layout.addLayout(self.options)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 900, 700)

    @property
    def pdf(self) -> bytes:
        """The PDF as shown; empty until it is ready."""
        return self.preview.pdf

    def show_pdf(self, make_pdf: Callable[[], bytes], label: str) -> None:
        """Make the PDF on a worker thread and show it; printing and saving wait for it."""
        self._enable(False)
        self.preview.load(make_pdf, label)

    def _enable(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    def print_detail(self) -> str:
        """The log's note for a print (never a name)."""
        raise NotImplementedError

    def save_detail(self) -> str:
        """The log's note for a saved PDF (never a name)."""
        raise NotImplementedError

    # -- output --------------------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the pages; the log says so once they went to the printer."""
        detail = self.print_detail()
        print_pdf(
            self.tasks, printer, self.pdf, self, self.tr("De afdruk wordt voorbereid…"),
            lambda: self.audit.record(AuditAction.PRINT, client_id=self.client_id, detail=detail),
        )  # fmt: skip

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Opslaan als pdf"), self.file_name, self.tr("PDF-bestanden (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    @guarded
    def save_pdf(self, path: Path) -> None:
        """Write the PDF through the one safe write; the log says so once it is in place."""
        assert self.pdf, "the PDF is not ready"
        self.audit.export(path, self.pdf, self.save_action, client_id=self.client_id, detail=self.save_detail())
