"""The dossier timeline: everything that happened for a resident, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from clientsteun.domain.model import (
    Agreement,
    Client,
    ClientStatus,
    ConsentRecord,
    Conversation,
    ConversationLine,
    EvidenceLine,
    HelpQuestion,
    TimelineEntry,
    TimelineKind,
)
from clientsteun.domain.routes import Route, Signal

SUMMARY_LENGTH = 120
NOTE_HEAD = 1000  # a note's first line is looked for in its first 1,000 characters: the rest is not read


def first_line(text: str, length: int = SUMMARY_LENGTH) -> str:
    """The first non-empty line of a text, shortened with an ellipsis."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def conversation_line(conversation: Conversation) -> ConversationLine:
    data = conversation.data
    return ConversationLine(conversation.id, data.held_on, data.kind, first_line(data.notes[:NOTE_HEAD]))


# The entries that follow from the routes and signals: read again alone when only they changed.
ROUTE_KINDS = frozenset({TimelineKind.ROUTE_STEP, TimelineKind.EVIDENCE, TimelineKind.SIGNAL})
_ORDER = {kind: rank for rank, kind in enumerate(TimelineKind)}


def build_timeline(
    client: Client,
    help_questions: Iterable[HelpQuestion],
    conversations: Iterable[Conversation | ConversationLine],
    agreements: Iterable[Agreement],
    consents: Iterable[ConsentRecord] = (),
    today: date | None = None,
    route_entries: Iterable[TimelineEntry] = (),
) -> tuple[TimelineEntry, ...]:
    """Everything, newest first; ``route_entries`` as ``route_timeline`` makes them; ``today`` tells
    which consent has expired (none without it)."""
    entries: list[TimelineEntry] = list(route_entries)
    if client.details.first_contact is not None:
        entries.append(TimelineEntry(client.details.first_contact, TimelineKind.FIRST_CONTACT, client.id, ""))
    if client.status is ClientStatus.CLOSED and client.closed_on is not None:
        entries.append(TimelineEntry(client.closed_on, TimelineKind.CLOSED, client.id, client.close_reason))
    for question in help_questions:
        text = question.asked or question.really_wants
        entries.append(TimelineEntry(question.recorded_on, TimelineKind.HELP_QUESTION, question.id, first_line(text)))
    for conversation in conversations:
        line = conversation_line(conversation) if isinstance(conversation, Conversation) else conversation
        entries.append(TimelineEntry(line.held_on, TimelineKind.CONVERSATION, line.id, line.first_line, code=line.kind))
    for agreement in agreements:
        text = first_line(agreement.data.description)
        entries.append(TimelineEntry(agreement.created_on, TimelineKind.AGREEMENT, agreement.id, text))
        if agreement.done_on is not None:
            entries.append(TimelineEntry(agreement.done_on, TimelineKind.AGREEMENT_DONE, agreement.id, text))
    entries += consent_entries(consents, today)
    return _newest_first(entries)


def route_timeline(
    routes: Iterable[Route], evidence: Iterable[EvidenceLine], signals: Iterable[Signal]
) -> tuple[TimelineEntry, ...]:
    """The steps done on the routes (a decision with its outcome), the efforts and the signals, newest first."""
    entries: list[TimelineEntry] = []
    kinds: dict[int, str] = {}
    for route in routes:
        kinds[route.id] = route.data.kind
        for step in route.steps:
            if not step.is_done:
                continue
            data = step.data
            text = " — ".join(part for part in (route.data.title, first_line(data.reason)) if part)
            outcome = data.outcome.value if data.outcome is not None else ""
            kind = TimelineKind.ROUTE_STEP
            entries.append(TimelineEntry(data.on, kind, step.id, text, route.id, route.data.kind, data.kind, outcome))
    for effort in evidence:
        code = kinds.get(effort.route_id, "")
        entries.append(
            TimelineEntry(effort.on, TimelineKind.EVIDENCE, effort.id, effort.first_line, effort.route_id, code)
        )
    for signal in signals:
        about = signal.data
        text = first_line(about.description[:NOTE_HEAD])
        entries.append(TimelineEntry(about.on, TimelineKind.SIGNAL, signal.id, text, about.route_id, about.theme))
    return _newest_first(entries)


def with_route_entries(
    timeline: Iterable[TimelineEntry], route_entries: Iterable[TimelineEntry]
) -> tuple[TimelineEntry, ...]:
    """``timeline`` with its route entries replaced by ``route_entries`` (read again after a change)."""
    return _newest_first([entry for entry in timeline if entry.kind not in ROUTE_KINDS] + list(route_entries))


def consent_entries(records: Iterable[ConsentRecord], today: date | None) -> list[TimelineEntry]:
    """Each consent given, changed, withdrawn or expired.  A change is recorded as a new record with the
    same date given: that is a change (on the day recorded), or only a withdrawal (on its date)."""
    entries: list[TimelineEntry] = []
    newest: dict[date, ConsentRecord] = {}  # by the date given: its newest record, which holds
    for record in sorted(records, key=lambda r: r.id):
        consent = record.consent
        text = first_line(consent.may_record)
        before = newest.get(consent.given_on)
        if before is None:
            entries.append(TimelineEntry(consent.given_on, TimelineKind.CONSENT_GIVEN, record.id, text))
        elif replace(before.consent, withdrawn_on=None) != replace(consent, withdrawn_on=None):
            entries.append(TimelineEntry(record.recorded_on, TimelineKind.CONSENT_CHANGED, record.id, text))
        newest[consent.given_on] = record
    for record in newest.values():
        consent = record.consent
        text = first_line(consent.may_record)
        withdrawn, until = consent.withdrawn_on, consent.valid_until
        if withdrawn is not None and (today is None or withdrawn <= today):
            entries.append(TimelineEntry(withdrawn, TimelineKind.CONSENT_WITHDRAWN, record.id, text))
        elif today is not None and until is not None and until < today and (withdrawn is None or withdrawn > until):
            entries.append(TimelineEntry(until, TimelineKind.CONSENT_EXPIRED, record.id, text))
    return entries


def _newest_first(entries: Iterable[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    # Newest first; on one day the conversation comes before what was agreed in it.
    return tuple(sorted(entries, key=lambda entry: (-entry.on.toordinal(), _ORDER[entry.kind], -entry.ref_id)))
