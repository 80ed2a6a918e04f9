"""Legal terms: "6 weken", "3 werkdagen", and when such a term ends under the Algemene termijnenwet.

A term starts the day after the event that starts it and ends at the end of its last day, so a
6-week term after a decision sent on Monday 1 June ends on Monday 13 July.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta

from clientsteun.domain.holidays import WorkCalendar


class TermUnit(enum.StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"


_UNIT_WORDS = {
    "dag": TermUnit.DAYS, "dagen": TermUnit.DAYS, "day": TermUnit.DAYS, "days": TermUnit.DAYS,
    "werkdag": TermUnit.WORKING_DAYS, "werkdagen": TermUnit.WORKING_DAYS,
    "working day": TermUnit.WORKING_DAYS, "working days": TermUnit.WORKING_DAYS,
    "week": TermUnit.WEEKS, "weken": TermUnit.WEEKS, "weeks": TermUnit.WEEKS,
    "maand": TermUnit.MONTHS, "maanden": TermUnit.MONTHS, "month": TermUnit.MONTHS, "months": TermUnit.MONTHS,
}  # fmt: skip
_TERM = re.compile(r"^\s*(\d{1,4})\s+([a-z ]+?)\s*$")
_DUTCH = {
    TermUnit.DAYS: ("dag", "dagen"),
    TermUnit.WORKING_DAYS: ("werkdag", "werkdagen"),
    TermUnit.WEEKS: ("week", "weken"),
    TermUnit.MONTHS: ("maand", "maanden"),
}
# Art. 4 Atw: the act does not apply to terms longer than these.
_ATW_LIMIT = {TermUnit.DAYS: 90, TermUnit.WORKING_DAYS: 90, TermUnit.WEEKS: 12, TermUnit.MONTHS: 3}


@dataclass(frozen=True)
class Term:
    amount: int
    unit: TermUnit

    @classmethod
    def parse(cls, text: str) -> Term:
        """Read "6 weken", "3 werkdagen", "7 dagen", "3 maanden" (English unit words also work)."""
        match = _TERM.match(text.lower())
        unit = _UNIT_WORDS.get(match.group(2)) if match else None
        if match is None or unit is None:
            raise ValueError(f"'{text}' is geen termijn; schrijf bijvoorbeeld '6 weken' of '3 werkdagen'")
        if int(match.group(1)) == 0:
            raise ValueError(f"'{text}': een termijn duurt minstens 1 dag")
        return cls(int(match.group(1)), unit)

    def __str__(self) -> str:
        one, more = _DUTCH[self.unit]
        return f"{self.amount} {one if self.amount == 1 else more}"

    def __add__(self, other: Term) -> Term:
        if other.unit is not self.unit:
            raise ValueError("alleen termijnen in dezelfde eenheid kunnen worden opgeteld")
        return Term(self.amount + other.amount, self.unit)

    @property
    def days(self) -> int | None:
        """The term's own length in days where that is fixed (a working day counts as one); None for months."""
        if self.unit is TermUnit.WEEKS:
            return 7 * self.amount
        return None if self.unit is TermUnit.MONTHS else self.amount

    @property
    def within_atw(self) -> bool:
        """Whether the Algemene termijnenwet can apply (art. 4: not to longer terms)."""
        return self.amount <= _ATW_LIMIT[self.unit]

    def end(self, start: date, days_off: WorkCalendar) -> date:
        """The last day of the term that starts after ``start``, before any Atw extension."""
        if self.unit is TermUnit.DAYS:
            return start + timedelta(days=self.amount)
        if self.unit is TermUnit.WEEKS:
            return start + timedelta(weeks=self.amount)
        if self.unit is TermUnit.WORKING_DAYS:
            return days_off.add_working_days(start, self.amount)
        month_index = start.month - 1 + self.amount
        year, month = start.year + month_index // 12, month_index % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def atw_end(start: date, end: date, days_off: WorkCalendar, term_days: int | None = None) -> date:
    """The end of a term from ``start`` to ``end`` under the Algemene termijnenwet.

    Art. 1: a term that ends on a Saturday, Sunday or holiday runs on to the next day that is none
    of these.  Art. 2: a term of three days or more is lengthened so that it holds at least two
    days that are none of these.  The caller checks art. 4 (``Term.within_atw``) and that the term
    comes from a formal law or an order in council.  ``term_days`` is the term's own length where it
    differs from the calendar days it spans (one working day from a Friday is a term of one day).
    """
    length = (end - start).days if term_days is None else term_days
    end = days_off.next_working_day(end)
    if length >= 3:
        while days_off.working_days_between(start, end, enough=2) < 2:
            end = days_off.next_working_day(end + timedelta(days=1))
    return end
