"""The command line under bad input and failing files: one Dutch line, never a traceback, never names unlogged."""

from __future__ import annotations

import contextlib
import json
import time
from datetime import date
from pathlib import Path

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import AgreementInput, ClientInput
from clientsteun.services import Services
from clientsteun.store.connection import connect
from clientsteun.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import TODAY, assert_plain_error, audit_lines, made_demo, names_in, run
from tests.helpers.read_only import namespaces_allowed, run_read_only

needs_namespaces = pytest.mark.skipif(
    not namespaces_allowed(), reason="needs Linux mount namespaces (unshare -rm) for a read-only file system"
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_demo(tmp_path_factory.mktemp("errors"))


# --- output that names people is logged first ---------------------------------------------------


@pytest.mark.parametrize(
    ("command", "detail"),
    [
        (["clients"], "opdrachtregel: lijst van inwoners, 4 regels"),
        (["clients", "--json"], "opdrachtregel: lijst van inwoners, 4 regels, JSON"),
        (["search", "huurachterstand"], "opdrachtregel: zoekresultaten, {hits} treffers"),
        (["search", "huurachterstand", "--json"], "opdrachtregel: zoekresultaten, {hits} treffers, JSON"),
        (["deadlines", "--within", "36500"], "opdrachtregel: termijnen, {deadlines} regels"),
        (["deadlines", "--within", "36500", "--json"], "opdrachtregel: termijnen, {deadlines} regels, JSON"),
    ],
    ids=["clients", "clients-json", "search", "search-json", "deadlines", "deadlines-json"],
)
def test_output_that_names_people_is_in_the_audit_log_without_names(
    tmp_path: Path, command: list[str], detail: str
) -> None:
    db = made_demo(tmp_path)
    names = names_in(tmp_path, db)
    before = audit_lines(tmp_path, db)
    result = run(tmp_path, command[0], "--db", str(db), *command[1:])
    assert result.returncode == 0, result.stderr
    hits = len(json.loads(run(tmp_path, "search", "--db", str(db), "huurachterstand", "--json").stdout))
    deadlines = len(json.loads(run(tmp_path, "deadlines", "--db", str(db), "--within", "36500", "--json").stdout))
    assert hits > 1 and deadlines > 1
    added = audit_lines(tmp_path, db)[len(before) :]
    assert added[0].endswith(detail.format(hits=hits, deadlines=deadlines)), added[0]
    assert "Gegevens geëxporteerd" in added[0]
    assert not any(part in added[0] for name in names for part in name.split())
    assert "huurachterstand" not in added[0]  # no search words either


@needs_namespaces
@pytest.mark.parametrize(
    "command",
    [["clients"], ["clients", "--json"], ["search", "huur"], ["deadlines", "--within", "36500", "--json"]],
    ids=["clients", "clients-json", "search", "deadlines-json"],
)
def test_when_the_log_cannot_be_written_no_names_are_shown(tmp_path: Path, command: list[str]) -> None:
    """The database file on a read-only file system: it can be read, but no line can be added to its log."""
    db = made_demo(tmp_path)
    names = names_in(tmp_path, db)
    before = audit_lines(tmp_path, db)
    result = run_read_only(tmp_path, db, command[0], "--db", str(db), *command[1:])
    assert_plain_error(result, "alleen-lezen", "niets getoond")
    assert not any(name in result.stderr for name in names)
    assert audit_lines(tmp_path, db) == before


@needs_namespaces
def test_in_a_read_only_folder_commands_say_so_in_one_dutch_line(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    db = made_demo(folder)
    for command in (["clients"], ["search", "huur"], ["check"], ["audit"]):
        result = run_read_only(tmp_path, folder, command[0], "--db", str(db), *command[1:])
        assert_plain_error(result, "alleen")


# --- bad paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["clients", "--db", "{loop}"],
        ["check", "--db", "{loop}"],
        ["demo", "--db", "{loop}", "--clients", "2"],
        ["clients", "--db", "{db}", "--passphrase-file", "{loop}"],
        ["audit", "--db", "{db}", "--csv", "{loop}"],
        ["agenda", "--db", "{db}", "--ics", "{loop}"],
        ["backup", "--db", "{db}", "--out", "{loop}"],
        ["restore", "--db", "{db}", "--from", "{loop}"],
    ],
    ids=["clients", "check", "demo", "passphrase-file", "audit-csv", "agenda-ics", "backup", "restore"],
)
def test_a_symlink_loop_anywhere_is_a_plain_error(tmp_path: Path, demo_db: Path, command: list[str]) -> None:
    loop = tmp_path / "kring"
    loop.symlink_to(tmp_path / "kring2")
    (tmp_path / "kring2").symlink_to(loop)
    result = run(tmp_path, *[part.format(loop=loop, db=demo_db) for part in command])
    assert_plain_error(result)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kring", "kring2"]


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("{folder}", ("map",)),
        ("{file}/logboek.csv", ("niet worden opgeslagen",)),
        ("/proc/logboek.csv", ("niet worden opgeslagen",)),
    ],
    ids=["a-folder", "below-a-file", "unwritable"],
)
def test_an_audit_csv_that_cannot_be_written_is_a_plain_error_and_not_logged(
    tmp_path: Path, target: str, words: tuple[str, ...]
) -> None:
    db = made_demo(tmp_path)
    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    before = audit_lines(tmp_path, db)
    result = run(tmp_path, "audit", "--db", str(db), "--csv", target.format(folder=tmp_path, file=tmp_path / "bestand"))
    assert_plain_error(result, *words)
    assert audit_lines(tmp_path, db) == before


