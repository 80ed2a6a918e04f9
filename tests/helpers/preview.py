"""Waiting for a PDF preview that is made on a worker thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop

from clientsteun.ui.widgets.pdf_preview import PdfPreview


def wait_for_pdf(preview: PdfPreview, timeout: float = 20.0) -> bytes:
    """The preview's PDF once its pages are shown (events are handled meanwhile, also in a modal dialog)."""
    end = time.monotonic() + timeout
    while not preview.pdf:
        assert time.monotonic() < end, "the preview was not ready in time"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return preview.pdf
