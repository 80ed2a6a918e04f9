"""Fictional residents, conversations and agreements made through the real services."""

from __future__ import annotations

from datetime import date

from clientsteun.domain.model import (
    Agreement,
    AgreementInput,
    Client,
    ClientInput,
    Consent,
    Conversation,
    ConversationInput,
)
from clientsteun.services import Services


def add_resident(
    services: Services,
    name: str,
    municipality: str = "",
    *,
    first_contact: date | None = None,
    consent: Consent | None = None,
) -> Client:
    details = ClientInput(name=name, municipality=municipality, first_contact=first_contact, consent=consent)
    return services.clients.create_client(details)


def add_conversation(
    services: Services, client_id: int, held_on: date, notes: str = "", kind: str = "home_visit"
) -> Conversation:
    return services.conversations.save_conversation(None, ConversationInput(client_id, held_on, kind, notes=notes))


def add_agreement(
    services: Services, client_id: int, description: str, who: str = "Inwoner", due_on: date | None = None
) -> Agreement:
    return services.agreements.save_agreement(None, AgreementInput(client_id, description, who, due_on))
