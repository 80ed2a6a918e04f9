"""Demo data: plausible, deterministic per seed and date, and only into an empty database."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import func, select

from clientsteun.demo import CIRCLE_EVERY, DemoResult, care, fill_demo, housing, residents, stories
from clientsteun.demo.files import FICTIONAL, letter
from clientsteun.demo.residents import spread
from clientsteun.domain.agenda import AgendaKind
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DeadlineState, RouteView
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.model import ClientInput, ClientStatus, ConsentState
from clientsteun.domain.routes import LinkKind, Outcome, ReversedTest, Signal, StepState
from clientsteun.services import Services
from clientsteun.store.database import open_database
from clientsteun.store.tables import AgreementRow, ClientRow, ConversationRow
from tests.conftest import TEST_KEY, FakeClock

TODAY = date(2026, 11, 23)


def _count(services: Services, table: type[ClientRow | ConversationRow | AgreementRow]) -> int:
    with services.database.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _snapshot(path: Path, catalog: Catalog, **options: int) -> tuple[object, ...]:
    """Everything the app shows about a freshly generated demo database."""
    services = Services.create(open_database(path, TEST_KEY), catalog, FakeClock())
    try:
        fill_demo(services.database, services.catalog, today=TODAY, **options)
        rows = services.clients.list_clients()
        return (
            tuple(rows),
            tuple(services.clients.get_dossier(row.id) for row in rows),
            tuple(tuple(services.routes.list_routes(row.id)) for row in rows),
            tuple(tuple(services.routes.list_signals(row.id)) for row in rows),
        )
    finally:
        services.close()


def test_demo_fills_residents_conversations_and_agreements(services: Services, catalog: Catalog) -> None:
    result = fill_demo(services.database, catalog, clients=6, conversations=30, seed=7, today=TODAY)
    assert (result.clients, result.conversations) == (6, 30)
    assert _count(services, ClientRow) == 6
    assert _count(services, ConversationRow) == 30
    assert _count(services, AgreementRow) == result.agreements

    kinds = {kind.code for kind in catalog.conversation_kinds}
    media = {medium.code for medium in catalog.media}
    domains = {domain.code for domain in catalog.life_domains}
    for summary in services.clients.list_clients():
        dossier = services.clients.get_dossier(summary.id)
        client = dossier.client
        first_contact = client.details.first_contact
        assert first_contact is not None
        assert client.details.name.strip()
        assert set(client.details.life_domains) <= domains
        assert client.consent_state(first_contact) is ConsentState.VALID
        assert dossier.help_questions
        assert dossier.conversations, "everyone has a conversation when there are enough"
        last_day = client.closed_on if client.status is ClientStatus.CLOSED else TODAY
        assert last_day is not None
        for conversation in dossier.conversations:
            data = conversation.data
            assert first_contact <= data.held_on <= last_day
            assert data.kind in kinds
            assert data.medium in media
            assert set(data.life_domains) <= set(client.details.life_domains)
            assert data.notes.strip()
        assert dossier.conversations[-1].data.kind == "first_meeting"
        assert summary.last_contact == dossier.conversations[0].data.held_on


def test_demo_defaults_to_six_conversations_per_resident(services: Services, catalog: Catalog) -> None:
    result = fill_demo(services.database, catalog, clients=3, today=TODAY)
    assert result.conversations == 18 == _count(services, ConversationRow)


def test_demo_with_fewer_conversations_than_residents(services: Services, catalog: Catalog) -> None:
    result = fill_demo(services.database, catalog, clients=5, conversations=2, today=TODAY)
    assert (result.clients, result.conversations) == (5, 2)
    assert _count(services, ClientRow) == 5
    assert sum(1 for row in services.clients.list_clients() if row.last_contact is not None) <= 2


def test_demo_notes_are_searchable(services: Services, catalog: Catalog) -> None:
    fill_demo(services.database, catalog, clients=4, conversations=40, seed=3, today=TODAY)
    hits = services.conversations.search("gemeente")
    assert hits
    assert all("gemeente" in hit.snippet.lower() for hit in hits)


def test_same_seed_and_date_give_the_same_data(tmp_path: Path, catalog: Catalog) -> None:
    first = _snapshot(tmp_path / "a.db", catalog, clients=5, conversations=25, seed=11)
    second = _snapshot(tmp_path / "b.db", catalog, clients=5, conversations=25, seed=11)
    other = _snapshot(tmp_path / "c.db", catalog, clients=5, conversations=25, seed=12)
    assert first == second
    assert first != other


@pytest.mark.parametrize("clients", [0, -3])
def test_demo_needs_at_least_one_resident(services: Services, catalog: Catalog, clients: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        fill_demo(services.database, catalog, clients=clients, today=TODAY)
    assert caught.value.message == "Het aantal inwoners moet 1 of meer zijn."
    assert _count(services, ClientRow) == 0


def test_demo_refuses_a_database_that_has_residents(services: Services, catalog: Catalog) -> None:
    services.clients.create_client(ClientInput(name="Noor Verzonnen"))
    with pytest.raises(InvalidInput) as caught:
        fill_demo(services.database, catalog, clients=2, today=TODAY)
    assert "al inwoners" in caught.value.message
    assert [row.display_name for row in services.clients.list_clients()] == ["Noor Verzonnen"]
    assert _count(services, ConversationRow) == 0


def test_demo_twice_refuses_the_second_time_and_keeps_the_first(services: Services, catalog: Catalog) -> None:
    fill_demo(services.database, catalog, clients=2, conversations=4, today=TODAY)
    before = services.clients.list_clients()
    with pytest.raises(InvalidInput):
        fill_demo(services.database, catalog, clients=2, conversations=4, seed=2, today=TODAY)
    assert services.clients.list_clients() == before


@given(
    st.integers(min_value=0, max_value=2_000),
    st.lists(st.floats(min_value=1.0, max_value=1e6), min_size=1, max_size=50),
)
def test_spread_divides_the_total_exactly(total: int, weights: list[float]) -> None:
    counts = spread(total, weights)
    assert len(counts) == len(weights)
    assert sum(counts) == total
    assert min(counts) >= (1 if total >= len(weights) else 0)


# -- Routes tried ---------------------------------------------------------------------------------

DEMO_RESIDENTS = 60  # the size the README uses


class Demo:
    """One demo database for the route tests: generating it once keeps them quick."""

    def __init__(self, services: Services, result: DemoResult) -> None:
        self.services = services
        self.result = result
        self.clients = {row.id: services.clients.get_client(row.id) for row in services.clients.list_clients()}
        self.views: list[RouteView] = [view for client in self.clients for view in services.routes.list_routes(client)]
        self.signals: list[Signal] = [s for client in self.clients for s in services.routes.list_signals(client)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[Demo]:
    services = Services.create(
        open_database(tmp_path_factory.mktemp("demo") / "demo.db", TEST_KEY), catalog, FakeClock()
    )
    try:
        yield Demo(services, fill_demo(services.database, catalog, clients=DEMO_RESIDENTS, seed=1, today=TODAY))
    finally:
        services.close()


def test_demo_makes_routes_of_several_kinds_with_steps_and_evidence(demo: Demo) -> None:
    kinds = Counter(view.route.data.kind for view in demo.views)
    assert len(demo.views) == demo.result.routes > DEMO_RESIDENTS
    assert {"housing_urgency", "objection", "wmo", "debt_counselling", "special_assistance", "other"} <= set(kinds)
    assert len(kinds) >= 8
    assert sum(len(view.route.steps) for view in demo.views) == demo.result.steps
    assert sum(len(view.route.evidence) for view in demo.views) == demo.result.evidence > 0
    with_routes = {view.route.client_id for view in demo.views}
    assert len(with_routes) >= DEMO_RESIDENTS // 2, "a good share of the residents has routes"
    assert any(view.route.documents for view in demo.views), "checklist documents are collected"
    assert any(view.route.data.reversed_test != ReversedTest() for view in demo.views)
    descriptions = {evidence.data.description for view in demo.views for evidence in view.route.evidence}
    assert any(text.startswith("Gereageerd op") and "woningen" in text for text in descriptions)
    assert "Gemeente gebeld, geen gehoor" in descriptions


def test_demo_attachments_are_small_fictional_files_that_open(demo: Demo) -> None:
    attached = [e for view in demo.views for e in view.route.evidence if e.attachment is not None]
    assert len(attached) == demo.result.attachments > 0
    media = set()
    for evidence in attached:
        file = demo.services.routes.attachment(evidence.id)  # checks the stored fingerprint
        assert evidence.attachment is not None
        assert len(file.data) == evidence.attachment.size < 4096
        media.add(file.media_type)
        if file.media_type == "application/pdf":
            assert file.data.startswith(b"%PDF-") and file.data.rstrip().endswith(b"%%EOF")
            assert file.file_name.endswith(".pdf")
            (page,) = PdfReader(io.BytesIO(file.data)).pages
            text = page.extract_text()
        else:
            text = file.data.decode("utf-8")
        assert FICTIONAL in text
    assert media == {"application/pdf", "text/plain"}


def test_a_demo_letter_is_a_pdf_the_same_every_time() -> None:
    """ReportLab's invariant mode: no creation time or random id, so the same seed gives the same file."""
    lines = ("Uw aanvraag is afgewezen. De kosten vallen onder de algemene bijstand; de inwoner moet ervoor sparen.",)
    made = letter("Gemeente Houten", "Sanne Bakker", date(2026, 3, 4), "Besluit op uw aanvraag", *lines)
    again = letter("Gemeente Houten", "Sanne Bakker", date(2026, 3, 4), "Besluit op uw aanvraag", *lines)
    assert made == again
    assert (made.file_name, made.media_type) == ("besluit-op-uw-aanvraag-2026-03-04.pdf", "application/pdf")
    reader = PdfReader(io.BytesIO(made.data))
    assert reader.metadata is not None and reader.metadata.title == "Besluit op uw aanvraag"
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "Gemeente Houten",
        "Aan: Sanne Bakker",
        "Datum: 4 maart 2026",
        "Onderwerp: Besluit op uw aanvraag",
    ):
        assert expected in text
    assert " ".join(lines) in text, "a long line is wrapped, not cut off"
    assert FICTIONAL in text
    other = letter("Gemeente Houten", "Sanne Bakker", date(2026, 3, 5), "Besluit op uw aanvraag", *lines)
    assert other.data != made.data


