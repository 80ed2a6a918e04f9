"""When one term ends: its start, what happened during it, and the safe reading where the law is doubtful.

Where the law can be read two ways, the reading that cannot hurt the resident is taken: for the
resident's own terms the earlier date, for an authority's term (before a notice of default) the later
one, since a notice sent before the term passed is void (Awb 4:17 lid 3).  The other reading is
said in a ``Note``.  Pure: the deadlines of a route and the calculator both come here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from clientsteun.domain.dates import format_long
from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.holidays import WorkCalendar
from clientsteun.domain.route_catalog import DeadlineRule, MunicipalTerm
from clientsteun.domain.routes import Actor
from clientsteun.domain.terms import Term, TermUnit, atw_end

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
POST_DAYS = 2  # a letter by post is taken to arrive two working days after posting


class NoteKind(enum.StrEnum):
    READING = "reading"  # the law can be read two ways: the safe one is taken, this is the other
    ASSUMPTION = "assumption"  # a date was not given and is assumed: the supporter can correct it
    CHECK = "check"  # a figure to check (a by-law, a decree not yet compared with its text)
    COURSE = "course"  # what changed the term: suspended, extended, delayed by agreement
    PREMATURE = "premature"  # a notice of default came before the term passed


@dataclass(frozen=True)
class Note:
    """A short Dutch explanation with dates; ``text`` is marked for translation in context "deadlines"."""

    kind: NoteKind
    text: str
    values: tuple[tuple[str, date | str | int], ...] = ()
    then: str = ""  # a second sentence: for a reading, which one was taken and why

    def render(self, translate: Callable[[str], str] = str) -> str:
        """The text with its values: dates as "vrijdag 25 december 2026"."""
        values = {key: long_day(value) if isinstance(value, date) else value for key, value in self.values}
        text = translate(self.text).format(**values)
        return f"{text} {translate(self.then)}" if self.then else text


def long_day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {format_long(day)}"


class EventKind(enum.StrEnum):
    EXTENDED = "extended"  # the authority extended its term (verdaging)
    SUSPENDED = "suspended"  # the authority asked for information
    RESUMED = "resumed"  # the information was supplied
    AGREED = "agreed"  # the resident agreed to a later date


@dataclass(frozen=True)
class Event:
    """Something that happened during a term and changes its end."""

    kind: EventKind
    on: date
    until: date | None = None  # the date the letter names: the new term, the agreed date, the reply-by date


@dataclass(frozen=True)
class Reckoning:
    term_end: date  # the last day of the term as counted, before the Algemene termijnenwet
    due_on: date  # the last day to act
    extended: bool
    suspended_days: int
    notes: tuple[Note, ...]


def receipt_after_post(sent_on: date, days_off: WorkCalendar) -> date:
    """The day a letter posted on ``sent_on`` is taken to arrive."""
    return days_off.add_working_days(sent_on, POST_DAYS)


def reckon(
    rule: DeadlineRule,
    start: date,
    days_off: WorkCalendar,
    today: date,
    events: Iterable[Event] = (),
    municipal: MunicipalTerm | None = None,
    since: date | None = None,
) -> Reckoning:
    """The end of ``rule``'s term that starts after ``start``, changed by ``events``.

    Only events on or after ``since`` count (default ``start``; for a term that follows another, the
    step that started the first).  ``today`` tells how long an unanswered request for information
    has suspended the term so far.
    """
    events = sorted((e for e in events if e.on >= (since or start)), key=lambda e: e.on)
    notes: list[Note] = []
    base = _Base.of(rule, start, days_off, municipal, notes)

    # Suspension (Awb 4:15, 7:10 lid 2): every day waited for requested information is added.
    suspensions = _suspensions(events, today) if rule.suspension else []
    suspended = 0
    term_end, due_on = base.due(suspended, None)
    for asked, days, waiting in suspensions:
        if asked <= due_on:
            suspended += days
            term_end, due_on = base.due(suspended, None)
            notes.append(_suspension_note(rule, asked, days, waiting))

    extension = next((e for e in events if e.kind is EventKind.EXTENDED and e.on <= due_on), None)
    if rule.extension is not None and extension is not None:
        later = sum(days for asked, days, _ in suspensions if asked > extension.on)
        term_end, due_on = _extend(base, rule.extension, extension, suspended, later, notes)
    else:
        term_end, due_on = base.due(suspended, notes)

    agreed = [e.until for e in events if e.kind is EventKind.AGREED and e.until is not None]
    if rule.consent and agreed and agreed[-1] > due_on:
        notes.append(Note(NoteKind.COURSE, AGREED, (("date", agreed[-1]), ("law", rule.consent))))
        term_end, due_on = agreed[-1], _named_day(agreed[-1], days_off, notes)
    return Reckoning(term_end, due_on, rule.extension is not None and extension is not None, suspended, tuple(notes))


@dataclass(frozen=True)
class _Base:
    """The rule's own term from its start, with the readings of the Algemene termijnenwet it allows."""

    rule: DeadlineRule
    start: date
    term: Term
    atw: bool | None  # None: a by-law's term not known for this municipality, so both readings
    days_off: WorkCalendar

    @classmethod
    def of(
        cls, rule: DeadlineRule, start: date, days_off: WorkCalendar, municipal: MunicipalTerm | None, notes: list[Note]
    ) -> _Base:
        if municipal is not None:
            law = municipal.law or rule.law
            notes.append(Note(NoteKind.COURSE, MUNICIPAL, (("municipality", municipal.municipality), ("law", law))))
            return cls(rule, start, municipal.term, municipal.atw, days_off)
        if rule.by_law:
            notes.append(Note(NoteKind.CHECK, BY_LAW_DEFAULT, (("term", str(rule.term)),)))
            return cls(rule, start, rule.term, None, days_off)
        return cls(rule, start, rule.term, rule.atw, days_off)

    def safe(self, dates: Iterable[date]) -> date:
        """The later date for an authority's term, the earlier for the resident's own."""
        return max(dates) if self.rule.actor is Actor.AUTHORITY else min(dates)

    def reading(self, text: str, other: date, **values: str) -> Note:
        """The other reading of a doubtful rule, and which one was taken."""
        then = TOOK_LATER if self.rule.actor is Actor.AUTHORITY else TOOK_EARLIER
        return Note(NoteKind.READING, text, (("date", other), *values.items()), then)

    def due(self, suspended: int, notes: list[Note] | None) -> tuple[date, date]:
        """The term's end and last day after ``suspended`` days; the other readings go to ``notes``."""
        shift = timedelta(days=suspended)
        term, days_off = self.term, self.days_off
        end = term.end(self.start, days_off) + shift
        readings = [(end, self._atw(end, term, days_off, self.atw is not False), "")]
        if self.atw is None:
            readings.append((end, end, BY_LAW_NO_ATW))
        if term.unit is TermUnit.WORKING_DAYS and days_off.extra_days:
            plain_end = term.end(self.start, days_off.without_extra_days()) + shift
            readings.append((plain_end, self._atw(plain_end, term, days_off, self.atw is not False), DECREE_WORKDAY))
        chosen = self.safe(due for _, due, _ in readings)
        term_end = next(end for end, due, _ in readings if due == chosen)
        if notes is not None:
            seen = {chosen}
            for _, due, text in readings:
                if due not in seen:
                    seen.add(due)
                    notes.append(self.reading(text, due))
            if self.rule.actor is Actor.RESIDENT and days_off.unchecked_days:
                self._unchecked_note(chosen, shift, notes)
        return term_end, chosen

    def _atw(self, end: date, term: Term, days_off: WorkCalendar, applies: bool) -> date:
        return atw_end(self.start, end, days_off, term.days) if applies and term.within_atw else end

    def _unchecked_note(self, due: date, shift: timedelta, notes: list[Note]) -> None:
        """A resident's date moved by a decree day nobody has checked: say the date that is sure."""
        checked = self.days_off.without_extra_days(unchecked_only=True)
        end = self.term.end(self.start, checked) + shift
        sure = self._atw(end, self.term, checked, self.atw is not False)
        days = sorted(day for day in self.days_off.unchecked_days if sure <= day < due)
        if days:
            notes.append(Note(NoteKind.CHECK, UNCHECKED_DECREE, (("day", days[0]), ("date", sure))))


