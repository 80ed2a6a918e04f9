"""The resident's rights under the AVG: the register of their requests, the dated notes a correction
or their own statement leaves in the dossier, and whether their consent allows sharing.

A request (access, correction, erasure, a copy) must be answered within one month of receiving it
(AVG art. 12(3)); with a reason, the answer may be put off by two more months, so at most three
months after it came in.  A correction made at the resident's request leaves a dated note that
says which field was corrected, never the old value.  Their own statement (art. 16) is kept as
they gave it and goes into their copy.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from clientsteun.domain.agenda import AgendaItem, AgendaKind, AgendaResident
from clientsteun.domain.deadlines import DUE_SOON_DAYS, deadline_state
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import ClientInput, Consent, ConsentState, TimelineEntry, TimelineKind, clean_text
from clientsteun.domain.privacy import add_months
from clientsteun.domain.timeline import first_line

ANSWER_MONTHS = 1
EXTENSION_MONTHS = 2


class RequestKind(enum.StrEnum):
    ACCESS = "access"
    CORRECTION = "correction"
    ERASURE = "erasure"
    COPY = "copy"

    @property
    def label(self) -> str:
        return REQUEST_WORDS[self]


REQUEST_WORDS = {
    RequestKind.ACCESS: QT_TRANSLATE_NOOP("rights", "Inzage"),
    RequestKind.CORRECTION: QT_TRANSLATE_NOOP("rights", "Correctie"),
    RequestKind.ERASURE: QT_TRANSLATE_NOOP("rights", "Wissen"),
    RequestKind.COPY: QT_TRANSLATE_NOOP("rights", "Kopie"),
}


@dataclass(frozen=True)
class RightsRequest:
    id: int
    client_id: int
    kind: RequestKind
    received_on: date
    extended_until: date | None = None
    extension_reason: str = ""
    answered_on: date | None = None
    note: str = ""

    @property
    def due_on(self) -> date:
        """The day the answer is due: one month after it came in, or the later day it was put off to."""
        return self.extended_until or add_months(self.received_on, ANSWER_MONTHS)

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


def latest_extension(received_on: date) -> date:
    """Two months after the end of the first month (counted from that end: from 31 January the month
    ends on 28 February and the extension on 28 April, the earlier of the two readings)."""
    return add_months(add_months(received_on, ANSWER_MONTHS), EXTENSION_MONTHS)


def check_extension(request: RightsRequest, until: date, reason: str, today: date) -> str:
    """The reason, cleaned, when the answer may be put off to ``until`` on ``today``; ``InvalidInput``
    otherwise.  AVG art. 12(3): the resident is told of an extension, with its reason, within the first
    month, so an extension recorded after that month (or after the answer) is refused."""
    if request.answered_on is not None:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit verzoek is al beantwoord; uitstel kan niet meer."))
    if today > add_months(request.received_on, ANSWER_MONTHS):
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "errors",
                "Uitstel moet binnen een maand na het verzoek aan de inwoner worden gemeld, met de reden. "
                "Die maand is voorbij: beantwoord het verzoek zo snel mogelijk.",
            )
        )
    reason = clean_text(reason).strip()
    if not reason:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Vul de reden in waarom het antwoord later komt."))
    if not add_months(request.received_on, ANSWER_MONTHS) < until <= latest_extension(request.received_on):
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "errors",
                "Het antwoord mag hoogstens twee maanden later komen dan de gewone termijn van een maand. "
                "Kies een datum binnen drie maanden na het verzoek.",
            )
        )
    return reason


def check_answer(request: RightsRequest, answered_on: date) -> date:
    if answered_on < request.received_on:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Het antwoord kan niet vóór het verzoek zijn gegeven."))
    return answered_on


def request_item(
    resident: AgendaResident, request: RightsRequest, today: date, due_soon_days: int = DUE_SOON_DAYS
) -> AgendaItem:
    """An open request in the agenda, on the day its answer is due, until it is answered."""
    return AgendaItem(
        on=request.due_on,
        kind=AgendaKind.REQUEST,
        resident=resident,
        what=f"Antwoord op verzoek om {REQUEST_OBJECTS[request.kind]}",
        state=deadline_state(request.due_on, None, today, due_soon_days),
        who="ondersteuner",
        law="AVG art. 12 lid 3",
        uid=f"request-{request.id}",
    )


REQUEST_OBJECTS = {
    RequestKind.ACCESS: "inzage",
    RequestKind.CORRECTION: "correctie",
    RequestKind.ERASURE: "wissen",
    RequestKind.COPY: "een kopie",
}


class NoteKind(enum.StrEnum):
    CORRECTION = "correction"  # "Gecorrigeerd op verzoek van de inwoner": which field, never the old value
    STATEMENT = "statement"  # the resident's own statement (AVG art. 16)


@dataclass(frozen=True)
class DossierNote:
    id: int
    client_id: int
    kind: NoteKind
    on: date
    text: str


CORRECTED = QT_TRANSLATE_NOOP("rights", "Gecorrigeerd op verzoek van de inwoner")


def note_entries(notes: Iterable[DossierNote]) -> tuple[TimelineEntry, ...]:
    """The timeline's entries for corrections and statements (the resident is what they open)."""
    kinds = {NoteKind.CORRECTION: TimelineKind.CORRECTED, NoteKind.STATEMENT: TimelineKind.STATEMENT}
    return tuple(TimelineEntry(note.on, kinds[note.kind], note.id, first_line(note.text)) for note in notes)


DETAIL_FIELDS = (
    ("name", "naam"), ("alias", "roepnaam"), ("phone", "telefoon"), ("email", "e-mail"), ("address", "adres"),
    ("municipality", "gemeente"), ("first_contact", "eerste contact"), ("life_domains", "levensgebieden"),
    ("network", "netwerk"), ("consent", "toestemming"),
)  # fmt: skip


def changed_fields(before: ClientInput, after: ClientInput) -> list[str]:
    """The names of the details that differ (for the correction note: never their values)."""
    return [label for field, label in DETAIL_FIELDS if getattr(before, field) != getattr(after, field)]


def correction_text(what: str) -> str:
    """The note a correction leaves: what was corrected (a field's name), never the old value."""
    return f"{CORRECTED}: {clean_text(what)}" if what.strip() else CORRECTED


def statement(text: str) -> str:
    text = clean_text(text).strip()
    if not text:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Vul de verklaring van de inwoner in."))
    return text


# --- consent and sharing --------------------------------------------------------------------


@dataclass(frozen=True)
class Sharing:
    """Whether the resident's information may be shared, and if not, why (shown where sharing is offered)."""

    allowed: bool
    reason: str = ""


CONSENT_EXPIRED = QT_TRANSLATE_NOOP(
    "rights", "De toestemming is verlopen. Vernieuw de toestemming voordat u gegevens deelt."
)
CONSENT_WITHDRAWN = QT_TRANSLATE_NOOP(
    "rights", "De inwoner heeft de toestemming ingetrokken. Er wordt niets gedeeld tot er nieuwe toestemming is."
)


def may_share(consents: Sequence[Consent], today: date) -> Sharing:
    """An expired or withdrawn consent (the newest one is in force) blocks sharing until a new one is
    recorded.  Without any consent recorded nothing is blocked here: what is shareable is the
    supporter's mark on each signal, as before."""
    if not consents:
        return Sharing(True)
    state = consents[-1].state(today)
    if state is ConsentState.EXPIRED:
        return Sharing(False, CONSENT_EXPIRED)
    if state is ConsentState.WITHDRAWN:
        return Sharing(False, CONSENT_WITHDRAWN)
    return Sharing(True)
