"""The proof that a published summary names no one: residents with distinctive made-up names, phone
numbers, streets, contact persons and note fragments go in; every export format comes out without any
of them, every published count is 0 or at least the threshold, and no hidden count can be worked out
from the whole published report: each table's totals, and all municipalities together being the sum
of the municipalities' tables.

Every format is in ``FORMATS`` (suffix and how its text is read back); a new format is one line there.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import AgreementInput, ClientInput, ConversationInput, HelpQuestionInput, NetworkMember
from clientsteun.domain.routes import EvidenceInput, Outcome, RouteInput, SignalInput, StepInput
from clientsteun.domain.summary import Period, publish_summary
from clientsteun.services import Services
from clientsteun.store.database import open_database
from tests.conftest import TEST_KEY, FakeClock
from tests.helpers.pdf import body as pdf_body
from tests.helpers.summaries import csv_text, determined_in_report, worked_out, xlsx_text

FORMATS: dict[str, Callable[[bytes], str]] = {
    ".csv": csv_text,
    ".xlsx": xlsx_text,
    ".pdf": pdf_body,
}
Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
PLACES = ("Houten", "Zeist", "Bunnik")
THEMES = ("circular", "waiting_list", "information")
ROUTES = (("wmo", "applied"), ("social_assistance", "applied"), ("housing_urgency", "applied"))
CONSONANTS = "bcdfghjklmnpqrstvwxz"


def _word(prefix: str) -> st.SearchStrategy[str]:
    """A made-up word no catalog or table label contains."""
    return st.text(CONSONANTS, min_size=5, max_size=8).map(lambda letters: prefix + letters)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    phone: str
    street: str
    member: tuple[str, str]  # someone of the network
    contact: str  # a contact person at an organisation
    fragment: str  # a piece of a note
    place: str
    day: int  # days into the quarter
    routes: int
    shares: bool  # marks a signal naming them shareable

    @property
    def secrets(self) -> list[str]:
        return [self.first, self.last, self.phone, self.street, *self.member, self.contact, self.fragment]


people = st.builds(
    Person,
    first=_word("Qa"),
    last=_word("Qo"),
    phone=st.integers(10_000_000, 99_999_999).map(lambda n: f"06{n}"),
    street=_word("Qe").map(lambda w: f"{w}laan"),
    member=st.tuples(_word("Qi"), _word("Qu")),
    contact=_word("Qy"),
    fragment=_word("Xq"),
    place=st.sampled_from(PLACES),
    day=st.integers(0, 90),
    routes=st.integers(0, 3),
    shares=st.booleans(),
)


def _fill(services: Services, person: Person, number: int) -> None:
    on = Q3.start + timedelta(days=person.day)
    client = services.clients.create_client(
        ClientInput(
            f"{person.first} {person.last}", phone=person.phone, address=f"{person.street} {number + 1}",
            municipality=person.place, first_contact=on, life_domains=("housing", "finances")[: 1 + number % 2],
            network=(NetworkMember(" ".join(person.member), "buurvrouw", person.phone),),
        )
    )  # fmt: skip
    services.clients.add_help_question(client.id, HelpQuestionInput(on, f"Hulp bij {person.fragment}"))
    conversation = services.conversations.save_conversation(
        None,
        ConversationInput(
            client.id, on, "home_visit", "in_person", duration_minutes=30 + number,
            participants=f"{person.first} en {person.contact}",
            notes=f"{person.first} {person.last} woont aan de {person.street}; {person.fragment}.",
        ),
    )  # fmt: skip
    services.agreements.save_agreement(
        None,
        AgreementInput(client.id, f"Bel {person.contact} over {person.fragment}", person.first, None, conversation.id),
    )
    for index in range(person.routes):
        kind, step = ROUTES[index]
        route = services.routes.save_route(
            None,
            RouteInput(client.id, kind, f"Route {person.fragment}", organisation="Gemeente",
                       contact=person.contact, reference=f"REF-{person.phone}"),
        )  # fmt: skip
        services.routes.save_step(None, StepInput(route.id, on, step, note=person.fragment))
        if number % 2:
            decided = min(on + timedelta(days=10 + index), Q3.end)
            services.routes.save_step(
                None, StepInput(route.id, decided, "decision", outcome=Outcome.REFUSED, reason=person.fragment)
            )
        services.routes.save_evidence(None, EvidenceInput(route.id, on, f"{person.contact}: {person.fragment}"), None)
    services.routes.save_signal(
        None,
        SignalInput(
            client.id, on, THEMES[number % len(THEMES)],
            f"{person.first} {person.last} en {' '.join(person.member)} worden van het kastje naar de muur gestuurd.",
            organisation="Schuldhulp", shareable=person.shares,
        ),
    )  # fmt: skip
    services.routes.save_signal(
        None, SignalInput(client.id, on, "other", f"Niet delen: {person.fragment} bij {person.contact}.")
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(team=st.lists(people, min_size=1, max_size=14), threshold=st.integers(0, 8))
def test_no_export_names_anyone_and_no_hidden_count_can_be_worked_out(
    catalog: Catalog, team: list[Person], threshold: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        services = Services.create(open_database(Path(folder) / "team.db", TEST_KEY), catalog, FakeClock())
        try:
            for number, person in enumerate(team):
                _fill(services, person, number)
            summary = services.summaries.summary(Q3)
            texts = {}
            for suffix, read in FORMATS.items():
                target = Path(folder) / f"samenvatting{suffix}"
                services.summaries.export_summary(target, summary, threshold)
                texts[suffix] = " ".join(read(target.read_bytes()).split()).casefold()  # a PDF wraps lines
        finally:
            services.close()
    for suffix, text in texts.items():
        for person in team:
            for secret in person.secrets:
                assert secret.casefold() not in text, (suffix, secret)
    if any(person.shares for person in team):
        assert all("kastje naar de muur" in text for text in texts.values())
    published = publish_summary(summary, threshold)
    limit = max(5, threshold)
    for exact, section in zip(summary.sections, published.sections, strict=True):
        for table, shown_table in zip(exact.tables, section.tables, strict=True):
            shown = [s for row in shown_table.cells for s in row]
            shown += [*(shown_table.row_totals or ()), *(shown_table.column_totals or ())]
            assert all(s.value is None or s.value == 0 or s.value >= limit for s in shown), table.title
            assert worked_out(shown_table) == {}, table.title
            for figures, size in zip(shown_table.figures, table.row_totals, strict=bool(table.figures)):
                assert size >= limit or all(figure is None for figure in figures), table.title
    for k, exact_table in enumerate(summary.sections[0].tables):  # one table key over every section at once
        assert determined_in_report([section.tables[k] for section in published.sections]) == set(), exact_table.title
