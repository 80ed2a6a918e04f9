"""One run: every screenshot in docs/ (see the package's docstring)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from clientsteun import paths
from clientsteun.app import make_application
from clientsteun.domain.catalog import load_catalog

from . import documents, meetings, safety, windows
from .stage import DOCS, Stage

DEMO_SEED = 7
YEAR_AGO = timedelta(days=400)  # the retention worklist's demo ended this long ago


def main() -> int:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" or not os.environ.get("DISPLAY"):
        print("Run this under Xvfb (see the docstring): it photographs a real screen.", file=sys.stderr)
        return 2
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils for the pictures of the PDFs.", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="clientsteun-shots-"))
    os.environ[paths.DATA_ENV] = str(folder)
    app = make_application()
    catalog = load_catalog(paths.catalog_dir())
    stage = Stage.open(app, folder, catalog, DEMO_SEED)
    try:
        windows.take(stage)
        meetings.take(stage)
        safety.take(stage, windows.busiest_resident(stage))
        meeting = meetings.prepared_meeting(stage)
        tried = windows.most_tried(stage)
        documents.take(stage, catalog, meeting.data.client_id, meeting.id, tried)
        safety.take_audit_log(stage)
    finally:
        stage.close()
    old = Stage.open(app, folder / "vorig-jaar", catalog, DEMO_SEED, ended=date.today() - YEAR_AGO)
    try:
        safety.take_retention(old)
    finally:
        old.close()
    shutil.rmtree(folder, ignore_errors=True)  # the demo databases: fictional, but no need to keep them
    if shutil.which("optipng"):  # lossless: the pictures stay sharp, the repository smaller
        subprocess.run(["optipng", "-quiet", "-o2", *map(str, sorted(DOCS.glob("*.png")))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
