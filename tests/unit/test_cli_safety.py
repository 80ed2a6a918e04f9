"""The command line on files a crash, a full disk or a mistake left: real subprocesses, Dutch lines."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services.safety import SafetyService
from clientsteun.store.connection import open_marker
from clientsteun.store.database import journal_file
from clientsteun.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import assert_plain_error, made_demo, names_in, run
from tests.helpers.crash import crash_in_a_rollback_journal


def test_a_rollback_journal_left_by_a_crash_is_recovered_not_called_read_only(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    before = names_in(tmp_path, db)
    vault = Vault.at(db)
    crash_in_a_rollback_journal(db, vault.unlock(PASSPHRASE), ["Half Geschreven"])
    listed = run(tmp_path, "clients", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert "alleen-lezen" not in listed.stderr
    assert not journal_file(db).exists()
    assert names_in(tmp_path, db) == before
    checked = run(tmp_path, "check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout


# --- a write-ahead log lost after a crash -------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["clients"],
        ["search", "huur"],
        ["deadlines"],
        ["agenda", "--ics", "agenda.ics"],
        ["backup", "--out", "reserve.db"],
        ["audit"],
        ["audit", "--csv", "logboek.csv"],
    ],
    ids=lambda command: command[0] + ("-" + command[1].lstrip("-") if len(command) > 1 else ""),
)
def test_an_ordinary_command_refuses_a_file_whose_log_was_lost_and_keeps_the_warning(
    tmp_path: Path, command: list[str]
) -> None:
    db = made_demo(tmp_path)
    open_marker(db).touch()  # an instance crashed, and its -wal file is gone since
    before = _listing(tmp_path)
    result = run(tmp_path, command[0], "--db", str(db), *command[1:])
    assert_plain_error(result, "-wal", "check --accept", "niets veranderd")
    assert open_marker(db).exists(), "the warning is not cleared by an ordinary command"
    assert _listing(tmp_path) == before, "nothing read into an export, backed up or logged"


def test_check_keeps_reporting_a_lost_log_until_accepted(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    open_marker(db).touch()
    for _ in range(2):
        result = run(tmp_path, "check", "--db", str(db))
        assert result.returncode == 1, result.stdout
        assert "PROBLEEM: het logbestand (-wal) ontbreekt" in result.stdout and "--accept" in result.stdout
        assert open_marker(db).exists()
    accepted = run(tmp_path, "check", "--db", str(db), "--accept")
    assert accepted.returncode == 0, accepted.stdout
    assert "PROBLEEM" not in accepted.stdout and "waarschuwing is nu weg" in accepted.stdout
    assert not open_marker(db).exists()
    assert run(tmp_path, "check", "--db", str(db)).returncode == 0
    assert names_in(tmp_path, db)


def test_a_restore_from_the_command_line_ends_the_warning_with_the_old_file_kept(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(tmp_path / "reserve.db")).returncode == 0
    open_marker(db).touch()
    restored = run(tmp_path, "restore", "--db", str(db), "--from", str(tmp_path / "reserve.db"))
    assert restored.returncode == 0, restored.stderr
    assert not open_marker(db).exists()
    assert list(tmp_path.glob("demo.db.voor-herstel-*")), "the file whose log was lost is kept aside"
    assert run(tmp_path, "clients", "--db", str(db)).returncode == 0


def _listing(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "userdata" not in path.parts
    }


# --- a file that is not ours -------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["clients"], ["demo", "--clients", "2"], ["check"], ["backup", "--out", "reserve.db"], ["audit"]],
    ids=lambda command: command[0],
)
def test_a_plain_sqlite_file_of_another_program_is_refused_before_anything_is_written(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "recepten.db"
    with contextlib.closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("CREATE TABLE recepten (naam TEXT)")
        connection.execute("INSERT INTO recepten VALUES ('erwtensoep')")
    before = _listing(tmp_path)
    result = run(tmp_path, command[0], "--db", str(db), *command[1:])
    assert_plain_error(result, "geen Clientsteun-database", "niets aan veranderd")
    assert _listing(tmp_path) == before, "no key file, no backups/, no encrypted copy"
    assert not (tmp_path / "backups").exists()


def test_check_reports_the_newest_copy_in_the_second_backup_folder(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    stick = tmp_path / "usb-stick"
    (tmp_path / "userdata").mkdir(exist_ok=True)
    (tmp_path / "userdata" / "settings.ini").write_text(
        f"[file]\nformat = 1\n[safety]\nsecond_backup_folder = {stick}\n", encoding="utf-8"
    )
    result = run(tmp_path, "check", "--db", str(db))
    assert result.returncode == 0, result.stdout
    assert "Tweede map voor reservekopieën: niet bereikbaar." in result.stdout
    stick.mkdir()
    key = Vault.at(db).unlock(PASSPHRASE)
    safety = SafetyService(db, second_folder=str(stick))
    assert safety.keeper(RetentionPolicy()).backup(key, "start")
    result = run(tmp_path, "check", "--db", str(db))
    assert result.returncode == 0, result.stdout
    assert any(
        line.startswith("Tweede map voor reservekopieën: 1, de nieuwste van ") and line.endswith(": in orde.")
        for line in result.stdout.splitlines()
    ), result.stdout
