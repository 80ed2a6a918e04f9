"""Routes tried: the agenda over all residents, one long route's detail, and a resident's routes.

Each against the same rows read with plain SQL on a plain SQLCipher connection, in one read
transaction as the service reads them.  The services also compute every route's deadlines with
the catalog's rules (the deadline engine); the raw queries do not, so the ratio is the price of
the ORM plus the engine.  For the agenda a cProfile run of one call says where the time goes.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable, Sequence
from contextlib import closing

import sqlcipher3

from clientsteun.services import Services
from clientsteun.store.database import connect

from dataset import ROUTE_EVIDENCE, ROUTE_STEPS, Dataset
from measure import Outcome, median, repeat_ms

AGENDA_LIMIT_MS = 1000.0  # a supporter opens the agenda for the whole team's caseload
DETAIL_LIMIT_MS = 100.0  # opening a route: it should feel immediate
LIST_LIMIT_MS = 100.0  # the routes tab of a dossier
PROFILE_LINES = 12

OPEN_ROUTES = "SELECT r.id FROM routes r JOIN clients c ON c.id = r.client_id WHERE c.status = 'open'"
# What AgendaService.agenda reads: open residents, their routes with circumstances, steps,
# evidence (with the attachment's details, not its data) and documents, and open agreements with a date.
AGENDA_QUERIES = (
    "SELECT id, name, alias, municipality FROM clients WHERE status = 'open'",
    "SELECT r.* FROM routes r JOIN clients c ON c.id = r.client_id WHERE c.status = 'open'",
    f"SELECT * FROM route_circumstances WHERE route_id IN ({OPEN_ROUTES}) ORDER BY route_id, code",
    f'SELECT * FROM route_steps WHERE route_id IN ({OPEN_ROUTES}) ORDER BY route_id, "on", id',
    "SELECT e.*, a.id, a.file_name, a.media_type, a.size, a.sha256 FROM route_evidence e "
    f"LEFT JOIN attachments a ON a.evidence_id = e.id WHERE e.route_id IN ({OPEN_ROUTES}) "
    'ORDER BY e.route_id, e."on", e.id',
    f"SELECT * FROM route_documents WHERE route_id IN ({OPEN_ROUTES}) ORDER BY route_id, code",
    "SELECT a.* FROM agreements a JOIN clients c ON c.id = a.client_id "
    "WHERE c.status = 'open' AND a.done_on IS NULL AND a.due_on IS NOT NULL",
)
# The part of those rows an agenda needs: no evidence, no documents.
AGENDA_NEEDS = (0, 1, 2, 3, 6)

# What RouteService.get_route reads for one route.
DETAIL_QUERIES = (
    "SELECT * FROM routes WHERE id = :id",
    "SELECT * FROM route_circumstances WHERE route_id = :id ORDER BY code",
    'SELECT * FROM route_steps WHERE route_id = :id ORDER BY "on", id',
    "SELECT e.*, a.id, a.file_name, a.media_type, a.size, a.sha256 FROM route_evidence e "
    'LEFT JOIN attachments a ON a.evidence_id = e.id WHERE e.route_id = :id ORDER BY e."on", e.id',
    "SELECT * FROM route_documents WHERE route_id = :id ORDER BY code",
    "SELECT * FROM route_links WHERE from_route_id = :id OR to_route_id = :id ORDER BY id",
    "SELECT id, title FROM routes WHERE client_id = (SELECT client_id FROM routes WHERE id = :id) AND id != :id "
    "ORDER BY created_at, id",
    'SELECT * FROM signals WHERE route_id = :id ORDER BY "on"',
    "SELECT l.from_route_id, l.to_route_id FROM route_links l JOIN routes r ON r.id = l.from_route_id "
    "WHERE r.client_id = (SELECT client_id FROM routes WHERE id = :id) AND l.kind = 'waits_for'",
)

# What RouteService.list_routes reads for one resident.
CLIENT_ROUTES = "SELECT id FROM routes WHERE client_id = :id"
LIST_QUERIES = (
    "SELECT * FROM clients WHERE id = :id",
    "SELECT * FROM routes WHERE client_id = :id ORDER BY created_at, id",
    f"SELECT * FROM route_circumstances WHERE route_id IN ({CLIENT_ROUTES}) ORDER BY route_id, code",
    f'SELECT * FROM route_steps WHERE route_id IN ({CLIENT_ROUTES}) ORDER BY route_id, "on", id',
    "SELECT e.*, a.id, a.file_name, a.media_type, a.size, a.sha256 FROM route_evidence e "
    f"LEFT JOIN attachments a ON a.evidence_id = e.id WHERE e.route_id IN ({CLIENT_ROUTES}) "
    'ORDER BY e.route_id, e."on", e.id',
    f"SELECT * FROM route_documents WHERE route_id IN ({CLIENT_ROUTES}) ORDER BY route_id, code",
    f"SELECT * FROM route_links WHERE from_route_id IN ({CLIENT_ROUTES}) OR to_route_id IN ({CLIENT_ROUTES}) "
    "ORDER BY id",
)


def read(
    connection: sqlcipher3.Connection, queries: Sequence[str], parameters: dict[str, int] | None = None
) -> list[list[tuple[object, ...]]]:
    """The rows of every query, in one read transaction."""
    connection.execute("BEGIN")
    try:
        return [connection.execute(sql, parameters or {}).fetchall() for sql in queries]
    finally:
        connection.execute("COMMIT")


def profile(action: Callable[[], object]) -> list[str]:
    """Where one call spends its time: own time per package, then the functions with the most own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    action()
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw = stats.stats  # type: ignore[attr-defined]  # (file, line, name) -> (calls, primitive, own, cumulative, callers)
    total = sum(entry[2] for entry in raw.values())
    groups: dict[str, float] = {}
    for (file, _line, name), entry in raw.items():
        groups[_package(file, name)] = groups.get(_package(file, name), 0.0) + entry[2]
    lines = [f"profile of one call: {total * 1000:,.0f} ms of own time under cProfile (which slows Python code down)"]
    lines += [
        f"  {share * 1000:7,.0f} ms  {share / total:4.0%}  {group}"
        for group, share in sorted(groups.items(), key=lambda item: -item[1])
        if share / total >= 0.01
    ]
    lines.append("  functions with the most own time:")
    top = sorted(raw.items(), key=lambda item: -item[1][2])[:PROFILE_LINES]
    for (file, line, name), (_calls, calls, own, cumulative, _callers) in top:
        where = f"{_short(file)}:{line}" if line else file
        lines.append(f"  {own * 1000:7,.0f} ms own {cumulative * 1000:7,.0f} ms cum {calls:>9,} calls  {name}  {where}")
    return lines


