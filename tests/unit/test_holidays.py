"""Dutch days off for legal terms: Easter, the holidays of the Algemene termijnenwet, working days."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientsteun import paths
from clientsteun.domain.catalog import DOSSIER_FILE, load_catalog
from clientsteun.domain.holidays import Decree, WorkCalendar, easter_sunday, holidays, kings_day
from clientsteun.domain.route_catalog import DECREE_MISSING, ROUTES_FILE

PLAIN = WorkCalendar()
FRIDAY_AFTER_ASCENSION_2027 = date(2027, 5, 7)
SOME_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
ATW_NAMES = {
    "Nieuwjaarsdag",
    "Goede Vrijdag",
    "Tweede Paasdag",
    "Koningsdag",
    "Bevrijdingsdag",
    "Hemelvaartsdag",
    "Tweede Pinksterdag",
    "Eerste Kerstdag",
    "Tweede Kerstdag",
}


# --- Easter ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "easter",
    [
        date(1818, 3, 22),  # the earliest possible date
        date(1943, 4, 25),  # the latest possible date
        date(2000, 4, 23),
        date(2008, 3, 23),
        date(2011, 4, 24),
        date(2016, 3, 27),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2028, 4, 16),
        date(2029, 4, 1),
        date(2030, 4, 21),
        date(2031, 4, 13),
        date(2038, 4, 25),
        date(2285, 3, 22),
    ],
)
def test_easter_sunday_of_known_years(easter: date) -> None:
    assert easter_sunday(easter.year) == easter


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_22_march_and_25_april(year: int) -> None:
    easter = easter_sunday(year)
    assert easter.year == year
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


# --- the holidays of art. 3 Atw ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "Nieuwjaarsdag"),
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 4, 6), "Tweede Paasdag"),
        (date(2026, 4, 27), "Koningsdag"),
        (date(2026, 5, 5), "Bevrijdingsdag"),
        (date(2026, 5, 14), "Hemelvaartsdag"),
        (date(2026, 5, 25), "Tweede Pinksterdag"),
        (date(2026, 12, 25), "Eerste Kerstdag"),
        (date(2026, 12, 26), "Tweede Kerstdag"),
        (date(2025, 1, 1), "Nieuwjaarsdag"),
        (date(2025, 4, 18), "Goede Vrijdag"),
        (date(2025, 4, 21), "Tweede Paasdag"),
        (date(2025, 4, 26), "Koningsdag"),  # 27 April 2025 is a Sunday
        (date(2025, 5, 5), "Bevrijdingsdag"),
        (date(2025, 5, 29), "Hemelvaartsdag"),
        (date(2025, 6, 9), "Tweede Pinksterdag"),
        (date(2027, 3, 26), "Goede Vrijdag"),
        (date(2027, 3, 29), "Tweede Paasdag"),
        (date(2027, 4, 27), "Koningsdag"),
        (date(2027, 5, 6), "Hemelvaartsdag"),
        (date(2027, 5, 17), "Tweede Pinksterdag"),
        (date(2031, 4, 26), "Koningsdag"),  # 27 April 2031 is a Sunday
        (date(2014, 4, 26), "Koningsdag"),  # the first King's Day, 27 April 2014 was a Sunday
        (date(2030, 5, 30), "Hemelvaartsdag"),
        (date(2030, 6, 10), "Tweede Pinksterdag"),
    ],
)
def test_each_atw_holiday_is_free_and_named(day: date, name: str) -> None:
    assert holidays(day.year)[day] == name
    assert PLAIN.holiday_name(day) == name
    assert PLAIN.is_free(day)


def test_holidays_of_2026_are_exactly_the_nine_of_the_atw() -> None:
    assert holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    }


@pytest.mark.parametrize("year", [2025, 2031, 2036, 2042])
def test_kings_day_moves_to_26_april_when_27_april_is_a_sunday(year: int) -> None:
    assert date(year, 4, 27).weekday() == 6
    assert kings_day(year) == date(year, 4, 26)
    assert not PLAIN.holiday_name(date(year, 4, 27))  # a Sunday, free, but not King's Day
    assert PLAIN.is_free(date(year, 4, 27))


@pytest.mark.parametrize("year", [2024, 2026, 2027, 2028, 2029, 2030, 2032])
def test_kings_day_is_27_april_in_other_years(year: int) -> None:
    assert date(year, 4, 27).weekday() != 6
    assert kings_day(year) == date(year, 4, 27)


@pytest.mark.parametrize("year", range(2020, 2041))
def test_liberation_day_is_a_holiday_every_year(year: int) -> None:
    """Art. 3 Atw names 5 May itself, not only the lustrum years in which many people are free."""
    assert PLAIN.is_free(date(year, 5, 5))
    assert date(year, 5, 5) in holidays(year)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 2),  # Maundy Thursday
        date(2026, 4, 28),  # the day after King's Day
        date(2026, 5, 4),  # Remembrance Day is not a holiday
        date(2026, 5, 15),  # the Friday after Ascension, unless a royal decree adds it
        date(2026, 12, 24),  # Christmas Eve
        date(2026, 12, 31),  # New Year's Eve
        date(2026, 11, 23),
    ],
)
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert not PLAIN.is_free(day)
    assert PLAIN.holiday_name(day) is None
    assert PLAIN.next_working_day(day) == day


def test_weekends_are_free_without_a_holiday_name() -> None:
    assert PLAIN.is_free(date(2026, 11, 21))
    assert PLAIN.is_free(date(2026, 11, 22))
    assert PLAIN.holiday_name(date(2026, 11, 21)) is None


def test_ascension_day_on_5_may_is_one_date_with_both_days_free() -> None:
    """In 2016 (and 2005) Ascension Day fell on 5 May: nine holidays, eight dates, still free."""
    assert easter_sunday(2016) + timedelta(days=39) == date(2016, 5, 5)
    assert len(holidays(2016)) == 8
    assert set(holidays(2016).values()) == ATW_NAMES - {"Bevrijdingsdag"}
    assert PLAIN.is_free(date(2016, 5, 5))
    assert PLAIN.holiday_name(date(2016, 5, 5)) == "Hemelvaartsdag"
    assert len(holidays(2005)) == 8


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1900, max_value=2300))
def test_holidays_are_nine_distinct_dates_in_their_year(year: int) -> None:
    found = holidays(year)
    assert all(day.year == year for day in found)
    if easter_sunday(year) + timedelta(days=39) == date(year, 5, 5):
        assert len(found) == 8  # Ascension Day on Liberation Day: the one overlap possible
    else:
        assert len(found) == 9
        assert set(found.values()) == ATW_NAMES


# --- extra days from the catalog ----------------------------------------------------------------


def test_extra_day_is_free_and_named() -> None:
    calendar = WorkCalendar(frozenset({FRIDAY_AFTER_ASCENSION_2027}))
    assert not PLAIN.is_free(FRIDAY_AFTER_ASCENSION_2027)
    assert calendar.is_free(FRIDAY_AFTER_ASCENSION_2027)
    assert calendar.holiday_name(FRIDAY_AFTER_ASCENSION_2027) == "Gelijkgesteld met een feestdag (Atw art. 3 lid 3)"
    # Ascension Thursday 6 May 2027: the next working day is Monday 10 May, not Friday 7 May.
    assert PLAIN.next_working_day(date(2027, 5, 6)) == date(2027, 5, 7)
    assert calendar.next_working_day(date(2027, 5, 6)) == date(2027, 5, 10)
    assert calendar.add_working_days(date(2027, 5, 5), 1) == date(2027, 5, 10)


def test_a_calendar_of_decrees_knows_which_days_nobody_checked() -> None:
    checked = Decree("A", frozenset({date(2026, 5, 15)}), frozenset({2026}), checked=True)
    unchecked = Decree("B", frozenset({FRIDAY_AFTER_ASCENSION_2027}), frozenset({2027}))
    calendar = WorkCalendar.of([checked, unchecked])
    assert calendar.extra_days == {date(2026, 5, 15), FRIDAY_AFTER_ASCENSION_2027}
    assert calendar.unchecked_days == {FRIDAY_AFTER_ASCENSION_2027}
    assert calendar.without_extra_days(unchecked_only=True) == WorkCalendar(frozenset({date(2026, 5, 15)}))
    assert calendar.without_extra_days() == PLAIN
    assert WorkCalendar.of([]) == PLAIN


def test_extra_days_of_an_older_copy_still_count(tmp_path: Path) -> None:
    """Copies made before decrees were listed one by one have a plain list ``extra_days_off``."""
    shipped = paths.catalog_dir()
    shutil.copyfile(shipped / DOSSIER_FILE, tmp_path / DOSSIER_FILE)
    text = (shipped / ROUTES_FILE).read_text(encoding="utf-8")
    (tmp_path / ROUTES_FILE).write_text("extra_days_off = [2029-05-11, 2030-05-31]\n" + text, encoding="utf-8")
    days_off = load_catalog(tmp_path).routes.days_off
    assert days_off.extra_days >= {date(2029, 5, 11), date(2030, 5, 31), FRIDAY_AFTER_ASCENSION_2027}
    assert days_off.is_free(date(2029, 5, 11))
    assert days_off.is_free(date(2030, 5, 31))
    assert not days_off.is_free(date(2029, 5, 9))


def test_shipped_catalog_has_the_decree_days_of_2026_to_2028_marked_to_check() -> None:
    """Atw art. 3 lid 3: the Besluit gelijkstelling (Stcrt. 2025, 24713, as cited: "controleer")."""
    routes = load_catalog(paths.catalog_dir()).routes
    assert routes.days_off.extra_days == {
        date(2026, 1, 2), date(2026, 5, 15), FRIDAY_AFTER_ASCENSION_2027, date(2028, 4, 28), date(2028, 5, 26),
    }  # fmt: skip
    assert routes.days_off.unchecked_days == routes.days_off.extra_days
    (decree,) = routes.decrees
    assert decree.years == {2026, 2027, 2028}
    assert not decree.checked
    assert "24713" in decree.source and "controleer" in decree.source
    assert all(day.weekday() == 4 for day in decree.days)  # each a Friday next to a holiday


@pytest.mark.parametrize(("year", "covered"), [(2025, False), (2026, True), (2027, True), (2028, True), (2029, False)])
def test_the_catalog_says_which_years_a_decree_covers(year: int, covered: bool) -> None:
    assert load_catalog(paths.catalog_dir()).routes.has_decree_for(year) is covered


@pytest.mark.parametrize(
    ("today", "missing"),
    [(date(2025, 12, 31), 2025), (date(2026, 1, 1), None), (date(2027, 12, 31), None), (date(2028, 1, 1), 2029),
     (date(2029, 6, 1), 2029)],
)  # fmt: skip
def test_a_coordinator_is_told_when_no_decree_covers_this_or_next_year(today: date, missing: int | None) -> None:
    routes = load_catalog(paths.catalog_dir()).routes
    assert routes.missing_decree_year(today) == missing
    assert DECREE_MISSING.format(year=2029).startswith(
        "De catalogus noemt nog geen dagen die in 2029 met een feestdag zijn gelijkgesteld"
    )


# --- counting working days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 1, 9), 0, date(2026, 1, 9)),
        (date(2026, 1, 10), 0, date(2026, 1, 10)),  # zero: the start itself, even on a Saturday
        (date(2026, 1, 9), 1, date(2026, 1, 12)),  # Friday + 1: Monday
        (date(2026, 1, 10), 1, date(2026, 1, 12)),  # Saturday + 1: Monday
        (date(2026, 1, 11), 1, date(2026, 1, 12)),  # Sunday + 1: Monday
        (date(2026, 1, 9), 5, date(2026, 1, 16)),
        (date(2026, 1, 5), 10, date(2026, 1, 19)),
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Maundy Thursday: past Good Friday to Easter Monday
        (date(2026, 4, 2), 3, date(2026, 4, 9)),
        (date(2026, 4, 1), 1, date(2026, 4, 2)),
        (date(2026, 4, 1), 2, date(2026, 4, 7)),
        (date(2026, 5, 13), 1, date(2026, 5, 15)),  # past Ascension Day
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # past Whit Monday
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # past King's Day on a Monday
        (date(2026, 12, 24), 3, date(2026, 12, 30)),  # past Christmas
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # past New Year's Day on a Friday
    ],
)
def test_add_working_days(start: date, count: int, expected: date) -> None:
    assert PLAIN.add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 10), date(2026, 1, 12)),
        (date(2026, 4, 3), date(2026, 4, 7)),
        (date(2026, 4, 4), date(2026, 4, 7)),
        (date(2026, 4, 25), date(2026, 4, 28)),  # Saturday, Sunday, King's Day
        (date(2026, 12, 25), date(2026, 12, 28)),
        (date(2027, 1, 1), date(2027, 1, 4)),
        (date(2026, 11, 23), date(2026, 11, 23)),
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert PLAIN.next_working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 1, 9), date(2026, 1, 9), 0),
        (date(2026, 1, 9), date(2026, 1, 8), 0),
        (date(2026, 1, 9), date(2026, 1, 12), 1),  # the start day itself does not count
        (date(2026, 1, 4), date(2026, 1, 10), 5),
        (date(2026, 4, 2), date(2026, 4, 7), 1),
        (date(2026, 3, 31), date(2026, 4, 30), 19),  # April 2026: 22 weekdays less three holidays
        (date(2026, 12, 31), date(2027, 12, 31), 254),  # 261 weekdays less seven holidays on weekdays
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert PLAIN.working_days_between(start, end) == expected


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.integers(min_value=1, max_value=60))
def test_add_working_days_never_lands_on_a_free_day(start: date, count: int) -> None:
    end = PLAIN.add_working_days(start, count)
    assert not PLAIN.is_free(end)
    assert end > start
    assert (end - start).days >= count


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.integers(min_value=0, max_value=60))
def test_working_days_between_counts_what_add_working_days_added(start: date, count: int) -> None:
    end = PLAIN.add_working_days(start, count)
    assert PLAIN.working_days_between(start, end) == count
    if count:  # and the day before the end holds one fewer: the end is the first such day
        assert PLAIN.working_days_between(start, end - timedelta(days=1)) == count - 1


@settings(max_examples=200, deadline=None)
@given(SOME_DATES, st.sets(SOME_DATES, max_size=10), st.integers(min_value=1, max_value=30))
def test_extra_days_are_skipped_too(start: date, extra: set[date], count: int) -> None:
    calendar = WorkCalendar(frozenset(extra))
    end = calendar.add_working_days(start, count)
    assert not calendar.is_free(end)
    assert end not in extra
    assert calendar.working_days_between(start, end) == count
    assert end >= PLAIN.add_working_days(start, count)


@settings(max_examples=200, deadline=None)
@given(SOME_DATES)
def test_next_working_day_is_the_first_working_day_from_the_day(day: date) -> None:
    found = PLAIN.next_working_day(day)
    assert found >= day
    assert not PLAIN.is_free(found)
    assert all(PLAIN.is_free(day + timedelta(days=n)) for n in range((found - day).days))
    assert (found - day).days <= 4  # at most a long weekend: Good Friday to Easter Monday
