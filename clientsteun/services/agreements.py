"""Agreements: who does what by when, and marking them done."""

from __future__ import annotations

from datetime import date

from clientsteun.domain.changes import Area
from clientsteun.domain.model import Agreement, AgreementInput
from clientsteun.services import mapping
from clientsteun.services.base import Service, get_or_add, get_row
from clientsteun.services.clients import note_correction
from clientsteun.store.tables import AgreementRow, ClientRow, ConversationRow

# The dossier's agreements, the list's count of open and overdue ones, and the agenda.
AGREEMENT_CHANGE = Area.AGREEMENTS | Area.RESIDENTS | Area.AGENDA


class AgreementService(Service):
    def save_agreement(
        self, agreement_id: int | None, data: AgreementInput, *, at_request: str | None = None
    ) -> Agreement:
        """Add (``agreement_id`` None) or change an agreement; ``at_request``: what the change corrects at the
        resident's request, which leaves the dated note in the same transaction (``note_correction``)."""
        data = data.validated()
        with self._db.transaction() as session:
            get_row(session, ClientRow, data.client_id)
            noted = note_correction(session, data.client_id, at_request, self.today(), self.now())
            if data.conversation_id is not None:  # deleted meanwhile: "not found", not "damaged"
                get_row(session, ConversationRow, data.conversation_id)
            row = get_or_add(session, AgreementRow, agreement_id, created_on=self.today())
            row.client_id = data.client_id
            row.description = data.description
            row.who = data.who
            row.due_on = data.due_on
            row.conversation_id = data.conversation_id
            session.flush()
            agreement = mapping.agreement(row)
        self._announce(AGREEMENT_CHANGE | noted, data.client_id)
        return agreement

    def set_done(self, agreement_id: int, done_on: date | None) -> Agreement:
        """Mark done on a date, or open again with None."""
        with self._db.transaction() as session:
            row = get_row(session, AgreementRow, agreement_id)
            row.done_on = done_on
            agreement = mapping.agreement(row)
        self._announce(AGREEMENT_CHANGE, agreement.data.client_id)
        return agreement

    def delete_agreement(self, agreement_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, AgreementRow, agreement_id)
            client_id = row.client_id
            session.delete(row)
        self._announce(AGREEMENT_CHANGE, client_id)