def _package(file: str, name: str) -> str:
    if file == "~":
        return "SQLCipher calls (execute, fetch)" if "sqlcipher3" in name else "Python built-ins"
    for marker, label in (
        ("sqlalchemy", "SQLAlchemy (ORM loading, SQL compiling)"),
        ("clientsteun/domain", "clientsteun.domain (deadline engine, agenda items)"),
        ("clientsteun/services", "clientsteun.services (mapping rows to domain values)"),
        ("clientsteun", "clientsteun (other)"),
    ):
        if marker in file:
            return label
    return "Python standard library"


def _short(file: str) -> str:
    for marker in ("site-packages/", "/clientsteun/", "/lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def run(services: Services, dataset: Dataset, repeats: int) -> list[Outcome]:
    route_id, client_id = dataset.route_id, dataset.route_client_id
    with closing(connect(dataset.path, dataset.key)) as connection:
        items = services.agenda.agenda()
        agenda_rows = [len(rows) for rows in read(connection, AGENDA_QUERIES)]
        agenda = repeat_ms(services.agenda.agenda, repeats)
        agenda_raw = repeat_ms(lambda: read(connection, AGENDA_QUERIES), repeats)
        needed = [AGENDA_QUERIES[index] for index in AGENDA_NEEDS]
        agenda_needed = repeat_ms(lambda: read(connection, needed), repeats)

        detail = services.routes.get_route(route_id)
        detail_rows = [len(rows) for rows in read(connection, DETAIL_QUERIES, {"id": route_id})]
        opening = repeat_ms(lambda: services.routes.get_route(route_id), repeats)
        opening_raw = repeat_ms(lambda: read(connection, DETAIL_QUERIES, {"id": route_id}), repeats)

        views = services.routes.list_routes(client_id)
        list_rows = [len(rows) for rows in read(connection, LIST_QUERIES, {"id": client_id})]
        listing = repeat_ms(lambda: services.routes.list_routes(client_id), repeats)
        listing_raw = repeat_ms(lambda: read(connection, LIST_QUERIES, {"id": client_id}), repeats)
    overdue = sum(item.overdue for item in items)
    routes, steps, evidence, documents = agenda_rows[1], agenda_rows[3], agenda_rows[4], agenda_rows[5]
    agenda_details = [
        f"{agenda_rows[0]:,} open residents: {routes:,} routes, {steps:,} steps, {evidence:,} efforts, "
        f"{documents:,} documents, {agenda_rows[6]:,} open agreements with a date -> {len(items):,} agenda items "
        f"({overdue:,} overdue)",
        f"raw SQL of only the rows an agenda needs (no evidence, no documents): {median(agenda_needed):,.0f} ms",
        *profile(services.agenda.agenda),
    ]
    view = detail.view
    shown = (len(view.route.steps), len(view.route.evidence), len(detail.siblings), len(view.deadlines))
    list_steps = sum(len(v.route.steps) for v in views)
    list_evidence = sum(len(v.route.evidence) for v in views)
    detail_check, list_check = (), ()
    if shown[:2] != (detail_rows[2], detail_rows[3]) or shown[:2] != (ROUTE_STEPS, ROUTE_EVIDENCE):
        detail_check = (f"WARNING: the service read {shown[:2]} steps and efforts, the raw queries {detail_rows[2:4]}",)
    if (len(views), list_steps, list_evidence) != (list_rows[1], list_rows[3], list_rows[4]):
        list_check = (f"WARNING: the service listed {len(views)} routes, the raw queries {list_rows[1]}",)
    return [
        Outcome(
            f"Agenda of all {dataset.residents:,} residents",
            measured_ms=median(agenda),
            baseline_ms=median(agenda_raw),
            limit_ms=AGENDA_LIMIT_MS,
            details=tuple(agenda_details),
        ),
        Outcome(
            f"Open a route with {ROUTE_STEPS} steps and {ROUTE_EVIDENCE} efforts",
            measured_ms=median(opening),
            baseline_ms=median(opening_raw),
            limit_ms=DETAIL_LIMIT_MS,
            details=(
                f"route {route_id} of resident {client_id}: {shown[0]} steps, {shown[1]} efforts, "
                f"{shown[3]} deadlines, {shown[2]} other routes of the resident; "
                f"the raw queries read {sum(detail_rows):,} rows",
                *detail_check,
            ),
        ),
        Outcome(
            f"List the routes of a resident ({len(views)} routes)",
            measured_ms=median(listing),
            baseline_ms=median(listing_raw),
            limit_ms=LIST_LIMIT_MS,
            details=(
                f"resident {client_id}: {len(views)} routes, {list_steps} steps, {list_evidence} efforts; "
                f"the raw queries read {sum(list_rows):,} rows",
                *list_check,
            ),
        ),
    ]
