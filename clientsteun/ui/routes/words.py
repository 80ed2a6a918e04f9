"""The words for where a route stands, translated, for the dossier, the route window and the agenda.

The words themselves live in ``domain/route_words.py`` (the printed overview and the command line use them too)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from clientsteun.domain import route_words
from clientsteun.domain.deadlines import ACTOR_NAMES, Deadline, DeadlineState
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.route_words import OUTCOME_WORDS, STEP_STATE_WORDS
from clientsteun.domain.routes import Actor, Outcome, Progress, StepState


def _tr(text: str) -> str:
    return QCoreApplication.translate("Routes", text)


def outcome_word(outcome: Outcome) -> str:
    return _tr(OUTCOME_WORDS[outcome])


def step_state_word(state: StepState) -> str:
    return _tr(STEP_STATE_WORDS[state])


def actor_word(actor: Actor) -> str:
    """Who must act, as a table's column shows it: "Inwoner", "Instantie"."""
    return QCoreApplication.translate("deadlines", ACTOR_NAMES[actor])


def actor_in_sentence(actor: Actor) -> str:
    """The same word inside a sentence: "inwoner", "instantie"."""
    return actor_word(actor).lower()


def progress_text(progress: Progress, catalog: RouteCatalog) -> str:
    """ "Loopt: Aanvraag ingediend", "Besluit: afgewezen", "Loopt na afwijzing: Bezwaar ingediend", ..."""
    return route_words.progress_text(progress, catalog, _tr)


def deadline_state_text(deadline: Deadline, today: date) -> str:
    """ "gehaald op 02-03-2026", "te laat gehaald op …", or for an open one as ``open_state_text``."""
    return route_words.deadline_state_text(deadline, today, _tr)


def open_state_text(state: DeadlineState, due_on: date, today: date) -> str:
    """When something still open is due: "over 12 dagen", "morgen", "verlopen, gisteren", ..."""
    return route_words.open_state_text(state, due_on, today, _tr)
