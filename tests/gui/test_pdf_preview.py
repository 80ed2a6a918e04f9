"""The PDF preview (pages drawn by PDFium on a worker thread), printing by painting pages, and the
overview dialog saving and printing a real file with an audit entry only after success."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.routes import RouteInput, StepInput
from clientsteun.domain.sheet import Answer, SheetVariant
from clientsteun.reports.sheet import render_sheet
from clientsteun.services import Services
from clientsteun.ui.routes.overview import TriedOverviewDialog
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.pdf_preview import PdfPreview
from tests.helpers.modals import answer_box
from tests.helpers.pdf import body, metadata, pages
from tests.helpers.preview import wait_for_pdf
from tests.helpers.residents import add_resident
from tests.helpers.sheets import full_sheet


def test_the_preview_shows_every_page_made_on_a_worker_thread(qtbot: QtBot) -> None:
    tasks = Tasks(QThreadPool.globalInstance())
    preview = PdfPreview(tasks)
    qtbot.addWidget(preview)
    preview.resize(900, 700)
    preview.show()
    long_answer = Answer(" ".join(["Ik wil weer zelf de trap op kunnen."] * 400))
    data = dataclasses.replace(full_sheet(), wants=(long_answer,))
    with qtbot.waitSignal(preview.ready, timeout=20_000) as ready:
        preview.load(lambda: render_sheet(data, variant=SheetVariant.RESIDENT, large=True), "Voorbeeld")
        assert not preview.message.isHidden()  # "being made" while the worker runs
    pdf = ready.args[0]
    assert pdf == preview.pdf
    count = len(pages(pdf))
    assert count > 3
    assert len(preview.pages) == count
    assert preview.message.isHidden()
    first = preview.pages[0].pixmap()
    assert (first.width(), first.height()) == (794, 1123)  # A4 at 96 dots per inch
    assert preview.pages[-1].accessibleName() == f"Pagina {count} van {count}"
    image = first.toImage()
    assert image.pixelColor(10, 10).name() == "#ffffff"  # paper, not an empty picture
    assert any(image.pixelColor(x, 100).lightness() < 128 for x in range(60, 400))  # the title's ink

    with qtbot.waitSignal(preview.ready, timeout=20_000):  # a second load replaces the pages
        preview.load(lambda: render_sheet(full_sheet(), variant=SheetVariant.SUPPORTER), "Voorbeeld")
    qtbot.waitUntil(lambda: all(label.parent() is not None for label in preview.pages))
    assert len(preview.pages) == len(pages(preview.pdf))


def _overview(qtbot: QtBot, services: Services) -> tuple[TriedOverviewDialog, int]:
    client = add_resident(services, "Sanne Verzonnen", "Zeist")
    route = services.routes.save_route(None, RouteInput(client.id, "other", "Ingeschreven als woningzoekende"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 3, 2), "applied", note="Bij WoningNet 🏠"))
    views = services.routes.list_routes(client.id)
    tasks = Tasks(QThreadPool.globalInstance())
    dialog = TriedOverviewDialog(
        "Sanne", views, services.catalog.routes, date(2026, 11, 23), services.audit, client.id, tasks=tasks
    )
    qtbot.addWidget(dialog)
    assert not dialog.pdf_button.isEnabled()  # until the PDF is ready
    wait_for_pdf(dialog.preview)
    assert dialog.pdf_button.isEnabled()
    return dialog, client.id


def test_the_overview_saves_a_real_pdf_and_logs_it_after(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog, client_id = _overview(qtbot, services)
    before = len(services.audit.entries())
    target = tmp_path / "map" / "wat-is-geprobeerd.pdf"
    dialog.save_pdf(target)
    text = body(target.read_bytes())
    assert "Ingeschreven als woningzoekende" in text
    assert "Bij WoningNet 🏠" in text
    assert metadata(target.read_bytes())["/Title"] == "Wat is er al geprobeerd?"  # no name in the metadata
    logged = [(e.action, e.client_id, e.detail) for e in services.audit.entries()[before:]]
    assert logged == [(AuditAction.EXPORT, client_id, "overzicht wat is geprobeerd, pdf")]

    refused = answer_box("OK")
    dialog.save_pdf(services.database.path)  # the database itself: refused, nothing logged
    assert refused.handled
    assert "hoort bij de database" in refused.text
    assert len(services.audit.entries()) == before + 1


def test_the_overview_prints_its_pages_and_logs_it_after(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog, client_id = _overview(qtbot, services)
    before = len(services.audit.entries())
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # a PDF "printer": what it receives can be read
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: len(services.audit.entries()) > before, timeout=20_000)
    assert len(PdfReader(printed).pages) == len(pages(dialog.pdf))
    assert printed.stat().st_size > 10_000  # the page was painted as a picture
    entry = services.audit.entries()[-1]
    assert (entry.action, entry.client_id, entry.detail) == (
        AuditAction.PRINT,
        client_id,
        "overzicht wat is geprobeerd",
    )
