"""A first start killed at any step leaves a folder that starts: resumed, or undone and begun afresh.

Before, a kill between writing the key file and making the database left a key file without a
database, and every later start took the database for lost.  ``first_start_driver.py`` runs the
real command line (``demo`` on a new database) and kills itself with SIGKILL before its n-th
file-changing call, for every n; each time the next commands must work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from tests.conftest import PASSPHRASE

DRIVER = Path(__file__).with_name("first_start_driver.py")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _environment(folder: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment.update(
        {
            PASSPHRASE_ENV: PASSPHRASE,
            paths.DATA_ENV: str(folder / "userdata"),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
    )
    return environment


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=_environment(folder),
        stdin=subprocess.DEVNULL, timeout=120, check=False,
    )  # fmt: skip


def _round(base: Path, kill_at: int) -> str:
    """Kill the first start before step ``kill_at``, then start again; returns what the next start found."""
    folder = base / f"round-{kill_at:03d}"
    folder.mkdir()
    db = folder / "kantoor.db"
    result = _run(folder, str(DRIVER), str(kill_at), str(db))
    assert result.returncode == -signal.SIGKILL, f"step {kill_at}: {result.returncode} {result.stderr}"
    left = sorted(path.name for path in folder.iterdir() if path.name != "userdata")
    again = _run(folder, "-m", "clientsteun", "demo", "--db", str(db), "--clients", "1")
    if "bevat al inwoners" in again.stderr:
        found = "made"  # the first start had got as far as filling the database
    else:
        assert again.returncode == 0, f"killed before step {kill_at} leaving {left}: {again.stderr}"
        found = "resumed" if "kantoor.db" in left else "afresh"
    checked = _run(folder, "-m", "clientsteun", "check", "--db", str(db))
    assert checked.returncode == 0, f"killed before step {kill_at} leaving {left}: {checked.stdout}"
    return found


@pytest.mark.slow
def test_a_first_start_killed_at_any_step_leaves_a_folder_that_starts(tmp_path: Path) -> None:
    whole = _run(tmp_path, str(DRIVER), "0", str(tmp_path / "heel" / "kantoor.db"))
    assert whole.returncode == 0 and whole.stdout.startswith("1 inwoners"), whole.stderr
    steps = int(whole.stdout.split("STEPS ")[1])
    assert steps > 5
    with ThreadPoolExecutor(max_workers=4) as pool:  # each round in a folder of its own
        outcomes = list(pool.map(lambda kill_at: _round(tmp_path, kill_at), range(1, steps + 1)))
    assert {"afresh", "resumed", "made"} <= set(outcomes), outcomes
