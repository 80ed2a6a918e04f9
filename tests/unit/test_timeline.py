"""The dossier timeline as a pure function: newest first, stable order within a day."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.model import (
    Agreement,
    AgreementInput,
    Client,
    ClientInput,
    ClientStatus,
    Conversation,
    ConversationInput,
    HelpQuestion,
    TimelineKind,
)
from clientsteun.domain.timeline import SUMMARY_LENGTH, build_timeline, first_line

CLIENT = Client(7, ClientInput(name="Noor Verzonnen", first_contact=date(2026, 1, 10)))
STAMP = datetime(2026, 11, 23, 9, 0)


def _conversation(conversation_id: int, on: date, notes: str = "Gesprek") -> Conversation:
    return Conversation(conversation_id, ConversationInput(7, on, "other", notes=notes), STAMP)


def _agreement(agreement_id: int, created: date, done: date | None = None) -> Agreement:
    return Agreement(agreement_id, AgreementInput(7, "Brief meenemen", "Inwoner"), created, done)


def test_first_line_skips_blank_lines_and_trims() -> None:
    assert first_line("\n  \n  Eerste regel  \nTweede regel") == "Eerste regel"
    assert first_line("") == ""
    assert first_line(" \n\t\n") == ""


def test_first_line_shortens_long_lines_with_an_ellipsis() -> None:
    exact = "x" * SUMMARY_LENGTH
    assert first_line(exact) == exact
    shortened = first_line("woord " * 40)
    assert len(shortened) <= SUMMARY_LENGTH
    assert shortened.endswith("…")
    assert not shortened[:-1].endswith(" ")
    assert first_line("abcdef", length=4) == "abc…"


def test_timeline_is_newest_first_with_every_kind_of_event() -> None:
    closed = Client(
        7,
        ClientInput(name="Noor Verzonnen", first_contact=date(2026, 1, 10)),
        ClientStatus.CLOSED,
        closed_on=date(2026, 11, 1),
        close_reason="Hulpvraag beantwoord",
    )
    questions = [HelpQuestion(3, 7, date(2026, 1, 12), "", "Een eigen plek")]
    conversations = [_conversation(11, date(2026, 2, 1), "\nEerste gesprek\nmeer tekst")]
    agreements = [_agreement(21, date(2026, 2, 1), done=date(2026, 3, 5))]
    timeline = build_timeline(closed, questions, conversations, agreements)
    assert [(entry.on, entry.kind, entry.ref_id, entry.text) for entry in timeline] == [
        (date(2026, 11, 1), TimelineKind.CLOSED, 7, "Hulpvraag beantwoord"),
        (date(2026, 3, 5), TimelineKind.AGREEMENT_DONE, 21, "Brief meenemen"),
        (date(2026, 2, 1), TimelineKind.CONVERSATION, 11, "Eerste gesprek"),
        (date(2026, 2, 1), TimelineKind.AGREEMENT, 21, "Brief meenemen"),
        (date(2026, 1, 12), TimelineKind.HELP_QUESTION, 3, "Een eigen plek"),
        (date(2026, 1, 10), TimelineKind.FIRST_CONTACT, 7, ""),
    ]


def test_open_client_without_first_contact_has_only_its_events() -> None:
    client = Client(1, ClientInput(name="Sem Bedacht"))
    assert build_timeline(client, [], [], []) == ()
    timeline = build_timeline(client, [], [_conversation(1, date(2026, 5, 1))], [_agreement(2, date(2026, 5, 2))])
    assert [entry.kind for entry in timeline] == [TimelineKind.AGREEMENT, TimelineKind.CONVERSATION]


def test_same_day_same_kind_shows_the_latest_added_first() -> None:
    day = date(2026, 4, 4)
    timeline = build_timeline(CLIENT, [], [_conversation(5, day), _conversation(9, day)], [])
    assert [(entry.kind, entry.ref_id) for entry in timeline[:2]] == [
        (TimelineKind.CONVERSATION, 9),
        (TimelineKind.CONVERSATION, 5),
    ]


@given(
    st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), max_size=15),
    st.lists(
        st.tuples(st.dates(min_value=date(2000, 1, 1)), st.none() | st.dates(min_value=date(2000, 1, 1))),
        max_size=10,
    ),
)
def test_timeline_is_always_sorted_newest_first_and_complete(
    conversation_days: list[date], agreement_days: list[tuple[date, date | None]]
) -> None:
    conversations = [_conversation(number, day) for number, day in enumerate(conversation_days, 1)]
    agreements = [_agreement(number, created, done) for number, (created, done) in enumerate(agreement_days, 1)]
    timeline = build_timeline(CLIENT, [], conversations, agreements)
    days = [entry.on for entry in timeline]
    assert days == sorted(days, reverse=True)
    done = sum(1 for _, finished in agreement_days if finished is not None)
    assert len(timeline) == 1 + len(conversations) + len(agreements) + done
