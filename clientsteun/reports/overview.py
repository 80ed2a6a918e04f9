"""The overview "Wat is er al geprobeerd?" for one resident: every route, step and effort in date order.

``overview_data`` turns the resident's routes into plain lines; ``render_overview`` prints them.  The
app shows, prints and saves this PDF; the command line writes the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from clientsteun.domain.dates import format_date, format_long
from clientsteun.domain.deadlines import ACTOR_NAMES, RouteView
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.route_words import OUTCOME_WORDS, STEP_STATE_WORDS, deadline_state_text, progress_text
from clientsteun.domain.routes import Attempt, StepState, attempts
from clientsteun.domain.sheet import DeadlineLine
from clientsteun.domain.timeline import first_line
from clientsteun.reports.document import TEXT_WIDTH, Styles, render, styles, text

TITLE = "Wat is er al geprobeerd?"
SIZE = 9.5
ROOM_FOR_ROWS = 4 * cm  # under a table's heading: its header row and a few rows


@dataclass(frozen=True)
class OverviewLine:
    on: date
    route: str
    what: str
    detail: str = ""


@dataclass(frozen=True)
class OverviewRoute:
    title: str
    facts: tuple[tuple[str, str], ...]  # label and value; empty values are left out
    deadlines: tuple[DeadlineLine, ...] = ()


@dataclass(frozen=True)
class Overview:
    resident: str  # printed on the page, not in the PDF's metadata
    printed_on: date
    lines: tuple[OverviewLine, ...]  # oldest first
    routes: tuple[OverviewRoute, ...]


def overview_data(resident: str, views: Sequence[RouteView], catalog: RouteCatalog, today: date) -> Overview:
    """The overview of ``views`` (one resident's routes) as plain lines."""
    lines = tuple(_line(attempt, catalog) for attempt in attempts(view.route for view in views))
    return Overview(resident, today, lines, tuple(_route(view, catalog, today) for view in views))


def _line(line: Attempt, catalog: RouteCatalog) -> OverviewLine:
    if line.step is not None:
        data = line.step.data
        what = catalog.step_name(data.kind)
        if data.state is not StepState.DONE:
            what += f" ({STEP_STATE_WORDS[data.state]})"
        result = OUTCOME_WORDS[data.outcome] if data.outcome else ""
        parts = (result, first_line(data.reason), first_line(data.note))
        detail = " — ".join(part for part in parts if part)  # as the route window writes outcome and reason
    else:
        assert line.evidence is not None
        evidence = line.evidence
        what = f"Gedaan: {first_line(evidence.data.description)}"
        detail = f"bijlage: {evidence.attachment.file_name}" if evidence.attachment else ""
    return OverviewLine(line.on, line.route.data.title, what, detail)


def _route(view: RouteView, catalog: RouteCatalog, today: date) -> OverviewRoute:
    data = view.route.data
    kind = catalog.kind(data.kind)
    facts = [
        ("Soort", kind.name),
        ("Instantie", data.organisation),
        ("Contactpersoon", data.contact),
        ("Kenmerk", data.reference),
        ("Stand", progress_text(view.progress, catalog)),
    ]
    decision = view.progress.last_decision
    if decision is not None and decision.data.reason:
        facts.append(("Reden van het besluit", decision.data.reason))
    collected = [catalog.documents[c].name for c in kind.documents if c in view.route.documents]
    missing = [catalog.documents[c].name for c in kind.documents if c not in view.route.documents]
    facts += [("Documenten verzameld", ", ".join(collected)), ("Documenten nog nodig", ", ".join(missing))]
    deadlines = tuple(
        DeadlineLine(d.due_on, d.name, data.title, ACTOR_NAMES[d.actor], deadline_state_text(d, today), d.rule.law)
        for d in view.deadlines
    )
    return OverviewRoute(data.title, tuple((label, value) for label, value in facts if value), deadlines)


def render_overview(data: Overview, *, invariant: bool = False) -> bytes:
    """The overview as PDF bytes."""
    return render(overview_story(data), title=TITLE, printed_on=data.printed_on, invariant=invariant)


def overview_story(data: Overview) -> list[Flowable]:
    style = styles(SIZE)
    story: list[Flowable] = [
        Paragraph(text(TITLE), style.title),
        Paragraph(text(f"Voor {data.resident}. Gemaakt op {format_long(data.printed_on)}."), style.body),
    ]
    if not data.lines and not data.routes:
        story.append(Paragraph(text("Er zijn nog geen routes vastgelegd."), style.body))
        return story
    story += _table_heading("Alles op datum", style)
    rows = [(format_date(line.on), line.route, line.what, line.detail) for line in data.lines]
    story.append(_table(style, ("Datum", "Route", "Wat", "Uitkomst of toelichting"), rows, (0.13, 0.22, 0.3, 0.35)))
    story.append(Paragraph(text("Per route"), style.heading))
    for route in data.routes:
        story.append(Paragraph(text(route.title), style.subheading))
        for label, value in route.facts:
            story.append(Paragraph(f"<b>{text(label)}:</b> {text(value)}", style.body))
        if route.deadlines:
            header = ("Uiterlijk", "Termijn", "Wie moet iets doen", "Stand", "Wet")
            cells = [(format_date(d.due_on), d.name, d.actor, d.state, d.law) for d in route.deadlines]
            story.append(_table(style, header, cells, (0.13, 0.3, 0.14, 0.2, 0.23)))
    return story


def _table_heading(title: str, style: Styles) -> list[Flowable]:
    """A heading over a table that may run over pages: here when a few rows fit under it, else on the
    next page.  (Kept with the whole table, a long table would leave the page under the title empty.)"""
    heading = ParagraphStyle("tableHeading", parent=style.heading, keepWithNext=False)
    return [CondPageBreak(ROOM_FOR_ROWS), Paragraph(text(title), heading)]


def _table(style: Styles, header: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[float]) -> Table:
    """A table with a repeated header; a row taller than a page is split inside the row."""
    cell = style.small
    data = [[Paragraph(f"<b>{text(value)}</b>", cell) for value in header]]
    data += [[Paragraph(text(value), cell) for value in row] for row in rows]
    table = Table(data, colWidths=[TEXT_WIDTH * share for share in shares], repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