@pytest.mark.parametrize(
    ("module", "name", "words", "message"),
    [
        (residents, "AGREEMENTS", (("", "Gemeente bellen"),), "Vul in wie het doet."),
        (care, "WMO_TITLES", ("   ",), "Geef de route een naam."),
        (housing, "SEARCH_EFFORTS", ("",), "Beschrijf wat er is gedaan."),
        (residents, "STREETS", ("x" * 500,), "Een van de velden is te lang (meer dan 500 tekens)."),
    ],
)
def test_demo_records_pass_the_validation_of_the_services(
    services: Services, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, module: object, name: str,
    words: tuple[object, ...], message: str,
) -> None:  # fmt: skip
    """A word the app would refuse stops the demo with the app's own message, and nothing is written."""
    monkeypatch.setattr(module, name, words)
    with pytest.raises(InvalidInput) as caught:
        fill_demo(services.database, catalog, clients=12, conversations=60, today=TODAY)
    assert caught.value.message == message
    assert _count(services, ClientRow) == 0


def test_demo_steps_follow_the_residents_dates(demo: Demo) -> None:
    """Nothing done lies after today (or after a closed dossier's end); meetings ahead are planned."""
    planned_ahead = 0
    for view in demo.views:
        client = demo.clients[view.route.client_id]
        last_day = client.closed_on if client.status is ClientStatus.CLOSED else TODAY
        assert last_day is not None and client.details.first_contact is not None
        days = [step.data.on for step in view.route.steps]
        assert days == sorted(days)
        for step in view.route.steps:
            data = step.data
            assert data.on >= client.details.first_contact.replace(year=client.details.first_contact.year - 1)
            if data.state is StepState.DONE:
                assert data.on <= last_day
            if data.state is StepState.PLANNED:
                assert data.on > TODAY and client.status is ClientStatus.OPEN
                planned_ahead += 1
            if data.outcome is Outcome.REFUSED:
                assert data.reason, "a refusal says why"
        for evidence in view.route.evidence:
            assert evidence.data.on <= last_day
        assert all(on <= last_day for on in view.route.documents.values())
    assert planned_ahead >= 3
    kinds = {step.data.kind for view in demo.views for step in view.route.steps if step.data.state is StepState.PLANNED}
    assert {"hearing", "conversation"} & kinds


