"""The demo's records: each one validated as the services validate it, then all written in bulk.

The services take a ``ClientInput``, ``ConversationInput``, ``RouteInput``, ... and call its
``validated()`` before they write; here every record the demo makes goes through that same
``validated()``, and what is written is the validated value.  Only the writing differs: a service
writes one record per transaction, and 200,000 conversations written that way would take far too
long, so the demo collects the rows and inserts them per table in one transaction.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sqlalchemy import func, insert, select

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.meetings import Answer, MeetingInput
from clientsteun.domain.model import (
    AgreementInput,
    ClientInput,
    ClientStatus,
    ConversationInput,
    HelpQuestionInput,
)
from clientsteun.domain.routes import (
    EvidenceInput,
    LinkKind,
    NewAttachment,
    RouteInput,
    SignalInput,
    StepInput,
)
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    AttachmentRow,
    Base,
    ClientLifeDomainRow,
    ClientRow,
    ConsentRow,
    ConversationLifeDomainRow,
    ConversationRow,
    EvidenceRow,
    HelpQuestionRow,
    MeetingCompanionRow,
    MeetingRouteRow,
    MeetingRow,
    NetworkMemberRow,
    PreparationAnswerRow,
    PreparationQuestionRow,
    PreparationRow,
    RouteCircumstanceRow,
    RouteDocumentRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)

Values = dict[str, object]

# In the order they are inserted: a row's table comes after the tables it refers to.
TABLES: tuple[type[Base], ...] = (
    ClientRow, ClientLifeDomainRow, NetworkMemberRow, ConsentRow, HelpQuestionRow,
    ConversationRow, ConversationLifeDomainRow, AgreementRow,
    RouteRow, RouteCircumstanceRow, RouteStepRow, EvidenceRow, AttachmentRow,
    RouteDocumentRow, RouteLinkRow, SignalRow,
    MeetingRow, MeetingRouteRow, MeetingCompanionRow, PreparationRow, PreparationAnswerRow, PreparationQuestionRow,
)  # fmt: skip


class Rows:
    """The rows of every table, added record by record; each method returns the new record's id."""

    def __init__(self, stamp: datetime) -> None:
        self.stamp = stamp  # when the demo residents and conversations were recorded in the app
        self.tables: dict[type[Base], list[Values]] = {table: [] for table in TABLES}

    def count(self, table: type[Base]) -> int:
        return len(self.tables[table])

    def _add(self, table: type[Base], values: Values) -> int:
        rows = self.tables[table]
        rows.append({"id": len(rows) + 1, **values})
        return len(rows)

    # -- residents -------------------------------------------------------------------------------

    def client(self, details: ClientInput, closed_on: date | None = None, close_reason: str = "") -> int:
        details = details.validated()
        client_id = self._add(
            ClientRow,
            {
                "name": details.name,
                "alias": details.alias,
                "phone": details.phone,
                "email": details.email,
                "address": details.address,
                "municipality": details.municipality,
                "first_contact": details.first_contact,
                "status": (ClientStatus.OPEN if closed_on is None else ClientStatus.CLOSED).value,
                "closed_on": closed_on,
                "close_reason": close_reason,
                "created_at": self.stamp,
                "updated_at": self.stamp,
            },
        )
        self.tables[ClientLifeDomainRow].extend({"client_id": client_id, "code": code} for code in details.life_domains)
        self.tables[NetworkMemberRow].extend(
            {"client_id": client_id, "position": position, "name": m.name, "role": m.role, "phone": m.phone}
            for position, m in enumerate(details.network)
        )
        consent = details.consent
        if consent is not None:
            self.tables[ConsentRow].append(
                {
                    "client_id": client_id,
                    "given_on": consent.given_on,
                    "may_record": consent.may_record,
                    "share_with": consent.share_with,
                    "valid_until": consent.valid_until,
                    "withdrawn_on": consent.withdrawn_on,
                    "recorded_at": self.stamp,
                }
            )
        return client_id

    def help_question(self, client_id: int, question: HelpQuestionInput) -> int:
        question = question.validated()
        return self._add(
            HelpQuestionRow,
            {
                "client_id": client_id,
                "recorded_on": question.recorded_on,
                "asked": question.asked,
                "really_wants": question.really_wants,
            },
        )

    def conversation(self, data: ConversationInput) -> int:
        data = data.validated()
        conversation_id = self._add(
            ConversationRow,
            {
                "client_id": data.client_id,
                "held_on": data.held_on,
                "start_time": data.start_time,
                "duration_minutes": data.duration_minutes,
                "kind": data.kind,
                "medium": data.medium,
                "contact_made": data.contact_made,
                "participants": data.participants,
                "notes": data.notes,
                "created_at": self.stamp,
                "updated_at": self.stamp,
            },
        )
        self.tables[ConversationLifeDomainRow].extend(
            {"conversation_id": conversation_id, "code": code} for code in data.life_domains
        )
        return conversation_id

    def agreement(self, data: AgreementInput, created_on: date, done_on: date | None) -> None:
        data = data.validated()
        self.tables[AgreementRow].append(
            {
                "client_id": data.client_id,
                "conversation_id": data.conversation_id,
                "description": data.description,
                "who": data.who,
                "due_on": data.due_on,
                "done_on": done_on,
                "created_on": created_on,
            }
        )

    # -- routes tried ----------------------------------------------------------------------------

    def route(self, data: RouteInput, created_at: datetime) -> int:
        data = data.validated()
        test = data.reversed_test
        route_id = self._add(
            RouteRow,
            {
                "client_id": data.client_id,
                "kind": data.kind,
                "title": data.title,
                "help_question_id": data.help_question_id,
                "life_domain": data.life_domain,
                "organisation": data.organisation,
                "contact": data.contact,
                "reference": data.reference,
                "wanted_effect": test.wanted_effect,
                "own_strength": test.own_strength,
                "network": test.network,
                "paying_self": test.paying_self,
                "general_facility": test.general_facility,
                "legal_basis": test.legal_basis,
                "created_at": created_at,
                "updated_at": created_at,
            },
        )
        self.tables[RouteCircumstanceRow].extend({"route_id": route_id, "code": code} for code in data.circumstances)
        return route_id

    def step(self, data: StepInput) -> int:
        data = data.validated()
        return self._add(
            RouteStepRow,
            {
                "route_id": data.route_id,
                "on": data.on,
                "kind": data.kind,
                "state": data.state.value,
                "outcome": None if data.outcome is None else data.outcome.value,
                "reason": data.reason,
                "note": data.note,
            },
        )

    def evidence(self, data: EvidenceInput, attachment: NewAttachment | None = None) -> None:
        data = data.validated()
        evidence_id = self._add(
            EvidenceRow, {"route_id": data.route_id, "on": data.on, "description": data.description}
        )
        if attachment is not None:
            attachment = attachment.validated()
            self.tables[AttachmentRow].append(
                {
                    "evidence_id": evidence_id,
                    "file_name": attachment.file_name,
                    "media_type": attachment.media_type,
                    "size": len(attachment.data),
                    "sha256": hashlib.sha256(attachment.data).hexdigest(),
                    "data": attachment.data,
                }
            )

    def document(self, route_id: int, code: str, collected_on: date) -> None:
        self.tables[RouteDocumentRow].append({"route_id": route_id, "code": code, "collected_on": collected_on})

    def link(self, from_route: int, to_route: int, kind: LinkKind) -> None:
        self.tables[RouteLinkRow].append({"from_route_id": from_route, "to_route_id": to_route, "kind": kind.value})

    def signal(self, data: SignalInput) -> None:
        data = data.validated()
        self.tables[SignalRow].append(
            {
                "client_id": data.client_id,
                "route_id": data.route_id,
                "on": data.on,
                "theme": data.theme,
                "organisation": data.organisation,
                "municipality": data.municipality,
                "description": data.description,
                "shareable": data.shareable,
            }
        )

    # -- meetings --------------------------------------------------------------------------------

    def meeting(self, data: MeetingInput) -> int:
        data = data.validated()
        meeting_id = self._add(
            MeetingRow,
            {
                "client_id": data.client_id,
                "on": data.on,
                "start_time": data.start_time,
                "kind": data.kind,
                "place": data.place,
                "organisation": data.organisation,
                "consulent": data.consulent,
                "step_id": data.step_id,
                "conversation_id": None,
                "report_received_on": None,
                "report_checked": False,
                "created_at": self.stamp,
                "updated_at": self.stamp,
            },
        )
        self.tables[MeetingRouteRow].extend({"meeting_id": meeting_id, "route_id": r} for r in data.route_ids)
        self.tables[MeetingCompanionRow].extend(
            {"meeting_id": meeting_id, "position": position, "role": c.role.value, "name": c.name}
            for position, c in enumerate(data.companions)
        )
        return meeting_id

    def preparation(
        self, client_id: int, meeting_id: int | None, answers: dict[Answer, str], questions: tuple[str, ...]
    ) -> int:
        """A preparation as the guided screens save it: its answers and the resident's own questions."""
        preparation_id = self._add(
            PreparationRow, {"client_id": client_id, "meeting_id": meeting_id, "updated_at": self.stamp}
        )
        self.tables[PreparationAnswerRow].extend(
            {"preparation_id": preparation_id, "code": answer.value, "text": text} for answer, text in answers.items()
        )
        for position, text in enumerate(questions):
            self._add(PreparationQuestionRow, {"preparation_id": preparation_id, "position": position, "text": text})
        return preparation_id

    # -- writing ---------------------------------------------------------------------------------

    def insert_into(self, database: Database) -> None:
        """Everything in one transaction, and only into a database without residents."""
        with database.transaction() as session:
            if session.scalar(select(func.count()).select_from(ClientRow)):
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors", "Deze database bevat al inwoners. Demogegevens komen alleen in een lege database."
                    )
                )
            for table, values in self.tables.items():
                if values:
                    # Rows with and without a NULL go in one batch, not one INSERT each.
                    session.execute(insert(table).execution_options(render_nulls=True), values)
