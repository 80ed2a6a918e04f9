"""The agenda as an iCalendar file (RFC 5545), to import into Outlook, Google Calendar or a phone.

A pure function of the agenda items and the moment of export: no database, no Qt.  Every item is an
all-day event; its UID stays the same across exports, so importing again updates an event instead of
adding it twice.  Calendars are often synced to a cloud service, so names can be left out: the
resident is then "inwoner 12", and free text (what, the route's title, who does an agreement) loses
every name of any resident in the export and of their network (``domain.anonymise``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from clientsteun.domain.agenda import AgendaItem, AgendaKind
from clientsteun.domain.anonymise import NameScrubber, name_words
from clientsteun.domain.dates import FIRST_YEAR, LAST_YEAR
from clientsteun.domain.deadlines import ACTOR_NAMES

PRODID = "-//Clientsteun//Agenda//NL"
UID_DOMAIN = "clientsteun"
MAX_OCTETS = 75  # a content line's length without its line break (RFC 5545, 3.1)
CRLF = "\r\n"

KIND_PREFIX = {
    AgendaKind.DEADLINE: "Termijn",
    AgendaKind.MEETING: "Gepland",
    AgendaKind.AGREEMENT: "Afspraak",
    AgendaKind.REPORT: "Herinnering",
    AgendaKind.REQUEST: "Verzoek AVG",
}


def writable(items: Iterable[AgendaItem]) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """The items a calendar can hold, and those left out: a date stored before new dates were
    limited to 1900–2200 (31-12-9999 has no day after it to end the event on)."""
    kept: list[AgendaItem] = []
    left_out: list[AgendaItem] = []
    for item in items:
        (kept if FIRST_YEAR <= item.on.year <= LAST_YEAR else left_out).append(item)
    return kept, left_out


def agenda_ics(items: Iterable[AgendaItem], now: datetime, *, with_names: bool = True) -> str:
    """The whole calendar, lines folded and ended with CRLF; items ``writable`` leaves out are not in it.

    ``now`` is the moment of export (DTSTAMP); a naive value is taken as local time.
    """
    stamp = _utc(now)
    items, _left_out = writable(items)
    names = None if with_names else _Names(items)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Clientsteun",
    ]
    for item in items:
        lines += _event(item, stamp, names)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


class _Names:
    """Names to leave out of an export: every name of the residents in it and of their networks."""

    def __init__(self, items: list[AgendaItem]) -> None:
        residents = {item.resident.id: item.resident for item in items}
        self.scrubber = NameScrubber.of(name for r in residents.values() for name in (r.name, *r.own_names, *r.network))
        self.own = {
            rid: frozenset(word for name in (r.name, *r.own_names) for word in name_words(name))
            for rid, r in residents.items()
        }

    def label(self, item: AgendaItem) -> str:
        return f"inwoner {item.resident.id}"

    def scrub(self, text: str, item: AgendaItem) -> str:
        return self.scrubber.scrub(text, self.own[item.resident.id], self.label(item))


def summary(item: AgendaItem, names: _Names | None = None) -> str:
    """The event's title, such as "Termijn: Besluit op de aanvraag — Fatima"; without names when
    ``names`` says which to leave out."""
    what = _text(item.what, item, names)
    resident = item.resident.name if names is None else names.label(item)
    return f"{KIND_PREFIX[item.kind]}: {what} — {resident}"


def description(item: AgendaItem, names: _Names | None = None) -> str:
    """Route, who must act, law and advice, one per line."""
    lines = []
    if item.route_title:
        lines.append(f"Route: {_text(item.route_title, item, names)}")
    if item.actor is not None:
        lines.append(f"De {ACTOR_NAMES[item.actor].lower()} moet handelen")
    elif item.who:
        lines.append(f"Wie: {_text(item.who, item, names)}")
    if item.law:
        lines.append(f"Wet: {item.law}")
    if item.advice:
        lines.append(f"Advies: {item.advice}")
    return "\n".join(lines)


def uid(item: AgendaItem) -> str:
    """The item's own stable id; an item without one gets an id made from what it is about."""
    if item.uid:
        return f"{item.uid}@{UID_DOMAIN}"
    digest = hashlib.sha256(
        "\x1f".join((item.kind.value, item.on.isoformat(), str(item.resident.id), item.what)).encode("utf-8")
    ).hexdigest()[:16]
    return f"{item.kind.value}-{digest}@{UID_DOMAIN}"


def escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets (UTF-8), never inside a character.

    Each continuation starts with one space, which counts toward its 75 octets.
    """
    if len(line.encode("utf-8")) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _event(item: AgendaItem, stamp: datetime, names: _Names | None) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(item)}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{_date(item.on)}",
        f"DTEND;VALUE=DATE:{_date(item.on + timedelta(days=1))}",
        f"SUMMARY:{escape(summary(item, names))}",
    ]
    text = description(item, names)
    if text:
        lines.append(f"DESCRIPTION:{escape(text)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]  # all day, but the time stays free
    return lines


def _text(text: str, item: AgendaItem, names: _Names | None) -> str:
    """Free text, without any name when names are left out."""
    return text if names is None else names.scrub(text, item)


def _date(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
