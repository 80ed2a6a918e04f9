"""Meetings in the dossier and the guided preparation: plan, hold, prepare as typed, resume, the sheet."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.meetings import (
    Answer,
    Companion,
    CompanionRole,
    HeldMeeting,
    MeetingInput,
    answer_key,
    question_key,
)
from clientsteun.domain.model import Client
from clientsteun.domain.routes import RouteInput
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.dossier.panel import MEETINGS
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.meetings.dialogs import HoldDialog, MeetingDialog, ReportDialog
from clientsteun.ui.meetings.pages import AnswerPage
from clientsteun.ui.meetings.preparation import PreparationDialog, PreparationPanel
from clientsteun.ui.meetings.sheet_preview import SheetPreviewDialog
from clientsteun.ui.tasks import InlineExecutor, Tasks
from tests.gui.conftest import AUTOSAVE_MS
from tests.helpers.modals import StandardButton, answer_box, when_modal
from tests.helpers.pdf import body
from tests.helpers.residents import add_resident

TODAY = date(2026, 11, 23)


def resident_with_route(services: Services, name: str = "Sanne Verzonnen") -> tuple[Client, int]:
    client = add_resident(services, name, "Zwolle")
    route = services.routes.save_route(None, RouteInput(client.id, "wmo", "Hulp bij het huishouden"))
    return client, route.id


def plan(services: Services, client_id: int, route_id: int, on: date = date(2026, 12, 2)) -> int:
    data = MeetingInput(
        client_id, on, "kitchen_table", time(10, 0), "Thuis", "Gemeente Zwolle", "Mevrouw Consulent",
        route_ids=(route_id,), companions=(Companion(CompanionRole.EXPERIENCE_EXPERT, "Ervaren Erik"),),
    )  # fmt: skip
    return services.meetings.save_meeting(None, data).id


class Planned(NamedTuple):
    client_id: int
    route_id: int
    meeting_id: int


@pytest.fixture
def planned(services: Services) -> Planned:
    """Sanne with a route and a meeting about it on 2 December 2026."""
    client, route_id = resident_with_route(services)
    return Planned(client.id, route_id, plan(services, client.id, route_id))


def panel_for(qtbot: QtBot, services: Services, settings: Settings, meeting_id: int) -> PreparationPanel:
    meeting = services.meetings.get_meeting(meeting_id)
    panel = PreparationPanel(services, meeting, settings.autosave_delay_ms, lambda: TODAY)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_the_meetings_tab_lists_a_planned_meeting_and_counts_it(window: MainWindow, services: Services) -> None:
    client, route_id = resident_with_route(services)
    plan(services, client.id, route_id)
    window.refresh_clients(select=client.id)
    tab = window.dossier.meetings_tab
    assert [row.data.organisation for row in tab.model.rows()] == ["Gemeente Zwolle"]
    assert window.dossier.tabs.tabText(MEETINGS) == "Gesprekken met instanties (1)"
    assert tab.model.index(0, 3).data() == "Gepland"


def test_planning_a_meeting_in_the_dialog_links_the_route_and_who_comes_along(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client, route_id = resident_with_route(services)
    window.refresh_clients(select=client.id)

    def fill(dialog: MeetingDialog) -> None:
        dialog.date_edit.setText("02-12-2026")
        dialog.time_edit.setText("14:30")
        dialog.organisation_edit.setText("Gemeente Zwolle")
        dialog.consulent_edit.setText("Mevrouw Consulent")
        dialog.routes_list.item(0).setCheckState(dialog.routes_list.item(0).checkState().Checked)
        dialog.companions.add(Companion(CompanionRole.INTERPRETER, "Ana"))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    answer = when_modal(MeetingDialog, fill)
    window.dossier.meetings_tab.new_button.click()
    assert answer.handled
    [meeting] = services.meetings.list_meetings(client.id)
    assert meeting.data.on == date(2026, 12, 2) and meeting.data.start_time == time(14, 30)
    assert meeting.data.route_ids == (route_id,)
    assert meeting.data.companions == (Companion(CompanionRole.INTERPRETER, "Ana"),)
    assert window.dossier.tabs.currentIndex() == MEETINGS
    assert window.dossier.meetings_tab.view.currentIndex().row() == 0


def test_holding_a_meeting_makes_the_agreements_and_shows_it_held(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client, route_id = resident_with_route(services)
    meeting_id = plan(services, client.id, route_id, on=TODAY)
    window.refresh_clients(select=client.id)
    tab = window.dossier.meetings_tab
    tab.select(meeting_id)

    def fill(dialog: HoldDialog) -> None:
        dialog.notes_edit.setPlainText("Goed gesprek over het huishouden.")
        dialog.agreed_edit.setPlainText("Gemeente stuurt het verslag\nSanne zoekt de brief van de huisarts")
        dialog.who_edit.setCurrentText("Inwoner")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    answer = when_modal(HoldDialog, fill)
    window.meetings.hold_meeting(meeting_id)
    assert answer.handled
    assert services.meetings.get_meeting(meeting_id).held
    agreements = window.dossier.agreements_tab.model.rows()
    assert sorted(a.data.description for a in agreements) == [
        "Gemeente stuurt het verslag", "Sanne zoekt de brief van de huisarts",
    ]  # fmt: skip
    assert tab.model.index(0, 3).data() == "Gehouden · verslag nog niet ontvangen"


def test_the_preparation_saves_as_typed_and_resumes_where_it_was_left(
    qtbot: QtBot, services: Services, settings: Settings, planned: Planned
) -> None:
    client_id, _, meeting_id = planned
    panel = panel_for(qtbot, services, settings, meeting_id)
    assert panel.progress_label.text() == f"Vraag 1 van {len(panel.pages)}"
    assert panel.title_label.text() == "Waar wil je over een jaar zijn?"
    assert panel.previous_button.isEnabled() is False
    panel.next_button.click()
    panel.next_button.click()
    page = panel.page
    assert isinstance(page, AnswerPage) and page.answer is Answer.NOT_WORKING
    assert panel.progress_label.text() == f"Vraag 3 van {len(panel.pages)}"
    qtbot.keyClicks(page.field.edit, "Ik kan niet meer koken.")
    qtbot.wait(AUTOSAVE_MS * 2)
    prepared = services.meetings.get_preparation(client_id, meeting_id)
    assert prepared is not None and prepared.answer(Answer.NOT_WORKING) == "Ik kan niet meer koken."
    assert page.field.meter.verdict()  # the meter measured the answer

    page.field.sheet_box.setChecked(False)
    prepared = services.meetings.get_preparation(client_id, meeting_id)
    assert prepared is not None and not prepared.on_sheet(answer_key(Answer.NOT_WORKING))

    again = panel_for(qtbot, services, settings, meeting_id)
    assert again.index == 2
    resumed = again.page
    assert isinstance(resumed, AnswerPage)
    assert resumed.field.text() == "Ik kan niet meer koken."
    assert not resumed.field.sheet_box.isChecked()


def test_leaving_a_screen_saves_at_once(qtbot: QtBot, services: Services, settings: Settings, planned: Planned) -> None:
    settings.autosave_delay_ms = 60_000
    client_id, _, meeting_id = planned
    panel = panel_for(qtbot, services, settings, meeting_id)
    first = panel.page
    assert isinstance(first, AnswerPage)
    first.field.edit.setPlainText("Weer zelf boodschappen doen.")
    panel.next_button.click()
    prepared = services.meetings.get_preparation(client_id, meeting_id)
    assert prepared is not None and prepared.answer(Answer.GOAL_YEAR) == "Weer zelf boodschappen doen."


def test_questions_are_added_changed_put_in_order_and_taken_off_the_sheet(
    qtbot: QtBot, services: Services, settings: Settings, planned: Planned
) -> None:
    client_id, _, meeting_id = planned
    panel = panel_for(qtbot, services, settings, meeting_id)
    panel.go(panel.pages.index(panel.questions_page))
    page = panel.questions_page
    assert panel.focusWidget() is page.new_edit
    for text in ("Wie helpt mij met koken?", "Hoe lang duurt het?", "Krijg ik het verslag?"):
        qtbot.keyClicks(page.new_edit, text)
        qtbot.keyClick(page.new_edit, "\r")
    assert page.questions() == ["Wie helpt mij met koken?", "Hoe lang duurt het?", "Krijg ik het verslag?"]
    page.list.setCurrentRow(2)
    page.up_button.click()
    page.list.item(0).setText("Wie helpt mij met eten koken?")
    page.list.item(1).setCheckState(page.list.item(1).checkState().Unchecked)
    prepared = services.meetings.get_preparation(client_id, meeting_id)
    assert prepared is not None
    assert [q.text for q in prepared.questions] == [
        "Wie helpt mij met eten koken?", "Krijg ik het verslag?", "Hoe lang duurt het?",
    ]  # fmt: skip
    assert [q.text for q in prepared.sheet_questions()] == ["Wie helpt mij met eten koken?", "Hoe lang duurt het?"]
    assert not prepared.on_sheet(question_key(prepared.questions[1].id))
    page.list.setCurrentRow(2)
    page.remove()
    prepared = services.meetings.get_preparation(client_id, meeting_id)
    assert prepared is not None and [q.text for q in prepared.questions] == [
        "Wie helpt mij met eten koken?", "Krijg ik het verslag?",
    ]  # fmt: skip


def test_why_the_usual_ways_do_not_fit_is_written_into_the_route(
    qtbot: QtBot, services: Services, settings: Settings, planned: Planned
) -> None:
    _, route_id, meeting_id = planned
    panel = panel_for(qtbot, services, settings, meeting_id)
    [page] = [page for page in panel.pages if page.title == "Waarom past de gewone oplossing niet?"]
    field = page.fields[(route_id, "network")]  # type: ignore[attr-defined]
    field.edit.setPlainText("Mijn zus werkt fulltime.")
    panel.flush()
    route = services.routes.get_route(route_id).view.route
    assert route.data.reversed_test.network == "Mijn zus werkt fulltime."


def test_the_sheet_preview_shows_what_prints_and_saves_it_audited(
    qtbot: QtBot, services: Services, settings: Settings, planned: Planned, tmp_path: Path
) -> None:
    client_id, _, meeting_id = planned
    panel = panel_for(qtbot, services, settings, meeting_id)
    page = panel.questions_page
    for text in ("Mag mijn zus mee?", "Wat kost het?"):
        page.new_edit.setText(text)
        page.add()
    page.list.item(1).setCheckState(page.list.item(1).checkState().Unchecked)
    dialog = SheetPreviewDialog(services, client_id, meeting_id, Tasks(InlineExecutor()), panel, large=True)
    qtbot.addWidget(dialog)
    text = body(dialog.pdf)
    assert "Mag mijn zus mee?" in text and "Wat kost het?" not in text
    assert dialog.large_check.isChecked() and dialog.print_button.isEnabled()
    target = tmp_path / "blad.pdf"
    dialog.save_pdf(target)
    assert "Mag mijn zus mee?" in body(target.read_bytes())
    assert [entry.action for entry in services.audit.entries()][-1] is AuditAction.PREPARATION_SHEET
    dialog.variant_edit.setCurrentIndex(1)  # for the supporter
    assert "Mevrouw Consulent" in body(dialog.pdf)


def test_enter_in_the_preparation_dialog_adds_a_question_and_presses_no_button(
    qtbot: QtBot, services: Services, settings: Settings, planned: Planned
) -> None:
    meeting_id = planned.meeting_id
    meeting = services.meetings.get_meeting(meeting_id)
    panel = PreparationPanel(services, meeting, settings.autosave_delay_ms, lambda: TODAY)
    dialog = PreparationDialog(panel)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # shortcuts work in the active window
    panel.go(panel.pages.index(panel.questions_page))
    qtbot.keyClicks(panel.questions_page.new_edit, "Wat gebeurt er na het gesprek?")
    qtbot.keyClick(panel.questions_page.new_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and panel.page is panel.questions_page
    assert panel.questions_page.questions() == ["Wat gebeurt er na het gesprek?"]
    qtbot.keyClick(panel.questions_page.new_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.index == panel.pages.index(panel.questions_page) + 1


def test_the_written_report_is_recorded_and_a_meeting_deleted_after_asking(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client, route_id = resident_with_route(services)
    meeting_id = plan(services, client.id, route_id, on=date(2026, 11, 2))
    services.meetings.hold_meeting(meeting_id, HeldMeeting(notes="Gesprek over de huishoudelijke hulp."))
    window.refresh_clients(select=client.id)
    tab = window.dossier.meetings_tab

    def fill(dialog: ReportDialog) -> None:
        dialog.received_edit.setText("16-11-2026")
        dialog.checked_box.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    answer = when_modal(ReportDialog, fill)
    window.meetings.record_report(meeting_id)
    assert answer.handled
    meeting = services.meetings.get_meeting(meeting_id)
    assert (meeting.report_received_on, meeting.report_checked) == (date(2026, 11, 16), True)
    assert tab.model.index(0, 3).data() == "Gehouden · verslag gecontroleerd"

    question = answer_box(StandardButton.Yes)
    window.meetings.delete_meeting(meeting_id)
    assert question.handled and "Keukentafelgesprek" in question.text
    assert services.meetings.list_meetings(client.id) == [] and tab.model.rowCount() == 0
