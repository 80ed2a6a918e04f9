"""RouteService and AgendaService on a real encrypted database: routes, steps, evidence, links, signals, agenda."""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from clientsteun import paths
from clientsteun.domain.agenda import AgendaKind
from clientsteun.domain.catalog import Catalog, load_catalog
from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.deadlines import NOTICE_OF_DEFAULT, DeadlineState
from clientsteun.domain.errors import InvalidInput, NotFound
from clientsteun.domain.model import AgreementInput, ClientInput, HelpQuestionInput
from clientsteun.domain.routes import (
    MAX_ATTACHMENT,
    Actor,
    EvidenceInput,
    LinkKind,
    NewAttachment,
    Outcome,
    ReversedTest,
    Route,
    RouteInput,
    RouteStatus,
    SignalInput,
    Step,
    StepInput,
    StepState,
    wait_cycle,
)
from clientsteun.services import Services
from clientsteun.services.routes import RouteService
from clientsteun.store.database import open_database
from tests.conftest import NOW, TEST_KEY, FakeClock

TODAY = NOW.date()  # Monday 23 November 2026

FUTURE_STEP = "Een stap die al is gebeurd, kan niet in de toekomst liggen. Kies ‘gepland’ of een andere datum."
LONG_TEXT = ("Gebeld met de corporatie 📞, geen reactie 😞; daarna 👩‍👧 samen gemaild. 🇳🇱 café naïef\r\n" * 700)[
    :49_999
] + "🏠"
SCAN = bytes(range(256)) * 400 + b"%PDF-1.7\x00\xff\xfe einde"


def _client(services: Services, name: str = "Noor Verzonnen", **details: Any) -> int:
    return services.clients.create_client(ClientInput(name=name, **details)).id


def _route(
    services: Services, client_id: int, kind: str = "social_assistance", title: str = "Bijstand", **data: Any
) -> Route:
    return services.routes.save_route(None, RouteInput(client_id, kind, title, **data))


def _step(
    services: Services,
    route_id: int,
    on: date,
    kind: str,
    outcome: Outcome | None = None,
    state: StepState = StepState.DONE,
    reason: str = "",
) -> Step:
    return services.routes.save_step(None, StepInput(route_id, on, kind, state, outcome, reason))


def _rows(services: Services, table: str, where: str = "", **params: Any) -> int:
    with services.database.transaction() as session:
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(session.execute(text(sql), params).scalar_one())


def _refused(message: str) -> Any:
    return pytest.raises(InvalidInput, match="^" + re.escape(message) + "$")


# --- the route -----------------------------------------------------------------------------------


def test_route_round_trip_and_edit(services: Services) -> None:
    client = _client(services)
    question = services.clients.add_help_question(client, HelpQuestionInput(TODAY, "Een huis", "Rust voor de kinderen"))
    test = ReversedTest(" Veilig wonen ", "Geen geld voor een makelaar", "Familie woont ver", "", "", "Huisvestingswet")
    route = _route(
        services,
        client,
        "housing_urgency",
        "  Urgentie aanvragen  ",
        life_domain="housing",
        organisation="Gemeente Houten",
        contact="Mw. De Vries",
        reference="Z-2026-123",
        circumstances=("threat", "special", "threat"),
        reversed_test=test,
    )
    assert route.data.title == "Urgentie aanvragen"
    assert set(route.data.circumstances) == {"special", "threat"}
    route = services.routes.save_route(route.id, replace(route.data, help_question_id=question.id))
    assert route.data.help_question_id == question.id
    assert route.data.reversed_test.wanted_effect == "Veilig wonen"
    assert route.steps == () and route.evidence == () and route.documents == {}
    detail = services.routes.get_route(route.id)
    assert detail.view.route.data.circumstances == ("special", "threat")  # read back in code order
    assert detail.view.route == replace(route, data=replace(route.data, circumstances=("special", "threat")))
    assert detail.view.progress.status is RouteStatus.NOT_STARTED
    assert detail.view.deadlines == ()

    changed = services.routes.save_route(
        route.id, RouteInput(client, "housing_urgency", "Urgentie (tweede keer)", circumstances=("special",))
    )
    assert changed.id == route.id
    assert changed.data.title == "Urgentie (tweede keer)"
    assert changed.data.circumstances == ("special",)
    assert changed.data.help_question_id is None
    assert changed.data.reversed_test == ReversedTest()
    assert [view.route for view in services.routes.list_routes(client)] == [changed]
    assert _rows(services, "route_circumstances", "route_id = :r", r=route.id) == 1


@pytest.mark.parametrize(
    ("kind", "title", "message"),
    [
        ("", "Bijstand", "Kies wat voor route het is."),
        ("social_assistance", "   ", "Geef de route een naam."),
        ("pgb", "Pgb", "Deze soort route staat niet in de catalogus."),
        ("wmo", "x" * 501, "Een van de velden is te lang (meer dan 500 tekens)."),
    ],
)
def test_invalid_route_is_refused_and_nothing_saved(services: Services, kind: str, title: str, message: str) -> None:
    client = _client(services)
    with _refused(message):
        _route(services, client, kind, title)
    assert services.routes.list_routes(client) == []


