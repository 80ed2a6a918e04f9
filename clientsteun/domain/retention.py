"""Which automatic backups to keep: the newest, and the newest of each recent day and week."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RetentionPolicy:
    """Keep the newest backup of each of the last ``daily`` days and ``weekly`` ISO weeks that have one."""

    daily: int = 7
    weekly: int = 4


def backups_to_keep(made_at: Iterable[datetime], policy: RetentionPolicy) -> set[datetime]:
    """The moments (from ``made_at``) whose backups stay; the newest one always stays."""
    newest_first = sorted(set(made_at), reverse=True)
    keep: set[datetime] = set(newest_first[:1])
    keep |= _newest_per_period(newest_first, lambda moment: moment.date(), policy.daily)
    keep |= _newest_per_period(newest_first, lambda moment: moment.isocalendar()[:2], policy.weekly)
    return keep


def _newest_per_period(
    newest_first: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    chosen: dict[Hashable, datetime] = {}
    for moment in newest_first:
        chosen.setdefault(period(moment), moment)
        if len(chosen) > count:
            del chosen[period(moment)]
            break
    return set(chosen.values())
