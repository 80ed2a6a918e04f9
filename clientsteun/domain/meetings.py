"""Meetings with an organisation and the resident's preparation for them.

A meeting is planned ahead (date, place, with whom, what kind, the routes it is about, who comes
along) and may be the same event as a planned step of a route (the hearing on an objection, the Wmo
conversation): then it is one item in the agenda, never two.  Once held, it becomes the
conversation record of that day, and what was agreed becomes agreements.

The preparation is in the resident's own words, one guided question at a time.  The resident
decides what goes on the printed sheet: every answer, question and attempt has a *sheet key*, and
the preparation keeps the keys marked "not on the sheet" (each record under its UUID, so a mark goes
with the dossier to another laptop: ``services.sheet_keys``).

Why the usual alternatives do not fit (own strength, network, paying oneself, a general facility)
is the reasoning of the reversed test, which a route already holds (``ReversedTest``).  The guided
preparation asks it per route the meeting is about and writes it into that route: one place for
the text, which the route's window, the overview and the sheet all show.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from clientsteun.domain.agenda import AgendaItem, AgendaKind, AgendaResident
from clientsteun.domain.dates import check_year, format_time
from clientsteun.domain.deadlines import DUE_SOON_DAYS, deadline_state
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import clean_line, clean_text
from clientsteun.domain.routes import Attempt, ReversedTest

REPORT_MISSING_DAYS = 14  # a written report still missing this long after the meeting is a reminder
MAX_QUESTIONS = 50


class CompanionRole(enum.StrEnum):
    """Who comes along to a meeting besides the resident."""

    SUPPORTER = "supporter"
    EXPERIENCE_EXPERT = "experience_expert"  # ervaringsdeskundige
    INTERPRETER = "interpreter"
    FAMILY = "family"
    OTHER = "other"


ROLE_NAMES = {
    CompanionRole.SUPPORTER: QT_TRANSLATE_NOOP("meetings", "Cliëntondersteuner"),
    CompanionRole.EXPERIENCE_EXPERT: QT_TRANSLATE_NOOP("meetings", "Ervaringsdeskundige"),
    CompanionRole.INTERPRETER: QT_TRANSLATE_NOOP("meetings", "Tolk"),
    CompanionRole.FAMILY: QT_TRANSLATE_NOOP("meetings", "Familie"),
    CompanionRole.OTHER: QT_TRANSLATE_NOOP("meetings", "Iemand anders"),
}


@dataclass(frozen=True)
class Companion:
    role: CompanionRole
    name: str = ""  # may be empty while unknown ("a tolk")

    def validated(self) -> Companion:
        return Companion(CompanionRole(self.role), clean_line(self.name, ""))

    def line(self) -> str:
        """ "Tolk: Ana" or "Tolk"."""
        role = ROLE_NAMES[self.role]
        return f"{role}: {self.name}" if self.name else role


@dataclass(frozen=True)
class MeetingInput:
    client_id: int
    on: date
    kind: str  # a code of the meeting catalog (``meetings.toml``)
    start_time: time | None = None
    place: str = ""
    organisation: str = ""
    consulent: str = ""  # the name of the person the resident talks to
    route_ids: tuple[int, ...] = ()  # the routes the meeting is about
    companions: tuple[Companion, ...] = ()
    step_id: int | None = None  # the planned route step that is this same meeting

    def validated(self) -> MeetingInput:
        if not self.kind:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies wat voor gesprek het is."))
        if not isinstance(self.on, date):
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Vul de datum van het gesprek in."))
        return replace(
            self,
            on=check_year(self.on),
            place=clean_line(self.place, ""),
            organisation=clean_line(self.organisation, ""),
            consulent=clean_line(self.consulent, ""),
            route_ids=tuple(dict.fromkeys(self.route_ids)),
            companions=tuple(companion.validated() for companion in self.companions),
        )


@dataclass(frozen=True)
class Meeting:
    id: int
    data: MeetingInput
    conversation_id: int | None = None  # the conversation record, once held
    report_received_on: date | None = None  # the organisation's written report of the conversation
    report_checked: bool = False  # the resident read it and it is right

    @property
    def held(self) -> bool:
        return self.conversation_id is not None

    def report_due(self, days: int = REPORT_MISSING_DAYS) -> date:
        return self.data.on + timedelta(days=days)

    def report_missing(self, today: date, days: int = REPORT_MISSING_DAYS) -> bool:
        """The report has not come ``days`` days after the meeting (a reminder, not a legal deadline)."""
        return self.report_received_on is None and today >= self.report_due(days)

    def participants(self) -> str:
        """Who was there besides the resident, for the conversation record: one line."""
        people = [self.data.consulent, *(companion.line() for companion in self.data.companions)]
        return ", ".join(person for person in people if person)


@dataclass(frozen=True)
class AgreedPoint:
    """One thing agreed in the meeting: it becomes an agreement of the dossier."""

    description: str
    who: str
    due_on: date | None = None


def agreed_points(text: str, who: str) -> tuple[AgreedPoint, ...]:
    """Each non-empty line of what was agreed as one point, all done by ``who``."""
    return tuple(AgreedPoint(line.strip(), who) for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class HeldMeeting:
    """What is recorded when a meeting took place: the notes of the day and what was agreed."""

    notes: str = ""
    agreed: tuple[AgreedPoint, ...] = ()
    duration_minutes: int | None = None
    medium: str = ""  # a catalog medium; empty: the meeting kind's


REPORT_MISSING = QT_TRANSLATE_NOOP("meetings", "Verslag van het gesprek nog niet ontvangen")


def meeting_items(
    resident: AgendaResident,
    meeting: Meeting,
    what: str,
    today: date,
    *,
    route_id: int | None = None,
    route_title: str = "",
    due_soon_days: int = DUE_SOON_DAYS,
    report_days: int = REPORT_MISSING_DAYS,
) -> list[AgendaItem]:
    """The agenda's items of a meeting: the meeting until it is held (one item with the planned step it
    is: it takes the step's uid, so a calendar that had the step updates it), and a reminder once its
    written report is ``report_days`` days late.  ``what`` is the kind's name."""
    items = []
    if not meeting.held:
        when = format_time(meeting.data.start_time)
        items.append(
            AgendaItem(
                on=meeting.data.on,
                kind=AgendaKind.MEETING,
                resident=resident,
                what=f"{what} om {when}" if when else what,
                state=deadline_state(meeting.data.on, None, today, due_soon_days),
                route_id=route_id,
                route_title=route_title,
                uid=f"step-{meeting.data.step_id}" if meeting.data.step_id is not None else f"meeting-{meeting.id}",
                meeting_id=meeting.id,
            )
        )
    if meeting.report_missing(today, report_days):
        due = meeting.report_due(report_days)
        items.append(
            AgendaItem(
                on=due,
                kind=AgendaKind.REPORT,
                resident=resident,
                what=f"{REPORT_MISSING} ({what})",
                state=deadline_state(due, None, today, due_soon_days),
                route_id=route_id,
                route_title=route_title,
                uid=f"report-{meeting.id}",
                meeting_id=meeting.id,
            )
        )
    return items