def test_route_of_a_kind_the_catalog_dropped_can_still_be_edited(services: Services) -> None:
    client = _client(services)
    route = _route(services, client, "wmo", "Huishoudelijke hulp")
    _step(services, route.id, date(2026, 11, 16), "applied")
    with services.database.transaction() as session:
        session.execute(text("UPDATE routes SET kind = 'old_kind' WHERE id = :id"), {"id": route.id})
    changed = services.routes.save_route(route.id, RouteInput(client, "old_kind", "Hulp bij het huishouden"))
    assert changed.data.kind == "old_kind"
    view = services.routes.list_routes(client)[0]
    assert view.deadlines == ()  # no rules for a kind the catalog does not know
    assert view.progress.status is RouteStatus.RUNNING
    with _refused("Deze soort route staat niet in de catalogus."):
        _route(services, client, "old_kind", "Nieuw")


def test_route_cannot_move_to_another_resident_or_use_their_help_question(services: Services) -> None:
    noor, sem = _client(services), _client(services, "Sem Bedacht")
    route = _route(services, noor)
    with pytest.raises(InvalidInput):
        services.routes.save_route(route.id, RouteInput(sem, "social_assistance", "Bijstand"))
    question = services.clients.add_help_question(sem, HelpQuestionInput(TODAY, "Werk"))
    with pytest.raises(InvalidInput):
        services.routes.save_route(route.id, RouteInput(noor, "social_assistance", "Bijstand", question.id))
    assert services.routes.get_route(route.id).view.route.client_id == noor
    assert services.routes.list_routes(sem) == []


def test_new_route_with_a_help_question_as_its_goal(services: Services) -> None:
    noor, sem = _client(services), _client(services, "Sem Bedacht")
    own = services.clients.add_help_question(noor, HelpQuestionInput(TODAY, "Een huis"))
    other = services.clients.add_help_question(sem, HelpQuestionInput(TODAY, "Werk"))
    with pytest.raises(InvalidInput):  # another resident's question: refused as input, not a database failure
        _route(services, noor, help_question_id=other.id)
    route = _route(services, noor, help_question_id=own.id)
    assert services.routes.get_route(route.id).view.route.data.help_question_id == own.id


def test_missing_resident_or_route(services: Services) -> None:
    with pytest.raises(NotFound):
        _route(services, 999)
    with pytest.raises(NotFound):
        services.routes.list_routes(999)
    with pytest.raises(NotFound):
        services.routes.get_route(999)
    with pytest.raises(NotFound):
        services.routes.delete_route(999)
    with pytest.raises(NotFound):
        _step(services, 999, TODAY, "applied")


def test_routes_are_listed_oldest_first_per_resident(services: Services) -> None:
    noor, sem = _client(services), _client(services, "Sem Bedacht")
    first = _route(services, noor, title="Eerste")
    _route(services, sem, title="Van Sem")
    second = _route(services, noor, "wmo", "Tweede")
    assert [view.route.id for view in services.routes.list_routes(noor)] == [first.id, second.id]
    assert services.routes.get_route(first.id).siblings == {second.id: "Tweede"}


def test_delete_route_removes_everything_but_keeps_its_signals(services: Services) -> None:
    client = _client(services)
    route = _route(services, client, circumstances=("threat",))
    other = _route(services, client, "wmo", "Wmo")
    _step(services, route.id, date(2026, 11, 2), "applied")
    services.routes.save_evidence(None, EvidenceInput(route.id, TODAY, "Brief"), NewAttachment("brief.pdf", "", SCAN))
    services.routes.set_document(route.id, "identity", TODAY)
    services.routes.add_link(route.id, other.id, LinkKind.WAITS_FOR)
    signal = services.routes.save_signal(None, SignalInput(client, TODAY, "waiting_list", "Wachtlijst", route.id))

    services.routes.delete_route(route.id)

    for table in ("route_steps", "route_evidence", "route_documents", "route_circumstances"):
        assert _rows(services, table, "route_id = :r", r=route.id) == 0, table
    assert _rows(services, "attachments") == 0
    assert _rows(services, "route_links") == 0
    assert services.routes.get_route(other.id).view.route.links == ()
    assert services.routes.list_signals(client) == [
        type(signal)(signal.id, SignalInput(client, TODAY, "waiting_list", "Wachtlijst", None))
    ]
    with pytest.raises(NotFound):
        services.routes.get_route(route.id)


# --- steps ---------------------------------------------------------------------------------------


def test_a_done_step_in_the_future_is_refused(services: Services) -> None:
    route = _route(services, _client(services))
    with _refused(FUTURE_STEP):
        _step(services, route.id, TODAY + timedelta(days=1), "applied")
    assert _step(services, route.id, TODAY, "applied").data.on == TODAY  # today is not the future
    planned = _step(services, route.id, TODAY + timedelta(days=30), "hearing", state=StepState.PLANNED)
    assert planned.data.state is StepState.PLANNED
    with _refused(FUTURE_STEP):  # nor may an edit make a planned step done while it is still ahead
        services.routes.save_step(planned.id, StepInput(route.id, planned.data.on, "hearing"))


def test_a_steps_letter_dates_are_kept_and_a_new_date_only_where_a_letter_names_one(services: Services) -> None:
    route = _route(services, _client(services))
    applied = StepInput(route.id, date(2026, 10, 1), "applied", sent_on=date(2026, 10, 2), new_due_on=date(2026, 12, 1))
    saved = services.routes.save_step(None, applied)
    assert (saved.data.sent_on, saved.data.received_on, saved.data.new_due_on) == (date(2026, 10, 2), None, None)
    extension = StepInput(route.id, date(2026, 11, 10), "extension", new_due_on=date(2027, 1, 15))
    assert services.routes.save_step(None, extension).data.new_due_on == date(2027, 1, 15)
    with _refused("Een brief die al is verstuurd of ontvangen, kan dat niet in de toekomst zijn."):
        services.routes.save_step(None, replace(applied, received_on=TODAY + timedelta(days=1)))
    assert _rows(services, "route_steps") == 2


