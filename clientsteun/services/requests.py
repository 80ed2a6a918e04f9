"""The register of a resident's requests under the AVG, corrections at their request and their own statement."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Subquery, func, select
from sqlalchemy.orm import Session

from clientsteun.domain import rights
from clientsteun.domain.agenda import AgendaItem, AgendaResident
from clientsteun.domain.changes import Area
from clientsteun.domain.model import Client, ClientInput, Consent, clean_text
from clientsteun.domain.rights import DossierNote, NoteKind, RequestKind, RightsRequest, may_share
from clientsteun.services.base import Service, get_row
from clientsteun.services.clients import ClientService
from clientsteun.store.tables import ClientRow, ConsentRow, DossierNoteRow, RightsRequestRow


def _request(row: RightsRequestRow) -> RightsRequest:
    return RightsRequest(
        row.id, row.client_id, RequestKind(row.kind), row.received_on, row.extended_until, row.extension_reason,
        row.answered_on, row.note,
    )  # fmt: skip


def _note(row: DossierNoteRow) -> DossierNote:
    return DossierNote(row.id, row.client_id, NoteKind(row.kind), row.on, row.text)


def read_notes(session: Session, client_id: int) -> list[DossierNote]:
    rows = session.scalars(
        select(DossierNoteRow).where(DossierNoteRow.client_id == client_id).order_by(DossierNoteRow.id)
    ).all()
    return [_note(row) for row in rows]


def newest_consents(*where: ColumnElement[bool]) -> Subquery:
    """Each resident's newest consent, the one in force (``rights.may_share``), as the columns
    client_id, given_on, valid_until and withdrawn_on; ``where`` narrows the consents looked at (one
    resident's, say).  One lean read (no consent objects loaded) for the summaries and for sharing."""
    newest = select(func.max(ConsentRow.id).label("id")).where(*where).group_by(ConsentRow.client_id).subquery()
    return (
        select(ConsentRow.client_id, ConsentRow.given_on, ConsentRow.valid_until, ConsentRow.withdrawn_on)
        .join(newest, newest.c.id == ConsentRow.id)
        .subquery("newest_consent")
    )


def consents_of(given_on: date | None, valid_until: date | None, withdrawn_on: date | None) -> list[Consent]:
    """The newest consent read by ``newest_consents`` as ``rights.may_share`` takes it (none: [])."""
    return [Consent(given_on, valid_until=valid_until, withdrawn_on=withdrawn_on)] if given_on else []


def open_request_items(session: Session, today: date, due_soon_days: int) -> list[AgendaItem]:
    """The agenda's items for requests not yet answered, of open and closed dossiers alike (an erasure
    request often comes after closing)."""
    found = session.execute(
        select(RightsRequestRow, ClientRow.name, ClientRow.alias, ClientRow.municipality)
        .join(ClientRow)
        .where(RightsRequestRow.answered_on.is_(None))
    ).all()
    return [
        rights.request_item(
            AgendaResident(row.client_id, alias or name, municipality, (name, alias)),
            _request(row),
            today,
            due_soon_days,
        )
        for row, name, alias, municipality in found
    ]


class RequestService(Service):
    def sharing(self, client_id: int) -> str:
        """Why the resident's consent blocks sharing now ('' when it does not), to show where sharing is offered."""
        newest = newest_consents(ConsentRow.client_id == client_id)
        with self._db.transaction() as session:
            found = session.execute(select(newest.c.given_on, newest.c.valid_until, newest.c.withdrawn_on)).first()
        return may_share(consents_of(*found) if found else [], self.today()).reason

    def list_requests(self, client_id: int) -> list[RightsRequest]:
        with self._db.transaction() as session:
            rows = session.scalars(
                select(RightsRequestRow).where(RightsRequestRow.client_id == client_id).order_by(RightsRequestRow.id)
            ).all()
            return [_request(row) for row in rows]

    def add_request(self, client_id: int, kind: RequestKind, received_on: date, note: str = "") -> RightsRequest:
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            row = RightsRequestRow(
                client_id=client_id, kind=kind.value, received_on=received_on, note=clean_text(note),
                extension_reason="", recorded_at=self.now(),
            )  # fmt: skip
            session.add(row)
            session.flush()
            request = _request(row)
        self._announce(Area.AGENDA | Area.DETAILS, client_id)
        return request

    def extend_request(self, request_id: int, until: date, reason: str) -> RightsRequest:
        """Put the answer off (at most two months past the month), with the reason why."""
        with self._db.transaction() as session:
            row = get_row(session, RightsRequestRow, request_id)
            row.extension_reason = rights.check_extension(_request(row), until, reason, self.today())
            row.extended_until = until
            request = _request(row)
        self._announce(Area.AGENDA | Area.DETAILS, request.client_id)
        return request

    def answer_request(self, request_id: int, answered_on: date) -> RightsRequest:
        with self._db.transaction() as session:
            row = get_row(session, RightsRequestRow, request_id)
            row.answered_on = rights.check_answer(_request(row), answered_on)
            request = _request(row)
        self._announce(Area.AGENDA | Area.DETAILS, request.client_id)
        return request

    def notes(self, client_id: int) -> list[DossierNote]:
        with self._db.transaction() as session:
            return read_notes(session, client_id)

    def correct_details(self, client_id: int, after: ClientInput) -> Client:
        """Save the resident's details corrected at their request, with the dated note naming the fields
        (one transaction: both or neither)."""
        return ClientService(self._db, self._clock, self._changes).update_client(client_id, after, at_request=True)

    def record_correction(self, client_id: int, what: str) -> DossierNote:
        """The dated note a correction at the resident's request leaves: which field, never the old value."""
        return self._add_note(client_id, NoteKind.CORRECTION, self.today(), rights.correction_text(what))

    def add_statement(self, client_id: int, on: date, text: str) -> DossierNote:
        """The resident's own statement about what is recorded (AVG art. 16), as they gave it."""
        return self._add_note(client_id, NoteKind.STATEMENT, on, rights.statement(text))

    def _add_note(self, client_id: int, kind: NoteKind, on: date, text: str) -> DossierNote:
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            row = DossierNoteRow(client_id=client_id, kind=kind.value, on=on, text=text, recorded_at=self.now())
            session.add(row)
            session.flush()
            note = _note(row)
        self._announce(Area.DETAILS | Area.CONVERSATIONS, client_id)  # the timeline shows it
        return note
