"""The preparation sheet's data from the database, and writing the sheet as a PDF.

For a meeting (or the resident's next planned one, or a general sheet when none is planned): the
meeting, who comes along, the preparation's answers and questions, every route with its attempts,
why the usual alternatives do not fit, what the resident may ask for, the deadlines running, and the
documents to bring.  Whatever the resident marked "not on the sheet" is left out here, so it never
reaches the renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from clientsteun.domain import sheet
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import ACTOR_NAMES, DUE_SOON_DAYS, RouteView
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.meetings import (
    ALTERNATIVES,
    NOT_WORKING,
    RESIDENT_LABELS,
    ROLE_NAMES,
    SUPPORTER_LABELS,
    WANTS,
    Answer,
    Meeting,
    Preparation,
    alternative_key,
    answer_key,
    route_key,
)
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.route_words import OUTCOME_WORDS, STEP_STATE_WORDS, deadline_state_text, progress_text
from clientsteun.domain.routes import Attempt, StepState, attempts
from clientsteun.domain.sheet import SheetData, SheetVariant
from clientsteun.domain.timeline import first_line
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock, Service, get_row
from clientsteun.services.mapping import meeting, preparation
from clientsteun.services.meetings import find_preparation, read_next_meeting
from clientsteun.services.routes import read_route_views
from clientsteun.store.database import Database
from clientsteun.store.tables import ClientRow, MeetingRow

AGREEMENT_LINES = 6  # lines to write the agreements on, at a meeting


class SheetService(Service):
    def __init__(
        self, database: Database, clock: Clock, catalog: Catalog,
        due_soon_days: Callable[[], int] = lambda: DUE_SOON_DAYS,
    ) -> None:  # fmt: skip
        super().__init__(database, clock)
        self._catalog = catalog
        self._due_soon_days = due_soon_days
        self._audit = AuditService(database, clock)

    def sheet_data(
        self, client_id: int, meeting_id: int | None = None, variant: SheetVariant = SheetVariant.RESIDENT
    ) -> SheetData:
        """The sheet for the meeting; without ``meeting_id`` for the next planned meeting, or a general
        sheet when none is planned.  The meeting's preparation is used, else the general one."""
        today = self.today()
        with self._db.transaction() as session:
            client = get_row(session, ClientRow, client_id)
            found = self._meeting(session, client_id, meeting_id, today)
            row = find_preparation(session, client_id, found.id) if found is not None else None
            row = row or find_preparation(session, client_id, None)
            prepared = preparation(row) if row is not None else None
            views = read_route_views(session, client_id, self._catalog.routes, today, self._due_soon_days())
            name = client.alias or client.name
        return build_sheet(name, today, found, prepared, views, self._catalog, variant)

    def export_sheet(
        self, target: Path, data: SheetData, client_id: int, *,
        variant: SheetVariant = SheetVariant.RESIDENT, large: bool = False,
    ) -> Path:  # fmt: skip
        """Render ``data`` (from ``sheet_data``, as previewed) and write it to ``target`` through the safe
        write, then log it; returns the path."""
        from clientsteun.reports.sheet import render_sheet  # ReportLab loads only when a sheet is made

        content = render_sheet(data, variant=variant, large=large)
        size = ", grote letters" if large else ""
        detail = f"voorbereidingsblad, {variant.value}{size}"
        return self._audit.export(target, content, AuditAction.PREPARATION_SHEET, client_id=client_id, detail=detail)

    def _meeting(self, session: Session, client_id: int, meeting_id: int | None, today: date) -> Meeting | None:
        if meeting_id is None:
            return read_next_meeting(session, client_id, today)
        found = meeting(get_row(session, MeetingRow, meeting_id))
        if found.data.client_id != client_id:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit gesprek hoort bij een andere inwoner."))
        return found


def build_sheet(
    resident: str,
    today: date,
    found: Meeting | None,
    prepared: Preparation | None,
    views: Sequence[RouteView],
    catalog: Catalog,
    variant: SheetVariant,
) -> SheetData:
    """The sheet as plain data: only what is on the sheet, every text final."""
    routes = catalog.routes
    keep = prepared.on_sheet if prepared is not None else (lambda key: True)
    shown = [view for view in views if keep(route_key(view.route.id))]
    titles = {view.route.id: view.route.data.title for view in views}
    kind_name = catalog.meetings.name(found.data.kind) if found is not None else ""
    return SheetData(
        title=f"Voorbereiding {kind_name.lower()}".strip() if found is not None else "Voorbereiding",
        resident=resident,
        printed_on=today,
        meeting=_meeting_info(found, kind_name, titles),
        companions=_companions(found, variant),
        wants=_answers(prepared, WANTS, variant),
        not_working=_answers(prepared, NOT_WORKING, variant),
        tried=tuple(_tried(view, prepared, routes, variant) for view in shown),
        not_fitting=_not_fitting(shown, keep),
        questions=tuple(q.text for q in prepared.sheet_questions()) if prepared is not None else (),
        entitlements=_entitlements(shown, routes),
        deadlines=_deadlines(shown, today),
        bring=_bring(shown, prepared, routes),
        agreement_lines=AGREEMENT_LINES if found is not None else 0,
        next_steps=_next_steps(shown, found, routes, today),
    )