def test_a_decision_needs_an_outcome_and_other_steps_lose_theirs(services: Services) -> None:
    route = _route(services, _client(services))
    with _refused("Kies de uitkomst van het besluit."):
        _step(services, route.id, TODAY, "decision")
    with _refused("Een besluit is toegekend, deels toegekend of afgewezen."):
        _step(services, route.id, TODAY, "decision", Outcome.WITHDRAWN)
    with _refused("Een besluit is toegekend, deels toegekend of afgewezen."):
        _step(services, route.id, TODAY, "decision", Outcome.OPEN)
    planned = _step(services, route.id, TODAY + timedelta(days=10), "decision", state=StepState.PLANNED)
    assert planned.data.outcome is None
    applied = _step(services, route.id, date(2026, 11, 2), "applied", Outcome.GRANTED)
    assert applied.data.outcome is None
    stored = services.routes.get_route(route.id).view.route.steps
    assert [(s.data.kind, s.data.outcome) for s in stored] == [("applied", None), ("decision", None)]
    assert _rows(services, "route_steps", "outcome IS NOT NULL") == 0


def test_unknown_step_kind_is_refused(services: Services) -> None:
    route = _route(services, _client(services))
    with _refused("Deze soort stap staat niet in de catalogus."):
        _step(services, route.id, TODAY, "verdict")
    with _refused("Kies wat voor stap het is."):
        _step(services, route.id, TODAY, "")
    assert _rows(services, "route_steps") == 0


def test_step_edit_move_and_delete(services: Services) -> None:
    route = _route(services, _client(services))
    other = _route(services, route.client_id, "wmo", "Wmo")
    step = _step(services, route.id, date(2026, 11, 2), "applied")
    edited = services.routes.save_step(
        step.id, StepInput(route.id, date(2026, 11, 3), "applied", note=" Per post, aangetekend ")
    )
    assert edited.id == step.id
    assert (edited.data.on, edited.data.note) == (date(2026, 11, 3), "Per post, aangetekend")
    with pytest.raises(InvalidInput):
        services.routes.save_step(step.id, StepInput(other.id, date(2026, 11, 3), "applied"))
    services.routes.delete_step(step.id)
    assert services.routes.get_route(route.id).view.route.steps == ()
    with pytest.raises(NotFound):
        services.routes.delete_step(step.id)


def test_progress_from_not_started_to_decided_keeps_the_refusal_reason(services: Services) -> None:
    route = _route(services, _client(services))

    def progress() -> Any:
        return services.routes.get_route(route.id).view.progress

    assert (progress().status, progress().outcome) == (RouteStatus.NOT_STARTED, Outcome.OPEN)
    _step(services, route.id, TODAY + timedelta(days=3), "conversation", state=StepState.PLANNED)
    assert progress().status is RouteStatus.NOT_STARTED
    _step(services, route.id, date(2026, 9, 1), "applied")
    assert (progress().status, progress().outcome) == (RouteStatus.RUNNING, Outcome.OPEN)
    refusal = _step(
        services, route.id, date(2026, 10, 1), "decision", Outcome.REFUSED, reason="Vermogen boven de grens"
    )
    decided = progress()
    assert (decided.status, decided.outcome) == (RouteStatus.DECIDED, Outcome.REFUSED)
    assert decided.last_decision == refusal
    assert decided.last_decision.data.reason == "Vermogen boven de grens"
    _step(services, route.id, date(2026, 10, 20), "objection")
    objecting = progress()
    assert (objecting.status, objecting.outcome) == (RouteStatus.RUNNING, Outcome.OPEN)
    assert objecting.last_decision == refusal  # the refusal stays visible while the objection runs
    _step(services, route.id, date(2026, 11, 20), "objection_decision", Outcome.GRANTED)
    assert (progress().status, progress().outcome) == (RouteStatus.DECIDED, Outcome.GRANTED)
    _step(services, route.id, TODAY, "withdrawn")
    assert (progress().status, progress().outcome) == (RouteStatus.WITHDRAWN, Outcome.WITHDRAWN)


def test_deadlines_through_the_service(services: Services, catalog: Catalog, clock: FakeClock) -> None:
    route = _route(services, _client(services), "special_assistance", "Bijzondere bijstand")  # one term: no advance
    _step(services, route.id, date(2026, 10, 5), "applied")
    deadline = services.routes.get_route(route.id).view.next_deadline
    assert deadline is not None
    assert (deadline.rule.code, deadline.due_on, deadline.state) == (
        "decision_8_weeks",
        date(2026, 11, 30),
        DeadlineState.DUE_SOON,
    )
    # "Due soon" is read from the setting at every use, as the app builds the service.
    due_soon_days = 7
    routes = RouteService(services.database, clock, catalog, due_soon_days=lambda: due_soon_days)
    assert routes.list_routes(route.client_id)[0].next_deadline == deadline
    due_soon_days = 3
    later = routes.list_routes(route.client_id)[0].next_deadline
    assert later is not None and later.state is DeadlineState.UPCOMING
    _step(services, route.id, date(2026, 11, 20), "decision", Outcome.PARTLY_GRANTED)
    view = services.routes.get_route(route.id).view
    assert [d.rule.code for d in view.open_deadlines] == ["objection_term"]
    assert view.open_deadlines[0].due_on == date(2027, 1, 4)  # 1 January 2027 is a holiday on a Friday


