"""Dutch dates and times: formatting, parsing, and clear Dutch messages for wrong input."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.dates import (
    MONTHS,
    format_date,
    format_long,
    format_time,
    parse_date,
    parse_time,
)
from clientsteun.domain.errors import InvalidInput

WRONG_FORMAT = "Deze datum klopt niet. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 22-11-2026."
NO_SUCH_DATE = "Deze datum bestaat niet. Controleer de dag en de maand."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 22), "22-11-2026"),
        (date(2026, 1, 5), "05-01-2026"),
        (date(2027, 12, 31), "31-12-2027"),
        (date(999, 3, 4), "04-03-0999"),
        (None, ""),
    ],
)
def test_format_date_is_day_month_year_with_dashes(value: date | None, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 22), "22 november 2026"),
        (date(2027, 1, 1), "1 januari 2027"),
        (date(2026, 5, 5), "5 mei 2026"),
        (date(2026, 3, 9), "9 maart 2026"),
        (None, ""),
    ],
)
def test_format_long_writes_the_dutch_month_without_leading_zero(value: date | None, expected: str) -> None:
    assert format_long(value) == expected


def test_format_long_knows_every_month_in_lower_case() -> None:
    names = [format_long(date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert names == list(MONTHS)
    assert names == [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22-11-2026", date(2026, 11, 22)),
        ("22/11/2026", date(2026, 11, 22)),
        ("22.11.2026", date(2026, 11, 22)),
        ("22 11 2026", date(2026, 11, 22)),
        ("1-2-2026", date(2026, 2, 1)),
        ("  05-01-2026  ", date(2026, 1, 5)),
        ("29-02-2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_what_people_type(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_parse_date_empty_is_no_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["", "  "])
def test_parse_date_required_asks_for_a_date(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, required=True)
    assert caught.value.message == "Vul een datum in (dd-mm-jjjj)."


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22",  # ISO order is not what people type here
        "22-11-26",  # two-digit year
        "22-11",
        "morgen",
        "22--11-2026",
        "22-11-2026 14:30",
        "22 november 2026",
        "123-11-2026",
        "22_11_2026",
    ],
)
def test_parse_date_wrong_format_explains_in_dutch(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text)
    assert caught.value.message == WRONG_FORMAT
    assert str(caught.value) == WRONG_FORMAT


@pytest.mark.parametrize("text", ["31-02-2026", "29-02-2025", "00-01-2026", "15-13-2026", "31-04-2026", "01-00-2026"])
def test_parse_date_impossible_date_explains_in_dutch(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, required=True)
    assert caught.value.message == NO_SUCH_DATE


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_format_then_parse_gives_the_same_date(value: date) -> None:
    assert parse_date(format_date(value)) == value
    assert parse_date(format_date(value), required=True) == value


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.sampled_from(["-", "/", ".", " "]))
def test_parse_accepts_every_separator_and_missing_zeros(value: date, separator: str) -> None:
    text = separator.join([str(value.day), str(value.month), f"{value.year:04d}"])
    assert parse_date(text) == value


@given(st.text(max_size=40))
def test_parse_date_never_fails_with_anything_but_invalid_input(text: str) -> None:
    try:
        result = parse_date(text)
    except InvalidInput as error:
        assert error.message in (WRONG_FORMAT, NO_SUCH_DATE)
    else:
        assert result is None or isinstance(result, date)


@pytest.mark.parametrize(("value", "expected"), [(time(14, 30), "14:30"), (time(9, 5), "09:05"), (None, "")])
def test_format_time(value: time | None, expected: str) -> None:
    assert format_time(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("9.05", time(9, 5)),
        (" 0:00 ", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_time_accepts_colon_and_dot(text: str, expected: time) -> None:
    assert parse_time(text) == expected


def test_parse_time_empty_is_no_time() -> None:
    assert parse_time("  ") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1430", "Deze tijd klopt niet. Schrijf de tijd als uu:mm, bijvoorbeeld 14:30."),
        ("half drie", "Deze tijd klopt niet. Schrijf de tijd als uu:mm, bijvoorbeeld 14:30."),
        ("14:3", "Deze tijd klopt niet. Schrijf de tijd als uu:mm, bijvoorbeeld 14:30."),
        ("24:00", "Deze tijd bestaat niet. Controleer uren en minuten."),
        ("12:60", "Deze tijd bestaat niet. Controleer uren en minuten."),
    ],
)
def test_parse_time_wrong_input_explains_in_dutch(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_time(text)
    assert caught.value.message == message


@given(st.times())
def test_format_then_parse_time_keeps_hours_and_minutes(value: time) -> None:
    assert parse_time(format_time(value)) == value.replace(second=0, microsecond=0)


@pytest.mark.parametrize("text", ["31-12-9999", "01-01-0001", "01-01-1899", "01-01-2201", "29-02-2400"])
def test_a_new_date_outside_1900_to_2200_is_refused_in_dutch(text: str) -> None:
    """Safety, round two, item 18: one agreement due 31-12-9999 broke every .ics export after it."""
    with pytest.raises(InvalidInput) as caught:
        parse_date(text)
    assert caught.value.message == "Dit jaartal klopt niet. Gebruik een jaar tussen 1900 en 2200."


@pytest.mark.parametrize("text", ["01-01-1900", "31-12-2200"])
def test_the_ends_of_the_range_are_accepted(text: str) -> None:
    assert parse_date(text) is not None
