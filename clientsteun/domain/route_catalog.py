"""The route catalog (``routes.toml``): route kinds, step kinds, documents, deadline rules, signal themes.

A deadline rule says which step starts a term ("after = 'decision'") or which other deadline
("after_rule = 'objection_term'"), how long the term is, who must act, and which steps meet it.
Rules may apply to some route kinds only, to some decision outcomes only, or only when a
circumstance holds ("eviction threatens"), so the law lives in data a coordinator can check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from clientsteun.domain.catalog_reader import CatalogItem, EntryReader, name_of, read_toml
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.holidays import WorkCalendar
from clientsteun.domain.routes import DECISION_OUTCOMES, Actor, Outcome, StepKind
from clientsteun.domain.terms import Term

ROUTES_FILE = "routes.toml"


@dataclass(frozen=True)
class RouteKind:
    code: str
    name: str
    explanation: str = ""  # plain language, for the supporter and the resident
    law: str = ""
    steps: tuple[str, ...] = ()  # the typical steps, offered first
    documents: tuple[str, ...] = ()  # the checklist of documents usually asked for
    life_domain: str = ""  # offered as the goal when no help question is chosen


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    name: str  # what the deadline is, said as the date's label: "Besluit uiterlijk"
    actor: Actor
    term: Term
    met_by: tuple[str, ...]  # step kinds that meet the deadline
    after_step: str = ""  # the newest step done of this kind starts the term ...
    after_rule: str = ""  # ... or the end of another deadline
    kinds: tuple[str, ...] = ()  # route kinds it applies to; empty: all
    outcomes: tuple[Outcome, ...] = ()  # only after a decision with one of these outcomes
    requires: tuple[str, ...] = ()  # only when one of these steps was done (since the start)
    when: str = ""  # only when this circumstance holds
    unless: str = ""  # not when this circumstance holds
    extension: Term | None = None  # added once when the authority extends (a step that ``extends``)
    atw: bool = True  # a term from a formal law or order in council: the Algemene termijnenwet applies
    law: str = ""
    advice: str = ""  # what the resident can do when the deadline has passed

    def applies(self, kind: str, circumstances: frozenset[str] | set[str]) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        if self.when and self.when not in circumstances:
            return False
        return not (self.unless and self.unless in circumstances)


@dataclass(frozen=True)
class RouteCatalog:
    kinds: tuple[RouteKind, ...]
    step_kinds: Mapping[str, StepKind]  # in catalog order
    circumstances: Mapping[str, CatalogItem]  # "eviction threatens", "an advisory committee"
    documents: Mapping[str, CatalogItem]
    signal_themes: tuple[CatalogItem, ...]
    rules: tuple[DeadlineRule, ...]  # a rule comes after the rules it refers to
    days_off: WorkCalendar = field(default_factory=WorkCalendar)
    # Looked up for every route on every agenda: worked out once.
    ending_steps: frozenset[str] = field(init=False, repr=False, compare=False)
    extending_steps: frozenset[str] = field(init=False, repr=False, compare=False)
    _rules_by_kind: dict[str, tuple[DeadlineRule, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        steps = self.step_kinds.values()
        object.__setattr__(self, "ending_steps", frozenset(s.code for s in steps if s.ends))
        object.__setattr__(self, "extending_steps", frozenset(s.code for s in steps if s.extends))
        object.__setattr__(self, "_rules_by_kind", {})

    def kind(self, code: str) -> RouteKind:
        """The kind; a code the catalog no longer knows shows as itself, with no rules."""
        return next((kind for kind in self.kinds if kind.code == code), RouteKind(code, code))

    def step_name(self, code: str) -> str:
        step = self.step_kinds.get(code)
        return step.name if step else code

    def theme_name(self, code: str) -> str:
        return name_of(self.signal_themes, code)

    def rules_for(self, kind: str) -> tuple[DeadlineRule, ...]:
        rules = self._rules_by_kind.get(kind)
        if rules is None:
            rules = tuple(rule for rule in self.rules if not rule.kinds or kind in rule.kinds)
            self._rules_by_kind[kind] = rules
        return rules

    def circumstances_for(self, kind: str) -> tuple[CatalogItem, ...]:
        """The circumstances that change a deadline of this kind of route."""
        codes = {code for rule in self.rules_for(kind) for code in (rule.when, rule.unless) if code}
        return tuple(c for code, c in self.circumstances.items() if code in codes)


def load_route_catalog(folder: Path, life_domains: set[str]) -> RouteCatalog:
    path = folder / ROUTES_FILE
    raw = read_toml(path)
    reader = EntryReader(str(path), raw)
    step_kinds = {
        code: StepKind(
            code, name, description,
            decision=reader.flag(entry, "decision", where),
            ends=reader.flag(entry, "ends", where),
            extends=reader.flag(entry, "extends", where),
        )
        for entry, where, code, name, description in reader.items("step_kind")
    }  # fmt: skip
    circumstances = {item.code: item for item in reader.simple("circumstance")}
    documents = {item.code: item for item in reader.simple("document")}
    themes = reader.simple("signal_theme")
    kinds = []
    for entry, where, code, name, _ in reader.items("route_kind"):
        life_domain = reader.optional(entry, "life_domain", where)
        if life_domain and life_domain not in life_domains:
            raise CatalogError(str(path), where, f"'life_domain': onbekend levensgebied '{life_domain}'")
        kinds.append(
            RouteKind(
                code, name,
                explanation=reader.required(entry, "explanation", where),
                law=reader.optional(entry, "law", where),
                steps=reader.codes(entry, "steps", where, step_kinds, "stap"),
                documents=reader.codes(entry, "documents", where, documents, "document"),
                life_domain=life_domain,
            )
        )  # fmt: skip
    rules = _read_rules(reader, {kind.code for kind in kinds}, step_kinds, circumstances)
    return RouteCatalog(
        kinds=tuple(kinds),
        step_kinds=step_kinds,
        circumstances=circumstances,
        documents=documents,
        signal_themes=themes,
        rules=rules,
        days_off=WorkCalendar(_extra_days(reader)),
    )


def _read_rules(
    reader: EntryReader, kinds: set[str], step_kinds: Mapping[str, StepKind], circumstances: Mapping[str, Any]
) -> tuple[DeadlineRule, ...]:
    rules: dict[str, DeadlineRule] = {}
    for entry, where, code, name, _ in reader.items("deadline_rule"):
        after_step = reader.optional(entry, "after", where)
        after_rule = reader.optional(entry, "after_rule", where)
        if bool(after_step) == bool(after_rule):
            raise CatalogError(
                reader.file, where, "geef precies één van 'after' (een stap) of 'after_rule' (een termijn)"
            )
        if after_step and after_step not in step_kinds:
            raise CatalogError(reader.file, where, f"'after': onbekende stap '{after_step}'")
        if after_rule and after_rule not in rules:
            raise CatalogError(
                reader.file, where, f"'after_rule': onbekende termijn '{after_rule}' (noem die eerder in het bestand)"
            )
        actor = reader.required(entry, "actor", where)
        if actor not in {a.value for a in Actor}:
            raise CatalogError(reader.file, where, "'actor' moet 'authority' (instantie) of 'resident' (inwoner) zijn")
        outcomes = reader.codes(entry, "outcomes", where, {o.value for o in DECISION_OUTCOMES}, "uitkomst")
        met_by = reader.codes(entry, "met_by", where, step_kinds, "stap")
        if not met_by:
            raise CatalogError(reader.file, where, "'met_by' ontbreekt: welke stap voldoet aan deze termijn?")
        condition = {}
        for key in ("when", "unless"):
            condition[key] = reader.optional(entry, key, where)
            if condition[key] and condition[key] not in circumstances:
                raise CatalogError(reader.file, where, f"'{key}': onbekende omstandigheid '{condition[key]}'")
        term = _term(reader, entry, "term", where)
        extension = _term(reader, entry, "extension", where) if "extension" in entry else None
        if extension is not None and extension.unit is not term.unit:
            raise CatalogError(reader.file, where, "'extension' moet dezelfde eenheid hebben als 'term'")
        rules[code] = DeadlineRule(
            code=code,
            name=name,
            actor=Actor(actor),
            term=term,
            met_by=met_by,
            after_step=after_step,
            after_rule=after_rule,
            kinds=reader.codes(entry, "kinds", where, kinds, "soort route"),
            outcomes=tuple(Outcome(o) for o in outcomes),
            requires=reader.codes(entry, "requires", where, step_kinds, "stap"),
            when=condition["when"],
            unless=condition["unless"],
            extension=extension,
            atw=reader.flag(entry, "atw", where, default=True),
            law=reader.optional(entry, "law", where),
            advice=reader.optional(entry, "advice", where),
        )
    return tuple(rules.values())


def _term(reader: EntryReader, entry: dict[str, Any], key: str, where: str) -> Term:
    try:
        return Term.parse(reader.required(entry, key, where))
    except ValueError as error:
        raise CatalogError(reader.file, where, f"'{key}': {error}") from None


def _extra_days(reader: EntryReader) -> frozenset[date]:
    days = reader.raw.get("extra_days_off", [])
    if not isinstance(days, list) or not all(isinstance(day, date) and not isinstance(day, datetime) for day in days):
        raise CatalogError(
            reader.file, "extra_days_off", "moet een lijst met datums zijn, zoals [2027-05-07] (jaar-maand-dag)"
        )
    return frozenset(days)