def test_circumstances_of_the_route_pick_the_rule(services: Services) -> None:
    client = _client(services)
    route = _route(services, client, "debt_counselling", "Schulden", circumstances=("threat",))
    _step(services, route.id, date(2026, 11, 20), "applied")
    view = services.routes.get_route(route.id).view
    assert [(d.rule.code, d.due_on) for d in view.deadlines] == [("debt_first_conversation_urgent", date(2026, 11, 25))]
    services.routes.save_route(route.id, RouteInput(client, "debt_counselling", "Schulden"))
    view = services.routes.get_route(route.id).view
    assert [(d.rule.code, d.due_on) for d in view.deadlines] == [("debt_first_conversation", date(2026, 12, 18))]


# --- evidence and attached files ------------------------------------------------------------------


def test_evidence_with_a_file_is_stored_and_read_back_byte_identical(services: Services) -> None:
    route = _route(services, _client(services), "housing_urgency", "Urgentie")
    evidence = services.routes.save_evidence(
        None,
        EvidenceInput(route.id, date(2026, 11, 2), "  Gereageerd op 14 woningen  "),
        NewAttachment("C:\\Users\\noor\\Scans\\reacties woningnet.pdf", "application/pdf", SCAN),
    )
    assert evidence.data.description == "Gereageerd op 14 woningen"
    assert evidence.attachment is not None
    assert (evidence.attachment.file_name, evidence.attachment.media_type, evidence.attachment.size) == (
        "reacties woningnet.pdf",
        "application/pdf",
        len(SCAN),
    )
    back = services.routes.attachment(evidence.id)
    assert back.data == SCAN
    assert (back.file_name, back.media_type) == ("reacties woningnet.pdf", "application/pdf")
    with services.database.transaction() as session:
        stored = session.execute(text("SELECT sha256, size FROM attachments")).one()
    assert tuple(stored) == (hashlib.sha256(SCAN).hexdigest(), len(SCAN))
    assert services.routes.get_route(route.id).view.route.evidence == (evidence,)


def test_attached_file_replaced_kept_and_removed(services: Services) -> None:
    route = _route(services, _client(services))
    data = EvidenceInput(route.id, TODAY, "Brief van de gemeente")
    evidence = services.routes.save_evidence(None, data, NewAttachment("brief.jpg", "image/jpeg", b"\xff\xd8oud"))
    replaced = services.routes.save_evidence(evidence.id, data, NewAttachment("/tmp/x/brief2.png", "image/png", SCAN))
    assert replaced.attachment is not None and replaced.attachment.file_name == "brief2.png"
    assert services.routes.attachment(evidence.id).data == SCAN
    assert _rows(services, "attachments") == 1

    kept = services.routes.save_evidence(evidence.id, EvidenceInput(route.id, TODAY, "Brief, tweede pagina erbij"))
    assert kept.attachment == replaced.attachment
    assert services.routes.attachment(evidence.id).data == SCAN

    removed = services.routes.save_evidence(evidence.id, data, remove_attachment=True)
    assert removed.attachment is None
    assert _rows(services, "attachments") == 0
    with _refused("Bij dit bewijs hoort geen bestand."):
        services.routes.attachment(evidence.id)


def test_a_damaged_file_is_noticed(services: Services) -> None:
    route = _route(services, _client(services))
    evidence = services.routes.save_evidence(
        None, EvidenceInput(route.id, TODAY, "Scan"), NewAttachment("scan.pdf", "application/pdf", SCAN)
    )
    with services.database.transaction() as session:
        session.execute(text("UPDATE attachments SET data = :d"), {"d": SCAN[:-1] + b"?"})
    with pytest.raises(InvalidInput, match="beschadigd"):
        services.routes.attachment(evidence.id)


def test_file_size_limits(services: Services) -> None:
    route = _route(services, _client(services))
    data = EvidenceInput(route.id, TODAY, "Scan")
    with _refused("Het gekozen bestand is leeg."):
        services.routes.save_evidence(None, data, NewAttachment("leeg.pdf", "application/pdf", b""))
    with _refused("Het bestand is te groot (meer dan 50 MB). Kies een kleinere scan."):
        services.routes.save_evidence(None, data, NewAttachment("groot.pdf", "", b"\0" * (MAX_ATTACHMENT + 1)))
    assert _rows(services, "route_evidence") == 0
    assert MAX_ATTACHMENT == 50 * 1024 * 1024
    largest = NewAttachment("precies 50 MB.tif", "image/tiff", b"\0" * MAX_ATTACHMENT)
    assert largest.validated().data is largest.data  # the limit itself is allowed


def test_file_without_a_name_gets_one(services: Services) -> None:
    route = _route(services, _client(services))
    evidence = services.routes.save_evidence(
        None, EvidenceInput(route.id, TODAY, "Foto"), NewAttachment("C:\\Scans\\", "", b"x")
    )
    assert evidence.attachment is not None and evidence.attachment.file_name == "bijlage"


def test_long_description_with_emoji_round_trips(services: Services) -> None:
    route = _route(services, _client(services))
    assert len(LONG_TEXT) == 50_000
    evidence = services.routes.save_evidence(None, EvidenceInput(route.id, TODAY, LONG_TEXT))
    stored = services.routes.get_route(route.id).view.route.evidence
    assert stored == (evidence,)
    assert stored[0].data.description == LONG_TEXT.strip()
    assert stored[0].attachment is None


