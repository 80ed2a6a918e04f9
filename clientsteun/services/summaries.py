"""The coordinator's summaries: a period's figures per municipality, exported as a report or a package,
and packages from several laptops combined.

Counts run in SQL (GROUP BY over lean selects, no ORM objects).  Outcomes, deadlines missed, days to
a decision and objections come from the one deadline engine (``domain.deadlines.view_route``) over
the routes' steps up to the end of the period (or today, when that is earlier): where a route stood
is derived, never stored.  Suppression is applied only when a report is published.

What the period counts: residents supported during it (begun by its end, not closed before it: new
when begun in it, closed when closed in it, else ongoing); contacts made in it; the areas of life of
those residents; routes started in it (their first step done) with where they stand at its end;
decisions taken in it (days from the application, as the engine counts the term, to the decision);
an authority's deadlines that fell due in it and were met late or not by its end; objections lodged
in it with their result at its end; signals recorded in it.

Every municipality is read, whatever the coordinator ticked: "all municipalities together" is always
all of them, and the ticks only choose the sections shown (``Summary.choosing``), so two reports
cannot be subtracted from each other (``clientsteun.domain.summary``).

A dossier handed over to a colleague (closed here as ``HANDED_OVER``, "overgedragen") is left out of
every figure: its whole history went along and is counted by the laptop that holds it now, so a
combined report counts the resident once.  A package made here before the hand-over still holds
it; the packages to combine are made after it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, func, or_, select
from sqlalchemy.orm import Session

from clientsteun import __version__
from clientsteun.domain.anonymise import NameScrubber
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import Deadline, DeadlineState, answering_steps, belonging_to, view_route
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.rights import may_share
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import Actor, LinkKind, Outcome, Route, RouteInput, RouteLink, Step, StepInput, StepState
from clientsteun.domain.summary import (
    CLOSED,
    MET_LATE,
    NEW,
    NO_MUNICIPALITY,
    NOT_FILLED,
    ONGOING,
    OUTCOME_LABELS,
    RESIDENTS_COLUMN,
    RESIDENTS_ROW,
    STILL_OPEN,
    Period,
    PublishedSummary,
    SharedSignal,
    Summary,
    TableKey,
    UnitFigures,
    build_summary,
    publish_summary,
)
from clientsteun.domain.summary_package import (
    DAMAGED,
    PackageRefused,
    SummaryPackage,
    combine,
    new_package,
    package_bytes,
    read_package,
)
from clientsteun.domain.terms import Term, TermUnit
from clientsteun.reports.tables import summary_csv, summary_xlsx
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock, Service
from clientsteun.services.dossier_import import HANDED_OVER
from clientsteun.services.requests import consents_of, newest_consents
from clientsteun.store.database import Database
from clientsteun.store.exports import write_user_file
from clientsteun.store.tables import (
    ClientLifeDomainRow,
    ClientRow,
    ConversationRow,
    DatabaseIdentityRow,
    NetworkMemberRow,
    RouteCircumstanceRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)

AnyRow = Row[*tuple[Any, ...]]  # a row of a select
STATES = {state.value: state for state in StepState}
OUTCOMES = {outcome.value: outcome for outcome in Outcome}
NO_IDENTITY = QT_TRANSLATE_NOOP(
    "errors", "Deze database heeft nog geen eigen kenmerk. Start Clientsteun één keer en probeer het dan opnieuw."
)
WRONG_SUFFIX = QT_TRANSLATE_NOOP("errors", "Kies een bestand dat eindigt op .pdf, .xlsx of .csv.")
UNREADABLE = QT_TRANSLATE_NOOP("errors", "bestand niet te lezen")
SLACK = timedelta(days=31)  # the Algemene termijnenwet, a receipt assumed two working days after posting


class SummaryService(Service):
    def __init__(self, database: Database, clock: Clock, catalog: Catalog) -> None:
        super().__init__(database, clock)
        self._catalog = catalog
        self._audit = AuditService(self._db, clock)

    def municipalities(self) -> list[str]:
        """The municipalities of the residents, by name (the report's units to choose from)."""
        with self._db.transaction() as session:
            return _municipalities_held(session)

    def summary(self, period: Period, municipalities: Sequence[str] = ()) -> Summary:
        """The period's report with exact counts of every municipality; the sections shown beside all
        together are ``municipalities`` (() : all), a name the database lacks refused."""
        return build_summary(period, self.figures(period)).choosing([_unit(name) for name in municipalities])

    def figures(self, period: Period) -> list[UnitFigures]:
        """The exact figures of every municipality, read in one transaction."""
        period = period.validated()
        with self._db.transaction() as session:
            return _Reading(session, self._catalog, period, self.today()).units()

    def export_summary(self, target: Path, summary: Summary, threshold: int) -> Path:
        """Publish ``summary`` (counts under ``threshold``, at least 5, hidden) as PDF, XLSX or CSV by the
        file's suffix, then log it.  ``summary`` is this database's or one combined from packages."""
        published = publish_summary(summary, threshold)
        action = AuditAction.SUMMARY_COMBINED if summary.packages else AuditAction.SUMMARY
        detail = f"samenvatting {target.suffix.lower()}, {summary.period.label}, {_municipalities(summary)}"
        if summary.chosen:
            detail += f", {len(summary.chosen)} apart getoond"
        if summary.packages:
            detail += f", {summary.packages} pakketten"
        return self._audit.export(target, report_bytes(published, target), action, detail=detail)

    def package(self, period: Period, team: str = "") -> SummaryPackage:
        """The period's package: every municipality's exact figures, for the coordinator."""
        units = self.figures(period)
        with self._db.transaction() as session:
            database_id = session.scalar(select(DatabaseIdentityRow.database_id))
        if not database_id:
            raise InvalidInput(NO_IDENTITY, detail="no database identity row")
        return new_package(database_id, team, __version__, self.now(), period, units)

    def name_scrubber(self) -> NameScrubber:
        """What takes the names out of a shareable signal's description, as the report does: the signal's
        form shows the supporter the text that would be shared."""
        with self._db.transaction() as session:
            return name_scrubber(session)

    def export_package(self, target: Path, package: SummaryPackage) -> Path:
        detail = f"samenvattingspakket, {package.period.label}, {len(package.units)} gemeenten"
        return self._audit.export(target, package_bytes(package), AuditAction.SUMMARY_PACKAGE, detail=detail)


def _municipalities(summary: Summary) -> str:
    count = len(summary.municipalities)
    return f"{count} {'gemeente' if count == 1 else 'gemeenten'}"


def _unit(name: str | None) -> str:
    return (name or "").strip() or NO_MUNICIPALITY


def held() -> ColumnElement[bool]:
    """The residents whose figures this database reports: all but a dossier handed over (its history
    is counted by the colleague's laptop that holds it now)."""
    return or_(ClientRow.closed_on.is_(None), ClientRow.close_reason != HANDED_OVER)


def _municipalities_held(session: Session) -> list[str]:
    query = select(ClientRow.municipality).distinct().where(held())
    return sorted({_unit(name) for name in session.scalars(query)})


def check_report_target(target: Path) -> None:
    """Refuse a report file this version cannot make, before any work is done."""
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".xlsx", ".csv"):
        raise InvalidInput(WRONG_SUFFIX, detail=f"report suffix {suffix!r}")


