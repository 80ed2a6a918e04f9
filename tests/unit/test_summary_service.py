"""The summary service over a small hand-made dataset: the counts per municipality, where routes stood
(from the deadline engine), scenario 2's signal without a name, and every export in the audit log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import ClientInput, Consent, ConversationInput, NetworkMember
from clientsteun.domain.routes import LinkKind, Outcome, RouteInput, SignalInput, StepInput
from clientsteun.domain.summary import (
    ALL_MUNICIPALITIES,
    NOT_FILLED,
    Period,
    TableKey,
    UnitFigures,
    publish_summary,
)
from clientsteun.services import Services
from clientsteun.services.summaries import check_report_target
from tests.conftest import FakeClock
from tests.helpers.summaries import csv_text, xlsx_text

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
SCENARIO_2 = (
    "Hendrik Jansen wordt van het kastje naar de muur gestuurd: de schuldhulp wil eerst behandeling, de GGZ wil "
    "eerst dat de schulden zijn opgelost. Zijn zus Grietje Pietersma belt elke week."
)


def _client(services: Services, name: str, municipality: str, first: date, **more: object) -> int:
    return services.clients.create_client(
        ClientInput(name, municipality=municipality, first_contact=first, **more)  # type: ignore[arg-type]
    ).id


@pytest.fixture
def team(services: Services, catalog: Catalog) -> Services:
    """Houten: one new, one ongoing, one closed in Q3, one begun after it, one closed before it; Zeist: one new."""
    hendrik = _client(
        services, "Hendrik Jansen", "Houten", date(2026, 7, 15), phone="0612345678", address="Dorpsstraat 1",
        life_domains=("housing", "finances"), network=(NetworkMember("Grietje Pietersma", "zus"),),
    )  # fmt: skip
    berend = _client(services, "Berend Klaassen", " Houten ", date(2026, 1, 10), life_domains=("finances",))
    closed = _client(services, "Cor Dijkstra", "Houten", date(2026, 2, 1))
    services.clients.close_client(closed, date(2026, 8, 20), "hulpvraag beantwoord")
    _client(services, "Dirk Later", "Houten", date(2026, 10, 5))
    early = _client(services, "Evert Eerder", "Houten", date(2025, 1, 1))
    services.clients.close_client(early, date(2026, 3, 1), "verhuisd")
    _client(services, "Femke Zeist", "Zeist", date(2026, 8, 1))

    def talk(client_id: int, on: date, kind: str, medium: str, minutes: int, made: bool = True) -> None:
        services.conversations.save_conversation(
            None,
            ConversationInput(client_id, on, kind, medium, duration_minutes=minutes, contact_made=made,
                              notes="Geheime notitie over de Dorpsstraat."),
        )  # fmt: skip

    talk(hendrik, date(2026, 7, 20), "home_visit", "in_person", 60)
    talk(hendrik, date(2026, 8, 3), "phone_call", "phone", 15)
    talk(hendrik, date(2026, 10, 3), "phone_call", "phone", 15)  # after the period
    talk(berend, date(2026, 8, 4), "phone_call", "phone", 5, made=False)  # no contact made

    routes = services.routes
    wmo = routes.save_route(None, RouteInput(hendrik, "wmo", "Wmo huishoudelijke hulp", contact="mevrouw Bakker"))
    routes.save_step(None, StepInput(wmo.id, date(2026, 6, 1), "reported"))
    routes.save_step(None, StepInput(wmo.id, date(2026, 7, 1), "applied"))
    routes.save_step(None, StepInput(wmo.id, date(2026, 7, 20), "decision", outcome=Outcome.GRANTED))
    assistance = routes.save_route(None, RouteInput(berend, "social_assistance", "Bijstand"))
    routes.save_step(None, StepInput(assistance.id, date(2026, 7, 6), "applied"))
    routes.save_signal(
        None,
        SignalInput(hendrik, date(2026, 8, 10), "circular", SCENARIO_2, organisation="Schuldhulp Houten",
                    shareable=True),
    )  # fmt: skip
    routes.save_signal(None, SignalInput(berend, date(2026, 8, 11), "waiting_list", "Niet te delen: Berend wacht."))
    return services


def _counts(unit: UnitFigures, table: TableKey) -> dict[tuple[str, str], int]:
    return {(row, column): n for (key, row, column), n in unit.counts.items() if key == table}


def test_the_counts_per_municipality(team: Services, catalog: Catalog) -> None:
    houten, zeist = team.summaries.figures(Q3)
    assert (houten.municipality, zeist.municipality) == ("Houten", "Zeist")
    assert _counts(houten, TableKey.RESIDENTS) == {("Inwoners", "Nieuw"): 1, ("Inwoners", "Lopend"): 1,
                                                   ("Inwoners", "Afgesloten"): 1}  # fmt: skip
    assert _counts(zeist, TableKey.RESIDENTS) == {("Inwoners", "Nieuw"): 1}
    housing, finances = catalog.life_domain_name("housing"), catalog.life_domain_name("finances")
    assert _counts(houten, TableKey.LIFE_DOMAINS) == {(housing, "Inwoners"): 1, (finances, "Inwoners"): 2}
    home, phone = catalog.kind_name("home_visit"), catalog.kind_name("phone_call")
    assert _counts(houten, TableKey.CONTACTS) == {
        (home, catalog.medium_name("in_person")): 1,
        (phone, catalog.medium_name("phone")): 1,
    }
    assert {k: n for k, n in houten.values.items() if k[0] == TableKey.CONTACTS} == {
        ("contacts", home, 60): 1,
        ("contacts", phone, 15): 1,
    }
    theme = catalog.routes.theme_name
    assert _counts(houten, TableKey.SIGNALS) == {
        (theme("circular"), "Schuldhulp Houten"): 1,
        (theme("waiting_list"), NOT_FILLED): 1,
    }


def test_routes_stand_as_the_deadline_engine_says_at_the_end_of_the_period(team: Services, catalog: Catalog) -> None:
    houten, _ = team.summaries.figures(Q3)
    wmo, assistance = catalog.routes.kind("wmo").name, catalog.routes.kind("social_assistance").name
    # The Wmo route began in June: not started in Q3, but its decision fell in it (19 days after the application).
    assert _counts(houten, TableKey.ROUTES) == {(assistance, "Nog open"): 1}
    assert {k: n for k, n in houten.values.items() if k[0] == TableKey.DECISION_DAYS} == {("decision_days", wmo, 19): 1}
    # Wmo: decided 5 days after the two weeks ended (15 July).  Bijstand: no advance by 3 August and no
    # decision by 31 August; both still open on 30 September.
    assert _counts(houten, TableKey.MISSED) == {(wmo, "Te laat gehaald"): 1, (assistance, "Verlopen, nog open"): 2}
    assert {k: n for k, n in houten.values.items() if k[0] == TableKey.MISSED} == {
        ("missed", wmo, 5): 1,
        ("missed", assistance, 58): 1,
        ("missed", assistance, 30): 1,
    }


def test_a_later_period_sees_the_decision_that_came_later(team: Services, catalog: Catalog) -> None:
    routes = [r for c in team.clients.list_clients() for r in team.routes.list_routes(c.id)]
    route = next(r for r in routes if r.route.data.kind == "social_assistance")
    team.routes.save_step(None, StepInput(route.route.id, date(2026, 10, 20), "decision", outcome=Outcome.REFUSED))
    q4 = Period(date(2026, 10, 1), date(2026, 12, 31))
    houten = next(unit for unit in team.summaries.figures(q4) if unit.municipality == "Houten")
    name = catalog.routes.kind("social_assistance").name
    assert {k: n for k, n in houten.values.items() if k[0] == TableKey.DECISION_DAYS} == {
        ("decision_days", name, 106): 1
    }
    # Q3 itself is not changed by it: the outcome is taken at the end of the period.
    houten_q3 = team.summaries.figures(Q3)[0]
    assert _counts(houten_q3, TableKey.ROUTES) == {(name, "Nog open"): 1}


def test_scenario_2_the_signal_appears_in_the_municipality_without_a_name(team: Services, catalog: Catalog) -> None:
    summary = team.summaries.summary(Q3, ["Houten"])
    assert summary.municipalities == ("Houten", "Zeist") and summary.chosen == ("Houten",)
    section = summary.sections[1]
    assert section.municipality == "Houten"
    (signal,) = section.signals
    assert signal.theme == catalog.routes.theme_name("circular")
    assert "kastje naar de muur" in signal.text
    for name in ("Hendrik", "Jansen", "Grietje", "Pietersma"):
        assert name not in signal.text
    assert summary.sections[0].municipality == ALL_MUNICIPALITIES
    assert summary.sections[0].signals == (signal,)
    assert "Berend wacht" not in repr(summary)


def test_an_expired_or_withdrawn_consent_keeps_the_description_out_by_the_services_clock(
    team: Services, clock: FakeClock
) -> None:
    """Counted still; the description shared only while the newest consent holds on the clock's today."""
    hendrik = next(c for c in team.clients.list_clients() if c.name == "Hendrik Jansen")
    details = team.clients.get_client(hendrik.id).details

    def consent(given: Consent) -> None:
        team.clients.update_client(hendrik.id, replace(details, consent=given))

    def shared() -> int:
        return len(team.summaries.summary(Q3, ["Houten"]).sections[1].signals)

    def counted() -> int:
        return team.summaries.summary(Q3, ["Houten"]).sections[1].table(TableKey.SIGNALS).total

    consent(Consent(date(2026, 1, 5), valid_until=date(2026, 12, 31)))
    assert (shared(), counted()) == (1, 2)
    clock.value = datetime(2027, 1, 4, 9, 0)  # the consent ran out
    assert (shared(), counted()) == (0, 2)
    consent(Consent(date(2027, 1, 3)))  # renewed: the newest one holds
    assert shared() == 1
    consent(Consent(date(2027, 1, 3), withdrawn_on=date(2027, 1, 4)))
    assert (shared(), counted()) == (0, 2)


