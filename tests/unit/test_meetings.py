"""MeetingService on a real encrypted database: planning, holding, the agenda, the report, the preparation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from clientsteun.domain.agenda import AgendaKind
from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.meetings import (
    ALTERNATIVE_QUESTIONS,
    ALTERNATIVES,
    QUESTIONS,
    RESIDENT_LABELS,
    AgreedPoint,
    Answer,
    Companion,
    CompanionRole,
    HeldMeeting,
    MeetingInput,
    alternative_key,
    answer_key,
    attempt_key,
    question_key,
    route_key,
)
from clientsteun.domain.model import TimelineKind
from clientsteun.domain.readability import score
from clientsteun.domain.routes import RouteInput, StepInput, StepState, attempts
from clientsteun.services import Services
from tests.conftest import NOW, FakeClock
from tests.helpers.residents import add_resident

TODAY = NOW.date()  # Monday 23 November 2026


def _objection_with_hearing(services: Services, client_id: int) -> tuple[int, int]:
    """A route with a planned hearing; returns the route's and the step's id."""
    route = services.routes.save_route(None, RouteInput(client_id, "objection", "Bezwaar tegen de afwijzing"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 10, 1), "objection"))
    step = services.routes.save_step(
        None, StepInput(route.id, TODAY + timedelta(days=10), "hearing", StepState.PLANNED)
    )
    return route.id, step.id


def _events(content: str) -> list[dict[str, str]]:
    """The VEVENTs of an iCalendar text (RFC 5545: lines unfolded), each as property name -> value."""
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in content.replace("\r\n ", "").split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name.split(";")[0]] = value
    return events


def _hearing(client_id: int, route_id: int, step_id: int | None, on: date) -> MeetingInput:
    return MeetingInput(
        client_id, on, "hearing", start_time=time(14, 30), place="Stadhuis, zaal 2",
        organisation="Gemeente Verzonnendam", consulent="mevrouw Testpersoon", route_ids=(route_id,),
        companions=(Companion(CompanionRole.SUPPORTER, "Kees Bedacht"), Companion(CompanionRole.INTERPRETER)),
        step_id=step_id,
    )  # fmt: skip


def test_a_meeting_and_its_planned_step_are_one_agenda_item_and_one_calendar_event(
    services: Services, tmp_path: Path
) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route_id, step_id = _objection_with_hearing(services, client_id)
    before = [item for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING]
    assert [item.uid for item in before] == [f"step-{step_id}"]

    moved = TODAY + timedelta(days=12)
    saved = services.meetings.save_meeting(None, _hearing(client_id, route_id, step_id, moved))
    items = [item for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING]
    assert len(items) == 1
    (item,) = items
    assert (item.on, item.meeting_id, item.uid, item.route_id) == (moved, saved.id, f"step-{step_id}", route_id)
    assert item.what == "Hoorzitting bezwaar om 14:30"
    step = next(s for s in services.routes.get_route(route_id).view.route.steps if s.id == step_id)
    assert step.data.on == moved  # one event: the step moved with the meeting

    path = tmp_path / "agenda.ics"
    services.agenda.export_ics(path, services.agenda.agenda(), with_names=True)
    events = [event for event in _events(path.read_bytes().decode("utf-8")) if event["SUMMARY"].startswith("Gepland")]
    assert len(events) == 1
    assert events[0]["UID"] == f"step-{step_id}@clientsteun"
    assert events[0]["DTSTART"] == f"{moved:%Y%m%d}"


def test_moving_the_planned_step_moves_its_meeting_until_it_is_held(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route_id, step_id = _objection_with_hearing(services, client_id)
    meeting = services.meetings.save_meeting(None, _hearing(client_id, route_id, step_id, TODAY + timedelta(days=10)))
    step = next(s for s in services.routes.get_route(route_id).view.route.steps if s.id == step_id)
    moved = TODAY + timedelta(days=20)
    services.routes.save_step(step_id, replace(step.data, on=moved))
    assert services.meetings.get_meeting(meeting.id).data.on == moved
    (item,) = [item for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING]
    assert (item.on, item.meeting_id) == (moved, meeting.id)


def test_a_meeting_without_a_step_is_its_own_item_and_a_step_cannot_be_two_meetings(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route_id, step_id = _objection_with_hearing(services, client_id)
    alone = services.meetings.save_meeting(None, MeetingInput(client_id, TODAY + timedelta(days=3), "consulent"))
    services.meetings.save_meeting(None, _hearing(client_id, route_id, step_id, TODAY + timedelta(days=10)))
    uids = sorted(item.uid for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING)
    assert uids == sorted([f"meeting-{alone.id}", f"step-{step_id}"])
    with pytest.raises(InvalidInput, match="hoort al bij een ander gesprek"):
        services.meetings.save_meeting(alone.id, _hearing(client_id, route_id, step_id, TODAY + timedelta(days=10)))
    with pytest.raises(InvalidInput, match="catalogus"):
        services.meetings.save_meeting(None, MeetingInput(client_id, TODAY, "no_such_kind"))


def test_holding_a_meeting_makes_one_conversation_with_its_agreements_and_the_timeline_shows_it_once(
    services: Services, clock: FakeClock
) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route_id, step_id = _objection_with_hearing(services, client_id)
    on = TODAY + timedelta(days=10)
    planned = services.meetings.save_meeting(None, _hearing(client_id, route_id, step_id, on))
    with pytest.raises(InvalidInput, match="nog niet geweest"):
        services.meetings.hold_meeting(planned.id, HeldMeeting())
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)

    clock.value = NOW + timedelta(days=10)
    agreed = (
        AgreedPoint("Stukken nasturen", "Inwoner", on + timedelta(days=7)),
        AgreedPoint("Besluit sturen", "Gemeente"),
    )
    conversation = services.meetings.hold_meeting(planned.id, HeldMeeting("Goed gehoord.", agreed, 45))

    assert conversation.data.kind == "municipality_meeting"
    assert (conversation.data.held_on, conversation.data.start_time) == (on, time(14, 30))
    assert conversation.data.participants == "mevrouw Testpersoon, Cliëntondersteuner: Kees Bedacht, Tolk"
    assert services.meetings.get_meeting(planned.id).conversation_id == conversation.id
    dossier = services.dossier.open(client_id)
    assert [c.id for c in dossier.conversations] == [conversation.id]
    assert {(a.data.description, a.data.conversation_id) for a in dossier.agreements} == {
        ("Stukken nasturen", conversation.id), ("Besluit sturen", conversation.id)
    }  # fmt: skip
    on_the_day = [entry for entry in dossier.timeline if entry.on == on]
    assert [entry.kind for entry in on_the_day].count(TimelineKind.CONVERSATION) == 1
    assert all(entry.kind is not TimelineKind.ROUTE_STEP for entry in on_the_day), on_the_day  # not twice
    step = next(s for s in services.routes.get_route(route_id).view.route.steps if s.id == step_id)
    assert step.data.state is StepState.DONE  # the route's record says the hearing took place
    assert not [item for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING]
    assert heard and heard[-1].touches(Area.CONVERSATIONS | Area.AGREEMENTS | Area.MEETINGS | Area.AGENDA)
    with pytest.raises(InvalidInput, match="al vastgelegd"):
        services.meetings.hold_meeting(planned.id, HeldMeeting())


def test_a_missing_report_is_a_reminder_after_the_set_number_of_days(services: Services, clock: FakeClock) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    meeting = services.meetings.save_meeting(None, MeetingInput(client_id, TODAY, "kitchen_table"))
    services.meetings.hold_meeting(meeting.id, HeldMeeting("Gesprek gehad"))

    def reminders() -> list[date]:
        return [item.on for item in services.agenda.agenda() if item.kind is AgendaKind.REPORT]

    clock.value = NOW + timedelta(days=13)
    assert reminders() == []
    clock.value = NOW + timedelta(days=14)
    assert reminders() == [TODAY + timedelta(days=14)]
    (item,) = [item for item in services.agenda.agenda() if item.kind is AgendaKind.REPORT]
    assert item.actor is None and item.law == "" and item.meeting_id == meeting.id  # not a legal deadline

    shorter = Services.create(services.database, services.catalog, clock, report_days=lambda: 7)
    clock.value = NOW + timedelta(days=7)
    assert [item.on for item in shorter.agenda.agenda() if item.kind is AgendaKind.REPORT] == [TODAY + timedelta(7)]

    clock.value = NOW + timedelta(days=20)
    with pytest.raises(InvalidInput, match="eerder"):
        services.meetings.set_report(meeting.id, TODAY - timedelta(days=1), True)
    checked = services.meetings.set_report(meeting.id, TODAY + timedelta(days=16), True)
    assert (checked.report_received_on, checked.report_checked) == (TODAY + timedelta(days=16), True)
    assert reminders() == []


def test_the_preparation_is_saved_as_typed_with_the_residents_choices_for_the_sheet(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    meeting = services.meetings.save_meeting(None, MeetingInput(client_id, TODAY + timedelta(days=5), "kitchen_table"))
    assert services.meetings.get_preparation(client_id, meeting.id) is None
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)

    prep = services.meetings.open_preparation(client_id, meeting.id)
    assert services.meetings.open_preparation(client_id, meeting.id).id == prep.id  # resumed, not a second one
    services.meetings.save_answer(prep.id, Answer.GOAL_YEAR, "Zelf boodschappen doen")
    services.meetings.save_answer(prep.id, Answer.GOAL_YEAR, "Zelf boodschappen doen 🛒 en koken ")
    services.meetings.save_answer(prep.id, Answer.BAD_DAY, "Ik kom niet uit bed")
    first = services.meetings.add_question(prep.id, "Wie helpt mij met de post?")
    second = services.meetings.add_question(prep.id)
    services.meetings.save_question(second.id, "Krijg ik het verslag op papier?")
    third = services.meetings.add_question(prep.id, "Mag mijn zus mee?")
    services.meetings.set_on_sheet(prep.id, answer_key(Answer.BAD_DAY), False)
    services.meetings.set_on_sheet(prep.id, question_key(second.id), False)
    services.meetings.order_questions(prep.id, [third.id, first.id, second.id])

    read = services.meetings.get_preparation(client_id, meeting.id)
    assert read is not None
    assert read.answer(Answer.GOAL_YEAR) == "Zelf boodschappen doen 🛒 en koken "  # exactly as typed
    assert [q.text for q in read.questions] == ["Mag mijn zus mee?", "Wie helpt mij met de post?",
                                               "Krijg ik het verslag op papier?"]  # fmt: skip
    assert [q.id for q in read.sheet_questions()] == [third.id, first.id]
    assert [answer for answer, _ in read.sheet_answers()] == [Answer.GOAL_YEAR]
    services.meetings.set_on_sheet(prep.id, answer_key(Answer.BAD_DAY), True)
    again = services.meetings.get_preparation(client_id, meeting.id)
    assert again is not None and [a for a, _ in again.sheet_answers()] == [Answer.GOAL_YEAR, Answer.BAD_DAY]
    services.meetings.delete_question(second.id)
    assert services.meetings.get_preparation(client_id, meeting.id).hidden == frozenset()  # type: ignore[union-attr]
    assert heard and all(change.touches(Area.MEETINGS) for change in heard)
    with pytest.raises(InvalidInput):
        services.meetings.set_on_sheet(prep.id, "answer:no_such_question", False)
    assert services.meetings.get_preparation(client_id) is None  # the general one is a different preparation


def test_why_the_alternatives_do_not_fit_is_written_into_the_routes_reversed_test(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route = services.routes.save_route(None, RouteInput(client_id, "wmo", "Hulp bij het huishouden"))
    test = services.meetings.save_alternatives(
        route.id, {"network": "Mijn zus werkt fulltime", "paying_self": "Te duur"}
    )
    stored = services.routes.get_route(route.id).view.route.data.reversed_test
    assert stored == test
    assert (stored.network, stored.paying_self, stored.own_strength) == ("Mijn zus werkt fulltime", "Te duur", "")
    with pytest.raises(InvalidInput):
        services.meetings.save_alternatives(route.id, {"legal_basis": "niet via de voorbereiding"})
    prep = services.meetings.open_preparation(client_id)
    for name in ALTERNATIVES:
        services.meetings.set_on_sheet(prep.id, alternative_key(route.id, name), False)
    services.meetings.set_on_sheet(prep.id, route_key(route.id), False)
    found = services.meetings.get_preparation(client_id)
    assert found is not None and len(found.hidden) == len(ALTERNATIVES) + 1


def test_an_attempt_or_its_whole_route_can_be_left_off_the_sheet(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route = services.routes.save_route(None, RouteInput(client_id, "housing_urgency", "Urgentie"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 9, 1), "applied"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 10, 1), "applied"))
    prep = services.meetings.open_preparation(client_id)
    tried = attempts([services.routes.get_route(route.id).view.route])
    prep = services.meetings.set_on_sheet(prep.id, attempt_key(tried[0]), False)
    assert [prep.attempt_on_sheet(attempt) for attempt in tried] == [False, True]
    prep = services.meetings.set_on_sheet(prep.id, route_key(route.id), False)
    assert [prep.attempt_on_sheet(attempt) for attempt in tried] == [False, False]


def test_deleting_a_meeting_keeps_its_preparation_and_the_step(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    route_id, step_id = _objection_with_hearing(services, client_id)
    meeting = services.meetings.save_meeting(None, _hearing(client_id, route_id, step_id, TODAY + timedelta(days=10)))
    prep = services.meetings.open_preparation(client_id, meeting.id)
    services.meetings.save_answer(prep.id, Answer.BRING, "Mijn paspoort")
    assert services.meetings.next_meeting(client_id) == services.meetings.get_meeting(meeting.id)
    services.meetings.delete_meeting(meeting.id)
    assert services.meetings.list_meetings(client_id) == []
    assert services.meetings.next_meeting(client_id) is None
    general = services.meetings.get_preparation(client_id)
    assert general is not None and general.answer(Answer.BRING) == "Mijn paspoort"
    assert [item.uid for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING] == [f"step-{step_id}"]


def test_the_guided_questions_and_the_residents_labels_are_plain_dutch() -> None:
    texts = [*QUESTIONS.values(), *ALTERNATIVE_QUESTIONS.values(), *(t for t in RESIDENT_LABELS.values() if t)]
    rows = [(text, score(text)) for text in texts]
    print("\n" + "\n".join(f"{s.summary()}  «{text}»" for text, s in rows))
    assert [f"{text}: {s.summary()}" for text, s in rows if not s.passes] == []


def test_deleting_the_conversation_of_a_held_meeting_opens_the_meeting_again(services: Services) -> None:
    client_id = add_resident(services, "Mira Verzonnen").id
    meeting = services.meetings.save_meeting(None, MeetingInput(client_id, TODAY, "consulent"))
    conversation = services.meetings.hold_meeting(meeting.id, HeldMeeting("Gesprek gehad"))
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)
    services.conversations.delete_conversation(conversation.id)
    assert not services.meetings.get_meeting(meeting.id).held
    assert [item.meeting_id for item in services.agenda.agenda() if item.kind is AgendaKind.MEETING] == [meeting.id]
    assert heard[-1].touches(Area.MEETINGS) and heard[-1].touches(Area.AGENDA)
