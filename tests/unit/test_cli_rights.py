"""``export-client``, ``hand-over`` and ``import-client`` as a user runs them: files written safely and
logged, the transfer passphrase printed once and asked for on a terminal, refusals in one Dutch line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clientsteun.domain import dossier_format as fmt
from tests.conftest import PASSPHRASE
from tests.helpers.cli import (
    assert_plain_error,
    audit_lines,
    made_demo,
    names_in,
    run,
    run_in_terminal,
    run_process,
)
from tests.helpers.pdf import body

TRANSFER = re.compile(r"Overdrachtswachtwoord \(wordt maar één keer getoond\): ([a-z]{5}(?:-[a-z]{5}){5})")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_demo(tmp_path_factory.mktemp("cli-rights"), "demo.db", "--seed", "7")


def _first(tmp_path: Path, db: Path) -> tuple[int, str]:
    row = json.loads(run(tmp_path, "clients", "--db", str(db), "--json").stdout)[0]
    return row["id"], row["name"]


def test_export_client_writes_the_json_copy_and_the_pdf_and_logs_each(tmp_path: Path, demo_db: Path) -> None:
    client_id, name = _first(tmp_path, demo_db)
    before = len(audit_lines(tmp_path, demo_db))
    out = tmp_path / "kopie.json"
    result = run_process(tmp_path, "export-client", "--db", str(demo_db), "--client", str(client_id), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert fmt.parse(out.read_bytes())["resident"]["name"] == name
    pdf = tmp_path / "kopie.pdf"
    result = run(tmp_path, "export-client", "--db", str(demo_db), "--client", str(client_id), "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert name in body(pdf.read_bytes())
    logged = audit_lines(tmp_path, demo_db)[before:]
    assert [line.split("  ")[-1] for line in logged] == ["kopie voor de inwoner, json", "kopie voor de inwoner, pdf"]
    assert not any(name in line for line in logged)
    refused = run(tmp_path, "export-client", "--db", str(demo_db), "--client", str(client_id), "--out", "x.txt")
    assert_plain_error(refused, ".json of .pdf")


def test_hand_over_then_import_client_on_another_database_and_refuse_it_twice(tmp_path: Path, demo_db: Path) -> None:
    client_id, name = _first(tmp_path, demo_db)
    handed = tmp_path / "overdracht.cso"
    result = run_process(tmp_path, "hand-over", "--db", str(demo_db), "--client", str(client_id), "--out", str(handed))
    assert result.returncode == 0, result.stderr
    found = TRANSFER.search(result.stdout)
    assert found is not None, result.stdout
    transfer = found.group(1)
    colleague = made_demo(tmp_path, "collega.db", "--seed", "8")
    names = names_in(tmp_path, colleague)

    without = run(tmp_path, "import-client", "--db", str(colleague), str(handed))
    assert_plain_error(without, "--transfer-passphrase-file")
    wrong = run(tmp_path, "import-client", "--db", str(colleague), str(handed),
                CLIENTSTEUN_TRANSFER_PASSPHRASE="bakol-tumer-sifan-dorek-mipas-lutav")  # fmt: skip
    assert_plain_error(wrong, "overdrachtswachtwoord")
    assert names_in(tmp_path, colleague) == names

    secret = tmp_path / "overdracht.txt"
    secret.write_text(transfer.upper().replace("-", " ") + "\n", encoding="utf-8")
    imported = run_process(
        tmp_path, "import-client", "--db", str(colleague), str(handed), "--transfer-passphrase-file", str(secret)
    )
    assert imported.returncode == 0, imported.stderr
    assert sorted(names_in(tmp_path, colleague)) == sorted([*names, name])
    again = run(
        tmp_path, "import-client", "--db", str(colleague), str(handed), "--transfer-passphrase-file", str(secret)
    )
    assert_plain_error(again, "kopie met nieuwe nummers")
    copy = run(tmp_path, "import-client", "--db", str(colleague), str(handed), "--as-copy",
               "--transfer-passphrase-file", str(secret))  # fmt: skip
    assert copy.returncode == 0 and "als kopie met nieuwe nummers" in copy.stdout
    assert names_in(tmp_path, colleague).count(name) == 2
    assert not any(name in line for line in audit_lines(tmp_path, colleague))


def test_import_client_asks_for_the_transfer_passphrase_on_a_terminal(tmp_path: Path, demo_db: Path) -> None:
    client_id, name = _first(tmp_path, demo_db)
    handed = tmp_path / "overdracht.cso"
    result = run(tmp_path, "hand-over", "--db", str(demo_db), "--client", str(client_id), "--out", str(handed))
    found = TRANSFER.search(result.stdout)
    assert found is not None
    colleague = made_demo(tmp_path, "collega.db", "--seed", "9")
    code, screen = run_in_terminal(
        tmp_path, ["import-client", "--db", str(colleague), str(handed)], [PASSPHRASE, found.group(1)]
    )
    assert code == 0, screen
    assert "Overdrachtswachtwoord: " in screen and found.group(1) not in screen
    assert name in names_in(tmp_path, colleague)


def test_a_file_that_is_not_a_dossier_is_refused_in_one_line(tmp_path: Path, demo_db: Path) -> None:
    other = tmp_path / "iets.json"
    other.write_text('{"format": "iets anders"}', encoding="utf-8")
    names = names_in(tmp_path, demo_db)
    assert_plain_error(run(tmp_path, "import-client", "--db", str(demo_db), str(other)), "geen dossier")
    assert_plain_error(run(tmp_path, "import-client", "--db", str(demo_db), str(tmp_path / "weg.json")), "bestaat niet")
    assert names_in(tmp_path, demo_db) == names


def test_import_client_keeps_a_catalog_code_it_does_not_know_and_says_so(tmp_path: Path, demo_db: Path) -> None:
    client_id, _name = _first(tmp_path, demo_db)
    copy = tmp_path / "kopie.json"
    assert (
        run(tmp_path, "export-client", "--db", str(demo_db), "--client", str(client_id), "--out", str(copy)).returncode
        == 0
    )
    body = json.loads(copy.read_text(encoding="utf-8"))
    body["resident"]["life_domains"] = ["eigen_leefgebied"]
    copy.write_text(fmt.to_text(body), encoding="utf-8")
    colleague = made_demo(tmp_path, "collega.db", "--seed", "10")

    result = run(tmp_path, "import-client", "--db", str(colleague), str(copy))

    assert result.returncode == 0, result.stderr
    assert "kent niet: leefgebied ‘eigen_leefgebied’" in result.stderr