def _extend(
    base: _Base, extension: Term, event: Event, suspended: int, later: int, notes: list[Note]
) -> tuple[date, date]:
    """The end after the authority extended its term: the date its letter names, else the rule's extension.

    ``later``: the days suspended by requests for information after the letter.
    """
    longest = _longest(base, extension, suspended, notes if event.until is None else None)
    if event.until is None:
        text = EXTENSION_MAX if base.rule.extension_max else EXTENSION_GUESS
        notes.append(Note(NoteKind.ASSUMPTION, text, (("extension", str(extension)),)))
        return longest
    end = event.until + timedelta(days=later)
    if base.rule.extension_max and end > longest[1]:
        notes.append(Note(NoteKind.COURSE, EXTENSION_TOO_LONG, (("named", event.until), ("date", longest[1]))))
        return longest
    notes.append(Note(NoteKind.COURSE, EXTENSION_NAMED, (("date", event.until),)))
    return end, _named_day(end, base.days_off, notes)


def _longest(base: _Base, extension: Term, suspended: int, notes: list[Note] | None) -> tuple[date, date]:
    """The term plus its extension: as one term, and beyond 12 weeks also as two terms; the safe one.

    Beyond 12 weeks in all the Atw does not apply to the one long term (art. 4), but it does apply
    to each of the two terms it is made of (the second starting where the first ended).
    """
    whole = replace(base, term=base.term + extension)
    if whole.term.within_atw or base.atw is False:
        return whole.due(suspended, notes)
    end, due = whole.due(suspended, None)
    _, first_due = base.due(suspended, None)
    chain_end, chain_due = replace(base, start=first_due, term=extension).due(0, None)
    chosen = base.safe((due, chain_due))
    if notes is not None and chain_due != due:
        other, text = (due, EXTENSION_AS_ONE_TERM) if chosen == chain_due else (chain_due, EXTENSION_AS_TWO_TERMS)
        notes.append(base.reading(text, other, term=str(whole.term)))
    return (chain_end, chain_due) if chosen == chain_due else (end, due)


