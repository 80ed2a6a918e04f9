"""Demo data: plausible, deterministic per seed and date, and only into an empty database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from clientsteun.demo import _spread, fill_demo
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.model import ClientInput, ClientStatus, ConsentState
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
        return (tuple(rows), tuple(services.clients.get_dossier(row.id) for row in rows))
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
    counts = _spread(total, weights)
    assert len(counts) == len(weights)
    assert sum(counts) == total
    assert min(counts) >= (1 if total >= len(weights) else 0)
