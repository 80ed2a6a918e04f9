"""Legal terms: reading "6 weken", where a term ends, and the Algemene termijnenwet (Atw)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientsteun.domain.holidays import WorkCalendar
from clientsteun.domain.terms import Term, TermUnit, atw_end

PLAIN = WorkCalendar()
SOME_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


# --- reading a term ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("6 weken", Term(6, TermUnit.WEEKS)),
        ("1 week", Term(1, TermUnit.WEEKS)),
        ("3 werkdagen", Term(3, TermUnit.WORKING_DAYS)),
        ("1 werkdag", Term(1, TermUnit.WORKING_DAYS)),
        ("7 dagen", Term(7, TermUnit.DAYS)),
        ("1 dag", Term(1, TermUnit.DAYS)),
        ("3 maanden", Term(3, TermUnit.MONTHS)),
        ("1 maand", Term(1, TermUnit.MONTHS)),
        ("2 weeks", Term(2, TermUnit.WEEKS)),
        ("5 days", Term(5, TermUnit.DAYS)),
        ("1 day", Term(1, TermUnit.DAYS)),
        ("10 working days", Term(10, TermUnit.WORKING_DAYS)),
        ("1 working day", Term(1, TermUnit.WORKING_DAYS)),
        ("1 month", Term(1, TermUnit.MONTHS)),
        ("6 months", Term(6, TermUnit.MONTHS)),
        ("  6 Weken  ", Term(6, TermUnit.WEEKS)),
        ("12\tWEKEN", Term(12, TermUnit.WEEKS)),
        ("6   weken", Term(6, TermUnit.WEEKS)),
        ("9999 dagen", Term(9999, TermUnit.DAYS)),
    ],
)
def test_parse(text: str, term: Term) -> None:
    assert Term.parse(text) == term


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "weken",
        "6",
        "zes weken",
        "6 jaar",
        "6 uur",
        "-6 weken",
        "6.5 weken",
        "6,5 weken",
        "6 weken extra",
        "6weken",
        "10000 dagen",
        "6 werk dagen",
        "6 weken; 8 weken",
    ],
)
def test_parse_refuses_what_is_no_term(text: str) -> None:
    with pytest.raises(ValueError, match="geen termijn") as caught:
        Term.parse(text)
    assert f"'{text}'" in str(caught.value)
    assert "6 weken" in str(caught.value)  # the message shows how to write one


def test_a_term_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        Term.parse("0 weken")


@pytest.mark.parametrize(
    ("term", "text"),
    [
        (Term(1, TermUnit.DAYS), "1 dag"),
        (Term(7, TermUnit.DAYS), "7 dagen"),
        (Term(1, TermUnit.WORKING_DAYS), "1 werkdag"),
        (Term(3, TermUnit.WORKING_DAYS), "3 werkdagen"),
        (Term(1, TermUnit.WEEKS), "1 week"),
        (Term(6, TermUnit.WEEKS), "6 weken"),
        (Term(1, TermUnit.MONTHS), "1 maand"),
        (Term(3, TermUnit.MONTHS), "3 maanden"),
    ],
)
def test_term_says_itself_in_dutch_and_reads_back(term: Term, text: str) -> None:
    assert str(term) == text
    assert Term.parse(str(term)) == term


def test_terms_of_one_unit_add_up() -> None:
    assert Term(6, TermUnit.WEEKS) + Term(6, TermUnit.WEEKS) == Term(12, TermUnit.WEEKS)
    assert Term(8, TermUnit.WEEKS) + Term(8, TermUnit.WEEKS) == Term(16, TermUnit.WEEKS)
    with pytest.raises(ValueError, match="dezelfde eenheid"):
        Term(6, TermUnit.WEEKS) + Term(1, TermUnit.MONTHS)


# --- where a term ends (before the Atw) --------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "start", "end"),
    [
        ("7 dagen", date(2026, 9, 7), date(2026, 9, 14)),
        ("1 dag", date(2026, 12, 31), date(2027, 1, 1)),
        ("90 dagen", date(2026, 1, 1), date(2026, 4, 1)),
        ("6 weken", date(2026, 6, 1), date(2026, 7, 13)),  # the example of the module: Monday to Monday
        ("6 weken", date(2026, 2, 23), date(2026, 4, 6)),  # ends on Easter Monday (the Atw moves it)
        ("2 weken", date(2026, 12, 18), date(2027, 1, 1)),
        ("8 weken", date(2026, 11, 23), date(2027, 1, 18)),
        ("3 werkdagen", date(2026, 12, 24), date(2026, 12, 30)),
        ("3 werkdagen", date(2026, 4, 2), date(2026, 4, 9)),
        ("3 werkdagen", date(2026, 11, 20), date(2026, 11, 25)),
        ("1 maand", date(2026, 1, 15), date(2026, 2, 15)),
        ("1 maand", date(2026, 1, 31), date(2026, 2, 28)),
        ("1 maand", date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        ("1 maand", date(2026, 8, 31), date(2026, 9, 30)),
        ("1 maand", date(2026, 12, 15), date(2027, 1, 15)),
        ("2 maanden", date(2026, 12, 31), date(2027, 2, 28)),
        ("3 maanden", date(2026, 11, 30), date(2027, 2, 28)),
        ("3 maanden", date(2026, 11, 15), date(2027, 2, 15)),
        ("12 maanden", date(2026, 3, 15), date(2027, 3, 15)),
        ("12 maanden", date(2028, 2, 29), date(2029, 2, 28)),
        ("13 maanden", date(2026, 12, 31), date(2028, 1, 31)),
    ],
)
def test_end(term: str, start: date, end: date) -> None:
    assert Term.parse(term).end(start, PLAIN) == end


def test_working_days_skip_the_extra_days_of_the_calendar() -> None:
    extra = WorkCalendar(frozenset({date(2027, 5, 7)}))
    assert Term.parse("3 werkdagen").end(date(2027, 5, 5), PLAIN) == date(2027, 5, 11)
    assert Term.parse("3 werkdagen").end(date(2027, 5, 5), extra) == date(2027, 5, 12)


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.integers(min_value=1, max_value=36))
def test_a_month_term_ends_in_the_right_month_never_past_the_day(start: date, months: int) -> None:
    end = Term(months, TermUnit.MONTHS).end(start, PLAIN)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day <= start.day
    if end.day < start.day:  # only when the month is too short: then its last day
        assert (end + timedelta(days=1)).day == 1


# --- art. 4: which terms the Atw covers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "within"),
    [
        ("1 dag", True),
        ("90 dagen", True),
        ("91 dagen", False),
        ("12 weken", True),
        ("13 weken", False),
        ("16 weken", False),
        ("3 maanden", True),
        ("4 maanden", False),
        ("3 werkdagen", True),
    ],
)
def test_within_atw(term: str, within: bool) -> None:
    assert Term.parse(term).within_atw is within


# --- art. 1: a term does not end on a Saturday, Sunday or holiday -------------------------------


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2026, 1, 7), date(2026, 1, 7)),  # a Wednesday stays
        (date(2026, 1, 10), date(2026, 1, 12)),  # Saturday: Monday
        (date(2026, 1, 11), date(2026, 1, 12)),  # Sunday: Monday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday: Tuesday after Easter
        (date(2026, 4, 6), date(2026, 4, 7)),  # Easter Monday: Tuesday
        (date(2026, 4, 25), date(2026, 4, 28)),  # Saturday before King's Day on a Monday
        (date(2026, 4, 27), date(2026, 4, 28)),  # King's Day
        (date(2026, 5, 5), date(2026, 5, 6)),  # Liberation Day
        (date(2026, 5, 14), date(2026, 5, 15)),  # Ascension Day
        (date(2026, 5, 23), date(2026, 5, 26)),  # Saturday before Whit Monday
        (date(2026, 12, 25), date(2026, 12, 28)),  # Christmas on a Friday
        (date(2026, 12, 31), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 4)),  # New Year's Day on a Friday
        (date(2025, 4, 26), date(2025, 4, 28)),  # King's Day on a Saturday (27 April a Sunday)
    ],
)
def test_art_1_a_term_ending_on_a_free_day_runs_on(end: date, expected: date) -> None:
    start = end - timedelta(weeks=6)
    assert atw_end(start, end, PLAIN) == expected


def test_domain_example_objection_term_ending_on_easter_monday_ends_on_tuesday() -> None:
    """DOMAIN.md: a 6-week objection term that would end on Easter Monday ends on the Tuesday after it."""
    decision_sent = date(2026, 2, 23)
    end = Term.parse("6 weken").end(decision_sent, PLAIN)
    assert end == date(2026, 4, 6)
    assert PLAIN.holiday_name(end) == "Tweede Paasdag"
    assert atw_end(decision_sent, end, PLAIN) == date(2026, 4, 7)


def test_art_1_moves_past_an_extra_day() -> None:
    extra = WorkCalendar(frozenset({date(2026, 5, 15)}))
    assert atw_end(date(2026, 4, 2), date(2026, 5, 14), PLAIN) == date(2026, 5, 15)
    assert atw_end(date(2026, 4, 2), date(2026, 5, 14), extra) == date(2026, 5, 18)


# --- art. 2: a term of three days or more holds at least two working days -----------------------


@pytest.mark.parametrize(
    ("term", "start", "expected"),
    [
        # Thursday before Easter: Good Friday, Saturday, Sunday; art. 1 gives Easter Monday → Tuesday,
        # which holds one working day; art. 2 adds Wednesday.
        ("3 dagen", date(2026, 4, 2), date(2026, 4, 8)),
        # Friday: Saturday, Sunday, Monday holds one working day: Tuesday.
        ("3 dagen", date(2026, 1, 9), date(2026, 1, 13)),
        # Thursday: Friday, Saturday, Sunday; art. 1 gives Monday; Friday and Monday are two.
        ("3 dagen", date(2026, 1, 8), date(2026, 1, 12)),
        # Christmas Eve (Thursday): Christmas, Boxing Day, Sunday → Monday, one working day → Tuesday.
        ("3 dagen", date(2026, 12, 24), date(2026, 12, 29)),
        # Wednesday 23 December: Christmas Eve is a working day, so Monday 28 December is enough.
        ("3 dagen", date(2026, 12, 23), date(2026, 12, 28)),
        # Four days from Thursday before Easter: to Easter Monday, art. 1 → Tuesday, art. 2 → Wednesday.
        ("4 dagen", date(2026, 4, 2), date(2026, 4, 8)),
        ("7 dagen", date(2026, 12, 18), date(2026, 12, 28)),
    ],
)
def test_art_2_a_term_of_three_days_or_more_gets_two_working_days(term: str, start: date, expected: date) -> None:
    end = Term.parse(term).end(start, PLAIN)
    found = atw_end(start, end, PLAIN)
    assert found == expected
    assert PLAIN.working_days_between(start, found) >= 2


@pytest.mark.parametrize(
    ("term", "start", "expected"),
    [
        ("2 dagen", date(2026, 4, 2), date(2026, 4, 7)),  # Good Friday, Saturday: art. 1 only
        ("2 dagen", date(2026, 1, 9), date(2026, 1, 12)),  # Saturday, Sunday: Monday
        ("1 dag", date(2026, 4, 2), date(2026, 4, 7)),
        ("1 dag", date(2026, 1, 9), date(2026, 1, 12)),
    ],
)
def test_art_2_does_not_lengthen_a_term_under_three_days(term: str, start: date, expected: date) -> None:
    end = Term.parse(term).end(start, PLAIN)
    found = atw_end(start, end, PLAIN)
    assert found == expected
    assert PLAIN.working_days_between(start, found) == 1


# --- properties --------------------------------------------------------------------------------


def _qualifies(start: date, length: int, day: date) -> bool:
    """Whether a term from ``start`` of ``length`` days may end on ``day`` under art. 1 and 2."""
    if PLAIN.is_free(day):
        return False
    return length < 3 or PLAIN.working_days_between(start, day) >= 2


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.integers(min_value=0, max_value=120))
def test_atw_end_is_the_first_day_that_satisfies_art_1_and_2(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    found = atw_end(start, end, PLAIN)
    assert found >= end
    assert not PLAIN.is_free(found)
    if length >= 3:
        assert PLAIN.working_days_between(start, found) >= 2
    assert _qualifies(start, length, found)
    assert not any(_qualifies(start, length, end + timedelta(days=n)) for n in range((found - end).days))
    assert (found - end).days <= 6


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=30))
def test_atw_end_is_monotonic_in_the_end(start: date, length: int, more: int) -> None:
    shorter = atw_end(start, start + timedelta(days=length), PLAIN)
    longer = atw_end(start, start + timedelta(days=length + more), PLAIN)
    assert shorter <= longer


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.sampled_from(["3 dagen", "7 dagen", "2 weken", "6 weken", "8 weken", "3 werkdagen"]))
def test_a_term_of_three_days_or_more_holds_two_working_days(start: date, text: str) -> None:
    term = Term.parse(text)
    found = atw_end(start, term.end(start, PLAIN), PLAIN)
    assert PLAIN.working_days_between(start, found) >= 2
    assert not PLAIN.is_free(found)


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.integers(min_value=0, max_value=60))
def test_atw_end_leaves_a_working_day_alone_when_art_2_is_met(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    if not PLAIN.is_free(end) and (length < 3 or PLAIN.working_days_between(start, end) >= 2):
        assert atw_end(start, end, PLAIN) == end
