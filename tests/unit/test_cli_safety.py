"""The command line on files a crash, a full disk or a mistake left: real subprocesses, Dutch lines."""

from __future__ import annotations

from pathlib import Path

from clientsteun.store.database import journal_file
from clientsteun.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.crash import crash_in_a_rollback_journal
from tests.unit.test_cli import made_demo, names_in, run


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
