"""Which automatic backups to keep: the newest, and the newest of each recent day and week.

Backups are numbered in the order they were made, so the newest is the one with the highest
number whatever the computer's clock said.  Each counts for the day (and ISO week) its clock gave
when it was made.  A backup dated after now was made before the clock went back: it is kept, and
it takes no day's or week's place, so a wrong clock never makes the retention remove the backups
made since.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class RetentionPolicy:
    """Keep the newest backup of each of the last ``daily`` days and ``weekly`` ISO weeks that have one."""

    daily: int = 7
    weekly: int = 4


@dataclass(frozen=True)
class Made:
    """One backup as the retention sees it: its number in the order made, and the clock's time then."""

    number: int
    at: datetime


def backups_to_keep(made: Iterable[Made], policy: RetentionPolicy, now: datetime) -> set[int]:
    """The numbers of the backups that stay: the newest, every one dated after ``now``, and the
    newest of each of the last days and weeks (by the time it was made) that have one."""
    backups = list(made)
    if not backups:
        return set()
    keep = {max(backup.number for backup in backups)}
    keep |= {backup.number for backup in backups if backup.at > now}
    dated = [backup for backup in backups if backup.at <= now]
    keep |= _newest_per_period(dated, lambda moment: moment.date(), policy.daily)
    keep |= _newest_per_period(dated, lambda moment: moment.isocalendar()[:2], policy.weekly)
    return keep


def last_leaves_on(
    made: Iterable[Made], holders: set[int], policy: RetentionPolicy, now: datetime, *, horizon_days: int = 800
) -> date | None:
    """The day the last of ``holders`` (numbers among ``made``) is pruned, when one backup is made each
    day from tomorrow on, as for a laptop used every day; None when one stays beyond the horizon.

    The same rule as ``backups_to_keep``, played forward: fewer backups (days without use) keep
    each one longer, so this is the earliest day, not a promise.
    """
    alive = list(made)
    number = max((backup.number for backup in alive), default=0)
    for day in range(1, horizon_days + 1):
        moment = now + timedelta(days=day)
        number += 1
        alive.append(Made(number, moment))
        keep = backups_to_keep(alive, policy, moment)
        alive = [backup for backup in alive if backup.number in keep]
        if not holders & keep:
            return moment.date()
    return None


def _newest_per_period(backups: list[Made], period: Callable[[datetime], Hashable], count: int) -> set[int]:
    """The highest number in each of the ``count`` latest periods that have a backup."""
    newest: dict[Hashable, Made] = {}
    latest: dict[Hashable, datetime] = {}
    for backup in backups:
        key = period(backup.at)
        if key not in newest or backup.number > newest[key].number:
            newest[key] = backup
        latest[key] = max(latest.get(key, backup.at), backup.at)
    recent = sorted(latest, key=lambda key: latest[key], reverse=True)[:count]
    return {newest[key].number for key in recent}
