"""routes.toml: the shipped file loads and matches the domain brief; a broken copy names file, entry and problem."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import DOSSIER_FILE, Catalog, load_catalog
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.route_catalog import ROUTES_FILE
from clientsteun.domain.routes import Actor
from clientsteun.domain.terms import Term
from tests.helpers.catalogs import with_routes

SHIPPED = (paths.catalog_dir() / ROUTES_FILE).read_text(encoding="utf-8")
SHIPPED_DECREE_DAYS = frozenset(
    {date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26)}
)

# The route kinds of the table "Routes and their legal clocks" in DOMAIN.md, plus "other".
DOMAIN_KINDS = {
    "wmo",  # Wmo melding, persoonlijk plan and aanvraag
    "debt_counselling",
    "social_assistance",
    "special_assistance",
    "youth_care",
    "wlz",
    "housing_urgency",
    "objection",
    "appeal",
    "complaint",
    "other",
}


# --- the shipped file ----------------------------------------------------------------------------


def test_shipped_routes_load(catalog: Catalog) -> None:
    routes = catalog.routes
    assert routes.kinds and routes.step_kinds and routes.rules and routes.signal_themes and routes.documents
    for items in (routes.kinds, routes.signal_themes, tuple(routes.step_kinds.values()), routes.rules):
        codes = [item.code for item in items]
        assert len(codes) == len(set(codes))
        assert all(item.name.strip() for item in items)


def test_every_route_kind_of_the_domain_brief_exists(catalog: Catalog) -> None:
    kinds = {kind.code for kind in catalog.routes.kinds}
    assert kinds >= DOMAIN_KINDS
    assert all(kind.explanation.strip() for kind in catalog.routes.kinds)
    assert all(kind.law for kind in catalog.routes.kinds if kind.code != "other")


def test_route_kinds_refer_to_known_steps_documents_and_life_domains(catalog: Catalog) -> None:
    routes = catalog.routes
    life_domains = {domain.code for domain in catalog.life_domains}
    for kind in routes.kinds:
        assert kind.steps, kind.code
        assert set(kind.steps) <= set(routes.step_kinds)
        assert set(kind.documents) <= set(routes.documents)
        assert not kind.life_domain or kind.life_domain in life_domains


def test_urgency_checklist_has_the_documents_of_the_domain_brief(catalog: Catalog) -> None:
    urgency = catalog.routes.kind("housing_urgency")
    assert set(urgency.documents) == {
        "income_statement",
        "brp_extract",
        "landlord_statement",
        "identity",
        "divorce",
        "medical_statement",
        "house_seeker",
        "search_efforts",
    }


def test_step_kind_flags(catalog: Catalog) -> None:
    steps = catalog.routes.step_kinds
    assert {code for code, step in steps.items() if step.decision} == {
        "decision",
        "objection_decision",
        "court_ruling",
        "complaint_decision",
    }
    assert {code for code, step in steps.items() if step.ends} == {"withdrawn"}
    assert {code for code, step in steps.items() if step.extends} == {"extension"}
    assert {code for code, step in steps.items() if step.suspends} == {"info_requested"}
    assert {code for code, step in steps.items() if step.resumes} == {"info_supplied"}
    assert {code for code, step in steps.items() if step.consents} == {"delay_agreed"}


def test_rules_refer_only_to_earlier_rules(catalog: Catalog) -> None:
    seen: set[str] = set()
    for rule in catalog.routes.rules:
        assert bool(rule.after_step) != bool(rule.after_rule)
        assert not rule.after_rule or rule.after_rule in seen
        seen.add(rule.code)


def test_unknown_kind_shows_as_itself_without_rules(catalog: Catalog) -> None:
    routes = catalog.routes
    gone = routes.kind("no_longer_there")
    assert (gone.code, gone.name, gone.steps) == ("no_longer_there", "no_longer_there", ())
    assert routes.step_name("no_longer_there") == "no_longer_there"
    assert routes.step_name("decision") == "Besluit"
    assert routes.theme_name("circular") == "Voorwaarden van diensten sluiten elkaar uit"
    assert routes.theme_name("gone") == "gone"
    assert {rule.code for rule in routes.rules_for("no_longer_there")} == {
        rule.code for rule in routes.rules if not rule.kinds
    }


def test_circumstances_for_a_kind(catalog: Catalog) -> None:
    routes = catalog.routes
    assert [c.code for c in routes.circumstances_for("debt_counselling")] == ["threat", "committee"]
    assert [c.code for c in routes.circumstances_for("wlz")] == ["committee", "special"]
    assert [c.code for c in routes.circumstances_for("objection")] == ["committee"]


# --- broken copies -------------------------------------------------------------------------------


def _changed(old: str, new: str, *, after: str = "") -> str:
    """The shipped text with the first ``old`` (after the text ``after``) replaced by ``new``."""
    start = SHIPPED.index(after) if after else 0
    at = SHIPPED.index(old, start)
    return SHIPPED[:at] + new + SHIPPED[at + len(old) :]


def _rule(code: str) -> str:
    return f'[[deadline_rule]]\ncode = "{code}"'


def _legacy(days: str) -> str:
    """The shipped text with the list of extra days older copies have, before the first table."""
    return f"extra_days_off = {days}\n" + SHIPPED


def _municipal(rule: str = "urgency_decision", municipality: str = "Voorbeeldstad", term: str = "10 weken") -> str:
    return f'\n[[municipal_term]]\nrule = "{rule}"\nmunicipality = "{municipality}"\nterm = "{term}"\n'


def test_an_unchanged_copy_loads_like_the_shipped_file(tmp_path: Path, catalog: Catalog) -> None:
    assert load_catalog(with_routes(tmp_path, SHIPPED)).routes == catalog.routes


BROKEN = [
    pytest.param(
        _changed('steps = ["complaint", "hearing", "complaint_decision"]', 'steps = ["complaint", "verdict"]'),
        "route_kind complaint",
        ["'steps'", "onbekende stap", "'verdict'"],
        id="unknown step in a route kind",
    ),
    pytest.param(
        _changed('documents = ["decision_letter"]', 'documents = ["passport_photo"]'),
        "route_kind objection",
        ["'documents'", "onbekende document", "'passport_photo'"],
        id="unknown document in a route kind",
    ),
    pytest.param(
        _changed('life_domain = "housing"', 'life_domain = "holidays"'),
        "route_kind housing_urgency",
        ["'life_domain'", "onbekend levensgebied", "'holidays'"],
        id="unknown life domain",
    ),
    pytest.param(
        _changed('after = "notice_of_default"', 'after = "reminder"'),
        "deadline_rule penalty",
        ["'after'", "onbekende stap", "'reminder'"],
        id="unknown step in after",
    ),
    pytest.param(
        _changed('met_by = ["decision", "objection_decision"]', 'met_by = ["decision", "ruling"]'),
        "deadline_rule penalty",
        ["'met_by'", "onbekende stap", "'ruling'"],
        id="unknown step in met_by",
    ),
    pytest.param(
        _changed('met_by = ["personal_plan"]', "met_by = []"),
        "deadline_rule wmo_personal_plan",
        ["'met_by' ontbreekt"],
        id="empty met_by",
    ),
    pytest.param(
        _changed('requires = ["objection"]', 'requires = ["bezwaar"]'),
        "deadline_rule objection_decision",
        ["'requires'", "onbekende stap", "'bezwaar'"],
        id="unknown step in requires",
    ),
    pytest.param(
        _changed('after_rule = "objection_term"', 'after_rule = "objection_term"\nafter = "decision"'),
        "deadline_rule objection_decision",
        ["precies één", "'after'", "'after_rule'"],
        id="both after and after_rule",
    ),
    pytest.param(
        _changed('after = "reported"\n', ""),
        "deadline_rule wmo_investigation",
        ["precies één", "'after'", "'after_rule'"],
        id="neither after nor after_rule",
    ),
    pytest.param(
        _changed('after_rule = "objection_term"', 'after_rule = "appeal_term"'),
        "deadline_rule objection_decision",
        ["'after_rule'", "onbekende termijn", "'appeal_term'", "eerder"],
        id="after_rule to a later rule",
    ),
    pytest.param(
        _changed('after_rule = "objection_term"', 'after_rule = "objection_decision"'),
        "deadline_rule objection_decision",
        ["'after_rule'", "onbekende termijn", "'objection_decision'"],
        id="after_rule to itself",
    ),
    pytest.param(
        _changed('after_rule = "objection_term"', 'after_rule = "bezwaartermijn"'),
        "deadline_rule objection_decision",
        ["'after_rule'", "onbekende termijn", "'bezwaartermijn'"],
        id="after_rule unknown",
    ),
    pytest.param(
        _changed('term = "6 weken"', 'term = "zes weken"'),
        "deadline_rule wmo_investigation",
        ["'term'", "'zes weken' is geen termijn"],
        id="bad term text",
    ),
    pytest.param(
        _changed('term = "6 weken"\n', ""),
        "deadline_rule wmo_investigation",
        ["'term' ontbreekt"],
        id="missing term",
    ),
    pytest.param(
        _changed('extension = "8 weken"', 'extension = "acht weken"'),
        "deadline_rule decision_8_weeks",
        ["'extension'", "geen termijn"],
        id="bad extension text",
    ),
    pytest.param(
        _changed('extension = "8 weken"', 'extension = "2 maanden"'),
        "deadline_rule decision_8_weeks",
        ["'extension'", "dezelfde eenheid", "'term'"],
        id="extension in another unit",
    ),
    pytest.param(
        _changed('actor = "resident"', 'actor = "bewoner"'),
        "deadline_rule wmo_personal_plan",
        ["'actor'", "authority", "resident"],
        id="unknown actor",
    ),
    pytest.param(
        _changed('actor = "authority"\n', ""),
        "deadline_rule wmo_investigation",
        ["'actor' ontbreekt"],
        id="missing actor",
    ),
    pytest.param(
        _changed('when = "threat"', 'when = "storm"'),
        "deadline_rule debt_first_conversation_urgent",
        ["'when'", "onbekende omstandigheid", "'storm'"],
        id="unknown circumstance in when",
    ),
    pytest.param(
        _changed('unless = "special"', 'unless = "spoed"'),
        "deadline_rule wlz_decision",
        ["'unless'", "onbekende omstandigheid", "'spoed'"],
        id="unknown circumstance in unless",
    ),
    pytest.param(
        _changed('outcomes = ["refused", "partly_granted"]', 'outcomes = ["refused", "withdrawn"]'),
        "deadline_rule objection_term",
        ["'outcomes'", "onbekende uitkomst", "'withdrawn'"],
        id="outcome that is no decision",
    ),
    pytest.param(
        _changed('kinds = ["wlz"]', 'kinds = ["wlz", "pgb"]'),
        "deadline_rule wlz_decision",
        ["'kinds'", "onbekende soort route", "'pgb'"],
        id="unknown route kind in a rule",
    ),
    pytest.param(
        _changed('law = "Wmo 2015, art. 2.3.2 lid 1"', 'atw = "nee"\nlaw = "Wmo 2015, art. 2.3.2 lid 1"'),
        "deadline_rule wmo_investigation",
        ["'atw'", "true of false"],
        id="atw not a boolean",
    ),
    pytest.param(
        _changed("by_law = true", 'by_law = "ja"', after='code = "urgency_decision"'),
        "deadline_rule urgency_decision",
        ["'by_law'", "true of false"],
        id="by_law not a boolean",
    ),
    pytest.param(
        _changed('counts_from = "sent"', 'counts_from = "posted"'),
        "deadline_rule objection_term",
        ["'counts_from'", "'date'", "'sent'", "'received'"],
        id="unknown counts_from",
    ),
    pytest.param(
        _changed('after_rule = "objection_term"', 'after_rule = "objection_term"\ncounts_from = "received"'),
        "deadline_rule objection_decision",
        ["'counts_from'", "'after_rule'"],
        id="counts_from after another term",
    ),
    pytest.param(
        _changed('term = "2 weken"', 'term = "2 weken"\nat_most = "2 weken"', after='code = "wmo_decision"'),
        "deadline_rule wmo_decision",
        ["'at_most'", "by_law"],
        id="at_most without by_law",
    ),
    pytest.param(
        _changed('at_most = "8 weken"', 'at_most = "6 weken"'),
        "deadline_rule debt_decision",
        ["'term' is langer dan 'at_most'", "6 weken"],
        id="term longer than at_most",
    ),
    pytest.param(
        _changed('"debt_decision", "objection_decision"', '"debt_decision", "decision_on_appeal"'),
        "deadline_rule penalty",
        ["'works_after'", "onbekende termijn", "'decision_on_appeal'", "eerder"],
        id="works_after an unknown rule",
    ),
    pytest.param(
        _changed("extension_max = true", 'extension_max = "ja"', after=_rule("objection_decision")),
        "deadline_rule objection_decision",
        ["'extension_max'", "true of false"],
        id="extension_max not a boolean",
    ),
    pytest.param(
        _changed("suspends = true", "suspends = 1", after='code = "info_requested"'),
        "step_kind info_requested",
        ["'suspends'", "true of false"],
        id="suspends not a boolean",
    ),
    pytest.param(
        _legacy('["2027-05-07"]'),
        "extra_days_off",
        ["lijst met datums", "2027-05-07"],
        id="extra_days_off as text",
    ),
    pytest.param(
        _legacy("2027-05-07"),
        "extra_days_off",
        ["lijst met datums"],
        id="extra_days_off not a list",
    ),
    pytest.param(
        _changed("days = [2026-01-02,", 'days = ["2026-01-02",'),
        "decree Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
        "met een algemeen erkende feestdag",
        ["'days'", "lijst met datums"],
        id="decree day as text",
    ),
    pytest.param(
        _changed("years = [2026, 2027, 2028]", "years = [2026, 2027]"),
        "decree Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
        "met een algemeen erkende feestdag",
        ["2028-04-28", "buiten de jaren", "'years'"],
        id="decree day outside its years",
    ),
    pytest.param(
        _changed("years = [2026, 2027, 2028]\n", ""),
        "decree Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
        "met een algemeen erkende feestdag",
        ["'years'", "jaartallen"],
        id="decree without years",
    ),
    pytest.param(
        _changed("checked = false", 'checked = "nee"'),
        "decree Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
        "met een algemeen erkende feestdag",
        ["'checked'", "true of false"],
        id="decree checked not a boolean",
    ),
    pytest.param(
        _changed('name = "Besluit gelijkstelling', 'title = "Besluit gelijkstelling'),
        "decree nr. 1",
        ["'name' ontbreekt"],
        id="decree without a name",
    ),
    pytest.param(
        SHIPPED + _municipal(rule="wmo_decision"),
        "municipal_term wmo_decision Voorbeeldstad",
        ["'wmo_decision'", "geen termijn uit een verordening"],
        id="municipal term of a rule from a formal law",
    ),
    pytest.param(
        SHIPPED + _municipal(rule="debt_decision", term="10 weken"),
        "municipal_term debt_decision Voorbeeldstad",
        ["langer dan de wet toestaat", "8 weken"],
        id="municipal term longer than the law allows",
    ),
    pytest.param(
        SHIPPED + _municipal(term="tien weken"),
        "municipal_term urgency_decision Voorbeeldstad",
        ["'term'", "geen termijn"],
        id="municipal term not a term",
    ),
    pytest.param(
        SHIPPED + _municipal() + _municipal(municipality=" voorbeeldstad "),
        "municipal_term urgency_decision voorbeeldstad",
        ["twee keer"],
        id="municipality twice for one rule",
    ),
    pytest.param(
        SHIPPED + _municipal(municipality=""),
        "municipal_term nr. 1",
        ["'municipality' ontbreekt"],
        id="municipal term without a municipality",
    ),
    pytest.param(
        _changed('code = "penalty"', 'code = "complaint_handling"'),
        "deadline_rule complaint_handling",
        ["twee keer"],
        id="duplicate rule code",
    ),
    pytest.param(
        _changed('code = "invited"', 'code = "applied"'),
        "step_kind applied",
        ["twee keer"],
        id="duplicate step code",
    ),
    pytest.param(
        _changed('code = "appeal"', 'code = "objection"', after="[[route_kind]]"),
        "route_kind objection",
        ["twee keer"],
        id="duplicate route kind code",
    ),
    pytest.param(
        _changed('name = "Besluit"\n', ""),
        "step_kind decision",
        ["'name' ontbreekt"],
        id="step without a name",
    ),
    pytest.param(
        _changed("decision = true", 'decision = "ja"', after='code = "decision"'),
        "step_kind decision",
        ["'decision'", "true of false"],
        id="flag not a boolean",
    ),
]


@pytest.mark.parametrize(("text", "entry", "words"), BROKEN)
def test_broken_copy_names_file_entry_and_problem(tmp_path: Path, text: str, entry: str, words: list[str]) -> None:
    assert text != SHIPPED
    folder = with_routes(tmp_path, text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    error = caught.value
    assert Path(error.file) == folder / ROUTES_FILE
    assert error.entry == entry
    for word in words:
        assert word in error.problem
    assert ROUTES_FILE in error.message
    assert f"onderdeel {entry}:" in error.message
    assert error.problem in error.message
    assert ROUTES_FILE in error.detail and entry in error.detail


def test_extra_day_written_with_a_time_is_refused_or_counts(tmp_path: Path) -> None:
    folder = with_routes(tmp_path, _legacy("[2027-05-07T00:00:00]"))
    try:
        routes = load_catalog(folder).routes
    except CatalogError as error:
        assert error.entry == "extra_days_off"
    else:
        assert routes.days_off.is_free(date(2027, 5, 7))


def test_missing_routes_file(tmp_path: Path) -> None:
    folder = tmp_path / "catalogus"
    folder.mkdir()
    shutil.copyfile(paths.catalog_dir() / DOSSIER_FILE, folder / DOSSIER_FILE)
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    assert Path(caught.value.file) == folder / ROUTES_FILE
    assert "bestaat niet" in caught.value.problem


def test_routes_file_that_is_no_toml(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(with_routes(tmp_path, SHIPPED + "\n[[deadline_rule]\n"))
    assert caught.value.file.endswith(ROUTES_FILE)
    assert "geen geldige TOML" in caught.value.problem


@pytest.mark.parametrize("table", ["step_kind", "route_kind", "deadline_rule", "signal_theme", "circumstance"])
def test_a_missing_list_is_named(tmp_path: Path, table: str) -> None:
    text = SHIPPED.replace(f"[[{table}]]", f"[[unused_{table}]]")
    with pytest.raises(CatalogError) as caught:
        load_catalog(with_routes(tmp_path, text))
    assert caught.value.file.endswith(ROUTES_FILE)
    assert caught.value.entry == table
    assert "ontbreekt of is leeg" in caught.value.problem


def test_a_copy_with_a_new_rule_and_extra_days_loads(tmp_path: Path) -> None:
    extra_rule = """
