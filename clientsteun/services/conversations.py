"""Conversations, their autosaved drafts, and searching all notes.

Drafts announce no change: nothing but the editor that wrote one shows it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clientsteun.domain.changes import Area
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import Conversation, ConversationInput, Draft, SearchHit
from clientsteun.domain.notes import MAX_NOTE_CHARS, bounded_snippet
from clientsteun.services import mapping
from clientsteun.services.base import Service, get_or_add, get_row
from clientsteun.services.clients import note_correction
from clientsteun.store.search import search_notes
from clientsteun.store.tables import ClientRow, ConversationLifeDomainRow, ConversationRow, DraftRow

# The dossier's conversations (its timeline) and the list's date of last contact.
CONVERSATION_CHANGE = Area.CONVERSATIONS | Area.RESIDENTS


class ConversationService(Service):
    def get_conversation(self, conversation_id: int) -> Conversation:
        with self._db.transaction() as session:
            return mapping.conversation(get_row(session, ConversationRow, conversation_id))

    def save_conversation(
        self, conversation_id: int | None, data: ConversationInput, *, draft_id: int | None = None,
        at_request: str | None = None,
    ) -> Conversation:  # fmt: skip
        """Add (``conversation_id`` None) or change a conversation; its draft goes in the same step, and so,
        with ``at_request`` (what the change corrects at the resident's request), does the dated note
        (``note_correction``)."""
        data = data.validated()
        now = self.now()
        with self._db.transaction() as session:
            row = write_conversation(session, conversation_id, data, now)
            noted = note_correction(session, data.client_id, at_request, self.today(), now)
            if draft_id is not None:
                _delete_draft(session, draft_id)
            session.flush()
            # Any other unsaved version of this conversation is now older than what is saved.
            session.execute(delete(DraftRow).where(DraftRow.conversation_id == row.id))
            conversation = mapping.conversation(row)
        self._announce(CONVERSATION_CHANGE | noted, data.client_id)
        return conversation

    def delete_conversation(self, conversation_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, ConversationRow, conversation_id)
            client_id = row.client_id
            session.delete(row)
        # Agreements made in it lose the link; a meeting held in it is open again (in the agenda).
        self._announce(CONVERSATION_CHANGE | Area.AGREEMENTS | Area.MEETINGS | Area.AGENDA, client_id)

    def save_draft(self, draft_id: int | None, conversation_id: int | None, data: ConversationInput) -> int:
        """Store what is typed so far (not validated: a draft may be half-finished)."""
        with self._db.transaction() as session:
            _check_length(session, conversation_id, data.notes)  # a draft that could never be saved is refused
            row = session.get(DraftRow, draft_id) if draft_id is not None else None
            if row is None:
                # Deleted meanwhile: "not found", not the foreign key error read as "damaged".
                get_row(session, ClientRow, data.client_id)
                if conversation_id is not None:
                    get_row(session, ConversationRow, conversation_id)
                row = DraftRow(client_id=data.client_id, conversation_id=conversation_id)
                session.add(row)
            row.payload = json.dumps(_to_json(data), ensure_ascii=False)
            row.saved_at = self.now()
            session.flush()
            return row.id

    def discard_draft(self, draft_id: int) -> None:
        with self._db.transaction() as session:
            _delete_draft(session, draft_id)

    def draft_of(self, conversation_id: int) -> Draft | None:
        """The newest unsaved version of a saved conversation, if one was kept."""
        with self._db.transaction() as session:
            row = session.scalars(
                select(DraftRow)
                .where(DraftRow.conversation_id == conversation_id)
                .order_by(DraftRow.saved_at.desc(), DraftRow.id.desc())
                .limit(1)
            ).first()
            return None if row is None else _draft(row)

    def list_drafts(self) -> list[Draft]:
        """Drafts left behind by a crash or a forced quit, newest first."""
        with self._db.transaction() as session:
            rows = session.scalars(select(DraftRow).order_by(DraftRow.saved_at.desc(), DraftRow.id.desc()))
            return [_draft(row) for row in rows]

    def search(self, query: str) -> list[SearchHit]:
        """The conversations whose notes match, each with a fragment of bounded length."""
        with self._db.transaction() as session:
            hits = search_notes(session, query)
        return [replace(hit, snippet=bounded_snippet(hit.snippet)) for hit in hits]


def write_conversation(
    session: Session, conversation_id: int | None, data: ConversationInput, now: datetime
) -> ConversationRow:
    """Add (``conversation_id`` None) or change a conversation row from validated ``data``."""
    get_row(session, ClientRow, data.client_id)
    _check_length(session, conversation_id, data.notes)
    row = get_or_add(session, ConversationRow, conversation_id, created_at=now)
    row.client_id = data.client_id
    row.held_on = data.held_on
    row.start_time = data.start_time
    row.duration_minutes = data.duration_minutes
    row.kind = data.kind
    row.medium = data.medium
    row.contact_made = data.contact_made
    row.participants = data.participants
    row.notes = data.notes
    row.updated_at = now
    current = {domain.code: domain for domain in row.life_domains}
    row.life_domains = [current.get(code) or ConversationLifeDomainRow(code=code) for code in data.life_domains]
    return row


def _draft(row: DraftRow) -> Draft:
    return Draft(row.id, row.conversation_id, _from_json(json.loads(row.payload)), row.saved_at)


def _delete_draft(session: Session, draft_id: int) -> None:
    row = session.get(DraftRow, draft_id)
    if row is not None:
        session.delete(row)


def _to_json(data: ConversationInput) -> dict[str, Any]:
    return {
        "client_id": data.client_id,
        "held_on": data.held_on.isoformat(),
        "kind": data.kind,
        "medium": data.medium,
        "start_time": None if data.start_time is None else data.start_time.isoformat("minutes"),
        "duration_minutes": data.duration_minutes,
        "contact_made": data.contact_made,
        "participants": data.participants,
        "life_domains": list(data.life_domains),
        "notes": data.notes,
    }


def _from_json(raw: dict[str, Any]) -> ConversationInput:
    return ConversationInput(
        client_id=int(raw["client_id"]),
        held_on=date.fromisoformat(raw["held_on"]),
        kind=str(raw["kind"]),
        medium=str(raw["medium"]),
        start_time=None if raw["start_time"] is None else time.fromisoformat(raw["start_time"]),
        duration_minutes=raw["duration_minutes"],
        contact_made=bool(raw["contact_made"]),
        participants=str(raw["participants"]),
        life_domains=tuple(raw["life_domains"]),
        notes=str(raw["notes"]),
    )


def _check_length(session: Session, conversation_id: int | None, notes: str) -> None:
    """A note is at most MAX_NOTE_CHARS long, or as long as the one stored before (which still saves)."""
    if len(notes) <= MAX_NOTE_CHARS:
        return
    stored = 0
    if conversation_id is not None:
        stored = (
            session.scalar(select(func.length(ConversationRow.notes)).where(ConversationRow.id == conversation_id)) or 0
        )
    if len(notes) > max(MAX_NOTE_CHARS, stored):
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "Deze notitie is te lang om op te slaan. Zet een deel in een nieuw gesprek.")
        )
