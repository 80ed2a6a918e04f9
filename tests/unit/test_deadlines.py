"""The deadline engine against the shipped routes.toml: one row per rule, states, and what ends a term."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import (
    DUE_SOON_DAYS,
    NOTICE_OF_DEFAULT,
    Deadline,
    DeadlineState,
    deadline_state,
    route_deadlines,
    view_route,
)
from clientsteun.domain.route_catalog import DeadlineRule, RouteCatalog
from clientsteun.domain.routes import Actor, Outcome, Route, RouteInput, RouteStatus, Step, StepInput, StepState

TODAY = date(2026, 11, 23)  # the day of the FakeClock in tests/conftest.py, a Monday

R = Outcome.REFUSED
P = Outcome.PARTLY_GRANTED
G = Outcome.GRANTED

# One step: (kind, date) or (kind, date, outcome) or (kind, date, outcome, state).
StepSpec = tuple[object, ...]


def _steps(*specs: StepSpec) -> tuple[Step, ...]:
    steps = []
    for number, spec in enumerate(specs, start=1):
        kind, on, *rest = spec
        outcome = rest[0] if rest else None
        state = rest[1] if len(rest) > 1 else StepState.DONE
        assert isinstance(kind, str) and isinstance(on, date)
        assert outcome is None or isinstance(outcome, Outcome)
        assert isinstance(state, StepState)
        steps.append(Step(number, StepInput(1, on, kind, state, outcome)))
    return tuple(steps)


def _deadlines(
    catalog: Catalog | RouteCatalog,
    kind: str,
    *specs: StepSpec,
    circumstances: tuple[str, ...] = (),
    today: date = TODAY,
    due_soon_days: int = DUE_SOON_DAYS,
) -> tuple[Deadline, ...]:
    routes = catalog.routes if isinstance(catalog, Catalog) else catalog
    return route_deadlines(kind, _steps(*specs), circumstances, routes, today, due_soon_days)


def _codes(deadlines: tuple[Deadline, ...]) -> list[str]:
    return [deadline.rule.code for deadline in deadlines]


def _one(deadlines: tuple[Deadline, ...], code: str) -> Deadline:
    found = [deadline for deadline in deadlines if deadline.rule.code == code]
    assert len(found) == 1, _codes(deadlines)
    return found[0]


# --- one row per rule of the shipped catalog -----------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    kind: str
    steps: tuple[StepSpec, ...]
    started_on: date
    term_end: date
    due_on: date
    circumstances: tuple[str, ...] = ()
    extended: bool = False


CASES = [
    # Steps here have one date: a term that counts from receipt counts from it (handed in that day).
    # Wmo 2015 art. 2.3.2 lid 1: investigation within 6 weeks of the melding.
    Case("wmo_investigation", "wmo", (("reported", date(2026, 9, 7)),), date(2026, 9, 7), date(2026, 10, 19),
         date(2026, 10, 19)),
    Case("wmo_investigation", "wmo", (("reported", date(2026, 11, 13)),), date(2026, 11, 13), date(2026, 12, 25),
         date(2026, 12, 28)),  # Christmas, Boxing Day and Sunday: Monday
    # Wmo 2015 art. 2.3.2 lid 2: a personal plan within 7 days of the melding.
    Case("wmo_personal_plan", "wmo", (("reported", date(2026, 12, 18)),), date(2026, 12, 18), date(2026, 12, 25),
         date(2026, 12, 28)),
    Case("wmo_personal_plan", "wmo", (("reported", date(2026, 9, 7)),), date(2026, 9, 7), date(2026, 9, 14),
         date(2026, 9, 14)),
    # Wmo 2015 art. 2.3.5 lid 2: decision 2 weeks after the aanvraag; Awb 4:14 extension (2 weeks suggested).
    Case("wmo_decision", "wmo", (("applied", date(2026, 4, 21)),), date(2026, 4, 21), date(2026, 5, 5),
         date(2026, 5, 6)),  # 5 May is a holiday every year
    Case("wmo_decision", "wmo", (("applied", date(2026, 11, 16)), ("extension", date(2026, 11, 20))),
         date(2026, 11, 16), date(2026, 12, 14), date(2026, 12, 14), extended=True),
    # Wgs art. 4: first conversation within 4 weeks, or 3 working days when something threatens.
    Case("debt_first_conversation", "debt_counselling", (("applied", date(2026, 12, 2)),), date(2026, 12, 2),
         date(2026, 12, 30), date(2026, 12, 30)),
    Case("debt_first_conversation_urgent", "debt_counselling", (("applied", date(2026, 12, 24)),),
         date(2026, 12, 24), date(2026, 12, 30), date(2026, 12, 30), circumstances=("threat",)),
    Case("debt_first_conversation_urgent", "debt_counselling", (("applied", date(2026, 11, 20)),),
         date(2026, 11, 20), date(2026, 11, 25), date(2026, 11, 25), circumstances=("threat",)),
    # Wgs art. 4a lid 3: the decision within the ordinance's term, at most 8 weeks after the FIRST conversation.
    Case("debt_decision", "debt_counselling",
         (("applied", date(2026, 9, 1)), ("conversation", date(2026, 9, 10)), ("conversation", date(2026, 10, 1))),
         date(2026, 9, 10), date(2026, 11, 5), date(2026, 11, 5)),
    Case("debt_decision", "debt_counselling", (("conversation", date(2026, 9, 12)),), date(2026, 9, 12),
         date(2026, 11, 7), date(2026, 11, 9)),  # no ordinance known: the later reading, with the Atw
    # Awb art. 4:13: 8 weeks for bijstand, bijzondere bijstand and jeugdhulp; 8 more after an extension.
    Case("decision_8_weeks", "social_assistance", (("applied", date(2026, 2, 9)),), date(2026, 2, 9),
         date(2026, 4, 6), date(2026, 4, 7)),  # Easter Monday: Tuesday
    Case("decision_8_weeks", "special_assistance", (("applied", date(2026, 10, 5)),), date(2026, 10, 5),
         date(2026, 11, 30), date(2026, 11, 30)),
    Case("decision_8_weeks", "youth_care", (("applied", date(2026, 10, 31)),), date(2026, 10, 31),
         date(2026, 12, 26), date(2026, 12, 28)),
    # 16 weeks in all is past art. 4 Atw as one term; as two terms, the second runs from the end of the
    # first (Tuesday 7 April after Easter Monday): the later reading, 2 June, is taken.
    Case("decision_8_weeks", "social_assistance", (("applied", date(2026, 2, 9)), ("extension", date(2026, 3, 30))),
         date(2026, 2, 9), date(2026, 6, 2), date(2026, 6, 2), extended=True),
    Case("decision_8_weeks", "youth_care", (("applied", date(2026, 2, 7)), ("extension", date(2026, 3, 30))),
         date(2026, 2, 7), date(2026, 6, 2), date(2026, 6, 2), extended=True),
    # Participatiewet art. 52 lid 1: an advance within 4 weeks of the application.
    Case("advance", "social_assistance", (("applied", date(2026, 10, 5)),), date(2026, 10, 5), date(2026, 11, 2),
         date(2026, 11, 2)),
    Case("advance", "social_assistance", (("applied", date(2026, 11, 27)),), date(2026, 11, 27), date(2026, 12, 25),
         date(2026, 12, 28)),
    # Besluit langdurige zorg art. 3.2.4 lid 1: 6 weeks; lid 2: 2 weeks for someone already in an institution.
    Case("wlz_decision", "wlz", (("applied", date(2026, 3, 16)),), date(2026, 3, 16), date(2026, 4, 27),
         date(2026, 4, 28)),  # King's Day on a Monday
    Case("wlz_decision_special", "wlz", (("applied", date(2026, 4, 30)),), date(2026, 4, 30), date(2026, 5, 14),
         date(2026, 5, 18), circumstances=("special",)),  # Ascension Day, then Friday 15 May equal to a holiday
    # Urgency: the municipality's by-law. Not known here, so the later reading: with the Atw (Awb 4:13).
    Case("urgency_decision", "housing_urgency", (("applied", date(2026, 9, 5)),), date(2026, 9, 5),
         date(2026, 10, 31), date(2026, 11, 2)),
    Case("urgency_decision", "housing_urgency", (("applied", date(2026, 2, 9)),), date(2026, 2, 9),
         date(2026, 4, 6), date(2026, 4, 7)),
    # Awb art. 6:7, 6:8: objection within 6 weeks after a refused or partly granted decision.
    Case("objection_term", "objection", (("decision", date(2026, 2, 23), R),), date(2026, 2, 23),
         date(2026, 4, 6), date(2026, 4, 7)),  # the DOMAIN example: Easter Monday → Tuesday
    Case("objection_term", "objection", (("decision", date(2027, 3, 25), R),), date(2027, 3, 25),
         date(2027, 5, 6), date(2027, 5, 10)),  # the example: Ascension Day, Friday by decree → Monday
    Case("objection_term", "social_assistance", (("applied", date(2026, 5, 4)), ("decision", date(2026, 6, 1), P)),
         date(2026, 6, 1), date(2026, 7, 13), date(2026, 7, 13)),
    # Awb art. 7:10: decision on the objection 6 weeks after the END of the objection term.
    Case("objection_decision", "objection", (("decision", date(2026, 6, 1), R), ("objection", date(2026, 6, 20))),
         date(2026, 7, 13), date(2026, 8, 24), date(2026, 8, 24)),
    Case("objection_decision", "objection", (("decision", date(2026, 2, 23), R), ("objection", date(2026, 3, 10))),
         date(2026, 4, 7), date(2026, 5, 19), date(2026, 5, 19)),  # after the objection term the Atw moved
    Case("objection_decision", "objection",
         (("decision", date(2026, 6, 1), R), ("objection", date(2026, 6, 20)), ("extension", date(2026, 8, 10))),
         date(2026, 7, 13), date(2026, 10, 5), date(2026, 10, 5), extended=True),
    Case("objection_decision_committee", "objection",
         (("decision", date(2026, 6, 1), R), ("objection", date(2026, 6, 20))),
         date(2026, 7, 13), date(2026, 10, 5), date(2026, 10, 5), circumstances=("committee",)),
    Case("objection_decision_committee", "objection",
         (("decision", date(2026, 6, 1), R), ("objection", date(2026, 6, 20)), ("extension", date(2026, 9, 1))),
         date(2026, 7, 13), date(2026, 11, 16), date(2026, 11, 16), circumstances=("committee",), extended=True),
    # The example: 12 + 6 weeks end on Christmas Day as one term, on Monday 28 December as two.
    Case("objection_decision_committee", "objection",
         (("decision", date(2026, 7, 10), R), ("objection", date(2026, 8, 1)), ("extension", date(2026, 11, 2))),
         date(2026, 8, 21), date(2026, 12, 25), date(2026, 12, 28), circumstances=("committee",), extended=True),
    # Awb art. 6:7: appeal within 6 weeks after a refused decision on the objection.
    Case("appeal_term", "appeal", (("objection_decision", date(2026, 11, 4), R),), date(2026, 11, 4),
         date(2026, 12, 16), date(2026, 12, 16)),
    Case("appeal_term", "objection",
         (("decision", date(2026, 6, 1), R), ("objection", date(2026, 6, 20)),
          ("objection_decision", date(2026, 8, 1), P)),
         date(2026, 8, 1), date(2026, 9, 12), date(2026, 9, 14)),  # a Saturday: Monday
    # Awb art. 6:24 with 6:7: hoger beroep within 6 weeks after the court's judgment.
    Case("higher_appeal_term", "appeal", (("court_ruling", date(2026, 11, 4), R),), date(2026, 11, 4),
         date(2026, 12, 16), date(2026, 12, 16)),
    Case("higher_appeal_term", "appeal", (("court_ruling", date(2027, 3, 25), P),), date(2027, 3, 25),
         date(2027, 5, 6), date(2027, 5, 10)),
    # Awb art. 9:11: complaint within 6 weeks, 10 with a committee, 4 more after an extension.
    Case("complaint_handling", "complaint", (("complaint", date(2026, 11, 13)),), date(2026, 11, 13),
         date(2026, 12, 25), date(2026, 12, 28)),
    Case("complaint_handling", "complaint", (("complaint", date(2026, 11, 13)), ("extension", date(2026, 12, 1))),
         date(2026, 11, 13), date(2027, 1, 22), date(2027, 1, 22), extended=True),
    Case("complaint_handling_committee", "complaint", (("complaint", date(2026, 10, 16)),), date(2026, 10, 16),
         date(2026, 12, 25), date(2026, 12, 28), circumstances=("committee",)),
    Case("complaint_handling_committee", "complaint",
         (("complaint", date(2026, 10, 16)), ("extension", date(2026, 11, 20))),
         date(2026, 10, 16), date(2027, 1, 25), date(2027, 1, 25), circumstances=("committee",), extended=True),
         # 14 weeks: one term without the Atw ends Friday 22 January; two terms, the first moved past Christmas,
         # end Monday 25 January: the later reading
    # Awb art. 4:17: the penalty accrues 2 weeks after the notice of default (sent after the term passed).
    Case("penalty", "social_assistance", (("applied", date(2026, 8, 3)), ("notice_of_default", date(2026, 11, 16))),
         date(2026, 11, 16), date(2026, 11, 30), date(2026, 11, 30)),
    Case("penalty", "objection",
         (("decision", date(2026, 2, 23), R), ("objection", date(2026, 3, 2)),
          ("notice_of_default", date(2026, 5, 21))),
         date(2026, 5, 21), date(2026, 6, 4), date(2026, 6, 4)),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule}-{case.kind}-{case.due_on}" for case in CASES])
def test_rule_of_the_catalog(catalog: Catalog, case: Case) -> None:
    found = _deadlines(catalog, case.kind, *case.steps, circumstances=case.circumstances)
    deadline = _one(found, case.rule)
    assert (deadline.started_on, deadline.term_end, deadline.due_on) == (case.started_on, case.term_end, case.due_on)
    assert deadline.extended is case.extended
    assert deadline.moved_by_atw is (case.due_on != case.term_end)
    assert deadline.met_on is None
    assert deadline.rule is next(rule for rule in catalog.routes.rules if rule.code == case.rule)


def test_every_rule_of_the_catalog_has_a_row_in_the_table(catalog: Catalog) -> None:
    in_catalog = {rule.code for rule in catalog.routes.rules}
    in_table = {case.rule for case in CASES}
    assert in_catalog - in_table == set(), "add a row to CASES for each new deadline rule"
    assert in_table <= in_catalog


def test_every_rule_is_covered_once_more_with_an_extension_when_it_has_one(catalog: Catalog) -> None:
    extendable = {rule.code for rule in catalog.routes.rules if rule.extension is not None}
    assert {case.rule for case in CASES if case.extended} == extendable


def test_shipped_rules_say_what_the_domain_brief_says(catalog: Catalog) -> None:
    rules = {rule.code: rule for rule in catalog.routes.rules}
    terms = {code: (str(rule.term), str(rule.extension) if rule.extension else None) for code, rule in rules.items()}
    assert terms == {
        "wmo_investigation": ("6 weken", None),
        "wmo_personal_plan": ("7 dagen", None),
        "wmo_decision": ("2 weken", "2 weken"),
        "debt_first_conversation": ("4 weken", None),
        "debt_first_conversation_urgent": ("3 werkdagen", None),
        "debt_decision": ("8 weken", None),
        "decision_8_weeks": ("8 weken", "8 weken"),
        "advance": ("4 weken", None),
        "wlz_decision": ("6 weken", None),
        "wlz_decision_special": ("2 weken", None),
        "urgency_decision": ("8 weken", None),
        "objection_term": ("6 weken", None),
        "objection_decision": ("6 weken", "6 weken"),
        "objection_decision_committee": ("12 weken", "6 weken"),
        "appeal_term": ("6 weken", None),
        "higher_appeal_term": ("6 weken", None),
        "complaint_handling": ("6 weken", "4 weken"),
        "complaint_handling_committee": ("10 weken", "4 weken"),
        "penalty": ("2 weken", None),
    }
    residents = {code for code, rule in rules.items() if rule.actor is Actor.RESIDENT}
    assert residents == {"wmo_personal_plan", "objection_term", "appeal_term", "higher_appeal_term"}
    assert [code for code, rule in rules.items() if rule.by_law] == ["debt_decision", "urgency_decision"]
    assert [code for code, rule in rules.items() if not rule.atw] == ["debt_decision", "urgency_decision"]
    laws = {code: rule.law for code, rule in rules.items()}
    assert laws["wmo_decision"].startswith("Wmo 2015, art. 2.3.5 lid 2")
    assert laws["wlz_decision"] == "Besluit langdurige zorg, art. 3.2.4 lid 1"
    assert laws["wlz_decision_special"] == "Besluit langdurige zorg, art. 3.2.4 lid 2"
    assert (
        catalog.routes.circumstances["special"].name
        == "Verblijft al in een instelling vanwege bijzondere omstandigheden"
    )
    assert laws["debt_decision"].startswith("Wgs, art. 4a lid 3")
    assert laws["advance"] == "Participatiewet, art. 52 lid 1"
    assert laws["higher_appeal_term"] == "Awb art. 6:24 met 6:7"
    # Who starts counting when (the law names it): receipt for an authority, sending for a decision.
    counts = {code: rule.counts_from.value for code, rule in rules.items() if not rule.after_rule}
    assert {code for code, how in counts.items() if how == "sent"} == {
        "objection_term", "appeal_term", "higher_appeal_term",
    }  # fmt: skip
    assert {code for code, how in counts.items() if how == "date"} == {"wmo_personal_plan", "debt_decision"}
    extension_max = {code for code, rule in rules.items() if rule.extension_max}
    assert extension_max == {
        "objection_decision", "objection_decision_committee", "complaint_handling", "complaint_handling_committee",
    }  # fmt: skip
    assert {code: rule.suspension for code, rule in rules.items() if rule.suspension} == {
        "wmo_decision": "Awb art. 4:15",
        "decision_8_weeks": "Awb art. 4:15",
        "wlz_decision": "Awb art. 4:15",
        "wlz_decision_special": "Awb art. 4:15",
        "urgency_decision": "Awb art. 4:15",
        "objection_decision": "Awb art. 7:10 lid 2",
        "objection_decision_committee": "Awb art. 7:10 lid 2",
    }
    assert {code: rule.consent for code, rule in rules.items() if rule.consent} == {
        "objection_decision": "Awb art. 7:10 lid 4",
        "objection_decision_committee": "Awb art. 7:10 lid 4",
        "complaint_handling": "Awb art. 9:11 lid 3",
        "complaint_handling_committee": "Awb art. 9:11 lid 3",
    }
    decision_terms = {code for code, rule in rules.items() if rule.actor is Actor.AUTHORITY and "decision" in code}
    assert set(rules["penalty"].works_after) == decision_terms
    assert set(rules["objection_term"].outcomes) == {R, P}
    assert set(rules["appeal_term"].outcomes) == {R, P}
    assert rules["objection_decision"].after_rule == "objection_term"
    assert rules["objection_decision_committee"].after_rule == "objection_term"
    assert all(rule.law for rule in rules.values())


# --- which rules apply -----------------------------------------------------------------------------


def test_objection_term_not_after_a_granted_decision(catalog: Catalog) -> None:
    found = _deadlines(catalog, "social_assistance", ("applied", date(2026, 9, 1)), ("decision", date(2026, 10, 1), G))
    assert _codes(found) == ["advance", "decision_8_weeks"]
    assert [d.met_on for d in found] == [date(2026, 10, 1)] * 2
    assert [d.met_late for d in found] == [True, False]  # no advance within 4 weeks


def test_objection_term_after_a_partly_granted_decision(catalog: Catalog) -> None:
    found = _deadlines(catalog, "wmo", ("applied", date(2026, 11, 2)), ("decision", date(2026, 11, 12), P))
    assert _codes(found) == ["wmo_decision", "objection_term"]
    assert _one(found, "objection_term").due_on == date(2026, 12, 24)


def test_no_decision_on_an_objection_until_the_objection_is_lodged(catalog: Catalog) -> None:
    found = _deadlines(catalog, "objection", ("decision", date(2026, 11, 2), R))
    assert _codes(found) == ["objection_term"]
    found = _deadlines(catalog, "objection", ("decision", date(2026, 11, 2), R), ("objection", date(2026, 11, 20)))
    assert _codes(found) == ["objection_term", "objection_decision"]
    objection_term, decision = found
    assert objection_term.state is DeadlineState.MET
    assert decision.started_on == objection_term.due_on == date(2026, 12, 14)
    assert decision.due_on == date(2027, 1, 25)


def test_an_objection_before_the_decision_does_not_count(catalog: Catalog) -> None:
    found = _deadlines(catalog, "objection", ("objection", date(2026, 10, 1)), ("decision", date(2026, 11, 2), R))
    assert _codes(found) == ["objection_term"]
    assert found[0].met_on is None


def test_appeal_term_after_refused_or_partly_granted_decision_on_objection_only(catalog: Catalog) -> None:
    assert _codes(_deadlines(catalog, "appeal", ("objection_decision", date(2026, 11, 4), G))) == []
    for outcome in (R, P):
        found = _deadlines(catalog, "appeal", ("objection_decision", date(2026, 11, 4), outcome))
        assert _codes(found) == ["appeal_term"]
        assert found[0].actor is Actor.RESIDENT


@pytest.mark.parametrize(
    ("kind", "circumstances", "codes"),
    [
        ("debt_counselling", (), ["debt_first_conversation"]),
        ("debt_counselling", ("threat",), ["debt_first_conversation_urgent"]),
        ("wlz", (), ["wlz_decision"]),
        ("wlz", ("special",), ["wlz_decision_special"]),
        ("wlz", ("threat",), ["wlz_decision"]),  # a circumstance of another rule changes nothing
        ("social_assistance", (), ["advance", "decision_8_weeks"]),
        ("special_assistance", ("committee",), ["decision_8_weeks"]),
        ("youth_care", (), ["decision_8_weeks"]),
        ("housing_urgency", (), ["urgency_decision"]),
        ("wmo", (), ["wmo_decision"]),
        ("objection", (), []),
        ("appeal", (), []),
        ("complaint", (), []),
        ("other", (), []),
        ("no_longer_in_the_catalog", (), []),
    ],
)
def test_an_application_starts_only_the_rules_of_its_kind_and_circumstance(
    catalog: Catalog, kind: str, circumstances: tuple[str, ...], codes: list[str]
) -> None:
    found = _deadlines(catalog, kind, ("applied", date(2026, 11, 2)), circumstances=circumstances)
    assert _codes(found) == codes


def test_complaint_with_or_without_a_committee(catalog: Catalog) -> None:
    plain = _deadlines(catalog, "complaint", ("complaint", date(2026, 11, 2)))
    committee = _deadlines(catalog, "complaint", ("complaint", date(2026, 11, 2)), circumstances=("committee",))
    assert _codes(plain) == ["complaint_handling"]
    assert _codes(committee) == ["complaint_handling_committee"]
    assert committee[0].due_on - plain[0].due_on == timedelta(weeks=4)


def test_objection_decision_with_a_committee_takes_six_weeks_longer(catalog: Catalog) -> None:
    steps = (("decision", date(2026, 6, 1), R), ("objection", date(2026, 6, 20)))
    plain = _one(_deadlines(catalog, "objection", *steps), "objection_decision")
    committee = _deadlines(catalog, "objection", *steps, circumstances=("committee",))
    assert "objection_decision" not in _codes(committee)
    assert _one(committee, "objection_decision_committee").due_on - plain.due_on == timedelta(weeks=6)


def test_wmo_melding_starts_investigation_and_personal_plan(catalog: Catalog) -> None:
    found = _deadlines(catalog, "wmo", ("reported", date(2026, 11, 16)))
    assert _codes(found) == ["wmo_personal_plan", "wmo_investigation"]  # soonest first
    plan, investigation = found
    assert plan.actor is Actor.RESIDENT
    assert investigation.actor is Actor.AUTHORITY
    assert plan.due_on == date(2026, 11, 23)
    assert investigation.due_on == date(2026, 12, 28)


@pytest.mark.parametrize("met_by", ["report", "applied", "decision"])
def test_wmo_investigation_is_met_by_a_report_an_application_or_a_decision(catalog: Catalog, met_by: str) -> None:
    outcome = G if met_by == "decision" else None
    found = _deadlines(catalog, "wmo", ("reported", date(2026, 10, 1)), (met_by, date(2026, 11, 2), outcome))
    investigation = _one(found, "wmo_investigation")
    assert investigation.state is DeadlineState.MET
    assert investigation.met_on == date(2026, 11, 2)
    assert not investigation.met_late


def test_penalty_is_met_by_a_decision_on_the_objection(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "objection",
        ("decision", date(2026, 6, 1), R),
        ("objection", date(2026, 6, 20)),
        ("notice_of_default", date(2026, 9, 1)),
        ("objection_decision", date(2026, 9, 10), G),
    )
    penalty = _one(found, "penalty")
    assert penalty.met_on == date(2026, 9, 10)
    assert not penalty.met_late
    assert _one(found, "objection_decision").met_late  # due 24 August


# --- extensions ----------------------------------------------------------------------------------


def test_extension_after_the_deadline_passed_does_not_extend(catalog: Catalog) -> None:
    applied = ("applied", date(2026, 2, 9))  # due Tuesday 7 April; extended (two terms) Tuesday 2 June
    late = _one(_deadlines(catalog, "social_assistance", applied, ("extension", date(2026, 4, 8))), "decision_8_weeks")
    assert not late.extended
    assert late.due_on == date(2026, 4, 7)
    on_time = _one(
        _deadlines(catalog, "social_assistance", applied, ("extension", date(2026, 4, 7))), "decision_8_weeks"
    )
    assert on_time.extended
    assert on_time.due_on == date(2026, 6, 2)


def test_extension_before_the_application_does_not_extend(catalog: Catalog) -> None:
    found = _deadlines(catalog, "social_assistance", ("extension", date(2026, 2, 1)), ("applied", date(2026, 2, 9)))
    assert not _one(found, "decision_8_weeks").extended


def test_extension_is_added_once(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "social_assistance",
        ("applied", date(2026, 2, 9)),
        ("extension", date(2026, 3, 1)),
        ("extension", date(2026, 3, 30)),
    )
    assert _one(found, "decision_8_weeks").due_on == date(2026, 6, 2)


def test_rules_without_extension_ignore_an_extension_step(catalog: Catalog) -> None:
    found = _deadlines(catalog, "wlz", ("applied", date(2026, 11, 16)), ("extension", date(2026, 11, 20)))
    wlz = _one(found, "wlz_decision")
    assert not wlz.extended
    assert wlz.due_on == date(2026, 12, 28)


def test_a_planned_extension_extends_nothing(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "social_assistance",
        ("applied", date(2026, 11, 2)),
        ("extension", date(2026, 12, 1), None, StepState.PLANNED),
    )
    assert not _one(found, "decision_8_weeks").extended


# --- states ---------------------------------------------------------------------------------------

WMO_APPLIED = ("applied", date(2026, 11, 16))  # wmo_decision due Monday 30 November


@pytest.mark.parametrize(
    ("today", "due_soon_days", "state"),
    [
        (date(2026, 11, 16), DUE_SOON_DAYS, DeadlineState.UPCOMING),
        (date(2026, 11, 22), DUE_SOON_DAYS, DeadlineState.UPCOMING),  # 8 days ahead
        (date(2026, 11, 23), DUE_SOON_DAYS, DeadlineState.DUE_SOON),  # 7 days ahead
        (date(2026, 11, 30), DUE_SOON_DAYS, DeadlineState.DUE_SOON),  # the last day itself
        (date(2026, 12, 1), DUE_SOON_DAYS, DeadlineState.PASSED),
        (date(2027, 6, 1), DUE_SOON_DAYS, DeadlineState.PASSED),
        (date(2026, 11, 16), 14, DeadlineState.DUE_SOON),
        (date(2026, 11, 15), 14, DeadlineState.UPCOMING),
        (date(2026, 11, 23), 3, DeadlineState.UPCOMING),
        (date(2026, 11, 27), 3, DeadlineState.DUE_SOON),
        (date(2026, 11, 29), 0, DeadlineState.UPCOMING),
        (date(2026, 11, 30), 0, DeadlineState.DUE_SOON),
    ],
)
def test_states_of_an_open_deadline(catalog: Catalog, today: date, due_soon_days: int, state: DeadlineState) -> None:
    deadline = _one(_deadlines(catalog, "wmo", WMO_APPLIED, today=today, due_soon_days=due_soon_days), "wmo_decision")
    assert deadline.state is state
    assert deadline.is_open
    assert not deadline.met_late


@pytest.mark.parametrize(
    ("decided", "late"),
    [(date(2026, 11, 16), False), (date(2026, 11, 30), False), (date(2026, 12, 1), True), (date(2027, 3, 1), True)],
)
def test_met_on_time_or_late(catalog: Catalog, decided: date, late: bool) -> None:
    found = _deadlines(catalog, "wmo", WMO_APPLIED, ("decision", decided, G), today=date(2027, 6, 1))
    deadline = _one(found, "wmo_decision")
    assert deadline.state is DeadlineState.MET
    assert not deadline.is_open
    assert deadline.met_on == decided
    assert deadline.met_late is late
    assert deadline.advice == ""


def test_deadline_state_function() -> None:
    due = date(2026, 11, 30)
    assert deadline_state(due, None, date(2026, 11, 22)) is DeadlineState.UPCOMING
    assert deadline_state(due, None, date(2026, 11, 23)) is DeadlineState.DUE_SOON
    assert deadline_state(due, None, due) is DeadlineState.DUE_SOON
    assert deadline_state(due, None, date(2026, 12, 1)) is DeadlineState.PASSED
    assert deadline_state(due, date(2027, 1, 1), date(2027, 2, 1)) is DeadlineState.MET
    assert deadline_state(due, None, date(2026, 11, 1), due_soon_days=29) is DeadlineState.DUE_SOON
    assert deadline_state(due, None, date(2026, 11, 1), due_soon_days=28) is DeadlineState.UPCOMING
    assert DUE_SOON_DAYS == 7


# --- advice ----------------------------------------------------------------------------------------


def test_advice_is_empty_until_passed_then_notice_of_default_for_an_authority_rule(catalog: Catalog) -> None:
    rule = next(rule for rule in catalog.routes.rules if rule.code == "wmo_decision")
    assert rule.advice == "" and rule.actor is Actor.AUTHORITY
    for today in (date(2026, 11, 16), date(2026, 11, 30)):
        assert _one(_deadlines(catalog, "wmo", WMO_APPLIED, today=today), "wmo_decision").advice == ""
    passed = _one(_deadlines(catalog, "wmo", WMO_APPLIED, today=date(2026, 12, 1)), "wmo_decision")
    assert passed.advice == NOTICE_OF_DEFAULT
    assert "ingebrekestelling" in NOTICE_OF_DEFAULT
    assert "4:17" in NOTICE_OF_DEFAULT
    assert "twee weken" in NOTICE_OF_DEFAULT


@pytest.mark.parametrize(
    ("rule_code", "kind", "steps"),
    [
        ("objection_term", "objection", (("decision", date(2026, 2, 23), R),)),
        ("wmo_personal_plan", "wmo", (("reported", date(2026, 9, 7)),)),
        ("penalty", "wmo", (("notice_of_default", date(2026, 9, 7)),)),
        ("debt_first_conversation", "debt_counselling", (("applied", date(2026, 9, 7)),)),
    ],
)
def test_passed_deadline_gives_the_rules_own_advice(
    catalog: Catalog, rule_code: str, kind: str, steps: tuple[StepSpec, ...]
) -> None:
    deadline = _one(_deadlines(catalog, kind, *steps), rule_code)
    assert deadline.state is DeadlineState.PASSED
    assert deadline.rule.advice
    assert deadline.advice == deadline.rule.advice
    assert deadline.advice != NOTICE_OF_DEFAULT


def test_resident_rule_without_advice_gives_none(catalog: Catalog) -> None:
    rule = next(rule for rule in catalog.routes.rules if rule.code == "objection_term")
    silent = replace(rule, advice="")
    deadline = Deadline(
        rule=silent,
        started_on=date(2026, 1, 5),
        term_end=date(2026, 2, 16),
        due_on=date(2026, 2, 16),
        extended=False,
        met_on=None,
        state=DeadlineState.PASSED,
    )
    assert deadline.advice == ""
    assert replace(deadline, rule=replace(silent, actor=Actor.AUTHORITY)).advice == NOTICE_OF_DEFAULT
    assert replace(deadline, state=DeadlineState.DUE_SOON, rule=replace(silent, actor=Actor.AUTHORITY)).advice == ""


# --- what starts a term and what ends it ---------------------------------------------------------


def test_withdrawn_route_drops_its_open_deadlines_and_keeps_the_met_ones(catalog: Catalog) -> None:
    steps = (
        ("reported", date(2026, 9, 7)),
        ("report", date(2026, 10, 1)),
        ("applied", date(2026, 10, 5)),
    )
    running = _deadlines(catalog, "wmo", *steps)
    assert _codes(running) == ["wmo_personal_plan", "wmo_decision", "wmo_investigation"]  # same day: by code
    withdrawn = _deadlines(catalog, "wmo", *steps, ("withdrawn", date(2026, 10, 12)))
    assert _codes(withdrawn) == ["wmo_investigation"]
    assert withdrawn[0].state is DeadlineState.MET


def test_withdrawn_application_has_no_deadline_left(catalog: Catalog) -> None:
    found = _deadlines(catalog, "social_assistance", ("applied", date(2026, 10, 5)), ("withdrawn", date(2026, 10, 20)))
    assert found == ()


def test_a_planned_withdrawal_withdraws_nothing(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "social_assistance",
        ("applied", date(2026, 10, 5)),
        ("withdrawn", date(2026, 12, 1), None, StepState.PLANNED),
    )
    assert _codes(found) == ["advance", "decision_8_weeks"]


def test_a_step_marked_not_needed_drops_its_deadline(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "wmo",
        ("reported", date(2026, 11, 16)),
        ("personal_plan", date(2026, 11, 17), None, StepState.NOT_NEEDED),
    )
    assert _codes(found) == ["wmo_investigation"]


def test_a_step_not_needed_before_the_term_started_drops_nothing(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "wmo",
        ("personal_plan", date(2026, 9, 1), None, StepState.NOT_NEEDED),
        ("reported", date(2026, 11, 16)),
    )
    assert _codes(found) == ["wmo_personal_plan", "wmo_investigation"]


def test_objection_not_needed_drops_the_objection_term(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "social_assistance",
        ("applied", date(2026, 10, 1)),
        ("decision", date(2026, 11, 2), P),
        ("objection", date(2026, 11, 3), None, StepState.NOT_NEEDED),
    )
    assert _codes(found) == ["advance", "decision_8_weeks"]


@pytest.mark.parametrize("state", [StepState.PLANNED, StepState.MISSED, StepState.NOT_NEEDED])
def test_steps_not_done_start_nothing(catalog: Catalog, state: StepState) -> None:
    assert _deadlines(catalog, "wmo", ("reported", date(2026, 11, 16), None, state)) == ()
    assert _deadlines(catalog, "objection", ("decision", date(2026, 11, 16), R, state)) == ()
    assert _deadlines(catalog, "complaint", ("complaint", date(2026, 11, 16), None, state)) == ()


@pytest.mark.parametrize("state", [StepState.PLANNED, StepState.MISSED])
def test_steps_not_done_meet_nothing(catalog: Catalog, state: StepState) -> None:
    found = _deadlines(catalog, "wmo", WMO_APPLIED, ("decision", date(2026, 11, 25), G, state))
    deadline = _one(found, "wmo_decision")
    assert deadline.met_on is None
    assert deadline.state is DeadlineState.DUE_SOON


def test_the_newest_trigger_step_wins(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "wmo",
        ("applied", date(2026, 9, 1)),
        ("decision", date(2026, 9, 10), R),
        ("applied", date(2026, 11, 16)),
    )
    wmo = _one(found, "wmo_decision")
    assert wmo.started_on == date(2026, 11, 16)
    assert wmo.met_on is None  # the decision on the first application does not meet the second
    assert wmo.state is DeadlineState.DUE_SOON


def test_the_newest_refusal_starts_the_objection_term(catalog: Catalog) -> None:
    found = _deadlines(catalog, "objection", ("decision", date(2026, 6, 1), R), ("decision", date(2026, 11, 2), R))
    assert _one(found, "objection_term").started_on == date(2026, 11, 2)


def test_a_newer_granted_decision_ends_the_objection_term_of_an_older_refusal(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "social_assistance",
        ("applied", date(2026, 5, 4)),
        ("decision", date(2026, 6, 1), R),
        ("applied", date(2026, 6, 10)),
        ("decision", date(2026, 7, 1), G),
    )
    assert "objection_term" not in _codes(found)


def test_same_day_steps_count_in_the_order_entered(catalog: Catalog) -> None:
    found = _deadlines(catalog, "wmo", ("applied", date(2026, 11, 16)), ("decision", date(2026, 11, 16), G))
    assert _one(found, "wmo_decision").met_on == date(2026, 11, 16)


def test_deadlines_come_soonest_first(catalog: Catalog) -> None:
    found = _deadlines(
        catalog,
        "objection",
        ("decision", date(2026, 6, 1), R),
        ("objection", date(2026, 6, 20)),
        ("notice_of_default", date(2026, 9, 1)),
    )
    assert _codes(found) == ["objection_term", "objection_decision", "penalty"]
    assert [d.due_on for d in found] == sorted(d.due_on for d in found)


def test_moved_by_atw(catalog: Catalog) -> None:
    moved = _one(_deadlines(catalog, "objection", ("decision", date(2026, 2, 23), R)), "objection_term")
    assert moved.moved_by_atw
    assert catalog.routes.days_off.holiday_name(moved.term_end) == "Tweede Paasdag"
    same = _one(_deadlines(catalog, "objection", ("decision", date(2026, 6, 1), R)), "objection_term")
    assert not same.moved_by_atw


def test_catalog_decree_days_move_a_deadline(catalog: Catalog) -> None:
    """Atw art. 3 lid 3: Friday 15 May 2026 is equal to a holiday by decree."""
    plain = replace(catalog.routes, decrees=())
    steps = (("applied", date(2026, 4, 30)),)
    without = _one(_deadlines(plain, "wlz", *steps, circumstances=("special",)), "wlz_decision_special")
    shipped = _one(_deadlines(catalog, "wlz", *steps, circumstances=("special",)), "wlz_decision_special")
    assert without.due_on == date(2026, 5, 15)
    assert shipped.due_on == date(2026, 5, 18)


def test_a_one_working_day_term_is_not_lengthened_by_atw_art_2(catalog: Catalog) -> None:
    from clientsteun.domain.terms import Term

    urgent = next(rule for rule in catalog.routes.rules if rule.code == "debt_first_conversation_urgent")
    routes = replace(catalog.routes, rules=(replace(urgent, term=Term.parse("1 werkdag")),))
    deadline = _one(
        _deadlines(routes, "debt_counselling", ("applied", date(2026, 11, 20)), circumstances=("threat",)),
        "debt_first_conversation_urgent",
    )
    assert deadline.term_end == date(2026, 11, 23)
    assert deadline.due_on == date(2026, 11, 23)


# --- the route as a whole ---------------------------------------------------------------------------


def test_view_route_gives_progress_and_the_next_open_deadline(catalog: Catalog) -> None:
    steps = _steps(
        ("reported", date(2026, 9, 7)),
        ("report", date(2026, 10, 1)),
        ("applied", date(2026, 11, 2)),
    )
    route = Route(1, RouteInput(1, "wmo", "Traplift"), steps, (), {}, ())
    view = view_route(route, catalog.routes, TODAY)
    assert view.progress.status is RouteStatus.RUNNING
    assert [d.rule.code for d in view.deadlines] == ["wmo_personal_plan", "wmo_investigation", "wmo_decision"]
    assert [d.rule.code for d in view.open_deadlines] == ["wmo_personal_plan", "wmo_decision"]
    assert view.next_deadline is not None
    assert view.next_deadline.rule.code == "wmo_personal_plan"  # passed: the most urgent
    assert view.next_deadline.state is DeadlineState.PASSED
    decided = replace(route, steps=(*steps, Step(9, StepInput(1, date(2026, 11, 10), "decision", outcome=G))))
    done = view_route(decided, catalog.routes, TODAY)
    assert done.progress.status is RouteStatus.DECIDED
    assert done.progress.outcome is G
    assert [d.rule.code for d in done.open_deadlines] == ["wmo_personal_plan"]


def test_view_route_uses_the_routes_circumstances(catalog: Catalog) -> None:
    route = Route(
        1,
        RouteInput(1, "debt_counselling", "Schuldhulp", circumstances=("threat",)),
        _steps(("applied", date(2026, 11, 20))),
        (),
        {},
        (),
    )
    view = view_route(route, catalog.routes, TODAY, due_soon_days=1)
    assert view.next_deadline is not None
    assert view.next_deadline.rule.code == "debt_first_conversation_urgent"
    assert view.next_deadline.due_on == date(2026, 11, 25)
    assert view.next_deadline.state is DeadlineState.UPCOMING


# --- properties over every rule --------------------------------------------------------------------


def _trigger(routes: RouteCatalog, rule: DeadlineRule, on: date) -> tuple[str, set[str], list[StepSpec]]:
    """A route kind, circumstances and steps on ``on`` that start ``rule``."""
    if rule.after_rule:
        parent = next(r for r in routes.rules if r.code == rule.after_rule)
        kind, circumstances, steps = _trigger(routes, parent, on)
    else:
        outcome = rule.outcomes[0] if rule.outcomes else None
        if outcome is None and routes.step_kinds[rule.after_step].decision:
            outcome = G
        kind, circumstances, steps = "objection", set(), [(rule.after_step, on, outcome)]
    if rule.kinds:
        kind = rule.kinds[0]
    if rule.when:
        circumstances.add(rule.when)
    steps += [(code, on) for code in rule.requires[:1]]
    return kind, circumstances, steps


@settings(max_examples=200, deadline=None)
@given(st.data(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_every_rule_ends_after_its_start_and_not_on_a_free_day(catalog: Catalog, data: st.DataObject, on: date) -> None:
    routes = catalog.routes
    rule = data.draw(st.sampled_from(routes.rules))
    extend = data.draw(st.booleans()) and rule.extension is not None
    kind, circumstances, steps = _trigger(routes, rule, on)
    if extend:
        steps.append(("extension", on + timedelta(days=1)))
    deadline = _one(_deadlines(routes, kind, *steps, circumstances=tuple(circumstances), today=on), rule.code)
    assert deadline.started_on >= on
    assert deadline.due_on >= deadline.started_on + timedelta(days=1)
    assert deadline.due_on >= deadline.term_end > deadline.started_on
    assert deadline.extended is extend
    assert deadline.state is not DeadlineState.MET
    # Every shipped rule ends on a working day: a by-law term of no known municipality takes the reading
    # with the Atw, and a term extended past 12 weeks the reading of two terms, each under the Atw.
    assert not routes.days_off.is_free(deadline.due_on)
    assert (deadline.due_on - deadline.term_end).days <= 6


def test_a_refusal_on_an_other_route_starts_no_objection_term(catalog: Catalog) -> None:
    """A housing corporation's "no" is recorded as a decision on an "other" route; it is no Awb decision."""
    refused = ("decision", date(2026, 10, 1), R)
    assert _deadlines(catalog, "other", refused) == ()
    assert _codes(_deadlines(catalog, "objection", refused)) == ["objection_term"]


def test_a_step_on_a_route_that_belongs_to_this_one_meets_its_deadline(catalog: Catalog) -> None:
    own = _steps(("applied", date(2026, 8, 3)), ("decision", date(2026, 9, 1), R))
    lodged = Step(99, StepInput(2, date(2026, 10, 5), "objection"))
    term = _one(
        route_deadlines("housing_urgency", own, (), catalog.routes, TODAY, answering=[lodged]), "objection_term"
    )
    assert (term.state, term.met_on) == (DeadlineState.MET, date(2026, 10, 5))
    started = route_deadlines("housing_urgency", own[:1], (), catalog.routes, TODAY, answering=[lodged])
    assert "objection_term" not in _codes(started)  # steps elsewhere meet deadlines, they never start one
