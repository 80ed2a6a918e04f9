"""All tables, in one place."""

from __future__ import annotations

import uuid as uuids
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _fk(target: str) -> Mapped[int]:
    return mapped_column(ForeignKey(target, ondelete="CASCADE"), index=True)


def new_uuid() -> str:
    return str(uuids.uuid4())


def _uuid() -> Mapped[str]:
    """A random UUID that names a resident or a record everywhere (revision 0007), given at insert."""
    return mapped_column(String(36), default=new_uuid, index=True, unique=True)


class ClientRow(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    name: Mapped[str] = mapped_column(String(200))
    alias: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str] = mapped_column(String(500), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    municipality: Mapped[str] = mapped_column(String(500), default="", index=True)
    first_contact: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default="open")
    closed_on: Mapped[date | None]
    close_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    life_domains: Mapped[list[ClientLifeDomainRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ClientLifeDomainRow.code"
    )
    network: Mapped[list[NetworkMemberRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="NetworkMemberRow.position"
    )
    consents: Mapped[list[ConsentRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ConsentRow.id"
    )


class ClientLifeDomainRow(Base):
    __tablename__ = "client_life_domains"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(100), primary_key=True)


class NetworkMemberRow(Base):
    __tablename__ = "network_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(500), default="")


class ConsentRow(Base):
    """Every consent given is kept; the newest one is the one in force."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    given_on: Mapped[date]
    may_record: Mapped[str] = mapped_column(Text, default="")
    share_with: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[date | None]
    withdrawn_on: Mapped[date | None]
    recorded_at: Mapped[datetime]


class HelpQuestionRow(Base):
    __tablename__ = "help_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    recorded_on: Mapped[date]
    asked: Mapped[str] = mapped_column(Text, default="")
    really_wants: Mapped[str] = mapped_column(Text, default="")


class ConversationRow(Base):
    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_client_held", "client_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    held_on: Mapped[date]
    start_time: Mapped[time | None]
    duration_minutes: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(100))
    medium: Mapped[str] = mapped_column(String(100), default="")
    contact_made: Mapped[bool] = mapped_column(default=True)
    participants: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    life_domains: Mapped[list[ConversationLifeDomainRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ConversationLifeDomainRow.code"
    )


class ConversationLifeDomainRow(Base):
    __tablename__ = "conversation_life_domains"

    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(100), primary_key=True)


class AgreementRow(Base):
    __tablename__ = "agreements"
    __table_args__ = (Index("ix_agreements_client_done", "client_id", "done_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(500))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]
    created_on: Mapped[date]


class DraftRow(Base):
    """Unsaved typing in a conversation form (the whole form, as JSON)."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = _fk("clients.id")
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    payload: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime]


class RouteRow(Base):
    """A route tried for a resident; its kind is a code of the route catalog."""

    __tablename__ = "routes"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    kind: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(500))
    help_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("help_questions.id", ondelete="SET NULL"), index=True
    )
    life_domain: Mapped[str] = mapped_column(String(100), default="")
    organisation: Mapped[str] = mapped_column(String(500), default="")
    contact: Mapped[str] = mapped_column(String(500), default="")
    reference: Mapped[str] = mapped_column(String(500), default="")
    # The reversed test (Omgekeerde Toets)
    wanted_effect: Mapped[str] = mapped_column(Text, default="")
    own_strength: Mapped[str] = mapped_column(Text, default="")
    network: Mapped[str] = mapped_column(Text, default="")
    paying_self: Mapped[str] = mapped_column(Text, default="")
    general_facility: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    circumstances: Mapped[list[RouteCircumstanceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="RouteCircumstanceRow.code"
    )
    steps: Mapped[list[RouteStepRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="[RouteStepRow.on, RouteStepRow.id]"
    )
    evidence: Mapped[list[EvidenceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="[EvidenceRow.on, EvidenceRow.id]"
    )
    documents: Mapped[list[RouteDocumentRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="RouteDocumentRow.code"
    )


class RouteCircumstanceRow(Base):
    __tablename__ = "route_circumstances"

    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(100), primary_key=True)


class RouteStepRow(Base):
    __tablename__ = "route_steps"
    __table_args__ = (Index("ix_route_steps_route_on", "route_id", "on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"))
    on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), default="done")
    outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    sent_on: Mapped[date | None]  # a letter sent on another day than its date
    received_on: Mapped[date | None]
    new_due_on: Mapped[date | None]  # the date a letter names: a new term, an agreed delay, a reply-by date


class EvidenceRow(Base):
    """One dated effort on a route; a file with it lives in ``attachments``."""

    __tablename__ = "route_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    route_id: Mapped[int] = _fk("routes.id")
    on: Mapped[date]
    description: Mapped[str] = mapped_column(Text)

    attachment: Mapped[AttachmentRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="joined", innerjoin=False,
        back_populates="evidence",
    )  # fmt: skip


class AttachmentRow(Base):
    """A file (a scan of a letter) inside the encrypted database; ``data`` loads only when asked."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    evidence_id: Mapped[int] = mapped_column(ForeignKey("route_evidence.id", ondelete="CASCADE"), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    evidence: Mapped[EvidenceRow] = relationship(back_populates="attachment")


class RouteDocumentRow(Base):
    """A document of the route's checklist that has been collected."""

    __tablename__ = "route_documents"

    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    collected_on: Mapped[date]


class RouteLinkRow(Base):
    __tablename__ = "route_links"
    __table_args__ = (UniqueConstraint("from_route_id", "to_route_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    from_route_id: Mapped[int] = _fk("routes.id")
    to_route_id: Mapped[int] = _fk("routes.id")
    kind: Mapped[str] = mapped_column(String(20))


class SignalRow(Base):
    __tablename__ = "signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    route_id: Mapped[int | None] = mapped_column(ForeignKey("routes.id", ondelete="SET NULL"), index=True)
    on: Mapped[date]
    theme: Mapped[str] = mapped_column(String(100))
    organisation: Mapped[str] = mapped_column(String(500), default="")
    municipality: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text)
    shareable: Mapped[bool] = mapped_column(default=False)


class AuditEntryRow(Base):
    """One line of the audit log: append-only (triggers refuse changes), each line hashing the previous."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(40))
    client_id: Mapped[int | None] = mapped_column(index=True)  # no foreign key: outlives an erased resident
    user: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(String(200), default="")
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class DatabaseIdentityRow(Base):
    """The one row that names this database: a random id made with it, also in its key file."""

    __tablename__ = "database_identity"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    database_id: Mapped[str] = mapped_column(String(32))


class MeetingRow(Base):
    """A meeting with an organisation; ``step_id`` when a planned route step is the same event."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_client_on", "client_id", "on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    on: Mapped[date]
    start_time: Mapped[time | None]
    kind: Mapped[str] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(500), default="")
    organisation: Mapped[str] = mapped_column(String(500), default="")
    consulent: Mapped[str] = mapped_column(String(500), default="")
    step_id: Mapped[int | None] = mapped_column(ForeignKey("route_steps.id", ondelete="SET NULL"), unique=True)
    # The conversation record made when it was held.
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), unique=True
    )
    report_received_on: Mapped[date | None]
    report_checked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    routes: Mapped[list[MeetingRouteRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MeetingRouteRow.route_id"
    )
    companions: Mapped[list[MeetingCompanionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MeetingCompanionRow.position"
    )


class MeetingRouteRow(Base):
    __tablename__ = "meeting_routes"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"), primary_key=True, index=True)


class MeetingCompanionRow(Base):
    """Someone who comes along: a supporter, an experience expert, an interpreter, family."""

    __tablename__ = "meeting_companions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    meeting_id: Mapped[int] = _fk("meetings.id")
    position: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(500), default="")


class PreparationRow(Base):
    """A resident's preparation, for one meeting or (no meeting) in general; saved answer by answer."""

    __tablename__ = "preparations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    updated_at: Mapped[datetime]

    answers: Mapped[list[PreparationAnswerRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PreparationAnswerRow.code"
    )
    questions: Mapped[list[PreparationQuestionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True,
        order_by="[PreparationQuestionRow.position, PreparationQuestionRow.id]",
    )  # fmt: skip
    hidden: Mapped[list[PreparationHiddenRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PreparationHiddenRow.key"
    )


class PreparationAnswerRow(Base):
    __tablename__ = "preparation_answers"

    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class PreparationQuestionRow(Base):
    """One of the resident's own questions for the meeting."""

    __tablename__ = "preparation_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    preparation_id: Mapped[int] = _fk("preparations.id")
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text, default="")


class PreparationHiddenRow(Base):
    """Something the resident decided is not on the printed sheet (a key of ``domain.meetings``)."""

    __tablename__ = "preparation_hidden"

    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)


class RightsRequestRow(Base):
    """A request of the resident under the AVG (access, correction, erasure, a copy) and its answer."""

    __tablename__ = "rights_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    kind: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date]
    extended_until: Mapped[date | None]
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]


class DossierNoteRow(Base):
    """A dated note of the dossier itself: a correction made at the resident's request (never the old
    value), or the resident's own statement (AVG art. 16)."""

    __tablename__ = "dossier_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid()
    client_id: Mapped[int] = _fk("clients.id")
    kind: Mapped[str] = mapped_column(String(20))
    on: Mapped[date]
    text: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]
