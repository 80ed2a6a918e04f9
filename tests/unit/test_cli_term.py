"""`clientsteun term`: the deadline calculator on the command line, run as a user runs it, without a database."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.route_catalog import ROUTES_FILE
from tests.helpers.cli import Runner, assert_plain_error, demo, run, run_process


def term(tmp_path: Path, *args: str, runner: Runner = run) -> str:
    result = runner(tmp_path, "term", *args, passphrase=None)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def term_json(tmp_path: Path, *args: str) -> Any:
    return json.loads(term(tmp_path, *args, "--json"))


def _choose_catalog(tmp_path: Path, extra: str) -> None:
    """A coordinator's catalog copy with ``extra`` at the end of routes.toml, chosen in the settings file."""
    folder = tmp_path / "catalogus"
    shutil.copytree(paths.catalog_dir(), folder)
    with (folder / ROUTES_FILE).open("a", encoding="utf-8") as routes:
        routes.write(extra)
    settings = tmp_path / "userdata" / "settings.ini"  # where run() points the app's user folder
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"[catalog]\nfolder={folder}\n", encoding="utf-8")


@pytest.mark.parametrize("typed", ["25-03-2027", "2027-03-25", "25/3/2027"])
def test_the_objection_term_of_the_issue_with_the_reason_it_moved(tmp_path: Path, typed: str) -> None:
    out = term(tmp_path, "--rule", "objection_term", "--date", typed, runner=run_process)
    assert out.splitlines() == [
        "Bezwaar maken kan tot en met: maandag 10 mei 2027",
        "    6 weken vanaf 25-03-2027 (de verzenddatum) · Awb art. 6:7 en 6:8 · Inwoner",
        "    De termijn eindigde op donderdag 6 mei 2027 (Hemelvaartsdag). Volgens de Algemene termijnenwet schuift "
        "de datum op naar maandag 10 mei 2027.",
        "    Deze datum telt vrijdag 7 mei 2027 als feestdag (gelijkgesteld bij besluit; nog niet gecontroleerd). "
        "Wie zeker wil zijn, handelt uiterlijk vrijdag 7 mei 2027.",
    ]
    assert not (tmp_path / "userdata" / "clientsteun.db").exists()  # no database is made or needed


def test_a_rule_that_follows_another_gives_both_dates_and_the_reading_taken(tmp_path: Path) -> None:
    found = term_json(tmp_path, "--rule", "objection_decision", "--date", "10-07-2026", "--committee", "--extended")
    assert (found["rule"], found["due_on"]) == ("objection_decision_committee", "2026-12-28")
    first, second = found["terms"]
    assert (first["rule"], first["started_on"], first["counted_from"], first["due_on"]) == (
        "objection_term", "2026-07-10", "sent", "2026-08-21",
    )  # fmt: skip
    assert first["explanation"] == []
    assert (second["started_on"], second["counted_from"], second["term_end"], second["due_on"]) == (
        "2026-08-21", "term_end", "2026-12-25", "2026-12-28",
    )  # fmt: skip
    assert (second["extended"], second["moved_by_atw"], second["actor"], second["law"]) == (
        True, True, "authority", "Awb art. 7:10",
    )  # fmt: skip
    assert "vrijdag 25 december 2026" in second["explanation"][1]
    assert second["explanation"][1].startswith("Leest men termijn en verdaging als één termijn van 18 weken")


def test_the_date_an_extension_letter_names(tmp_path: Path) -> None:
    found = term_json(tmp_path, "--rule", "decision_8_weeks", "--date", "09-02-2026", "--extended-until", "20-05-2026")
    (only,) = found["terms"]
    assert (only["due_on"], only["extended"], only["counted_from"]) == ("2026-05-20", True, "received")
    assert only["explanation"] == ["Verdaagd: de brief van de instantie noemt woensdag 20 mei 2026."]


def test_a_circumstance_chooses_the_version_of_the_rule(tmp_path: Path) -> None:
    out = term(tmp_path, "--rule", "wlz_decision", "--date", "30-04-2026", "--circumstance", "special")
    assert out.splitlines()[0] == "CIZ beslist over de indicatie (al in een instelling): maandag 18 mei 2026"
    assert "Besluit langdurige zorg, art. 3.2.4 lid 2 · Instantie" in out


