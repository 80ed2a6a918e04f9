"""A backup off the laptop: the daily backup copied to a second folder, verified; found for a restore and
by check; and automatic backups that fail one after another are counted for the window to say so."""

from __future__ import annotations

import contextlib
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services.safety import BackupKeeper, SafetyService
from clientsteun.store import keys
from clientsteun.store.backups import verify_file
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, FakeClock


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    return folder


@pytest.fixture
def safety(db_path: Path, catalog: Catalog, clock: FakeClock, stick: Path) -> SafetyService:
    safety = SafetyService(db_path, clock, second_folder=str(stick))
    key, _code = safety.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    services = safety.open_services(key, catalog, create=True)
    with contextlib.closing(services):
        services.clients.create_client(ClientInput("Anna Verzonnen"))
    return safety


def _keeper(safety: SafetyService) -> BackupKeeper:
    return safety.keeper(RetentionPolicy(daily=2, weekly=0))


def test_the_first_backup_of_the_day_is_copied_to_the_second_folder_verified_with_the_key_copy(
    safety: SafetyService, clock: FakeClock, stick: Path
) -> None:
    key = safety.unlock(PASSPHRASE)
    keeper = _keeper(safety)
    assert keeper.backup(key, "start")
    (local,) = safety.backups()
    copy = stick / local.path.name
    assert copy.read_bytes() == local.path.read_bytes() and verify_file(copy, key) == []
    (key_copy,) = stick.glob("clientsteun-*.key")
    assert keys.unlock(keys.read_envelope(key_copy), PASSPHRASE) == key
    assert keeper.second_reached == NOW

    clock.value = NOW + timedelta(hours=3)
    assert keeper.backup(key, "sluiten")
    assert len(list(stick.glob("*.db"))) == 1, "once a day"
    for day in (1, 2, 3):
        clock.value = NOW + timedelta(days=day)
        assert keeper.backup(key, "start")
    copies = sorted(stick.glob("*.db"))
    assert len(copies) == 2, "the second folder keeps what the retention keeps"
    assert safety.backups()[0].path.name == copies[-1].name, "the newest is on the stick too"


def test_a_second_folder_that_is_not_there_is_never_made_and_the_backup_still_counts(
    safety: SafetyService, clock: FakeClock, stick: Path
) -> None:
    key = safety.unlock(PASSPHRASE)
    stick.rmdir()  # the stick is not plugged in
    keeper = _keeper(safety)
    assert keeper.backup(key, "start")
    assert not stick.exists()
    assert keeper.second_reached is None and keeper.failures_in_a_row == 0
    assert len(safety.backups()) == 1

    stick.mkdir()  # plugged in an hour later: the hourly round copies the day's backup
    clock.value = NOW + timedelta(hours=1)
    keeper.tick_in_background(key)
    keeper.wait()
    assert len(list(stick.glob("*.db"))) == 1
    assert keeper.second_reached == NOW + timedelta(hours=1)


def test_a_restore_offers_the_backups_of_both_folders(
    safety: SafetyService, clock: FakeClock, stick: Path, catalog: Catalog
) -> None:
    key = safety.unlock(PASSPHRASE)
    keeper = _keeper(safety)
    assert keeper.backup(key, "start")
    assert [backup.path.parent for backup in safety.restorable_backups()] == [safety.vault.backups.folder]

    shutil.rmtree(safety.vault.backups.folder)  # the laptop's own backups are gone
    safety.db_path.unlink()
    backups = safety.restorable_backups()
    assert [backup.path.parent for backup in backups] == [stick]
    assert safety.in_second_folder(backups[0])
    good = safety.latest_good_backup(key)
    assert good is not None and good.path.parent == stick
    safety.restore(key, good.path)
    services = safety.open_services(key, catalog)
    with contextlib.closing(services):
        assert [row.name for row in services.clients.list_clients()] == ["Anna Verzonnen"]


def test_check_reports_the_newest_copy_in_the_second_folder(
    safety: SafetyService, clock: FakeClock, stick: Path
) -> None:
    key = safety.unlock(PASSPHRASE)
    assert "Tweede map voor reservekopieën: nog geen kopieën." in safety.check(key).lines
    assert _keeper(safety).backup(key, "start")
    assert "Tweede map voor reservekopieën: 1, de nieuwste van 23-11-2026 10:30: in orde." in safety.check(key).lines
    shutil.rmtree(stick)
    report = safety.check(key)
    assert "Tweede map voor reservekopieën: niet bereikbaar." in report.lines
    assert report.sound, "the database itself is fine"


def test_automatic_backups_failing_one_after_another_are_counted(safety: SafetyService, clock: FakeClock) -> None:
    key = safety.unlock(PASSPHRASE)
    keeper = _keeper(safety)
    reports: list[int] = []
    keeper.on_report = lambda: reports.append(keeper.failures_in_a_row)
    folder = safety.vault.backups.folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_bytes(b"")  # a file where the backup folder should be: every backup fails
    assert not keeper.backup(key, "start")
    assert not keeper.backup(key, "sluiten")
    folder.unlink()
    assert keeper.backup(key, "start")
    assert reports == [1, 2, 0]
