"""The coordinator's quarterly summary over a database of every resident, and combining a team's packages.

The report (``SummaryService.summary`` for the last full quarter, published and written as XLSX)
against reading the same rows raw with plain SQL on a plain SQLCipher connection, in one read
transaction: the residents, their areas of life, the quarter's conversations (municipality, kind,
medium, duration) and signals, every name (for the scrubber), and every route with its steps up to
the quarter's end and its circumstances.  The service groups in SQL and runs the deadline engine
over the routes active in the last 230 days before the quarter (``services.summaries.horizon``),
so the ratio is the price of the engine and of turning counts into tables.  A report
over all the data's years (every conversation, every route through the engine) is timed once too.
Combining: 20 packages (copies of this database's package, each with its own package id and
database id) read, checked and added up into a published report.

    python benchmarks/bench_summary.py [--quick]
"""

from __future__ import annotations

import json
import sys
import tempfile
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

from clientsteun.domain.summary import Period, TableKey, publish_summary
from clientsteun.domain.summary_package import SummaryPackage, package_bytes
from clientsteun.reports.tables import summary_xlsx
from clientsteun.services import Services
from clientsteun.services.summaries import combine_files
from clientsteun.store.connection import connect

from bench_routes import read
from dataset import TODAY, Dataset, run_alone
from measure import Outcome, median, repeat_ms, time_ms, timed

REPORT_LIMIT_MS = 2000.0
COMBINE_LIMIT_MS = 1000.0
PACKAGES = 20
QUARTER = Period(date(2026, 7, 1), date(2026, 9, 30))  # the last full quarter before the data's today
EVERYTHING = Period(date(2000, 1, 1), TODAY)  # every year of the data: all 200,000 conversations
DATES = {"start": QUARTER.start.isoformat(), "end": QUARTER.end.isoformat()}
# The rows the quarter's summary reads, as plain rows (no grouping): what a report has to look at.
SUMMARY_QUERIES = (
    "SELECT municipality, first_contact, created_at, closed_on FROM clients",
    "SELECT c.municipality, d.code FROM client_life_domains d JOIN clients c ON c.id = d.client_id",
    "SELECT c.municipality, v.kind, v.medium, v.duration_minutes FROM conversations v "
    "JOIN clients c ON c.id = v.client_id WHERE v.held_on BETWEEN :start AND :end AND v.contact_made",
    "SELECT s.municipality, c.municipality, s.theme, s.organisation, s.shareable, s.description FROM signals s "
    'JOIN clients c ON c.id = s.client_id WHERE s."on" BETWEEN :start AND :end',
    "SELECT name, alias FROM clients",
    "SELECT name FROM network_members",
    "SELECT r.id, r.client_id, r.kind, c.municipality FROM routes r JOIN clients c ON c.id = r.client_id",
    'SELECT id, route_id, "on", kind, state, outcome, sent_on, received_on, new_due_on FROM route_steps '
    'WHERE "on" <= :end',
    "SELECT route_id, code FROM route_circumstances",
    "SELECT id, from_route_id, to_route_id FROM route_links WHERE kind = 'belongs_to'",
)


def _report(services: Services, period: Period = QUARTER) -> bytes:
    return summary_xlsx(publish_summary(services.summaries.summary(period), 5))


def _copies(package: SummaryPackage, folder: Path) -> list[Path]:
    """``PACKAGES`` files, each as the package of a laptop of its own: every one has this database's
    counts (so the combined counts are 20 times larger), and the shareable signals are dealt out
    over them, as a team's laptops would each hold their own."""
    files = []
    for number in range(PACKAGES):
        units = tuple(replace(unit, signals=unit.signals[number::PACKAGES]) for unit in package.units)
        copy = replace(
            package, package_id=f"00000000-0000-4000-8000-{number:012d}", database_id=f"laptop{number:02d}",
            team=f"Team {number}", units=units,
        )  # fmt: skip
        path = folder / f"pakket-{number:02d}.json"
        path.write_bytes(package_bytes(copy))
        files.append(path)
    return files


def _combine(files: list[Path]) -> bytes:
    return summary_xlsx(publish_summary(combine_files(files), 5))


def _read_raw(files: list[Path]) -> list[object]:
    return [json.loads(path.read_bytes()) for path in files]


def run(services: Services, dataset: Dataset, repeats: int) -> list[Outcome]:
    summary = services.summaries.summary(QUARTER)
    together = summary.sections[0]
    with closing(connect(dataset.path, dataset.key)) as connection:
        rows = [len(found) for found in read(connection, SUMMARY_QUERIES, DATES)]  # type: ignore[arg-type]
        report = repeat_ms(lambda: _report(services), repeats)
        figures = repeat_ms(lambda: services.summaries.summary(QUARTER), repeats)
        raw = repeat_ms(lambda: read(connection, SUMMARY_QUERIES, DATES), repeats)  # type: ignore[arg-type]
    everything = time_ms(lambda: _report(services, EVERYTHING))
    package = services.summaries.package(QUARTER, "Benchmark")
    with tempfile.TemporaryDirectory() as folder:
        files = _copies(package, Path(folder))
        combined = combine_files(files)
        combining = repeat_ms(lambda: _combine(files), repeats)
        parsing = repeat_ms(lambda: _read_raw(files), repeats)
        size = sum(path.stat().st_size for path in files) // PACKAGES
    routes = together.table(TableKey.ROUTES).total
    report_details = (
        f"{len(summary.municipalities)} municipalities; {together.table(TableKey.CONTACTS).total:,} contacts, "
        f"{routes:,} routes started in the quarter; the raw queries read {sum(rows):,} rows "
        f"({rows[2]:,} conversations, {rows[6]:,} routes with {rows[7]:,} steps up to its end)",
        f"the figures alone (SQL counts and the deadline engine, no publishing or XLSX): {median(figures):,.0f} ms",
        f"a report over every year of the data (all conversations, every route through the engine), "
        f"timed once: {everything:,.0f} ms",
    )
    combine_details = (
        f"{PACKAGES} packages of {size:,} bytes each ({len(package.units)} municipalities); baseline: "
        f"reading and parsing the same files as JSON; combined contacts "
        f"{combined.sections[0].table(TableKey.CONTACTS).total:,}",
    )
    report_name = f"Quarterly summary over {dataset.residents:,} residents (XLSX)"
    combine_name = f"Combine {PACKAGES} summary packages (XLSX)"
    return [
        timed(report_name, report, raw, report_details, limit_ms=REPORT_LIMIT_MS),
        timed(combine_name, combining, parsing, combine_details, limit_ms=COMBINE_LIMIT_MS),
    ]


if __name__ == "__main__":
    sys.exit(run_alone(run, "python benchmarks/bench_summary.py"))