def test_demo_uses_only_codes_from_the_catalog(demo: Demo, catalog: Catalog) -> None:
    routes = catalog.routes
    themes = {theme.code for theme in routes.signal_themes}
    for view in demo.views:
        data = view.route.data
        assert data.kind in {kind.code for kind in routes.kinds}
        assert set(data.circumstances) <= set(routes.circumstances)
        assert {step.data.kind for step in view.route.steps} <= set(routes.step_kinds)
        assert set(view.route.documents) <= set(routes.kind(data.kind).documents)
        assert data.life_domain in {domain.code for domain in catalog.life_domains} | {""}
        for step in view.route.steps:
            decision = routes.step_kinds[step.data.kind].decision
            assert (step.data.outcome is not None) == (decision and step.data.state is StepState.DONE)
    assert {signal.data.theme for signal in demo.signals} <= themes


def test_demo_starts_every_deadline_rule_of_the_catalog(demo: Demo, catalog: Catalog) -> None:
    started = Counter(deadline.rule.code for view in demo.views for deadline in view.deadlines)
    # The demo's appeals have no judgment yet, so the term for hoger beroep that follows one never starts.
    assert set(started) == {rule.code for rule in catalog.routes.rules} - {"higher_appeal_term"}


def test_demo_has_a_granted_objection_that_belongs_to_its_application(demo: Demo) -> None:
    by_id = {view.route.id: view for view in demo.views}
    granted = [
        view
        for view in demo.views
        if view.route.data.kind == "objection"
        and any(s.data.kind == "objection_decision" and s.data.outcome is Outcome.GRANTED for s in view.route.steps)
    ]
    assert granted, "scenario 1: granted on objection"
    for view in granted:
        (link,) = [link for link in view.route.links if link.from_route == view.route.id]
        assert link.kind is LinkKind.BELONGS_TO
        application = by_id[link.to_route].route
        assert application.data.kind == "housing_urgency"
        assert any(s.data.outcome is Outcome.REFUSED and s.data.reason for s in application.steps)
        assert view.progress.outcome is Outcome.GRANTED