# -- the preparation ------------------------------------------------------------------------------


class Answer(enum.StrEnum):
    """The guided questions answered in the resident's own words, in the order they are asked."""

    GOAL_YEAR = "goal_year"  # where do you want to be in a year
    GOAL_FIRST = "goal_first"  # what first
    NOT_WORKING = "not_working"  # what is not working now
    GOOD_DAY = "good_day"
    BAD_DAY = "bad_day"
    OWN_PART = "own_part"  # what you do yourself
    OTHERS_PART = "others_part"  # what people around you do
    TOO_MUCH = "too_much"  # what is too much for them (care by family is not compulsory)
    BRING = "bring"  # what you bring along


# The guided preparation's questions, one per screen, said to the resident.
QUESTIONS = {
    Answer.GOAL_YEAR: QT_TRANSLATE_NOOP("meetings", "Waar wil je over een jaar zijn?"),
    Answer.GOAL_FIRST: QT_TRANSLATE_NOOP("meetings", "Wat moet als eerste beter?"),
    Answer.NOT_WORKING: QT_TRANSLATE_NOOP("meetings", "Wat lukt nu niet?"),
    Answer.GOOD_DAY: QT_TRANSLATE_NOOP("meetings", "Hoe gaat een goede dag?"),
    Answer.BAD_DAY: QT_TRANSLATE_NOOP("meetings", "Hoe gaat een slechte dag?"),
    Answer.OWN_PART: QT_TRANSLATE_NOOP("meetings", "Wat doe je zelf?"),
    Answer.OTHERS_PART: QT_TRANSLATE_NOOP("meetings", "Wat doen de mensen om je heen?"),
    Answer.TOO_MUCH: QT_TRANSLATE_NOOP("meetings", "Wat is te veel voor hen? Je familie hoeft niet voor je te zorgen."),
    Answer.BRING: QT_TRANSLATE_NOOP("meetings", "Wat neem je mee naar het gesprek?"),
}
# Where the answers print: what the resident wants, and what does not work (with who helps).
WANTS = (Answer.GOAL_YEAR, Answer.GOAL_FIRST)
NOT_WORKING = (
    Answer.NOT_WORKING, Answer.GOOD_DAY, Answer.BAD_DAY, Answer.OWN_PART, Answer.OTHERS_PART, Answer.TOO_MUCH,
)  # fmt: skip
# The label above an answer on the resident's sheet ("ik"); on the supporter's sheet.  None: no label.
RESIDENT_LABELS = {
    Answer.GOAL_YEAR: QT_TRANSLATE_NOOP("meetings", "Over een jaar"),
    Answer.GOAL_FIRST: QT_TRANSLATE_NOOP("meetings", "Wat eerst moet"),
    Answer.NOT_WORKING: None,
    Answer.GOOD_DAY: QT_TRANSLATE_NOOP("meetings", "Een goede dag"),
    Answer.BAD_DAY: QT_TRANSLATE_NOOP("meetings", "Een slechte dag"),
    Answer.OWN_PART: QT_TRANSLATE_NOOP("meetings", "Wat ik zelf doe"),
    Answer.OTHERS_PART: QT_TRANSLATE_NOOP("meetings", "Wat anderen voor mij doen"),
    Answer.TOO_MUCH: QT_TRANSLATE_NOOP("meetings", "Wat te veel is voor hen"),
    Answer.BRING: None,
}
SUPPORTER_LABELS = {
    Answer.GOAL_YEAR: QT_TRANSLATE_NOOP("meetings", "Doel over een jaar"),
    Answer.GOAL_FIRST: QT_TRANSLATE_NOOP("meetings", "Eerst"),
    Answer.NOT_WORKING: None,
    Answer.GOOD_DAY: QT_TRANSLATE_NOOP("meetings", "Goede dag"),
    Answer.BAD_DAY: QT_TRANSLATE_NOOP("meetings", "Slechte dag"),
    Answer.OWN_PART: QT_TRANSLATE_NOOP("meetings", "Eigen kracht"),
    Answer.OTHERS_PART: QT_TRANSLATE_NOOP("meetings", "Netwerk en gebruikelijke hulp"),
    Answer.TOO_MUCH: QT_TRANSLATE_NOOP("meetings", "Te zwaar voor het netwerk (mantelzorg is vrijwillig)"),
    Answer.BRING: None,
}


