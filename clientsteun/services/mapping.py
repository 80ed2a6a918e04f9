"""Rows to domain values, so no live ORM object leaves the services."""

from __future__ import annotations

from clientsteun.domain.meetings import (
    Answer,
    Companion,
    CompanionRole,
    Meeting,
    MeetingInput,
    Preparation,
    PreparationQuestion,
)
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
from clientsteun.domain.routes import (
    AttachmentInfo,
    Evidence,
    EvidenceInput,
    LinkKind,
    Outcome,
    ReversedTest,
    Route,
    RouteInput,
    RouteLink,
    Signal,
    SignalInput,
    Step,
    StepInput,
    StepState,
)
from clientsteun.services.sheet_keys import sheet_keys
from clientsteun.store.tables import (
    AgreementRow,
    ClientRow,
    ConsentRow,
    ConversationRow,
    EvidenceRow,
    HelpQuestionRow,
    MeetingRow,
    PreparationRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)


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
        consent=None if consent is None else consent_value(consent),
    )
    return Client(row.id, details, ClientStatus(row.status), row.closed_on, row.close_reason)


def consent_value(row: ConsentRow) -> Consent:
    return Consent(row.given_on, row.may_record, row.share_with, row.valid_until, row.withdrawn_on)


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


def route(row: RouteRow, links: tuple[RouteLink, ...] = (), *, efforts: bool = True) -> Route:
    """``efforts=False`` leaves the evidence and documents out, unread: for a list of where routes stand."""
    data = RouteInput(
        client_id=row.client_id,
        kind=row.kind,
        title=row.title,
        help_question_id=row.help_question_id,
        life_domain=row.life_domain,
        organisation=row.organisation,
        contact=row.contact,
        reference=row.reference,
        circumstances=tuple(c.code for c in row.circumstances),
        reversed_test=ReversedTest(
            row.wanted_effect, row.own_strength, row.network, row.paying_self, row.general_facility, row.legal_basis
        ),
    )
    return Route(
        id=row.id,
        data=data,
        steps=tuple(step(s) for s in row.steps),
        evidence=tuple(evidence(e) for e in row.evidence) if efforts else (),
        documents={d.code: d.collected_on for d in row.documents} if efforts else {},
        links=links,
    )


def step(row: RouteStepRow) -> Step:
    outcome = Outcome(row.outcome) if row.outcome else None
    data = StepInput(
        row.route_id, row.on, row.kind, StepState(row.state), outcome, row.reason, row.note,
        sent_on=row.sent_on, received_on=row.received_on, new_due_on=row.new_due_on,
    )  # fmt: skip
    return Step(row.id, data)


def evidence(row: EvidenceRow) -> Evidence:
    file = row.attachment
    info = None if file is None else AttachmentInfo(file.file_name, file.media_type, file.size)
    return Evidence(row.id, EvidenceInput(row.route_id, row.on, row.description), info)


def link(row: RouteLinkRow) -> RouteLink:
    return RouteLink(row.id, row.from_route_id, row.to_route_id, LinkKind(row.kind))


def signal(row: SignalRow) -> Signal:
    data = SignalInput(
        client_id=row.client_id,
        on=row.on,
        theme=row.theme,
        description=row.description,
        route_id=row.route_id,
        organisation=row.organisation,
        municipality=row.municipality,
        shareable=row.shareable,
    )
    return Signal(row.id, data)


def meeting(row: MeetingRow) -> Meeting:
    data = MeetingInput(
        client_id=row.client_id,
        on=row.on,
        kind=row.kind,
        start_time=row.start_time,
        place=row.place,
        organisation=row.organisation,
        consulent=row.consulent,
        route_ids=tuple(link.route_id for link in row.routes),
        companions=tuple(Companion(_companion_role(c.role), c.name) for c in row.companions),
        step_id=row.step_id,
    )
    return Meeting(row.id, data, row.conversation_id, row.report_received_on, bool(row.report_checked))


def preparation(row: PreparationRow) -> Preparation:
    known = {answer.value: answer for answer in Answer}
    return Preparation(
        id=row.id,
        client_id=row.client_id,
        meeting_id=row.meeting_id,
        answers={known[a.code]: a.text for a in row.answers if a.code in known},
        questions=tuple(PreparationQuestion(q.id, q.text) for q in row.questions),
        hidden=sheet_keys(row),
        updated_at=row.updated_at,
    )


def _companion_role(value: str) -> CompanionRole:
    """A stored role; one this version does not know reads as "someone else"."""
    try:
        return CompanionRole(value)
    except ValueError:
        return CompanionRole.OTHER
