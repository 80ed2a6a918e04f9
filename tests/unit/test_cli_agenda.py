"""The deadlines and agenda commands as a user runs them, on a real database (each command once as a real program).

The commands use the real clock, so the routes are dated relative to today.  Terms under the
Algemene termijnenwet can move a few days on (weekend, holiday); the checks leave room for that.
The urgency term comes from a local by-law the catalog does not know for this municipality: the
engine takes the reading safe for the resident, for an authority the later one, so a term ending on
a free day runs to the next working day (``urgency_days``).
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.route_catalog import ROUTES_FILE
from clientsteun.services import Services
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.agenda import Agenda, fill_agenda
from tests.helpers.cli import assert_plain_error, audit_lines, run, run_process

JSON_KEYS = {
    "date", "state", "resident_id", "resident", "municipality", "what",
    "actor", "route_id", "route", "law", "advice",
}  # fmt: skip


@pytest.fixture(scope="module")
def agenda_db(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> tuple[Path, Agenda]:
    db = tmp_path_factory.mktemp("agenda") / "agenda.db"
    vault = Vault.at(db)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    services = Services.create(vault.open(key, create=True), catalog)
    try:
        made = fill_agenda(services, date.today())
    finally:
        services.close()
    return db, made


def deadlines_json(tmp_path: Path, db: Path, *extra: str) -> list[dict[str, object]]:
    result = run(tmp_path, "deadlines", "--db", str(db), "--json", *extra)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def days_ahead(row: dict[str, object]) -> int:
    return (date.fromisoformat(str(row["date"])) - date.today()).days


def urgency_days(catalog: Catalog, days: int) -> int:
    """Days until the urgency decision whose term ends ``days`` from today: on a free day, the next
    working day (the later reading of a by-law's term, safe for the resident)."""
    today = date.today()
    return (catalog.routes.days_off.next_working_day(today + timedelta(days=days)) - today).days


def test_deadlines_json_lists_open_deadlines_of_open_dossiers(
    tmp_path: Path, agenda_db: tuple[Path, Agenda], catalog: Catalog
) -> None:
    db, made = agenda_db
    rows = deadlines_json(tmp_path, db)
    assert [set(row) for row in rows] == [JSON_KEYS] * len(rows)
    passed, urgency = rows  # within 14 days: the running objection term (5 weeks ahead) is left out
    assert passed == {
        "date": passed["date"],
        "state": "passed",
        "resident_id": made.fatima,
        "resident": "Fatima el Amrani",
        "municipality": "Utrecht",
        "what": "Bezwaar maken kan tot en met",
        "actor": "resident",
        "route_id": made.refused_long_ago,
        "route": "Bijzondere bijstand wasmachine",
        "law": "Awb art. 6:7 en 6:8",
        "advice": passed["advice"],
    }
    assert -8 <= days_ahead(passed) < 0  # 6 weeks after the decision, perhaps moved on by the Atw
    assert "bezwaartermijn is voorbij" in str(passed["advice"])
    assert urgency["route_id"] == made.urgency
    assert urgency["state"] == "due_soon"
    assert urgency["actor"] == "authority"
    assert urgency["advice"] == ""
    assert days_ahead(urgency) == urgency_days(catalog, 2)
    assert "Chantal Meijering" not in json.dumps(rows)  # a closed dossier has no agenda


def test_deadlines_within_more_days_shows_the_running_objection_term(
    tmp_path: Path, agenda_db: tuple[Path, Agenda]
) -> None:
    db, made = agenda_db
    rows = deadlines_json(tmp_path, db, "--within", "60")
    assert [row["route_id"] for row in rows] == [made.refused_long_ago, made.urgency, made.refused_lately]
    running = rows[-1]
    assert running["state"] == "upcoming"
    assert running["resident"] == "Bram Oosterhout"
    assert 32 <= days_ahead(running) <= 40
    dates = [str(row["date"]) for row in rows]
    assert dates == sorted(dates)
    assert {row["what"] for row in rows} & {"Hoorzitting", "Loonstroken opsturen"} == set()  # deadlines only


def test_deadlines_text_output_within_6_days(tmp_path: Path, agenda_db: tuple[Path, Agenda], catalog: Catalog) -> None:
    db, _ = agenda_db
    result = run_process(tmp_path, "deadlines", "--db", str(db), "--within", "6")  # the urgency: 2 to 6 days
    assert result.returncode == 0, result.stderr
    header, *rows, total = result.stdout.splitlines()
    assert header.split() == ["datum", "status", "inwoner", "wat", "wie", "moet", "handelen"]
    assert len(rows) == 2
    assert total == "2 termijnen, waarvan 1 verlopen"
    passed, soon = rows
    assert passed.split()[1] == "VERLOPEN"
    assert "Fatima el Amrani" in passed
    assert "Bezwaar maken kan tot en met" in passed
    assert passed.endswith("Inwoner")
    in_two_days = date.today() + timedelta(days=urgency_days(catalog, 2))
    assert soon.startswith(f"{in_two_days:%d-%m-%Y}  binnenkort")
    assert soon.endswith("Instantie")


def test_deadlines_within_0_keeps_the_overdue_ones(tmp_path: Path, agenda_db: tuple[Path, Agenda]) -> None:
    db, made = agenda_db
    rows = deadlines_json(tmp_path, db, "--within", "0")
    assert [row["route_id"] for row in rows] == [made.refused_long_ago]


def test_deadlines_with_negative_days_is_a_plain_error(tmp_path: Path, agenda_db: tuple[Path, Agenda]) -> None:
    db, _ = agenda_db
    assert_plain_error(run(tmp_path, "deadlines", "--db", str(db), "--within", "-1"), "--within")


def test_deadlines_of_an_empty_database_says_none(tmp_path: Path, catalog: Catalog) -> None:
    db = tmp_path / "leeg.db"
    vault = Vault.at(db)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    vault.open(key, create=True).close()
    result = run(tmp_path, "deadlines", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 termijnen"
    assert deadlines_json(tmp_path, db) == []


def ics_events(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "")
    return [line for line in unfolded.split("\r\n") if line.startswith("SUMMARY:")]


def test_agenda_writes_an_ics_without_names_and_logs_the_export(tmp_path: Path, agenda_db: tuple[Path, Agenda]) -> None:
    db, made = agenda_db
    target = tmp_path / "uit" / "agenda.ics"
    before = audit_lines(tmp_path, db)
    result = run_process(tmp_path, "agenda", "--db", str(db), "--ics", str(target), "--zonder-namen")
    assert result.returncode == 0, result.stderr
    summaries = ics_events(target)
    # 3 open deadlines (no cut-off), the planned hearing, the agreement; nothing of the closed dossier.
    assert len(summaries) == 5
    assert result.stdout == f"5 punten geschreven naar {target} (zonder namen)\n"
    text = target.read_text(encoding="utf-8")
    for name in ("Fatima", "Bram", "Chantal", "Amrani"):
        assert name not in text
    assert f"SUMMARY:Gepland: Hoorzitting — inwoner {made.bram}" in summaries
    assert f"SUMMARY:Afspraak: Loonstroken opsturen — inwoner {made.bram}" in summaries
    assert f"SUMMARY:Termijn: Bezwaar maken kan tot en met — inwoner {made.fatima}" in summaries
    after = audit_lines(tmp_path, db)
    assert len(after) == len(before) + 1
    assert "Gegevens geëxporteerd" in after[-1]
    assert after[-1].endswith("agenda .ics, 5 punten, zonder namen")


def test_agenda_within_days_and_with_names(tmp_path: Path, agenda_db: tuple[Path, Agenda]) -> None:
    db, _ = agenda_db
    target = tmp_path / "week.ics"
    result = run(tmp_path, "agenda", "--db", str(db), "--ics", str(target), "--within", "7")
    assert result.returncode == 0, result.stderr
    summaries = ics_events(target)
    assert "SUMMARY:Termijn: Bezwaar maken kan tot en met — Fatima el Amrani" in summaries
    assert "SUMMARY:Gepland: Hoorzitting — Bram Oosterhout" in summaries
    assert len(summaries) == 4  # the objection term 5 weeks ahead is left out
    assert result.stdout.strip().endswith("(met namen)")
    assert audit_lines(tmp_path, db)[-1].endswith("agenda .ics, 4 punten, met namen")


def test_agenda_needs_a_file(tmp_path: Path, agenda_db: tuple[Path, Agenda]) -> None:
    db, _ = agenda_db
    result = run(tmp_path, "agenda", "--db", str(db))
    assert result.returncode == 2
    assert "--ics" in result.stderr


def test_agenda_into_a_folder_that_cannot_be_made_is_a_plain_error(
    tmp_path: Path, agenda_db: tuple[Path, Agenda]
) -> None:
    db, _ = agenda_db
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    before = audit_lines(tmp_path, db)
    result = run(tmp_path, "agenda", "--db", str(db), "--ics", str(blocker / "agenda.ics"))
    assert_plain_error(result, "niet worden opgeslagen")
    assert audit_lines(tmp_path, db) == before  # nothing was exported, so nothing is logged


def _choose_catalog(tmp_path: Path, change: tuple[str, str]) -> None:
    """A coordinator's catalog copy with one change, chosen in the app's settings file."""
    folder = tmp_path / "catalogus"
    shutil.copytree(paths.catalog_dir(), folder)
    routes = folder / ROUTES_FILE
    text = routes.read_text(encoding="utf-8")
    assert change[0] in text
    routes.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    settings = tmp_path / "userdata" / "settings.ini"  # where run() points the app's user folder
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"[catalog]\nfolder={folder}\n", encoding="utf-8")


URGENCY_TERM = 'kinds = ["housing_urgency"]\nafter = "applied"\ncounts_from = "received"\nterm = "8 weken"'


def test_deadlines_follow_the_catalog_chosen_in_the_settings(
    tmp_path: Path, agenda_db: tuple[Path, Agenda], catalog: Catalog
) -> None:
    db, made = agenda_db
    _choose_catalog(tmp_path, (URGENCY_TERM, URGENCY_TERM.replace("8 weken", "10 weken")))
    rows = deadlines_json(tmp_path, db, "--within", "30")
    urgency = next(row for row in rows if row["route_id"] == made.urgency)
    assert days_ahead(urgency) == urgency_days(catalog, 16)  # applied 54 days ago; 10 weeks


def test_a_broken_chosen_catalog_is_named_and_the_built_in_one_used(
    tmp_path: Path, agenda_db: tuple[Path, Agenda], catalog: Catalog
) -> None:
    db, made = agenda_db
    _choose_catalog(tmp_path, (URGENCY_TERM, URGENCY_TERM.replace("8 weken", "acht weken")))
    result = run(tmp_path, "deadlines", "--db", str(db), "--json")
    assert result.returncode == 0
    assert "de gekozen catalogus wordt niet gebruikt" in result.stderr
    assert "routes.toml" in result.stderr and "deadline_rule urgency_decision" in result.stderr
    urgency = next(row for row in json.loads(result.stdout) if row["route_id"] == made.urgency)
    assert days_ahead(urgency) == urgency_days(catalog, 2)


def test_due_soon_follows_the_apps_setting(tmp_path: Path, agenda_db: tuple[Path, Agenda], catalog: Catalog) -> None:
    db, made = agenda_db
    settings = tmp_path / "userdata" / "settings.ini"  # where run() points the app's user folder
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[deadlines]\ndue_soon_days=1\n", encoding="utf-8")
    urgency = next(row for row in deadlines_json(tmp_path, db) if row["route_id"] == made.urgency)
    assert days_ahead(urgency) == urgency_days(catalog, 2)
    assert urgency["state"] == "upcoming"  # 2 to 6 days ahead is "due soon" only within 7 days, the default
