"""Run every benchmark in one go and print the figures against their targets.

    ./dev bench                     # 10,000 residents, 200,000 conversations (cached in benchmarks/data/)
    ./dev bench --quick             # 1,000 residents, 20,000 conversations: a smoke run
    ./dev bench --only filter,search --markdown
    ./dev bench --only routes       # the agenda, a route's detail and a resident's routes
    ./dev bench --only refresh      # the window's refresh after saving a route step
    ./dev bench --only sheet,summary    # the preparation sheet; the coordinator's summary and combining

Each figure has a baseline measured in the same run, so the ratio holds across machines even when
the milliseconds do not.  See docs/benchmarks.md for what is measured and the latest figures.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # in-process Qt needs no screen; set before Qt is imported

import argparse
import platform
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import PySide6
import sqlalchemy
import sqlcipher3
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler, qVersion

from clientsteun import paths
from clientsteun.app import make_application

import bench_dossier
import bench_filter
import bench_refresh
import bench_routes
import bench_search
import bench_sheet
import bench_start
import bench_summary
from dataset import FULL, QUICK, Dataset, ensure_dataset, open_services
from measure import Outcome, markdown_table, print_outcomes, results_table

BENCHMARKS = ("start", "filter", "search", "dossier", "routes", "refresh", "sheet", "summary")
IN_PROCESS = set(BENCHMARKS) - {"start"}  # over the services of one open database
# Said by Qt's offscreen plugin whenever a window is shown; it means nothing for these figures.
QT_NOISE = ("This plugin does not support propagateSizeHints()",)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./dev bench", description="Clientsteun benchmarks")
    parser.add_argument("--quick", action="store_true", help="small dataset and fewer repeats: a smoke run")
    parser.add_argument("--regenerate", action="store_true", help="make the cached database again")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--runs", type=int, help="cold starts of each kind (default 7, quick 3)")
    parser.add_argument(
        "--start-platform", default="offscreen", help="Qt platform plugin for the cold starts (e.g. xcb under Xvfb)"
    )
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    args = parser.parse_args(argv)
    chosen = tuple(name.strip() for name in args.only.split(",")) if args.only else BENCHMARKS
    unknown = set(chosen) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    args.chosen = chosen
    return args


def machine_summary() -> list[str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _read_lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    kilobytes = next((line.split()[1] for line in _read_lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    return [
        f"CPU: {cpu}; {len(os.sched_getaffinity(0))} cores available; memory {int(kilobytes) / 2**20:.1f} GiB",
        f"{platform.platform()}; Python {platform.python_version()}; PySide6 {PySide6.__version__}; "
        f"Qt {qVersion()}; SQLAlchemy {sqlalchemy.__version__}; SQLite {sqlcipher3.sqlite_version} "
        f"(SQLCipher {cipher_version()})",
    ]


def cipher_version() -> str:
    with closing(sqlcipher3.connect(":memory:")) as connection:
        return str(connection.execute("PRAGMA cipher_version").fetchone()[0])


def quiet_qt_noise() -> None:
    """Drop Qt's known harmless warnings; everything else still reaches stderr."""

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message not in QT_NOISE:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    dataset = ensure_dataset(QUICK if args.quick else FULL, regenerate=args.regenerate)
    print(f"Clientsteun benchmarks{' (quick)' if args.quick else ''}")
    for line in machine_summary():
        print("  " + line)
    print(
        f"  data: {dataset.path.name}: {dataset.residents:,} residents, {dataset.conversations:,} conversations, "
        f"{dataset.routes:,} routes with {dataset.steps:,} steps"
    )
    # Settings and logs of everything started here go to a throw-away folder, never the user's.
    with tempfile.TemporaryDirectory(prefix="clientsteun-bench-") as folder:
        os.environ[paths.DATA_ENV] = folder
        os.environ.pop(paths.DB_ENV, None)
        outcomes = run_benchmarks(args, dataset)
    print("\n" + results_table(outcomes))
    met = sum(outcome.passed for outcome in outcomes)
    print(f"\n{met} of {len(outcomes)} targets met in {time.perf_counter() - started:.0f} s.")
    if args.markdown:
        print("\n" + markdown_table(outcomes))
    return 0  # a missed target is a finding, not a failure of the run


def run_benchmarks(args: argparse.Namespace, dataset: Dataset) -> list[Outcome]:
    quick = args.quick
    repeats = 3 if quick else 9
    outcomes: list[Outcome] = []

    def report(new: list[Outcome]) -> None:
        print_outcomes(new)
        sys.stdout.flush()
        outcomes.extend(new)

    sys.stdout.flush()
    if "start" in args.chosen:
        report(bench_start.run(dataset, args.runs or (3 if quick else 7), args.start_platform))
    if set(args.chosen) & IN_PROCESS:
        quiet_qt_noise()
        app = make_application([sys.argv[0]])
        with open_services(dataset) as services:  # exclusive, as the app holds it
            if "filter" in args.chosen:
                report(bench_filter.run(app, services, passes=2 if quick else 3))
            if "search" in args.chosen:
                report(bench_search.run(services, dataset, repeats))
            if "dossier" in args.chosen:
                report(bench_dossier.run(app, services, dataset, repeats))
            if "routes" in args.chosen:
                report(bench_routes.run(services, dataset, repeats))
            if "refresh" in args.chosen:
                report(bench_refresh.run(app, services, dataset, repeats))
            if "sheet" in args.chosen:
                report(bench_sheet.run(services, dataset, repeats))
            if "summary" in args.chosen:
                report(bench_summary.run(services, dataset, repeats))
    return outcomes


if __name__ == "__main__":
    sys.exit(main())
