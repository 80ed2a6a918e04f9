"""What a write changed, so each view refreshes only what it names (as Anki's OpChanges).

Every write of the services announces one ``Changes`` after its transaction committed: the areas
it touched and the resident they belong to.  A view that shows none of those areas does nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Area(enum.Flag):
    """The parts of the screen a write can make stale."""

    NONE = 0
    RESIDENTS = enum.auto()  # the resident's row in the list: name, municipality, status, last contact, agreements
    DETAILS = enum.auto()  # the dossier's header and details: name, contact, consent, open or closed
    HELP_QUESTIONS = enum.auto()
    CONVERSATIONS = enum.auto()
    AGREEMENTS = enum.auto()
    ROUTES = enum.auto()  # the dossier's list of routes
    SIGNALS = enum.auto()  # the dossier's signals
    ROUTE = enum.auto()  # one route's window: its details, steps, deadlines, links and signals
    EVIDENCE = enum.auto()  # one route's evidence and documents (a tab of its window)
    AGENDA = enum.auto()  # deadlines, planned steps, meetings and agreements of all residents
    MEETINGS = enum.auto()  # the resident's meetings and their preparation


# What the dossier shows besides its routes and signals: read again together, in one call.
DOSSIER_MAIN = Area.DETAILS | Area.HELP_QUESTIONS | Area.CONVERSATIONS | Area.AGREEMENTS
DOSSIER = DOSSIER_MAIN | Area.ROUTES | Area.SIGNALS


@dataclass(frozen=True)
class Changes:
    """One write's change: ``areas`` of the resident ``client_id``; ``route_id`` when one route changed."""

    areas: Area
    client_id: int
    route_id: int | None = None

    def touches(self, areas: Area) -> bool:
        return bool(self.areas & areas)
