"""The agenda across all open dossiers: deadlines, meetings, planned steps, agreements and missing reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select

from clientsteun.domain.agenda import AgendaItem, AgendaResident, agreement_item, route_items, sorted_agenda
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DUE_SOON_DAYS, answering_steps, belonging_to, view_route
from clientsteun.domain.ics import agenda_ics, writable
from clientsteun.domain.meetings import REPORT_MISSING_DAYS, Meeting, meeting_items
from clientsteun.domain.model import Agreement, AgreementInput, ClientStatus
from clientsteun.domain.routes import LinkKind, Outcome, Route, RouteInput, RouteLink, Step, StepInput, StepState
from clientsteun.domain.timeline import first_line
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock, Service
from clientsteun.services.mapping import meeting
from clientsteun.services.meetings import meeting_query
from clientsteun.services.requests import open_request_items
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    ClientRow,
    MeetingRow,
    NetworkMemberRow,
    RouteCircumstanceRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
)

STATES = {state.value: state for state in StepState}  # a dict lookup instead of an enum call per row
OUTCOMES = {outcome.value: outcome for outcome in Outcome}


class AgendaService(Service):
    def __init__(
        self, database: Database, clock: Clock, catalog: Catalog,
        report_days: Callable[[], int] = lambda: REPORT_MISSING_DAYS,
    ) -> None:  # fmt: skip
        """``report_days`` reads the setting: how long after a meeting a missing report is a reminder."""
        super().__init__(database, clock)
        self._catalog = catalog.routes
        self._meeting_kinds = catalog.meetings
        self._report_days = report_days
        self._audit = AuditService(database, clock)

    def agenda(self, due_soon_days: int = DUE_SOON_DAYS) -> list[AgendaItem]:
        """Everything ahead and overdue for residents whose dossier is open, soonest first.

        Reads plain rows (no ORM objects, no evidence or notes): the agenda looks at every route.
        """
        today = self.today()
        with self._db.transaction() as session:
            open_clients = select(ClientRow.id).where(ClientRow.status == ClientStatus.OPEN.value)
            network: dict[int, list[str]] = defaultdict(list)
            for client_id, member in session.execute(
                select(NetworkMemberRow.client_id, NetworkMemberRow.name).where(
                    NetworkMemberRow.client_id.in_(open_clients)
                )
            ):
                network[client_id].append(member)
            residents = {
                row.id: AgendaResident(
                    row.id, row.alias or row.name, row.municipality, (row.name, row.alias), tuple(network[row.id])
                )
                for row in session.execute(
                    select(ClientRow.id, ClientRow.name, ClientRow.alias, ClientRow.municipality).where(
                        ClientRow.status == ClientStatus.OPEN.value
                    )
                )
            }
            open_routes = select(RouteRow.id).join(ClientRow).where(ClientRow.status == ClientStatus.OPEN.value)
            steps: dict[int, list[Step]] = defaultdict(list)
            for step_id, route_id, on, kind, state, outcome, sent_on, received_on, new_due_on in session.execute(
                select(
                    RouteStepRow.id, RouteStepRow.route_id, RouteStepRow.on, RouteStepRow.kind,
                    RouteStepRow.state, RouteStepRow.outcome, RouteStepRow.sent_on, RouteStepRow.received_on,
                    RouteStepRow.new_due_on,
                ).where(RouteStepRow.route_id.in_(open_routes))
            ):  # fmt: skip
                data = StepInput(
                    route_id, on, kind, STATES[state], OUTCOMES[outcome] if outcome else None,
                    sent_on=sent_on, received_on=received_on, new_due_on=new_due_on,
                )  # fmt: skip
                steps[route_id].append(Step(step_id, data))
            circumstances: dict[int, list[str]] = defaultdict(list)
            for route_id, code in session.execute(
                select(RouteCircumstanceRow.route_id, RouteCircumstanceRow.code).where(
                    RouteCircumstanceRow.route_id.in_(open_routes)
                )
            ):
                circumstances[route_id].append(code)
            links = [
                RouteLink(link_id, source, target, LinkKind.BELONGS_TO)
                for link_id, source, target in session.execute(
                    select(RouteLinkRow.id, RouteLinkRow.from_route_id, RouteLinkRow.to_route_id).where(
                        RouteLinkRow.kind == LinkKind.BELONGS_TO.value
                    )
                )
            ]
            routes = [
                Route(
                    route_id,
                    RouteInput(client_id, kind, title, circumstances=tuple(circumstances[route_id])),
                    steps=tuple(sorted(steps[route_id], key=lambda s: (s.data.on, s.id))),
                    evidence=(),
                    documents={},
                    links=(),
                )
                for route_id, client_id, kind, title in session.execute(
                    select(RouteRow.id, RouteRow.client_id, RouteRow.kind, RouteRow.title).where(
                        RouteRow.id.in_(open_routes)
                    )
                )
            ]
            agreements = [
                Agreement(agreement_id, AgreementInput(client_id, description, who, due_on), created_on)
                for agreement_id, client_id, description, who, due_on, created_on in session.execute(
                    select(
                        AgreementRow.id, AgreementRow.client_id, AgreementRow.description, AgreementRow.who,
                        AgreementRow.due_on, AgreementRow.created_on,
                    ).where(
                        AgreementRow.client_id.in_(list(residents)),
                        AgreementRow.done_on.is_(None),
                        AgreementRow.due_on.is_not(None),
                    )
                )
            ]  # fmt: skip
            meeting_rows = session.scalars(meeting_query().where(MeetingRow.client_id.in_(list(residents))))
            meetings = [meeting(row) for row in meeting_rows]
            requests = open_request_items(session, today, due_soon_days)
        answering, belongs = answering_steps(routes, links), belonging_to(routes, links)
        items: list[AgendaItem] = []
        meeting_steps = {m.data.step_id for m in meetings if m.data.step_id is not None}
        for route in routes:
            resident = residents[route.client_id]
            view = view_route(
                route, self._catalog, today, due_soon_days, answering.get(route.id, ()), resident.municipality,
                belongs.get(route.id, ()),
            )  # fmt: skip
            items += route_items(resident, view, self._catalog, today, due_soon_days, meeting_steps)
        items += self._meeting_items(meetings, residents, routes, today, due_soon_days)
        for agreement in agreements:
            item = agreement_item(
                residents[agreement.data.client_id], agreement, first_line(agreement.data.description), today,
                due_soon_days,
            )  # fmt: skip
            if item is not None:
                items.append(item)
        return sorted_agenda(items + requests)

    def _meeting_items(
        self, meetings: list[Meeting], residents: dict[int, AgendaResident], routes: list[Route], today: date,
        due_soon_days: int,
    ) -> list[AgendaItem]:  # fmt: skip
        """Each meeting once (with the planned step it is) and its missing report, about the step's route
        or else the first route it is about."""
        titles = {route.id: route.data.title for route in routes}
        step_routes = {step.id: route.id for route in routes for step in route.steps}
        report_days = self._report_days()
        items: list[AgendaItem] = []
        for found in meetings:
            data = found.data
            route_id = step_routes.get(data.step_id) if data.step_id is not None else None
            route_id = route_id or next((r for r in data.route_ids if r in titles), None)
            items += meeting_items(
                residents[data.client_id], found, self._meeting_kinds.name(data.kind), today,
                route_id=route_id, route_title=titles.get(route_id, "") if route_id else "",
                due_soon_days=due_soon_days, report_days=report_days,
            )  # fmt: skip
        return items

    def export_ics(self, path: Path, items: Sequence[AgendaItem], *, with_names: bool) -> int:
        """Write ``items`` as an iCalendar file and log the export; returns how many were written.

        An item with a date no calendar can hold (stored before new dates were limited to
        1900–2200) is left out: fewer written than given says how many.
        """
        kept, left_out = writable(items)
        count = len(kept)
        points = "punt" if count == 1 else "punten"
        names = "met namen" if with_names else "zonder namen"
        skipped = f", {len(left_out)} weggelaten" if left_out else ""
        content = agenda_ics(kept, self.now(), with_names=with_names).encode("utf-8")
        detail = f"agenda .ics, {count} {points}, {names}{skipped}"
        self._audit.export(path, content, AuditAction.EXPORT, detail=detail)
        return count