def _named_day(day: date, days_off: WorkCalendar, notes: list[Note]) -> date:
    """A date a letter names for an authority: on a free day, the next working day is the safe reading."""
    due = days_off.next_working_day(day)
    if due != day:
        notes.append(Note(NoteKind.READING, NAMED_FREE_DAY, (("named", day), ("date", due)), TOOK_LATER))
    return due


def _suspensions(events: Sequence[Event], today: date) -> list[tuple[date, int, bool]]:
    """(asked on, days suspended, still waiting) for each request for information."""
    found = []
    asked: Event | None = None
    for event in [*events, None]:
        if event is not None and event.kind is EventKind.SUSPENDED and asked is None:
            asked = event
        elif asked is not None and (event is None or event.kind is EventKind.RESUMED):
            if event is not None:
                found.append((asked.on, (event.on - asked.on).days, False))
            elif asked.until is not None and asked.until < today:
                found.append((asked.on, (asked.until - asked.on).days, False))  # the reply-by date passed
            else:
                found.append((asked.on, max((today - asked.on).days, 0), True))
            asked = None
    return found


def _suspension_note(rule: DeadlineRule, asked: date, days: int, waiting: bool) -> Note:
    values: tuple[tuple[str, date | str | int], ...] = (("asked", asked), ("days", days), ("law", rule.suspension))
    return Note(NoteKind.COURSE, SUSPENDED_WAITING if waiting else SUSPENDED, values)