def test_evidence_needs_a_description_and_comes_in_date_order(services: Services) -> None:
    route = _route(services, _client(services))
    with _refused("Beschrijf wat er is gedaan."):
        services.routes.save_evidence(None, EvidenceInput(route.id, TODAY, " \n\t "))
    later = services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 11, 20), "Later"))
    earlier = services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 10, 1), "Eerder"))
    assert services.routes.get_route(route.id).view.route.evidence == (earlier, later)
    services.routes.delete_evidence(earlier.id)
    assert services.routes.get_route(route.id).view.route.evidence == (later,)


def test_document_checklist(services: Services) -> None:
    route = _route(services, _client(services), "housing_urgency", "Urgentie")

    def documents() -> dict[str, date]:
        return dict(services.routes.get_route(route.id).view.route.documents)

    services.routes.set_document(route.id, "income_statement", date(2026, 11, 2))
    services.routes.set_document(route.id, "brp_extract", date(2026, 11, 5))
    assert documents() == {"income_statement": date(2026, 11, 2), "brp_extract": date(2026, 11, 5)}
    services.routes.set_document(route.id, "income_statement", date(2026, 11, 20))
    assert documents()["income_statement"] == date(2026, 11, 20)
    services.routes.set_document(route.id, "brp_extract", None)
    services.routes.set_document(route.id, "landlord_statement", None)  # not collected, nothing to undo
    assert documents() == {"income_statement": date(2026, 11, 20)}
    with pytest.raises(NotFound):
        services.routes.set_document(999, "identity", TODAY)
    with pytest.raises(InvalidInput, match="niet in de catalogus"):
        services.routes.set_document(route.id, "paspoortfoto", TODAY)
    services.routes.set_document(route.id, "paspoortfoto", None)  # unticking an unknown code is harmless
    assert documents() == {"income_statement": date(2026, 11, 20)}


# --- links and the wait circle ---------------------------------------------------------------------


def test_waiting_for_each_other_makes_a_circle(services: Services) -> None:
    client = _client(services)
    debts = _route(services, client, "debt_counselling", "Schuldhulp")
    care = _route(services, client, "other", "Behandeling verslaving")
    unrelated = _route(services, client, "wmo", "Wmo")
    assert services.routes.add_link(debts.id, care.id, LinkKind.WAITS_FOR) == ()
    assert services.routes.get_route(debts.id).circle == ()
    assert services.routes.add_link(care.id, debts.id, LinkKind.WAITS_FOR) == (debts.id, care.id)
    assert services.routes.get_route(debts.id).circle == (debts.id, care.id)
    assert services.routes.get_route(care.id).circle == (debts.id, care.id)
    assert services.routes.get_route(unrelated.id).circle == ()
    links = services.routes.get_route(debts.id).view.route.links
    assert {(link.from_route, link.to_route, link.kind) for link in links} == {
        (debts.id, care.id, LinkKind.WAITS_FOR),
        (care.id, debts.id, LinkKind.WAITS_FOR),
    }
    services.routes.delete_link(links[1].id)
    assert services.routes.get_route(debts.id).circle == ()


def test_circle_of_three_and_links_that_do_not_wait(services: Services) -> None:
    client = _client(services)
    a, b, c = (_route(services, client, "other", title).id for title in ("A", "B", "C"))
    assert services.routes.add_link(a, b, LinkKind.BELONGS_TO) == ()
    assert services.routes.add_link(b, a, LinkKind.BELONGS_TO) == ()  # belonging is no waiting
    assert services.routes.add_link(a, b, LinkKind.WAITS_FOR) == ()  # the same pair, another kind
    assert services.routes.add_link(b, c, LinkKind.WAITS_FOR) == ()
    assert services.routes.add_link(c, a, LinkKind.WAITS_FOR) == (a, b, c)


def test_links_refused(services: Services) -> None:
    noor, sem = _client(services), _client(services, "Sem Bedacht")
    a, b = _route(services, noor, title="A"), _route(services, noor, title="B")
    elsewhere = _route(services, sem, title="Van Sem")
    with _refused("Een route kan niet aan zichzelf worden gekoppeld."):
        services.routes.add_link(a.id, a.id, LinkKind.WAITS_FOR)
    services.routes.add_link(a.id, b.id, LinkKind.WAITS_FOR)
    with _refused("Deze koppeling bestaat al."):
        services.routes.add_link(a.id, b.id, LinkKind.WAITS_FOR)
    with pytest.raises(InvalidInput):
        services.routes.add_link(a.id, elsewhere.id, LinkKind.WAITS_FOR)
    with pytest.raises(NotFound):
        services.routes.add_link(a.id, 999, LinkKind.BELONGS_TO)
    assert _rows(services, "route_links") == 1


@pytest.mark.parametrize(
    ("waits", "circle"),
    [
        ([], ()),
        ([(1, 2)], ()),
        ([(1, 2), (2, 1)], (1, 2)),
        ([(5, 3), (3, 5)], (3, 5)),
        ([(1, 2), (2, 3), (3, 1)], (1, 2, 3)),
        ([(3, 1), (1, 2), (2, 3)], (1, 2, 3)),
        ([(1, 2), (2, 3), (3, 2)], (2, 3)),
        ([(1, 2), (2, 3), (1, 3)], ()),
        ([(4, 4)], (4,)),
    ],
)
def test_wait_cycle(waits: list[tuple[int, int]], circle: tuple[int, ...]) -> None:
    assert wait_cycle(waits) == circle


# --- signals --------------------------------------------------------------------------------------


