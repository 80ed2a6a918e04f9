"""The words for where a route stands, without Qt: the printed overview and the command line use them
as they are, the app (``ui/routes/words.py``) passes its translator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import Deadline, DeadlineState
from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import Outcome, Progress, RouteStatus, StepState

Translate = Callable[[str], str]

OUTCOME_WORDS = {
    Outcome.OPEN: QT_TRANSLATE_NOOP("Routes", "nog open"),
    Outcome.GRANTED: QT_TRANSLATE_NOOP("Routes", "toegekend"),
    Outcome.PARTLY_GRANTED: QT_TRANSLATE_NOOP("Routes", "deels toegekend"),
    Outcome.REFUSED: QT_TRANSLATE_NOOP("Routes", "afgewezen"),
    Outcome.WITHDRAWN: QT_TRANSLATE_NOOP("Routes", "ingetrokken"),
}

STEP_STATE_WORDS = {
    StepState.DONE: QT_TRANSLATE_NOOP("Routes", "gedaan"),
    StepState.PLANNED: QT_TRANSLATE_NOOP("Routes", "gepland"),
    StepState.MISSED: QT_TRANSLATE_NOOP("Routes", "gemist"),
    StepState.NOT_NEEDED: QT_TRANSLATE_NOOP("Routes", "niet nodig"),
}


def progress_text(progress: Progress, catalog: RouteCatalog, translate: Translate = str) -> str:
    """ "Loopt: Aanvraag ingediend", "Besluit: afgewezen", "Loopt na afwijzing: Bezwaar ingediend", ..."""
    if progress.status is RouteStatus.NOT_STARTED:
        return translate("Nog niet begonnen")
    if progress.status is RouteStatus.WITHDRAWN:
        return translate("Ingetrokken")
    if progress.status is RouteStatus.DECIDED:
        return translate("Besluit: {outcome}").format(outcome=translate(OUTCOME_WORDS[progress.outcome]))
    last = catalog.step_name(progress.last_step.data.kind) if progress.last_step else ""
    decision = progress.last_decision
    if decision is not None and decision.data.outcome is not None:
        after = {
            Outcome.GRANTED: translate("Loopt na toekenning: {step}"),
            Outcome.PARTLY_GRANTED: translate("Loopt na gedeeltelijke toekenning: {step}"),
            Outcome.REFUSED: translate("Loopt na afwijzing: {step}"),
        }
        return after.get(decision.data.outcome, translate("Loopt: {step}")).format(step=last)
    return translate("Loopt: {step}").format(step=last)


def deadline_state_text(deadline: Deadline, today: date, translate: Translate = str) -> str:
    """ "gehaald op 02-03-2026", "te laat gehaald op …", or for an open one as ``open_state_text``."""
    if deadline.state is DeadlineState.MET:
        met = format_date(deadline.met_on)
        if deadline.met_late:
            return translate("te laat gehaald op {date}").format(date=met)
        return translate("gehaald op {date}").format(date=met)
    return open_state_text(deadline.state, deadline.due_on, today, translate)


def open_state_text(state: DeadlineState, due_on: date, today: date, translate: Translate = str) -> str:
    """When something still open is due: "over 12 dagen", "binnenkort, over 5 dagen", "morgen",
    "vandaag", "verlopen, gisteren", "verlopen, 3 dagen geleden"."""
    days = (due_on - today).days
    if days < -1:
        return translate("verlopen, {days} dagen geleden").format(days=-days)
    if days == -1:
        return translate("verlopen, gisteren")
    if days == 0:
        return translate("vandaag")
    if days == 1:
        return translate("morgen")
    if state is DeadlineState.DUE_SOON:
        return translate("binnenkort, over {days} dagen").format(days=days)
    return translate("over {days} dagen").format(days=days)