def report_bytes(published: PublishedSummary, target: Path) -> bytes:
    """The published report in the format of the file's suffix (.pdf, .xlsx, .csv)."""
    check_report_target(target)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return summary_csv(published)
    if suffix == ".xlsx":
        return summary_xlsx(published)
    from clientsteun.reports.summary import render_summary  # ReportLab is loaded only for a PDF

    return render_summary(published)


def read_packages(files: Sequence[Path]) -> list[tuple[str, SummaryPackage]]:
    """Each file read as a package, with its name; the first that cannot be read is refused by name."""
    found = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            raise PackageRefused(DAMAGED.format(file=file.name, why=UNREADABLE), detail="package unreadable") from None
        found.append((file.name, read_package(file.name, data)))
    return found


def combine_files(files: Sequence[Path]) -> Summary:
    """One report from package files; the same package twice counts once (``summary_package.combine``)."""
    return combine(read_packages(files))


def write_report(target: Path, summary: Summary, threshold: int, *, database: Path) -> Path:
    """Publish and write a report without a database open (``clientsteun combine``): the files the app
    keeps for ``database`` (the one the command line names, or the default) are still never replaced.
    Nothing is logged: there is no audit log without a database."""
    content = report_bytes(publish_summary(summary, threshold), target)
    return write_user_file(target, content, database=database)


@dataclass(frozen=True)
class _RouteRow:
    route: Route
    municipality: str  # as typed (the by-laws' terms are looked up with it)


