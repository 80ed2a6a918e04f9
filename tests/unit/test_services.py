"""Services on a real database file: one user action, one transaction, plain values back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.errors import InvalidInput, NotFound
from clientsteun.domain.model import (
    AgreementInput,
    Client,
    ClientInput,
    ClientStatus,
    ConsentState,
    ConversationInput,
    ConversationLine,
    HelpQuestionInput,
    NetworkMember,
    TimelineKind,
)
from clientsteun.domain.model import Consent as ConsentValue
from clientsteun.domain.routes import EvidenceInput, RouteInput, SignalInput, StepInput
from clientsteun.domain.timeline import ROUTE_KINDS
from clientsteun.services import Services
from clientsteun.store.database import open_database
from clientsteun.store.tables import (
    AgreementRow,
    ClientLifeDomainRow,
    ClientRow,
    ConsentRow,
    ConversationLifeDomainRow,
    ConversationRow,
    DraftRow,
    HelpQuestionRow,
    NetworkMemberRow,
)
from tests.conftest import NOW, TEST_KEY, FakeClock

TODAY = NOW.date()

# 50,000 characters with emoji (also joined and flagged ones), accents, CRLF and tabs.
LONG_NOTE = ("Verslag één 🙂\r\n\tHuurachterstand besproken; 👩‍👧 samen naar de corporatie. 🇳🇱 café naïef\n" * 700)[
    :49_999
] + "🏠"


def _client(services: Services, name: str = "Noor Verzonnen", **details: Any) -> Client:
    return services.clients.create_client(ClientInput(name=name, **details))


def _talk(services: Services, client_id: int, on: date, notes: str = "Gesprek", **data: Any) -> int:
    conversation = services.conversations.save_conversation(
        None, ConversationInput(client_id, on, data.pop("kind", "other"), notes=notes, **data)
    )
    return conversation.id


def _agree(
    services: Services,
    client_id: int,
    due: date | None,
    *,
    done: date | None = None,
    conversation_id: int | None = None,
) -> int:
    agreement = services.agreements.save_agreement(
        None, AgreementInput(client_id, "Brief meenemen", "Inwoner", due, conversation_id)
    )
    if done is not None:
        services.agreements.set_done(agreement.id, done)
    return agreement.id


def _count(services: Services, table: type[Any], **where: Any) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(getattr(table, column) == value)
    with services.database.transaction() as session:
        return int(session.scalar(query) or 0)


# --- residents --------------------------------------------------------------------------------


def test_client_details_round_trip(services: Services) -> None:
    consent = ConsentValue(date(2026, 1, 10), "Verslagen en afspraken", "Gemeente (Wmo-consulent)", date(2027, 1, 10))
    created = _client(
        services,
        " Noor Verzonnen ",
        alias="Noor",
        phone="06-00000000",
        email="noor@example.invalid",
        address="Verzonnenlaan 1",
        municipality="Houten",
        first_contact=date(2026, 1, 10),
        life_domains=("housing", "finances", "housing"),
        network=(NetworkMember("Mila", "zus", "06-11111111"), NetworkMember("Bas", "buurman")),
        consent=consent,
    )
    loaded = services.clients.get_client(created.id)
    assert loaded == created
    assert loaded.details.name == "Noor Verzonnen"
    assert loaded.display_name == "Noor"
    assert loaded.details.life_domains == ("finances", "housing")
    assert loaded.details.network == (
        NetworkMember("Mila", "zus", "06-11111111"),
        NetworkMember("Bas", "buurman", ""),
    )
    assert loaded.details.consent == consent
    assert loaded.status is ClientStatus.OPEN


def test_client_data_survives_closing_and_reopening_the_file(db_path: Path, catalog: Catalog, clock: FakeClock) -> None:
    first = Services.create(open_database(db_path, TEST_KEY), catalog, clock)
    client = _client(first, "Sem Bedacht", municipality="Zeist")
    first.close()
    second = Services.create(open_database(db_path, TEST_KEY, create=False), catalog, clock)
    try:
        assert second.clients.get_client(client.id) == client
    finally:
        second.close()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Vul een naam in. Een roepnaam of schuilnaam mag ook."),
        ("   ", "Vul een naam in. Een roepnaam of schuilnaam mag ook."),
        ("n" * 201, "De naam is te lang (meer dan 200 tekens)."),
    ],
)
def test_invalid_client_is_refused_and_nothing_is_saved(services: Services, name: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.clients.create_client(ClientInput(name=name))
    assert caught.value.message == message
    assert services.clients.list_clients() == []


def test_name_of_200_characters_with_accents_is_saved_exactly(services: Services) -> None:
    name = ("Ëlïf-Çağla Øberg " * 12)[:200]
    assert len(name) == 200
    client = _client(services, name.strip() + "é" * (200 - len(name.strip())))
    assert services.clients.get_client(client.id).details.name == client.details.name
    assert len(client.details.name) == 200


def test_update_client_replaces_details_and_life_domains(services: Services, clock: FakeClock) -> None:
    client = _client(services, life_domains=("housing", "finances"), network=(NetworkMember("Mila"),))
    clock.value = NOW + timedelta(hours=2)
    updated = services.clients.update_client(
        client.id,
        ClientInput(name="Noor V.", municipality="Leusden", life_domains=("finances", "justice")),
    )
    assert services.clients.get_client(client.id) == updated
    assert updated.details.name == "Noor V."
    assert updated.details.life_domains == ("finances", "justice")
    assert updated.details.network == ()
    assert _count(services, ClientLifeDomainRow, client_id=client.id) == 2
    assert _count(services, NetworkMemberRow, client_id=client.id) == 0
    with services.database.transaction() as session:
        row = session.get(ClientRow, client.id)
        assert row is not None
        assert (row.created_at, row.updated_at) == (
            NOW.replace(microsecond=0),
            NOW + timedelta(hours=2),
        )


# --- consent ----------------------------------------------------------------------------------


def test_consent_changes_are_kept_as_history(services: Services, clock: FakeClock) -> None:
    given = ConsentValue(date(2026, 1, 10), "Verslagen", "Niemand zonder overleg", date(2026, 12, 31))
    client = _client(services, consent=given)
    assert _count(services, ConsentRow, client_id=client.id) == 1
    assert client.consent_state(TODAY) is ConsentState.VALID

    # Saving the form again without a change adds nothing.
    services.clients.update_client(client.id, client.details)
    assert _count(services, ConsentRow, client_id=client.id) == 1

    widened = ConsentValue(date(2026, 11, 23), "Verslagen", "Huisarts en gemeente", date(2027, 11, 23))
    changed = services.clients.update_client(client.id, ClientInput(name="Noor", consent=widened))
    assert _count(services, ConsentRow, client_id=client.id) == 2
    assert changed.details.consent == widened

    clock.value = NOW + timedelta(days=1)
    withdrawn = ConsentValue(
        widened.given_on,
        widened.may_record,
        widened.share_with,
        widened.valid_until,
        date(2026, 11, 24),
    )
    latest = services.clients.update_client(client.id, ClientInput(name="Noor", consent=withdrawn))
    assert _count(services, ConsentRow, client_id=client.id) == 3
    assert latest.consent_state(date(2026, 11, 24)) is ConsentState.WITHDRAWN
    with services.database.transaction() as session:
        history = [
            (row.share_with, row.withdrawn_on, row.recorded_at)
            for row in session.scalars(select(ConsentRow).order_by(ConsentRow.id))
        ]
    assert history == [
        ("Niemand zonder overleg", None, NOW.replace(microsecond=0)),
        ("Huisarts en gemeente", None, NOW.replace(microsecond=0)),
        ("Huisarts en gemeente", date(2026, 11, 24), NOW + timedelta(days=1)),
    ]


def test_consent_expires_with_time(services: Services) -> None:
    consent = ConsentValue(date(2025, 6, 1), valid_until=date(2026, 6, 1))
    client = _client(services, consent=consent)
    assert services.clients.get_client(client.id).consent_state(TODAY) is ConsentState.EXPIRED
    assert client.consent_state(date(2026, 6, 1)) is ConsentState.VALID
    assert _client(services, "Sem").consent_state(TODAY) is ConsentState.NONE


def test_invalid_consent_dates_are_refused(services: Services) -> None:
    client = _client(services)
    bad = ConsentValue(date(2026, 5, 1), valid_until=date(2026, 4, 30))
    with pytest.raises(InvalidInput):
        services.clients.update_client(client.id, ClientInput(name="Noor", consent=bad))
    assert _count(services, ConsentRow) == 0


# --- help question ----------------------------------------------------------------------------


def test_help_question_versions_are_newest_first(services: Services) -> None:
    client = _client(services)
    add = services.clients.add_help_question
    middle = add(client.id, HelpQuestionInput(date(2026, 3, 1), "Taxivergoeding", "Minder alleen"))
    oldest = add(client.id, HelpQuestionInput(date(2026, 1, 1), "Taxivergoeding voor de bingo"))
    newest = add(client.id, HelpQuestionInput(date(2026, 5, 1), "", "Weer onder de mensen komen"))
    same_day = add(client.id, HelpQuestionInput(date(2026, 5, 1), "Vervoer naar het buurthuis"))
    questions = services.clients.get_dossier(client.id).help_questions
    assert [question.id for question in questions] == [same_day.id, newest.id, middle.id, oldest.id]
    assert questions[1].really_wants == "Weer onder de mensen komen"
    assert questions[1].asked == ""

    services.clients.delete_help_question(middle.id)
    remaining = services.clients.get_dossier(client.id).help_questions
    assert [question.id for question in remaining] == [same_day.id, newest.id, oldest.id]


def test_help_question_needs_an_existing_client_and_content(services: Services) -> None:
    with pytest.raises(NotFound):
        services.clients.add_help_question(404, HelpQuestionInput(TODAY, "Hulp"))
    client = _client(services)
    with pytest.raises(InvalidInput):
        services.clients.add_help_question(client.id, HelpQuestionInput(TODAY, " ", ""))
    assert services.clients.get_dossier(client.id).help_questions == ()


# --- the list of residents --------------------------------------------------------------------


def test_list_clients_counts_open_and_overdue_and_orders_by_last_contact(services: Services, clock: FakeClock) -> None:
    busy = _client(services, "Anouk Verzonnen", alias="Anouk", municipality="Utrecht")
    quiet = _client(services, "Bram Bedacht")
    new = _client(services, "Cas Nieuw")
    other_new = _client(services, "Dewi Nieuw")

    _talk(services, busy.id, date(2026, 11, 1))
    _talk(services, busy.id, date(2026, 11, 20))
    _talk(services, quiet.id, date(2026, 10, 1))
    _agree(services, busy.id, date(2026, 11, 30))  # open, not yet due
    _agree(services, busy.id, date(2026, 11, 22))  # open, overdue
    _agree(services, busy.id, TODAY)  # due today: open, not overdue yet
    _agree(services, busy.id, None)  # open, no due date
    _agree(services, busy.id, date(2026, 11, 2), done=date(2026, 11, 3))  # done: not counted
    _agree(services, quiet.id, date(2026, 10, 5), done=date(2026, 10, 20))

    rows = services.clients.list_clients()
    assert [row.id for row in rows] == [busy.id, quiet.id, new.id, other_new.id]
    first = rows[0]
    assert (first.display_name, first.municipality, first.status) == ("Anouk", "Utrecht", "open")
    assert (first.last_contact, first.open_agreements, first.overdue_agreements) == (
        date(2026, 11, 20),
        4,
        1,
    )
    assert (rows[1].last_contact, rows[1].open_agreements, rows[1].overdue_agreements) == (
        date(2026, 10, 1),
        0,
        0,
    )
    assert (rows[2].last_contact, rows[2].open_agreements, rows[2].overdue_agreements) == (
        None,
        0,
        0,
    )

    # A day later the agreement due today is late too; a new contact moves a resident up.
    clock.value = NOW + timedelta(days=1)
    _talk(services, quiet.id, date(2026, 11, 24))
    rows = services.clients.list_clients()
    assert [row.id for row in rows] == [quiet.id, busy.id, new.id, other_new.id]
    assert rows[1].overdue_agreements == 2


def test_list_clients_shows_closed_residents_with_their_status(services: Services) -> None:
    client = _client(services, first_contact=date(2026, 1, 1))
    services.clients.close_client(client.id, date(2026, 11, 1), "  Hulpvraag beantwoord ")
    [row] = services.clients.list_clients()
    assert row.status is ClientStatus.CLOSED


# --- dossier and closing ----------------------------------------------------------------------


def test_dossier_timeline_is_newest_first(services: Services, clock: FakeClock) -> None:
    client = _client(services, first_contact=date(2026, 1, 5))
    question = services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 1, 5), "Post"))
    early = _talk(services, client.id, date(2026, 2, 1), "Eerste gesprek\nDetails")
    late = _talk(services, client.id, date(2026, 9, 1), "Laatste gesprek")
    clock.value = datetime(2026, 9, 1, 12, 0)
    agreement = _agree(services, client.id, date(2026, 9, 15), conversation_id=late)
    services.agreements.set_done(agreement, date(2026, 9, 10))

    dossier = services.clients.get_dossier(client.id)
    assert [(entry.on, entry.kind, entry.ref_id, entry.text) for entry in dossier.timeline] == [
        (date(2026, 9, 10), TimelineKind.AGREEMENT_DONE, agreement, "Brief meenemen"),
        (date(2026, 9, 1), TimelineKind.CONVERSATION, late, "Laatste gesprek"),
        (date(2026, 9, 1), TimelineKind.AGREEMENT, agreement, "Brief meenemen"),
        (date(2026, 2, 1), TimelineKind.CONVERSATION, early, "Eerste gesprek"),
        (date(2026, 1, 5), TimelineKind.HELP_QUESTION, question.id, "Post"),
        (date(2026, 1, 5), TimelineKind.FIRST_CONTACT, client.id, ""),
    ]
    assert [conversation.id for conversation in dossier.conversations] == [late, early]


def test_dossier_agreements_open_first_by_due_date_then_done(services: Services) -> None:
    client = _client(services)
    done = _agree(services, client.id, date(2026, 1, 1), done=date(2026, 1, 2))
    no_due = _agree(services, client.id, None)
    later = _agree(services, client.id, date(2026, 12, 20))
    sooner = _agree(services, client.id, date(2026, 12, 1))
    agreements = services.clients.get_dossier(client.id).agreements
    assert [agreement.id for agreement in agreements] == [sooner, later, no_due, done]


def test_close_and_reopen_client(services: Services) -> None:
    client = _client(services, first_contact=date(2026, 3, 1))
    with pytest.raises(InvalidInput) as caught:
        services.clients.close_client(client.id, date(2026, 2, 28), "Te vroeg")
    assert "eerste contact" in caught.value.message
    assert services.clients.get_client(client.id).status is ClientStatus.OPEN

    with pytest.raises(InvalidInput) as caught:
        services.clients.close_client(client.id, date(2026, 11, 1), "   ")
    assert "reden" in caught.value.message
    assert services.clients.get_client(client.id).status is ClientStatus.OPEN

    closed = services.clients.close_client(client.id, date(2026, 11, 1), "  Verhuisd  ")
    assert (closed.status, closed.closed_on, closed.close_reason) == (
        ClientStatus.CLOSED,
        date(2026, 11, 1),
        "Verhuisd",
    )
    assert services.clients.get_dossier(client.id).timeline[0].kind is TimelineKind.CLOSED

    reopened = services.clients.reopen_client(client.id)
    assert (reopened.status, reopened.closed_on, reopened.close_reason) == (
        ClientStatus.OPEN,
        None,
        "",
    )
    kinds = [entry.kind for entry in services.clients.get_dossier(client.id).timeline]
    assert TimelineKind.CLOSED not in kinds


@pytest.mark.parametrize(
    "action",
    [
        lambda s: s.clients.get_client(999),
        lambda s: s.clients.get_dossier(999),
        lambda s: s.clients.update_client(999, ClientInput(name="Iemand")),
        lambda s: s.clients.close_client(999, TODAY, "Verhuisd"),
        lambda s: s.clients.reopen_client(999),
        lambda s: s.privacy.erase_client(999),
        lambda s: s.clients.delete_help_question(999),
        lambda s: s.conversations.get_conversation(999),
        lambda s: s.conversations.save_conversation(None, ConversationInput(999, TODAY, "other")),
        lambda s: s.conversations.delete_conversation(999),
        lambda s: s.agreements.save_agreement(None, AgreementInput(999, "Bellen", "Inwoner")),
        lambda s: s.agreements.set_done(999, TODAY),
        lambda s: s.agreements.delete_agreement(999),
    ],
)
def test_missing_rows_raise_not_found_with_a_dutch_message(
    services: Services, action: Callable[[Services], object]
) -> None:
    with pytest.raises(NotFound) as caught:
        action(services)
    assert caught.value.message == "Dit gegeven bestaat niet (meer). Het is misschien verwijderd."
    assert "999" in caught.value.detail


# --- deleting ---------------------------------------------------------------------------------


def test_delete_client_removes_everything_including_search_and_drafts(services: Services) -> None:
    doomed = _client(
        services,
        life_domains=("housing",),
        network=(NetworkMember("Mila", "zus"),),
        consent=ConsentValue(date(2026, 1, 1)),
    )
    kept = _client(services, "Sem Bedacht")
    services.clients.add_help_question(doomed.id, HelpQuestionInput(TODAY, "Woning"))
    talk = _talk(services, doomed.id, TODAY, "Zeldzaamwoord huurachterstand", life_domains=("housing",))
    _agree(services, doomed.id, TODAY, conversation_id=talk)
    services.conversations.save_draft(None, talk, ConversationInput(doomed.id, TODAY, "other", notes="x"))
    services.conversations.save_draft(None, None, ConversationInput(doomed.id, TODAY, "", notes="y"))
    kept_talk = _talk(services, kept.id, TODAY, "Ook een huurachterstand")
    assert len(services.conversations.search("zeldzaamwoord")) == 1

    services.privacy.erase_client(doomed.id)

    assert services.conversations.search("zeldzaamwoord") == []
    assert [hit.conversation_id for hit in services.conversations.search("huurachterstand")] == [kept_talk]
    for table in (
        ClientLifeDomainRow, NetworkMemberRow, ConsentRow, HelpQuestionRow,
        ConversationRow, AgreementRow, DraftRow,
    ):  # fmt: skip
        assert _count(services, table, client_id=doomed.id) == 0, table.__tablename__
    assert _count(services, ConversationLifeDomainRow) == 0
    assert [row.id for row in services.clients.list_clients()] == [kept.id]
    with services.database.transaction() as session:
        session.execute(text("INSERT INTO conversation_fts(conversation_fts) VALUES ('integrity-check')"))
    with pytest.raises(NotFound):
        services.clients.get_client(doomed.id)


def test_delete_conversation_unlinks_agreements_and_drops_its_draft(services: Services) -> None:
    client = _client(services)
    talk = _talk(services, client.id, TODAY, "Afspraak gemaakt over de brief")
    agreement = _agree(services, client.id, None, conversation_id=talk)
    services.conversations.save_draft(None, talk, ConversationInput(client.id, TODAY, "other"))

    services.conversations.delete_conversation(talk)

    [kept] = services.clients.get_dossier(client.id).agreements
    assert (kept.id, kept.data.conversation_id) == (agreement, None)
    assert services.conversations.list_drafts() == []
    assert services.conversations.search("brief") == []


# --- conversations ----------------------------------------------------------------------------


def test_fifty_thousand_character_note_with_emoji_is_saved_and_read_back_exactly(
    db_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    assert len(LONG_NOTE) == 50_000
    services = Services.create(open_database(db_path, TEST_KEY), catalog, clock)
    client = _client(services)
    talk = _talk(services, client.id, TODAY, LONG_NOTE)
    assert services.conversations.get_conversation(talk).data.notes == LONG_NOTE
    services.close()

    reopened = Services.create(open_database(db_path, TEST_KEY), catalog, clock)
    try:
        assert reopened.conversations.get_conversation(talk).data.notes == LONG_NOTE
        [conversation] = reopened.clients.get_dossier(client.id).conversations
        assert conversation.data.notes == LONG_NOTE
        assert [hit.conversation_id for hit in reopened.conversations.search("naïef")] == [talk]
    finally:
        reopened.close()


def test_conversation_round_trip_and_update(services: Services, clock: FakeClock) -> None:
    client = _client(services)
    data = ConversationInput(
        client.id,
        date(2026, 11, 20),
        "home_visit",
        medium="in_person",
        start_time=time(14, 30),
        duration_minutes=45,
        contact_made=False,
        participants=" Inwoner en zus ",
        life_domains=("housing", "finances", "housing"),
        notes="Oude tekst over de verhuurder",
    )
    saved = services.conversations.save_conversation(None, data)
    # Life domains come back once each, in code order, the same as when read later.
    assert saved.data == replace(data, participants="Inwoner en zus", life_domains=("finances", "housing"))
    assert saved.updated_at == NOW.replace(microsecond=0)
    assert services.conversations.get_conversation(saved.id) == saved

    clock.value = NOW + timedelta(minutes=5)
    changed = services.conversations.save_conversation(
        saved.id,
        ConversationInput(client.id, date(2026, 11, 21), "phone_call", notes="Nieuwe tekst"),
    )
    assert changed.id == saved.id
    assert changed.data.life_domains == ()
    assert changed.updated_at == NOW.replace(microsecond=0) + timedelta(minutes=5)
    assert services.conversations.search("verhuurder") == []
    assert [hit.conversation_id for hit in services.conversations.search("nieuwe")] == [saved.id]
    assert _count(services, ConversationRow) == 1


# --- drafts -----------------------------------------------------------------------------------


def test_draft_save_update_list_and_discard(services: Services, clock: FakeClock) -> None:
    client = _client(services)
    half = ConversationInput(client.id, TODAY, "", start_time=time(9, 15), notes="Half af 🙂")
    draft_id = services.conversations.save_draft(None, None, half)  # a draft need not be valid
    [draft] = services.conversations.list_drafts()
    assert (draft.id, draft.conversation_id, draft.data, draft.saved_at) == (
        draft_id,
        None,
        half,
        NOW.replace(microsecond=0),
    )

    clock.value = NOW + timedelta(seconds=30)
    more = ConversationInput(
        client.id, TODAY, "home_visit", duration_minutes=30, life_domains=("housing",), notes="Meer"
    )
    assert services.conversations.save_draft(draft_id, None, more) == draft_id
    [draft] = services.conversations.list_drafts()
    assert (draft.data, draft.saved_at) == (
        more,
        NOW.replace(microsecond=0) + timedelta(seconds=30),
    )

    clock.value = NOW + timedelta(minutes=1)
    second = services.conversations.save_draft(None, None, half)
    assert [d.id for d in services.conversations.list_drafts()] == [second, draft_id]

    services.conversations.discard_draft(draft_id)
    services.conversations.discard_draft(draft_id)  # twice is harmless
    assert [d.id for d in services.conversations.list_drafts()] == [second]


def test_saving_a_conversation_removes_its_draft(services: Services) -> None:
    client = _client(services)
    data = ConversationInput(client.id, TODAY, "other", notes="Klaar")
    draft_id = services.conversations.save_draft(None, None, data)
    other_draft = services.conversations.save_draft(None, None, data)
    saved = services.conversations.save_conversation(None, data, draft_id=draft_id)
    assert [draft.id for draft in services.conversations.list_drafts()] == [other_draft]
    assert services.conversations.get_conversation(saved.id).data.notes == "Klaar"


def test_editing_a_conversation_removes_the_draft_of_that_edit(services: Services) -> None:
    client = _client(services)
    talk = _talk(services, client.id, TODAY, "Eerste versie")
    edit = ConversationInput(client.id, TODAY, "other", notes="Tweede versie")
    draft_id = services.conversations.save_draft(None, talk, edit)
    assert services.conversations.list_drafts()[0].conversation_id == talk
    services.conversations.save_conversation(talk, edit, draft_id=draft_id)
    assert services.conversations.list_drafts() == []
    assert services.conversations.get_conversation(talk).data.notes == "Tweede versie"


def test_a_failed_save_keeps_the_draft(services: Services) -> None:
    client = _client(services)
    data = ConversationInput(client.id, TODAY, "other", notes="Niet kwijtraken")
    draft_id = services.conversations.save_draft(None, None, data)
    with pytest.raises(NotFound):
        services.conversations.save_conversation(12345, data, draft_id=draft_id)
    with pytest.raises(InvalidInput):
        services.conversations.save_conversation(
            None, ConversationInput(client.id, TODAY, "", notes="x"), draft_id=draft_id
        )
    [draft] = services.conversations.list_drafts()
    assert draft.data.notes == "Niet kwijtraken"
    assert _count(services, ConversationRow) == 0


# --- agreements -------------------------------------------------------------------------------


def test_agreement_add_change_done_reopen_delete(services: Services, clock: FakeClock) -> None:
    client = _client(services)
    added = services.agreements.save_agreement(
        None, AgreementInput(client.id, " Uittreksel BRP ophalen ", " Inwoner ", date(2026, 12, 1))
    )
    assert (added.data.description, added.data.who, added.created_on, added.done_on) == (
        "Uittreksel BRP ophalen",
        "Inwoner",
        TODAY,
        None,
    )
    clock.value = NOW + timedelta(days=3)
    changed = services.agreements.save_agreement(
        added.id, AgreementInput(client.id, "Uittreksel BRP ophalen", "Zus", date(2026, 12, 8))
    )
    assert (changed.id, changed.data.who, changed.data.due_on, changed.created_on) == (
        added.id,
        "Zus",
        date(2026, 12, 8),
        TODAY,
    )
    assert services.agreements.set_done(added.id, date(2026, 11, 26)).done_on == date(2026, 11, 26)
    assert services.clients.list_clients()[0].open_agreements == 0
    assert services.agreements.set_done(added.id, None).done_on is None
    assert services.clients.list_clients()[0].open_agreements == 1
    services.agreements.delete_agreement(added.id)
    assert services.clients.get_dossier(client.id).agreements == ()


def test_invalid_agreement_is_refused(services: Services) -> None:
    client = _client(services)
    with pytest.raises(InvalidInput, match="wie het doet"):
        services.agreements.save_agreement(None, AgreementInput(client.id, "Bellen", ""))
    assert _count(services, AgreementRow) == 0


def test_agreement_for_a_conversation_deleted_meanwhile_is_not_found(services: Services) -> None:
    client = _client(services)
    talk = _talk(services, client.id, TODAY, "Wordt verwijderd")
    services.conversations.delete_conversation(talk)
    with pytest.raises(NotFound) as caught:
        services.agreements.save_agreement(None, AgreementInput(client.id, "Bellen", "Inwoner", conversation_id=talk))
    assert "bestaat niet (meer)" in caught.value.message  # not "the database is damaged"
    assert _count(services, AgreementRow) == 0


def test_draft_for_something_deleted_meanwhile_is_not_found(services: Services) -> None:
    client = _client(services)
    talk = _talk(services, client.id, TODAY, "Wordt verwijderd")
    services.conversations.delete_conversation(talk)
    with pytest.raises(NotFound):
        services.conversations.save_draft(None, talk, ConversationInput(client.id, TODAY, "other"))
    services.privacy.erase_client(client.id)
    with pytest.raises(NotFound):
        services.conversations.save_draft(None, None, ConversationInput(client.id, TODAY, "other"))
    assert services.conversations.list_drafts() == []


def test_saving_a_conversation_removes_every_older_unsaved_version_of_it(services: Services) -> None:
    client = _client(services)
    data = ConversationInput(client.id, date(2026, 11, 2), "home_visit", notes="Eerste versie")
    conversation = services.conversations.save_conversation(None, data)
    stale = services.conversations.save_draft(None, conversation.id, replace(data, notes="Oud concept"))
    assert services.conversations.draft_of(conversation.id) is not None

    services.conversations.save_conversation(conversation.id, replace(data, notes="Nieuwste versie"))

    assert services.conversations.draft_of(conversation.id) is None
    assert stale not in [draft.id for draft in services.conversations.list_drafts()]
    assert services.conversations.get_conversation(conversation.id).data.notes == "Nieuwste versie"


# --- what writes announce, and reads that fit the screen -------------------------------------------


def test_writes_announce_what_they_changed_after_the_commit(services: Services) -> None:
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)
    client = _client(services)
    other = _client(services, "Sem Bedacht")
    services.clients.update_client(client.id, ClientInput("Noor Verzonnen", municipality="Borne"))
    services.clients.update_client(client.id, ClientInput("Noor Verzonnen", alias="Noor", municipality="Borne"))
    question = services.clients.add_help_question(client.id, HelpQuestionInput(TODAY, "Post"))
    services.clients.delete_help_question(question.id)
    talk = _talk(services, client.id, TODAY)
    agreement = _agree(services, client.id, TODAY, done=TODAY, conversation_id=talk)
    services.agreements.delete_agreement(agreement)
    services.conversations.delete_conversation(talk)
    services.clients.close_client(client.id, TODAY, "Verhuisd")
    services.clients.reopen_client(client.id)
    services.privacy.erase_client(other.id)

    resident = Area.RESIDENTS | Area.DETAILS | Area.AGENDA  # the list, the header and the agenda's names
    agreements = Area.AGREEMENTS | Area.RESIDENTS | Area.AGENDA  # the list counts open and overdue ones
    assert heard == [
        Changes(Area.RESIDENTS | Area.DETAILS, client.id),
        Changes(Area.RESIDENTS | Area.DETAILS, other.id),
        Changes(resident | Area.ROUTES | Area.ROUTE, client.id),  # moved: a by-law's term is the municipality's
        Changes(resident, client.id),
        Changes(Area.HELP_QUESTIONS, client.id),
        Changes(Area.HELP_QUESTIONS, client.id),
        Changes(Area.CONVERSATIONS | Area.RESIDENTS, client.id),  # the list shows the last contact
        Changes(agreements, client.id),
        Changes(agreements, client.id),  # done
        Changes(agreements, client.id),
        # Its agreements lose the link; a meeting held in it is open again.
        Changes(Area.CONVERSATIONS | Area.RESIDENTS | Area.AGREEMENTS | Area.MEETINGS | Area.AGENDA, client.id),
        Changes(resident, client.id),
        Changes(resident, client.id),
        Changes(Area.RESIDENTS | Area.AGENDA, other.id),
    ]


def test_failed_writes_and_drafts_announce_nothing(services: Services) -> None:
    client = _client(services)
    heard: list[Changes] = []
    stop = services.changes.subscribe(heard.append)
    with pytest.raises(InvalidInput):
        services.clients.update_client(client.id, ClientInput(""))
    with pytest.raises(NotFound):
        services.agreements.delete_agreement(999)
    with pytest.raises(InvalidInput):
        services.clients.close_client(client.id, TODAY, " ")
    draft = services.conversations.save_draft(None, None, ConversationInput(client.id, TODAY, "other"))
    services.conversations.discard_draft(draft)  # a draft shows in no view but its editor
    assert heard == []

    stop()
    _talk(services, client.id, TODAY)
    assert heard == []


def test_a_row_of_the_list_reads_as_the_whole_list_does(services: Services) -> None:
    client = _client(services, municipality="Borne")
    _client(services, "Sem Bedacht")
    _talk(services, client.id, TODAY - timedelta(days=3))
    _agree(services, client.id, TODAY - timedelta(days=1))
    _agree(services, client.id, None)
    rows = {row.id: row for row in services.clients.list_clients()}
    assert services.clients.list_row(client.id) == rows[client.id]
    assert rows[client.id].overdue_agreements == 1 and rows[client.id].open_agreements == 2
    services.privacy.erase_client(client.id)
    assert services.clients.list_row(client.id) is None


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """The SQL the services send while the block runs."""
    sent: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    engine = services.database.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def reads_whole_notes(sent: list[str]) -> bool:
    return any("conversations.notes" in sql.replace("substr(conversations.notes", "") for sql in sent)


def test_help_questions_and_whether_there_are_conversations_are_read_without_notes(services: Services) -> None:
    client = _client(services)
    assert services.clients.has_conversations(client.id) is False
    first = services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 1, 5), "Post"))
    second = services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 3, 1), "Huur"))
    _talk(services, client.id, TODAY, LONG_NOTE)
    with statements(services) as sent:
        assert services.clients.help_questions(client.id) == (second, first)
        assert services.clients.has_conversations(client.id) is True
    assert sent and not reads_whole_notes(sent)
    with pytest.raises(NotFound):
        services.clients.help_questions(999)
    with pytest.raises(NotFound):
        services.clients.has_conversations(999)


def test_the_dossier_opens_with_one_read_of_what_the_screen_shows(services: Services) -> None:
    client = _client(services, first_contact=date(2026, 1, 5))
    services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 1, 5), "Post"))
    long = _talk(services, client.id, date(2026, 2, 1), "\n \n" + LONG_NOTE, kind="home_visit")
    short = _talk(services, client.id, date(2026, 9, 1), "Laatste gesprek\nTweede regel")
    _agree(services, client.id, date(2026, 9, 15), conversation_id=short)
    route = services.routes.save_route(None, RouteInput(client.id, "wmo", "Wmo"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 2), "applied"))
    services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 11, 1), "Formulier ingevuld"))
    services.routes.set_document(route.id, "income_statement", date(2026, 11, 1))
    services.routes.save_signal(None, SignalInput(client.id, TODAY, "no_response", "Geen reactie"))

    with statements(services) as sent:
        view = services.dossier.open(client.id)
    assert not reads_whole_notes(sent)
    assert not any("route_documents" in sql or "attachments" in sql for sql in sent)
    # The timeline's efforts: the first 1,000 characters of each description only.
    assert not any("route_evidence.description" in sql.replace("substr(route_evidence.description", "") for sql in sent)
    assert [sql for sql in sent if sql.startswith("BEGIN")] == ["BEGIN"]  # one transaction
    with statements(services) as sent:
        full = services.clients.get_dossier(client.id)
    assert reads_whole_notes(sent)  # the check sees it when notes are read
    assert (view.client, view.help_questions, view.agreements) == (full.client, full.help_questions, full.agreements)
    assert tuple(entry for entry in view.timeline if entry.kind not in ROUTE_KINDS) == full.timeline
    assert {(entry.kind, entry.text) for entry in view.timeline if entry.kind in ROUTE_KINDS} == {
        (TimelineKind.ROUTE_STEP, "Wmo"), (TimelineKind.EVIDENCE, "Formulier ingevuld"),
        (TimelineKind.SIGNAL, "Geen reactie"),
    }  # fmt: skip
    assert view.conversations == (
        ConversationLine(short, date(2026, 9, 1), "other", "Laatste gesprek"),
        ConversationLine(long, date(2026, 2, 1), "home_visit", "Verslag één 🙂"),
    )
    # The routes as the route service lists them, without their evidence and documents (not read).
    listed, shown = services.routes.list_routes(client.id), view.routes.routes
    assert len(listed[0].route.evidence) == 1 and listed[0].route.documents
    assert shown[0].route.evidence == () and shown[0].route.documents == {}
    without_efforts = replace(listed[0].route, evidence=(), documents={})
    assert shown == (replace(listed[0], route=without_efforts),)
    assert view.routes.signals == tuple(services.routes.list_signals(client.id))
    assert services.dossier.routes(client.id) == view.routes
    with pytest.raises(NotFound):
        services.dossier.open(999)
