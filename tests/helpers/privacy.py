"""A generated resident whose every free field holds identifying words, for the erasure and anonymisation proofs."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date

from clientsteun.domain.model import ClientInput, ConversationInput, HelpQuestionInput, NetworkMember
from clientsteun.domain.routes import EvidenceInput, NewAttachment, RouteInput, SignalInput, StepInput
from clientsteun.services import Services


def _word(rng: random.Random, prefix: str) -> str:
    """A made-up word that occurs nowhere else (so finding it in a page can only mean this resident)."""
    return prefix + "".join(rng.choice(string.ascii_lowercase) for _ in range(10))


@dataclass(frozen=True)
class Identifying:
    """The identifying strings of one generated resident, by where they were typed."""

    words: dict[str, str]

    @property
    def all(self) -> tuple[str, ...]:
        return tuple(self.words.values())


def make_resident(services: Services, seed: int, *, municipality: str = "Utrecht") -> tuple[int, Identifying]:
    """A resident with a name, alias, contact details, network, help question, conversation notes, a
    draft, a route with reference and contact, a step note, evidence with an attached file and a signal,
    each carrying its own made-up word."""
    rng = random.Random(seed)
    fields = (
        "name alias phone email address network help notes participants draft title organisation contact "
        "reference step evidence file_name file signal"
    )
    words = {field: _word(rng, field[:3]) for field in fields.split()}
    client = services.clients.create_client(
        ClientInput(
            name=f"Anna {words['name']}",
            alias=words["alias"],
            phone=words["phone"],
            email=f"{words['email']}@voorbeeld.nl",
            address=f"{words['address']}straat 4",
            municipality=municipality,
            first_contact=date(2026, 3, 17),
            life_domains=("housing", "finances"),
            network=(NetworkMember(f"Bram {words['network']}", "broer"),),
        )
    )
    services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 3, 17), f"Hulp bij {words['help']}"))
    talk = ConversationInput(
        client.id,
        date(2026, 3, 20),
        "home_visit",
        participants=words["participants"],
        notes=f"Besproken {words['notes']}.",
    )
    conversation = services.conversations.save_conversation(None, talk)
    services.conversations.save_draft(
        None, conversation.id, talk.__class__(**{**talk.__dict__, "notes": words["draft"]})
    )
    route = services.routes.save_route(
        None,
        RouteInput(
            client.id, "social_assistance", words["title"], organisation=words["organisation"],
            contact=words["contact"], reference=words["reference"], life_domain="finances",
        ),
    )  # fmt: skip
    services.routes.save_step(None, StepInput(route.id, date(2026, 3, 24), "applied", note=words["step"]))
    services.routes.save_evidence(
        None,
        EvidenceInput(route.id, date(2026, 3, 25), f"Brief {words['evidence']}"),
        NewAttachment(f"{words['file_name']}.pdf", "application/pdf", f"%PDF-1.4 {words['file']} %%EOF".encode()),
    )
    services.routes.save_signal(
        None,
        SignalInput(
            client.id, date(2026, 3, 26), "waiting_list", f"Wachtlijst {words['signal']}", route.id, shareable=True
        ),
    )
    return client.id, Identifying(words)