def test_ticks_choose_the_sections_shown_and_all_together_is_always_every_municipality(team: Services) -> None:
    """Two reports over the same figures with other ticks publish the same all together and the same
    cells for each municipality both show: neither can be subtracted from the other."""
    everything = publish_summary(team.summaries.summary(Q3), 5)
    only_zeist = publish_summary(team.summaries.summary(Q3, ["Zeist"]), 5)
    only_houten = publish_summary(team.summaries.summary(Q3, [" Houten "]), 5)
    assert [s.municipality for s in only_zeist.sections] == [ALL_MUNICIPALITIES, "Zeist"]
    assert [s.municipality for s in only_houten.sections] == [ALL_MUNICIPALITIES, "Houten"]
    assert only_zeist.sections[0] == only_houten.sections[0] == everything.sections[0]
    assert only_zeist.sections[1] == everything.sections[2] and only_houten.sections[1] == everything.sections[1]
    together = only_zeist.sections[0].table(TableKey.RESIDENTS).row_totals
    assert together is not None and together[0].text == "<5"  # Houten's 3 and Zeist's 1, whatever is ticked
    assert only_zeist.coverage == (
        "Gemeenten (2): Houten, Zeist. Apart getoond: Zeist. "
        "Alle gemeenten samen telt altijd alle 2 gemeenten, ook de gemeenten die hier niet apart staan."
    )
    assert everything.coverage == (
        "Gemeenten (2): Houten, Zeist. Alle gemeenten samen telt altijd alle 2 gemeenten; daarna staat elke "
        "gemeente apart."
    )
    assert team.summaries.municipalities() == ["Houten", "Zeist"]
    with pytest.raises(ClientsteunError, match=r"‘Nergenshuizen’ komt in deze cijfers niet voor\. Kies uit: Houten"):
        team.summaries.summary(Q3, ["Zeist", "Nergenshuizen"])


