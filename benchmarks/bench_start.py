"""Cold start: Clientsteun up to a painted main window, against a bare PySide6 window.

Every start is a fresh interpreter (start_child.py).  The kinds of start take turns, so that
drift in the machine affects them alike.  The operating system's file cache is warm after the
warm-up starts: this is the start a user sees when they open the app a second time that day.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dataset import PASSPHRASE, Dataset
from measure import Outcome, format_ms, median

CHILD = Path(__file__).resolve().parent / "start_child.py"
MAX_RATIO = 2.0
# The moments start_child.py reports, with what happens between the previous one and this one.
# Bare starts have no "unlock" and "open": those phases are left out of their breakdown.
PHASES = {
    "imports": "Python imports",
    "qapplication": "QApplication, translations, logging",
    "unlock": "unlock: Argon2 on the key file's passphrase wrap",
    "open": "open the database: instance lock, quick integrity check",
    "window": "build the window (app: load the residents list)",
    "painted": "show until the first paint is processed",
}


@dataclass(frozen=True)
class Start:
    total_ms: float  # from launching the process until its report arrived
    marks: dict[str, float]  # ms after the child script started, per phase
    rows: int | None  # rows in the residents list (app starts only)
    backup_ms: float | None  # the start backup, when it ran before the first paint (app starts only)


def start_once(mode: str, args: list[str], env: dict[str, str]) -> Start:
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, str(CHILD), mode, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        total_ms = (time.perf_counter() - started) * 1000
        _, errors = process.communicate()
    if not line or process.returncode != 0:
        raise RuntimeError(f"cold start '{mode}' failed (exit {process.returncode}): {line}{errors[-2000:]}")
    report = json.loads(line)
    marks = {name: float(value) for name, value in report["marks"].items()}
    return Start(total_ms, marks, report.get("rows"), report.get("start_backup_before_paint_ms"))


def run(dataset: Dataset, runs: int, platform: str = "offscreen") -> list[Outcome]:
    kinds = {"bare": [], "bare-orm": [], "app": [str(dataset.path)]}
    starts: dict[str, list[Start]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory(prefix="clientsteun-bench-start-") as folder:
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = platform
        env["CLIENTSTEUN_DATA_DIR"] = folder  # settings and log of the started app go here
        env["CLIENTSTEUN_PASSPHRASE"] = PASSPHRASE  # typed by the user in the unlock dialog
        env.pop("CLIENTSTEUN_DB", None)
        for kind, args in kinds.items():
            start_once(kind, args, env)  # warm-up: byte code and file cache
        for _ in range(runs):
            for kind, args in kinds.items():
                starts[kind].append(start_once(kind, args, env))
    totals = {kind: [start.total_ms for start in done] for kind, done in starts.items()}
    app_ms, bare_ms, orm_ms = median(totals["app"]), median(totals["bare"]), median(totals["bare-orm"])
    details = [
        f"{runs} starts of each kind, taking turns, after one warm-up start each; Qt platform '{platform}'.",
        f"app: {dataset.residents:,} residents loaded, {starts['app'][0].rows:,} rows shown "
        "(closed dossiers are hidden by default).",
        "app starts (ms): " + ", ".join(f"{t:.0f}" for t in totals["app"]),
        "bare starts (ms): " + ", ".join(f"{t:.0f}" for t in totals["bare"]),
        f"bare start that first imports sqlalchemy.orm (a floor for this stack): {format_ms(orm_ms)}, "
        f"{orm_ms / bare_ms:.2f}x bare.",
    ]
    for kind in ("bare", "app"):
        details.append(f"{kind} start, median ms per phase:")
        interpreter = median([start.total_ms - start.marks["painted"] for start in starts[kind]])
        details.append(f"    {interpreter:7.1f}  process and interpreter start (seen by the parent)")
        previous = 0.0
        for phase, meaning in PHASES.items():
            if phase not in starts[kind][0].marks:
                continue
            moment = median([start.marks[phase] for start in starts[kind]])
            details.append(f"    {moment - previous:7.1f}  {meaning}")
            previous = moment
    backups = [start.backup_ms for start in starts["app"] if start.backup_ms is not None]
    if backups:
        details.append(
            f"the start backup ran before the first paint in {len(backups)} of {runs} app starts "
            f"(median {median(backups):.0f} ms, included above)."
        )
    else:
        details.append("the start backup ran after the first paint in every app start (not measured).")
    label = "Cold start to painted main window"
    if platform != "offscreen":
        label += f" ({platform})"
    return [Outcome(label, measured_ms=app_ms, baseline_ms=bare_ms, max_ratio=MAX_RATIO, details=tuple(details))]
