"""Routes tried for a resident: the route, its dated steps, evidence, links and signals.

What a route's status and outcome are follows from its steps (``route_progress``); the deadlines
that the steps start are computed in ``deadlines``.  Both need the catalog's step kinds.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from clientsteun.domain.catalog_reader import CatalogItem
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import clean_line, clean_text

MAX_ATTACHMENT = 50 * 1024 * 1024  # a scan or a photo of a letter; the database is not a file store


class StepState(enum.StrEnum):
    DONE = "done"
    PLANNED = "planned"  # a date ahead: a hearing, a conversation the resident is invited to
    MISSED = "missed"  # it should have happened and did not
    NOT_NEEDED = "not_needed"


class Outcome(enum.StrEnum):
    OPEN = "open"
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


DECISION_OUTCOMES = (Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.REFUSED)


class RouteStatus(enum.StrEnum):
    NOT_STARTED = "not_started"  # no step done yet
    RUNNING = "running"  # waiting for a decision, or for an objection or appeal to be decided
    DECIDED = "decided"  # the last step done is a decision
    WITHDRAWN = "withdrawn"


class Actor(enum.StrEnum):
    """Who must act before a deadline."""

    AUTHORITY = "authority"
    RESIDENT = "resident"


class LinkKind(enum.StrEnum):
    BELONGS_TO = "belongs_to"  # an objection belongs to the refused application
    WAITS_FOR = "waits_for"  # debt counselling waits for treatment


@dataclass(frozen=True)
class ReversedTest:
    """The reasoning of the reversed test (Omgekeerde Toets): first the person, then the rules."""

    wanted_effect: str = ""  # what the resident wants to achieve
    own_strength: str = ""  # why their own strength is not enough
    network: str = ""  # why family and friends cannot do it
    paying_self: str = ""  # why paying it themselves does not fit
    general_facility: str = ""  # why a general facility does not fit
    legal_basis: str = ""  # the law or arrangement that makes it possible

    def validated(self) -> ReversedTest:
        return ReversedTest(*(clean_text(value.strip()) for value in self.fields()))

    def fields(self) -> tuple[str, str, str, str, str, str]:
        return (
            self.wanted_effect, self.own_strength, self.network,
            self.paying_self, self.general_facility, self.legal_basis,
        )  # fmt: skip


@dataclass(frozen=True)
class StepKind(CatalogItem):
    """A kind of step as the route catalog defines it; what it means for the route's progress."""

    decision: bool = False  # has an outcome: granted, partly granted, refused
    ends: bool = False  # ends the route (withdrawn)
    extends: bool = False  # the authority extends its term (verdaging); its letter names the new date
    suspends: bool = False  # the authority asks for information: its term stands still (Awb 4:15, 7:10 lid 2)
    resumes: bool = False  # the information is supplied: the term runs again
    consents: bool = False  # the resident agrees to a later date (Awb 7:10 lid 4, 9:11 lid 3)


@dataclass(frozen=True)
class RouteInput:
    client_id: int
    kind: str
    title: str
    help_question_id: int | None = None  # the goal: a version of the help question ...
    life_domain: str = ""  # ... or an area of life
    organisation: str = ""
    contact: str = ""
    reference: str = ""
    circumstances: tuple[str, ...] = ()  # catalog codes that change a deadline ("eviction threatens")
    reversed_test: ReversedTest = ReversedTest()

    def validated(self) -> RouteInput:
        if not self.kind:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies wat voor route het is."))
        return replace(
            self,
            title=clean_line(self.title, QT_TRANSLATE_NOOP("errors", "Geef de route een naam."), required=True),
            organisation=clean_line(self.organisation, ""),
            contact=clean_line(self.contact, ""),
            reference=clean_line(self.reference, ""),
            circumstances=tuple(sorted(set(self.circumstances))),
            reversed_test=self.reversed_test.validated(),
        )


FUTURE_STEP = QT_TRANSLATE_NOOP(
    "errors", "Een stap die al is gebeurd, kan niet in de toekomst liggen. Kies ‘gepland’ of een andere datum."
)


@dataclass(frozen=True)
class StepInput:
    route_id: int
    on: date  # the date of the step; for a letter, the date on the letter
    kind: str
    state: StepState = StepState.DONE
    outcome: Outcome | None = None  # only for a decision
    reason: str = ""  # the reason given, for a refusal above all
    note: str = ""
    sent_on: date | None = None  # a letter posted on another day than its date (by post: see ``deadlines``)
    received_on: date | None = None  # the day the letter was received, where known
    new_due_on: date | None = None  # the date a letter names: a new term (verdaging), agreed delay, or reply-by date

    def validated(self, today: date | None = None) -> StepInput:
        """Checked and cleaned; with ``today``, a step done cannot lie in the future."""
        if not self.kind:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies wat voor stap het is."))
        if not isinstance(self.on, date):
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Vul de datum van de stap in."))
        if self.outcome is not None and self.outcome not in DECISION_OUTCOMES:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Een besluit is toegekend, deels toegekend of afgewezen."))
        if self.sent_on is not None and self.sent_on < self.on:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "De brief kan niet zijn verstuurd vóór de datum van de brief.")
            )
        if self.received_on is not None and self.received_on < (self.sent_on or self.on):
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "De brief kan niet zijn ontvangen vóór hij is verstuurd of gedateerd.")
            )
        if self.new_due_on is not None and self.new_due_on <= self.on:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "De nieuwe datum in de brief moet na de datum van de stap liggen.")
            )
        if today is not None and self.state is StepState.DONE:
            if self.on > today:
                raise InvalidInput(FUTURE_STEP)
            if max(self.sent_on or self.on, self.received_on or self.on) > today:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors", "Een brief die al is verstuurd of ontvangen, kan dat niet in de toekomst zijn."
                    )
                )
        return replace(self, reason=clean_text(self.reason.strip()), note=clean_text(self.note.strip()))

    @property
    def earliest_receipt(self) -> date:
        """The first day the letter can have been received: the day received, else the day sent or dated."""
        return self.received_on or self.sent_on or self.on


