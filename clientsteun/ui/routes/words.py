"""The words for where a route stands, one place for the dossier, the route window, the overview and the agenda."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import ACTOR_NAMES, Deadline, DeadlineState
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import Actor, Outcome, Progress, RouteStatus, StepState


def _tr(text: str) -> str:
    return QCoreApplication.translate("Routes", text)


def outcome_word(outcome: Outcome) -> str:
    return {
        Outcome.OPEN: _tr("nog open"),
        Outcome.GRANTED: _tr("toegekend"),
        Outcome.PARTLY_GRANTED: _tr("deels toegekend"),
        Outcome.REFUSED: _tr("afgewezen"),
        Outcome.WITHDRAWN: _tr("ingetrokken"),
    }[outcome]


def step_state_word(state: StepState) -> str:
    return {
        StepState.DONE: _tr("gedaan"),
        StepState.PLANNED: _tr("gepland"),
        StepState.MISSED: _tr("gemist"),
        StepState.NOT_NEEDED: _tr("niet nodig"),
    }[state]


def actor_word(actor: Actor) -> str:
    """Who must act, as a table's column shows it: "Inwoner", "Instantie"."""
    return QCoreApplication.translate("deadlines", ACTOR_NAMES[actor])


def actor_in_sentence(actor: Actor) -> str:
    """The same word inside a sentence: "inwoner", "instantie"."""
    return actor_word(actor).lower()


def progress_text(progress: Progress, catalog: RouteCatalog) -> str:
    """ "Loopt: Aanvraag ingediend", "Besluit: afgewezen", "Loopt na afwijzing: Bezwaar ingediend", ..."""
    if progress.status is RouteStatus.NOT_STARTED:
        return _tr("Nog niet begonnen")
    if progress.status is RouteStatus.WITHDRAWN:
        return _tr("Ingetrokken")
    if progress.status is RouteStatus.DECIDED:
        return _tr("Besluit: {outcome}").format(outcome=outcome_word(progress.outcome))
    last = catalog.step_name(progress.last_step.data.kind) if progress.last_step else ""
    decision = progress.last_decision
    if decision is not None and decision.data.outcome is not None:
        after = {
            Outcome.GRANTED: _tr("Loopt na toekenning: {step}"),
            Outcome.PARTLY_GRANTED: _tr("Loopt na gedeeltelijke toekenning: {step}"),
            Outcome.REFUSED: _tr("Loopt na afwijzing: {step}"),
        }
        return after.get(decision.data.outcome, _tr("Loopt: {step}")).format(step=last)
    return _tr("Loopt: {step}").format(step=last)


def deadline_state_text(deadline: Deadline, today: date) -> str:
    """ "gehaald op 02-03-2026", "te laat gehaald op …", or for an open one as ``open_state_text``."""
    if deadline.state is DeadlineState.MET:
        met = format_date(deadline.met_on)
        if deadline.met_late:
            return _tr("te laat gehaald op {date}").format(date=met)
        return _tr("gehaald op {date}").format(date=met)
    return open_state_text(deadline.state, deadline.due_on, today)


def open_state_text(state: DeadlineState, due_on: date, today: date) -> str:
    """When something still open is due: "over 12 dagen", "binnenkort, over 5 dagen", "morgen",
    "vandaag", "verlopen, gisteren", "verlopen, 3 dagen geleden"."""
    days = (due_on - today).days
    if days < -1:
        return _tr("verlopen, {days} dagen geleden").format(days=-days)
    if days == -1:
        return _tr("verlopen, gisteren")
    if days == 0:
        return _tr("vandaag")
    if days == 1:
        return _tr("morgen")
    if state is DeadlineState.DUE_SOON:
        return _tr("binnenkort, over {days} dagen").format(days=days)
    return _tr("over {days} dagen").format(days=days)
