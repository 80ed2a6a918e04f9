"""The deadline calculator as the app's dialog calls it: a rule, a date and what the rule asks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clientsteun.domain.calculator import COMMITTEE, TermQuestion, calculate, calculator_rules
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import Basis, DeadlineState
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.reckoning import NoteKind
from clientsteun.domain.route_catalog import MunicipalTerm, municipality_key
from clientsteun.domain.terms import Term

TODAY = date(2026, 11, 25)


def test_every_rule_is_offered_with_the_date_and_the_answers_it_needs(catalog: Catalog) -> None:
    offers = {offer.rule.code: offer for offer in calculator_rules(catalog.routes)}
    assert list(offers) == [rule.code for rule in catalog.routes.rules]
    decision = offers["objection_decision"]
    assert [r.code for r in decision.follows] == ["objection_term"]
    assert [c.code for c in decision.circumstances] == [COMMITTEE]
    assert (decision.asks_extension, decision.asks_municipality) == (True, False)
    assert decision.date_question() == "Besluit: de dag van verzending"
    assert (
        decision.date_question({"{step}: de dag van verzending": "{step}: sent on"}.__getitem__) == "Besluit: sent on"
    )
    assert offers["wmo_decision"].date_question() == "Aanvraag ingediend: de dag van ontvangst"
    assert offers["wmo_personal_plan"].date_question() == "Melding gedaan: de datum"
    assert offers["debt_decision"].asks_municipality and offers["urgency_decision"].asks_municipality
    assert [c.code for c in offers["wlz_decision_special"].circumstances] == ["special"]
    assert not any(offer.asks_extension for code, offer in offers.items() if "appeal" in code or "term" in code)


def test_the_asked_rule_comes_last_after_the_rules_it_follows(catalog: Catalog) -> None:
    question = TermQuestion("objection_decision", date(2026, 7, 10), frozenset({COMMITTEE}), extended=True)
    found = calculate(catalog.routes, question, TODAY)
    first, asked = found.deadlines
    assert found.asked is asked
    assert (first.rule.code, first.counted_from, first.due_on) == ("objection_term", Basis.SENT, date(2026, 8, 21))
    assert (asked.rule.code, asked.counted_from, asked.started_on) == (
        "objection_decision_committee", Basis.TERM_END, date(2026, 8, 21),
    )  # fmt: skip
    assert (asked.due_on, asked.extended, asked.state, asked.met_on) == (
        date(2026, 12, 28), True, DeadlineState.UPCOMING, None,
    )  # fmt: skip
    atw, reading, assumption = found.explanations[1]
    assert atw.render().startswith("De termijn eindigde op vrijdag 25 december 2026 (Eerste Kerstdag).")
    assert (reading.kind, assumption.kind) == (NoteKind.READING, NoteKind.ASSUMPTION)
    assert found.explanations[0] == ()


def test_choosing_the_version_with_its_circumstance_needs_no_circumstance(catalog: Catalog) -> None:
    found = calculate(catalog.routes, TermQuestion("objection_decision_committee", date(2026, 7, 10)), TODAY)
    assert found.asked.due_on == date(2026, 11, 13)  # 12 weeks after Friday 21 August
    plain = calculate(catalog.routes, TermQuestion("objection_decision", date(2026, 7, 10)), TODAY)
    assert (plain.asked.rule.code, plain.asked.due_on) == ("objection_decision", date(2026, 10, 2))


def test_the_municipality_chooses_a_by_law_term(catalog: Catalog) -> None:
    term = MunicipalTerm("debt_decision", "Voorbeeldstad", Term.parse("4 weken"))
    routes = replace(catalog.routes, municipal_terms={("debt_decision", municipality_key("Voorbeeldstad")): term})
    question = TermQuestion("debt_decision", date(2026, 9, 10), municipality="Voorbeeldstad")
    assert calculate(routes, question, TODAY).asked.due_on == date(2026, 10, 8)
    assert calculate(routes, replace(question, municipality=""), TODAY).asked.due_on == date(2026, 11, 5)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (TermQuestion("bezwaar", date(2026, 1, 5)), "Deze termijn staat niet in de catalogus."),
        (TermQuestion("objection_term", date(2026, 1, 5), frozenset({"spoed"})),
         "Deze omstandigheid staat niet in de catalogus."),
        (TermQuestion("appeal_term", date(2026, 1, 5), extended=True), "Deze termijn kan de instantie niet verdagen."),
        (TermQuestion("wlz_decision", date(2026, 1, 5), extended_until=date(2026, 3, 1)),
         "Deze termijn kan de instantie niet verdagen."),
        (TermQuestion("decision_8_weeks", date(2026, 1, 5), extended_until=date(2026, 1, 5)),
         "De datum in de brief moet na de eerste datum liggen."),
    ],
)  # fmt: skip
def test_questions_that_cannot_be_answered(catalog: Catalog, question: TermQuestion, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        calculate(catalog.routes, question, TODAY)
    assert caught.value.message == message
