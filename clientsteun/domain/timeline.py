"""The dossier timeline: everything that happened for a resident, newest first."""

from __future__ import annotations

from collections.abc import Iterable

from clientsteun.domain.model import (
    Agreement,
    Client,
    ClientStatus,
    Conversation,
    ConversationLine,
    HelpQuestion,
    TimelineEntry,
    TimelineKind,
)

SUMMARY_LENGTH = 120
NOTE_HEAD = 1000  # a note's first line is looked for in its first 1,000 characters: the rest is not read


def first_line(text: str, length: int = SUMMARY_LENGTH) -> str:
    """The first non-empty line of a text, shortened with an ellipsis."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def conversation_line(conversation: Conversation) -> ConversationLine:
    data = conversation.data
    return ConversationLine(conversation.id, data.held_on, data.kind, first_line(data.notes[:NOTE_HEAD]))


def build_timeline(
    client: Client,
    help_questions: Iterable[HelpQuestion],
    conversations: Iterable[Conversation | ConversationLine],
    agreements: Iterable[Agreement],
) -> tuple[TimelineEntry, ...]:
    entries: list[TimelineEntry] = []
    if client.details.first_contact is not None:
        entries.append(TimelineEntry(client.details.first_contact, TimelineKind.FIRST_CONTACT, client.id, ""))
    if client.status is ClientStatus.CLOSED and client.closed_on is not None:
        entries.append(TimelineEntry(client.closed_on, TimelineKind.CLOSED, client.id, client.close_reason))
    for question in help_questions:
        text = question.asked or question.really_wants
        entries.append(TimelineEntry(question.recorded_on, TimelineKind.HELP_QUESTION, question.id, first_line(text)))
    for conversation in conversations:
        line = conversation_line(conversation) if isinstance(conversation, Conversation) else conversation
        entries.append(TimelineEntry(line.held_on, TimelineKind.CONVERSATION, line.id, line.first_line))
    for agreement in agreements:
        text = first_line(agreement.data.description)
        entries.append(TimelineEntry(agreement.created_on, TimelineKind.AGREEMENT, agreement.id, text))
        if agreement.done_on is not None:
            entries.append(TimelineEntry(agreement.done_on, TimelineKind.AGREEMENT_DONE, agreement.id, text))
    order = {kind: rank for rank, kind in enumerate(TimelineKind)}
    # Newest first; on one day the conversation comes before what was agreed in it.
    entries.sort(key=lambda entry: (-entry.on.toordinal(), order[entry.kind], -entry.ref_id))
    return tuple(entries)