@dataclass(frozen=True)
class Step:
    id: int
    data: StepInput

    @property
    def is_done(self) -> bool:
        return self.data.state is StepState.DONE


@dataclass(frozen=True)
class AttachmentInfo:
    file_name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class NewAttachment:
    file_name: str
    media_type: str
    data: bytes

    def validated(self) -> NewAttachment:
        if not self.data:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Het gekozen bestand is leeg."))
        if len(self.data) > MAX_ATTACHMENT:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "Het bestand is te groot (meer dan 50 MB). Kies een kleinere scan.")
            )
        name = self.file_name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "bijlage"
        return replace(self, file_name=name[:200])


@dataclass(frozen=True)
class EvidenceInput:
    """One effort: "responded to 14 homes", "called the municipality, no answer", a letter."""

    route_id: int
    on: date
    description: str

    def validated(self) -> EvidenceInput:
        description = clean_text(self.description.strip())
        if not description:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Beschrijf wat er is gedaan."))
        return replace(self, description=description)


@dataclass(frozen=True)
class Evidence:
    id: int
    data: EvidenceInput
    attachment: AttachmentInfo | None = None


@dataclass(frozen=True)
class RouteLink:
    id: int
    from_route: int
    to_route: int
    kind: LinkKind


@dataclass(frozen=True)
class Route:
    id: int
    data: RouteInput
    steps: tuple[Step, ...]  # in date order
    evidence: tuple[Evidence, ...]  # in date order
    documents: Mapping[str, date]  # checklist codes collected, with the date
    links: tuple[RouteLink, ...]  # from and to this route

    @property
    def client_id(self) -> int:
        return self.data.client_id


@dataclass(frozen=True)
class SignalInput:
    """A blockage that shows where the system fails people; reported anonymised by the coordinator."""

    client_id: int
    on: date
    theme: str
    description: str
    route_id: int | None = None
    organisation: str = ""
    municipality: str = ""
    shareable: bool = False  # may the description appear in an anonymised report

    def validated(self) -> SignalInput:
        if not self.theme:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies het thema van het signaal."))
        description = clean_text(self.description.strip())
        if not description:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Beschrijf wat er vastloopt."))
        return replace(
            self,
            description=description,
            organisation=clean_line(self.organisation, ""),
            municipality=clean_line(self.municipality, ""),
        )


@dataclass(frozen=True)
class Signal:
    id: int
    data: SignalInput


@dataclass(frozen=True)
class Progress:
    """Where a route stands, as follows from its steps."""

    status: RouteStatus
    outcome: Outcome  # OPEN while running; the decision once decided
    last_decision: Step | None  # the newest decision done, also while an objection runs
    last_step: Step | None  # the newest step done


def route_progress(steps: Iterable[Step], step_kinds: Mapping[str, StepKind]) -> Progress:
    """Status and outcome from the steps done, in date order (same day: in the order entered)."""
    done = sorted((step for step in steps if step.is_done), key=lambda s: (s.data.on, s.id))
    last_decision: Step | None = None
    for step in done:
        kind = step_kinds.get(step.data.kind)
        if kind is not None and kind.ends:
            return Progress(RouteStatus.WITHDRAWN, Outcome.WITHDRAWN, last_decision, step)
        if kind is not None and kind.decision and step.data.outcome is not None:
            last_decision = step
    if not done:
        return Progress(RouteStatus.NOT_STARTED, Outcome.OPEN, None, None)
    last = done[-1]
    if last_decision is not None and last is last_decision:
        assert last.data.outcome is not None
        return Progress(RouteStatus.DECIDED, last.data.outcome, last_decision, last)
    return Progress(RouteStatus.RUNNING, Outcome.OPEN, last_decision, last)


def wait_cycle(waits: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    """A circle in "route A waits for route B" links, as route ids starting at the smallest; () if none."""
    graph: dict[int, list[int]] = {}
    for source, target in waits:
        graph.setdefault(source, []).append(target)
    visiting: list[int] = []
    done: set[int] = set()

    def visit(node: int) -> tuple[int, ...]:
        if node in visiting:
            circle = visiting[visiting.index(node) :]
            start = circle.index(min(circle))
            return tuple(circle[start:] + circle[:start])
        if node in done:
            return ()
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            found = visit(target)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return ()

    for node in sorted(graph):
        found = visit(node)
        if found:
            return found
    return ()


@dataclass(frozen=True)
class Attempt:
    """One line of "what has been tried": a step or an effort on a route."""

    on: date
    route: Route
    step: Step | None = None
    evidence: Evidence | None = None


def attempts(routes: Iterable[Route]) -> list[Attempt]:
    """Every step (except those not needed) and every effort of the routes, oldest first."""
    found = []
    for order, route in enumerate(routes):
        found += [
            (step.data.on, order, 0, step.id, Attempt(step.data.on, route, step=step))
            for step in route.steps
            if step.data.state is not StepState.NOT_NEEDED
        ]
        found += [(e.data.on, order, 1, e.id, Attempt(e.data.on, route, evidence=e)) for e in route.evidence]
    found.sort(key=lambda entry: entry[:4])
    return [entry[4] for entry in found]
