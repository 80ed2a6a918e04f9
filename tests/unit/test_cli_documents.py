"""``clientsteun overview``: the same PDF as the app, written safely and logged, from the real program."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import assert_plain_error, audit_lines, made_demo, run, run_process
from tests.helpers.pdf import body, collapsed, metadata, pages


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_demo(tmp_path_factory.mktemp("cli-documents"), "demo.db", "--seed", "5")


def _first_resident(tmp_path: Path, db: Path) -> tuple[int, str]:
    listed = run(tmp_path, "clients", "--db", str(db), "--json")
    row = json.loads(listed.stdout)[0]
    return row["id"], row["display_name"]


def test_overview_writes_the_pdf_and_logs_it(tmp_path: Path, demo_db: Path) -> None:
    client_id, name = _first_resident(tmp_path, demo_db)
    out = tmp_path / "uit" / "overzicht.pdf"
    before = len(audit_lines(tmp_path, demo_db))
    result = run_process(tmp_path, "overview", "--db", str(demo_db), "--client", str(client_id), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Overzicht met ")
    assert str(out) in result.stdout
    pdf = out.read_bytes()
    text = collapsed(body(pdf))
    assert "Wat is er al geprobeerd?" in text
    assert f"Voor {name}." in text
    assert "pagina 1 van" in pages(pdf)[0]
    assert metadata(pdf)["/Title"] == "Wat is er al geprobeerd?"
    logged = audit_lines(tmp_path, demo_db)
    assert len(logged) == before + 1
    assert logged[-1].endswith("overzicht wat is geprobeerd, pdf (opdrachtregel)")
    assert name not in "\n".join(logged)


def test_overview_of_an_unknown_resident_or_onto_the_database_is_a_plain_error(tmp_path: Path, demo_db: Path) -> None:
    out = tmp_path / "overzicht.pdf"
    missing = run(tmp_path, "overview", "--db", str(demo_db), "--client", "9999", "--out", str(out))
    assert_plain_error(missing, "bestaat niet")
    assert not out.exists()
    client_id, _ = _first_resident(tmp_path, demo_db)
    before = audit_lines(tmp_path, demo_db)
    refused = run(tmp_path, "overview", "--db", str(demo_db), "--client", str(client_id), "--out", str(demo_db))
    assert_plain_error(refused, "hoort bij de database")
    assert audit_lines(tmp_path, demo_db) == before  # refused: nothing logged
