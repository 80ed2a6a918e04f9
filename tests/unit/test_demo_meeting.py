"""The demo's planned kitchen-table conversation with its preparation (scenario 3)."""

from __future__ import annotations

from datetime import date

from clientsteun.demo import fill_demo
from clientsteun.demo.meetings import QUESTIONS
from clientsteun.domain.agenda import AgendaKind
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.routes import StepState
from clientsteun.services import Services

TODAY = date(2026, 11, 23)  # the fixed clock's day (tests/conftest.py)


def test_the_demo_has_a_kitchen_table_conversation_prepared_with_three_questions(
    services: Services, catalog: Catalog
) -> None:
    fill_demo(services.database, catalog, clients=24, seed=2, today=TODAY)
    found = [(row.id, m) for row in services.clients.list_clients() for m in services.meetings.list_meetings(row.id)]
    assert len(found) == 1
    ((client_id, meeting),) = found
    assert meeting.data.kind == "kitchen_table" and meeting.data.on > TODAY and not meeting.held
    assert [c.role.value for c in meeting.data.companions] == ["experience_expert"]
    (route_id,) = meeting.data.route_ids
    step = next(s for s in services.routes.get_route(route_id).view.route.steps if s.id == meeting.data.step_id)
    assert (step.data.kind, step.data.state, step.data.on) == ("conversation", StepState.PLANNED, meeting.data.on)

    items = [item for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING and item.route_id == route_id]
    assert [(item.uid, item.meeting_id) for item in items] == [(f"step-{step.id}", meeting.id)]  # one item, not two
    assert services.meetings.next_meeting(client_id) == meeting
    sheet = services.sheet.sheet_data(client_id)
    assert sheet.questions == QUESTIONS
    assert sheet.meeting is not None and sheet.meeting.kind == "Keukentafelgesprek"
    assert sheet.wants and sheet.not_working and sheet.bring
