"""Routes tried: the route, its steps, evidence and attached files, the checklist, links and signals."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload, undefer

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.changes import Area
from clientsteun.domain.deadlines import (
    DUE_SOON_DAYS,
    RouteDetail,
    RouteView,
    answering_steps,
    belonging_to,
    view_route,
)
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import (
    Evidence,
    EvidenceInput,
    LinkKind,
    NewAttachment,
    Route,
    RouteInput,
    RouteLink,
    Signal,
    SignalInput,
    Step,
    StepInput,
    StepState,
    wait_cycle,
)
from clientsteun.services import mapping
from clientsteun.services.base import ChangeFeed, Clock, Service, get_or_add, get_row
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AttachmentRow,
    ClientRow,
    EvidenceRow,
    HelpQuestionRow,
    MeetingRow,
    RouteCircumstanceRow,
    RouteDocumentRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)

# A route's steps, its links and its details start and meet deadlines: they show in the route's
# window, the dossier's list of routes and the agenda.
ROUTE_CHANGE = Area.ROUTE | Area.ROUTES | Area.AGENDA


def route_query(*, efforts: bool = True) -> Select[RouteRow]:
    """Routes with everything a RouteView needs, loaded in a few queries; ``efforts``: their evidence
    and documents too."""
    query = select(RouteRow).options(selectinload(RouteRow.circumstances), selectinload(RouteRow.steps))
    return query.options(selectinload(RouteRow.evidence), selectinload(RouteRow.documents)) if efforts else query


class RouteService(Service):
    def __init__(
        self, database: Database, clock: Clock, catalog: Catalog, changes: ChangeFeed | None = None,
        due_soon_days: Callable[[], int] = lambda: DUE_SOON_DAYS,
    ) -> None:  # fmt: skip
        """``due_soon_days`` is read at every use, so a changed setting holds at once."""
        super().__init__(database, clock, changes)
        self._catalog = catalog.routes
        self._due_soon_days = due_soon_days

    # -- reading -------------------------------------------------------------------------------

    def list_routes(self, client_id: int) -> list[RouteView]:
        """The resident's routes, oldest first, each with its progress and deadlines."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            return read_route_views(session, client_id, self._catalog, self.today(), self._due_soon_days())

    def get_route(self, route_id: int, *, efforts: bool = True) -> RouteDetail:
        """The route with its deadlines, the resident's other routes, its signals and the circle it
        waits in; ``efforts=False`` leaves its evidence and documents out (unread)."""
        with self._db.transaction() as session:
            row = session.scalars(route_query(efforts=efforts).where(RouteRow.id == route_id)).first()
            if row is None:
                raise NotFound(detail=f"routes {route_id}")
            links = tuple(read_links(session, [route_id]).get(route_id, ()))
            route = mapping.route(row, links, efforts=efforts)
            belonging = [link for link in route.links if link.kind is LinkKind.BELONGS_TO]
            children = [link.from_route for link in belonging if link.to_route == route_id]
            answering = [
                mapping.step(step)
                for step in session.scalars(select(RouteStepRow).where(RouteStepRow.route_id.in_(children)))
            ]
            parents = [link.to_route for link in belonging if link.from_route == route_id]
            belongs_to = [
                mapping.route(parent, (), efforts=False)
                for parent in session.scalars(route_query(efforts=False).where(RouteRow.id.in_(parents)))
            ]
            siblings = dict(
                session.execute(
                    select(RouteRow.id, RouteRow.title)
                    .where(RouteRow.client_id == row.client_id, RouteRow.id != route_id)
                    .order_by(RouteRow.created_at, RouteRow.id)
                ).all()
            )
            signals = tuple(
                mapping.signal(s)
                for s in session.scalars(select(SignalRow).where(SignalRow.route_id == route_id).order_by(SignalRow.on))
            )
            circle = read_circle(session, row.client_id)
            municipality = read_municipality(session, row.client_id)
        return RouteDetail(
            view=view_route(
                route, self._catalog, self.today(), self._due_soon_days(), answering, municipality, belongs_to
            ),
            siblings=siblings,
            signals=signals,
            circle=circle if route_id in circle else (),
        )

    def attachment(self, evidence_id: int) -> NewAttachment:
        """The file attached to an effort, checked against the fingerprint taken when it was stored."""
        with self._db.transaction() as session:
            row = session.scalars(
                select(AttachmentRow)
                .where(AttachmentRow.evidence_id == evidence_id)
                .options(undefer(AttachmentRow.data))
            ).first()
            if row is None:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Bij dit bewijs hoort geen bestand."))
            if hashlib.sha256(row.data).hexdigest() != row.sha256:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Het bestand bij dit bewijs is beschadigd. Zet een reservekopie terug of voeg het opnieuw toe.",
                    )
                )
            return NewAttachment(row.file_name, row.media_type, row.data)

    # -- the route -----------------------------------------------------------------------------

    def save_route(self, route_id: int | None, data: RouteInput) -> Route:
        """Add (``route_id`` None) or change a route's details."""
        data = data.validated()
        now = self.now()
        with self._db.transaction() as session:
            get_row(session, ClientRow, data.client_id)
            if data.help_question_id is not None:  # checked before a new row is in the session
                question = get_row(session, HelpQuestionRow, data.help_question_id)
                if question.client_id != data.client_id:
                    raise InvalidInput(detail="help question of another resident")
            row = get_or_add(session, RouteRow, route_id, created_at=now)
            if data.kind != row.kind and data.kind not in {kind.code for kind in self._catalog.kinds}:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze soort route staat niet in de catalogus."))
            if route_id is not None and row.client_id != data.client_id:
                raise InvalidInput(detail="a route cannot move to another resident")
            row.client_id = data.client_id
            row.kind = data.kind
            row.title = data.title
            row.help_question_id = data.help_question_id
            row.life_domain = data.life_domain
            row.organisation = data.organisation
            row.contact = data.contact
            row.reference = data.reference
            test = data.reversed_test
            row.wanted_effect = test.wanted_effect
            row.own_strength = test.own_strength
            row.network = test.network
            row.paying_self = test.paying_self
            row.general_facility = test.general_facility
            row.legal_basis = test.legal_basis
            current = {c.code: c for c in row.circumstances}
            row.circumstances = [current.get(code) or RouteCircumstanceRow(code=code) for code in data.circumstances]
            row.updated_at = now
            session.flush()
            route = mapping.route(row, tuple(read_links(session, [row.id]).get(row.id, ())))
        self._announce(ROUTE_CHANGE | Area.EVIDENCE, data.client_id, route.id)  # its kind names the documents
        return route

    def delete_route(self, route_id: int) -> None:
        """Removes the route with its steps, evidence and files; its signals stay, without the route."""
        with self._db.transaction() as session:
            row = get_row(session, RouteRow, route_id)
            client_id = row.client_id
            session.delete(row)
        self._announce(ROUTE_CHANGE | Area.EVIDENCE | Area.SIGNALS, client_id, route_id)

    # -- steps ---------------------------------------------------------------------------------

    def save_step(self, step_id: int | None, data: StepInput) -> Step:
        data = data.validated(self.today())
        kind = self._catalog.step_kinds.get(data.kind)
        if kind is None:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze soort stap staat niet in de catalogus."))
        if kind.decision and data.state is StepState.DONE and data.outcome is None:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies de uitkomst van het besluit."))
        if not kind.decision:
            data = replace(data, outcome=None)
        if not (kind.extends or kind.suspends or kind.consents):
            data = replace(data, new_due_on=None)  # only these steps name a new date
        with self._db.transaction() as session:
            route = get_row(session, RouteRow, data.route_id)
            row = get_or_add(session, RouteStepRow, step_id, route_id=route.id)
            if row.route_id != route.id:
                raise InvalidInput(detail="a step cannot move to another route")
            row.on = data.on
            row.kind = data.kind
            row.state = data.state.value
            row.outcome = None if data.outcome is None else data.outcome.value
            row.reason = data.reason
            row.note = data.note
            row.sent_on = data.sent_on
            row.received_on = data.received_on
            row.new_due_on = data.new_due_on
            route.updated_at = self.now()
            session.flush()
            # A meeting planned as this step is the same event: it moves with it until it is held.
            meeting = session.scalar(
                select(MeetingRow).where(MeetingRow.step_id == row.id, MeetingRow.conversation_id.is_(None))
            )
            moved = meeting is not None and meeting.on != data.on
            if meeting is not None:
                meeting.on = data.on
            step = mapping.step(row)
            client_id = route.client_id
        self._announce(ROUTE_CHANGE | (Area.MEETINGS if moved else Area(0)), client_id, data.route_id)
        return step

    def delete_step(self, step_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, RouteStepRow, step_id)
            route = get_row(session, RouteRow, row.route_id)
            client_id, route_id = route.client_id, route.id
            session.delete(row)
        self._announce(ROUTE_CHANGE, client_id, route_id)

    # -- evidence and the checklist ------------------------------------------------------------

    def save_evidence(
        self,
        evidence_id: int | None,
        data: EvidenceInput,
        attachment: NewAttachment | None = None,
        *,
        remove_attachment: bool = False,
    ) -> Evidence:
        """Add or change an effort; ``attachment`` adds or replaces its file."""
        data = data.validated()
        attachment = None if attachment is None else attachment.validated()
        with self._db.transaction() as session:
            client_id = get_row(session, RouteRow, data.route_id).client_id
            row = get_or_add(session, EvidenceRow, evidence_id, route_id=data.route_id)
            if row.route_id != data.route_id:
                raise InvalidInput(detail="evidence cannot move to another route")
            row.on = data.on
            row.description = data.description
            if attachment is not None or remove_attachment:
                row.attachment = None
                session.flush()  # the old file goes before the new one takes its place
            if attachment is not None:
                row.attachment = AttachmentRow(
                    file_name=attachment.file_name,
                    media_type=attachment.media_type,
                    size=len(attachment.data),
                    sha256=hashlib.sha256(attachment.data).hexdigest(),
                    data=attachment.data,
                )
            session.flush()
            evidence = mapping.evidence(row)
        self._announce(Area.EVIDENCE, client_id, data.route_id)  # evidence shows in the route's window only
        return evidence

    def delete_evidence(self, evidence_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, EvidenceRow, evidence_id)
            route = get_row(session, RouteRow, row.route_id)
            client_id, route_id = route.client_id, route.id
            session.delete(row)
        self._announce(Area.EVIDENCE, client_id, route_id)

    def set_document(self, route_id: int, code: str, collected_on: date | None) -> None:
        """Mark a document of the checklist collected on a date, or not collected with None."""
        if collected_on is not None and code not in self._catalog.documents:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit document staat niet in de catalogus."))
        with self._db.transaction() as session:
            client_id = get_row(session, RouteRow, route_id).client_id
            row = session.get(RouteDocumentRow, (route_id, code))
            if collected_on is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(RouteDocumentRow(route_id=route_id, code=code, collected_on=collected_on))
            else:
                row.collected_on = collected_on
        self._announce(Area.EVIDENCE, client_id, route_id)

    # -- links ---------------------------------------------------------------------------------

    def add_link(self, from_route: int, to_route: int, kind: LinkKind) -> tuple[int, ...]:
        """Link two routes of one resident.  Returns the circle of waiting routes this closes, or ()."""
        if from_route == to_route:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Een route kan niet aan zichzelf worden gekoppeld."))
        with self._db.transaction() as session:
            source = get_row(session, RouteRow, from_route)
            target = get_row(session, RouteRow, to_route)
            if source.client_id != target.client_id:
                raise InvalidInput(detail="routes of different residents")
            exists = session.scalars(
                select(RouteLinkRow).where(
                    RouteLinkRow.from_route_id == from_route,
                    RouteLinkRow.to_route_id == to_route,
                    RouteLinkRow.kind == kind.value,
                )
            ).first()
            if exists is not None:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze koppeling bestaat al."))
            session.add(RouteLinkRow(from_route_id=from_route, to_route_id=to_route, kind=kind.value))
            session.flush()
            client_id = source.client_id
            circle = read_circle(session, client_id)
        self._announce(ROUTE_CHANGE, client_id)  # both routes: a linked step can meet the other's deadline
        return circle if from_route in circle else ()

    def delete_link(self, link_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, RouteLinkRow, link_id)
            client_id = get_row(session, RouteRow, row.from_route_id).client_id
            session.delete(row)
        self._announce(ROUTE_CHANGE, client_id)

    # -- signals -------------------------------------------------------------------------------

    def save_signal(self, signal_id: int | None, data: SignalInput) -> Signal:
        data = data.validated()
        if data.theme not in {theme.code for theme in self._catalog.signal_themes}:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit thema staat niet in de catalogus."))
        with self._db.transaction() as session:
            get_row(session, ClientRow, data.client_id)
            if data.route_id is not None and get_row(session, RouteRow, data.route_id).client_id != data.client_id:
                raise InvalidInput(detail="signal on a route of another resident")
            row = get_or_add(session, SignalRow, signal_id)
            row.client_id = data.client_id
            row.route_id = data.route_id
            row.on = data.on
            row.theme = data.theme
            row.organisation = data.organisation
            row.municipality = data.municipality
            row.description = data.description
            row.shareable = data.shareable
            session.flush()
            signal = mapping.signal(row)
        self._announce(Area.SIGNALS | Area.ROUTE, data.client_id, data.route_id)  # the dossier's, and its route's
        return signal

    def delete_signal(self, signal_id: int) -> None:
        with self._db.transaction() as session:
            row = get_row(session, SignalRow, signal_id)
            client_id, route_id = row.client_id, row.route_id
            session.delete(row)
        self._announce(Area.SIGNALS | Area.ROUTE, client_id, route_id)

    def list_signals(self, client_id: int) -> list[Signal]:
        """The resident's signals, newest first."""
        with self._db.transaction() as session:
            return list(read_signals(session, client_id))


