"""A new note is at most 100,000 characters (drafts too: none that could never be saved); a longer note
already stored still opens and saves."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.domain.notes import MAX_NOTE_CHARS
from clientsteun.services import Services
from clientsteun.store.tables import ConversationRow

ON = date(2026, 11, 20)


def test_a_new_note_over_the_limit_is_refused_and_one_at_the_limit_saved(services: Services) -> None:
    client = services.clients.create_client(ClientInput(name="Roos Fictief"))
    with pytest.raises(InvalidInput, match="te lang"):
        services.conversations.save_conversation(None, ConversationInput(client.id, ON, "home_visit",
                                                                         notes="a" * (MAX_NOTE_CHARS + 1)))  # fmt: skip
    with pytest.raises(InvalidInput, match="te lang"):
        services.conversations.save_draft(None, None, ConversationInput(client.id, ON, "home_visit",
                                                                        notes="a" * 10_000_000))  # fmt: skip
    assert services.conversations.list_drafts() == []
    saved = services.conversations.save_conversation(
        None, ConversationInput(client.id, ON, "home_visit", notes="é" * MAX_NOTE_CHARS)
    )
    assert len(services.conversations.get_conversation(saved.id).data.notes) == MAX_NOTE_CHARS


def test_a_longer_note_already_stored_still_opens_and_saves_but_grows_no_further(services: Services) -> None:
    client = services.clients.create_client(ClientInput(name="Roos Fictief"))
    saved = services.conversations.save_conversation(None, ConversationInput(client.id, ON, "home_visit", notes="x"))
    long_note = "b" * 1_000_000  # stored by an older version
    with services.database.transaction() as session:
        session.execute(update(ConversationRow).where(ConversationRow.id == saved.id).values(notes=long_note))

    data = services.conversations.get_conversation(saved.id).data
    assert data.notes == long_note
    services.conversations.save_conversation(saved.id, data)  # unchanged: saves
    shorter = ConversationInput(client.id, ON, "home_visit", notes=long_note[:-10])
    services.conversations.save_draft(None, saved.id, shorter)
    services.conversations.save_conversation(saved.id, shorter)
    assert services.conversations.get_conversation(saved.id).data.notes == long_note[:-10]
    with pytest.raises(InvalidInput, match="te lang"):
        services.conversations.save_conversation(saved.id, ConversationInput(client.id, ON, "home_visit",
                                                                             notes=long_note + "c"))  # fmt: skip
