"""What supporters talk about, as immutable values.

Services return these; widgets show them.  Inputs (``*Input``) are validated here, so the same
rules hold for the GUI, the command line and the demo generator.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput

MAX_NAME = 200
MAX_LINE = 500
MAX_TEXT = 1_000_000  # a note may be long (tests use 50,000 characters); this only stops runaways


def clean_line(value: str, what: str, *, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise InvalidInput(what)
    if len(value) > MAX_LINE:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Een van de velden is te lang (meer dan 500 tekens)."))
    return value


def clean_text(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "De tekst is te lang (meer dan een miljoen tekens)."))
    return value


class ClientStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ConsentState(enum.StrEnum):
    NONE = "none"
    VALID = "valid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class NetworkMember:
    """Someone who helps the resident: family, informal carer, care provider."""

    name: str
    role: str = ""
    phone: str = ""

    def validated(self) -> NetworkMember:
        return NetworkMember(
            name=clean_line(
                self.name,
                QT_TRANSLATE_NOOP("errors", "Vul de naam van de persoon uit het netwerk in."),
                required=True,
            ),
            role=clean_line(self.role, ""),
            phone=clean_line(self.phone, ""),
        )


@dataclass(frozen=True)
class Consent:
    """What the resident allowed: what may be recorded, with whom it may be shared, until when."""

    given_on: date
    may_record: str = ""
    share_with: str = ""
    valid_until: date | None = None
    withdrawn_on: date | None = None

    def state(self, today: date) -> ConsentState:
        if self.withdrawn_on is not None and self.withdrawn_on <= today:
            return ConsentState.WITHDRAWN
        if self.valid_until is not None and self.valid_until < today:
            return ConsentState.EXPIRED
        return ConsentState.VALID

    def validated(self) -> Consent:
        if self.valid_until is not None and self.valid_until < self.given_on:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "De toestemming kan niet eindigen vóór de datum waarop ze is gegeven.")
            )
        if self.withdrawn_on is not None and self.withdrawn_on < self.given_on:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "De toestemming kan niet zijn ingetrokken vóór de datum waarop ze is gegeven."
                )
            )
        return replace(self, may_record=clean_text(self.may_record), share_with=clean_text(self.share_with))


@dataclass(frozen=True)
class ClientInput:
    """A resident's details as entered in the form. There is deliberately no BSN field."""

    name: str
    alias: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    municipality: str = ""
    first_contact: date | None = None
    life_domains: tuple[str, ...] = ()
    network: tuple[NetworkMember, ...] = ()
    consent: Consent | None = None

    def validated(self) -> ClientInput:
        name = clean_line(
            self.name,
            QT_TRANSLATE_NOOP("errors", "Vul een naam in. Een roepnaam of schuilnaam mag ook."),
            required=True,
        )
        if len(name) > MAX_NAME:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "De naam is te lang (meer dan 200 tekens)."))
        return ClientInput(
            name=name,
            alias=clean_line(self.alias, ""),
            phone=clean_line(self.phone, ""),
            email=clean_line(self.email, ""),
            address=clean_line(self.address, ""),
            municipality=clean_line(self.municipality, ""),
            first_contact=self.first_contact,
            life_domains=tuple(dict.fromkeys(self.life_domains)),
            network=tuple(member.validated() for member in self.network),
            consent=None if self.consent is None else self.consent.validated(),
        )


@dataclass(frozen=True)
class Client:
    id: int
    details: ClientInput
    status: ClientStatus = ClientStatus.OPEN
    closed_on: date | None = None
    close_reason: str = ""

    @property
    def display_name(self) -> str:
        """The alias when the resident prefers one, else the name."""
        return self.details.alias or self.details.name

    def consent_state(self, today: date) -> ConsentState:
        consent = self.details.consent
        return ConsentState.NONE if consent is None else consent.state(today)


@dataclass(frozen=True)
class ClientSummary:
    """One row of the residents list."""

    id: int
    display_name: str  # the alias when the resident prefers one
    name: str
    municipality: str
    status: ClientStatus
    last_contact: date | None
    open_agreements: int
    overdue_agreements: int


@dataclass(frozen=True)
class HelpQuestionInput:
    recorded_on: date
    asked: str
    really_wants: str = ""

    def validated(self) -> HelpQuestionInput:
        if not self.asked.strip() and not self.really_wants.strip():
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Vul in wat er wordt gevraagd of wat de inwoner echt wil."))
        return HelpQuestionInput(
            self.recorded_on, clean_text(self.asked.strip()), clean_text(self.really_wants.strip())
        )


