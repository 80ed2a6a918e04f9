"""Who must act is said in the same words everywhere: the agenda, the route window, the agreements,
the calendar file and the command line."""

from __future__ import annotations

from datetime import date

from clientsteun.cli.base import ACTOR_WORDS
from clientsteun.domain.agenda import AgendaItem, AgendaKind, AgendaResident
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import ACTOR_NAMES, DeadlineState
from clientsteun.domain.ics import description
from clientsteun.domain.routes import Actor


def test_the_agreements_parties_use_the_words_for_who_must_act(catalog: Catalog) -> None:
    parties = {party.code: party.name for party in catalog.parties}
    assert (
        {actor: parties[actor.value] for actor in Actor}
        == ACTOR_NAMES
        == {
            Actor.RESIDENT: "Inwoner",
            Actor.AUTHORITY: "Instantie",
        }
    )
    assert "Gemeente" not in parties.values()
    assert "Cliëntondersteuner" in parties.values()  # more parties than the two who can have to act


def test_the_calendar_and_the_command_line_say_the_same_word() -> None:
    resident = AgendaResident(1, "Noor Verzonnen", "Zwolle")
    for actor, sentence in (
        (Actor.AUTHORITY, "De instantie moet handelen"),
        (Actor.RESIDENT, "De inwoner moet handelen"),
    ):
        item = AgendaItem(date(2026, 12, 7), AgendaKind.DEADLINE, resident, "Besluit", DeadlineState.UPCOMING, actor)
        assert description(item).splitlines() == [sentence]
        assert ACTOR_WORDS[actor] == ACTOR_NAMES[actor]
