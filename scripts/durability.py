"""Kill a saving Clientsteun process many times with SIGKILL and check every confirmed save after each kill.

    .venv/bin/python scripts/durability.py                       # 1,000 kills in a temporary folder
    .venv/bin/python scripts/durability.py --rounds 50 --seed 7 --folder /tmp/run --csv rounds.csv

The harness itself (the child that saves, the kill, the checks) is tests/e2e/save_driver.py; the
test suite runs 25 of these rounds (tests/e2e/test_durability.py).  See docs/reliability.md for
what is checked and the figures of the latest run.  Exits with 1 when any round failed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the harness lives with the tests

import sqlcipher3  # noqa: E402

from tests.e2e.save_driver import DurabilityHarness, summary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1000, help="how many kills (default 1000)")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's choices (the timing still varies)")
    parser.add_argument("--full-every", type=int, default=25, help="compare every record every N rounds (25)")
    parser.add_argument(
        "--folder", type=Path, default=None, help="work here and keep the files (default: a temp folder)"
    )
    parser.add_argument("--csv", type=Path, default=None, help="write one line per round to this CSV file")
    parser.add_argument("--stop-on-failure", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="print every 50th round only")
    args = parser.parse_args(argv)

    seed = args.seed if args.seed is not None else random.randrange(2**32)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="clientsteun-durability-"))
    key = os.urandom(32)  # a fresh data key: the file holds only generated, fictional records
    print(f"Durability run: {args.rounds} kills, seed {seed}, folder {folder}")
    with contextlib.closing(sqlcipher3.connect(":memory:")) as connection:
        cipher = connection.execute("PRAGMA cipher_version").fetchone()[0]
    print(
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.system()} {platform.release()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlcipher3.sqlite_version}, SQLCipher {cipher}",
        flush=True,
    )
    started = time.perf_counter()
    harness = DurabilityHarness(folder, key, seed=seed, full_every=args.full_every)
    fatal = False
    for _ in range(args.rounds):
        result = harness.run_round()
        if not args.quiet or result.problems or result.number % 50 == 0:
            print(result.line(), flush=True)
        if result.problems and (args.stop_on_failure or result.records is None):
            fatal = True  # a file that does not open ends the run: every later round would fail the same way
            break
    final = [] if fatal else harness.final_check()
    total = time.perf_counter() - started
    print()
    for line in summary(harness.rounds, total):
        print(line)
    verdict = "not run" if fatal else "OK" if not final else "FAIL: " + "; ".join(final[:5])
    print(f"{'final check of every record':<50} {verdict}")
    if args.csv is not None:
        write_csv(args.csv, harness)
    failed = fatal or bool(final) or any(r.problems for r in harness.rounds)
    if args.folder is None and not failed:
        shutil.rmtree(folder)
    elif failed:
        print(f"The files are kept in {folder}")
    return 1 if failed else 0


def write_csv(path: Path, harness: DurabilityHarness) -> None:
    names = [item.name for item in dataclasses.fields(harness.rounds[0])] if harness.rounds else []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        for result in harness.rounds:
            row = dataclasses.asdict(result)
            row["problems"] = " | ".join(result.problems)
            writer.writerow(row)


if __name__ == "__main__":
    sys.exit(main())