# The reversed test's reasons asked in the preparation ("why does the usual way not fit?"); the
# answers are the route's own fields (``RouteRow`` / ``ReversedTest``).
ALTERNATIVES = ("own_strength", "network", "paying_self", "general_facility")
ALTERNATIVE_QUESTIONS = {
    "own_strength": QT_TRANSLATE_NOOP("meetings", "Waarom lukt het niet zelf?"),
    "network": QT_TRANSLATE_NOOP("meetings", "Waarom kunnen familie of vrienden het niet doen?"),
    "paying_self": QT_TRANSLATE_NOOP("meetings", "Waarom kun je het niet zelf betalen?"),
    "general_facility": QT_TRANSLATE_NOOP("meetings", "Waarom past hulp die voor iedereen is niet?"),
}


def alternatives_of(test: ReversedTest) -> dict[str, str]:
    return {name: getattr(test, name) for name in ALTERNATIVES}


def with_alternatives(test: ReversedTest, answers: Mapping[str, str]) -> ReversedTest:
    """``test`` with the alternatives answered in the preparation; its other fields stay."""
    unknown = set(answers) - set(ALTERNATIVES)
    if unknown:
        raise InvalidInput(detail=f"not a reversed-test alternative: {sorted(unknown)}")
    return replace(test, **{name: clean_text(text.strip()) for name, text in answers.items()}).validated()


# -- what goes on the sheet ------------------------------------------------------------------------


def answer_key(answer: Answer) -> str:
    return f"answer:{answer.value}"


def question_key(question_id: int) -> str:
    return f"question:{question_id}"


def route_key(route_id: int) -> str:
    """A whole route: its attempts and its reasons together."""
    return f"route:{route_id}"


