"""One cold start, run in a fresh process by bench_start.py.

    python benchmarks/start_child.py bare
    python benchmarks/start_child.py bare-orm
    CLIENTSTEUN_PASSPHRASE=... python benchmarks/start_child.py app DATABASE

``bare`` shows an empty QMainWindow; ``bare-orm`` does the same after importing SQLAlchemy's ORM
(a floor for any start that reads the database through it); ``app`` starts Clientsteun the way
``clientsteun.app.run`` does, with the passphrase from the environment in place of the one the
user types in the unlock dialog (the dialog itself is not shown: a person's typing is not what is
measured).  Each waits until its window's first paint has been processed, prints one JSON line
with the moments (ms since this script started) at which each phase ended, and exits.  The
parent times the whole start, interpreter included, up to that line.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402  (after the clock: imports are part of what is measured)
import os  # noqa: E402
import sys  # noqa: E402

PAINT_DEADLINE_S = 60
PASSPHRASE_ENV = "CLIENTSTEUN_PASSPHRASE"  # as clientsteun.cli reads it; not imported, that would be measured


def _since_start() -> float:
    return round((time.perf_counter() - STARTED) * 1000, 1)


def main() -> int:
    mode = sys.argv[1]
    marks: dict[str, float] = {}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    class PaintWatch(QObject):
        """Notes the first paint event of one widget."""

        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    if mode in ("bare", "bare-orm"):
        if mode == "bare-orm":
            import sqlalchemy.orm  # noqa: F401
        marks["imports"] = _since_start()
        app = QApplication(sys.argv[:1])
        marks["qapplication"] = _since_start()
        window = QMainWindow()
        window.resize(1280, 800)
        target: QWidget = window
        marks["window"] = _since_start()
    else:
        from pathlib import Path

        from clientsteun.app import build_window, make_application, setup_logging
        from clientsteun.services.safety import SafetyService
        from clientsteun.ui.errors import install_exception_hook
        from clientsteun.ui.safety.start import Opened

        marks["imports"] = _since_start()
        app = make_application()
        setup_logging()
        marks["qapplication"] = _since_start()
        # What StartFlow.run does for an existing database once the passphrase has been typed.
        safety = SafetyService(Path(sys.argv[2]))
        safety.state()  # finishes what a crash interrupted
        key = safety.unlock(os.environ[PASSPHRASE_ENV])  # Argon2 at the key file's cost
        marks["unlock"] = _since_start()
        database = safety.open(key)  # the instance lock
        safety.quick_check(key)  # the integrity check (the app runs it on a worker while the window shows)
        marks["open"] = _since_start()
        window = build_window(Opened(database))  # loads the residents list; logs failed unlocks
        install_exception_hook(window)
        rows = window.client_list.model.rowCount()
        target = window.client_list.table.viewport()  # usable means: the list itself is on screen
        marks["window"] = _since_start()
    watch = PaintWatch()
    target.installEventFilter(watch)
    window.show()
    backup_ms: list[float] = []
    if mode == "app":

        def start_backup() -> None:
            began = time.perf_counter()
            window.safety.start_backup()
            backup_ms.append(round((time.perf_counter() - began) * 1000, 1))

        QTimer.singleShot(0, start_backup)  # as clientsteun.app.run does
        QTimer.singleShot(0, window.offer_drafts)
    deadline = time.perf_counter() + PAINT_DEADLINE_S
    while not watch.painted:
        app.processEvents()
        if time.perf_counter() > deadline:
            print(json.dumps({"error": "no paint event"}), flush=True)
            return 1
    marks["painted"] = _since_start()
    result: dict[str, object] = {"marks": marks}
    if mode == "app":
        result["rows"] = rows
        result["start_backup_before_paint_ms"] = backup_ms[0] if backup_ms else None
    print(json.dumps(result), flush=True)
    if mode == "app":
        window.services.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: it is not measured, and PySide6 can crash while finalizing
    # (seen with the xcb plugin), which would fail a start that has already been measured.
    os._exit(code)
