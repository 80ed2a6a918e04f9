"""The preparation sheet for a meeting, as plain data: what ``reports.sheet.render_sheet`` prints.

A service fills it from the database; the renderer turns it into a PDF without knowing where the
values came from.  Every text is the final text to print (catalog names resolved, words chosen),
so the renderer only lays it out.  The resident decided what goes on the sheet: what was marked
"not on the sheet" is simply not in here.  A section with nothing in it is left out of the print.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, time


class SheetVariant(enum.StrEnum):
    RESIDENT = "inwoner"  # first person, short sentences, plain words; large type as an option
    SUPPORTER = "ondersteuner"  # compact, with laws, reference numbers and deadline dates


class Alternative(enum.StrEnum):
    """The usual alternatives a municipality asks about (the route's reversed test)."""

    OWN_STRENGTH = "own_strength"  # doing it yourself
    NETWORK = "network"  # family, friends, neighbours
    PAYING_SELF = "paying_self"  # paying it yourself
    GENERAL_FACILITY = "general_facility"  # a facility open to everyone


@dataclass(frozen=True)
class MeetingInfo:
    on: date | None = None
    at: time | None = None  # the start time
    place: str = ""
    organisation: str = ""
    contact: str = ""  # the consulent or other person the resident meets
    kind: str = ""  # the meeting kind's name from the catalog: "Keukentafelgesprek"
    about: tuple[str, ...] = ()  # titles of the routes the meeting is about


@dataclass(frozen=True)
class Companion:
    role: str  # the role as printed: "ondersteuner", "ervaringsdeskundige", "tolk", "familie"
    name: str = ""


@dataclass(frozen=True)
class Answer:
    """One answer from the guided preparation, in the resident's own words."""

    text: str
    question: str = ""  # the question as printed above the answer; empty: the answer alone


@dataclass(frozen=True)
class TriedStep:
    """One thing done on a route: a step or an effort the resident made, with its date."""

    on: date
    what: str  # the step's name or the effort's description: "Aanvraag ingediend"
    result: str = ""  # outcome, reason or note, first line: "afgewezen; geen medische noodzaak"
    state: str = ""  # empty when done; otherwise the word: "gepland", "gemist"


@dataclass(frozen=True)
class TriedRoute:
    title: str
    kind: str = ""  # the route kind's name: "Wmo-maatwerkvoorziening"
    status: str = ""  # where it stands: "Besluit: afgewezen"
    organisation: str = ""
    reference: str = ""  # the organisation's reference number (kenmerk); supporter variant
    law: str = ""  # supporter variant
    steps: tuple[TriedStep, ...] = ()  # in date order
    evidence_count: int = 0  # efforts and proof recorded on the route
    documents_collected: int = 0  # documents from the route kind's checklist in hand ...
    documents_total: int = 0  # ... of this many


@dataclass(frozen=True)
class NotFitting:
    """Why one usual alternative does not fit (the reversed test of a route)."""

    alternative: Alternative
    why: str
    route: str = ""  # the route's title, when the resident has several


@dataclass(frozen=True)
class Entitlement:
    """What the resident may ask for on one route kind, in plain words."""

    kind: str  # the route kind's name
    explanation: str = ""  # the catalog's explanation (third person), supporter variant
    resident_explanation: str = ""  # addressed to the resident ("je"), resident variant
    law: str = ""


@dataclass(frozen=True)
class DeadlineLine:
    due_on: date
    name: str  # the deadline's label: "Besluit uiterlijk"
    route: str = ""  # the route's title
    actor: str = ""  # who must act, as a word: "gemeente", "ik"
    state: str = ""  # "over 12 dagen", "verlopen, gisteren"
    law: str = ""  # supporter variant


@dataclass(frozen=True)
class BringItem:
    """A document to take along: a box on the sheet, ticked when it is already in hand."""

    name: str
    resident_text: str = ""  # the checklist item said to the resident, resident variant
    in_hand: bool = False


@dataclass(frozen=True)
class NextStep:
    what: str
    on: date | None = None


@dataclass(frozen=True)
class SheetData:
    title: str  # the document's title, also its PDF title; never the resident's name
    resident: str  # printed on the sheet, not in the PDF's metadata
    printed_on: date
    meeting: MeetingInfo | None = None
    companions: tuple[Companion, ...] = ()
    wants: tuple[Answer, ...] = ()  # what I want to achieve
    not_working: tuple[Answer, ...] = ()  # what is not working; a good day and a bad day; who helps
    tried: tuple[TriedRoute, ...] = ()
    not_fitting: tuple[NotFitting, ...] = ()
    questions: tuple[str, ...] = ()
    entitlements: tuple[Entitlement, ...] = ()
    deadlines: tuple[DeadlineLine, ...] = ()  # soonest first
    bring: tuple[BringItem, ...] = ()
    agreement_lines: int = 6  # empty lines to write the agreements on; 0 leaves the section out
    next_steps: tuple[NextStep, ...] = ()