class _Reading:
    """The figures of one period, read in one transaction."""

    def __init__(self, session: Session, catalog: Catalog, period: Period, today: date) -> None:
        self.session, self.catalog, self.period, self.today = session, catalog, period, today
        self.as_of = min(period.end, today)  # where the routes stand: the period's end, or today if sooner
        self.counts: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
        self.values: dict[str, Counter[tuple[str, str, int]]] = defaultdict(Counter)
        self.signals: dict[str, list[SharedSignal]] = defaultdict(list)

    def units(self) -> list[UnitFigures]:
        self._residents()
        self._life_domains()
        self._contacts()
        self._signals()
        self._routes()
        names = set(self.counts) | set(self.values) | set(self.signals) | set(_municipalities_held(self.session))
        return [
            UnitFigures(name, dict(self.counts[name]), dict(self.values[name]), tuple(self.signals[name]))
            for name in sorted(names)
        ]

    def _supported(self) -> ColumnElement[bool]:
        """Residents whose support ran during the period: begun by its end, not closed before it."""
        began = func.coalesce(ClientRow.first_contact, func.date(ClientRow.created_at))
        return and_(
            began <= self.period.end,
            or_(ClientRow.closed_on.is_(None), ClientRow.closed_on >= self.period.start),
            held(),
        )

    def _residents(self) -> None:
        began = func.coalesce(ClientRow.first_contact, func.date(ClientRow.created_at))
        status = case(
            (ClientRow.closed_on.between(self.period.start, self.period.end), CLOSED),
            (began >= self.period.start, NEW),
            else_=ONGOING,
        )
        query = select(ClientRow.municipality, status, func.count()).group_by(ClientRow.municipality, status)
        for municipality, label, count in self.session.execute(query.where(self._supported())):
            self.counts[_unit(municipality)][(TableKey.RESIDENTS, RESIDENTS_ROW, label)] += count

    def _life_domains(self) -> None:
        query = (
            select(ClientRow.municipality, ClientLifeDomainRow.code, func.count())
            .join(ClientLifeDomainRow, ClientLifeDomainRow.client_id == ClientRow.id)
            .group_by(ClientRow.municipality, ClientLifeDomainRow.code)
        )
        for municipality, code, count in self.session.execute(query.where(self._supported())):
            key = (TableKey.LIFE_DOMAINS, self.catalog.life_domain_name(code), RESIDENTS_COLUMN)
            self.counts[_unit(municipality)][key] += count

    def _contacts(self) -> None:
        columns = (
            ClientRow.municipality,
            ConversationRow.kind,
            ConversationRow.medium,
            ConversationRow.duration_minutes,
        )
        query = (
            select(*columns, func.count())
            .join(ClientRow, ClientRow.id == ConversationRow.client_id)
            .where(
                ConversationRow.held_on.between(self.period.start, self.period.end),
                ConversationRow.contact_made.is_(True),
                held(),
            )
            .group_by(*columns)
        )
        for municipality, kind, medium, minutes, count in self.session.execute(query):
            unit, name = _unit(municipality), self.catalog.kind_name(kind)
            self.counts[unit][
                (TableKey.CONTACTS, name, self.catalog.medium_name(medium) if medium else NOT_FILLED)
            ] += count
            if minutes is not None:
                self.values[unit][(TableKey.CONTACTS, name, minutes)] += count

    def _signals(self) -> None:
        """Signals by theme and organisation, in the signal's municipality (else the resident's); the
        shareable descriptions with every resident's and network member's name taken out."""
        where = func.coalesce(func.nullif(func.trim(SignalRow.municipality), ""), ClientRow.municipality)
        in_period = and_(SignalRow.on.between(self.period.start, self.period.end), held())
        scrubber = name_scrubber(self.session)
        grouped = (
            select(where, SignalRow.theme, SignalRow.organisation, func.count())
            .join(ClientRow, ClientRow.id == SignalRow.client_id)
            .where(in_period)
            .group_by(where, SignalRow.theme, SignalRow.organisation)
        )
        for municipality, theme, organisation, count in self.session.execute(grouped):
            key = (TableKey.SIGNALS, self.catalog.routes.theme_name(theme), _organisation(organisation, scrubber))
            self.counts[_unit(municipality)][key] += count
        newest = newest_consents()
        shared = (
            select(
                where, SignalRow.theme, SignalRow.organisation, SignalRow.description,
                newest.c.given_on, newest.c.valid_until, newest.c.withdrawn_on,
            )
            .join(ClientRow, ClientRow.id == SignalRow.client_id)
            .outerjoin(newest, newest.c.client_id == SignalRow.client_id)
            .where(in_period, SignalRow.shareable.is_(True))
            .order_by(SignalRow.on, SignalRow.id)
        )  # fmt: skip
        for municipality, theme, organisation, description, *consent in self.session.execute(shared):
            if not may_share(consents_of(*consent), self.today).allowed:  # counted above, the description not shared
                continue
            self.signals[_unit(municipality)].append(
                SharedSignal(
                    self.catalog.routes.theme_name(theme),
                    _organisation(organisation, scrubber),
                    scrubber.scrub(description),
                )
            )

    def _routes(self) -> None:
        """Routes started (with where they stand), days to a decision, deadlines missed and objections."""
        links = route_links(self.session)
        rows = lean_routes(self.session, held(), self.as_of, lambda steps: self._active(steps, links))
        routes = [row.route for row in rows]
        answering, belongs = answering_steps(routes, links), belonging_to(routes, links)
        step_kinds = self.catalog.routes.step_kinds
        kinds = {code: self.catalog.routes.kind(code).name for code in {row.route.data.kind for row in rows}}
        for row in rows:
            route = row.route
            done = [step for step in route.steps if step.is_done]
            if not done:
                continue
            view = view_route(
                route, self.catalog.routes, self.as_of, answering=answering.get(route.id, ()),
                municipality=row.municipality, belongs_to=belongs.get(route.id, ()),
            )  # fmt: skip
            unit, kind = _unit(row.municipality), kinds[route.data.kind]
            counts, values = self.counts[unit], self.values[unit]
            if done[0].data.on in self.period:
                counts[(TableKey.ROUTES, kind, OUTCOME_LABELS[view.progress.outcome])] += 1
            meeting = [*done, *answering.get(route.id, ())]
            for deadline in view.deadlines:
                if deadline.actor is not Actor.AUTHORITY:
                    continue
                self._missed(deadline, kind, counts, values)
                if deadline.rule.requires:  # the decision on an objection lodged in the period
                    if _lodged(deadline, done, self.as_of) in self.period:
                        outcome = _met_with(deadline, meeting) if deadline.met_on else Outcome.OPEN
                        if outcome is not None:
                            counts[(TableKey.OBJECTIONS, kind, OUTCOME_LABELS[outcome])] += 1
                elif (
                    deadline.met_on is not None
                    and deadline.met_on in self.period
                    and not deadline.rule.works_after
                    and all(code in step_kinds and step_kinds[code].decision for code in deadline.rule.met_by)
                ):
                    values[(TableKey.DECISION_DAYS, kind, (deadline.met_on - deadline.started_on).days)] += 1

    def _active(self, steps: Mapping[int, Sequence[AnyRow]], links: Sequence[RouteLink]) -> set[int]:
        """The routes the engine must see: a step done since the catalog's longest chain of terms before
        the period (a planned step starts no term), or one naming a date in or after it; and the routes
        linked to those (one can meet or hold the other's term)."""
        cutoff = self.period.start - horizon(self.catalog.routes)
        active = {
            route_id
            for route_id, rows in steps.items()
            if any(
                row.state == StepState.DONE.value
                and (row.on >= cutoff or (row.new_due_on is not None and row.new_due_on >= self.period.start))
                for row in rows
            )
        }
        linked = {
            route
            for link in links
            if {link.from_route, link.to_route} & active
            for route in (link.from_route, link.to_route)
        }
        return active | linked

    def _missed(
        self,
        deadline: Deadline,
        kind: str,
        counts: Counter[tuple[str, str, str]],
        values: Counter[tuple[str, str, int]],
    ) -> None:
        """An authority's deadline that fell in the period and was met late, or not at all by its end."""
        if deadline.due_on not in self.period or not (deadline.met_late or deadline.state is DeadlineState.PASSED):
            return
        counts[(TableKey.MISSED, kind, MET_LATE if deadline.met_on else STILL_OPEN)] += 1
        values[(TableKey.MISSED, kind, ((deadline.met_on or self.as_of) - deadline.due_on).days)] += 1


