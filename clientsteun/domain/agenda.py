"""The agenda across all residents: open deadlines, meetings (with the planned steps they are), planned
steps, agreements and reminders of missing reports, soonest first."""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from clientsteun.domain.deadlines import DUE_SOON_DAYS, DeadlineState, RouteView, deadline_state
from clientsteun.domain.model import Agreement
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import Actor, StepState


class AgendaKind(enum.StrEnum):
    DEADLINE = "deadline"
    MEETING = "meeting"  # a planned meeting or step: a conversation, a hearing
    AGREEMENT = "agreement"
    REPORT = "report"  # a meeting's written report still missing: a reminder, not a legal deadline
    REQUEST = "request"  # a resident's request under the AVG still to answer (``domain.rights``)


@dataclass(frozen=True)
class AgendaResident:
    id: int
    name: str  # the name the supporter uses (the alias when there is one)
    municipality: str
    # For an export without names: the resident's own names (full name and alias) and the names of
    # the people in their network, all taken out of free text.
    own_names: tuple[str, ...] = ()
    network: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    on: date
    kind: AgendaKind
    resident: AgendaResident
    what: str  # "Besluit op de aanvraag", "Hoorzitting", the agreement's first line
    state: DeadlineState  # upcoming, due soon or passed
    actor: Actor | None = None  # who must act before a deadline
    who: str = ""  # who does an agreement
    route_id: int | None = None
    route_title: str = ""
    law: str = ""
    advice: str = ""  # for a passed deadline: what the resident can do
    uid: str = ""  # stable across exports, so a calendar updates the item instead of adding it twice
    meeting_id: int | None = None  # a meeting, or the meeting whose report is missing

    @property
    def overdue(self) -> bool:
        return self.state is DeadlineState.PASSED


def route_items(
    resident: AgendaResident,
    view: RouteView,
    catalog: RouteCatalog,
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
    meeting_steps: Collection[int] = (),
) -> list[AgendaItem]:
    """The open deadlines and the planned steps of one route; a step in ``meeting_steps`` is a meeting's,
    which is its item (``domain.meetings.meeting_items``)."""
    route = view.route
    items = [
        AgendaItem(
            on=deadline.due_on,
            kind=AgendaKind.DEADLINE,
            resident=resident,
            what=deadline.name,
            state=deadline.state,
            actor=deadline.actor,
            route_id=route.id,
            route_title=route.data.title,
            law=deadline.rule.law,
            advice=deadline.advice,
            uid=f"deadline-{route.id}-{deadline.rule.code}",
        )
        for deadline in view.open_deadlines
    ]
    items += [
        AgendaItem(
            on=step.data.on,
            kind=AgendaKind.MEETING,
            resident=resident,
            what=catalog.step_name(step.data.kind),
            state=deadline_state(step.data.on, None, today, due_soon_days),
            route_id=route.id,
            route_title=route.data.title,
            uid=f"step-{step.id}",
        )
        for step in route.steps
        if step.data.state is StepState.PLANNED and step.id not in meeting_steps
    ]
    return items


def agreement_item(
    resident: AgendaResident, agreement: Agreement, what: str, today: date, due_soon_days: int = DUE_SOON_DAYS
) -> AgendaItem | None:
    """An open agreement with a date; None for one that is done or has no date."""
    due = agreement.data.due_on
    if due is None or agreement.done_on is not None:
        return None
    return AgendaItem(
        on=due,
        kind=AgendaKind.AGREEMENT,
        resident=resident,
        what=what,
        state=deadline_state(due, None, today, due_soon_days),
        who=agreement.data.who,
        uid=f"agreement-{agreement.id}",
    )


def sorted_agenda(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """Soonest first; on one day deadlines before meetings before agreements before reminders, then by resident."""
    order = {kind: rank for rank, kind in enumerate(AgendaKind)}
    return sorted(items, key=lambda item: (item.on, order[item.kind], item.resident.name.casefold(), item.uid))


def within(items: Iterable[AgendaItem], today: date, days: int) -> list[AgendaItem]:
    """Items up to ``days`` days ahead; overdue ones always stay in."""
    return [item for item in items if (item.on - today).days <= days]
