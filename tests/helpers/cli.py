"""The command line as a user runs it, for the tests of the command line: a command's run, its plain
Dutch error, what a database holds as the command line lists it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from clientsteun import paths
from clientsteun.cli_passphrase import PASSPHRASE_ENV
from tests.conftest import PASSPHRASE

TODAY = "23-11-2026"


def run(
    tmp_path: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, with the passphrase in the environment unless ``None``.

    Standard input is not a terminal, so nothing ever waits for a typed passphrase.
    """
    environment = {key: value for key, value in os.environ.items() if key not in (paths.DB_ENV, PASSPHRASE_ENV)}
    environment[paths.DATA_ENV] = str(tmp_path / "userdata")
    if passphrase is not None:
        environment[PASSPHRASE_ENV] = passphrase
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "clientsteun", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def demo(
    tmp_path: Path, db: Path, *extra: str, passphrase: str | None = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    return run(tmp_path, "demo", "--db", str(db), "--clients", "4", "--conversations", "20",
               "--today", TODAY, *extra, passphrase=passphrase)  # fmt: skip


def assert_plain_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("clientsteun: ")
    assert result.stderr.count("\n") == 1  # one line, no traceback
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def names_in(tmp_path: Path, db: Path) -> list[str]:
    listed = run(tmp_path, "clients", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    return [row["name"] for row in json.loads(listed.stdout)]


def audit_lines(tmp_path: Path, db: Path) -> list[str]:
    result = run(tmp_path, "audit", "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{len(lines) - 1} regels"
    return lines[:-1]


def made_demo(tmp_path: Path, name: str = "demo.db") -> Path:
    db = tmp_path / name
    result = demo(tmp_path, db)
    assert result.returncode == 0, result.stderr
    return db


def run_in_terminal(tmp_path: Path, args: list[str], answers: list[str]) -> tuple[int, str]:
    """The command in a real pseudo-terminal (its controlling terminal, as getpass wants): each
    answer is typed after the next prompt ending in ': '.  Returns the exit code and the screen."""
    import fcntl
    import pty
    import select
    import termios
    import time

    environment = {key: value for key, value in os.environ.items() if key not in (paths.DB_ENV, PASSPHRASE_ENV)}
    environment[paths.DATA_ENV] = str(tmp_path / "userdata")
    primary, secondary = pty.openpty()

    def take_the_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "clientsteun", *args],
        stdin=secondary, stdout=secondary, stderr=secondary,
        env=environment, cwd=tmp_path, preexec_fn=take_the_terminal,
    )  # fmt: skip
    os.close(secondary)
    screen = b""
    pending = list(answers)
    try:
        while True:
            ready, _, _ = select.select([primary], [], [], 30)
            assert ready, f"no output for 30 s; the screen so far: {screen!r}"
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            screen += chunk
            if pending and screen.rstrip(b"\r\n").endswith(b": "):
                # getpass turns echo off (and flushes early input) around its prompt: type as a
                # person would, a moment after the prompt appeared.
                time.sleep(0.3)
                os.write(primary, pending.pop(0).encode("utf-8") + b"\n")
        return process.wait(timeout=30), screen.decode("utf-8", "replace")
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
            process.wait()
