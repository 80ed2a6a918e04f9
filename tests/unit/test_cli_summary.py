"""The summary commands as a user runs them: a report, a package, and combining packages without a database."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.domain.routes import SignalInput
from clientsteun.services import Services
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.cli import assert_plain_error, audit_lines, run, run_process
from tests.helpers.summaries import csv_text, xlsx_text

PERIOD = ("--from", "01-07-2026", "--to", "2026-09-30")  # Dutch and ISO


@pytest.fixture(scope="module")
def summary_db(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    """Six residents in Houten and one in Zeist, with a conversation each in the third quarter of 2026."""
    db = tmp_path_factory.mktemp("summary") / "team.db"
    vault = Vault.at(db)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    services = Services.create(vault.open(key, create=True), catalog)
    try:
        for number, place in enumerate(["Houten"] * 6 + ["Zeist"]):
            client = services.clients.create_client(
                ClientInput(f"Wieteke Verzonnen{number}", municipality=place, first_contact=date(2026, 7, 1))
            )
            services.conversations.save_conversation(
                None, ConversationInput(client.id, date(2026, 7, 10), "home_visit", "in_person", duration_minutes=60)
            )
        services.routes.save_signal(
            None,
            SignalInput(client.id, date(2026, 8, 1), "waiting_list", "Wieteke wacht al een jaar op hulp.",
                        shareable=True),
        )  # fmt: skip
    finally:
        services.close()
    return db


def test_summary_as_a_spreadsheet_is_written_and_logged(tmp_path: Path, summary_db: Path) -> None:
    out = tmp_path / "kwartaal.xlsx"
    result = run_process(tmp_path, "summary", "--db", str(summary_db), *PERIOD, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "01-07-2026 t/m 30-09-2026 (2 gemeenten)" in result.stdout and "<5" in result.stdout
    text = xlsx_text(out.read_bytes())
    assert "Houten" in text and "Zeist" in text and "wacht al een jaar op hulp" in text
    assert "Wieteke" not in text and "Verzonnen" not in text
    assert any("Samenvatting gemaakt" in line for line in audit_lines(tmp_path, summary_db))


def _sections(content: bytes) -> list[str]:
    """The sections of a CSV report, in order (the explanation's lines left out)."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))[1:]
    return list(dict.fromkeys(row[1] for row in rows if row[1]))


def test_summary_of_one_municipality_as_csv(tmp_path: Path, summary_db: Path) -> None:
    """Houten shown apart; all together is all of them still, and the report says so."""
    out = tmp_path / "houten.csv"
    result = run(tmp_path, "summary", "--db", str(summary_db), *PERIOD, "--municipality", "Houten", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert _sections(out.read_bytes()) == ["Alle gemeenten samen", "Houten"]
    covered = "Gemeenten (2): Houten, Zeist. Apart getoond: Houten. Alle gemeenten samen telt altijd alle 2"
    assert covered in csv_text(out.read_bytes())
    unknown = run(tmp_path, "summary", "--db", str(summary_db), *PERIOD, "--municipality", "Hooten", "--out", "s.csv")
    assert_plain_error(unknown, "‘Hooten’ komt in deze cijfers niet voor", "Houten, Zeist")


def test_a_summary_as_pdf(tmp_path: Path, summary_db: Path) -> None:
    out = tmp_path / "kwartaal.pdf"
    result = run(tmp_path, "summary", "--db", str(summary_db), *PERIOD, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(
            ["--from", "30-09-2026", "--to", "01-07-2026", "--out", "s.csv"], "vóór de begindatum", id="order"
        ),
        pytest.param(["--from", "31-02-2026", "--to", "01-07-2026", "--out", "s.csv"], "datum", id="no-date"),
        pytest.param([*PERIOD, "--out", "s.docx"], ".pdf, .xlsx of .csv", id="suffix"),
    ],
)
def test_wrong_input_is_a_plain_error(tmp_path: Path, summary_db: Path, args: list[str], says: str) -> None:
    assert_plain_error(run(tmp_path, "summary", "--db", str(summary_db), *args), says)


def test_packages_are_combined_without_a_database(tmp_path: Path, summary_db: Path) -> None:
    package = tmp_path / "noord.json"
    made = run(tmp_path, "summary-package", "--db", str(summary_db), *PERIOD, "--team", "Team Noord", "--out",
               str(package))  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "2 gemeenten" in made.stdout
    assert json.loads(package.read_text("utf-8"))["team"] == "Team Noord"
    assert any("Samenvattingspakket gemaakt" in line for line in audit_lines(tmp_path, summary_db))
    copy = tmp_path / "noord-nogmaals.json"
    copy.write_bytes(package.read_bytes())
    out = tmp_path / "samen.csv"
    result = run_process(tmp_path, "combine", str(package), str(copy), "--out", str(out), passphrase=None)
    assert result.returncode == 0, result.stderr
    assert "1 pakket samengevoegd" in result.stdout and "dubbel" in result.stdout
    assert "Houten" in csv_text(out.read_bytes())
    zeist = tmp_path / "zeist.csv"
    chosen = run(tmp_path, "combine", str(package), "--municipality", "Zeist", "--out", str(zeist), passphrase=None)
    assert chosen.returncode == 0, chosen.stderr
    assert _sections(zeist.read_bytes()) == ["Alle gemeenten samen", "Zeist"]


def test_combine_never_replaces_a_file_of_the_database_named(tmp_path: Path, summary_db: Path) -> None:
    """No database is opened, yet the one ``--db`` names is protected: a report name that is a link to
    it is refused (its suffix alone would pass)."""
    package = tmp_path / "noord.json"
    assert run(tmp_path, "summary-package", "--db", str(summary_db), *PERIOD, "--out", str(package)).returncode == 0
    link = tmp_path / "team.csv"
    link.hardlink_to(summary_db)
    before = summary_db.read_bytes()
    result = run(tmp_path, "--db", str(summary_db), "combine", str(package), "--out", str(link), passphrase=None)
    assert_plain_error(result, "hoort bij de database")
    assert summary_db.read_bytes() == before


def test_overlapping_or_damaged_packages_are_refused_by_name(tmp_path: Path, summary_db: Path) -> None:
    quarter, august = tmp_path / "kwartaal.json", tmp_path / "augustus.json"
    for path, start, end in ((quarter, "01-07-2026", "30-09-2026"), (august, "01-08-2026", "31-08-2026")):
        made = run(tmp_path, "summary-package", "--db", str(summary_db), "--from", start, "--to", end, "--out",
                   str(path))  # fmt: skip
        assert made.returncode == 0, made.stderr
    out = tmp_path / "samen.xlsx"
    assert_plain_error(run(tmp_path, "combine", str(quarter), str(august), "--out", str(out)), "kwartaal.json",
                       "augustus.json", "overlappen")  # fmt: skip
    broken = tmp_path / "kapot.json"
    broken.write_text(quarter.read_text("utf-8").replace('"team": ""', '"team": "x"'), "utf-8")
    assert_plain_error(run(tmp_path, "combine", str(broken), "--out", str(out)), "kapot.json", "controlesom")
    assert not out.exists()
