"""SheetService: the preparation sheet's data from a real database, without what is not on the sheet."""

from __future__ import annotations

import io
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.meetings import (
    Answer,
    Companion,
    CompanionRole,
    MeetingInput,
    alternative_key,
    answer_key,
    attempt_key,
    question_key,
    route_key,
)
from clientsteun.domain.routes import EvidenceInput, Outcome, RouteInput, StepInput, StepState, attempts
from clientsteun.domain.sheet import Alternative, SheetVariant
from clientsteun.services import Services
from tests.conftest import NOW
from tests.helpers.residents import add_resident

TODAY = NOW.date()


def _resident_with_routes(services: Services) -> tuple[int, int, int]:
    """Returns the resident, her urgency route (refused, with efforts) and a route she keeps off the sheet."""
    client_id = add_resident(services, "Sanne Verzonnen", "Verzonnendam").id
    urgency = services.routes.save_route(
        None, RouteInput(client_id, "housing_urgency", "Urgentie", organisation="Gemeente Verzonnendam")
    )
    services.routes.save_step(None, StepInput(urgency.id, date(2026, 9, 1), "applied"))
    services.routes.save_step(
        None, StepInput(urgency.id, date(2026, 10, 20), "decision", outcome=Outcome.REFUSED, reason="Niet urgent")
    )
    services.routes.save_evidence(None, EvidenceInput(urgency.id, date(2026, 8, 15), "Ingeschreven als woningzoekende"))
    services.routes.save_evidence(None, EvidenceInput(urgency.id, date(2026, 8, 20), "GEHEIM: logeren bij familie"))
    services.meetings.save_alternatives(
        urgency.id, {"network": "Mijn zus heeft geen plek", "paying_self": "GEHEIM: schuld bij de bank"}
    )
    private = services.routes.save_route(None, RouteInput(client_id, "debt_counselling", "GEHEIM schuldhulp"))
    services.routes.save_step(None, StepInput(private.id, date(2026, 9, 5), "applied"))
    return client_id, urgency.id, private.id


def _prepare(services: Services, client_id: int, meeting_id: int | None, urgency_id: int, private_id: int) -> None:
    prep = services.meetings.open_preparation(client_id, meeting_id)
    services.meetings.save_answer(prep.id, Answer.GOAL_YEAR, "Een eigen huis voor mij en de kinderen")
    services.meetings.save_answer(prep.id, Answer.BAD_DAY, "GEHEIM: een slechte dag")
    services.meetings.save_answer(prep.id, Answer.BRING, "Brief van de school\nHuurcontract")
    for text in ("Wanneer krijg ik een huis?", "GEHEIM: mag ik dit vragen?", "Wie helpt mij met verhuizen?"):
        services.meetings.add_question(prep.id, text)
    questions = services.meetings.open_preparation(client_id, meeting_id).questions
    services.meetings.set_on_sheet(prep.id, answer_key(Answer.BAD_DAY), False)
    services.meetings.set_on_sheet(prep.id, question_key(questions[1].id), False)
    services.meetings.set_on_sheet(prep.id, alternative_key(urgency_id, "paying_self"), False)
    services.meetings.set_on_sheet(prep.id, route_key(private_id), False)
    secret = next(a for a in attempts([services.routes.get_route(urgency_id).view.route]) if a.evidence is not None
                  and a.evidence.data.description.startswith("GEHEIM"))  # fmt: skip
    services.meetings.set_on_sheet(prep.id, attempt_key(secret), False)