# -- the notes' texts ---------------------------------------------------------------------------

BY_LAW_DEFAULT = QT_TRANSLATE_NOOP(
    "deadlines",
    "Deze termijn staat in een verordening van de gemeente en verschilt per gemeente. Gerekend met {term}: "
    "controleer de verordening.",
)
TOOK_LATER = QT_TRANSLATE_NOOP(
    "deadlines", "Hier staat de latere datum: een ingebrekestelling die te vroeg komt, telt niet (Awb art. 4:17)."
)
TOOK_EARLIER = QT_TRANSLATE_NOOP("deadlines", "Hier staat de eerdere datum: zo is de inwoner zeker op tijd.")
BY_LAW_NO_ATW = QT_TRANSLATE_NOOP(
    "deadlines",
    "Staat de termijn in de verordening zelf, dan geldt de Algemene termijnenwet niet en is het {date}.",
)
MUNICIPAL = QT_TRANSLATE_NOOP("deadlines", "Termijn van de gemeente {municipality}: {law}.")
DECREE_WORKDAY = QT_TRANSLATE_NOOP(
    "deadlines",
    "Telt een dag die bij besluit met een feestdag is gelijkgesteld toch als werkdag (de wet zegt het niet), "
    "dan is het {date}.",
)
UNCHECKED_DECREE = QT_TRANSLATE_NOOP(
    "deadlines",
    "Deze datum telt {day} als feestdag (gelijkgesteld bij besluit; nog niet gecontroleerd). "
    "Wie zeker wil zijn, handelt uiterlijk {date}.",
)
SUSPENDED = QT_TRANSLATE_NOOP(
    "deadlines", "De instantie vroeg op {asked} om informatie: de termijn stond {days} dagen stil ({law})."
)
SUSPENDED_WAITING = QT_TRANSLATE_NOOP(
    "deadlines",
    "De instantie vroeg op {asked} om informatie en wacht daar nog op ({law}). De termijn staat zolang stil: "
    "de datum schuift elke dag op tot de informatie er is.",
)
EXTENSION_NAMED = QT_TRANSLATE_NOOP("deadlines", "Verdaagd: de brief van de instantie noemt {date}.")
EXTENSION_GUESS = QT_TRANSLATE_NOOP(
    "deadlines",
    "Verdaagd zonder datum: gerekend met {extension} extra. Dat is alleen een schatting; de instantie noemt zelf "
    "een redelijke termijn (Awb art. 4:14). Vul de datum uit de brief in.",
)
EXTENSION_MAX = QT_TRANSLATE_NOOP(
    "deadlines",
    "Verdaagd: gerekend met de langste verdaging die de wet toestaat, {extension}. Noemt de brief een eerdere "
    "datum, vul die dan in.",
)
EXTENSION_TOO_LONG = QT_TRANSLATE_NOOP(
    "deadlines", "De brief noemt {named}, later dan de wet toestaat. De wet gaat voor: uiterlijk {date}."
)
EXTENSION_AS_ONE_TERM = QT_TRANSLATE_NOOP(
    "deadlines",
    "Leest men termijn en verdaging als één termijn van {term}, dan geldt de Algemene termijnenwet niet en is "
    "het {date}.",
)
EXTENSION_AS_TWO_TERMS = QT_TRANSLATE_NOOP(
    "deadlines",
    "Leest men termijn en verdaging als twee termijnen, elk met de Algemene termijnenwet, dan is het {date}.",
)
NAMED_FREE_DAY = QT_TRANSLATE_NOOP(
    "deadlines",
    "De brief noemt {named}, een vrije dag. Of de datum dan opschuift naar {date}, zegt de wet niet.",
)
AGREED = QT_TRANSLATE_NOOP("deadlines", "De inwoner stemde in met uitstel tot {date} ({law}).")
