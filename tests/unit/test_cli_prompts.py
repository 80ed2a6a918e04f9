"""The command line's passphrase: files as Notepad and mistakes make them, and a prompt left with Ctrl+C or Ctrl+D."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.cli.passphrase import MAX_FILE_BYTES, PASSPHRASE_ENV
from clientsteun.store.connection import open_marker
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.cli import TODAY, assert_plain_error, audit_lines, made_demo, names_in, run, run_in_terminal

BOM = "\ufeff"


# --- passphrase files ---------------------------------------------------------------------------


def test_a_new_database_from_a_notepad_file_takes_the_passphrase_without_its_bom_and_line_end(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_bytes((BOM + PASSPHRASE + "\r\n").encode("utf-8"))  # Notepad's UTF-8
    db = tmp_path / "nieuw.db"
    made = run(tmp_path, "demo", "--db", str(db), "--clients", "2", "--passphrase-file", str(secret), passphrase=None)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    assert len(names_in(tmp_path, db)) == 2  # typed (here: from the environment) without the invisible mark
    Vault.at(db).unlock(PASSPHRASE)


def test_a_new_passphrase_with_a_control_character_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text("paarse\tolifant danst traag\n", encoding="utf-8")
    db = tmp_path / "nieuw.db"
    result = run(tmp_path, "demo", "--db", str(db), "--clients", "2", "--passphrase-file", str(secret), passphrase=None)
    assert_plain_error(result, "onzichtbaar teken")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["wachtwoord.txt"]


def database_made_under(db: Path, passphrase: str) -> None:
    """A database whose key file was made with ``passphrase``, as earlier versions did from a file with a BOM."""
    vault = Vault.at(db)
    key, _ = vault.create_key(passphrase, with_recovery=False, kdf=FAST_KDF)
    vault.open(key, create=True).close()


@pytest.mark.parametrize("command", [["clients"], ["check"]], ids=["clients", "check"])
def test_a_key_made_under_a_bom_still_opens_from_that_file_with_advice_to_change_the_passphrase(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "oud.db"
    database_made_under(db, BOM + PASSPHRASE)
    secret = tmp_path / "wachtwoord.txt"
    secret.write_bytes((BOM + PASSPHRASE + "\r\n").encode("utf-8"))
    result = run(tmp_path, *command, "--db", str(db), "--passphrase-file", str(secret), passphrase=None)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1
    assert "onzichtbare teken (BOM)" in result.stderr and "Wachtwoord wijzigen" in result.stderr
    # Trying the clean passphrase first is no failed attempt of the user's.
    log = run(tmp_path, "audit", "--db", str(db), "--passphrase-file", str(secret), passphrase=None)
    assert log.returncode == 0, log.stderr
    assert "Mislukte poging" not in log.stdout


def test_a_key_made_without_a_bom_opens_from_a_file_with_one_without_advice(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    secret = tmp_path / "wachtwoord.txt"
    secret.write_bytes((BOM + PASSPHRASE + "\n").encode("utf-8"))
    result = run(tmp_path, "clients", "--db", str(db), "--passphrase-file", str(secret), passphrase=None)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_wrong_passphrase_file_with_a_bom_counts_as_one_failed_attempt(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    secret = tmp_path / "wachtwoord.txt"
    secret.write_bytes((BOM + "een heel ander wachtwoord\n").encode("utf-8"))
    result = run(tmp_path, "clients", "--db", str(db), "--passphrase-file", str(secret), passphrase=None)
    assert_plain_error(result, "klopt niet")
    assert len([line for line in audit_lines(tmp_path, db) if "Mislukte poging" in line]) == 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param(None, ("te groot", str(MAX_FILE_BYTES)), id="dev-zero"),
        pytest.param(b"a" * (MAX_FILE_BYTES + 1), ("te groot",), id="too-long"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("geen tekstbestand",), id="binary"),
        pytest.param(b"\xff\xfe" + PASSPHRASE.encode("utf-16-le"), ("geen tekstbestand",), id="utf-16"),
        pytest.param(b"", ("leeg",), id="empty"),
        pytest.param((BOM + "\r\n").encode("utf-8"), ("leeg",), id="only-a-bom"),
    ],
)
def test_a_passphrase_file_that_is_not_a_short_text_is_a_plain_error(
    tmp_path: Path, demo_db: Path, content: bytes | None, words: tuple[str, ...]
) -> None:
    secret = Path("/dev/zero") if content is None else tmp_path / "wachtwoord.txt"
    if content is not None:
        secret.write_bytes(content)
    result = run(tmp_path, "clients", "--db", str(demo_db), "--passphrase-file", str(secret), passphrase=None)
    assert_plain_error(result, "wachtwoordbestand", *words)


def test_a_passphrase_file_that_is_a_folder_is_a_plain_error(tmp_path: Path, demo_db: Path) -> None:
    result = run(tmp_path, "clients", "--db", str(demo_db), "--passphrase-file", str(tmp_path), passphrase=None)
    assert_plain_error(result, "wachtwoordbestand kan niet worden gelezen")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_demo(tmp_path_factory.mktemp("prompts"))


# --- Ctrl+C and Ctrl+D --------------------------------------------------------------------------


def test_ctrl_d_at_the_passphrase_prompt_is_a_calm_line_and_exit_code_1(tmp_path: Path, demo_db: Path) -> None:
    code, screen = run_in_terminal(tmp_path, ["clients", "--db", str(demo_db)], ["\x04"])
    assert code == 1, screen
    assert "clientsteun: Er is geen wachtwoord getypt (Ctrl+D). Er is niets veranderd." in screen
    assert "Traceback" not in screen and "EOFError" not in screen


def test_ctrl_c_at_the_passphrase_prompt_is_a_calm_line_and_exit_code_130(tmp_path: Path, demo_db: Path) -> None:
    code, screen = run_in_terminal(tmp_path, ["clients", "--db", str(demo_db)], ["\x03"])
    assert code == 130, screen
    assert "clientsteun: afgebroken met Ctrl+C." in screen
    assert "Traceback" not in screen and "KeyboardInterrupt" not in screen


@pytest.mark.parametrize(("keys", "code"), [("\x03", 130), ("\x04", 1)], ids=["ctrl-c", "ctrl-d"])
def test_leaving_the_prompt_for_a_new_database_makes_nothing(tmp_path: Path, keys: str, code: int) -> None:
    db = tmp_path / "nieuw.db"
    answers = [keys] if keys == "\x03" else [PASSPHRASE, keys]  # Ctrl+D at the second prompt
    ended, screen = run_in_terminal(tmp_path, ["demo", "--db", str(db), "--clients", "2", "--today", TODAY], answers)
    assert ended == code, screen
    assert "Traceback" not in screen
    assert list(tmp_path.glob("nieuw.db*")) == []


@pytest.mark.slow
def test_ctrl_c_while_a_command_runs_ends_it_calmly_with_130_and_leaves_a_sound_database(tmp_path: Path) -> None:
    """Ctrl+C in the terminal while ``demo`` makes thousands of residents, not at a prompt."""
    import fcntl
    import pty
    import select
    import termios

    db = tmp_path / "groot.db"
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment |= {paths.DATA_ENV: str(tmp_path / "userdata"), PASSPHRASE_ENV: PASSPHRASE}
    primary, secondary = pty.openpty()

    def take_the_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "clientsteun", "demo", "--db", str(db), "--clients", "5000", "--today", TODAY],
        stdin=secondary, stdout=secondary, stderr=secondary,
        env=environment, cwd=tmp_path, preexec_fn=take_the_terminal,
    )  # fmt: skip
    os.close(secondary)
    screen = b""
    try:
        deadline = time.monotonic() + 60
        while not open_marker(db).exists():  # the database is open: the residents are being made
            assert process.poll() is None and time.monotonic() < deadline, "demo ended before it could be stopped"
            time.sleep(0.05)
        time.sleep(0.5)
        os.write(primary, b"\x03")
        while select.select([primary], [], [], 30)[0]:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        code = process.wait(timeout=30)
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
            process.wait()
    said = screen.decode("utf-8", "replace")
    assert code == 130, said
    assert said.replace("^C", "").strip() == "clientsteun: afgebroken met Ctrl+C."  # the terminal echoes ^C
    assert not open_marker(db).exists(), "closed as on any other ending"
    checked = run(tmp_path, "check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert names_in(tmp_path, db) == []  # the demo writes all or nothing


def test_on_a_terminal_a_key_made_under_a_bom_is_offered_a_rewrap_under_the_clean_passphrase(
    tmp_path: Path,
) -> None:
    """Item 15: when only the raw first line opens the key file, the command offers to re-wrap it."""
    db = tmp_path / "oud.db"
    database_made_under(db, BOM + PASSPHRASE)
    secret = tmp_path / "wachtwoord.txt"
    secret.write_bytes((BOM + PASSPHRASE + "\r\n").encode("utf-8"))
    code, screen = run_in_terminal(tmp_path, ["clients", "--db", str(db), "--passphrase-file", str(secret)], ["j"])
    assert code == 0, screen
    assert "zonder dat teken? (j/n): " in screen and "Gedaan" in screen
    assert Vault.at(db).unlock(PASSPHRASE)  # typed, without the mark, it opens now
    again = run(tmp_path, "clients", "--db", str(db), "--passphrase-file", str(secret), passphrase=None)
    assert again.returncode == 0 and "onzichtbare teken" not in again.stderr