@dataclass(frozen=True)
class HelpQuestion:
    """One dated version of the help question: what is asked and what really matters."""

    id: int
    client_id: int
    recorded_on: date
    asked: str
    really_wants: str


@dataclass(frozen=True)
class ConversationInput:
    client_id: int
    held_on: date
    kind: str
    medium: str = ""
    start_time: time | None = None
    duration_minutes: int | None = None
    contact_made: bool = True
    participants: str = ""
    life_domains: tuple[str, ...] = ()
    notes: str = ""

    def validated(self) -> ConversationInput:
        if not self.kind:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies wat voor gesprek het was."))
        if self.duration_minutes is not None and not 0 <= self.duration_minutes <= 24 * 60:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "De duur moet tussen 0 en 1440 minuten liggen."))
        return replace(
            self,
            participants=clean_line(self.participants, ""),
            life_domains=tuple(dict.fromkeys(self.life_domains)),
            notes=clean_text(self.notes),
        )


@dataclass(frozen=True)
class Conversation:
    id: int
    data: ConversationInput
    updated_at: datetime


@dataclass(frozen=True)
class ConversationLine:
    """A conversation as the dossier lists it: the first line of its notes, not the notes."""

    id: int
    held_on: date
    kind: str
    first_line: str


@dataclass(frozen=True)
class AgreementInput:
    """Who does what by when."""

    client_id: int
    description: str
    who: str
    due_on: date | None = None
    conversation_id: int | None = None

    def validated(self) -> AgreementInput:
        description = clean_text(self.description.strip())
        if not description:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Beschrijf wat er is afgesproken."))
        who = clean_line(self.who, QT_TRANSLATE_NOOP("errors", "Vul in wie het doet."), required=True)
        return replace(self, description=description, who=who)


@dataclass(frozen=True)
class Agreement:
    id: int
    data: AgreementInput
    created_on: date
    done_on: date | None = None

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and self.data.due_on is not None and self.data.due_on < today


class TimelineKind(enum.StrEnum):
    """What a timeline entry is; on one day the entries show in this order."""

    CONVERSATION = "conversation"
    HELP_QUESTION = "help_question"
    AGREEMENT = "agreement"
    AGREEMENT_DONE = "agreement_done"
    ROUTE_STEP = "route_step"
    EVIDENCE = "evidence"
    SIGNAL = "signal"
    CONSENT_GIVEN = "consent_given"
    CONSENT_CHANGED = "consent_changed"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    CONSENT_EXPIRED = "consent_expired"
    FIRST_CONTACT = "first_contact"
    CLOSED = "closed"
    CORRECTED = "corrected"  # "Gecorrigeerd op verzoek van de inwoner" (``domain.rights``)
    STATEMENT = "statement"  # the resident's own statement (AVG art. 16)


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    kind: TimelineKind
    ref_id: int  # the conversation, agreement, step, effort, signal or consent; the resident for the rest
    text: str  # a short line; the UI adds the words for the kind
    route_id: int | None = None  # the route of a step, an effort or a signal
    code: str = ""  # a catalog code: a conversation's kind, a route's kind, a signal's theme
    step: str = ""  # a route step's kind (catalog code)
    outcome: str = ""  # a decision's outcome (an ``Outcome`` value)


@dataclass(frozen=True)
class EvidenceLine:
    """An effort on a route as the timeline lists it: the first line of its description."""

    id: int
    route_id: int
    on: date
    first_line: str


@dataclass(frozen=True)
class ConsentRecord:
    """One recorded consent: every change to consent is kept as a new record."""

    id: int
    consent: Consent
    recorded_on: date


@dataclass(frozen=True)
class Dossier:
    client: Client
    help_questions: tuple[HelpQuestion, ...]  # newest first
    conversations: tuple[Conversation, ...]  # newest first
    agreements: tuple[Agreement, ...]  # open first, then by due date
    timeline: tuple[TimelineEntry, ...] = field(default=())  # newest first


@dataclass(frozen=True)
class Draft:
    """Unsaved typing in a conversation form, kept so a crash loses at most a few seconds."""

    id: int
    conversation_id: int | None  # None: a new conversation not saved yet
    data: ConversationInput
    saved_at: datetime


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    client_id: int
    client_name: str
    held_on: date
    kind: str
    snippet: str  # plain text with the hits between SNIPPET_START and SNIPPET_END
    terms: tuple[str, ...]


# Private-use characters mark the hits in a snippet: they cannot come from a keyboard.
SNIPPET_START = "\ue000"
SNIPPET_END = "\ue001"
