"""Automatic backups when the computer's clock goes back: numbered in the order made, never lost to it.

Before, the backups dated in the 'future' (made while the clock was ahead) took every day's place,
so each new backup was made and deleted at once, the daily backup never came due again and a
recovery offered the stale one.  Now the newest is the highest number whatever the clock said; a
backup dated after now is kept and flagged.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services.safety import BackupKeeper, SafetyService
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, FakeClock

AHEAD = NOW + timedelta(days=400)  # what the clock said for a while


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(AHEAD)


@pytest.fixture
def safety(db_path: Path, catalog: Catalog, clock: FakeClock) -> SafetyService:
    safety = SafetyService(db_path, clock)
    key, _code = safety.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    safety.open_services(key, catalog, create=True).close()
    return safety


def _resident(safety: SafetyService, catalog: Catalog, name: str) -> None:
    services = safety.open_services(safety.unlock(PASSPHRASE), catalog)
    with contextlib.closing(services):
        services.clients.create_client(ClientInput(name))


def _days_ahead(keeper: BackupKeeper, key: bytes, clock: FakeClock, days: int) -> None:
    for _ in range(days):
        assert keeper.daily_due()
        assert keeper.backup(key, "dagelijks")
        clock.value += timedelta(days=1)


def test_after_the_clock_went_back_each_new_backup_stays_and_daily_backups_go_on(
    safety: SafetyService, clock: FakeClock, catalog: Catalog
) -> None:
    key = safety.unlock(PASSPHRASE)
    keeper = safety.keeper(RetentionPolicy(daily=3, weekly=0))
    _days_ahead(keeper, key, clock, 5)
    ahead = {backup.path for backup in safety.backups()}
    assert len(ahead) == 3

    clock.value = NOW  # the clock is put right: 400 days back
    _resident(safety, catalog, "Na De Klok")
    assert keeper.daily_due(), "a backup dated in the future does not count as today's"
    assert keeper.backup(key, "dagelijks")
    newest = safety.backups()[0]
    assert newest.made_at == NOW and newest.number == 6, "the one just made is the newest, and stays"
    assert not keeper.daily_due()
    assert ahead <= {backup.path for backup in safety.backups()}, "the future-dated ones are kept"
    assert all(backup.in_future(NOW) for backup in safety.backups() if backup.path in ahead)

    for day in range(1, 5):
        clock.value = NOW + timedelta(days=day)
        assert keeper.daily_due()
        assert keeper.backup(key, "dagelijks")
    backups = safety.backups()
    assert [backup.number for backup in backups] == [10, 9, 8, 5, 4, 3], "three days of now, and the future ones"
    good = safety.latest_good_backup(key)
    assert good is not None and good.number == 10, "a recovery offers the last one made, not the stale one"


def test_check_says_which_backups_are_dated_in_the_future(safety: SafetyService, clock: FakeClock) -> None:
    key = safety.unlock(PASSPHRASE)
    keeper = safety.keeper(RetentionPolicy())
    _days_ahead(keeper, key, clock, 2)
    clock.value = NOW
    report = safety.check(key)
    assert report.sound, report.lines
    assert any("2 reservekopieën met een datum in de toekomst" in line for line in report.lines), report.lines


def test_the_clock_going_back_within_a_day_keeps_the_last_made_as_that_days(
    safety: SafetyService, clock: FakeClock, catalog: Catalog
) -> None:
    key = safety.unlock(PASSPHRASE)
    keeper = safety.keeper(RetentionPolicy(daily=2, weekly=0))
    clock.value = datetime(2026, 11, 20, 15, 0)
    assert keeper.backup(key, "start")
    clock.value = datetime(2026, 11, 20, 14, 0)  # an hour back, the same day
    _resident(safety, catalog, "Later Gemaakt")
    assert keeper.backup(key, "sluiten")
    clock.value = datetime(2026, 11, 21, 9, 0)
    assert keeper.backup(key, "start")
    # The 20th's backup is the last made that day (number 2), although the clock gave it the earlier time.
    assert [(backup.number, backup.reason) for backup in safety.backups()] == [(3, "start"), (2, "sluiten")]
