"""The dossier screen's reads: all it shows in one transaction, or only its routes and signals."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.domain.dossier import DossierRoutes, DossierView
from clientsteun.domain.timeline import build_timeline
from clientsteun.services import mapping
from clientsteun.services.base import Clock, Service, get_row
from clientsteun.services.clients import read_agreements, read_conversation_lines, read_help_questions
from clientsteun.services.routes import read_route_views, read_signals
from clientsteun.store.database import Database
from clientsteun.store.tables import ClientRow


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
            client = mapping.client(get_row(session, ClientRow, client_id))
            questions = read_help_questions(session, client_id)
            conversations = read_conversation_lines(session, client_id)
            agreements = read_agreements(session, client_id)
            routes = self._routes(session, client_id)
        timeline = build_timeline(client, questions, conversations, agreements)
        return DossierView(client, questions, conversations, agreements, timeline, routes)

    def routes(self, client_id: int) -> DossierRoutes:
        """Only the routes and signals: what a change to a route or a signal makes stale."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            return self._routes(session, client_id)

    def _routes(self, session: Session, client_id: int) -> DossierRoutes:
        views = read_route_views(session, client_id, self._catalog, self.today(), self._due_soon_days(), efforts=False)
        return DossierRoutes(tuple(views), read_signals(session, client_id))