def test_exports_are_written_safely_and_logged(team: Services, tmp_path: Path) -> None:
    summary = team.summaries.summary(Q3)
    for suffix in (".xlsx", ".csv"):
        team.summaries.export_summary(tmp_path / f"kwartaal{suffix}", summary, 5)
    package = team.summaries.package(Q3, "Team Houten")
    team.summaries.export_package(tmp_path / "pakket.json", package)
    with pytest.raises(ClientsteunError):
        team.summaries.export_summary(team.database.path, summary, 5)  # the database itself: refused, not logged
    actions = [entry.action for entry in team.audit.entries()]
    assert actions == [AuditAction.SUMMARY, AuditAction.SUMMARY, AuditAction.SUMMARY_PACKAGE]
    details = " ".join(entry.detail for entry in team.audit.entries())
    assert "Jansen" not in details and "01-07-2026 t/m 30-09-2026" in details
    text = csv_text((tmp_path / "kwartaal.csv").read_bytes()) + xlsx_text((tmp_path / "kwartaal.xlsx").read_bytes())
    assert "kastje naar de muur" in text
    for secret in ("Jansen", "Pietersma", "0612345678", "Dorpsstraat", "Bakker", "Berend"):
        assert secret not in text


def test_numbers_are_numbers_in_the_spreadsheet(team: Services, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    team.summaries.export_summary(tmp_path / "s.xlsx", team.summaries.summary(Q3), 5)
    workbook = load_workbook(tmp_path / "s.xlsx", read_only=True)
    values = [v for row in workbook["Routes"].iter_rows(values_only=True) for v in row if v is not None]
    assert 0 in values and "<5" in values
    assert all(isinstance(v, (int, str)) for v in values)


def test_a_report_file_must_be_pdf_xlsx_or_csv(tmp_path: Path) -> None:
    with pytest.raises(ClientsteunError, match=r"\.pdf, \.xlsx of \.csv"):
        check_report_target(tmp_path / "verslag.docx")


def test_publishing_keeps_the_sections_in_order(team: Services) -> None:
    published = publish_summary(team.summaries.summary(Q3), 5)
    assert [s.municipality for s in published.sections] == [ALL_MUNICIPALITIES, "Houten", "Zeist"]
    residents = published.sections[1].table(TableKey.RESIDENTS)
    assert [s.text for s in residents.cells[0]] == ["<5", "<5", "<5"]
    assert residents.row_totals is not None and residents.row_totals[0].text == "<5"


def test_an_objection_lodged_in_the_period_with_its_result(team: Services, catalog: Catalog) -> None:
    client_id = next(c.id for c in team.clients.list_clients() if c.display_name == "Berend Klaassen")
    routes = team.routes
    objection = routes.save_route(None, RouteInput(client_id, "objection", "Bezwaar tegen de weigering"))
    routes.save_step(None, StepInput(objection.id, date(2026, 6, 1), "decision", outcome=Outcome.REFUSED))
    routes.save_step(None, StepInput(objection.id, date(2026, 7, 1), "objection"))
    routes.save_step(
        None, StepInput(objection.id, date(2026, 9, 1), "objection_decision", outcome=Outcome.PARTLY_GRANTED)
    )
    name = catalog.routes.kind("objection").name
    houten = team.summaries.figures(Q3)[0]
    assert _counts(houten, TableKey.OBJECTIONS) == {(name, "Deels toegekend"): 1}
    august = team.summaries.figures(Period(date(2026, 7, 1), date(2026, 8, 31)))[0]
    assert _counts(august, TableKey.OBJECTIONS) == {(name, "Nog open"): 1}  # not decided by the end of August
    later = team.summaries.figures(Period(date(2026, 10, 1), date(2026, 12, 31)))[0]
    assert _counts(later, TableKey.OBJECTIONS) == {}  # lodged before that period


def test_leaving_out_long_quiet_routes_changes_no_figure(
    services: Services, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientsteun.demo import fill_demo
    from clientsteun.services import summaries

    fill_demo(services.database, catalog, clients=60, conversations=600, seed=7, today=date(2026, 11, 23))
    client_id = _client(services, "Oud Dossier", "Houten", date(2023, 12, 1))
    quiet = services.routes.save_route(None, RouteInput(client_id, "wmo", "Al jaren stil"))
    services.routes.save_step(None, StepInput(quiet.id, date(2024, 1, 10), "applied"))
    late = services.routes.save_route(None, RouteInput(client_id, "wmo", "Verdaagd tot in 2026"))
    services.routes.save_step(None, StepInput(late.id, date(2024, 1, 10), "applied"))
    services.routes.save_step(
        None, StepInput(late.id, date(2024, 1, 20), "extension", new_due_on=date(2026, 8, 14))
    )  # a letter naming a date far ahead: its route is looked at, however quiet
    refused = services.routes.save_route(None, RouteInput(client_id, "wmo", "Lang geleden afgewezen"))
    services.routes.save_step(None, StepInput(refused.id, date(2025, 8, 1), "applied"))
    services.routes.save_step(None, StepInput(refused.id, date(2025, 9, 1), "decision", outcome=Outcome.REFUSED))
    objection = services.routes.save_route(None, RouteInput(client_id, "objection", "Bezwaar"))
    services.routes.save_step(None, StepInput(objection.id, date(2025, 9, 1), "decision", outcome=Outcome.REFUSED))
    services.routes.save_step(None, StepInput(objection.id, date(2025, 10, 1), "objection"))
    services.routes.save_step(
        None, StepInput(objection.id, date(2026, 7, 15), "objection_decision", outcome=Outcome.GRANTED)
    )
    services.routes.add_link(objection.id, refused.id, LinkKind.BELONGS_TO)  # looked at with its objection
    quarters = [
        Period(date(2026, 7, 1), date(2026, 9, 30)),
        Period(date(2025, 10, 1), date(2025, 12, 31)),
        Period(date(2024, 1, 1), date(2024, 3, 31)),
    ]
    quick = [services.summaries.figures(quarter) for quarter in quarters]
    houten = next(unit for unit in quick[0] if unit.municipality == "Houten")
    assert houten.values[(TableKey.MISSED, catalog.routes.kind("wmo").name, 47)] == 1  # 14 August to 30 September
    monkeypatch.setattr(summaries, "horizon", lambda routes: timedelta(days=100 * 365))
    assert [services.summaries.figures(quarter) for quarter in quarters] == quick
