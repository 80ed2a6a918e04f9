"""The deadline calculator: "until when can she object?" asked on the phone, before any route exists.

One rule of the catalog, the date of the event that starts it and what the rule needs to know (a
circumstance, an advisory committee, an extension and the date its letter names, the
municipality) give the last day, with the same engine and explanations as a route.  A rule that
follows another (the decision on an objection follows the end of the objection term) is worked
out from the first event, and both terms are given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from clientsteun.domain.catalog_reader import CatalogItem
from clientsteun.domain.deadlines import Basis, Deadline, atw_note, deadline_state
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.reckoning import Event, EventKind, Note, reckon
from clientsteun.domain.route_catalog import CountsFrom, DeadlineRule, RouteCatalog

COMMITTEE = "committee"  # the circumstance of an advisory committee (objection, complaint)

# What date to type, by the date of the starting step the law counts from; {step} is the step's name.
DATE_QUESTIONS = {
    CountsFrom.SENT: QT_TRANSLATE_NOOP("deadlines", "{step}: de dag van verzending"),
    CountsFrom.RECEIVED: QT_TRANSLATE_NOOP("deadlines", "{step}: de dag van ontvangst"),
    CountsFrom.DATE: QT_TRANSLATE_NOOP("deadlines", "{step}: de datum"),
}
_BASIS = {CountsFrom.SENT: Basis.SENT, CountsFrom.RECEIVED: Basis.RECEIVED, CountsFrom.DATE: Basis.STEP_DATE}


@dataclass(frozen=True)
class CalculatorRule:
    """A rule as the calculator offers it, and what it asks."""

    rule: DeadlineRule
    chain: tuple[DeadlineRule, ...]  # the rules it follows, the first first, ending with ``rule``
    start_step: str  # the name of the step whose date is asked: the one that starts the first rule
    circumstances: tuple[CatalogItem, ...]  # that choose another version of the rule
    asks_extension: bool  # the authority can extend it: asks whether it did and the date its letter names
    asks_municipality: bool  # a by-law sets a term of the chain

    @property
    def follows(self) -> tuple[DeadlineRule, ...]:
        return self.chain[:-1]

    def date_question(self, translate: Callable[[str], str] = str) -> str:
        """Which date to type: "Besluit: de dag van verzending"."""
        return translate(DATE_QUESTIONS[self.chain[0].counts_from]).format(step=self.start_step)


@dataclass(frozen=True)
class TermQuestion:
    rule: str  # the code of a rule
    on: date  # the date of the event that starts it (of the first rule it follows)
    circumstances: frozenset[str] = field(default_factory=frozenset)
    municipality: str = ""
    extended: bool = False  # the authority extended the term
    extended_until: date | None = None  # the date its letter names


@dataclass(frozen=True)
class Calculation:
    """The terms worked out, the first first; the last is the one asked for."""

    deadlines: tuple[Deadline, ...]
    explanations: tuple[tuple[Note, ...], ...]  # per deadline: why the date moved, the reading, assumptions

    @property
    def asked(self) -> Deadline:
        return self.deadlines[-1]


def calculator_rules(routes: RouteCatalog) -> tuple[CalculatorRule, ...]:
    """Every rule of the catalog in its order, with what the calculator asks for it."""
    return tuple(_offer(routes, rule) for rule in routes.rules)


def calculate(routes: RouteCatalog, question: TermQuestion, today: date) -> Calculation:
    """The last day of the rule asked for, and of the rules it follows, from the date typed."""
    rule = routes.rule(question.rule)
    if rule is None:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze termijn staat niet in de catalogus."))
    unknown = set(question.circumstances) - set(routes.circumstances)
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze omstandigheid staat niet in de catalogus."))
    rule = _version(routes, rule, question.circumstances)
    extended = question.extended or question.extended_until is not None
    if extended and rule.extension is None:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze termijn kan de instantie niet verdagen."))
    if question.extended_until is not None and question.extended_until <= question.on:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "De datum in de brief moet na de eerste datum liggen."))
    events = [Event(EventKind.EXTENDED, question.on, question.extended_until)] if extended else []
    chain = _chain(routes, rule)
    start, found, explanations = question.on, [], []
    for link in chain:
        reckoning = reckon(
            link, start, routes.days_off, today, events if link is rule else (),
            routes.municipal_term(link, question.municipality), since=question.on,
        )  # fmt: skip
        deadline = Deadline(
            rule=link,
            started_on=start,
            term_end=reckoning.term_end,
            due_on=reckoning.due_on,
            extended=reckoning.extended,
            met_on=None,
            state=deadline_state(reckoning.due_on, None, today),
            counted_from=_BASIS[link.counts_from] if link is chain[0] else Basis.TERM_END,
            notes=reckoning.notes,
        )
        moved = atw_note(deadline, routes.days_off)
        found.append(deadline)
        explanations.append(((moved,) if moved else ()) + deadline.notes)
        start = deadline.due_on
    return Calculation(tuple(found), tuple(explanations))


def _offer(routes: RouteCatalog, rule: DeadlineRule) -> CalculatorRule:
    chain = _chain(routes, rule)
    asked = {code for link in chain for sibling in _siblings(routes, link) for code in (sibling.when, sibling.unless)}
    return CalculatorRule(
        rule=rule,
        chain=chain,
        start_step=routes.step_name(chain[0].after_step),
        circumstances=tuple(item for code, item in routes.circumstances.items() if code in asked),
        asks_extension=rule.extension is not None,
        asks_municipality=any(link.by_law for link in chain),
    )


def _chain(routes: RouteCatalog, rule: DeadlineRule) -> tuple[DeadlineRule, ...]:
    chain = [rule]
    while chain[0].after_rule:
        parent = routes.rule(chain[0].after_rule)
        assert parent is not None  # the catalog refuses an unknown after_rule
        chain.insert(0, parent)
    return tuple(chain)


def _siblings(routes: RouteCatalog, rule: DeadlineRule) -> Iterable[DeadlineRule]:
    """The versions of a rule for other circumstances: same start, same kinds of route."""
    key = (rule.after_step, rule.after_rule, rule.kinds)
    return (other for other in routes.rules if (other.after_step, other.after_rule, other.kinds) == key)


def _version(routes: RouteCatalog, rule: DeadlineRule, circumstances: Iterable[str]) -> DeadlineRule:
    """The version of the rule for these circumstances: "objection_decision" with a committee is the committee's."""
    given = set(circumstances)
    if not rule.unless or rule.unless not in given:
        return rule
    return next((other for other in _siblings(routes, rule) if other.when == rule.unless), rule)
