"""The command line as a user runs it, for the tests of the command line: a command's run, its plain
Dutch error, what a database holds as the command line lists it.

``run`` calls ``cli.main`` in the test's own process, as ``python -m clientsteun`` would in a process of
its own: its environment, working folder, standard input (not a terminal) and output are the command's
own for the call, and put back afterwards.  ``run_process`` starts the real program; each command has
tests that use it (and every test of a terminal prompt does), so the program as a whole stays tested.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from clientsteun import cli, paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from clientsteun.process import PRIVATE_UMASK
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

TODAY = "23-11-2026"


class Runner(Protocol):
    """``run`` or ``run_process``."""

    def __call__(
        self, tmp_path: Path, *args: str, passphrase: str | None = ..., **env: str
    ) -> subprocess.CompletedProcess[str]: ...


def _environment(tmp_path: Path, passphrase: str | None, env: dict[str, str]) -> dict[str, str]:
    """The test's environment without a database or passphrase of its own, the user folder in ``tmp_path``."""
    environment = {key: value for key, value in os.environ.items() if key not in (paths.DB_ENV, PASSPHRASE_ENV)}
    environment[paths.DATA_ENV] = str(tmp_path / "userdata")
    if passphrase is not None:
        environment[PASSPHRASE_ENV] = passphrase
    environment.update(env)
    return environment


def run_process(
    tmp_path: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, in a process of its own, with the passphrase in the environment
    unless ``None``.  Standard input is not a terminal, so nothing ever waits for a typed passphrase."""
    return subprocess.run(
        [sys.executable, "-m", "clientsteun", *args],
        capture_output=True,
        text=True,
        env=_environment(tmp_path, passphrase, env),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def run(
    tmp_path: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    """The command as ``run_process`` runs it, called in this process: the same environment, working
    folder, exit code and output, in a fraction of the time.  An exception that escapes ``cli.main``
    fails the test with its traceback (the real program would print that traceback)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with _as_the_program(tmp_path, _environment(tmp_path, passphrase, env), stdout, stderr):
        try:
            code = cli.main(list(args))
        except SystemExit as exit:  # argparse: --help, --version, wrong usage
            code = _exit_code(exit.code, stderr)
    return subprocess.CompletedProcess(["clientsteun", *args], code, stdout.getvalue(), stderr.getvalue())


def _exit_code(code: object, stderr: io.StringIO) -> int:
    """What ``sys.exit(code)`` makes the exit status of a real process."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1


@contextlib.contextmanager
def _as_the_program(
    tmp_path: Path, environment: dict[str, str], stdout: io.StringIO, stderr: io.StringIO
) -> Iterator[None]:
    """What a process of its own gives the command, for the time of the call.

    ``cli.main`` hardens its process first (``process.harden``: owner-only files, no core dumps).  Here
    that would harden the test process itself for good, and every real program the tests start after it
    would inherit the protections, so ``test_process.py`` could no longer see the program set them: the
    call gets the owner-only umask it would set, and the rest is left to the real programs.
    Logging goes where it goes in a program that configures none: warnings to standard error; help
    text is as wide as the real program's output into a pipe (80 columns).
    """
    root = logging.getLogger()
    level = root.level
    umask = os.umask(PRIVATE_UMASK)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "harden", lambda: None)
        for key in list(os.environ):
            patch.delenv(key)
        for key, value in {"COLUMNS": "80", **environment}.items():
            patch.setenv(key, value)
        patch.chdir(tmp_path)
        patch.setattr(sys, "stdin", io.StringIO(""))
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        patch.setattr(root, "handlers", [])
        root.setLevel(logging.WARNING)
        try:
            yield
        finally:
            root.setLevel(level)
            os.umask(umask)


def demo(
    tmp_path: Path, db: Path, *extra: str, passphrase: str | None = PASSPHRASE, runner: Runner = run
) -> subprocess.CompletedProcess[str]:
    """A small demo database: 4 residents, 20 conversations, made on ``TODAY``."""
    return runner(tmp_path, "demo", "--db", str(db), "--clients", "4", "--conversations", "20",
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


def made_demo(tmp_path: Path, name: str = "demo.db", *extra: str) -> Path:
    """A demo database made by the command, whose key then unlocks cheaply (see ``cheap_to_unlock``)."""
    db = tmp_path / name
    result = demo(tmp_path, db, *extra)
    assert result.returncode == 0, result.stderr
    cheap_to_unlock(db)
    return db


def cheap_to_unlock(db: Path) -> None:
    """Wrap the database's key under the tests' cheap Argon2 cost, in its key file and the copy among
    the backups (the cost is stored with them): each later command then unlocks in a millisecond, not
    in the real cost's fraction of a second.  The commands that make a key are tested at the real cost."""
    vault = Vault.at(db)
    vault.change_passphrase(vault.unlock(PASSPHRASE), PASSPHRASE, kdf=FAST_KDF)


def run_in_terminal(
    tmp_path: Path, args: list[str], answers: list[str], *, stderr_to: Path | None = None
) -> tuple[int, str]:
    """The command in a real pseudo-terminal (its controlling terminal, as getpass wants): each
    answer is typed after the next prompt ending in ': '.  Returns the exit code and the screen.
    With ``stderr_to``, standard error goes to that file instead (as in ``command 2>file``)."""
    import fcntl
    import pty
    import select
    import termios
    import time

    environment = _environment(tmp_path, None, {})
    primary, secondary = pty.openpty()
    error_file = stderr_to.open("wb") if stderr_to is not None else None

    def take_the_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "clientsteun", *args],
        stdin=secondary, stdout=secondary, stderr=error_file if error_file is not None else secondary,
        env=environment, cwd=tmp_path, preexec_fn=take_the_terminal,
    )  # fmt: skip
    os.close(secondary)
    if error_file is not None:
        error_file.close()
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