def test_signals_save_list_edit_delete(services: Services) -> None:
    client = _client(services)
    route = _route(services, client, "debt_counselling", "Schuldhulp")
    first = services.routes.save_signal(
        None,
        SignalInput(
            client,
            date(2026, 10, 1),
            "circular",
            "  Schuldhulp wil eerst behandeling; de behandelaar wil eerst de schulden weg.  ",
            route.id,
            " Gemeente Houten ",
            "Houten",
            shareable=True,
        ),
    )
    second = services.routes.save_signal(None, SignalInput(client, date(2026, 11, 1), "no_response", "Geen antwoord"))
    assert first.data.description == "Schuldhulp wil eerst behandeling; de behandelaar wil eerst de schulden weg."
    assert first.data.organisation == "Gemeente Houten"
    assert services.routes.list_signals(client) == [second, first]  # newest first
    assert services.routes.get_route(route.id).signals == (first,)

    edited = services.routes.save_signal(first.id, SignalInput(client, date(2026, 10, 1), "waiting_list", "Wachtlijst"))
    assert edited.id == first.id
    assert edited.data.route_id is None and not edited.data.shareable
    assert services.routes.get_route(route.id).signals == ()
    services.routes.delete_signal(second.id)
    assert services.routes.list_signals(client) == [edited]


@pytest.mark.parametrize(
    ("theme", "description", "message"),
    [
        ("storm", "Iets", "Dit thema staat niet in de catalogus."),
        ("", "Iets", "Kies het thema van het signaal."),
        ("waiting_list", "   ", "Beschrijf wat er vastloopt."),
    ],
)
def test_invalid_signal_is_refused(services: Services, theme: str, description: str, message: str) -> None:
    client = _client(services)
    with _refused(message):
        services.routes.save_signal(None, SignalInput(client, TODAY, theme, description))
    assert services.routes.list_signals(client) == []


def test_signal_on_a_route_of_another_resident_is_refused(services: Services) -> None:
    noor, sem = _client(services), _client(services, "Sem Bedacht")
    route = _route(services, sem)
    with pytest.raises(InvalidInput):
        services.routes.save_signal(None, SignalInput(noor, TODAY, "other", "Iets", route.id))
    assert _rows(services, "signals") == 0


# --- deleting a resident -----------------------------------------------------------------------------


def _full_route(services: Services, client: int, title: str) -> Route:
    route = _route(services, client, "housing_urgency", title, circumstances=("special",))
    sibling = _route(services, client, "other", title + " (corporatie)")
    _step(services, route.id, date(2026, 11, 2), "applied")
    _step(services, route.id, TODAY + timedelta(days=5), "conversation", state=StepState.PLANNED)
    services.routes.save_evidence(None, EvidenceInput(route.id, TODAY, "Scan"), NewAttachment("a.pdf", "", SCAN))
    services.routes.save_evidence(None, EvidenceInput(sibling.id, TODAY, "Zonder bestand"))
    services.routes.set_document(route.id, "identity", TODAY)
    services.routes.add_link(route.id, sibling.id, LinkKind.WAITS_FOR)
    services.routes.add_link(sibling.id, route.id, LinkKind.WAITS_FOR)
    services.routes.save_signal(None, SignalInput(client, TODAY, "circular", "Op de route", route.id))
    services.routes.save_signal(None, SignalInput(client, TODAY, "other", "Zonder route"))
    return route


