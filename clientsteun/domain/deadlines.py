"""The deadline engine: every legal or agreed term that a route's steps start, and where it stands.

Pure functions of the steps, the catalog's rules and today's date: no database, no Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.route_catalog import DeadlineRule, RouteCatalog
from clientsteun.domain.routes import (
    Actor,
    LinkKind,
    Progress,
    Route,
    RouteLink,
    Signal,
    Step,
    StepState,
    route_progress,
)
from clientsteun.domain.terms import atw_end

DUE_SOON_DAYS = 7  # the default of the setting "due soon"

# Said when an authority's deadline passed and the catalog rule has no advice of its own.
NOTICE_OF_DEFAULT = QT_TRANSLATE_NOOP(
    "deadlines",
    "De instantie is te laat. De inwoner kan een ingebrekestelling sturen: een brief dat de instantie "
    "alsnog moet beslissen (Awb art. 4:17). Beslist de instantie dan niet binnen twee weken, dan moet zij "
    "de inwoner een dwangsom betalen.",
)


class DeadlineState(enum.StrEnum):
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    PASSED = "passed"
    MET = "met"


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    started_on: date  # the day of the step (or the end of the term) that started this term
    term_end: date  # the last day of the term as counted
    due_on: date  # the last day to act: ``term_end`` moved on by the Algemene termijnenwet
    extended: bool  # the authority extended its term
    met_on: date | None  # the day a step met it
    state: DeadlineState

    @property
    def actor(self) -> Actor:
        return self.rule.actor

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def is_open(self) -> bool:
        return self.state is not DeadlineState.MET

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.met_on > self.due_on

    @property
    def moved_by_atw(self) -> bool:
        return self.due_on != self.term_end

    @property
    def advice(self) -> str:
        """What the resident can do now that the deadline has passed; empty while it has not."""
        if self.state is not DeadlineState.PASSED:
            return ""
        if self.rule.advice:
            return self.rule.advice
        return NOTICE_OF_DEFAULT if self.actor is Actor.AUTHORITY else ""


def deadline_state(due_on: date, met_on: date | None, today: date, due_soon_days: int = DUE_SOON_DAYS) -> DeadlineState:
    if met_on is not None:
        return DeadlineState.MET
    if today > due_on:
        return DeadlineState.PASSED
    if (due_on - today).days <= due_soon_days:
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING


@dataclass(frozen=True)
class _Start:
    anchor: date  # the step at the root of the chain of rules
    on: date  # the day the term starts after


def route_deadlines(
    kind: str,
    steps: Iterable[Step],
    circumstances: Iterable[str],
    catalog: RouteCatalog,
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
    answering: Iterable[Step] = (),
) -> tuple[Deadline, ...]:
    """Every deadline the steps of a route of ``kind`` started, soonest first.

    A term starts at the newest step done of its kind (or at the end of another term); steps
    planned, missed or not needed start nothing.  A deadline whose step was marked "not needed",
    or that was still open when the route was withdrawn, is left out.  ``answering`` are the steps
    of routes that belong to this one (an objection lodged as a route of its own): they can meet
    a deadline, never start one.
    """
    steps = sorted(steps, key=lambda s: (s.data.on, s.id))
    done = [s for s in steps if s.data.state is StepState.DONE]
    meeting = sorted(done + [s for s in answering if s.data.state is StepState.DONE], key=lambda s: s.data.on)
    ended_on = next((s.data.on for s in done if s.data.kind in catalog.ending_steps), None)
    situation = set(circumstances)
    starts: dict[str, _Start] = {}
    found: list[Deadline] = []
    for rule in catalog.rules_for(kind):
        if not rule.applies(kind, situation):
            continue
        start = _start(rule, done, starts)
        if start is None:
            continue
        if rule.requires and not any(s.data.kind in rule.requires and s.data.on >= start.anchor for s in done):
            continue
        deadline = _deadline(rule, start, done, meeting, catalog, today, due_soon_days)
        starts[rule.code] = _Start(start.anchor, deadline.due_on)
        if any(
            s.data.kind in rule.met_by and s.data.state is StepState.NOT_NEEDED and s.data.on >= start.anchor
            for s in steps
        ):
            continue
        if deadline.is_open and ended_on is not None and ended_on >= start.anchor:
            continue
        found.append(deadline)
    found.sort(key=lambda d: (d.due_on, d.rule.code))
    return tuple(found)


def _start(rule: DeadlineRule, done: list[Step], starts: dict[str, _Start]) -> _Start | None:
    if rule.after_rule:
        return starts.get(rule.after_rule)
    triggers = [s for s in done if s.data.kind == rule.after_step]
    if not triggers or (rule.outcomes and triggers[-1].data.outcome not in rule.outcomes):
        return None  # a newer decision granted what an older one refused: no objection term any more
    return _Start(triggers[-1].data.on, triggers[-1].data.on)


def _deadline(
    rule: DeadlineRule,
    start: _Start,
    done: list[Step],
    meeting: list[Step],
    catalog: RouteCatalog,
    today: date,
    due_soon_days: int,
) -> Deadline:
    days_off = catalog.days_off
    term = rule.term

    def due(term_end: date) -> date:
        return atw_end(start.on, term_end, days_off, term.days) if rule.atw and term.within_atw else term_end

    term_end = term.end(start.on, days_off)
    extended = False
    if rule.extension is not None and any(
        s.data.kind in catalog.extending_steps and start.anchor <= s.data.on <= due(term_end) for s in done
    ):
        term = term + rule.extension
        term_end = term.end(start.on, days_off)
        extended = True
    due_on = due(term_end)
    met_on = next((s.data.on for s in meeting if s.data.kind in rule.met_by and s.data.on >= start.anchor), None)
    return Deadline(
        rule=rule,
        started_on=start.on,
        term_end=term_end,
        due_on=due_on,
        extended=extended,
        met_on=met_on,
        state=deadline_state(due_on, met_on, today, due_soon_days),
    )


@dataclass(frozen=True)
class RouteView:
    """A route with where it stands and the deadlines its steps started."""

    route: Route
    progress: Progress
    deadlines: tuple[Deadline, ...]  # soonest first

    @property
    def open_deadlines(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.is_open)

    @property
    def next_deadline(self) -> Deadline | None:
        """The first deadline not met: passed ones first, as they are the most urgent."""
        return next(iter(self.open_deadlines), None)


def view_route(
    route: Route,
    catalog: RouteCatalog,
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
    answering: Iterable[Step] = (),
) -> RouteView:
    """``answering``: the steps of the routes that belong to this one (see ``route_deadlines``)."""
    data = route.data
    return RouteView(
        route=route,
        progress=route_progress(route.steps, catalog.step_kinds),
        deadlines=route_deadlines(data.kind, route.steps, data.circumstances, catalog, today, due_soon_days, answering),
    )


def answering_steps(routes: Iterable[Route], links: Iterable[RouteLink]) -> dict[int, list[Step]]:
    """Per route id, the steps of the routes that belong to it."""
    steps = {route.id: route.steps for route in routes}
    found: dict[int, list[Step]] = {}
    for link in links:
        if link.kind is LinkKind.BELONGS_TO and link.from_route in steps:
            found.setdefault(link.to_route, []).extend(steps[link.from_route])
    return found


@dataclass(frozen=True)
class RouteDetail:
    """Everything the route window shows."""

    view: RouteView
    siblings: Mapping[int, str]  # the resident's other routes: id to title, for links
    signals: tuple[Signal, ...]  # recorded on this route
    circle: tuple[int, ...]  # route ids that wait for each other in a circle through this one; () if none