# -- reads shared with the dossier's one read (``DossierService.open``) -------------------------------


def read_route_views(
    session: Session, client_id: int, catalog: RouteCatalog, today: date, due_soon_days: int, *, efforts: bool = True
) -> list[RouteView]:
    """The resident's routes, oldest first, each with its progress and deadlines (a by-law's term as the
    resident's municipality sets it); ``efforts=False`` leaves their evidence and documents out (unread),
    which neither progress nor deadlines use."""
    rows = session.scalars(
        route_query(efforts=efforts).where(RouteRow.client_id == client_id).order_by(RouteRow.created_at, RouteRow.id)
    ).all()
    links = read_links(session, [row.id for row in rows])
    routes = [mapping.route(row, tuple(links.get(row.id, ())), efforts=efforts) for row in rows]
    all_links = {link for route in routes for link in route.links}
    answering, belongs = answering_steps(routes, all_links), belonging_to(routes, all_links)
    municipality = read_municipality(session, client_id)
    return [
        view_route(
            route, catalog, today, due_soon_days, answering.get(route.id, ()), municipality, belongs.get(route.id, ())
        )
        for route in routes
    ]


def read_municipality(session: Session, client_id: int) -> str:
    """The resident's municipality, which chooses the terms its by-laws set."""
    return session.scalar(select(ClientRow.municipality).where(ClientRow.id == client_id)) or ""


