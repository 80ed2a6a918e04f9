"""The requests register (due in a month, put off by two with a reason, in the agenda until answered),
corrections at the resident's request, their own statement, and consent that blocks sharing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clientsteun.domain.agenda import AgendaKind
from clientsteun.domain.errors import InvalidInput, NotFound
from clientsteun.domain.model import AgreementInput, ClientInput, Consent, ConversationInput, HelpQuestionInput
from clientsteun.domain.model import TimelineKind as K
from clientsteun.domain.notes import MAX_NOTE_CHARS
from clientsteun.domain.rights import (
    CONSENT_EXPIRED,
    CONSENT_WITHDRAWN,
    NoteKind,
    RequestKind,
    latest_extension,
    may_share,
)
from clientsteun.domain.routes import SignalInput
from clientsteun.domain.summary import Period
from clientsteun.services import Services


def _resident(services: Services, name: str = "Fenna Verzonnen") -> int:
    return services.clients.create_client(ClientInput(name=name, municipality="Nergenshuizen")).id


def test_a_request_is_due_a_month_after_it_came_in_and_shows_in_the_agenda_until_answered(services: Services) -> None:
    client_id = _resident(services)
    request = services.requests.add_request(client_id, RequestKind.ACCESS, date(2026, 10, 31), "per brief")
    assert request.due_on == date(2026, 11, 30)  # the 31st becomes the last day of a shorter month
    (item,) = [item for item in services.agenda.agenda() if item.kind is AgendaKind.REQUEST]
    assert (item.on, item.resident.id, item.what, item.uid) == (
        date(2026, 11, 30), client_id, "Antwoord op verzoek om inzage", f"request-{request.id}",
    )  # fmt: skip
    services.requests.answer_request(request.id, date(2026, 11, 20))
    assert [item for item in services.agenda.agenda() if item.kind is AgendaKind.REQUEST] == []
    assert services.requests.list_requests(client_id)[0].answered_on == date(2026, 11, 20)


def test_a_closed_dossier_s_open_request_stays_in_the_agenda(services: Services) -> None:
    client_id = _resident(services)
    services.clients.close_client(client_id, date(2026, 11, 1), "hulpvraag beantwoord")
    services.requests.add_request(client_id, RequestKind.ERASURE, date(2026, 11, 2))
    assert [item.kind for item in services.agenda.agenda()] == [AgendaKind.REQUEST]


def test_the_answer_may_be_put_off_by_two_months_with_a_reason_and_no_more(services: Services) -> None:
    client_id = _resident(services)
    request = services.requests.add_request(client_id, RequestKind.COPY, date(2026, 11, 1))  # today: 23 november
    with pytest.raises(InvalidInput, match="reden"):
        services.requests.extend_request(request.id, date(2027, 1, 1), "  ")
    with pytest.raises(InvalidInput, match="twee maanden"):
        services.requests.extend_request(request.id, date(2027, 2, 2), "veel stukken")
    extended = services.requests.extend_request(request.id, date(2027, 2, 1), "veel stukken")
    assert (extended.due_on, extended.extension_reason) == (date(2027, 2, 1), "veel stukken")
    with pytest.raises(InvalidInput):
        services.requests.answer_request(request.id, date(2026, 10, 31))
    services.requests.answer_request(request.id, date(2026, 11, 23))
    with pytest.raises(InvalidInput, match="al beantwoord"):
        services.requests.extend_request(request.id, date(2027, 1, 15), "toch later")
    # AVG art. 12(3): the extension is told within the first month; after it, it is too late.
    late = services.requests.add_request(client_id, RequestKind.COPY, date(2026, 9, 1))
    with pytest.raises(InvalidInput, match="maand is voorbij"):
        services.requests.extend_request(late.id, date(2026, 12, 1), "veel stukken")


def test_the_extension_counts_two_months_from_the_end_of_the_first_month() -> None:
    assert latest_extension(date(2027, 1, 31)) == date(2027, 4, 28)  # 28 February, then two months
    assert latest_extension(date(2026, 11, 1)) == date(2027, 2, 1)


def test_a_correction_leaves_a_dated_note_without_the_old_value_and_the_statement_goes_into_the_copy(
    services: Services,
) -> None:
    client_id = _resident(services)
    services.clients.update_client(client_id, ClientInput(name="Fenna Verbeterd", municipality="Nergenshuizen"))
    note = services.requests.record_correction(client_id, "Naam")
    assert (note.kind, note.on, note.text) == (NoteKind.CORRECTION, date(2026, 11, 23),
                                               "Gecorrigeerd op verzoek van de inwoner: Naam")  # fmt: skip
    services.requests.add_statement(client_id, date(2026, 11, 22), "Ik heb nooit huurachterstand gehad.")
    with pytest.raises(InvalidInput):
        services.requests.add_statement(client_id, date(2026, 11, 22), " ")
    copy = services.dossier_copy.read_copy(client_id)
    assert [(n["kind"], n["text"]) for n in copy["notes"]] == [
        ("correction", "Gecorrigeerd op verzoek van de inwoner: Naam"),
        ("statement", "Ik heb nooit huurachterstand gehad."),
    ]
    assert "Verzonnen" not in str(copy)


def test_an_expired_or_withdrawn_consent_blocks_sharing_until_renewed() -> None:
    today = date(2026, 11, 23)
    given = Consent(date(2026, 1, 1), share_with="gemeente", valid_until=date(2026, 12, 31))
    assert may_share([], today).allowed
    assert may_share([given], today).allowed
    expired = Consent(date(2025, 1, 1), valid_until=date(2025, 12, 31))
    withdrawn = Consent(date(2026, 1, 1), withdrawn_on=date(2026, 6, 1))
    assert may_share([expired], today).reason == CONSENT_EXPIRED
    assert may_share([given, withdrawn], today).reason == CONSENT_WITHDRAWN
    assert may_share([withdrawn, given], today).allowed  # renewed: the newest consent holds


def test_a_correction_that_cannot_be_saved_leaves_no_note_and_changes_nothing(services: Services) -> None:
    client_id = _resident(services)
    before = services.clients.get_client(client_id).details
    with pytest.raises(InvalidInput):
        services.requests.correct_details(client_id, replace(before, name="  "))
    assert services.clients.get_client(client_id).details == before
    assert services.requests.notes(client_id) == []


def test_details_corrected_at_the_resident_s_request_name_the_fields_in_the_timeline_not_the_old_values(
    services: Services,
) -> None:
    client_id = _resident(services)
    before = services.clients.get_client(client_id).details
    after = replace(before, name="Fenna Verbeterd", address="Nieuwe Straat 1")
    assert services.requests.correct_details(client_id, after).details.name == "Fenna Verbeterd"
    services.requests.add_statement(client_id, date(2026, 11, 23), "Mijn adres was nooit anders.")
    timeline = services.dossier.open(client_id).timeline
    shown = [(entry.kind, entry.text) for entry in timeline if entry.kind in (K.CORRECTED, K.STATEMENT)]
    assert sorted(shown) == [
        (K.CORRECTED, "Gecorrigeerd op verzoek van de inwoner: naam, adres"),
        (K.STATEMENT, "Mijn adres was nooit anders."),
    ]
    assert not any("Verzonnen" in entry.text for entry in timeline)


def test_a_withdrawn_consent_keeps_the_resident_s_signals_out_of_the_package_and_says_why(services: Services) -> None:
    def resident(name: str, consent: Consent) -> int:
        client = services.clients.create_client(ClientInput(name=name, municipality="Nergenshuizen", consent=consent))
        services.routes.save_signal(
            None, SignalInput(client.id, date(2026, 8, 1), "waiting_list", f"Wachtlijst van {name}", shareable=True)
        )
        return client.id

    kept = resident("Anna Gedeeld", Consent(date(2026, 1, 1), share_with="gemeente"))
    stopped = resident("Bert Ingetrokken", Consent(date(2026, 1, 1), withdrawn_on=date(2026, 9, 1)))
    package = services.summaries.package(Period(date(2026, 7, 1), date(2026, 9, 30)))
    texts = [signal.text for unit in package.units for signal in unit.signals]
    assert texts == ["Wachtlijst van [naam]"]  # only the one whose consent holds, without the name
    counted = [sum(count for key, count in unit.counts.items() if key[0] == "signals") for unit in package.units]
    assert counted == [2]  # still counted, without a description
    assert services.requests.sharing(kept) == ""
    assert services.requests.sharing(stopped) == CONSENT_WITHDRAWN


def test_sharing_reads_the_newest_consent_of_that_resident_only(services: Services) -> None:
    """A consent withdrawn, then a new one given: the new one holds; another resident's consent, or
    none at all, changes nothing."""
    client = services.clients.create_client(
        ClientInput(name="Carla Opnieuw", consent=Consent(date(2026, 1, 1), withdrawn_on=date(2026, 2, 1)))
    )
    other = services.clients.create_client(
        ClientInput(name="Dirk Verlopen", consent=Consent(date(2025, 1, 1), valid_until=date(2025, 12, 31)))
    )
    nobody = services.clients.create_client(ClientInput(name="Eva Zonder"))
    assert services.requests.sharing(client.id) == CONSENT_WITHDRAWN
    details = services.clients.get_client(client.id).details
    services.clients.update_client(client.id, replace(details, consent=Consent(date(2026, 3, 1))))
    assert services.requests.sharing(client.id) == ""
    assert services.requests.sharing(other.id) == CONSENT_EXPIRED
    assert services.requests.sharing(nobody.id) == ""


def test_a_correction_on_a_form_saves_the_record_and_its_note_together_or_neither(services: Services) -> None:
    client_id = _resident(services)
    held = ConversationInput(client_id, date(2026, 3, 2), "intake", notes="Eerste gesprek.")
    conversation = services.conversations.save_conversation(None, held)
    agreement = services.agreements.save_agreement(None, AgreementInput(client_id, "Huurtoeslag aanvragen", "inwoner"))
    question = HelpQuestionInput(date(2026, 3, 2), "Hulp bij post", "Overzicht")
    services.clients.add_help_question(client_id, question)
    with pytest.raises(InvalidInput):  # too long to save: refused inside the transaction
        services.conversations.save_conversation(
            conversation.id, replace(held, notes="x" * (MAX_NOTE_CHARS + 1)), at_request="gesprek: notities"
        )
    with pytest.raises(NotFound):  # the note is already in the session when the missing conversation is found
        services.agreements.save_agreement(
            agreement.id,
            AgreementInput(client_id, "Huurtoeslag", "inwoner", conversation_id=9999),
            at_request="afspraak",
        )
    with pytest.raises(InvalidInput):
        services.clients.add_help_question(client_id, replace(question, asked=" ", really_wants=""), at_request="x")
    assert services.requests.notes(client_id) == []  # a refused save leaves no note

    services.conversations.save_conversation(conversation.id, replace(held, notes="Verbeterd."), at_request="gesprek")
    services.agreements.save_agreement(agreement.id, AgreementInput(client_id, "Huurtoeslag", "supporter"),
                                       at_request="afspraak: wie het doet")  # fmt: skip
    services.clients.add_help_question(client_id, replace(question, asked="Hulp bij brieven"), at_request="hulpvraag")
    services.agreements.save_agreement(agreement.id, AgreementInput(client_id, "Huurtoeslag", "inwoner"))  # no note
    assert [(note.kind, note.on, note.text) for note in services.requests.notes(client_id)] == [
        (NoteKind.CORRECTION, date(2026, 11, 23), "Gecorrigeerd op verzoek van de inwoner: gesprek"),
        (NoteKind.CORRECTION, date(2026, 11, 23), "Gecorrigeerd op verzoek van de inwoner: afspraak: wie het doet"),
        (NoteKind.CORRECTION, date(2026, 11, 23), "Gecorrigeerd op verzoek van de inwoner: hulpvraag"),
    ]  # exactly one note for each correction
    assert services.conversations.get_conversation(conversation.id).data.notes == "Verbeterd."
