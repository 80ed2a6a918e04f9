"""Realistic, fictional Dutch demo data.  Same seed and same reference date, same data.

Names are combined at random from common first names and surnames; no real person is described.
Every record passes the validation the services apply (the domain's ``validated()`` of each
input); the rows are then written in bulk in one transaction, so 200,000 conversations take
seconds, not the hours that one service call per record would take (``rows``).

Many residents also get routes tried: applications with their steps over time, decisions with a
reason for a refusal, objections, efforts as evidence (some with a small fictional letter
attached), the documents collected, linked routes, waits in a circle and signals.  The routes
come from a random stream of their own, so the residents, conversations and agreements are the
same as without them.

The package by theme:

- ``words``: names, sentences, titles and reasons;
- ``residents``: residents, help questions, conversations and agreements;
- ``routes``: writing a route with its steps, evidence, links and signals;
- ``stories``: which resident gets which story; the stories themselves by kind in ``housing``,
  ``care``, ``money`` and ``complaints``;
- ``files``: the fictional letters (PDF) and notes attached to evidence;
- ``rows``: validating every record and the bulk insert.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time

from clientsteun.demo import stories
from clientsteun.demo.residents import ResidentWriter
from clientsteun.demo.routes import RouteWriter
from clientsteun.demo.rows import Rows
from clientsteun.demo.stories import CIRCLE_EVERY
from clientsteun.demo.words import SENTENCES
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    AttachmentRow,
    ConversationRow,
    EvidenceRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)

__all__ = ["CIRCLE_EVERY", "SENTENCES", "DemoResult", "fill_demo"]


@dataclass(frozen=True)
class DemoResult:
    clients: int
    conversations: int
    agreements: int
    routes: int = 0
    steps: int = 0
    evidence: int = 0
    attachments: int = 0
    signals: int = 0


def fill_demo(
    database: Database,
    catalog: Catalog,
    *,
    clients: int,
    conversations: int | None = None,
    seed: int = 1,
    today: date | None = None,
) -> DemoResult:
    """Fill an empty database with ``clients`` residents and about six conversations each."""
    if clients < 1:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Het aantal inwoners moet 1 of meer zijn."))
    today = today or date.today()
    rows = Rows(datetime.combine(today, time(9, 0)))
    residents = ResidentWriter(rows, catalog, random.Random(seed), today).write(
        clients, conversations if conversations is not None else clients * 6
    )
    # A stream of its own: the residents and their conversations stay as they were without routes.
    stories.tell(RouteWriter(rows, catalog.routes, random.Random(f"routes-{seed}"), today), residents)
    rows.insert_into(database)
    return DemoResult(
        clients,
        rows.count(ConversationRow),
        rows.count(AgreementRow),
        routes=rows.count(RouteRow),
        steps=rows.count(RouteStepRow),
        evidence=rows.count(EvidenceRow),
        attachments=rows.count(AttachmentRow),
        signals=rows.count(SignalRow),
    )
