"""Scenario 3 of the domain brief, in the real window on a real database file.

A young woman with a mild intellectual disability prepares her Wmo kitchen-table conversation with an
experience expert.  The supporter plans the meeting (it is the planned step of her Wmo route); they
prepare it together in Samen-modus, where she types her three questions; the sheet shows in large type
and prints; after the passphrase the supporter saves it as PDF.  The PDF holds her three questions in
type of 14 pt or more.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.routes import RouteInput, StepInput, StepState
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.meetings.dialogs import MeetingDialog
from clientsteun.ui.meetings.preparation import PreparationDialog
from clientsteun.ui.meetings.sheet_preview import SheetPreviewDialog
from clientsteun.ui.safety.unlock import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.helpers.modals import ModalAnswer, when_modal
from tests.helpers.pdf import body
from tests.helpers.preview import wait_for_pdf
from tests.helpers.residents import add_resident
from tests.helpers.unlocking import unlock_with

OpenWindow = Callable[[Path, Path], MainWindow]  # the open_window fixture
QUESTIONS = (
    "Krijg ik hulp bij het koken?",
    "Mag Erik bij het gesprek blijven?",
    "Wanneer hoor ik wat de gemeente besluit?",
)


def sizes_of(pdf: bytes, wanted: str) -> set[float]:
    """The type sizes the text ``wanted`` is printed in."""
    found: set[float] = set()

    def visit(text: str, _cm: Any, tm: Any, _font: Any, size: float) -> None:
        if text.strip() and text.strip() in wanted:
            found.add(round(size * tm[3], 1))

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_scenario_3_prepared_together_printed_in_large_type_with_her_three_questions(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "clientsteun.db", tmp_path / "settings.ini")
    services = window.services
    lotte = add_resident(services, "Lotte Verzonnen", "Zwolle")
    add_resident(services, "Bram Anderszoon", "Zuidbroek")
    route = services.routes.save_route(None, RouteInput(lotte.id, "wmo", "Hulp in het huishouden"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 10), "report"))
    step = services.routes.save_step(None, StepInput(route.id, date(2026, 12, 2), "conversation", StepState.PLANNED))
    window.refresh_clients(select=lotte.id)
    answers: list[ModalAnswer[Any]] = []

    # The supporter plans the kitchen-table conversation: it is the planned step of her Wmo route.
    def plan(dialog: MeetingDialog) -> None:
        dialog.step_edit.setCurrentIndex(dialog.step_edit.findData(step.id))
        dialog.time_edit.setText("10:00")
        dialog.place_edit.setText("Bij Lotte thuis")
        dialog.organisation_edit.setText("Gemeente Zwolle")
        dialog.consulent_edit.setText("Mevrouw Wmo-consulent")
        dialog.companions.add_button.click()
        _row, role, name = dialog.companions.rows[0]
        role.setCurrentIndex(role.findData("experience_expert"))
        name.setText("Erik")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    answers.append(when_modal(MeetingDialog, plan))
    window.dossier.meetings_tab.new_button.click()
    [meeting] = services.meetings.list_meetings(lotte.id)
    assert (meeting.data.kind, meeting.data.on, meeting.data.step_id) == ("kitchen_table", date(2026, 12, 2), step.id)
    assert meeting.data.route_ids == (route.id,)

    # Together, in Samen-modus: nothing else of the app is visible, and she types her three questions.
    window.dossier.meetings_tab.together_button.click()
    together = window.meetings.together
    assert together is not None and together.isFullScreen() and not window.isVisible()
    panel = together.panel
    qtbot.keyClicks(panel.page.first_field(), "Ik wil zelf weer koken.")
    while panel.page is not panel.questions_page:
        panel.next_button.click()
    for question in QUESTIONS:
        qtbot.keyClicks(panel.questions_page.new_edit, question)
        qtbot.keyClick(panel.questions_page.new_edit, Qt.Key.Key_Return)
    printed = tmp_path / "printer.pdf"
    shown: list[bytes] = []

    def look_and_print(dialog: SheetPreviewDialog) -> None:
        shown.append(wait_for_pdf(dialog.preview))
        assert dialog.large_check.isChecked() and not dialog.pdf_button.isVisible()
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # a PDF "printer"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        dialog.print_to(printer)
        qtbot.waitUntil(lambda: AuditAction.PRINT in [e.action for e in services.audit.entries()], timeout=20_000)
        dialog.reject()

    answers.append(when_modal(SheetPreviewDialog, look_and_print))
    panel.sheet_button.click()
    assert all(question in body(shown[0]) for question in QUESTIONS)
    assert printed.stat().st_size > 10_000

    # Only the passphrase ends Samen-modus.
    answers.append(when_modal(UnlockDialog, unlock_with(PASSPHRASE)))
    together.leave_button.click()
    qtbot.waitUntil(lambda: window.meetings.together is None and window.isVisible())

    # The supporter saves the sheet in large type from the preparation beside the dossier.
    target = tmp_path / "voorbereiding.pdf"

    def save(dialog: SheetPreviewDialog) -> None:
        dialog.large_check.setChecked(True)
        wait_for_pdf(dialog.preview)
        dialog.save_pdf(target)
        dialog.reject()

    def open_sheet(dialog: PreparationDialog) -> None:
        assert dialog.panel.questions_page.questions() == list(QUESTIONS)  # resumed with everything typed
        answers.append(when_modal(SheetPreviewDialog, save))
        dialog.panel.sheet_button.click()
        dialog.reject()

    answers.append(when_modal(PreparationDialog, open_sheet))
    window.dossier.meetings_tab.select(meeting.id)
    window.meetings.prepare(meeting.id)
    assert all(answer.handled for answer in answers)

    pdf = target.read_bytes()
    text = body(pdf)
    for question in QUESTIONS:
        assert question in text
        assert min(sizes_of(pdf, question)) >= 14
    assert "Ik wil zelf weer koken." in text
    assert "Bram" not in text and "Anderszoon" not in text
    assert AuditAction.PREPARATION_SHEET in [entry.action for entry in services.audit.entries()]