def name_scrubber(session: Session) -> NameScrubber:
    """Takes out the names of every resident (and alias) and network member in the database."""
    names: set[str] = set()  # many people share a name: each is taken apart once
    for name, alias in session.execute(select(ClientRow.name, ClientRow.alias)):
        names.update((name, alias))
    names.update(session.scalars(select(NetworkMemberRow.name)))
    return NameScrubber.of(names)


def horizon(routes: RouteCatalog) -> timedelta:
    """How long after the step that started it an authority's term can end at the latest: the longest
    chain of the catalog's terms (a term after another's end), each with its extension and the
    longest term a municipality's by-law gives it, counted generously, and ``SLACK``.

    A route quiet for longer before a period cannot add to that period's figures (a step that names
    a later date, a delay or a new term, is looked at separately), so the engine leaves it alone.
    """

    def days(term: Term | None) -> int:
        if term is None:
            return 0
        if term.unit is TermUnit.MONTHS:
            return 31 * term.amount
        if term.unit is TermUnit.WORKING_DAYS:
            return 2 * term.amount + 14  # weekends and holidays in between
        return term.days or 0

    chains: dict[str, int] = {}
    for rule in routes.rules:  # a rule comes after the rules it refers to
        terms = [rule.term, *(own.term for (code, _), own in routes.municipal_terms.items() if code == rule.code)]
        own = max(days(term) for term in terms) + days(rule.extension)
        chains[rule.code] = own + chains.get(rule.after_rule, 0)
    return timedelta(days=max(chains.values(), default=0)) + SLACK


