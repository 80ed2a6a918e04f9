"""The dossier screen's reads: all it shows in one transaction, or only its routes and signals."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.domain.dossier import DossierRoutes, DossierView
from clientsteun.domain.model import ConsentRecord, EvidenceLine, TimelineKind
from clientsteun.domain.rights import note_entries
from clientsteun.domain.timeline import NOTE_HEAD, build_timeline, first_line, route_timeline
from clientsteun.services import mapping
from clientsteun.services.base import Clock, Service, get_row
from clientsteun.services.clients import read_agreements, read_conversation_lines, read_help_questions
from clientsteun.services.meetings import read_held_steps
from clientsteun.services.requests import read_notes
from clientsteun.services.routes import read_route_views, read_signals
from clientsteun.store.database import Database
from clientsteun.store.tables import ClientRow, EvidenceRow, RouteRow


class DossierService(Service):
    def __init__(
        self, database: Database, clock: Clock, catalog: Catalog,
        due_soon_days: Callable[[], int] = lambda: DUE_SOON_DAYS,
    ) -> None:  # fmt: skip
        super().__init__(database, clock)
        self._catalog = catalog.routes
        self._due_soon_days = due_soon_days

    def open(self, client_id: int) -> DossierView:
        """Everything the dossier shows, in one read."""
        with self._db.transaction() as session:
            row = get_row(session, ClientRow, client_id)
            client = mapping.client(row)  # it reads the consents, which the timeline lists
            consents = tuple(ConsentRecord(c.id, mapping.consent_value(c), c.recorded_at.date()) for c in row.consents)
            questions = read_help_questions(session, client_id)
            conversations = read_conversation_lines(session, client_id)
            agreements = read_agreements(session, client_id)
            routes = self._routes(session, client_id)
            notes = note_entries(read_notes(session, client_id))
        timeline = build_timeline(
            client, questions, conversations, agreements, consents, self.today(), routes.timeline + notes
        )
        return DossierView(client, questions, conversations, agreements, timeline, routes)

    def routes(self, client_id: int) -> DossierRoutes:
        """Only the routes and signals (and their part of the timeline): what a change to a route, an
        effort or a signal makes stale."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            return self._routes(session, client_id)

    def _routes(self, session: Session, client_id: int) -> DossierRoutes:
        views = read_route_views(session, client_id, self._catalog, self.today(), self._due_soon_days(), efforts=False)
        signals = read_signals(session, client_id)
        timeline = route_timeline((view.route for view in views), _read_evidence_lines(session, client_id), signals)
        held = read_held_steps(session, client_id)  # a held meeting's step: its conversation is the entry
        timeline = tuple(e for e in timeline if not (e.kind is TimelineKind.ROUTE_STEP and e.ref_id in held))
        return DossierRoutes(tuple(views), signals, timeline)


def _read_evidence_lines(session: Session, client_id: int) -> list[EvidenceLine]:
    """The resident's efforts on their routes, each with the first line of its description only."""
    rows = session.execute(
        select(EvidenceRow.id, EvidenceRow.route_id, EvidenceRow.on, func.substr(EvidenceRow.description, 1, NOTE_HEAD))
        .join(RouteRow, RouteRow.id == EvidenceRow.route_id)
        .where(RouteRow.client_id == client_id)
    )
    return [EvidenceLine(id_, route_id, on, first_line(head)) for id_, route_id, on, head in rows]
