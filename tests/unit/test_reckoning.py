"""Every legal date right (issue 11): the date a term counts from, decree days, a premature notice of
default, the authority's own date when it extends, suspension, agreed delay, terms per municipality,
and the safe reading where the law is doubtful, with the other reading said in a note."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import (
    BASIS_WORDS,
    NOTICE_OF_DEFAULT,
    Basis,
    Deadline,
    DeadlineState,
    atw_note,
    route_deadlines,
)
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.reckoning import Note, NoteKind
from clientsteun.domain.route_catalog import MunicipalTerm, RouteCatalog, municipality_key
from clientsteun.domain.routes import Outcome, Step, StepInput, StepState
from clientsteun.domain.terms import Term

TODAY = date(2026, 11, 23)
R = Outcome.REFUSED


def step(kind: str, on: date, outcome: Outcome | None = None, **fields: Any) -> StepInput:
    return StepInput(1, on, kind, StepState.DONE, outcome, **fields)


def deadlines(
    routes: RouteCatalog, kind: str, *steps: StepInput, today: date = TODAY, **options: Any
) -> dict[str, Deadline]:
    found = route_deadlines(kind, [Step(n, s) for n, s in enumerate(steps, 1)], (), routes, today, **options)
    return {d.rule.code: d for d in found}


def texts(deadline: Deadline, kind: NoteKind | None = None) -> list[str]:
    return [note.render() for note in deadline.notes if kind is None or note.kind is kind]


# --- the date a term counts from ------------------------------------------------------------------


def test_an_objection_term_counts_from_the_day_the_decision_was_sent(catalog: Catalog) -> None:
    """Awb 6:8: from the day after bekendmaking, that is after sending; the date on the letter is earlier."""
    sent = deadlines(catalog.routes, "objection", step("decision", date(2026, 6, 1), R, sent_on=date(2026, 6, 3)))
    term = sent["objection_term"]
    assert (term.started_on, term.counted_from, term.due_on) == (date(2026, 6, 3), Basis.SENT, date(2026, 7, 15))
    dated = deadlines(catalog.routes, "objection", step("decision", date(2026, 6, 1), R))["objection_term"]
    assert (dated.started_on, dated.counted_from, dated.due_on) == (
        date(2026, 6, 1),
        Basis.LETTER_DATE,
        date(2026, 7, 13),
    )
    received = step("decision", date(2026, 6, 1), R, received_on=date(2026, 6, 5))  # receipt does not count
    assert deadlines(catalog.routes, "objection", received)["objection_term"].due_on == date(2026, 7, 13)


def test_an_application_counts_from_receipt_and_by_post_two_working_days_after_sending(catalog: Catalog) -> None:
    """Awb 4:13: from receipt. Unknown receipt of a letter sent by post: two working days, said as an assumption."""
    received = step("applied", date(2026, 10, 1), received_on=date(2026, 10, 6))
    term = deadlines(catalog.routes, "special_assistance", received)["decision_8_weeks"]
    assert (term.started_on, term.counted_from, term.due_on) == (date(2026, 10, 6), Basis.RECEIVED, date(2026, 12, 1))
    assert term.notes == ()

    posted = step("applied", date(2026, 10, 1), sent_on=date(2026, 10, 2))  # a Friday: received Tuesday 6 October
    term = deadlines(catalog.routes, "special_assistance", posted)["decision_8_weeks"]
    assert (term.started_on, term.counted_from, term.due_on) == (
        date(2026, 10, 6), Basis.RECEIVED_ASSUMED, date(2026, 12, 1),
    )  # fmt: skip
    (note,) = term.notes
    assert note.kind is NoteKind.ASSUMPTION
    assert note.render() == (
        "Ontvangst niet ingevuld: aangenomen dat de brief, verstuurd op vrijdag 2 oktober 2026, op dinsdag "
        "6 oktober 2026 is ontvangen (twee werkdagen na verzending per post). Vul de ontvangstdatum in als die "
        "anders is."
    )

    handed_in = deadlines(catalog.routes, "special_assistance", step("applied", date(2026, 10, 1)))["decision_8_weeks"]
    assert (handed_in.started_on, handed_in.counted_from, handed_in.notes) == (date(2026, 10, 1), Basis.STEP_DATE, ())


def test_the_residents_own_term_after_their_melding_counts_from_the_step(catalog: Catalog) -> None:
    """Wmo 2.3.2 lid 2: seven days after the melding; a later sending or receipt never makes it later."""
    melding = step("reported", date(2026, 11, 16), sent_on=date(2026, 11, 17), received_on=date(2026, 11, 19))
    found = deadlines(catalog.routes, "wmo", melding)
    plan, investigation = found["wmo_personal_plan"], found["wmo_investigation"]
    assert (plan.started_on, plan.counted_from, plan.due_on) == (
        date(2026, 11, 16),
        Basis.STEP_DATE,
        date(2026, 11, 23),
    )
    assert (investigation.started_on, investigation.counted_from) == (date(2026, 11, 19), Basis.RECEIVED)


def test_every_basis_has_dutch_words() -> None:
    assert set(BASIS_WORDS) == set(Basis)
    assert BASIS_WORDS[Basis.RECEIVED_ASSUMED] == "de aangenomen ontvangstdatum"


# --- days equal to holidays by decree (Atw art. 3 lid 3) ---------------------------------------------


def test_the_issues_example_objection_until_monday_10_may_2027(catalog: Catalog) -> None:
    term = deadlines(catalog.routes, "objection", step("decision", date(2027, 3, 25), R))["objection_term"]
    assert (term.term_end, term.due_on) == (date(2027, 5, 6), date(2027, 5, 10))  # not Friday 7 May
    moved = atw_note(term, catalog.routes.days_off)
    assert moved is not None and moved.render() == (
        "De termijn eindigde op donderdag 6 mei 2027 (Hemelvaartsdag). Volgens de Algemene termijnenwet schuift "
        "de datum op naar maandag 10 mei 2027."
    )
    # The decree is not yet compared with its published text: the resident's safe date is said too.
    assert texts(term, NoteKind.CHECK) == [
        "Deze datum telt vrijdag 7 mei 2027 als feestdag (gelijkgesteld bij besluit; nog niet gecontroleerd). "
        "Wie zeker wil zijn, handelt uiterlijk vrijdag 7 mei 2027."
    ]


def test_a_checked_decree_needs_no_safe_date_and_an_authoritys_term_none_at_all(catalog: Catalog) -> None:
    checked = replace(catalog.routes, decrees=tuple(replace(d, checked=True) for d in catalog.routes.decrees))
    term = deadlines(checked, "objection", step("decision", date(2027, 3, 25), R))["objection_term"]
    assert (term.due_on, term.notes) == (date(2027, 5, 10), ())
    wlz = deadlines(catalog.routes, "wlz", step("applied", date(2027, 3, 25)))["wlz_decision"]
    assert (wlz.due_on, wlz.notes) == (date(2027, 5, 10), ())  # the later date is the safe one already


def test_a_decree_day_does_not_count_as_a_working_day_for_the_wgs_and_the_other_reading_is_said(
    catalog: Catalog,
) -> None:
    """Wgs art. 4 lid 2: 3 working days; the Wgs does not say whether a decree day is one. Authority: later."""
    applied = step("applied", date(2026, 5, 13))  # Ascension Thursday 14 May, Friday 15 May by decree
    found = route_deadlines("debt_counselling", [Step(1, applied)], ("threat",), catalog.routes, TODAY)
    (urgent,) = (d for d in found if d.rule.code == "debt_first_conversation_urgent")
    assert urgent.due_on == date(2026, 5, 20)
    (reading,) = [note for note in urgent.notes if note.kind is NoteKind.READING]
    assert reading.render() == (
        "Telt een dag die bij besluit met een feestdag is gelijkgesteld toch als werkdag (de wet zegt het niet), "
        "dan is het dinsdag 19 mei 2026. Hier staat de latere datum: een ingebrekestelling die te vroeg komt, telt "
        "niet (Awb art. 4:17)."
    )


# --- a notice of default sent too early (Awb 4:17 lid 3) --------------------------------------------

APPLIED_1_SEPTEMBER = step("applied", date(2026, 9, 1))  # 8 weeks: Tuesday 27 October 2026


def test_the_issues_example_a_premature_notice_starts_no_penalty(catalog: Catalog) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_1_SEPTEMBER, step("notice_of_default", date(2026, 9, 10))
    )
    assert set(found) == {"decision_8_weeks"}  # no penalty deadline of 24 September
    term = found["decision_8_weeks"]
    assert (term.due_on, term.notice_works_from) == (date(2026, 10, 27), date(2026, 10, 28))
    assert term.state is DeadlineState.PASSED and term.advice == NOTICE_OF_DEFAULT  # a new notice is the way
    assert texts(term, NoteKind.PREMATURE) == [
        "De ingebrekestelling van donderdag 10 september 2026 kwam te vroeg: de termijn liep nog tot en met "
        "dinsdag 27 oktober 2026. Een ingebrekestelling telt pas als de instantie haar na afloop van de termijn "
        "ontvangt, dus op of na woensdag 28 oktober 2026. Er is daarom geen dwangsom; stuur zo nodig een nieuwe "
        "(Awb art. 4:17 lid 3)."
    ]


@pytest.mark.parametrize(
    ("notice", "penalty_due"),
    [
        (step("notice_of_default", date(2026, 10, 27)), None),  # the last day of the term: still too early
        (step("notice_of_default", date(2026, 10, 26), sent_on=date(2026, 10, 26)), None),  # might arrive on time
        (step("notice_of_default", date(2026, 10, 28)), date(2026, 11, 11)),
        (step("notice_of_default", date(2026, 10, 26), received_on=date(2026, 10, 28)), date(2026, 11, 11)),
        # A notice by post whose receipt is not filled in: the penalty term runs from the assumed receipt.
        (step("notice_of_default", date(2026, 10, 28), sent_on=date(2026, 10, 28)), date(2026, 11, 13)),
    ],
)
def test_a_notice_works_when_received_after_the_term_passed(
    catalog: Catalog, notice: StepInput, penalty_due: date | None
) -> None:
    found = deadlines(catalog.routes, "special_assistance", APPLIED_1_SEPTEMBER, notice)
    if penalty_due is None:
        assert "penalty" not in found
        assert found["decision_8_weeks"].notice_works_from == date(2026, 10, 28)
    else:
        assert found["penalty"].due_on == penalty_due
        assert found["decision_8_weeks"].notice_works_from is None
        assert texts(found["decision_8_weeks"], NoteKind.PREMATURE) == []


def test_a_new_notice_after_a_premature_one_starts_the_penalty(catalog: Catalog) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_1_SEPTEMBER,
        step("notice_of_default", date(2026, 9, 10)), step("notice_of_default", date(2026, 11, 2)),
    )  # fmt: skip
    assert found["penalty"].due_on == date(2026, 11, 16)
    assert found["decision_8_weeks"].notice_works_from is None


def test_a_notice_after_the_decision_was_given_starts_nothing(catalog: Catalog) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_1_SEPTEMBER,
        step("decision", date(2026, 10, 20), Outcome.GRANTED), step("notice_of_default", date(2026, 11, 2)),
    )  # fmt: skip
    assert set(found) == {"decision_8_weeks"}


def test_a_notice_on_a_route_without_a_decision_term_starts_the_penalty_as_before(catalog: Catalog) -> None:
    found = deadlines(catalog.routes, "other", step("notice_of_default", date(2026, 11, 2)))
    assert found["penalty"].due_on == date(2026, 11, 16)


def test_a_premature_notice_on_the_decision_on_an_objection(catalog: Catalog) -> None:
    """The decision on the objection is due 6 weeks after the objection term: 24 August 2026."""
    found = deadlines(
        catalog.routes, "objection", step("decision", date(2026, 6, 1), R), step("objection", date(2026, 6, 20)),
        step("notice_of_default", date(2026, 8, 1)),
    )  # fmt: skip
    assert "penalty" not in found
    assert found["objection_decision"].notice_works_from == date(2026, 8, 25)


# --- the authority extends its term (Awb 4:14, 7:10 lid 3, 9:11 lid 2) --------------------------------


def test_the_date_the_extension_letter_names_is_the_new_date(catalog: Catalog) -> None:
    applied = step("applied", date(2026, 2, 9))  # due Tuesday 7 April
    named = deadlines(
        catalog.routes, "social_assistance", applied, step("extension", date(2026, 3, 30), new_due_on=date(2026, 5, 20))
    )
    term = named["decision_8_weeks"]
    assert (term.extended, term.term_end, term.due_on) == (True, date(2026, 5, 20), date(2026, 5, 20))
    assert texts(term) == ["Verdaagd: de brief van de instantie noemt woensdag 20 mei 2026."]


def test_a_named_date_on_a_free_day_runs_on_to_the_next_working_day(catalog: Catalog) -> None:
    applied = step("applied", date(2026, 2, 9))
    named = deadlines(
        catalog.routes, "social_assistance", applied, step("extension", date(2026, 3, 30), new_due_on=date(2026, 5, 15))
    )
    term = named["decision_8_weeks"]
    assert (term.term_end, term.due_on) == (date(2026, 5, 15), date(2026, 5, 18))
    assert texts(term, NoteKind.READING) == [
        "De brief noemt vrijdag 15 mei 2026, een vrije dag. Of de datum dan opschuift naar maandag 18 mei 2026, "
        "zegt de wet niet. Hier staat de latere datum: een ingebrekestelling die te vroeg komt, telt niet "
        "(Awb art. 4:17)."
    ]


def test_without_a_named_date_the_rules_extension_is_only_a_suggestion_and_says_so(catalog: Catalog) -> None:
    found = deadlines(catalog.routes, "wmo", step("applied", date(2026, 11, 16)), step("extension", date(2026, 11, 20)))
    term = found["wmo_decision"]
    assert (term.extended, term.due_on) == (True, date(2026, 12, 14))
    assert texts(term, NoteKind.ASSUMPTION) == [
        "Verdaagd zonder datum: gerekend met 2 weken extra. Dat is alleen een schatting; de instantie noemt zelf "
        "een redelijke termijn (Awb art. 4:14). Vul de datum uit de brief in."
    ]


def test_the_issues_example_a_statutory_term_and_its_extension_past_12_weeks(catalog: Catalog) -> None:
    """Awb 7:10: decision sent 10 July 2026, a committee (12 weeks) and an extension (6 weeks)."""
    steps = (
        step("decision", date(2026, 7, 10), R),
        step("objection", date(2026, 8, 1)),
        step("extension", date(2026, 11, 2)),
    )
    found = route_deadlines(
        "objection", [Step(n, s) for n, s in enumerate(steps, 1)], ("committee",), catalog.routes, TODAY
    )
    (term,) = (d for d in found if d.rule.code == "objection_decision_committee")
    assert (term.started_on, term.due_on) == (date(2026, 8, 21), date(2026, 12, 28))
    assert texts(term) == [
        "Leest men termijn en verdaging als één termijn van 18 weken, dan geldt de Algemene termijnenwet niet en is "
        "het vrijdag 25 december 2026. Hier staat de latere datum: een ingebrekestelling die te vroeg komt, telt "
        "niet (Awb art. 4:17).",
        "Verdaagd: gerekend met de langste verdaging die de wet toestaat, 6 weken. Noemt de brief een eerdere "
        "datum, vul die dan in.",
    ]


def test_a_named_date_past_what_the_law_allows_counts_as_the_longest_the_law_allows(catalog: Catalog) -> None:
    steps = (step("decision", date(2026, 6, 1), R), step("objection", date(2026, 6, 20)))  # 6 + 6 weeks: 5 October
    later = deadlines(
        catalog.routes, "objection", *steps, step("extension", date(2026, 8, 10), new_due_on=date(2026, 10, 30))
    )
    assert later["objection_decision"].due_on == date(2026, 10, 5)
    assert texts(later["objection_decision"], NoteKind.COURSE) == [
        "De brief noemt vrijdag 30 oktober 2026, later dan de wet toestaat. De wet gaat voor: uiterlijk "
        "maandag 5 oktober 2026."
    ]
    earlier = deadlines(
        catalog.routes, "objection", *steps, step("extension", date(2026, 8, 10), new_due_on=date(2026, 9, 21))
    )
    assert earlier["objection_decision"].due_on == date(2026, 9, 21)


def test_a_letter_that_names_a_date_but_comes_too_late_extends_nothing(catalog: Catalog) -> None:
    late = step("extension", date(2026, 4, 8), new_due_on=date(2026, 6, 1))  # the term ended on 7 April
    found = deadlines(catalog.routes, "social_assistance", step("applied", date(2026, 2, 9)), late)
    assert (found["decision_8_weeks"].extended, found["decision_8_weeks"].due_on) == (False, date(2026, 4, 7))


# --- suspension (Awb 4:15, 7:10 lid 2) and delay agreed with the resident (7:10 lid 4, 9:11 lid 3) ------


APPLIED_2_NOVEMBER = step("applied", date(2026, 11, 2))  # 8 weeks: Monday 28 December 2026


def test_waiting_for_requested_information_suspends_the_term(catalog: Catalog) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_2_NOVEMBER,
        step("info_requested", date(2026, 11, 9)), step("info_supplied", date(2026, 11, 19)),
    )  # fmt: skip
    term = found["decision_8_weeks"]
    assert (term.suspended_days, term.due_on) == (10, date(2027, 1, 7))
    assert texts(term) == [
        "De instantie vroeg op maandag 9 november 2026 om informatie: de termijn stond 10 dagen stil (Awb art. 4:15)."
    ]


def test_information_sent_by_post_counts_from_its_assumed_receipt(catalog: Catalog) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_2_NOVEMBER,
        step("info_requested", date(2026, 11, 9)),
        step("info_supplied", date(2026, 11, 19), sent_on=date(2026, 11, 19)),
    )  # fmt: skip
    assert (found["decision_8_weeks"].suspended_days, found["decision_8_weeks"].due_on) == (14, date(2027, 1, 11))


@pytest.mark.parametrize(
    ("today", "days", "due"),
    [(date(2026, 11, 23), 14, date(2027, 1, 11)), (date(2026, 11, 30), 21, date(2027, 1, 18))],
)
def test_while_the_information_is_not_there_the_date_moves_on_every_day(
    catalog: Catalog, today: date, days: int, due: date
) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_2_NOVEMBER, step("info_requested", date(2026, 11, 9)), today=today
    )
    term = found["decision_8_weeks"]
    assert (term.suspended_days, term.due_on) == (days, due)
    assert [note.kind for note in term.notes] == [NoteKind.COURSE]
    assert "wacht daar nog op (Awb art. 4:15)" in texts(term)[0]


def test_a_reply_by_date_that_passed_unused_ends_the_suspension(catalog: Catalog) -> None:
    asked = step("info_requested", date(2026, 11, 9), new_due_on=date(2026, 11, 16))
    found = deadlines(catalog.routes, "special_assistance", APPLIED_2_NOVEMBER, asked)
    assert (found["decision_8_weeks"].suspended_days, found["decision_8_weeks"].due_on) == (7, date(2027, 1, 4))


def test_a_request_after_the_term_passed_or_for_a_rule_without_suspension_changes_nothing(catalog: Catalog) -> None:
    late = deadlines(
        catalog.routes, "special_assistance", APPLIED_2_NOVEMBER,
        step("info_requested", date(2026, 12, 29)), step("info_supplied", date(2027, 1, 5)), today=date(2027, 2, 1),
    )  # fmt: skip
    assert (late["decision_8_weeks"].suspended_days, late["decision_8_weeks"].due_on) == (0, date(2026, 12, 28))
    complaint = deadlines(
        catalog.routes, "complaint", step("complaint", date(2026, 11, 2)),
        step("info_requested", date(2026, 11, 9)), step("info_supplied", date(2026, 11, 19)),
    )  # fmt: skip
    assert complaint["complaint_handling"].due_on == date(2026, 12, 14)


def test_the_decision_on_an_objection_waits_for_the_repair_of_the_objection(catalog: Catalog) -> None:
    """Awb 7:10 lid 2: suspended while the resident is asked to complete the objection (a pro-forma objection)."""
    found = deadlines(
        catalog.routes, "objection", step("decision", date(2026, 6, 1), R), step("objection", date(2026, 6, 20)),
        step("info_requested", date(2026, 7, 1)), step("info_supplied", date(2026, 7, 15)),
    )  # fmt: skip
    term = found["objection_decision"]
    assert (term.suspended_days, term.due_on) == (14, date(2026, 9, 7))
    assert "(Awb art. 7:10 lid 2)" in texts(term)[0]


@pytest.mark.parametrize(
    ("kind", "steps", "code", "due", "law"),
    [
        ("objection", (step("decision", date(2026, 6, 1), R), step("objection", date(2026, 6, 20))),
         "objection_decision", date(2026, 11, 2), "Awb art. 7:10 lid 4"),
        ("complaint", (step("complaint", date(2026, 8, 3)),), "complaint_handling", date(2026, 11, 2),
         "Awb art. 9:11 lid 3"),
    ],
)  # fmt: skip
def test_a_later_date_agreed_with_the_resident(
    catalog: Catalog, kind: str, steps: tuple[StepInput, ...], code: str, due: date, law: str
) -> None:
    found = deadlines(
        catalog.routes, kind, *steps, step("delay_agreed", date(2026, 9, 1), new_due_on=date(2026, 11, 2))
    )
    assert found[code].due_on == due
    assert texts(found[code]) == [f"De inwoner stemde in met uitstel tot maandag 2 november 2026 ({law})."]


def test_agreed_delay_is_not_possible_for_a_term_the_law_gives_no_consent_for(catalog: Catalog) -> None:
    found = deadlines(
        catalog.routes, "special_assistance", APPLIED_2_NOVEMBER,
        step("delay_agreed", date(2026, 11, 10), new_due_on=date(2027, 3, 1)),
    )  # fmt: skip
    assert found["decision_8_weeks"].due_on == date(2026, 12, 28)


# --- terms per municipality (a by-law) ------------------------------------------------------------


def with_municipal(catalog: Catalog, *terms: MunicipalTerm) -> RouteCatalog:
    return replace(catalog.routes, municipal_terms={(t.rule, municipality_key(t.municipality)): t for t in terms})


def test_a_by_law_term_without_the_municipalitys_value_is_marked_to_check(catalog: Catalog) -> None:
    term = deadlines(catalog.routes, "housing_urgency", step("applied", date(2026, 9, 5)))["urgency_decision"]
    assert (term.term_end, term.due_on) == (date(2026, 10, 31), date(2026, 11, 2))
    assert texts(term) == [
        "Deze termijn staat in een verordening van de gemeente en verschilt per gemeente. Gerekend met 8 weken: "
        "controleer de verordening.",
        "Staat de termijn in de verordening zelf, dan geldt de Algemene termijnenwet niet en is het zaterdag "
        "31 oktober 2026. Hier staat de latere datum: een ingebrekestelling die te vroeg komt, telt niet "
        "(Awb art. 4:17).",
    ]


def test_the_routes_municipality_chooses_its_by_law_term(catalog: Catalog) -> None:
    routes = with_municipal(
        catalog,
        MunicipalTerm("urgency_decision", "Voorbeeldstad", Term.parse("10 weken"), "Huisvestingsverordening, art. 2"),
        MunicipalTerm("debt_decision", "Voorbeeldstad", Term.parse("6 weken"), atw=True),
    )
    applied = step("applied", date(2026, 9, 5))
    term = deadlines(routes, "housing_urgency", applied, municipality="voorbeeldstad")["urgency_decision"]
    assert (term.term_end, term.due_on) == (date(2026, 11, 14), date(2026, 11, 14))  # a Saturday: no Atw
    assert texts(term) == ["Termijn van de gemeente Voorbeeldstad: Huisvestingsverordening, art. 2."]
    debt = deadlines(routes, "debt_counselling", step("conversation", date(2026, 9, 12)), municipality="Voorbeeldstad")
    assert debt["debt_decision"].due_on == date(2026, 10, 26)  # 6 weeks end on Saturday 24 October; the Atw applies
    assert texts(debt["debt_decision"]) == [
        "Termijn van de gemeente Voorbeeldstad: Wgs, art. 4a lid 3, en de verordening van de gemeente."
    ]
    other = deadlines(routes, "housing_urgency", applied, municipality="Ander Dorp")["urgency_decision"]
    assert other.due_on == date(2026, 11, 2) and other.notes[0].kind is NoteKind.CHECK


# --- the step's dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"on": None}, "Vul de datum van de stap in."),
        ({"sent_on": date(2026, 11, 1)}, "De brief kan niet zijn verstuurd vóór de datum van de brief."),
        ({"received_on": date(2026, 11, 1)}, "De brief kan niet zijn ontvangen vóór hij is verstuurd of gedateerd."),
        ({"sent_on": date(2026, 11, 5), "received_on": date(2026, 11, 4)},
         "De brief kan niet zijn ontvangen vóór hij is verstuurd of gedateerd."),
        ({"new_due_on": date(2026, 11, 2)}, "De nieuwe datum in de brief moet na de datum van de stap liggen."),
        ({"on": date(2026, 11, 24)}, "Een stap die al is gebeurd, kan niet in de toekomst liggen. Kies ‘gepland’ of "
         "een andere datum."),
        ({"received_on": date(2026, 11, 24)}, "Een brief die al is verstuurd of ontvangen, kan dat niet in de "
         "toekomst zijn."),
    ],
)  # fmt: skip
def test_a_steps_dates_are_checked(fields: dict[str, Any], message: str) -> None:
    data = replace(step("extension", date(2026, 11, 2)), **fields)
    with pytest.raises(InvalidInput) as caught:
        data.validated(TODAY)
    assert caught.value.message == message


def test_a_planned_step_may_lie_ahead_and_dates_in_order_pass() -> None:
    planned = replace(step("hearing", date(2027, 1, 5)), state=StepState.PLANNED)
    assert planned.validated(TODAY) == planned
    letter = step("extension", date(2026, 11, 2), sent_on=date(2026, 11, 3), received_on=date(2026, 11, 5),
                  new_due_on=date(2027, 1, 15))  # fmt: skip
    assert letter.validated(TODAY) == letter
    assert step("decision", date(2027, 1, 5), R).validated().on == date(2027, 1, 5)  # no today: not checked


def test_a_note_renders_through_a_translation() -> None:
    note = Note(NoteKind.COURSE, "Tot {date} ({law}).", (("date", date(2026, 12, 28)), ("law", "Awb")), "Klaar.")
    assert note.render() == "Tot maandag 28 december 2026 (Awb). Klaar."
    english = {"Tot {date} ({law}).": "Until {date} ({law}).", "Klaar.": "Done."}
    assert note.render(english.__getitem__) == "Until maandag 28 december 2026 (Awb). Done."