def _lodged(deadline: Deadline, done: Sequence[Step], as_of: date) -> date | None:
    """The day of the step an objection's decision waits for (the newest before it was met)."""
    until = deadline.met_on or as_of
    days = [step.data.on for step in done if step.data.kind in deadline.rule.requires and step.data.on <= until]
    return max(days, default=None)


def _met_with(deadline: Deadline, steps: Iterable[Step]) -> Outcome | None:
    """The outcome of the decision that met ``deadline``; None while open or without one."""
    return next(
        (
            step.data.outcome
            for step in steps
            if step.data.on == deadline.met_on and step.data.kind in deadline.rule.met_by and step.data.outcome
        ),
        None,
    )


def _organisation(text: str, scrubber: NameScrubber) -> str:
    """An organisation as typed, without names of people (someone may have typed a contact's name)."""
    return scrubber.scrub(" ".join(text.split())) or NOT_FILLED


def lean_routes(
    session: Session,
    where: ColumnElement[bool],
    until: date,
    keep: Callable[[Mapping[int, Sequence[AnyRow]]], set[int]],
) -> list[_RouteRow]:
    """The routes of residents matching ``where`` that ``keep`` chooses from their step rows, with their
    steps up to ``until`` and circumstances, read as plain rows (no ORM objects, no evidence or notes)."""
    chosen = select(RouteRow.id).join(ClientRow, ClientRow.id == RouteRow.client_id).where(where)
    found: dict[int, list[AnyRow]] = defaultdict(list)
    for row in session.execute(
        select(
            RouteStepRow.id, RouteStepRow.route_id, RouteStepRow.on, RouteStepRow.kind, RouteStepRow.state,
            RouteStepRow.outcome, RouteStepRow.sent_on, RouteStepRow.received_on, RouteStepRow.new_due_on,
        ).where(RouteStepRow.route_id.in_(chosen), RouteStepRow.on <= until)
    ):  # fmt: skip
        found[row.route_id].append(row)
    kept = keep(found)
    steps = {
        route_id: tuple(
            Step(row.id, StepInput(
                route_id, row.on, row.kind, STATES[row.state], OUTCOMES[row.outcome] if row.outcome else None,
                sent_on=row.sent_on, received_on=row.received_on, new_due_on=row.new_due_on,
            ))
            for row in sorted(rows, key=lambda row: (row.on, row.id))
        )
        for route_id, rows in found.items()
        if route_id in kept
    }  # fmt: skip
    circumstances: dict[int, list[str]] = defaultdict(list)
    for route_id, code in session.execute(
        select(RouteCircumstanceRow.route_id, RouteCircumstanceRow.code).where(
            RouteCircumstanceRow.route_id.in_(chosen)
        )
    ):
        circumstances[route_id].append(code)
    return [
        _RouteRow(
            Route(
                route_id,
                RouteInput(client_id, kind, "", circumstances=tuple(circumstances[route_id])),
                steps=steps.get(route_id, ()),
                evidence=(),
                documents={},
                links=(),
            ),
            municipality,
        )
        for route_id, client_id, kind, municipality in session.execute(
            select(RouteRow.id, RouteRow.client_id, RouteRow.kind, ClientRow.municipality)
            .join(ClientRow, ClientRow.id == RouteRow.client_id)
            .where(where)
        )
        if route_id in kept
    ]


def route_links(session: Session) -> list[RouteLink]:
    """Every "belongs to" link between routes."""
    return [
        RouteLink(link_id, source, target, LinkKind.BELONGS_TO)
        for link_id, source, target in session.execute(
            select(RouteLinkRow.id, RouteLinkRow.from_route_id, RouteLinkRow.to_route_id).where(
                RouteLinkRow.kind == LinkKind.BELONGS_TO.value
            )
        )
    ]
