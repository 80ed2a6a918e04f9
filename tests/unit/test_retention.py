"""Which automatic backups stay: the newest, the newest of each recent day and of each recent week,
and every backup dated after now (the clock went back)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.retention import Made, RetentionPolicy, backups_to_keep

POLICY = RetentionPolicy(daily=7, weekly=4)
SUNDAY = datetime(2026, 11, 22, 12, 0)  # ISO week 47 of 2026 ends on this day
LATER = datetime(2030, 1, 1)  # a "now" after every moment of these tests, unless a test says otherwise


def _at(day: int, month: int = 11, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute)


def _kept(moments: Iterable[datetime], policy: RetentionPolicy = POLICY, now: datetime = LATER) -> set[datetime]:
    """With a clock that never went back: the backups are numbered in the order of their moments."""
    made = [Made(number, at) for number, at in enumerate(sorted(moments), start=1)]
    keep = backups_to_keep(made, policy, now)
    return {backup.at for backup in made if backup.number in keep}


def test_the_default_policy_is_seven_daily_and_four_weekly() -> None:
    assert RetentionPolicy() == POLICY


def test_nothing_to_keep_from_nothing() -> None:
    assert backups_to_keep([], POLICY, LATER) == set()


def test_a_single_backup_stays() -> None:
    assert _kept([SUNDAY]) == {SUNDAY}


def test_one_a_day_for_two_months() -> None:
    made = [SUNDAY - timedelta(days=days) for days in range(60)]
    expected = {_at(day) for day in range(16, 23)} | {_at(15), _at(8), _at(1)}  # last days of 3 more weeks
    assert _kept(made) == expected


def test_several_a_day_keeps_the_newest_of_each_day() -> None:
    made = [_at(day, hour=hour) for day in range(10, 23) for hour in (8, 12, 17)]
    expected_days = {_at(day, hour=17) for day in range(16, 23)}
    expected_weeks = {_at(15, hour=17)}  # week 46: 9-15 November; week 45 has nothing
    assert _kept(made) == expected_days | expected_weeks


def test_days_without_a_backup_do_not_count() -> None:
    """Seven days *that have a backup*: a laptop left closed for a month still keeps a week of them."""
    made = [_at(day, month=10) for day in range(1, 11)] + [_at(20, month=11)]
    daily = {_at(20, month=11)} | {_at(day, month=10) for day in range(5, 11)}
    weekly = {_at(20, month=11), _at(10, month=10), _at(4, month=10)}  # ISO weeks 47, 41 and 40
    assert _kept(made) == daily | weekly


def test_the_newest_stays_even_when_the_policy_keeps_nothing() -> None:
    made = [_at(day) for day in range(1, 10)]
    assert _kept(made, RetentionPolicy(daily=0, weekly=0)) == {_at(9)}


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (RetentionPolicy(daily=1, weekly=0), {_at(22)}),
        (RetentionPolicy(daily=2, weekly=0), {_at(22), _at(21)}),
        (RetentionPolicy(daily=0, weekly=2), {_at(22), _at(15)}),
        (RetentionPolicy(daily=3, weekly=3), {_at(22), _at(21), _at(20), _at(15), _at(8)}),
    ],
)
def test_small_policies(policy: RetentionPolicy, expected: set[datetime]) -> None:
    made = [SUNDAY - timedelta(days=days) for days in range(30)]
    assert _kept(made, policy) == expected


def test_two_backups_in_the_same_second_keep_the_later_made() -> None:
    made = [Made(1, SUNDAY), Made(2, SUNDAY)]
    assert backups_to_keep(made, RetentionPolicy(daily=1, weekly=0), LATER) == {2}


def test_a_year_boundary_splits_iso_weeks_correctly() -> None:
    # 28 Dec 2026 - 3 Jan 2027 is ISO week 53 of 2026, one week across two calendar years.
    made = [datetime(2026, 12, 28, 9), datetime(2027, 1, 3, 9), datetime(2027, 1, 4, 9)]
    assert _kept(made, RetentionPolicy(daily=0, weekly=2)) == {datetime(2027, 1, 4, 9), datetime(2027, 1, 3, 9)}


# --- a clock that went back ---------------------------------------------------------------------


def test_backups_dated_after_now_are_kept_and_take_no_days_place() -> None:
    """Made in a week the clock said was in 2027; now it says November 2026 and new backups follow."""
    future = [Made(number, datetime(2027, 3, number, 9)) for number in range(1, 11)]
    now = _at(25, hour=18)
    since = [Made(10 + day, _at(day + 14, hour=9)) for day in range(1, 12)]  # 15 to 25 November
    keep = backups_to_keep(future + since, RetentionPolicy(daily=7, weekly=0), now)
    assert {backup.number for backup in future} <= keep, "a backup dated in the future is never removed"
    assert {backup.number for backup in since if backup.number in keep} == set(range(15, 22))
    assert max(backup.number for backup in since) in keep, "the backup just made stays"


def test_the_newest_of_a_day_is_the_last_made_whatever_the_clock_said() -> None:
    """The clock went back an hour within the day: the later backup has the earlier time."""
    made = [Made(5, _at(22, hour=10)), Made(6, _at(22, hour=9, minute=30))]
    assert backups_to_keep(made, RetentionPolicy(daily=1, weekly=0), _at(22, hour=11)) == {6}


def test_once_the_clock_has_caught_up_a_backup_from_the_future_counts_as_usual() -> None:
    made = [Made(1, _at(20)), Made(2, _at(21)), Made(3, _at(12))]  # 3 was made after the clock went back
    policy = RetentionPolicy(daily=1, weekly=0)
    assert backups_to_keep(made, policy, _at(13)) == {1, 2, 3}
    assert backups_to_keep(made, policy, _at(23)) == {2, 3}


# --- properties -----------------------------------------------------------------------------------


moments = st.lists(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    max_size=80,
)
policies = st.builds(RetentionPolicy, daily=st.integers(0, 10), weekly=st.integers(0, 8))
nows = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1))


def _made(moments: list[datetime]) -> list[Made]:
    """Backups made in the order given, the clock saying anything (it may go back between them)."""
    return [Made(number, at) for number, at in enumerate(moments, start=1)]


@given(moments, policies, nows)
def test_the_last_made_and_every_future_backup_are_always_kept(
    made: list[datetime], policy: RetentionPolicy, now: datetime
) -> None:
    backups = _made(made)
    keep = backups_to_keep(backups, policy, now)
    if backups:
        assert len(backups) in keep
    else:
        assert keep == set()
    assert {backup.number for backup in backups if backup.at > now} <= keep


@given(moments, policies, nows)
def test_what_is_kept_comes_from_the_input(made: list[datetime], policy: RetentionPolicy, now: datetime) -> None:
    assert backups_to_keep(_made(made), policy, now) <= set(range(1, len(made) + 1))


@given(moments, policies, nows)
def test_never_more_than_the_policy_allows_beside_the_future(
    made: list[datetime], policy: RetentionPolicy, now: datetime
) -> None:
    backups = _made(made)
    keep = backups_to_keep(backups, policy, now) - {backup.number for backup in backups if backup.at > now}
    assert len(keep) <= policy.daily + policy.weekly + 1


@given(moments, policies)
def test_with_a_true_clock_never_more_than_the_policy_allows(made: list[datetime], policy: RetentionPolicy) -> None:
    keep = _kept(made, policy)
    assert len(keep) <= max(1, policy.daily + policy.weekly)  # the newest counts in its day and week


@given(moments, policies, nows)
def test_keeping_is_idempotent(made: list[datetime], policy: RetentionPolicy, now: datetime) -> None:
    backups = _made(made)
    keep = backups_to_keep(backups, policy, now)
    assert backups_to_keep([backup for backup in backups if backup.number in keep], policy, now) == keep


@given(moments, policies, nows)
def test_the_last_made_of_each_recent_day_is_kept(made: list[datetime], policy: RetentionPolicy, now: datetime) -> None:
    backups = [backup for backup in _made(made) if backup.at <= now]
    keep = backups_to_keep(_made(made), policy, now)
    for day in sorted({backup.at.date() for backup in backups}, reverse=True)[: policy.daily]:
        assert max(backup.number for backup in backups if backup.at.date() == day) in keep


@given(moments, policies, nows)
def test_the_last_made_of_each_recent_week_is_kept(
    made: list[datetime], policy: RetentionPolicy, now: datetime
) -> None:
    backups = [backup for backup in _made(made) if backup.at <= now]
    keep = backups_to_keep(_made(made), policy, now)
    for week in sorted({backup.at.isocalendar()[:2] for backup in backups}, reverse=True)[: policy.weekly]:
        assert max(backup.number for backup in backups if backup.at.isocalendar()[:2] == week) in keep


@given(moments, policies, nows)
def test_more_generous_policies_keep_at_least_as_much(
    made: list[datetime], policy: RetentionPolicy, now: datetime
) -> None:
    generous = RetentionPolicy(policy.daily + 1, policy.weekly + 1)
    assert backups_to_keep(_made(made), policy, now) <= backups_to_keep(_made(made), generous, now)