def alternative_key(route_id: int, name: str) -> str:
    """One reason of a route's reversed test."""
    return f"test:{route_id}:{name}"


def attempt_key(attempt: Attempt) -> str:
    """One line of what was tried: a step or an effort."""
    if attempt.step is not None:
        return f"step:{attempt.step.id}"
    assert attempt.evidence is not None
    return f"evidence:{attempt.evidence.id}"


# A sheet key names a record by its number in this database; the preparation *stores* it under the
# record's UUID instead (revision 0008), so a mark travels with the dossier to another laptop and a
# new record never takes over the mark of a deleted one (SQLite gives a deleted number out again).
RECORD_KINDS = ("question", "route", "step", "evidence")
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class SheetKey:
    """A sheet key taken apart: ``answer:<code>``, ``<record kind>:<record>`` or ``test:<route>:<name>``."""

    kind: str
    record: str  # the answer's code, or the record's number (a sheet key) or UUID (a stored key)
    name: str = ""  # the reversed-test alternative of a ``test`` key

    @property
    def record_kind(self) -> str | None:
        """What the key names: "route" for a reason of a route's test; None for an answer."""
        return None if self.kind == "answer" else "route" if self.kind == "test" else self.kind

    def text(self) -> str:
        return f"{self.kind}:{self.record}:{self.name}" if self.name else f"{self.kind}:{self.record}"

    def naming(self, record: str) -> SheetKey:
        """The same key naming its record by ``record`` (its number or its UUID)."""
        return self if self.record_kind is None else replace(self, record=record)


def split_key(key: str, *, stored: bool = False) -> SheetKey | None:
    """``key`` taken apart when it is a sheet key this module makes (records by number) or, ``stored``, a
    key as the preparation keeps it (records by UUID); None when it is neither."""
    kind, _, rest = key.partition(":")
    record, _, name = rest.partition(":")
    names_record = UUID_TEXT.fullmatch(record) is not None if stored else record.isdigit()
    valid = (
        (kind == "answer" and rest in {answer.value for answer in Answer})
        or (kind in RECORD_KINDS and not name and names_record)
        or (kind == "test" and names_record and name in ALTERNATIVES)
    )
    return SheetKey(kind, record, name) if valid else None


def check_key(key: str) -> SheetKey:
    """``key`` taken apart when it is a sheet key this module makes; else InvalidInput."""
    found = split_key(key)
    if found is None:
        raise InvalidInput(detail=f"not a sheet key: {key[:40]!r}")
    return found


def rekey(key: str, uuids: Mapping[str, str]) -> str | None:
    """A stored key with its record's UUID replaced by the one ``uuids`` gives it (an answer's key as it
    is); None when ``key`` is not a stored key or names a record ``uuids`` does not know."""
    found = split_key(key, stored=True)
    if found is None or (found.record_kind is not None and found.record not in uuids):
        return None
    return found.naming(uuids.get(found.record, found.record)).text()


@dataclass(frozen=True)
class PreparationQuestion:
    id: int
    text: str


@dataclass(frozen=True)
class Preparation:
    """One resident's preparation, for one meeting or (``meeting_id`` None) in general."""

    id: int
    client_id: int
    meeting_id: int | None
    answers: Mapping[Answer, str] = field(default_factory=dict)  # only the answered ones
    questions: tuple[PreparationQuestion, ...] = ()  # in the resident's order
    hidden: frozenset[str] = frozenset()  # sheet keys (records by number) marked "not on the sheet"
    updated_at: datetime | None = None

    def answer(self, answer: Answer) -> str:
        return self.answers.get(answer, "")

    def on_sheet(self, key: str) -> bool:
        return key not in self.hidden

    def attempt_on_sheet(self, attempt: Attempt) -> bool:
        """A line of what was tried prints unless it, or its whole route, is marked off the sheet."""
        return self.on_sheet(route_key(attempt.route.id)) and self.on_sheet(attempt_key(attempt))

    def sheet_answers(self) -> list[tuple[Answer, str]]:
        """The answers that go on the sheet, in the order asked."""
        return [(a, text) for a in Answer if (text := self.answer(a).strip()) and self.on_sheet(answer_key(a))]

    def sheet_questions(self) -> list[PreparationQuestion]:
        return [q for q in self.questions if q.text.strip() and self.on_sheet(question_key(q.id))]
