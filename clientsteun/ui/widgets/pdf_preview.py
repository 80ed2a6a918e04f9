"""A PDF shown as its pages, one below the other, and a PDF sent to a printer.

The PySide6 wheels have no QtPdf, so PDFium (``reports/pages.py``) draws the pages as pictures.
``PdfPreview.load`` makes the PDF and its pictures on a worker thread (``ui/tasks.py``) and shows them
when they are ready; ``ready`` then hands over the PDF's bytes.  QPrinter cannot print a PDF file:
``print_pdf`` draws the pages at the printer's resolution and paints them, on a worker thread too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, ClientsteunError
from clientsteun.reports.pages import PageImage, page_count, render_pages
from clientsteun.ui.tasks import Tasks

SCREEN_DPI = 96
PRINT_DPI = 300  # sharp text on paper; a printer's 1200 dpi would make a picture of 400 MB a page


def to_image(page: PageImage) -> QImage:
    """A copy that owns its pixels (the bytes object may go)."""
    return QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()


def _prepare(make_pdf: Callable[[], bytes], dpi: float) -> tuple[bytes, list[PageImage]]:
    pdf = make_pdf()
    return pdf, render_pages(pdf, dpi)


class PdfPreview(QScrollArea):
    """The pages of one PDF; ``load`` replaces them."""

    ready = Signal(bytes)  # the PDF now shown

    def __init__(self, tasks: Tasks, parent: QWidget | None = None, *, dpi: float = SCREEN_DPI) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.dpi = dpi
        self.pdf = b""
        self._loading = 0
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Voorbeeld van de afdruk"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the arrow keys scroll the pages
        inner = QWidget()
        inner.setObjectName("pdfPages")
        inner.setStyleSheet("#pdfPages { background: #808080; }")
        self.column = QVBoxLayout(inner)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.column.setSpacing(12)
        self.setWidget(inner)
        self.message = QLabel()
        self.message.setStyleSheet("color: white;")
        self.column.addWidget(self.message)
        self.pages: list[QLabel] = []

    def load(self, make_pdf: Callable[[], bytes], label: str) -> None:
        """Make the PDF with ``make_pdf`` on a worker thread, then show its pages."""
        self._loading += 1
        self._set_message(self.tr("Het voorbeeld wordt gemaakt…"))
        self.tasks.run(
            functools.partial(_prepare, make_pdf, self.dpi),
            on_done=functools.partial(self._show, self._loading),
            label=label,
            parent=self,
        )

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show(self, loading: int, result: tuple[bytes, list[PageImage]]) -> None:
        if loading != self._loading:
            return  # a newer one is on its way
        pdf, pages = result
        for label in self.pages:
            label.deleteLater()
        self.pages = []
        for number, page in enumerate(pages, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(to_image(page)))
            label.setFrameShape(QFrame.Shape.Box)
            label.setAccessibleName(self.tr("Pagina {number} van {total}").format(number=number, total=len(pages)))
            self.column.addWidget(label)
            self.pages.append(label)
        self._set_message("")
        self.pdf = pdf
        self.ready.emit(pdf)


class PrinterRefused(ClientsteunError):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "De printer kon niet worden gestart. Controleer de printer en probeer het opnieuw. Er is niets afgedrukt.",
    )


def print_pdf(
    tasks: Tasks, printer: QPrinter, pdf: bytes, parent: QWidget, label: str, on_printed: Callable[[], None]
) -> None:
    """Send ``pdf`` to ``printer`` off the UI thread; ``on_printed`` runs once every page went to it.

    When the printer refuses, the user is told (``PrinterRefused``) and ``on_printed`` does not run.
    """
    tasks.run(
        functools.partial(_print_pages, printer, pdf),
        on_done=lambda _count: on_printed(),
        label=label,
        parent=parent,
    )


def _print_pages(printer: QPrinter, pdf: bytes) -> int:
    """Paint each page, drawn at the printer's resolution (at most ``PRINT_DPI``), one page in memory at a time.

    Runs on the worker: Qt allows painting on a QPrinter outside the GUI thread, and the dialog
    does not touch this printer meanwhile.
    """
    dpi = min(printer.resolution(), PRINT_DPI)
    count = page_count(pdf)
    printer.setFullPage(True)  # the PDF has its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterRefused(detail="QPainter.begin failed on the printer")
    try:
        for index in range(count):
            if index:
                printer.newPage()
            (page,) = render_pages(pdf, dpi, range(index, index + 1))
            area = painter.viewport()
            image = to_image(page)
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
    finally:
        painter.end()
    return count