def _meeting_info(found: Meeting | None, kind_name: str, titles: dict[int, str]) -> sheet.MeetingInfo | None:
    if found is None:
        return None
    data = found.data
    about = tuple(titles[route_id] for route_id in data.route_ids if route_id in titles)
    return sheet.MeetingInfo(data.on, data.start_time, data.place, data.organisation, data.consulent, kind_name, about)


def _companions(found: Meeting | None, variant: SheetVariant) -> tuple[sheet.Companion, ...]:
    if found is None:
        return ()
    lower = variant is SheetVariant.RESIDENT
    return tuple(
        sheet.Companion(ROLE_NAMES[c.role].lower() if lower else ROLE_NAMES[c.role], c.name)
        for c in found.data.companions
    )


def _answers(
    prepared: Preparation | None, which: tuple[Answer, ...], variant: SheetVariant
) -> tuple[sheet.Answer, ...]:
    if prepared is None:
        return ()
    labels = RESIDENT_LABELS if variant is SheetVariant.RESIDENT else SUPPORTER_LABELS
    return tuple(
        sheet.Answer(text, labels[answer] or "") for answer, text in prepared.sheet_answers() if answer in which
    )


def _tried(
    view: RouteView, prepared: Preparation | None, routes: RouteCatalog, variant: SheetVariant
) -> sheet.TriedRoute:
    route = view.route
    kind = routes.kind(route.data.kind)
    lines = [a for a in attempts([route]) if prepared is None or prepared.attempt_on_sheet(a)]
    return sheet.TriedRoute(
        title=route.data.title,
        kind=kind.name,
        status=progress_text(view.progress, routes),
        organisation=route.data.organisation,
        reference=route.data.reference,
        law=kind.law,
        steps=tuple(_step(line, routes, variant) for line in lines),
        evidence_count=sum(1 for line in lines if line.evidence is not None),
        documents_collected=sum(1 for code in kind.documents if code in route.documents),
        documents_total=len(kind.documents),
    )


def _step(line: Attempt, routes: RouteCatalog, variant: SheetVariant) -> sheet.TriedStep:
    if line.evidence is not None:
        return sheet.TriedStep(line.on, first_line(line.evidence.data.description))
    assert line.step is not None
    data = line.step.data
    if variant is SheetVariant.RESIDENT and data.state is StepState.DONE:
        what = routes.step_for_resident(data.kind)
    else:
        what = routes.step_name(data.kind)
    outcome = OUTCOME_WORDS[data.outcome] if data.outcome is not None else ""
    result = " — ".join(part for part in (outcome, first_line(data.reason), first_line(data.note)) if part)
    state = "" if data.state is StepState.DONE else STEP_STATE_WORDS[data.state]
    return sheet.TriedStep(line.on, what, result, state)


def _not_fitting(views: Sequence[RouteView], keep: Callable[[str], bool]) -> tuple[sheet.NotFitting, ...]:
    found = []
    for view in views:
        test = view.route.data.reversed_test
        for name in ALTERNATIVES:
            why = getattr(test, name).strip()
            if why and keep(alternative_key(view.route.id, name)):
                found.append(sheet.NotFitting(sheet.Alternative(name), why, view.route.data.title))
    return tuple(found)


def _entitlements(views: Sequence[RouteView], routes: RouteCatalog) -> tuple[sheet.Entitlement, ...]:
    kinds = dict.fromkeys(view.route.data.kind for view in views)
    return tuple(
        sheet.Entitlement(kind.name, kind.explanation, kind.for_resident, kind.law)
        for kind in (routes.kind(code) for code in kinds)
        if kind.explanation or kind.for_resident
    )


def _deadlines(views: Sequence[RouteView], today: date) -> tuple[sheet.DeadlineLine, ...]:
    lines = [
        sheet.DeadlineLine(
            d.due_on, d.name, view.route.data.title, ACTOR_NAMES[d.actor], deadline_state_text(d, today), d.rule.law
        )
        for view in views
        for d in view.open_deadlines
    ]
    return tuple(sorted(lines, key=lambda line: line.due_on))


def _bring(
    views: Sequence[RouteView], prepared: Preparation | None, routes: RouteCatalog
) -> tuple[sheet.BringItem, ...]:
    """The documents of each route kind's checklist (ticked when collected), then what the resident wrote."""
    items: dict[str, sheet.BringItem] = {}
    for view in views:
        for code in routes.kind(view.route.data.kind).documents:
            document = routes.documents.get(code)
            in_hand = code in view.route.documents or (code in items and items[code].in_hand)
            items[code] = sheet.BringItem(
                document.name if document else code, routes.document_for_resident(code), in_hand
            )
    own = []
    if prepared is not None and prepared.on_sheet(answer_key(Answer.BRING)):
        own = [sheet.BringItem(line.strip()) for line in prepared.answer(Answer.BRING).splitlines() if line.strip()]
    return (*items.values(), *own)


def _next_steps(
    views: Sequence[RouteView], found: Meeting | None, routes: RouteCatalog, today: date
) -> tuple[sheet.NextStep, ...]:
    """The steps planned on the routes after today, except the one that is this meeting."""
    own_step = found.data.step_id if found is not None else None
    steps = [
        (step.data.on, routes.step_name(step.data.kind))
        for view in views
        for step in view.route.steps
        if step.data.state is StepState.PLANNED and step.data.on >= today and step.id != own_step
    ]
    return tuple(sheet.NextStep(what, on) for on, what in sorted(steps))