def test_deleting_a_resident_removes_routes_evidence_files_and_signals(services: Services) -> None:
    noor, sem = _client(services), _client(services, "Sem Bedacht")
    _full_route(services, noor, "Urgentie Noor")
    kept = _full_route(services, sem, "Urgentie Sem")
    tables = (
        "routes",
        "route_steps",
        "route_evidence",
        "attachments",
        "route_documents",
        "route_links",
        "route_circumstances",
        "signals",
    )
    before = {table: _rows(services, table) for table in tables}
    assert before == {
        "routes": 4,
        "route_steps": 4,
        "route_evidence": 4,
        "attachments": 2,
        "route_documents": 2,
        "route_links": 4,
        "route_circumstances": 2,
        "signals": 4,
    }

    services.privacy.erase_client(noor)

    assert {table: _rows(services, table) for table in tables} == {table: n // 2 for table, n in before.items()}
    assert _rows(services, "routes", "client_id = :c", c=noor) == 0
    assert _rows(services, "signals", "client_id = :c", c=noor) == 0
    with services.database.transaction() as session:
        left = session.execute(text("SELECT count(*) FROM attachments WHERE data = :d"), {"d": SCAN}).scalar_one()
    assert left == 1
    assert services.routes.get_route(kept.id).circle != ()
    assert len(services.routes.list_signals(sem)) == 2


# --- the agenda --------------------------------------------------------------------------------------


def test_agenda_across_residents(services: Services) -> None:
    noor = _client(services, "Noor Verzonnen", alias="Noor", municipality="Houten")
    sem = _client(services, "Sem Bedacht", municipality="Zeist")
    closed = _client(services, "Chantal Gesloten")

    wmo = _route(services, noor, "wmo", "Huishoudelijke hulp")
    _step(services, wmo.id, date(2026, 11, 16), "applied")  # decision due 30 November: due soon
    _step(services, wmo.id, date(2026, 11, 25), "conversation", state=StepState.PLANNED)
    old = _route(services, noor, "social_assistance", "Bijstand")
    _step(services, old.id, date(2026, 9, 1), "applied")  # due 27 October: passed
    met = _route(services, noor, "complaint", "Klacht over bejegening")
    _step(services, met.id, date(2026, 10, 1), "complaint")
    _step(services, met.id, date(2026, 11, 1), "complaint_decision", Outcome.GRANTED)

    complaint = _route(services, sem, "complaint", "Klacht")
    _step(services, complaint.id, date(2026, 11, 20), "complaint")  # 1 January 2027 → Monday 4 January
    services.agreements.save_agreement(
        None, AgreementInput(sem, "Loonstroken meenemen\nalle drie", "Sem", date(2026, 12, 10))
    )
    services.agreements.save_agreement(None, AgreementInput(sem, "Zonder datum", "Sem"))
    done = services.agreements.save_agreement(None, AgreementInput(sem, "Al gedaan", "Sem", date(2026, 11, 24)))
    services.agreements.set_done(done.id, TODAY)
    services.agreements.save_agreement(
        None, AgreementInput(noor, "Formulier invullen", "Supporter", date(2026, 11, 20))
    )

    gone = _route(services, closed, "social_assistance", "Bijstand (gesloten)")
    _step(services, gone.id, date(2026, 11, 2), "applied")
    services.agreements.save_agreement(None, AgreementInput(closed, "Niet tonen", "Chantal", date(2026, 11, 30)))
    services.clients.close_client(closed, TODAY, "Hulpvraag beantwoord")

    items = services.agenda.agenda()
    rows = [(item.on, item.kind, item.resident.name, item.what, item.state) for item in items]
    assert rows == [
        (date(2026, 9, 29), AgendaKind.DEADLINE, "Noor", "Voorschot op de bijstand", DeadlineState.PASSED),
        (date(2026, 10, 27), AgendaKind.DEADLINE, "Noor", "Besluit op de aanvraag", DeadlineState.PASSED),
        (date(2026, 11, 20), AgendaKind.AGREEMENT, "Noor", "Formulier invullen", DeadlineState.PASSED),
        (date(2026, 11, 25), AgendaKind.MEETING, "Noor", "Gesprek", DeadlineState.DUE_SOON),
        (date(2026, 11, 30), AgendaKind.DEADLINE, "Noor", "Gemeente beslist op de aanvraag", DeadlineState.DUE_SOON),
        (date(2026, 12, 10), AgendaKind.AGREEMENT, "Sem Bedacht", "Loonstroken meenemen", DeadlineState.UPCOMING),
        (date(2027, 1, 4), AgendaKind.DEADLINE, "Sem Bedacht", "Klacht afgehandeld", DeadlineState.UPCOMING),
    ]
    assert [item.on for item in items] == sorted(item.on for item in items)
    assert [item.overdue for item in items] == [True, True, True, False, False, False, False]
    advance, passed = items[:2]
    assert advance.law == "Participatiewet, art. 52 lid 1" and "voorschot" in advance.advice
    assert (passed.route_id, passed.route_title, passed.actor) == (old.id, "Bijstand", Actor.AUTHORITY)
    assert passed.advice == NOTICE_OF_DEFAULT
    assert passed.law == "Awb art. 4:13 en 4:14"
    assert items[4].advice == ""
    assert items[5].who == "Sem" and items[5].route_id is None
    assert items[3].route_id == wmo.id
    assert len({item.uid for item in items}) == len(items)
    assert {item.resident.municipality for item in items} == {"Houten", "Zeist"}
    assert all(item.resident.id != closed for item in items)


def test_agenda_due_soon_setting_and_reopened_dossier(services: Services) -> None:
    client = _client(services, "Sem Bedacht")
    route = _route(services, client, "wmo", "Wmo")
    _step(services, route.id, date(2026, 11, 16), "applied")
    assert [item.state for item in services.agenda.agenda()] == [DeadlineState.DUE_SOON]
    assert [item.state for item in services.agenda.agenda(due_soon_days=3)] == [DeadlineState.UPCOMING]
    services.clients.close_client(client, TODAY, "Verhuisd")
    assert services.agenda.agenda() == []
    services.clients.reopen_client(client)
    assert len(services.agenda.agenda()) == 1
    _step(services, route.id, TODAY, "decision", Outcome.GRANTED)
    assert services.agenda.agenda() == []  # met deadlines leave the agenda


def test_agenda_of_an_empty_database(services: Services) -> None:
    assert services.agenda.agenda() == []


def test_an_objection_lodged_on_its_own_route_meets_the_applications_objection_term(services: Services) -> None:
    """Scenario 1 with the objection as a route of its own, linked to the refused application: the
    application's objection term is met by the linked route's step, in the list, the window and the agenda."""
    client = _client(services)
    application = _route(services, client, "housing_urgency", "Urgentieverklaring").id
    _step(services, application, date(2026, 8, 3), "applied")
    _step(services, application, date(2026, 9, 1), "decision", outcome=Outcome.REFUSED, reason="Niet urgent")
    objection = _route(services, client, "objection", "Bezwaar tegen de weigering").id

    def objection_term(views: list[Any]) -> Any:
        view = next(v for v in views if v.route.id == application)
        return next(d for d in view.deadlines if d.rule.code == "objection_term")

    assert objection_term(services.routes.list_routes(client)).state is DeadlineState.PASSED  # 13-10 < 23-11
    _step(services, objection, date(2026, 10, 5), "objection")
    assert objection_term(services.routes.list_routes(client)).state is DeadlineState.PASSED  # not linked yet

    services.routes.add_link(objection, application, LinkKind.BELONGS_TO)
    listed = objection_term(services.routes.list_routes(client))
    assert (listed.state, listed.met_on) == (DeadlineState.MET, date(2026, 10, 5))
    assert objection_term([services.routes.get_route(application).view]) == listed
    assert not [item for item in services.agenda.agenda() if item.what == "Bezwaar maken kan tot en met"]


def test_route_writes_announce_what_they_changed_after_the_commit(services: Services) -> None:
    client = _client(services)
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)
    route = _route(services, client)
    other = _route(services, client, "wmo", "Wmo")
    step = _step(services, route.id, date(2026, 11, 2), "applied")
    services.routes.delete_step(step.id)
    evidence = services.routes.save_evidence(None, EvidenceInput(route.id, TODAY, "Brief gestuurd"))
    services.routes.delete_evidence(evidence.id)
    services.routes.set_document(route.id, "income_statement", TODAY)
    services.routes.add_link(route.id, other.id, LinkKind.WAITS_FOR)
    link = services.routes.get_route(route.id).view.route.links[0]
    services.routes.delete_link(link.id)
    on_route = services.routes.save_signal(None, SignalInput(client, TODAY, "no_response", "Geen reactie", route.id))
    services.routes.delete_signal(on_route.id)
    services.routes.delete_route(other.id)

    steps = Area.ROUTE | Area.ROUTES | Area.AGENDA  # a step starts and meets deadlines
    routes = steps | Area.EVIDENCE  # the kind of route names the documents of its checklist
    signals = Area.SIGNALS | Area.ROUTE
    assert heard == [
        Changes(routes, client, route.id),
        Changes(routes, client, other.id),
        Changes(steps, client, route.id),
        Changes(steps, client, route.id),
        Changes(Area.EVIDENCE, client, route.id),  # evidence and documents: only the route's window shows them
        Changes(Area.EVIDENCE, client, route.id),
        Changes(Area.EVIDENCE, client, route.id),
        Changes(steps, client),  # a link changes both routes
        Changes(steps, client),
        Changes(signals, client, route.id),
        Changes(signals, client, route.id),
        Changes(routes | Area.SIGNALS, client, other.id),  # its signals stay, without the route
    ]
    assert not any(change.touches(Area.RESIDENTS) for change in heard)  # no route write changes the list

    heard.clear()
    with pytest.raises(InvalidInput):
        _step(services, route.id, TODAY + timedelta(days=1), "applied")
    with pytest.raises(NotFound):
        services.routes.delete_route(other.id)
    assert heard == []  # a write that failed changed nothing