def test_demo_has_circles_of_waiting_routes_with_a_shareable_signal(demo: Demo) -> None:
    """Scenario 2: debt counselling waits for treatment, the treatment waits for the debts."""
    circles = set()
    for view in demo.views:
        if any(link.kind is LinkKind.WAITS_FOR for link in view.route.links):
            circle = demo.services.routes.get_route(view.route.id).circle
            assert view.route.id in circle
            circles.add(circle)
    assert len(circles) >= DEMO_RESIDENTS // CIRCLE_EVERY
    for circle in circles:
        kinds = {demo.services.routes.get_route(route_id).view.route.data.kind for route_id in circle}
        assert kinds == {"debt_counselling", "other"}
    circular = [signal for signal in demo.signals if signal.data.theme == "circular"]
    assert len(circular) == len(circles)
    assert all(signal.data.shareable and signal.data.route_id is not None for signal in circular)
    assert {"waiting_list", "no_response"} <= {signal.data.theme for signal in demo.signals}


def test_demo_agenda_shows_overdue_deadlines_and_meetings_ahead(demo: Demo) -> None:
    items = demo.services.agenda.agenda()
    open_residents = {client.id for client in demo.clients.values() if client.status is ClientStatus.OPEN}
    assert {item.resident.id for item in items} <= open_residents
    overdue = [item for item in items if item.kind is AgendaKind.DEADLINE and item.overdue]
    assert len(overdue) >= 3
    assert any(item.advice for item in overdue)
    assert any(item.kind is AgendaKind.MEETING and item.on > TODAY for item in items)
    assert any(item.kind is AgendaKind.DEADLINE and item.state is not DeadlineState.PASSED for item in items)


def test_demo_routes_are_the_same_for_the_same_seed(tmp_path: Path, catalog: Catalog) -> None:
    def routes(name: str, seed: int) -> list[tuple[object, ...]]:
        services = Services.create(open_database(tmp_path / name, TEST_KEY), catalog, FakeClock())
        try:
            fill_demo(services.database, catalog, clients=15, seed=seed, today=TODAY)
            return [
                (
                    view.route.data.title,
                    tuple((s.data.on, s.data.kind, s.data.state, s.data.outcome) for s in view.route.steps),
                    tuple(services.routes.attachment(e.id) for e in view.route.evidence if e.attachment is not None),
                )
                for row in services.clients.list_clients()
                for view in services.routes.list_routes(row.id)
            ]
        finally:
            services.close()

    first = routes("a.db", 4)
    assert any(files for _, _, files in first), "the letters are compared byte for byte too"
    assert first == routes("b.db", 4)
    assert first != routes("c.db", 5)


def test_routes_leave_the_rest_of_the_demo_as_it_was(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The routes have a random stream of their own: residents, conversations and agreements do not move."""

    def dossiers(name: str) -> list[tuple[object, ...]]:
        services = Services.create(open_database(tmp_path / name, TEST_KEY), catalog, FakeClock())
        try:
            fill_demo(services.database, catalog, clients=8, conversations=40, seed=3, today=TODAY)
            found = [services.clients.get_dossier(row.id) for row in services.clients.list_clients()]
            return [(d.client, d.help_questions, d.conversations, d.agreements) for d in found]
        finally:
            services.close()

    with_routes = dossiers("a.db")
    monkeypatch.setattr(stories, "tell", lambda writer, residents: None)
    assert dossiers("b.db") == with_routes
