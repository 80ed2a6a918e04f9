"""Which automatic backups stay: the newest, the newest of each recent day and of each recent week."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.retention import RetentionPolicy, backups_to_keep

POLICY = RetentionPolicy(daily=7, weekly=4)
SUNDAY = datetime(2026, 11, 22, 12, 0)  # ISO week 47 of 2026 ends on this day


def _at(day: int, month: int = 11, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute)


def test_the_default_policy_is_seven_daily_and_four_weekly() -> None:
    assert RetentionPolicy() == POLICY


def test_nothing_to_keep_from_nothing() -> None:
    assert backups_to_keep([], POLICY) == set()


def test_a_single_backup_stays() -> None:
    assert backups_to_keep([SUNDAY], POLICY) == {SUNDAY}


def test_one_a_day_for_two_months() -> None:
    made = [SUNDAY - timedelta(days=days) for days in range(60)]
    expected = {_at(day) for day in range(16, 23)} | {_at(15), _at(8), _at(1)}  # last days of 3 more weeks
    assert backups_to_keep(made, POLICY) == expected


def test_several_a_day_keeps_the_newest_of_each_day() -> None:
    made = [_at(day, hour=hour) for day in range(10, 23) for hour in (8, 12, 17)]
    expected_days = {_at(day, hour=17) for day in range(16, 23)}
    expected_weeks = {_at(15, hour=17)}  # week 46: 9-15 November; week 45 has nothing
    assert backups_to_keep(made, POLICY) == expected_days | expected_weeks


def test_days_without_a_backup_do_not_count() -> None:
    """Seven days *that have a backup*: a laptop left closed for a month still keeps a week of them."""
    made = [_at(day, month=10) for day in range(1, 11)] + [_at(20, month=11)]
    daily = {_at(20, month=11)} | {_at(day, month=10) for day in range(5, 11)}
    weekly = {_at(20, month=11), _at(10, month=10), _at(4, month=10)}  # ISO weeks 47, 41 and 40
    expected = daily | weekly
    assert backups_to_keep(made, POLICY) == expected


def test_the_newest_stays_even_when_the_policy_keeps_nothing() -> None:
    made = [_at(day) for day in range(1, 10)]
    assert backups_to_keep(made, RetentionPolicy(daily=0, weekly=0)) == {_at(9)}


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
    assert backups_to_keep(made, policy) == expected


def test_duplicates_and_order_do_not_matter() -> None:
    made = [SUNDAY - timedelta(days=days) for days in range(20)]
    assert backups_to_keep(made + made, POLICY) == backups_to_keep(list(reversed(made)), POLICY)


def test_a_year_boundary_splits_iso_weeks_correctly() -> None:
    # 28 Dec 2026 - 3 Jan 2027 is ISO week 53 of 2026, one week across two calendar years.
    made = [datetime(2026, 12, 28, 9), datetime(2027, 1, 3, 9), datetime(2027, 1, 4, 9)]
    assert backups_to_keep(made, RetentionPolicy(daily=0, weekly=2)) == {
        datetime(2027, 1, 4, 9),
        datetime(2027, 1, 3, 9),
    }


moments = st.lists(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    max_size=80,
)
policies = st.builds(RetentionPolicy, daily=st.integers(0, 10), weekly=st.integers(0, 8))


@given(moments, policies)
def test_the_newest_is_always_kept(made: list[datetime], policy: RetentionPolicy) -> None:
    keep = backups_to_keep(made, policy)
    if made:
        assert max(made) in keep
    else:
        assert keep == set()


@given(moments, policies)
def test_what_is_kept_comes_from_the_input(made: list[datetime], policy: RetentionPolicy) -> None:
    assert backups_to_keep(made, policy) <= set(made)


@given(moments, policies)
def test_never_more_than_the_policy_allows(made: list[datetime], policy: RetentionPolicy) -> None:
    keep = backups_to_keep(made, policy)
    assert len(keep) <= policy.daily + policy.weekly + 1
    assert len(keep) <= max(1, policy.daily + policy.weekly)  # the newest counts in its day and week


@given(moments, policies)
def test_keeping_is_idempotent(made: list[datetime], policy: RetentionPolicy) -> None:
    keep = backups_to_keep(made, policy)
    assert backups_to_keep(keep, policy) == keep


@given(moments, policies)
def test_the_newest_of_each_recent_day_is_kept(made: list[datetime], policy: RetentionPolicy) -> None:
    keep = backups_to_keep(made, policy)
    recent_days = sorted({moment.date() for moment in made}, reverse=True)[: policy.daily]
    for day in recent_days:
        assert max(moment for moment in made if moment.date() == day) in keep


@given(moments, policies)
def test_the_newest_of_each_recent_week_is_kept(made: list[datetime], policy: RetentionPolicy) -> None:
    keep = backups_to_keep(made, policy)
    recent_weeks = sorted({moment.isocalendar()[:2] for moment in made}, reverse=True)[: policy.weekly]
    for week in recent_weeks:
        assert max(moment for moment in made if moment.isocalendar()[:2] == week) in keep


@given(moments, policies)
def test_more_generous_policies_keep_at_least_as_much(made: list[datetime], policy: RetentionPolicy) -> None:
    generous = RetentionPolicy(policy.daily + 1, policy.weekly + 1)
    assert backups_to_keep(made, policy) <= backups_to_keep(made, generous)
