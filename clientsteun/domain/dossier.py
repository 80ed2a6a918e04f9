"""The dossier as the screen shows it: read in one call, and its routes part read again alone."""

from __future__ import annotations

from dataclasses import dataclass

from clientsteun.domain.deadlines import RouteView
from clientsteun.domain.model import Agreement, Client, ConversationLine, HelpQuestion, TimelineEntry
from clientsteun.domain.routes import Signal


@dataclass(frozen=True)
class DossierRoutes:
    """The dossier's tabs of routes and signals.  The routes are read without their evidence and
    documents (``Route.evidence`` and ``documents`` are empty): the tab shows where each stands."""

    routes: tuple[RouteView, ...]  # oldest first
    signals: tuple[Signal, ...]  # newest first
    timeline: tuple[TimelineEntry, ...] = ()  # the steps done, the efforts and the signals, newest first


@dataclass(frozen=True)
class DossierView:
    """Exactly what the dossier shows: no note beyond its first line, no step's evidence file."""

    client: Client
    help_questions: tuple[HelpQuestion, ...]  # newest first
    conversations: tuple[ConversationLine, ...]  # newest first
    agreements: tuple[Agreement, ...]  # open first, then by due date
    timeline: tuple[TimelineEntry, ...]  # newest first: everything, the routes' part included
    routes: DossierRoutes