def test_the_sheet_holds_the_meeting_and_the_preparation_but_nothing_marked_off_it(services: Services) -> None:
    client_id, urgency_id, private_id = _resident_with_routes(services)
    meeting = services.meetings.save_meeting(
        None,
        MeetingInput(
            client_id, TODAY + timedelta(days=4), "housing_corporation", time(10, 0), "Kantoor", "Woonstichting",
            "meneer Bedacht", (urgency_id,), (Companion(CompanionRole.EXPERIENCE_EXPERT, "Ria Verzonnen"),),
        ),
    )  # fmt: skip
    _prepare(services, client_id, meeting.id, urgency_id, private_id)

    data = services.sheet.sheet_data(client_id)  # the next planned meeting
    assert data.meeting is not None
    assert (data.meeting.kind, data.meeting.on, data.meeting.at) == (
        "Gesprek met de woningcorporatie", TODAY + timedelta(days=4), time(10, 0)
    )  # fmt: skip
    assert data.meeting.about == ("Urgentie",)
    assert [(c.role, c.name) for c in data.companions] == [("ervaringsdeskundige", "Ria Verzonnen")]
    assert "Sanne" not in data.title
    assert [a.text for a in data.wants] == ["Een eigen huis voor mij en de kinderen"]
    assert data.not_working == ()
    assert data.questions == ("Wanneer krijg ik een huis?", "Wie helpt mij met verhuizen?")
    assert [route.title for route in data.tried] == ["Urgentie"]
    (route,) = data.tried
    assert [(step.on, step.what) for step in route.steps] == [
        (date(2026, 8, 15), "Ingeschreven als woningzoekende"),
        (date(2026, 9, 1), services.catalog.routes.step_for_resident("applied")),
        (date(2026, 10, 20), services.catalog.routes.step_for_resident("decision")),
    ]
    assert route.steps[-1].result == "afgewezen — Niet urgent"
    assert route.evidence_count == 1
    assert [(n.alternative, n.why) for n in data.not_fitting] == [(Alternative.NETWORK, "Mijn zus heeft geen plek")]
    assert [e.kind for e in data.entitlements] == [services.catalog.routes.kind("housing_urgency").name]
    assert data.entitlements[0].resident_explanation
    assert {line.route for line in data.deadlines} <= {"Urgentie"}
    assert any(line.name for line in data.deadlines)  # the objection term after the refusal
    assert [item.name for item in data.bring][-2:] == ["Brief van de school", "Huurcontract"]
    assert data.agreement_lines > 0
    assert "GEHEIM" not in repr(data)


def test_without_a_planned_meeting_the_sheet_is_general_and_uses_the_general_preparation(services: Services) -> None:
    client_id, urgency_id, private_id = _resident_with_routes(services)
    _prepare(services, client_id, None, urgency_id, private_id)
    data = services.sheet.sheet_data(client_id, variant=SheetVariant.SUPPORTER)
    assert data.meeting is None and data.companions == () and data.agreement_lines == 0
    assert data.title == "Voorbereiding"
    assert len(data.questions) == 2
    assert "GEHEIM" not in repr(data)
    done = services.meetings.save_meeting(None, MeetingInput(client_id, TODAY - timedelta(days=3), "consulent"))
    assert services.sheet.sheet_data(client_id).meeting is None  # a past meeting is not the next one
    assert services.sheet.sheet_data(client_id, done.id).meeting is not None  # but can be asked for


def test_the_written_sheet_reads_back_with_the_questions_and_is_logged(services: Services, tmp_path: Path) -> None:
    client_id, urgency_id, private_id = _resident_with_routes(services)
    meeting = services.meetings.save_meeting(None, MeetingInput(client_id, TODAY + timedelta(days=2), "kitchen_table"))
    _prepare(services, client_id, meeting.id, urgency_id, private_id)
    services.routes.save_step(None, StepInput(urgency_id, TODAY + timedelta(days=20), "hearing", StepState.PLANNED))

    data = services.sheet.sheet_data(client_id)
    target = services.sheet.export_sheet(tmp_path / "blad.pdf", data, client_id, large=True)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    extracted = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in (
        "Wanneer krijg ik een huis?",
        "Wie helpt mij met verhuizen?",
        "Urgentie",
        "Mijn zus heeft geen plek",
    ):
        assert expected in extracted
    assert "GEHEIM" not in extracted
    assert "Sanne" not in str(reader.metadata)
    (entry,) = [e for e in services.audit.entries() if e.action is AuditAction.PREPARATION_SHEET]
    assert entry.client_id == client_id


def test_a_meeting_of_another_resident_is_refused(services: Services) -> None:
    client_id, *_ = _resident_with_routes(services)
    other = add_resident(services, "Piet Verzonnen").id
    meeting = services.meetings.save_meeting(None, MeetingInput(other, TODAY, "other"))
    with pytest.raises(InvalidInput, match="andere inwoner"):
        services.sheet.sheet_data(client_id, meeting.id)
