"""The route catalog (``routes.toml``): route kinds, step kinds, documents, deadline rules, signal themes.

A deadline rule says which step starts a term ("after = 'decision'") or which other deadline
("after_rule = 'objection_term'"), how long the term is, who must act, and which steps meet it.
Rules may apply to some route kinds only, to some decision outcomes only, or only when a
circumstance holds ("eviction threatens"), so the law lives in data a coordinator can check.  A term
that a local by-law sets can differ per municipality (``[[municipal_term]]``); the days a decree
treats as holidays are listed per decree (``[[decree]]``).

Route kinds, steps and documents also carry ``for_resident``: the text on the resident's own sheet,
addressed to them ("je", "ik") in short plain Dutch, measured in ``tests/unit/test_plain_language.py``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from clientsteun.domain.catalog_reader import CatalogItem, EntryReader, name_of, read_toml
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, CatalogError
from clientsteun.domain.holidays import Decree, WorkCalendar
from clientsteun.domain.routes import DECISION_OUTCOMES, Actor, Outcome, StepKind
from clientsteun.domain.terms import Term

ROUTES_FILE = "routes.toml"
RESIDENT_KEY = "for_resident"
RESIDENT_TABLES = ("route_kind", "step_kind", "document")
DECREE_MISSING = QT_TRANSLATE_NOOP(
    "catalog",
    "De catalogus noemt nog geen dagen die in {year} met een feestdag zijn gelijkgesteld (Algemene "
    "termijnenwet, art. 3 lid 3). Zoek het besluit voor {year} op en zet het in de catalogus; tot dan kan een "
    "termijn rond een brugdag te vroeg uitkomen.",
)


@dataclass(frozen=True)
class RouteKind:
    code: str
    name: str
    explanation: str = ""  # plain language, for the supporter and the resident
    law: str = ""
    steps: tuple[str, ...] = ()  # the typical steps, offered first
    documents: tuple[str, ...] = ()  # the checklist of documents usually asked for
    life_domain: str = ""  # offered as the goal when no help question is chosen
    for_resident: str = ""  # addressed to the resident: what it is and what they are entitled to


class CountsFrom(enum.StrEnum):
    """Which date of the step that starts a term the law counts from."""

    DATE = "date"  # the day of the step itself (a conversation; the resident's own melding)
    SENT = "sent"  # the day a letter was sent (bekendmaking of a decision, Awb 6:8)
    RECEIVED = "received"  # the day a letter was received (an application, Awb 4:13; a notice, 4:17)


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
    extension: Term | None = None  # the authority extends (a step that ``extends``) without naming a date
    atw: bool = True  # a term from a formal law or order in council: the Algemene termijnenwet applies
    law: str = ""
    advice: str = ""  # what the resident can do when the deadline has passed
    counts_from: CountsFrom = CountsFrom.DATE
    first: bool = False  # the oldest step done of ``after_step`` starts the term, not the newest
    extension_max: bool = False  # ``extension`` is the longest the law allows, not a suggestion (Awb 4:14)
    suspension: str = ""  # the law by which a request for information suspends the term; empty: none
    consent: str = ""  # the law by which the resident can agree to a later date; empty: not possible
    by_law: bool = False  # a local by-law sets the term: it differs per municipality (``municipal_term``)
    at_most: Term | None = None  # the longest term a by-law may set
    works_after: tuple[str, ...] = ()  # the step works only once one of these terms passed (Awb 4:17 lid 3)

    def applies(self, kind: str, circumstances: frozenset[str] | set[str]) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        if self.when and self.when not in circumstances:
            return False
        return not (self.unless and self.unless in circumstances)


@dataclass(frozen=True)
class MunicipalTerm:
    """A by-law's term in one municipality, as a coordinator filled it in."""

    rule: str
    municipality: str
    term: Term
    law: str = ""  # the by-law and its article
    atw: bool = False  # the by-law applies the Algemene termijnenwet itself


