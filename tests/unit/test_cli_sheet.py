"""``clientsteun sheet``: the preparation sheet of the demo's planned kitchen-table conversation
(scenario 3), written safely and logged, from the real program."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from clientsteun.demo.meetings import QUESTIONS
from clientsteun.store.database import open_database
from clientsteun.store.tables import MeetingRow
from clientsteun.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import assert_plain_error, audit_lines, made_demo, run, run_process
from tests.helpers.pdf import body, collapsed, metadata, pages


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_demo(tmp_path_factory.mktemp("cli-sheet"), "demo.db", "--clients", "20", "--seed", "5")


def _meeting(db: Path) -> tuple[int, int]:
    """The demo's planned meeting and its resident, read straight from the database."""
    database = open_database(db, Vault.at(db).unlock(PASSPHRASE), create=False)
    try:
        with database.transaction() as session:
            row = session.scalars(select(MeetingRow)).one()
            return row.id, row.client_id
    finally:
        database.close()


def test_sheet_writes_the_large_resident_sheet_with_her_three_questions_and_logs_it(
    tmp_path: Path, demo_db: Path
) -> None:
    meeting_id, client_id = _meeting(demo_db)
    out = tmp_path / "uit" / "blad.pdf"
    before = len(audit_lines(tmp_path, demo_db))
    # The meeting named: the demo's dates are fixed, the program's clock is not.
    result = run_process(
        tmp_path, "sheet", "--db", str(demo_db), "--client", str(client_id), "--meeting", str(meeting_id),
        "--large", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Voorbereidingsblad (het gesprek van ")
    assert "3 vragen" in result.stdout and str(out) in result.stdout
    pdf = out.read_bytes()
    text = collapsed(body(pdf))
    assert "Keukentafelgesprek" in text and "Mijn vragen" in text
    assert all(question in text for question in QUESTIONS)
    assert "pagina 1 van" in pages(pdf)[0]
    assert metadata(pdf)["/Title"] == "Voorbereiding keukentafelgesprek"
    logged = audit_lines(tmp_path, demo_db)
    assert len(logged) == before + 1
    assert logged[-1].endswith("voorbereidingsblad, inwoner, grote letters")


def test_sheet_for_the_supporter_names_the_meeting_and_another_residents_meeting_is_refused(
    tmp_path: Path, demo_db: Path
) -> None:
    meeting_id, client_id = _meeting(demo_db)
    out = tmp_path / "ondersteuner.pdf"
    args = ("sheet", "--db", str(demo_db), "--client", str(client_id), "--meeting", str(meeting_id))
    result = run(tmp_path, *args, "--variant", "ondersteuner", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Vragen van de inwoner" in collapsed(body(out.read_bytes()))
    before = audit_lines(tmp_path, demo_db)
    other = 1 if client_id != 1 else 2
    refused = run(tmp_path, "sheet", "--db", str(demo_db), "--client", str(other), "--meeting", str(meeting_id),
                  "--out", str(tmp_path / "ander.pdf"))  # fmt: skip
    assert_plain_error(refused, "andere inwoner")
    onto_database = run(tmp_path, *args, "--out", str(demo_db))
    assert_plain_error(onto_database, "hoort bij de database")
    assert audit_lines(tmp_path, demo_db) == before  # refused: nothing logged
    assert not (tmp_path / "ander.pdf").exists()
