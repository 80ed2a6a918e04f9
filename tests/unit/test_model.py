"""Domain values: validation rules that hold for every front end, consent state, overdue."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest

from clientsteun.domain.changes import DOSSIER, DOSSIER_MAIN, Area, Changes
from clientsteun.domain.errors import CatalogError, ClientsteunError, InvalidInput, NotFound
from clientsteun.domain.model import (
    MAX_NAME,
    MAX_TEXT,
    Agreement,
    AgreementInput,
    Client,
    ClientInput,
    ConsentState,
    Conversation,
    ConversationInput,
    ConversationLine,
    HelpQuestionInput,
    NetworkMember,
)
from clientsteun.domain.model import Consent as ConsentValue
from clientsteun.domain.timeline import NOTE_HEAD, build_timeline, conversation_line

DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 30)


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_client_needs_a_name(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        ClientInput(name=name).validated()
    assert caught.value.message == "Vul een naam in. Een roepnaam of schuilnaam mag ook."


def test_client_name_of_200_characters_is_accepted_and_201_refused() -> None:
    assert ClientInput(name="a" * MAX_NAME).validated().name == "a" * 200
    with pytest.raises(InvalidInput) as caught:
        ClientInput(name="a" * (MAX_NAME + 1)).validated()
    assert caught.value.message == "De naam is te lang (meer dan 200 tekens)."


def test_client_name_length_is_counted_after_trimming() -> None:
    assert ClientInput(name="  " + "b" * 200 + "  ").validated().name == "b" * 200


@pytest.mark.parametrize("field", ["alias", "phone", "email", "address", "municipality"])
def test_client_single_line_fields_stop_at_500_characters(field: str) -> None:
    def noor(**text: Any) -> ClientInput:
        return ClientInput(name="Noor", **text)

    ok = noor(**{field: "x" * 500}).validated()
    assert getattr(ok, field) == "x" * 500
    with pytest.raises(InvalidInput) as caught:
        noor(**{field: "x" * 501}).validated()
    assert "500 tekens" in caught.value.message


def test_client_validation_trims_and_removes_duplicate_life_domains_in_order() -> None:
    details = ClientInput(
        name="  Noor Verzonnen ",
        municipality=" Houten ",
        life_domains=("housing", "finances", "housing", "justice", "finances"),
        network=(NetworkMember(" Mila ", " zus ", " 06-00000000 "),),
    ).validated()
    assert details.name == "Noor Verzonnen"
    assert details.municipality == "Houten"
    assert details.life_domains == ("housing", "finances", "justice")
    assert details.network == (NetworkMember("Mila", "zus", "06-00000000"),)


def test_network_member_needs_a_name() -> None:
    with pytest.raises(InvalidInput) as caught:
        ClientInput(name="Noor", network=(NetworkMember("  ", role="buurman"),)).validated()
    assert caught.value.message == "Vul de naam van de persoon uit het netwerk in."


def test_consent_cannot_end_before_it_was_given() -> None:
    with pytest.raises(InvalidInput) as caught:
        ConsentValue(given_on=DAY, valid_until=date(2026, 11, 22)).validated()
    assert "kan niet eindigen" in caught.value.message


def test_consent_cannot_be_withdrawn_before_it_was_given() -> None:
    with pytest.raises(InvalidInput) as caught:
        ConsentValue(given_on=DAY, withdrawn_on=date(2026, 1, 1)).validated()
    assert "ingetrokken" in caught.value.message


def test_consent_may_end_and_be_withdrawn_on_the_day_it_was_given() -> None:
    consent = ConsentValue(given_on=DAY, valid_until=DAY, withdrawn_on=DAY)
    assert consent.validated() == consent


def test_client_validation_checks_the_consent_too() -> None:
    bad = ConsentValue(given_on=DAY, valid_until=date(2020, 1, 1))
    with pytest.raises(InvalidInput):
        ClientInput(name="Noor", consent=bad).validated()


@pytest.mark.parametrize(
    ("valid_until", "withdrawn_on", "today", "state"),
    [
        (None, None, date(2030, 1, 1), ConsentState.VALID),
        (date(2026, 12, 31), None, date(2026, 12, 31), ConsentState.VALID),  # last valid day
        (date(2026, 12, 31), None, date(2027, 1, 1), ConsentState.EXPIRED),
        (None, date(2026, 6, 1), date(2026, 5, 31), ConsentState.VALID),  # withdrawal ahead
        (None, date(2026, 6, 1), date(2026, 6, 1), ConsentState.WITHDRAWN),
        (date(2026, 3, 1), date(2026, 6, 1), date(2026, 7, 1), ConsentState.WITHDRAWN),
    ],
)
def test_consent_state(valid_until: date | None, withdrawn_on: date | None, today: date, state: ConsentState) -> None:
    consent = ConsentValue(date(2026, 1, 1), valid_until=valid_until, withdrawn_on=withdrawn_on)
    assert consent.state(today) is state


def test_client_without_consent_has_state_none_and_alias_is_shown() -> None:
    client = Client(1, ClientInput(name="Noor Verzonnen", alias="Noor"))
    assert client.consent_state(DAY) is ConsentState.NONE
    assert client.display_name == "Noor"
    assert Client(2, ClientInput(name="Sem Bedacht")).display_name == "Sem Bedacht"


@pytest.mark.parametrize(("asked", "wants"), [("", ""), ("  ", "\n")])
def test_help_question_needs_asked_or_really_wants(asked: str, wants: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        HelpQuestionInput(DAY, asked, wants).validated()
    assert caught.value.message == "Vul in wat er wordt gevraagd of wat de inwoner echt wil."


@pytest.mark.parametrize(("asked", "wants"), [(" Hulp bij post ", ""), ("", " Rust ")])
def test_help_question_with_one_part_is_enough_and_trimmed(asked: str, wants: str) -> None:
    question = HelpQuestionInput(DAY, asked, wants).validated()
    assert (question.asked, question.really_wants) == (asked.strip(), wants.strip())


def test_conversation_needs_a_kind() -> None:
    with pytest.raises(InvalidInput) as caught:
        ConversationInput(1, DAY, kind="").validated()
    assert caught.value.message == "Kies wat voor gesprek het was."


@pytest.mark.parametrize(("minutes", "ok"), [(-1, False), (0, True), (1440, True), (1441, False)])
def test_conversation_duration_is_within_a_day(minutes: int, ok: bool) -> None:
    data = ConversationInput(1, DAY, kind="other", duration_minutes=minutes)
    if ok:
        assert data.validated().duration_minutes == minutes
    else:
        with pytest.raises(InvalidInput, match="1440 minuten"):
            data.validated()


def test_conversation_notes_are_kept_exactly_but_a_runaway_is_refused() -> None:
    notes = "  regel één\r\n\n🙂 \t"
    assert ConversationInput(1, DAY, kind="other", notes=notes).validated().notes == notes
    with pytest.raises(InvalidInput, match="te lang"):
        ConversationInput(1, DAY, kind="other", notes="x" * (MAX_TEXT + 1)).validated()


@pytest.mark.parametrize(
    ("description", "who", "message"),
    [
        ("   ", "Inwoner", "Beschrijf wat er is afgesproken."),
        ("Brief meenemen", " ", "Vul in wie het doet."),
    ],
)
def test_agreement_needs_what_and_who(description: str, who: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        AgreementInput(1, description, who).validated()
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("due_on", "done_on", "overdue"),
    [
        (None, None, False),
        (date(2026, 11, 22), None, True),
        (DAY, None, False),  # due today is not late yet
        (date(2026, 11, 24), None, False),
        (date(2026, 11, 1), date(2026, 11, 2), False),  # done, even if late
    ],
)
def test_agreement_overdue(due_on: date | None, done_on: date | None, overdue: bool) -> None:
    agreement = Agreement(1, AgreementInput(1, "Bellen", "Inwoner", due_on), DAY, done_on)
    assert agreement.is_overdue(DAY) is overdue


def test_domain_values_are_immutable() -> None:
    details = ClientInput(name="Noor")
    with pytest.raises(dataclasses.FrozenInstanceError):
        details.name = "Iemand anders"  # type: ignore[misc]


def test_errors_carry_a_dutch_message_and_a_separate_detail() -> None:
    error = NotFound(detail="clients 42")
    assert isinstance(error, ClientsteunError)
    assert error.message == str(error) == "Dit gegeven bestaat niet (meer). Het is misschien verwijderd."
    assert error.detail == "clients 42"


def test_catalog_error_names_file_entry_and_problem() -> None:
    error = CatalogError("/tmp/dossier.toml", "medium phone", "'name' ontbreekt of is leeg")
    assert error.message == ("Catalogusbestand /tmp/dossier.toml, onderdeel medium phone: 'name' ontbreekt of is leeg")
    assert (error.file, error.entry) == ("/tmp/dossier.toml", "medium phone")


def test_a_change_touches_the_areas_it_names() -> None:
    step = Changes(Area.ROUTE | Area.ROUTES | Area.AGENDA, client_id=3, route_id=7)
    assert step.touches(Area.ROUTES) and step.touches(Area.RESIDENTS | Area.AGENDA)
    assert not step.touches(Area.RESIDENTS) and not step.touches(DOSSIER_MAIN)
    assert not step.touches(Area.EVIDENCE)  # a step leaves a route's evidence as it is
    assert DOSSIER == DOSSIER_MAIN | Area.ROUTES | Area.SIGNALS
    assert not Changes(Area.NONE, 3).touches(DOSSIER | Area.RESIDENTS | Area.ROUTE | Area.EVIDENCE | Area.AGENDA)


def test_the_timeline_shows_the_first_line_of_a_notes_first_1000_characters() -> None:
    client = Client(1, ClientInput("Noor"))
    short = Conversation(5, ConversationInput(1, DAY, "home_visit", notes="\n  Eerste regel  \nTweede"), NOW)
    late = Conversation(6, ConversationInput(1, DAY, "other", notes=" " * 999 + "\nLaat begonnen"), NOW)
    assert conversation_line(short) == ConversationLine(5, DAY, "home_visit", "Eerste regel")
    assert conversation_line(late).first_line == ""  # it starts after the first 1,000 characters
    lines = [conversation_line(c) for c in (short, late)]
    assert build_timeline(client, [], lines, []) == build_timeline(client, [], [short, late], [])
    assert [entry.text for entry in build_timeline(client, [], lines, [])] == ["", "Eerste regel"]
    assert NOTE_HEAD == 1000