def read_signals(session: Session, client_id: int) -> tuple[Signal, ...]:
    """The resident's signals, newest first."""
    rows = session.scalars(
        select(SignalRow).where(SignalRow.client_id == client_id).order_by(SignalRow.on.desc(), SignalRow.id.desc())
    )
    return tuple(mapping.signal(row) for row in rows)


def read_links(session: Session, route_ids: list[int]) -> dict[int, list[RouteLink]]:
    """The links from and to each of the routes, by route id."""
    found: dict[int, list[RouteLink]] = {}
    rows = session.scalars(
        select(RouteLinkRow)
        .where(or_(RouteLinkRow.from_route_id.in_(route_ids), RouteLinkRow.to_route_id.in_(route_ids)))
        .order_by(RouteLinkRow.id)
    )
    wanted = set(route_ids)
    for row in rows:
        link = mapping.link(row)
        for end in {link.from_route, link.to_route} & wanted:
            found.setdefault(end, []).append(link)
    return found


def read_circle(session: Session, client_id: int) -> tuple[int, ...]:
    """The resident's routes that wait for each other in a circle, or ()."""
    waits = session.execute(
        select(RouteLinkRow.from_route_id, RouteLinkRow.to_route_id)
        .join(RouteRow, RouteRow.id == RouteLinkRow.from_route_id)
        .where(RouteRow.client_id == client_id, RouteLinkRow.kind == LinkKind.WAITS_FOR.value)
    )
    return wait_cycle((source, target) for source, target in waits)
