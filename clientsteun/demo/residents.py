"""Demo residents: their details, consent and help questions, their conversations and agreements."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from clientsteun.demo.rows import Rows
from clientsteun.demo.words import (
    AGREEMENTS,
    ASKED,
    FIRST_NAMES,
    MUNICIPALITIES,
    ROLES,
    SENTENCES,
    STREETS,
    SURNAMES,
    WANTS,
)
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import (
    AgreementInput,
    ClientInput,
    Consent,
    ConversationInput,
    HelpQuestionInput,
    NetworkMember,
)


@dataclass(frozen=True)
class Resident:
    """What the routes tried need to know of a demo resident."""

    id: int
    name: str
    municipality: str
    first_contact: date
    last_day: date  # today, or the day the dossier was closed
    is_open: bool
    help_questions: tuple[int, ...]


class ResidentWriter:
    """Writes residents with their conversations; the random stream and the catalog codes are shared."""

    def __init__(self, rows: Rows, catalog: Catalog, rng: random.Random, today: date) -> None:
        self.rows = rows
        self.rng = rng
        self.today = today
        self.kinds = [kind.code for kind in catalog.conversation_kinds]
        self.media = [medium.code for medium in catalog.media]
        self.domains = [domain.code for domain in catalog.life_domains]

    def write(self, clients: int, conversations: int) -> list[Resident]:
        """``clients`` residents with ``conversations`` conversations among them, unevenly spread."""
        rng = self.rng
        # Spread the conversations unevenly, as in real caseloads: some residents have many.
        weights = [rng.paretovariate(1.5) for _ in range(clients)]
        residents = []
        for count in spread(conversations, weights):
            resident, client_domains = self._resident(count)
            residents.append(resident)
            span = max(1, (resident.last_day - resident.first_contact).days)
            for number in range(count):
                held_on = resident.first_contact + timedelta(days=0 if number == 0 else rng.randint(1, span))
                self._conversation(resident.id, held_on, client_domains, first=number == 0)
        return residents

    def _resident(self, count: int) -> tuple[Resident, list[str]]:
        """One resident with details, network, consent and help questions; also their areas of life."""
        rng, today = self.rng, self.today
        first_contact = today - timedelta(days=rng.randint(max(40, count * 3), max(90, count * 9)))
        closed_on = today - timedelta(days=rng.randint(1, 30)) if rng.random() < 0.15 else None
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        phone = f"06-{rng.randint(10000000, 99999999)}"
        address = f"{rng.choice(STREETS)} {rng.randint(1, 180)}"
        municipality = rng.choice(MUNICIPALITIES)
        client_domains = rng.sample(self.domains, rng.randint(1, 4))
        network = tuple(
            NetworkMember(rng.choice(FIRST_NAMES), rng.choice(ROLES), f"06-{rng.randint(10000000, 99999999)}")
            for _ in range(rng.randint(0, 3))
        )
        consent = Consent(
            given_on=first_contact,
            may_record="Gespreksverslagen, afspraken en de stappen die we zetten.",
            share_with=rng.choice(("Niemand zonder overleg", "Gemeente (Wmo-consulent)", "Huisarts en gemeente")),
            valid_until=first_contact + timedelta(days=365),
        )
        details = ClientInput(
            name=name,
            phone=phone,
            address=address,
            municipality=municipality,
            first_contact=first_contact,
            life_domains=tuple(client_domains),
            network=network,
            consent=consent,
        )
        client_id = self.rows.client(details, closed_on, "" if closed_on is None else "Hulpvraag beantwoord")
        questions = tuple(
            self.rows.help_question(
                client_id,
                HelpQuestionInput(
                    recorded_on=first_contact + timedelta(days=version * 14),
                    asked=rng.choice(ASKED),
                    really_wants=rng.choice(WANTS) if version else "",
                ),
            )
            for version in range(rng.randint(1, 3))
        )
        resident = Resident(
            client_id, name, municipality, first_contact, closed_on or today, closed_on is None, questions
        )
        return resident, client_domains

    def _conversation(self, client_id: int, held_on: date, client_domains: list[str], *, first: bool) -> None:
        """One conversation (the first meeting, or a kind at random), now and then with an agreement made in it."""
        rng = self.rng
        start_time = time(rng.randint(8, 17), rng.choice((0, 15, 30, 45)))
        duration = rng.choice((15, 30, 45, 60, 90))
        kind = "first_meeting" if first else rng.choice(self.kinds)
        medium = rng.choice(self.media)
        contact_made = rng.random() > 0.05
        notes = " ".join(rng.sample(SENTENCES, rng.randint(3, 7)))
        conversation_id = self.rows.conversation(
            ConversationInput(
                client_id=client_id,
                held_on=held_on,
                kind=kind,
                medium=medium,
                start_time=start_time,
                duration_minutes=duration,
                contact_made=contact_made,
                participants="Inwoner en cliëntondersteuner",
                life_domains=tuple(rng.sample(client_domains, rng.randint(1, len(client_domains)))),
                notes=notes,
            )
        )
        if rng.random() < 0.3:
            who, what = rng.choice(AGREEMENTS)
            due = held_on + timedelta(days=rng.randint(3, 28))
            done_on = due - timedelta(days=1) if due < self.today and rng.random() < 0.8 else None
            self.rows.agreement(AgreementInput(client_id, what, who, due, conversation_id), held_on, done_on)


def spread(total: int, weights: list[float]) -> list[int]:
    """Divide ``total`` over the weights in whole numbers; everyone gets at least one if possible."""
    base = 1 if total >= len(weights) else 0
    rest = total - base * len(weights)
    scale = sum(weights)
    counts = [base + int(rest * w / scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % len(counts)] += 1
    return counts
