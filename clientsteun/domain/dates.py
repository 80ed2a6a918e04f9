"""Dates the Dutch way: 22-11-2026 and "22 november 2026"; parsing what people type."""

from __future__ import annotations

import re
from datetime import date, time

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# New dates must lie in this range: a year typed wrong (0001, 9999) is caught, and dates stay far
# from the ends of Python's calendar, where adding a term overflows.  Stored data outside it
# still opens, shows and exports.
FIRST_YEAR = 1900
LAST_YEAR = 2200

_DATE = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def format_date(value: date | None) -> str:
    """22-11-2026; empty for no date."""
    return "" if value is None else f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def format_long(value: date | None) -> str:
    """22 november 2026; empty for no date."""
    return "" if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def parse_date(text: str, *, required: bool = False) -> date | None:
    """Read a date typed as dd-mm-jjjj (also with / or . between); None when empty."""
    if not text.strip():
        if required:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Vul een datum in (dd-mm-jjjj)."))
        return None
    match = _DATE.match(text)
    if match is None:
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "errors", "Deze datum klopt niet. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 22-11-2026."
            )
        )
    day, month, year = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "Deze datum bestaat niet. Controleer de dag en de maand.")
        ) from None
    return check_year(value)


def check_year(value: date) -> date:
    """``value``, or InvalidInput when its year lies outside 1900–2200."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit jaartal klopt niet. Gebruik een jaar tussen 1900 en 2200."))
    return value


def parse_time(text: str) -> time | None:
    """Read a time typed as 14:30 (or 14.30); None when empty."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "Deze tijd klopt niet. Schrijf de tijd als uu:mm, bijvoorbeeld 14:30.")
        )
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze tijd bestaat niet. Controleer uren en minuten."))
    return time(hour, minute)
