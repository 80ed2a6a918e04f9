"""The deadline engine: every legal or agreed term that a route's steps start, and where it stands.

Pure functions of the steps, the catalog's rules and today's date: no database, no Qt.  When one
term ends is worked out in ``reckoning``; here a route's steps become the start of each term and
the events during it, and a notice of default is checked against the term it follows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.holidays import WorkCalendar
from clientsteun.domain.reckoning import Event, EventKind, Note, NoteKind, receipt_after_post, reckon
from clientsteun.domain.route_catalog import CountsFrom, DeadlineRule, RouteCatalog
from clientsteun.domain.routes import (
    Actor,
    LinkKind,
    Outcome,
    Progress,
    Route,
    RouteLink,
    Signal,
    Step,
    StepInput,
    StepKind,
    StepState,
    route_progress,
)

DUE_SOON_DAYS = 7  # the default of the setting "due soon"

# Who must act, in one word wherever it is said: as it stands in a table's column, in lower case in a
# sentence ("de instantie moet handelen").  The agreements' parties in the catalog use the same words.
ACTOR_NAMES = {
    Actor.RESIDENT: QT_TRANSLATE_NOOP("deadlines", "Inwoner"),
    Actor.AUTHORITY: QT_TRANSLATE_NOOP("deadlines", "Instantie"),
}

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


class Basis(enum.StrEnum):
    """Which date a term counts from: the one the law names, where the step has it."""

    STEP_DATE = "step_date"  # the day of the step
    LETTER_DATE = "letter_date"  # the date on the letter: the day it was sent is not filled in
    SENT = "sent"
    RECEIVED = "received"
    RECEIVED_ASSUMED = "received_assumed"  # sent by post, receipt not filled in: two working days later
    TERM_END = "term_end"  # the end of the term this one follows


BASIS_WORDS = {
    Basis.STEP_DATE: QT_TRANSLATE_NOOP("deadlines", "de datum van de stap"),
    Basis.LETTER_DATE: QT_TRANSLATE_NOOP("deadlines", "de datum van de brief (verzenddatum niet ingevuld)"),
    Basis.SENT: QT_TRANSLATE_NOOP("deadlines", "de verzenddatum"),
    Basis.RECEIVED: QT_TRANSLATE_NOOP("deadlines", "de ontvangstdatum"),
    Basis.RECEIVED_ASSUMED: QT_TRANSLATE_NOOP("deadlines", "de aangenomen ontvangstdatum"),
    Basis.TERM_END: QT_TRANSLATE_NOOP("deadlines", "het einde van de vorige termijn"),
}
RECEIPT_ASSUMED = QT_TRANSLATE_NOOP(
    "deadlines",
    "Ontvangst niet ingevuld: aangenomen dat de brief, verstuurd op {sent}, op {date} is ontvangen (twee "
    "werkdagen na verzending per post). Vul de ontvangstdatum in als die anders is.",
)
PREMATURE_NOTICE = QT_TRANSLATE_NOOP(
    "deadlines",
    "De ingebrekestelling van {notice} kwam te vroeg: de termijn liep nog tot en met {due}. Een "
    "ingebrekestelling telt pas als de instantie haar na afloop van de termijn ontvangt, dus op of na {works}. "
    "Er is daarom geen dwangsom; stuur zo nodig een nieuwe (Awb art. 4:17 lid 3).",
)
ATW_FREE_DAY = QT_TRANSLATE_NOOP(
    "deadlines",
    "De termijn eindigde op {end} ({day}). Volgens de Algemene termijnenwet schuift de datum op naar {due}.",
)
ATW_TWO_DAYS = QT_TRANSLATE_NOOP(
    "deadlines",
    "De termijn is verlengd tot {due}, zodat er minstens twee werkdagen in vallen (Algemene termijnenwet, art. 2).",
)


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    started_on: date  # the day the term counts from: see ``counted_from``
    term_end: date  # the last day of the term as counted
    due_on: date  # the last day to act: ``term_end`` moved on by the Algemene termijnenwet
    extended: bool  # the authority extended its term
    met_on: date | None  # the day a step met it
    state: DeadlineState
    counted_from: Basis = Basis.STEP_DATE
    notes: tuple[Note, ...] = ()  # assumptions, the other reading of a doubtful rule, what changed the term
    suspended_days: int = 0  # the term stood still while the authority waited for information
    notice_works_from: date | None = None  # a notice of default came too early: one received from this day works

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
    anchor: date  # the day of the step at the root of the chain of rules
    on: date  # the day the term starts after
    basis: Basis
    step: Step | None = None  # the step that started it; None after another term
    notes: tuple[Note, ...] = ()


def route_deadlines(
    kind: str,
    steps: Iterable[Step],
    circumstances: Iterable[str],
    catalog: RouteCatalog,
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
    answering: Iterable[Step] = (),
    municipality: str = "",
    belongs_to: Iterable[Route] = (),
) -> tuple[Deadline, ...]:
    """Every deadline the steps of a route of ``kind`` started, soonest first.

    A term starts at the newest step done of its kind (or at the end of another term); steps
    planned, missed or not needed start nothing.  A deadline whose step was marked "not needed",
    or that was still open when the route was withdrawn, is left out.  ``answering`` are the steps
    of routes that belong to this one (an objection lodged as a route of its own): they can meet
    a deadline, never start one.  ``belongs_to`` are the routes this one belongs to: the decision
    this route goes against is taken from them (see ``_taken_over``).  ``municipality`` chooses
    the terms of its by-laws.
    """
    steps = sorted(steps, key=lambda s: (s.data.on, s.id))
    done, theirs = _taken_over(kind, [s for s in steps if s.data.state is StepState.DONE], belongs_to, catalog)
    meeting = sorted(done + [s for s in answering if s.data.state is StepState.DONE], key=lambda s: s.data.on)
    ended_on = next((s.data.on for s in done if s.data.kind in catalog.ending_steps), None)
    events = _events(done, catalog.step_kinds, catalog.days_off)
    situation = set(circumstances)
    starts: dict[str, _Start] = {}
    found: list[Deadline] = []
    for rule in catalog.rules_for(kind):
        if not rule.applies(kind, situation):
            continue
        start = _start(rule, done, starts, catalog.days_off)
        if start is None:
            continue
        if rule.requires and not any(s.data.kind in rule.requires and s.data.on >= start.anchor for s in done):
            continue
        if rule.works_after and start.step is not None:
            works, premature = _notice_verdict(rule, start.step, starts, found)
            if premature is not None:
                found = [premature if d.rule is premature.rule else d for d in found]
            if not works:
                continue
        reckoning = reckon(
            rule, start.on, catalog.days_off, today, events, catalog.municipal_term(rule, municipality), start.anchor
        )
        met_on = next((s.data.on for s in meeting if s.data.kind in rule.met_by and s.data.on >= start.anchor), None)
        deadline = Deadline(
            rule=rule,
            started_on=start.on,
            term_end=reckoning.term_end,
            due_on=reckoning.due_on,
            extended=reckoning.extended,
            met_on=met_on,
            state=deadline_state(reckoning.due_on, met_on, today, due_soon_days),
            counted_from=start.basis,
            notes=start.notes + reckoning.notes,
            suspended_days=reckoning.suspended_days,
        )
        starts[rule.code] = _Start(start.anchor, deadline.due_on, Basis.TERM_END, step=start.step)
        if _held_by_theirs(rule, start, theirs):
            continue
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


def _taken_over(
    kind: str, done: list[Step], belongs_to: Iterable[Route], catalog: RouteCatalog
) -> tuple[list[Step], dict[int, tuple[Step, Route]]]:
    """The steps done that start terms, with the decision taken from the routes this one belongs to.

    A route that goes against a decision (its kind's first step is one: an objection, an appeal)
    takes that decision from the route it belongs to, so it is recorded once.  The same decision
    recorded here as well (same kind, date and outcome) is that one and counts once.  A different
    decision recorded here is this route's own: then the route keeps to its own decisions and each
    route counts the term of its own decision.  Returns the steps, oldest first, and by step id
    each step taken over with the route it was taken from.
    """
    first = catalog.kind(kind).steps[:1]
    step_kind = catalog.step_kinds.get(first[0]) if first else None
    if step_kind is None or not step_kind.decision:
        return done, {}
    theirs = {
        step.id: (step, route)
        for route in belongs_to
        for step in route.steps
        if step.data.kind == step_kind.code and step.data.state is StepState.DONE
    }
    recorded = {_decision_key(step.data) for step, _ in theirs.values()}
    own = [s for s in done if s.data.kind == step_kind.code]
    if not theirs or any(_decision_key(s.data) not in recorded for s in own):
        return done, {}
    found = [s for s in done if s.data.kind != step_kind.code] + [step for step, _ in theirs.values()]
    return sorted(found, key=lambda s: (s.data.on, s.id)), theirs


def _decision_key(data: StepInput) -> tuple[str, date, Outcome | None]:
    return data.kind, data.on, data.outcome


def _held_by_theirs(rule: DeadlineRule, start: _Start, theirs: Mapping[int, tuple[Step, Route]]) -> bool:
    """Whether the route a decision was taken from lists the term it starts itself (then it is left out here)."""
    if not rule.after_step or start.step is None or start.step.id not in theirs:
        return False
    step, route = theirs[start.step.id]
    return step == start.step and rule.applies(route.data.kind, set(route.data.circumstances))


def _start(rule: DeadlineRule, done: list[Step], starts: dict[str, _Start], days_off: WorkCalendar) -> _Start | None:
    if rule.after_rule:
        return starts.get(rule.after_rule)
    triggers = [s for s in done if s.data.kind == rule.after_step]
    if not triggers:
        return None
    step = triggers[0] if rule.first else triggers[-1]
    if rule.outcomes and step.data.outcome not in rule.outcomes:
        return None  # a newer decision granted what an older one refused: no objection term any more
    on, basis, notes = term_start(step.data, rule.counts_from, days_off)
    return _Start(step.data.on, on, basis, step, notes)


def term_start(
    step: StepInput, counts_from: CountsFrom, days_off: WorkCalendar
) -> tuple[date, Basis, tuple[Note, ...]]:
    """The day a term starts after, counted from the date of ``step`` the law names, and which one it is.

    Sent: the day sent, else the date on the letter (the earliest, safe for the resident's term
    after a decision).  Received: the day received; by post two working days after sending (the
    later, safe for an authority's term); else the day of the step, the day it was handed in.
    """
    if counts_from is CountsFrom.SENT:
        return (step.sent_on, Basis.SENT, ()) if step.sent_on else (step.on, Basis.LETTER_DATE, ())
    if counts_from is CountsFrom.RECEIVED:
        if step.received_on is not None:
            return step.received_on, Basis.RECEIVED, ()
        if step.sent_on is not None:
            received = receipt_after_post(step.sent_on, days_off)
            note = Note(NoteKind.ASSUMPTION, RECEIPT_ASSUMED, (("sent", step.sent_on), ("date", received)))
            return received, Basis.RECEIVED_ASSUMED, (note,)
    return step.on, Basis.STEP_DATE, ()


def _events(done: list[Step], step_kinds: Mapping[str, StepKind], days_off: WorkCalendar) -> list[Event]:
    """What the steps done mean for a term already running."""
    found = []
    for step in done:
        kind, data = step_kinds.get(step.data.kind), step.data
        if kind is None:
            continue
        if kind.extends:
            found.append(Event(EventKind.EXTENDED, data.on, data.new_due_on))
        if kind.suspends:
            found.append(Event(EventKind.SUSPENDED, data.on, data.new_due_on))
        if kind.resumes:  # the information counts from the day the authority has it
            found.append(Event(EventKind.RESUMED, term_start(data, CountsFrom.RECEIVED, days_off)[0]))
        if kind.consents:
            found.append(Event(EventKind.AGREED, data.on, data.new_due_on))
    return found


def _notice_verdict(
    rule: DeadlineRule, notice: Step, starts: dict[str, _Start], found: list[Deadline]
) -> tuple[bool, Deadline | None]:
    """Whether a notice of default works: only once the term it follows has passed (Awb 4:17 lid 3).

    Returns (works, that term saying the notice came too early, or None).  A notice after the
    decision was given works for nothing; on a route without such a term it is taken to work.
    """
    terms = [d for d in found if d.rule.code in rule.works_after and starts[d.rule.code].anchor <= notice.data.on]
    running = [d for d in terms if d.met_on is None or d.met_on >= notice.data.on]
    if not running:
        return not terms, None
    term = max(running, key=lambda d: (starts[d.rule.code].anchor, d.due_on))
    if notice.data.earliest_receipt > term.due_on:
        return True, None
    works = term.due_on + timedelta(days=1)
    values = (("notice", notice.data.on), ("due", term.due_on), ("works", works))
    note = Note(NoteKind.PREMATURE, PREMATURE_NOTICE, values)
    return False, replace(term, notes=(*term.notes, note), notice_works_from=works)


def atw_note(deadline: Deadline, days_off: WorkCalendar) -> Note | None:
    """Why the Algemene termijnenwet moved the date; None when it did not."""
    if not deadline.moved_by_atw:
        return None
    end = deadline.term_end
    if days_off.is_free(end):
        day = days_off.holiday_name(end) or "weekend"  # the date itself names the weekday
        return Note(NoteKind.COURSE, ATW_FREE_DAY, (("end", end), ("day", day), ("due", deadline.due_on)))
    return Note(NoteKind.COURSE, ATW_TWO_DAYS, (("due", deadline.due_on),))


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
    municipality: str = "",
    belongs_to: Iterable[Route] = (),
) -> RouteView:
    """``answering``: the steps of the routes that belong to this one; ``municipality``: the resident's;
    ``belongs_to``: the routes this one belongs to (see ``route_deadlines``)."""
    data = route.data
    return RouteView(
        route=route,
        progress=route_progress(route.steps, catalog.step_kinds),
        deadlines=route_deadlines(
            data.kind,
            route.steps,
            data.circumstances,
            catalog,
            today,
            due_soon_days,
            answering,
            municipality,
            belongs_to,
        ),
    )


def answering_steps(routes: Iterable[Route], links: Iterable[RouteLink]) -> dict[int, list[Step]]:
    """Per route id, the steps of the routes that belong to it."""
    steps = {route.id: route.steps for route in routes}
    found: dict[int, list[Step]] = {}
    for link in links:
        if link.kind is LinkKind.BELONGS_TO and link.from_route in steps:
            found.setdefault(link.to_route, []).extend(steps[link.from_route])
    return found


def belonging_to(routes: Iterable[Route], links: Iterable[RouteLink]) -> dict[int, list[Route]]:
    """Per route id, the routes it belongs to (an objection: the application whose refusal it goes against)."""
    by_id = {route.id: route for route in routes}
    found: dict[int, list[Route]] = {}
    for link in links:
        if link.kind is LinkKind.BELONGS_TO and link.to_route in by_id:
            found.setdefault(link.from_route, []).append(by_id[link.to_route])
    return found


@dataclass(frozen=True)
class RouteDetail:
    """Everything the route window shows."""

    view: RouteView
    siblings: Mapping[int, str]  # the resident's other routes: id to title, for links
    signals: tuple[Signal, ...]  # recorded on this route
    circle: tuple[int, ...]  # route ids that wait for each other in a circle through this one; () if none
