"""The running process leaves no core dump and creates owner-only files (Safety, round two, items 8 and 11)."""

from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")


def _proc_field(pid: int, name: str, field: str) -> str:
    for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
        if line.startswith(field):
            return line
    raise AssertionError(f"{field} not in /proc/{pid}/{name}")


def test_the_command_line_waiting_for_a_passphrase_has_no_core_dumps_and_a_private_umask(tmp_path: Path) -> None:
    """Read from /proc while the real command waits at its passphrase prompt, key material to come."""
    import pty

    environment = {key: value for key, value in os.environ.items() if key not in (paths.DB_ENV, PASSPHRASE_ENV)}
    environment[paths.DATA_ENV] = str(tmp_path / "userdata")
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "clientsteun", "demo", "--db", str(tmp_path / "nieuw.db"), "--clients", "1"],
        stdin=secondary, stdout=secondary, stderr=secondary, env=environment, cwd=tmp_path, start_new_session=True,
    )  # fmt: skip
    os.close(secondary)
    try:
        screen = b""
        deadline = time.monotonic() + 30
        while b"wachtwoord" not in screen.lower():
            assert time.monotonic() < deadline, screen
            if select.select([primary], [], [], 1)[0]:
                screen += os.read(primary, 4096)
        limits = _proc_field(process.pid, "limits", "Max core file size")
        assert limits.split()[4:6] == ["0", "0"], limits  # soft and hard limit
        assert _proc_field(process.pid, "status", "Umask").split()[1] == "0077"
    finally:
        process.kill()
        process.wait()
        os.close(primary)


def test_files_and_folders_the_command_line_creates_are_owner_only(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment |= {paths.DATA_ENV: str(tmp_path / "userdata"), PASSPHRASE_ENV: PASSPHRASE}
    db = tmp_path / "data" / "clientsteun.db"
    db.parent.mkdir()
    made = subprocess.run(
        [sys.executable, "-m", "clientsteun", "demo", "--db", str(db), "--clients", "2"],
        env=environment, capture_output=True, text=True, timeout=120, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    exported = subprocess.run(
        [sys.executable, "-m", "clientsteun", "audit", "--db", str(db), "--csv", str(tmp_path / "uit" / "log.csv")],
        env=environment, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    created = [*db.parent.rglob("*"), tmp_path / "uit", tmp_path / "uit" / "log.csv"]
    assert any(path.name == "backups" for path in created)
    for path in created:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path.name}: {oct(mode)}"
