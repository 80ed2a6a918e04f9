"""Files the app keeps become owner-only at every start, also those made before the umask was set."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from clientsteun.services.safety import SafetyService
from clientsteun.store.permissions import tighten
from tests.helpers.cli import made_demo, run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; on Windows the profile protects the files")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _open_up(paths: list[Path]) -> None:
    """As an older version (or a copy by hand) left them: readable by everyone."""
    for path in paths:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _kept(tmp_path: Path, db: Path) -> list[Path]:
    user = tmp_path / "userdata"
    (user / "logs").mkdir(parents=True, exist_ok=True)
    (user / "logs" / "clientsteun.log").write_text("start\n", encoding="utf-8")
    (user / "settings.ini").write_text("[file]\nformat = 1\n", encoding="utf-8")
    backups = db.parent / "backups"
    return [
        db,
        db.with_name(db.name + ".key"),
        db.with_name(db.name + ".attempts"),
        backups,
        *backups.iterdir(),
        user,
        user / "settings.ini",
        user / "logs",
        user / "logs" / "clientsteun.log",
    ]


def test_the_command_line_makes_the_files_it_keeps_owner_only(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(tmp_path / "reserve.db")).returncode == 0
    kept = _kept(tmp_path, db)
    _open_up(kept)
    result = run(tmp_path, "clients", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert {str(path): oct(_mode(path)) for path in kept} == {
        str(path): oct(0o700 if path.is_dir() else 0o600) for path in kept
    }


def test_a_database_without_a_key_file_is_left_as_it_is(tmp_path: Path) -> None:
    foreign = tmp_path / "recepten.db"
    foreign.write_bytes(b"SQLite format 3\x00" + bytes(100))
    foreign.chmod(0o644)
    assert tighten(foreign, tmp_path / "userdata") == []
    assert _mode(foreign) == 0o644


def test_tightening_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    kept = _kept(tmp_path, db)
    _open_up(kept)
    assert sorted(tighten(db, tmp_path / "userdata")) == sorted(kept)
    assert tighten(db, tmp_path / "userdata") == []
    SafetyService(db).protect_files(tmp_path / "userdata")  # the same, through the service the front ends call
    assert all(_mode(path) in (0o600, 0o700) for path in kept)
