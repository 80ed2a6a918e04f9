"""A file the user asks for never takes the place of a file the app keeps (Safety, round two, item 1)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.errors import ClientsteunError
from clientsteun.services import Services
from clientsteun.store.exports import (
    KEPT_SUFFIXES,
    TargetNotAFile,
    TargetRefused,
    TargetUnwritable,
    write_user_file,
)
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE


def snapshot(folder: Path, *, open_db: bool = False) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes; with ``open_db`` less the open database's own
    files, which SQLite itself changes while a test reads."""
    live = ("clientsteun.db", "clientsteun.db-wal", "clientsteun.db-shm") if open_db else ()
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in live
    }


@pytest.fixture
def kept(db_path: Path, services: Services) -> Path:
    """A database with every companion file the app keeps, and a backup with its key copy."""
    Vault.at(db_path).create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    Vault.at(db_path).backup(services.database.key, "start")
    db_path.with_name(db_path.name + ".open").write_bytes(b"")  # the marker of a running instance
    return db_path


@pytest.mark.parametrize("suffix", KEPT_SUFFIXES)
def test_every_file_kept_beside_the_database_is_refused(kept: Path, suffix: str) -> None:
    before = snapshot(kept.parent)
    with pytest.raises(TargetRefused):
        write_user_file(kept.with_name(kept.name + suffix), b"export", database=kept)
    assert snapshot(kept.parent) == before


def test_a_companion_that_does_not_exist_yet_is_refused_too(tmp_path: Path) -> None:
    """A '-wal' written beside a closed database would be replayed into it at the next open."""
    db = tmp_path / "d.db"
    db.write_bytes(b"x")
    with pytest.raises(TargetRefused):
        write_user_file(tmp_path / "d.db-wal", b"export", database=db)
    assert not (tmp_path / "d.db-wal").exists()


@pytest.mark.parametrize("name", ["clientsteun.key", "nieuw.csv", "sub/folder/x.ics"])
def test_anything_inside_the_backup_folder_is_refused(kept: Path, name: str) -> None:
    before = snapshot(kept.parent)
    with pytest.raises(TargetRefused):
        write_user_file(kept.parent / "backups" / name, b"export", database=kept)
    assert snapshot(kept.parent) == before


def test_a_path_that_reaches_a_kept_file_another_way_is_refused(kept: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "link.csv").symlink_to(kept.with_name(kept.name + ".key"))
    os.link(kept, elsewhere / "hard.db")
    before = snapshot(kept.parent)
    for target in (
        elsewhere / "link.csv",
        elsewhere / "hard.db",
        elsewhere / ".." / kept.name,
        Path(os.path.relpath(kept, Path.cwd())),
    ):
        with pytest.raises(TargetRefused):
            write_user_file(target, b"export", database=kept)
    assert snapshot(kept.parent) == before


def test_folders_devices_and_fifos_are_not_files(kept: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo, Path("/dev/null")):
        with pytest.raises(TargetNotAFile):
            write_user_file(target, b"export", database=kept)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlink_loop_or_a_file_as_folder_gives_a_plain_message(kept: Path, tmp_path: Path) -> None:
    loop = tmp_path / "lus"
    loop.symlink_to(loop)
    with pytest.raises(ClientsteunError) as raised:
        write_user_file(loop, b"export", database=kept)
    assert "Er is niets veranderd" in raised.value.message or "map" in raised.value.message
    with pytest.raises((TargetUnwritable, TargetNotAFile)):
        write_user_file(kept / "onder-de-database.csv", b"export", database=kept)


def test_another_file_is_replaced_whole_owner_only_and_no_temporary_file_stays(kept: Path, tmp_path: Path) -> None:
    target = tmp_path / "export" / "agenda.ics"
    target.parent.mkdir()
    target.write_bytes(b"old")
    written = write_user_file(target, b"new content", database=kept)
    assert written == target.resolve()
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in target.parent.iterdir()] == ["agenda.ics"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary_file(kept: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"old")

    def failing(partial: Path) -> None:
        partial.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ClientsteunError) as raised:
        write_user_file(target, failing, database=kept)
    assert "schijf is vol" in raised.value.message
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def test_an_audited_export_is_logged_only_after_it_succeeded(kept: Path, services: Services, tmp_path: Path) -> None:
    before = len(services.audit.entries())
    with pytest.raises(TargetRefused):
        services.audit.export(kept, b"csv", AuditAction.EXPORT, detail="test")
    assert len(services.audit.entries()) == before
    services.audit.export(tmp_path / "ok.csv", b"csv", AuditAction.EXPORT, client_id=3, detail="test")
    assert services.audit.entries()[-1].action is AuditAction.EXPORT
    assert services.audit.entries()[-1].client_id == 3


@pytest.mark.parametrize(
    "export",
    [
        lambda services, target: services.audit.export_csv(target),
        lambda services, target: services.agenda.export_ics(target, [], with_names=False),
    ],
    ids=["audit-csv", "agenda-ics"],
)
def test_the_service_exports_refuse_the_key_file_and_log_nothing(
    kept: Path, services: Services, export: Callable[[Services, Path], object]
) -> None:
    before_files = snapshot(kept.parent, open_db=True)
    before_log = len(services.audit.entries())
    for target in (kept, kept.with_name(kept.name + ".key"), kept.parent / "backups" / f"{kept.stem}.key"):
        with pytest.raises(TargetRefused):
            export(services, target)
    assert snapshot(kept.parent, open_db=True) == before_files
    assert len(services.audit.entries()) == before_log


def test_a_backup_whose_key_file_would_replace_the_database_key_is_refused(kept: Path, services: Services) -> None:
    """``--out clientsteun.db`` would put the backup's ``.key`` over the database's key file."""
    before = snapshot(kept.parent, open_db=True)
    vault = Vault.at(kept)
    for target in (kept, kept.parent / "backups" / "kopie.db", kept.with_name(kept.name + ".key")):
        with pytest.raises(TargetRefused):
            vault.backup_to(services.database.key, target)
    assert snapshot(kept.parent, open_db=True) == before
