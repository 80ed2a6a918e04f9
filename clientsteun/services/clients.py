"""Residents: the list, the dossier, details, consent, the help question, closing and deleting."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from clientsteun.domain import rights
from clientsteun.domain.changes import Area
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import (
    Agreement,
    Client,
    ClientInput,
    ClientStatus,
    ClientSummary,
    ConversationLine,
    Dossier,
    HelpQuestion,
    HelpQuestionInput,
)
from clientsteun.domain.rights import NoteKind
from clientsteun.domain.timeline import NOTE_HEAD, build_timeline, first_line
from clientsteun.services import mapping
from clientsteun.services.base import Service, get_row
from clientsteun.store.tables import (
    AgreementRow,
    ClientLifeDomainRow,
    ClientRow,
    ConsentRow,
    ConversationRow,
    DossierNoteRow,
    HelpQuestionRow,
    NetworkMemberRow,
)

# What a change to a resident's details, status, conversations or agreements can make stale.
RESIDENT_CHANGE = Area.RESIDENTS | Area.DETAILS | Area.AGENDA


def note_correction(session: Session, client_id: int, what: str | None, on: date, at: datetime) -> Area:
    """Within a save's transaction: the dated note that the record was corrected at the resident's request
    (AVG art. 16), naming ``what`` was corrected, never the old values; ``what`` None: not at their request,
    no note.  Returns what the note makes stale (the dossier's notes and the timeline), or nothing."""
    if what is None:
        return Area.NONE
    session.add(
        DossierNoteRow(
            client_id=client_id, kind=NoteKind.CORRECTION.value, on=on, text=rights.correction_text(what),
            recorded_at=at,
        )
    )  # fmt: skip
    return Area.DETAILS | Area.CONVERSATIONS


class ClientService(Service):
    def list_clients(self) -> list[ClientSummary]:
        """Every resident with the date of the last conversation and open/overdue agreements."""
        with self._db.transaction() as session:
            return [_summary(row) for row in session.execute(self._summaries())]

    def list_row(self, client_id: int) -> ClientSummary | None:
        """One resident's row of the list as ``list_clients`` gives it, or None when they are gone."""
        with self._db.transaction() as session:
            row = session.execute(self._summaries().where(ClientRow.id == client_id)).first()
            return None if row is None else _summary(row)

    def _summaries(self) -> Select[tuple[int, str, str, str, str, date | None, int | None, int | None]]:
        today = self.today()
        last_contact = (
            select(ConversationRow.client_id, func.max(ConversationRow.held_on).label("last"))
            .group_by(ConversationRow.client_id)
            .subquery()
        )
        open_agreements = (
            select(
                AgreementRow.client_id,
                func.count().label("open"),
                func.sum(case((AgreementRow.due_on < today, 1), else_=0)).label("overdue"),
            )
            .where(AgreementRow.done_on.is_(None))
            .group_by(AgreementRow.client_id)
            .subquery()
        )
        return (
            select(
                ClientRow.id,
                ClientRow.name,
                ClientRow.alias,
                ClientRow.municipality,
                ClientRow.status,
                last_contact.c.last,
                open_agreements.c.open,
                open_agreements.c.overdue,
            )
            .outerjoin(last_contact, last_contact.c.client_id == ClientRow.id)
            .outerjoin(open_agreements, open_agreements.c.client_id == ClientRow.id)
            .order_by(last_contact.c.last.desc().nulls_last(), ClientRow.id)
        )

    def get_client(self, client_id: int) -> Client:
        with self._db.transaction() as session:
            return mapping.client(get_row(session, ClientRow, client_id))

    def get_dossier(self, client_id: int) -> Dossier:
        """Everything recorded about a resident, every note in full (the screen reads ``DossierService.open``)."""
        with self._db.transaction() as session:
            client = mapping.client(get_row(session, ClientRow, client_id))
            questions = read_help_questions(session, client_id)
            conversations = tuple(
                mapping.conversation(row)
                for row in session.scalars(
                    select(ConversationRow)
                    .where(ConversationRow.client_id == client_id)
                    .options(selectinload(ConversationRow.life_domains))
                    .order_by(ConversationRow.held_on.desc(), ConversationRow.id.desc())
                )
            )
            agreements = read_agreements(session, client_id)
        timeline = build_timeline(client, questions, conversations, agreements)
        return Dossier(client, questions, conversations, agreements, timeline)

    def help_questions(self, client_id: int) -> tuple[HelpQuestion, ...]:
        """The versions of the resident's help question, newest first."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            return read_help_questions(session, client_id)

    def has_conversations(self, client_id: int) -> bool:
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            return bool(session.scalar(select(exists().where(ConversationRow.client_id == client_id))))

    def create_client(self, details: ClientInput) -> Client:
        details = details.validated()
        now = self.now()
        with self._db.transaction() as session:
            row = ClientRow(status=ClientStatus.OPEN.value, close_reason="", created_at=now, updated_at=now)
            self._apply(session, row, details)
            session.add(row)
            session.flush()
            client = mapping.client(row)
        self._announce(Area.RESIDENTS | Area.DETAILS, client.id)
        return client

    def update_client(self, client_id: int, details: ClientInput, *, at_request: bool = False) -> Client:
        """Save the details; ``at_request``: corrected at the resident's request (AVG art. 16), which leaves
        a dated note naming the fields, never their old values, in the same transaction."""
        details = details.validated()
        with self._db.transaction() as session:
            row = get_row(session, ClientRow, client_id)
            moved = row.municipality != details.municipality  # a by-law's term is the municipality's
            changed = ", ".join(rights.changed_fields(mapping.client(row).details, details)) if at_request else None
            noted = note_correction(session, client_id, changed, self.today(), self.now())
            self._apply(session, row, details)
            row.updated_at = self.now()
            session.flush()
            client = mapping.client(row)
        self._announce(RESIDENT_CHANGE | noted | (Area.ROUTES | Area.ROUTE if moved else Area.NONE), client_id)
        return client

    def _apply(self, session: Session, row: ClientRow, details: ClientInput) -> None:
        row.name = details.name
        row.alias = details.alias
        row.phone = details.phone
        row.email = details.email
        row.address = details.address
        row.municipality = details.municipality
        row.first_contact = details.first_contact
        current = {domain.code: domain for domain in row.life_domains}
        row.life_domains = [current.get(code) or ClientLifeDomainRow(code=code) for code in details.life_domains]
        row.network = [
            NetworkMemberRow(position=position, name=m.name, role=m.role, phone=m.phone)
            for position, m in enumerate(details.network)
        ]
        latest = mapping.client(row).details.consent if row.consents else None
        if details.consent is not None and details.consent != latest:
            # Consent is history: a change is recorded as a new consent, the old one is kept.
            c = details.consent
            row.consents.append(
                ConsentRow(
                    given_on=c.given_on,
                    may_record=c.may_record,
                    share_with=c.share_with,
                    valid_until=c.valid_until,
                    withdrawn_on=c.withdrawn_on,
                    recorded_at=self.now(),
                )
            )

    def close_client(self, client_id: int, closed_on: date, reason: str, *, finish_agreements: bool = False) -> Client:
        """Close the dossier; with ``finish_agreements`` its open agreements are done on ``closed_on``."""
        reason = reason.strip()
        if not reason:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "Vul de reden in, bijvoorbeeld: hulpvraag beantwoord, of verhuisd.")
            )
        with self._db.transaction() as session:
            row = get_row(session, ClientRow, client_id)
            if row.first_contact is not None and closed_on < row.first_contact:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "Het dossier kan niet worden gesloten vóór het eerste contact.")
                )
            row.status = ClientStatus.CLOSED.value
            row.closed_on = closed_on
            row.close_reason = reason
            row.updated_at = self.now()
            if finish_agreements:
                session.execute(
                    update(AgreementRow)
                    .where(AgreementRow.client_id == client_id, AgreementRow.done_on.is_(None))
                    .values(done_on=closed_on)
                )
            client = mapping.client(row)
        finished = Area.AGREEMENTS if finish_agreements else Area(0)
        self._announce(RESIDENT_CHANGE | finished, client_id)  # the agenda holds open dossiers only
        return client

    def reopen_client(self, client_id: int) -> Client:
        with self._db.transaction() as session:
            row = get_row(session, ClientRow, client_id)
            row.status = ClientStatus.OPEN.value
            row.closed_on = None
            row.close_reason = ""
            row.updated_at = self.now()
            client = mapping.client(row)
        self._announce(RESIDENT_CHANGE, client_id)
        return client

    def add_help_question(
        self, client_id: int, question: HelpQuestionInput, *, at_request: str | None = None
    ) -> HelpQuestion:
        """A new version of the help question; ``at_request``: what it corrects at the resident's request,
        which leaves the dated note in the same transaction (``note_correction``)."""
        question = question.validated()
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            noted = note_correction(session, client_id, at_request, self.today(), self.now())
            row = HelpQuestionRow(
                client_id=client_id,
                recorded_on=question.recorded_on,
                asked=question.asked,
                really_wants=question.really_wants,
            )
            session.add(row)
            session.flush()
            question_added = mapping.help_question(row)
        self._announce(Area.HELP_QUESTIONS | noted, client_id)
        return question_added

    def delete_help_question(self, question_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, HelpQuestionRow, question_id)
            client_id = row.client_id
            session.delete(row)
        self._announce(Area.HELP_QUESTIONS, client_id)


def _summary(row: Any) -> ClientSummary:
    return ClientSummary(
        id=row.id,
        display_name=row.alias or row.name,
        name=row.name,
        municipality=row.municipality,
        status=ClientStatus(row.status),
        last_contact=row.last,
        open_agreements=row.open or 0,
        overdue_agreements=row.overdue or 0,
    )


def read_help_questions(session: Session, client_id: int) -> tuple[HelpQuestion, ...]:
    rows = session.scalars(
        select(HelpQuestionRow)
        .where(HelpQuestionRow.client_id == client_id)
        .order_by(HelpQuestionRow.recorded_on.desc(), HelpQuestionRow.id.desc())
    )
    return tuple(mapping.help_question(row) for row in rows)


def read_agreements(session: Session, client_id: int) -> tuple[Agreement, ...]:
    """Open ones first, then by the date they are due."""
    rows = session.scalars(
        select(AgreementRow)
        .where(AgreementRow.client_id == client_id)
        .order_by(
            AgreementRow.done_on.is_not(None), AgreementRow.due_on.is_(None), AgreementRow.due_on, AgreementRow.id
        )
    )
    return tuple(mapping.agreement(row) for row in rows)


def read_conversation_lines(session: Session, client_id: int) -> tuple[ConversationLine, ...]:
    """The resident's conversations newest first, each with only the first line of its notes."""
    rows = session.execute(
        select(
            ConversationRow.id,
            ConversationRow.held_on,
            ConversationRow.kind,
            func.substr(ConversationRow.notes, 1, NOTE_HEAD),
        )
        .where(ConversationRow.client_id == client_id)
        .order_by(ConversationRow.held_on.desc(), ConversationRow.id.desc())
    )
    return tuple(ConversationLine(id_, held_on, kind, first_line(head)) for id_, held_on, kind, head in rows)