# --- numbers out of bounds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["demo", "--clients", "99999999999999999999999"], ("--clients", "hoogstens 100.000")),
        (["demo", "--clients", "100001"], ("--clients", "hoogstens 100.000")),
        (["demo", "--clients", "2", "--conversations", "99999999999999999999"], ("--conversations", "1.000.000")),
        (["demo", "--clients", "2", "--conversations", "-1"], ("--conversations", "0 of meer")),
        (["deadlines", "--within", "99999999999999999999"], ("--within", "hoogstens 100.000")),
        (["agenda", "--ics", "agenda.ics", "--within", "99999999999999999999"], ("--within", "hoogstens 100.000")),
    ],
    ids=["clients-huge", "clients-above", "conversations-huge", "conversations-negative", "deadlines", "agenda"],
)
def test_a_number_out_of_bounds_is_a_plain_error_at_once_and_makes_nothing(
    tmp_path: Path, command: list[str], words: tuple[str, ...]
) -> None:
    db = tmp_path / "nieuw.db"
    started = time.monotonic()
    today = ["--today", TODAY] if command[0] == "demo" else []
    result = run(tmp_path, command[0], "--db", str(db), *command[1:], *today)
    assert time.monotonic() - started < 30
    assert_plain_error(result, *words)
    assert list(tmp_path.glob("nieuw.db*")) == []


# --- an agenda item no calendar can hold ----------------------------------------------------------


def agreement_due_in_9999(db: Path, catalog: Catalog) -> None:
    """An open agreement stored before dates were limited to 1900-2200, as far ahead as a date goes."""
    vault = Vault.at(db)
    key = vault.unlock(PASSPHRASE)
    services = Services.create(vault.open(key), catalog)
    try:
        client = services.clients.create_client(ClientInput("Jet Verzonnen"))
        data = AgreementInput(client.id, "Brief sturen", "inwoner", date(2027, 1, 4))
        made = services.agreements.save_agreement(None, data)
    finally:
        services.close()
    with contextlib.closing(connect(db, key)) as connection:
        connection.execute("UPDATE agreements SET due_on = '9999-12-31' WHERE id = ?", (made.id,))
        connection.commit()


def test_the_agenda_says_how_many_items_it_left_out_and_why(tmp_path: Path, catalog: Catalog) -> None:
    db = made_demo(tmp_path)
    target = tmp_path / "agenda.ics"
    written = run(tmp_path, "agenda", "--db", str(db), "--ics", str(target))
    assert written.returncode == 0, written.stderr
    count = int(written.stdout.split()[0])
    agreement_due_in_9999(db, catalog)
    result = run(tmp_path, "agenda", "--db", str(db), "--ics", str(target))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{count} punten geschreven naar ")
    assert lines[1:] == [
        "Let op: 1 punt weggelaten: de datum ligt buiten 1900-2200 en past in geen agenda. "
        "Verbeter die datum in het dossier."
    ]
    assert target.read_text(encoding="utf-8").count("BEGIN:VEVENT") == count
    assert audit_lines(tmp_path, db)[-1].endswith(f"agenda .ics, {count} punten, met namen, 1 weggelaten")