def municipality_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class RouteCatalog:
    kinds: tuple[RouteKind, ...]
    step_kinds: Mapping[str, StepKind]  # in catalog order
    circumstances: Mapping[str, CatalogItem]  # "eviction threatens", "an advisory committee"
    documents: Mapping[str, CatalogItem]
    signal_themes: tuple[CatalogItem, ...]
    rules: tuple[DeadlineRule, ...]  # a rule comes after the rules it refers to
    decrees: tuple[Decree, ...] = ()
    municipal_terms: Mapping[tuple[str, str], MunicipalTerm] = field(default_factory=dict)  # by rule and key
    resident_steps: Mapping[str, str] = field(default_factory=dict)  # step kind -> "Ik heb bezwaar gemaakt."
    resident_documents: Mapping[str, str] = field(default_factory=dict)  # document -> "Je huurcontract."
    # Looked up for every route on every agenda: worked out once.
    days_off: WorkCalendar = field(init=False, repr=False, compare=False)
    ending_steps: frozenset[str] = field(init=False, repr=False, compare=False)
    _rules_by_kind: dict[str, tuple[DeadlineRule, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        steps = self.step_kinds.values()
        object.__setattr__(self, "days_off", WorkCalendar.of(self.decrees))
        object.__setattr__(self, "ending_steps", frozenset(s.code for s in steps if s.ends))
        object.__setattr__(self, "_rules_by_kind", {})

    def rule(self, code: str) -> DeadlineRule | None:
        return next((rule for rule in self.rules if rule.code == code), None)

    def municipal_term(self, rule: DeadlineRule, municipality: str) -> MunicipalTerm | None:
        """The term the municipality's by-law sets for ``rule``, where the catalog has it."""
        if not rule.by_law or not municipality.strip():
            return None
        return self.municipal_terms.get((rule.code, municipality_key(municipality)))

    def has_decree_for(self, year: int) -> bool:
        """Whether a decree in the catalog covers ``year`` (so its days equal to holidays are known)."""
        return any(year in decree.years for decree in self.decrees)

    def missing_decree_year(self, today: date) -> int | None:
        """This year or next year when no decree in the catalog covers it (the first of them); else None.

        Decrees are announced a few years ahead: a coordinator adds the new one (``DECREE_MISSING``).
        """
        return next((year for year in (today.year, today.year + 1) if not self.has_decree_for(year)), None)

    def kind(self, code: str) -> RouteKind:
        """The kind; a code the catalog no longer knows shows as itself, with no rules."""
        return next((kind for kind in self.kinds if kind.code == code), RouteKind(code, code))

    def step_name(self, code: str) -> str:
        step = self.step_kinds.get(code)
        return step.name if step else code

    def step_for_resident(self, code: str) -> str:
        """The step said to the resident ("Ik heb bezwaar gemaakt."); without such a text, its name."""
        return self.resident_steps.get(code) or self.step_name(code)

    def document_for_resident(self, code: str) -> str:
        """The document said to the resident; without such a text, its name (or the code it no longer knows)."""
        document = self.documents.get(code)
        return self.resident_documents.get(code) or (document.name if document else code)

    def resident_texts(self) -> tuple[tuple[str, str], ...]:
        """Every ``for_resident`` text with where it comes from ("route_kind wmo"), in catalog order."""
        return (
            *((f"route_kind {kind.code}", kind.for_resident) for kind in self.kinds),
            *((f"step_kind {code}", text) for code, text in self.resident_steps.items()),
            *((f"document {code}", text) for code, text in self.resident_documents.items()),
        )

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


def load_route_catalog(folder: Path, life_domains: set[str], fallback: Path | None = None) -> RouteCatalog:
    """The route catalog in ``folder``; ``fallback`` is the built-in catalog folder when ``folder`` is a copy.

    A coordinator's copy made before ``for_resident`` existed has none: each missing text is then taken
    from the built-in ``routes.toml`` for the same code (``_built_in_texts``).  A route kind that has no
    text in the copy nor a built-in one (a kind the coordinator added) is an error naming file and entry;
    a step or document without one shows its name to the resident.
    """
    path = folder / ROUTES_FILE
    raw = read_toml(path)
    reader = EntryReader(str(path), raw)
    built_in = _built_in_texts(folder, fallback)
    step_kinds = {
        code: StepKind(
            code, name, description,
            decision=reader.flag(entry, "decision", where),
            ends=reader.flag(entry, "ends", where),
            extends=reader.flag(entry, "extends", where),
            suspends=reader.flag(entry, "suspends", where),
            resumes=reader.flag(entry, "resumes", where),
            consents=reader.flag(entry, "consents", where),
        )
        for entry, where, code, name, description in reader.items("step_kind")
    }  # fmt: skip
    circumstances = {item.code: item for item in reader.simple("circumstance")}
    documents = {item.code: item for item in reader.simple("document")}
    resident_steps = _resident_texts(reader, "step_kind", built_in)
    resident_documents = _resident_texts(reader, "document", built_in)
    themes = reader.simple("signal_theme")
    kinds = []
    for entry, where, code, name, _ in reader.items("route_kind"):
        life_domain = reader.optional(entry, "life_domain", where)
        if life_domain and life_domain not in life_domains:
            raise CatalogError(str(path), where, f"'life_domain': onbekend levensgebied '{life_domain}'")
        for_resident = reader.optional(entry, RESIDENT_KEY, where).strip() or built_in["route_kind"].get(code, "")
        if not for_resident:
            raise CatalogError(
                str(path), where, f"'{RESIDENT_KEY}' ontbreekt: de uitleg voor de inwoner zelf, met 'je' of 'ik'"
            )
        kinds.append(
            RouteKind(
                code, name,
                explanation=reader.required(entry, "explanation", where),
                law=reader.optional(entry, "law", where),
                steps=reader.codes(entry, "steps", where, step_kinds, "stap"),
                documents=reader.codes(entry, "documents", where, documents, "document"),
                life_domain=life_domain,
                for_resident=for_resident,
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
        decrees=_decrees(reader),
        municipal_terms=_municipal_terms(reader, rules),
        resident_steps=resident_steps,
        resident_documents=resident_documents,
    )


def _resident_texts(reader: EntryReader, table: str, built_in: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """The ``for_resident`` text per code of ``table``: the file's own, else the built-in one, else none."""
    texts = {}
    for entry, where, code, _, _ in reader.items(table):
        text = reader.optional(entry, RESIDENT_KEY, where).strip() or built_in[table].get(code, "")
        if text:
            texts[code] = text
    return texts


def _built_in_texts(folder: Path, fallback: Path | None) -> dict[str, dict[str, str]]:
    """The built-in ``for_resident`` texts per table and code, read only when ``folder`` is a copy."""
    texts: dict[str, dict[str, str]] = {table: {} for table in RESIDENT_TABLES}
    if fallback is None or fallback.resolve() == folder.resolve():
        return texts
    raw = read_toml(fallback / ROUTES_FILE)
    for table in RESIDENT_TABLES:
        entries = raw.get(table, [])
        for entry in entries if isinstance(entries, list) else []:
            code, text = (entry.get(key) if isinstance(entry, dict) else None for key in ("code", RESIDENT_KEY))
            if isinstance(code, str) and isinstance(text, str) and text.strip():
                texts[table][code] = text.strip()
    return texts


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
        counts_from = reader.optional(entry, "counts_from", where) or CountsFrom.DATE.value
        if counts_from not in {c.value for c in CountsFrom}:
            raise CatalogError(
                reader.file, where, "'counts_from' moet 'date' (de dag van de stap), 'sent' (verzonden) of "
                "'received' (ontvangen) zijn",
            )  # fmt: skip
        if after_rule and counts_from != CountsFrom.DATE:
            raise CatalogError(reader.file, where, "'counts_from' hoort bij 'after' (een stap), niet bij 'after_rule'")
        by_law = reader.flag(entry, "by_law", where)
        at_most = _term(reader, entry, "at_most", where) if "at_most" in entry else None
        if at_most is not None and not by_law:
            raise CatalogError(
                reader.file, where, "'at_most' hoort alleen bij een termijn uit een verordening (by_law)"
            )
        if at_most is not None and _longer(term, at_most):
            raise CatalogError(reader.file, where, f"'term' is langer dan 'at_most' ({at_most})")
        works_after = reader.codes(entry, "works_after", where, rules, "termijn (noem die eerder in het bestand)")
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
            atw=reader.flag(entry, "atw", where, default=not by_law),
            law=reader.optional(entry, "law", where),
            advice=reader.optional(entry, "advice", where),
            counts_from=CountsFrom(counts_from),
            first=reader.flag(entry, "first", where),
            extension_max=reader.flag(entry, "extension_max", where),
            suspension=reader.optional(entry, "suspension", where),
            consent=reader.optional(entry, "consent", where),
            by_law=by_law,
            at_most=at_most,
            works_after=works_after,
        )
    return tuple(rules.values())


def _longer(term: Term, limit: Term) -> bool:
    if term.unit is limit.unit:
        return term.amount > limit.amount
    if term.days is None or limit.days is None:
        return True  # months against days: cannot be compared, so write both in one unit
    return term.days > limit.days


def _term(reader: EntryReader, entry: dict[str, Any], key: str, where: str) -> Term:
    try:
        return Term.parse(reader.required(entry, key, where))
    except ValueError as error:
        raise CatalogError(reader.file, where, f"'{key}': {error}") from None


def _decrees(reader: EntryReader) -> tuple[Decree, ...]:
    """The ``[[decree]]`` entries; a list ``extra_days_off`` of older copies counts as one unchecked decree."""
    decrees = []
    entries = reader.raw.get("decree", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise CatalogError(reader.file, "decree", "schrijf elk besluit als een eigen [[decree]]")
    for number, entry in enumerate(entries, start=1):
        name = reader.required(entry, "name", f"decree nr. {number}")
        where = f"decree {name}"
        days = _dates(reader, entry.get("days", []), where, "days")
        years = entry.get("years", [])
        if not isinstance(years, list) or not years or not all(type(year) is int for year in years):
            raise CatalogError(
                reader.file, where, "'years' moet een lijst met jaartallen zijn, zoals [2026, 2027, 2028]"
            )
        outside = sorted(day for day in days if day.year not in years)
        if outside:
            raise CatalogError(reader.file, where, f"{outside[0].isoformat()} valt buiten de jaren in 'years'")
        decrees.append(
            Decree(
                name, days, frozenset(years),
                source=reader.optional(entry, "source", where),
                checked=reader.flag(entry, "checked", where),
            )
        )  # fmt: skip
    if "extra_days_off" in reader.raw:
        days = _dates(reader, reader.raw["extra_days_off"], "extra_days_off", "")
        if days:
            decrees.append(Decree("extra_days_off", days, frozenset(day.year for day in days)))
    return tuple(decrees)


def _dates(reader: EntryReader, value: object, where: str, key: str) -> frozenset[date]:
    if not isinstance(value, list) or not all(isinstance(day, date) and not isinstance(day, datetime) for day in value):
        label = f"'{key}' moet" if key else "moet"
        raise CatalogError(
            reader.file, where, f"{label} een lijst met datums zijn, zoals [2027-05-07] (jaar-maand-dag)"
        )
    return frozenset(value)


def _municipal_terms(reader: EntryReader, rules: tuple[DeadlineRule, ...]) -> dict[tuple[str, str], MunicipalTerm]:
    by_code = {rule.code: rule for rule in rules}
    found: dict[tuple[str, str], MunicipalTerm] = {}
    entries = reader.raw.get("municipal_term", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise CatalogError(reader.file, "municipal_term", "schrijf elke termijn als een eigen [[municipal_term]]")
    for number, entry in enumerate(entries, start=1):
        where = f"municipal_term nr. {number}"
        code = reader.required(entry, "rule", where)
        municipality = reader.required(entry, "municipality", where).strip()
        where = f"municipal_term {code} {municipality}"
        rule = by_code.get(code)
        if rule is None or not rule.by_law:
            raise CatalogError(reader.file, where, f"'rule': '{code}' is geen termijn uit een verordening (by_law)")
        term = _term(reader, entry, "term", where)
        if rule.at_most is not None and _longer(term, rule.at_most):
            raise CatalogError(reader.file, where, f"'term' is langer dan de wet toestaat ({rule.at_most})")
        key = (code, municipality_key(municipality))
        if key in found:
            raise CatalogError(reader.file, where, "deze gemeente staat twee keer bij deze termijn")
        found[key] = MunicipalTerm(
            code, municipality, term,
            law=reader.optional(entry, "law", where),
            atw=reader.flag(entry, "atw", where),
        )  # fmt: skip
    return found
