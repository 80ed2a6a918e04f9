"""Writing the routes tried of demo residents: a route, its steps over time, evidence, links, signals.

The stories (``housing``, ``care``, ``money``, ``complaints``) say what happens; a ``RouteDraft``
keeps each route's steps in order and stops it where today is reached, and the ``RouteWriter``
turns it all into validated rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clientsteun.demo.residents import Resident
from clientsteun.demo.rows import Rows
from clientsteun.demo.words import CONTACTS, SURNAMES
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import (
    EvidenceInput,
    LinkKind,
    NewAttachment,
    Outcome,
    ReversedTest,
    RouteInput,
    SignalInput,
    StepInput,
    StepState,
)
from clientsteun.store.tables import RouteRow

PLAN_AHEAD = 120  # days: a step further ahead than this is not planned yet
HISTORY = 365  # days: routes may have started before the first contact, not longer ago than this


@dataclass
class RouteDraft:
    """One route being written: steps follow each other in time and stop where today is reached."""

    writer: RouteWriter
    resident: Resident
    id: int
    kind: str
    start: date
    last: date  # the day of the newest step
    going: bool = True  # False once a step lay beyond today: nothing follows it
    planned: int | None = None  # the step planned ahead, once there is one

    def days(self, low: int, high: int) -> date:
        """A day ``low`` to ``high`` days after the newest step."""
        return self.last + timedelta(days=self.writer.rng.randint(low, high))

    def step(
        self,
        on: date,
        kind: str,
        outcome: Outcome | None = None,
        reason: str = "",
        note: str = "",
        *,
        plan: bool = False,
    ) -> bool:
        """Done when ``on`` has come; planned (a meeting ahead) when ``plan``; either way True while it went on."""
        if not self.going:
            return False
        on = max(on, self.last)
        rows = self.writer.rows
        if on <= self.resident.last_day:
            rows.step(StepInput(self.id, on, kind, StepState.DONE, outcome, reason, note))
            self.last = on
            return True
        self.going = False
        if plan and self.resident.is_open and on <= self.writer.today + timedelta(days=PLAN_AHEAD):
            self.planned = rows.step(StepInput(self.id, on, kind, StepState.PLANNED, note=note))
        return False

    def mark(self, on: date, kind: str, state: StepState, note: str) -> None:
        """A step that was not needed or was missed, on a day that has come."""
        if self.going and on <= self.resident.last_day:
            self.writer.rows.step(StepInput(self.id, max(on, self.start), kind, state, note=note))

    def evidence(self, on: date, description: str, attachment: NewAttachment | None = None) -> None:
        if self.start <= on <= self.resident.last_day:
            self.writer.rows.evidence(EvidenceInput(self.id, on, description), attachment)

    def collect(self, share: float) -> None:
        """Mark about ``share`` of the checklist's documents collected, around the start."""
        rng = self.writer.rng
        for code in self.writer.catalog.kind(self.kind).documents:
            on = self.start + timedelta(days=rng.randint(-21, 14))
            if rng.random() < share and on <= self.resident.last_day:
                self.writer.rows.document(self.id, code, on)


@dataclass
class RouteWriter:
    """Starts routes, links them and records signals, for the stories to tell."""

    rows: Rows
    catalog: RouteCatalog
    rng: random.Random
    today: date

    def route(
        self,
        resident: Resident,
        kind: str,
        title: str,
        start: date,
        *,
        organisation: str = "",
        contact: str = "",
        reference: str = "",
        circumstances: tuple[str, ...] = (),
        reversed_test: ReversedTest | None = None,
        life_domain: str = "",
        help_question: bool = False,
    ) -> RouteDraft:
        start = max(start, resident.first_contact - timedelta(days=HISTORY))
        # Recorded in the app at the first contact at the earliest; the minutes keep the order made.
        recorded = datetime.combine(min(max(start, resident.first_contact), resident.last_day), time(9, 0))
        data = RouteInput(
            client_id=resident.id,
            kind=kind,
            title=title,
            help_question_id=resident.help_questions[-1] if help_question else None,
            life_domain="" if help_question else life_domain or self.catalog.kind(kind).life_domain,
            organisation=organisation,
            contact=contact,
            reference=reference,
            circumstances=circumstances,
            reversed_test=reversed_test or ReversedTest(),
        )
        made = self.rows.count(RouteRow) + 1
        route_id = self.rows.route(data, recorded + timedelta(minutes=made % 480))
        return RouteDraft(self, resident, route_id, kind, start, start)

    def link(self, source: RouteDraft, target: RouteDraft, kind: LinkKind) -> None:
        self.rows.link(source.id, target.id, kind)

    def signal(
        self,
        route: RouteDraft,
        on: date,
        theme: str,
        description: str,
        organisation: str = "",
        *,
        shareable: bool = False,
    ) -> None:
        resident = route.resident
        self.rows.signal(
            SignalInput(
                client_id=resident.id,
                on=min(max(on, route.start), resident.last_day),
                theme=theme,
                description=description,
                route_id=route.id,
                organisation=organisation,
                municipality=resident.municipality,
                shareable=shareable,
            )
        )

    def began(self, resident: Resident, low: int, high: int) -> date:
        """A start ``low`` to ``high`` days before the resident's last day."""
        return resident.last_day - timedelta(days=self.rng.randint(low, high))

    def contact(self, role: str) -> str:
        return f"{self.rng.choice(CONTACTS)} {self.rng.choice(SURNAMES)}, {role}"

    def reference(self, prefix: str, on: date) -> str:
        return f"{prefix}-{on.year}-{self.rng.randint(10000, 99999)}"
