"""The agenda across all open dossiers: deadlines, planned steps and agreements."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from clientsteun.domain.agenda import AgendaItem, AgendaResident, agreement_item, route_items, sorted_agenda
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DUE_SOON_DAYS, view_route
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, ClientsteunError
from clientsteun.domain.ics import agenda_ics
from clientsteun.domain.model import ClientStatus
from clientsteun.domain.timeline import first_line
from clientsteun.services import mapping
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock, Service
from clientsteun.services.routes import route_query
from clientsteun.store.database import Database
from clientsteun.store.files import write_atomically
from clientsteun.store.tables import AgreementRow, ClientRow, RouteRow


class AgendaService(Service):
    def __init__(self, database: Database, clock: Clock, catalog: Catalog) -> None:
        super().__init__(database, clock)
        self._catalog = catalog.routes
        self._audit = AuditService(database, clock)

    def agenda(self, due_soon_days: int = DUE_SOON_DAYS) -> list[AgendaItem]:
        """Everything ahead and overdue for residents whose dossier is open, soonest first."""
        today = self.today()
        with self._db.transaction() as session:
            residents = {
                row.id: AgendaResident(row.id, row.alias or row.name, row.municipality)
                for row in session.execute(
                    select(ClientRow.id, ClientRow.name, ClientRow.alias, ClientRow.municipality).where(
                        ClientRow.status == ClientStatus.OPEN.value
                    )
                )
            }
            open_ids = list(residents)
            routes = [
                mapping.route(row) for row in session.scalars(route_query().where(RouteRow.client_id.in_(open_ids)))
            ]
            agreements = [
                mapping.agreement(row)
                for row in session.scalars(
                    select(AgreementRow).where(
                        AgreementRow.client_id.in_(open_ids),
                        AgreementRow.done_on.is_(None),
                        AgreementRow.due_on.is_not(None),
                    )
                )
            ]
        items: list[AgendaItem] = []
        for route in routes:
            view = view_route(route, self._catalog, today, due_soon_days)
            items += route_items(residents[route.client_id], view, self._catalog, today, due_soon_days)
        for agreement in agreements:
            item = agreement_item(
                residents[agreement.data.client_id], agreement, first_line(agreement.data.description), today,
                due_soon_days,
            )  # fmt: skip
            if item is not None:
                items.append(item)
        return sorted_agenda(items)

    def export_ics(self, path: Path, items: Sequence[AgendaItem], *, with_names: bool) -> int:
        """Write ``items`` as an iCalendar file and log the export; returns how many were written."""
        try:
            write_atomically(path, agenda_ics(items, self.now(), with_names=with_names).encode("utf-8"))
        except OSError as error:  # a folder that is gone or read-only, a full disk, an open file
            raise ClientsteunError(
                QT_TRANSLATE_NOOP(
                    "errors", "Het agendabestand kon niet worden opgeslagen. Kies een andere map of een andere naam."
                ),
                detail=f"ics export: {type(error).__name__} {error.errno}",  # the path may hold a name
            ) from None
        count = len(items)
        points = "punt" if count == 1 else "punten"
        names = "met namen" if with_names else "zonder namen"
        self._audit.record(AuditAction.EXPORT, detail=f"agenda .ics, {count} {points}, {names}")
        return count