def test_terms_per_municipality_come_from_the_catalog_chosen_in_the_settings(tmp_path: Path) -> None:
    _choose_catalog(
        tmp_path,
        '\n[[municipal_term]]\nrule = "urgency_decision"\nmunicipality = "Voorbeeldstad"\nterm = "10 weken"\n'
        'law = "Huisvestingsverordening Voorbeeldstad, art. 2.6"\n',
    )
    chosen = term_json(
        tmp_path, "--rule", "urgency_decision", "--date", "05-09-2026", "--municipality", "Voorbeeldstad"
    )
    assert chosen["due_on"] == "2026-11-14"  # a Saturday: a by-law's term, no Atw
    assert chosen["terms"][0]["explanation"] == [
        "Termijn van de gemeente Voorbeeldstad: Huisvestingsverordening Voorbeeldstad, art. 2.6."
    ]
    default = term_json(tmp_path, "--rule", "urgency_decision", "--date", "05-09-2026")
    assert default["due_on"] == "2026-11-02"
    assert "controleer de verordening" in default["terms"][0]["explanation"][1]


def test_list_names_every_rule_with_what_it_asks(tmp_path: Path, catalog: Catalog) -> None:
    rules = term_json(tmp_path, "--list")
    assert [rule["code"] for rule in rules] == [rule.code for rule in catalog.routes.rules]
    by_code = {rule["code"]: rule for rule in rules}
    assert by_code["objection_decision"] == {
        "code": "objection_decision",
        "name": "Besluit op het bezwaar",
        "law": "Awb art. 7:10",
        "term": "6 weken",
        "extension": "6 weken",
        "actor": "authority",
        "follows": ["objection_term"],
        "asks": {
            "date": "Besluit: de dag van verzending",
            "circumstances": [
                {"code": "committee", "name": "Een onafhankelijke commissie behandelt het bezwaar of de klacht"}
            ],
            "extension": True,
            "municipality": False,
        },
    }
    assert by_code["urgency_decision"]["asks"]["municipality"] is True
    assert by_code["penalty"]["asks"]["date"] == "Ingebrekestelling verstuurd: de dag van ontvangst"
    text = term(tmp_path, "--list")
    assert all(f"{rule.code}: {rule.name}" in text for rule in catalog.routes.rules)
    assert "    --committee: Een onafhankelijke commissie behandelt het bezwaar of de klacht" in text
    assert "    --circumstance threat: Er dreigt een huisuitzetting" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--rule", "bezwaar", "--date", "01-02-2026"), ["Onbekende termijn 'bezwaar'", "term --list"]),
        (("--rule", "objection_term"), ["--rule CODE met --date DATUM"]),
        ((), ["--list"]),
        (("--rule", "objection_term", "--date", "31-02-2026"), ["Deze datum bestaat niet"]),
        (("--rule", "objection_term", "--date", "morgen"), ["Deze datum klopt niet"]),
        (("--rule", "objection_term", "--date", "01-02-2026", "--extended"), ["kan de instantie niet verdagen"]),
        (("--rule", "wlz_decision", "--date", "01-02-2026", "--circumstance", "spoed"), ["'spoed'", "special"]),
        (("--rule", "decision_8_weeks", "--date", "01-02-2026", "--extended-until", "01-01-2026"),
         ["na de eerste datum"]),
    ],
)  # fmt: skip
def test_a_question_that_cannot_be_answered_gets_one_plain_line(
    tmp_path: Path, args: tuple[str, ...], words: list[str]
) -> None:
    assert_plain_error(run(tmp_path, "term", *args, passphrase=None), *words)


def test_check_tells_the_coordinator_when_the_catalog_names_no_decree_days_for_this_year_or_next(
    tmp_path: Path, catalog: Catalog
) -> None:
    db = tmp_path / "demo.db"
    assert demo(tmp_path, db).returncode == 0
    shipped_misses = catalog.routes.missing_decree_year(date.today()) is not None  # not before 2028
    assert ("gelijkgesteld" in run(tmp_path, "check", "--db", str(db)).stdout) is shipped_misses
    _choose_catalog(tmp_path, "")
    routes = tmp_path / "catalogus" / ROUTES_FILE
    text = routes.read_text(encoding="utf-8")
    start = text.index("[[decree]]")
    routes.write_text(text[:start] + text[text.index("checked = false", start) + len("checked = false") :])
    checked = run(tmp_path, "check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout  # a warning, not a problem of the database
    assert checked.stdout.splitlines()[-1] == (
        f"Let op: De catalogus noemt nog geen dagen die in {date.today().year} met een feestdag zijn gelijkgesteld "
        f"(Algemene termijnenwet, art. 3 lid 3). Zoek het besluit voor {date.today().year} op en zet het in de "
        "catalogus; tot dan kan een termijn rond een brugdag te vroeg uitkomen."
    )
