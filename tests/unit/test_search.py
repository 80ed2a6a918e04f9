"""Full-text search over notes: prefixes, folded diacritics, and user input that never breaks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START, ClientInput, ConversationInput
from clientsteun.services import Services
from clientsteun.store.database import open_database
from clientsteun.store.search import SEARCH_SQL, fts_query, search_notes, search_parameters, search_terms
from tests.conftest import TEST_KEY, FakeClock

NOTES = {
    "one": "Het is één keer misgegaan met de huurachterstand bij de woningcorporatie.",
    "two": "Cliënt belt de gemeente over de Wmo-aanvraag; café in de wijk als ontmoetingsplek.",
    "three": "Gesprek over schulden. De GGZ wil eerst dat de schulden op orde zijn.",
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[Services]:
    """One database with three conversations, shared by the read-only tests in this module."""
    path: Path = tmp_path_factory.mktemp("search") / "search.db"
    services = Services.create(open_database(path, TEST_KEY), catalog, FakeClock())
    noor = services.clients.create_client(ClientInput(name="Noor Verzonnen", alias="Noor"))
    sem = services.clients.create_client(ClientInput(name="Sem Bedacht"))
    for client, day, key in (
        (noor, date(2026, 3, 1), "one"),
        (sem, date(2026, 4, 1), "two"),
        (sem, date(2026, 5, 1), "three"),
    ):
        services.conversations.save_conversation(
            None, ConversationInput(client.id, day, "home_visit", notes=NOTES[key])
        )
    yield services
    services.close()


def _found(services: Services, query: str) -> set[str]:
    by_text = {text: key for key, text in NOTES.items()}
    hits = services.conversations.search(query)
    return {by_text[services.conversations.get_conversation(hit.conversation_id).data.notes] for hit in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("huur", {"one"}),  # prefix of huurachterstand
        ("huurachterstand", {"one"}),
        ("HUURACHTERSTAND", {"one"}),
        ("woning huur", {"one"}),  # every word must occur, each as a prefix
        ("huur gemeente", set()),
        ("een", {"one"}),  # diacritics folded: "een" finds "één"
        ("één", {"one"}),
        ("client", {"two"}),  # "cliënt"
        ("cafe", {"two"}),
        ("wmo", {"two"}),
        ("aanvraag", {"two"}),  # "Wmo-aanvraag" is two words
        ("schulden", {"three"}),
        ("de", {"one", "two", "three"}),
        ("zzzonbekend", set()),
    ],
)
def test_search_finds_by_word_prefix_and_folds_accents(filled: Services, query: str, expected: set[str]) -> None:
    assert _found(filled, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', set()), ("*", set()), ("-", set()), ("(", set()), (")", set()), ("'", set()),
        ("''", set()), ("+", set()), ("\\", set()), ("%", set()), ("_", set()), ("\x00", set()),
        ("…", set()), ("🙂", set()), ("NEAR(", set()),
        ("huur*", {"one"}), ('"huur', {"one"}), ("^huur", {"one"}), ("(huur)", {"one"}),
        ("huur'", {"one"}), ("-huur", {"one"}),
        # Operators and column filters are ordinary words that must occur too.
        ("NEAR(huur", set()), ("huur -gemeente", set()), ("huur OR", set()), ("AND", set()),
        ("NOT huur", set()), ("notes:huur", set()), ("{notes}: huur", set()),
        ("huur AND NOT", set()), ('huur" OR "gemeente', set()), ("schulden NOT orde", set()),
        ("schulden orde", {"three"}),
    ],
)  # fmt: skip
def test_fts_syntax_in_user_input_never_raises(filled: Services, query: str, expected: set[str]) -> None:
    assert _found(filled, query) == expected


@pytest.mark.parametrize("query", ["", "   ", "\n\t", '"', "*", "-", "()", "…", "?!"])
def test_query_without_words_returns_nothing(filled: Services, query: str) -> None:
    assert filled.conversations.search(query) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_typed_text_is_a_safe_query(filled: Services, query: str) -> None:
    hits = filled.conversations.search(query)
    assert all(hit.terms == search_terms(query) for hit in hits)


def test_hit_carries_what_the_list_shows(filled: Services) -> None:
    [hit] = filled.conversations.search("huurachter")
    assert hit.client_name == "Noor"  # the alias, when there is one
    assert hit.held_on == date(2026, 3, 1)
    assert hit.kind == "home_visit"
    assert hit.terms == ("huurachter",)
    assert f"{SNIPPET_START}huurachterstand{SNIPPET_END}" in hit.snippet
    plain = hit.snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
    assert "huurachterstand bij de woningcorporatie" in plain


def test_hit_shows_the_name_when_there_is_no_alias(filled: Services) -> None:
    [hit] = filled.conversations.search("ggz")
    assert hit.client_name == "Sem Bedacht"
    assert SNIPPET_START + "GGZ" + SNIPPET_END in hit.snippet


def test_equal_matches_are_listed_newest_first(services: Services) -> None:
    client = services.clients.create_client(ClientInput(name="Noor"))
    ids = [
        services.conversations.save_conversation(
            None, ConversationInput(client.id, day, "other", notes="Zelfde tekst over de post")
        ).id
        for day in (date(2026, 1, 1), date(2026, 6, 1), date(2026, 3, 1))
    ]
    hits = services.conversations.search("post")
    assert [hit.conversation_id for hit in hits] == [ids[1], ids[2], ids[0]]


def test_search_respects_the_limit(filled: Services) -> None:
    with filled.database.transaction() as session:
        assert len(search_notes(session, "de", limit=2)) == 2
        assert len(search_notes(session, "de")) == 3


def test_deleted_conversation_is_not_found(services: Services) -> None:
    client = services.clients.create_client(ClientInput(name="Noor"))
    talk = services.conversations.save_conversation(
        None, ConversationInput(client.id, date(2026, 1, 1), "other", notes="Verdwijnwoord")
    )
    assert len(services.conversations.search("verdwijn")) == 1
    services.conversations.delete_conversation(talk.id)
    assert services.conversations.search("verdwijn") == []


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Huur achter", ("huur", "achter")),
        ('huur "HUUR" huur*', ("huur",)),
        ("NEAR(huur, gemeente)", ("near", "huur", "gemeente")),
        ("één-twee", ("één", "twee")),
        ('" * - ( )', ()),
    ],
)
def test_search_terms_keep_only_words(query: str, terms: tuple[str, ...]) -> None:
    assert search_terms(query) == terms


def test_fts_query_quotes_every_term_as_a_prefix() -> None:
    assert fts_query(("huur", "achter")) == '"huur"* "achter"*'
    assert fts_query(('a"b',)) == '"a""b"*'


def test_with_many_matches_only_the_most_recently_written_are_ranked(services: Services) -> None:
    client = services.clients.create_client(ClientInput(name="Lot Verzonnen"))
    ids = [
        services.conversations.save_conversation(
            None, ConversationInput(client.id, date(2026, 1, 1), "phone_call", notes=f"Over de buurtkamer {n}")
        ).id
        for n in range(12)
    ]
    with services.database.transaction() as session:
        parameters = search_parameters(search_terms("buurtkamer")) | {"window": 4}
        found = [row[0] for row in session.execute(SEARCH_SQL, parameters)]
    assert sorted(found) == ids[-5:]  # the newest match and the four written before it
    assert len(services.conversations.search("buurtkamer")) == 12  # the real window is far larger
