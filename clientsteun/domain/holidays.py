"""Dutch days off for legal terms: weekends and the holidays of the Algemene termijnenwet (Atw).

The holidays are computed from the year (art. 3 Atw: New Year's Day, Good Friday, Easter Monday,
King's Day, 5 May, Ascension Day, Whit Monday, Christmas and Boxing Day).  Days that a decree
treats as holidays for a few years (art. 3 lid 3, such as a Friday after Ascension Day) are not law
in code: they come from the catalog's decrees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

SATURDAY = 5


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """King's Day: 27 April, or the 26th when the 27th is a Sunday (Queen's Day, 30 April, before 2014)."""
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def holidays(year: int) -> dict[date, str]:
    """The holidays of art. 3 Atw in ``year``, with their Dutch names."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        kings_day(year): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


@dataclass(frozen=True)
class Decree:
    """A decree that treats some days as holidays for legal terms (Atw art. 3 lid 3), as the catalog lists it."""

    name: str
    days: frozenset[date]
    years: frozenset[int]  # the years it covers, also one in which it names no day
    source: str = ""  # where it was published
    checked: bool = False  # a coordinator compared the days with the published text; else "controleer"


@dataclass(frozen=True)
class WorkCalendar:
    """Which days count for a legal term; ``extra_days`` are days a decree treats as holidays.

    ``unchecked_days`` are the extra days of decrees nobody has compared with the published text yet.
    """

    extra_days: frozenset[date] = field(default_factory=frozenset)
    unchecked_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, decrees: Iterable[Decree]) -> WorkCalendar:
        decrees = tuple(decrees)
        return cls(
            frozenset().union(*(d.days for d in decrees)),
            frozenset().union(*(d.days for d in decrees if not d.checked)),
        )

    def without_extra_days(self, *, unchecked_only: bool = False) -> WorkCalendar:
        """The calendar without the decree's days (only the unchecked ones when ``unchecked_only``)."""
        if unchecked_only:
            return WorkCalendar(self.extra_days - self.unchecked_days)
        return WorkCalendar()

    def holiday_name(self, day: date) -> str | None:
        if day in self.extra_days:
            return "Gelijkgesteld met een feestdag (Atw art. 3 lid 3)"
        return holidays(day.year).get(day)

    def is_free(self, day: date) -> bool:
        """Saturday, Sunday, a holiday or an extra day: a term may not end on it (art. 1 Atw)."""
        return day.weekday() >= SATURDAY or day in self.extra_days or day in holidays(day.year)

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first one after it."""
        while self.is_free(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
        day = start
        for _ in range(count):
            day = self.next_working_day(day + timedelta(days=1))
        return day

    def working_days_between(self, start: date, end: date, enough: int | None = None) -> int:
        """Working days after ``start`` up to and including ``end``; counting stops at ``enough``."""
        count = 0
        for n in range(1, (end - start).days + 1):
            if not self.is_free(start + timedelta(days=n)):
                count += 1
                if count == enough:
                    break
        return count