def test_a_by_law_term_is_the_residents_municipality_s_in_the_route_the_dossier_and_the_agenda(
    tmp_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    """A coordinator's catalog copy holds Voorbeeldstad's urgency term; a resident elsewhere gets the default."""
    copy = tmp_path / "catalog"
    shutil.copytree(paths.catalog_dir(), copy)
    with (copy / "routes.toml").open("a", encoding="utf-8") as file:
        file.write(
            '\n[[municipal_term]]\nrule = "urgency_decision"\nmunicipality = "Voorbeeldstad"\nterm = "4 weken"\n'
            'law = "Huisvestingsverordening Voorbeeldstad, art. 2.6"\n'
        )
    services = Services.create(open_database(tmp_path / "db.sqlite", TEST_KEY), load_catalog(copy), clock)
    try:
        due: dict[str, tuple[date, ...]] = {}
        for municipality in ("Voorbeeldstad", "Zwolle"):
            client_id = _client(services, f"Inwoner in {municipality}", municipality=municipality)
            route = _route(services, client_id, "housing_urgency", "Urgentie")
            _step(services, route.id, date(2026, 11, 2), "applied")
            (deadline,) = services.routes.get_route(route.id).view.deadlines
            (listed,) = services.routes.list_routes(client_id)[0].deadlines
            (shown,) = services.dossier.open(client_id).routes.routes[0].deadlines
            assert listed == shown == deadline
            notes = [note.render() for note in deadline.notes]
            if municipality == "Voorbeeldstad":
                assert notes == [
                    "Termijn van de gemeente Voorbeeldstad: Huisvestingsverordening Voorbeeldstad, art. 2.6."
                ]
            else:
                assert notes[0].startswith("Deze termijn staat in een verordening van de gemeente en verschilt per")
            agenda = [item.on for item in services.agenda.agenda() if item.route_id == route.id]
            due[municipality] = (deadline.due_on, *agenda)
        assert due == {
            "Voorbeeldstad": (date(2026, 11, 30), date(2026, 11, 30)),  # 4 weeks: the by-law's term
            "Zwolle": (date(2026, 12, 28), date(2026, 12, 28)),  # 8 weeks, the default to check
        }
    finally:
        services.close()


def test_the_agenda_counts_as_the_route_window_does_with_the_dates_a_letter_names(services: Services) -> None:
    """A step's days sent and received and the new date its letter names reach the agenda as well."""
    client_id = _client(services)
    route = _route(services, client_id, "objection", "Bezwaar")
    decision = StepInput(route.id, date(2026, 9, 28), "decision", outcome=Outcome.REFUSED, sent_on=date(2026, 10, 1))
    services.routes.save_step(None, decision)
    services.routes.save_step(None, StepInput(route.id, date(2026, 10, 5), "objection"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 20), "extension", new_due_on=date(2027, 1, 8)))
    (deadline,) = services.routes.get_route(route.id).view.open_deadlines
    assert (deadline.rule.code, deadline.started_on, deadline.due_on, deadline.extended) == (
        "objection_decision", date(2026, 11, 12), date(2027, 1, 8), True
    )  # fmt: skip
    agenda = [(item.what, item.on) for item in services.agenda.agenda() if item.route_id == route.id]
    assert agenda == [(deadline.name, date(2027, 1, 8))]