[[deadline_rule]]
code = "own_agreement"
name = "Corporatie belt terug"
kinds = ["other"]
after = "applied"
term = "5 werkdagen"
atw = false
actor = "authority"
met_by = ["conversation", "no_response"]
"""
    text = _legacy("[2029-05-11]") + extra_rule
    routes = load_catalog(with_routes(tmp_path, text)).routes
    rule = routes.rules[-1]
    assert rule.code == "own_agreement"
    assert rule.term == Term.parse("5 werkdagen")
    assert rule.actor is Actor.AUTHORITY
    assert not rule.atw
    assert rule.extension is None
    assert rule.met_by == ("conversation", "no_response")
    assert routes.rules_for("other")[-1] is rule
    assert routes.days_off.extra_days == frozenset({date(2029, 5, 11)}) | SHIPPED_DECREE_DAYS
    assert routes.days_off.is_free(date(2029, 5, 11))
    legacy = routes.decrees[-1]  # an older copy's list counts as a decree nobody checked
    assert (legacy.days, legacy.years, legacy.checked) == (frozenset({date(2029, 5, 11)}), frozenset({2029}), False)
    assert routes.has_decree_for(2029)


def test_an_empty_list_of_extra_days_of_an_older_copy_adds_nothing(tmp_path: Path, catalog: Catalog) -> None:
    assert load_catalog(with_routes(tmp_path, _legacy("[]"))).routes == catalog.routes


# --- terms per municipality -------------------------------------------------------------------------


def test_municipal_terms_are_found_by_rule_and_municipality_in_any_case(tmp_path: Path, catalog: Catalog) -> None:
    text = SHIPPED + _municipal() + _municipal(rule="debt_decision", municipality="Ander  Dorp", term="6 weken")
    text += 'law = "Beleidsregels schuldhulp Ander Dorp, art. 3"\natw = true\n'
    routes = load_catalog(with_routes(tmp_path, text)).routes
    urgency, debt = routes.rule("urgency_decision"), routes.rule("debt_decision")
    assert urgency is not None and debt is not None
    found = routes.municipal_term(urgency, "  VOORBEELDSTAD ")
    assert found is not None
    assert (found.municipality, found.term, found.atw, found.law) == (
        "Voorbeeldstad",
        Term.parse("10 weken"),
        False,
        "",
    )
    other = routes.municipal_term(debt, "ander dorp")
    assert other is not None
    assert (other.term, other.atw, other.law) == (
        Term.parse("6 weken"),
        True,
        "Beleidsregels schuldhulp Ander Dorp, art. 3",
    )
    assert routes.municipal_term(urgency, "Ander Dorp") is None
    assert routes.municipal_term(urgency, "") is None
    assert catalog.routes.municipal_terms == {}


def test_only_by_law_terms_differ_per_municipality(catalog: Catalog) -> None:
    by_law = {rule.code for rule in catalog.routes.rules if rule.by_law}
    assert by_law == {"urgency_decision", "debt_decision"}
    debt = catalog.routes.rule("debt_decision")
    assert debt is not None and debt.at_most == Term.parse("8 weken")
    assert all(rule.atw for rule in catalog.routes.rules if not rule.by_law)
