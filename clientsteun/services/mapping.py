"""Rows to domain values, so no live ORM object leaves the services."""

from __future__ import annotations

from clientsteun.domain.model import (
    Agreement,
    AgreementInput,
    Client,
    ClientInput,
    ClientStatus,
    Consent,
    Conversation,
    ConversationInput,
    HelpQuestion,
    NetworkMember,
)
from clientsteun.store.tables import AgreementRow, ClientRow, ConversationRow, HelpQuestionRow


def client(row: ClientRow) -> Client:
    consent = row.consents[-1] if row.consents else None
    details = ClientInput(
        name=row.name,
        alias=row.alias,
        phone=row.phone,
        email=row.email,
        address=row.address,
        municipality=row.municipality,
        first_contact=row.first_contact,
        life_domains=tuple(sorted(domain.code for domain in row.life_domains)),  # as when loaded
        network=tuple(NetworkMember(m.name, m.role, m.phone) for m in row.network),
        consent=None
        if consent is None
        else Consent(
            consent.given_on, consent.may_record, consent.share_with, consent.valid_until, consent.withdrawn_on
        ),
    )
    return Client(row.id, details, ClientStatus(row.status), row.closed_on, row.close_reason)


def help_question(row: HelpQuestionRow) -> HelpQuestion:
    return HelpQuestion(row.id, row.client_id, row.recorded_on, row.asked, row.really_wants)


def conversation(row: ConversationRow) -> Conversation:
    data = ConversationInput(
        client_id=row.client_id,
        held_on=row.held_on,
        kind=row.kind,
        medium=row.medium,
        start_time=row.start_time,
        duration_minutes=row.duration_minutes,
        contact_made=row.contact_made,
        participants=row.participants,
        life_domains=tuple(sorted(domain.code for domain in row.life_domains)),  # as when loaded
        notes=row.notes,
    )
    return Conversation(row.id, data, row.updated_at)


def agreement(row: AgreementRow) -> Agreement:
    data = AgreementInput(row.client_id, row.description, row.who, row.due_on, row.conversation_id)
    return Agreement(row.id, data, row.created_on, row.done_on)
