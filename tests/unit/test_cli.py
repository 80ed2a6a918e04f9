"""The command line as a user runs it: exit codes, Dutch messages; each command once as a real program."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from clientsteun import __version__, paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START, ClientInput
from clientsteun.services import Services
from clientsteun.store.connection import APPLICATION_ID, SQLITE_HEADER, connect, open_marker, wal_file
from clientsteun.store.database import open_database
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, TEST_KEY
from tests.helpers.cli import (
    TODAY,
    assert_plain_error,
    audit_lines,
    demo,
    made_demo,
    names_in,
    run,
    run_in_terminal,
    run_process,
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_demo(tmp_path_factory.mktemp("cli"), "demo.db", "--seed", "5")


def test_version_prints_the_version(tmp_path: Path) -> None:
    result = run_process(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"clientsteun {__version__}"


@pytest.mark.parametrize(
    "arguments",
    [
        ["clients", "--db", "{db}", "--json"],
        ["search", "--db", "{db}", "huur"],
        ["clients", "--kleur"],
        ["clients", "--db", "{missing}"],
        ["demo", "--help"],
    ],
    ids=["listing", "search", "wrong-usage", "plain-error", "help"],
)
def test_a_command_run_in_the_tests_process_gives_what_the_program_gives(
    tmp_path: Path, demo_db: Path, arguments: list[str]
) -> None:
    """``run`` stands in for ``run_process`` in most tests: the same exit code and output, and the test's
    own process (its environment, folder, umask and standard streams) left as it was."""
    args = [part.format(db=demo_db, missing=tmp_path / "weg.db") for part in arguments]
    umask = os.umask(0o022)
    os.umask(umask)
    before = (dict(os.environ), Path.cwd(), sys.stdin, sys.stdout, sys.stderr)
    inside = run(tmp_path, *args)
    assert (dict(os.environ), Path.cwd(), sys.stdin, sys.stdout, sys.stderr) == before
    assert os.umask(umask) == umask
    outside = run_process(tmp_path, *args)
    assert (inside.returncode, inside.stdout, inside.stderr) == (outside.returncode, outside.stdout, outside.stderr)


def test_demo_reports_what_it_made(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = demo(tmp_path, db, runner=run_process)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("4 inwoners, 20 gesprekken en ")
    assert str(db) in result.stdout
    assert db.is_file()
    assert not db.read_bytes().startswith(SQLITE_HEADER)
    key_file = tmp_path / "demo.db.key"
    assert json.loads(key_file.read_text(encoding="utf-8"))["format"] == "clientsteun-key"
    assert PASSPHRASE.encode() not in key_file.read_bytes()
    assert len(list((tmp_path / "backups").glob("demo-*.key"))) == 1  # the copy that survives a lost key file


def test_demo_with_same_seed_and_date_gives_identical_clients_json(tmp_path: Path) -> None:
    outputs = []
    for name in ("first.db", "second.db"):
        db = tmp_path / name
        assert demo(tmp_path, db, "--seed", "42").returncode == 0
        listed = run(tmp_path, "clients", "--db", str(db), "--json")
        assert listed.returncode == 0, listed.stderr
        outputs.append(listed.stdout)
    assert outputs[0] == outputs[1]
    rows = json.loads(outputs[0])
    assert len(rows) == 4
    assert set(rows[0]) == {
        "id", "display_name", "name", "municipality", "status", "last_contact",
        "open_agreements", "overdue_agreements",
    }  # fmt: skip
    assert {row["status"] for row in rows} <= {"open", "closed"}
    contacts = [row["last_contact"] for row in rows]
    assert contacts == sorted(contacts, reverse=True)  # ISO dates, most recent contact first


def test_demo_refuses_a_database_that_already_has_residents(tmp_path: Path, demo_db: Path) -> None:
    before = run(tmp_path, "clients", "--db", str(demo_db), "--json").stdout
    result = demo(tmp_path, demo_db, "--seed", "6")
    assert_plain_error(result, "al inwoners")
    assert run(tmp_path, "clients", "--db", str(demo_db), "--json").stdout == before


def test_clients_text_output(tmp_path: Path, demo_db: Path) -> None:
    result = run_process(tmp_path, "clients", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "naam" in lines[0]
    assert "laatste contact" in lines[0]
    assert lines[-1] == "4 inwoners"
    assert len(lines) == 1 + 4 + 1


def test_search_json_returns_hits_with_conversation_and_snippet(tmp_path: Path, demo_db: Path) -> None:
    result = run_process(tmp_path, "search", "--db", str(demo_db), "gemeente", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits
    for hit in hits:
        assert isinstance(hit["conversation_id"], int)
        assert isinstance(hit["client_id"], int)
        assert "gemeente" in hit["snippet"].lower()
        assert SNIPPET_START not in hit["snippet"]
        assert SNIPPET_END not in hit["snippet"]
        assert hit["terms"] == ["gemeente"]
        assert len(hit["held_on"]) == 10  # ISO date


def test_search_text_output_marks_hits(tmp_path: Path, demo_db: Path) -> None:
    result = run(tmp_path, "search", "--db", str(demo_db), "huurachter")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].endswith(" gevonden")
    assert int(lines[-1].split()[0]) == (len(lines) - 1) // 2
    assert "*huurachterstand*" in result.stdout


@pytest.mark.parametrize("query", ['"', "NEAR(", "-", "*", "huur*", "'; DROP TABLE clients; --"])
def test_search_with_fts_syntax_never_fails(tmp_path: Path, demo_db: Path, query: str) -> None:
    result = run(tmp_path, "search", "--db", str(demo_db), "--json", "--", query)
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_search_empty_query_finds_nothing(tmp_path: Path, demo_db: Path) -> None:
    result = run(tmp_path, "search", "--db", str(demo_db), "", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_db_option_before_the_command_is_used(tmp_path: Path) -> None:
    db = tmp_path / "voor.db"
    result = run(tmp_path, "--db", str(db), "demo", "--clients", "2", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert db.is_file()
    assert not (tmp_path / "userdata").exists()  # the default database was not touched
    listed = run(tmp_path, "--db", str(db), "clients", "--json")
    assert len(json.loads(listed.stdout)) == 2


def test_database_from_the_environment_is_the_default(tmp_path: Path, demo_db: Path) -> None:
    result = run(tmp_path, "clients", "--json", **{paths.DB_ENV: str(demo_db)})
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4


def test_missing_database_is_a_plain_error_and_is_not_created(tmp_path: Path) -> None:
    db = tmp_path / "bestaat-niet.db"
    for command in (["clients"], ["search", "huur"], ["check"], ["audit"], ["backup", "--out", "kopie.db"]):
        result = run(tmp_path, *command, "--db", str(db))
        assert_plain_error(result, "Dit databasebestand bestaat niet.")
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_default_database_missing_is_a_plain_error(tmp_path: Path) -> None:
    assert_plain_error(run(tmp_path, "clients"), "bestaat niet")
    assert not (tmp_path / "userdata" / "clientsteun.db").exists()


NOT_DATABASES = pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Boodschappenlijst: melk, brood\n", ("geen Clientsteun-database", "niets aan veranderd")),
        (b"", ("leeg (0 bytes)",)),
    ],
    ids=["text-file", "empty-file"],
)


@NOT_DATABASES
def test_file_that_is_not_a_database_is_a_plain_error_and_unchanged(
    tmp_path: Path, content: bytes, words: tuple[str, ...]
) -> None:
    db = tmp_path / "lijst.db"
    db.write_bytes(content)
    for command in (["clients"], ["demo", "--clients", "2"], ["check"], ["backup", "--out", "kopie.db"]):
        assert_plain_error(run(tmp_path, *command, "--db", str(db)), "niets")
        assert db.read_bytes() == content
    assert sorted(path.name for path in tmp_path.iterdir()) == ["lijst.db"]  # no key file made for it


@NOT_DATABASES
def test_file_that_is_not_a_database_is_named_for_what_it_is(
    tmp_path: Path, content: bytes, words: tuple[str, ...]
) -> None:
    db = tmp_path / "lijst.db"
    db.write_bytes(content)
    for command in (["clients"], ["demo", "--clients", "2"]):
        assert_plain_error(run(tmp_path, *command, "--db", str(db)), *words)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--today", "31-02-2026"], ("Deze datum bestaat niet",)),
        (["--today", "2026-11-23"], ("dag-maand-jaar",)),
        (["--clients", "0"], ("1 of meer",)),
    ],
)
def test_demo_wrong_input_is_a_plain_dutch_error(tmp_path: Path, arguments: list[str], words: tuple[str, ...]) -> None:
    db = tmp_path / "demo.db"
    options = {"--clients": "2", "--today": TODAY}
    for flag, value in zip(arguments[::2], arguments[1::2], strict=True):
        options[flag] = value
    flat = [part for pair in options.items() for part in pair]
    assert_plain_error(run(tmp_path, "demo", "--db", str(db), *flat), *words)


def test_demo_on_a_database_open_elsewhere_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "open.db"
    vault = Vault.at(db)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    database = vault.open(key, create=True)
    try:
        result = demo(tmp_path, db, runner=run_process)  # another program has it open
    finally:
        database.close()
    assert_plain_error(result, "al geopend")
    assert demo(tmp_path, db).returncode == 0


@pytest.mark.parametrize(
    ("arguments", "explanation"),
    [
        (["demo"], "dit ontbreekt nog: --clients"),
        (["demo", "--clients", "veel"], "bij --clients hoort een heel getal, niet 'veel'"),
        (["search"], "dit ontbreekt nog: query"),
        (["onbekend"], "onbekende opdracht 'onbekend'"),
        (["clients", "--kleur"], "onbekend: --kleur"),
        (["backup"], "dit ontbreekt nog: --out"),
        (["restore"], "dit ontbreekt nog: --from"),
    ],
)
def test_wrong_usage_exits_with_2_and_a_dutch_explanation(
    tmp_path: Path, arguments: list[str], explanation: str
) -> None:
    result = run(tmp_path, *arguments)
    assert result.returncode == 2
    assert result.stderr.startswith("gebruik: clientsteun")
    assert explanation in result.stderr
    assert "--help" in result.stderr
    assert "usage" not in result.stderr and "error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_dutch(tmp_path: Path) -> None:
    result = run(tmp_path, "demo", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: clientsteun demo")
    assert "toon deze uitleg" in result.stdout and "opties:" in result.stdout
    assert "show this help" not in result.stdout


# --- the passphrase -----------------------------------------------------------------------------


def test_passphrase_from_a_file_opens_the_database(tmp_path: Path, demo_db: Path) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    expected = run(tmp_path, "clients", "--db", str(demo_db), "--json").stdout
    after = run(tmp_path, "clients", "--db", str(demo_db), "--passphrase-file", str(secret), "--json", passphrase=None)
    before = run(tmp_path, "--passphrase-file", str(secret), "clients", "--db", str(demo_db), "--json", passphrase=None)
    for result in (after, before):
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected
    assert len(json.loads(expected)) == 4


def test_passphrase_file_is_used_before_the_environment(tmp_path: Path, demo_db: Path) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")  # no line end: the whole file is the first line
    result = run(
        tmp_path, "clients", "--db", str(demo_db), "--passphrase-file", str(secret), passphrase="iets anders dan dat"
    )
    assert result.returncode == 0, result.stderr


def test_demo_with_a_passphrase_from_a_file_makes_a_database_that_opens_with_it(tmp_path: Path) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text("een ander wachtwoord van mij\n", encoding="utf-8")
    db = tmp_path / "eigen.db"
    made = demo(tmp_path, db, "--passphrase-file", str(secret), passphrase=None)
    assert made.returncode == 0, made.stderr
    assert run(tmp_path, "clients", "--db", str(db), passphrase="een ander wachtwoord van mij").returncode == 0
    assert_plain_error(run(tmp_path, "clients", "--db", str(db)), "wachtwoord klopt niet")


def test_without_a_passphrase_and_without_a_terminal_the_error_says_how_to_give_one(
    tmp_path: Path, demo_db: Path
) -> None:
    before = demo_db.read_bytes()
    result = run(tmp_path, "clients", "--db", str(demo_db), passphrase=None)
    assert_plain_error(result, "Geef het wachtwoord", "--passphrase-file", PASSPHRASE_ENV)
    assert demo_db.read_bytes() == before
    new = tmp_path / "nieuw.db"
    assert_plain_error(demo(tmp_path, new, passphrase=None), "Geef het wachtwoord")
    assert sorted(path.name for path in tmp_path.iterdir()) == []  # no database, no key file


def test_an_unreadable_passphrase_file_is_a_plain_error(tmp_path: Path, demo_db: Path) -> None:
    result = run(tmp_path, "clients", "--db", str(demo_db), "--passphrase-file", "bestaat-niet.txt")
    assert_plain_error(result, "wachtwoordbestand kan niet worden gelezen")


def test_demo_refuses_a_passphrase_that_is_too_short_and_makes_nothing(tmp_path: Path) -> None:
    assert_plain_error(demo(tmp_path, tmp_path / "kort.db", passphrase="geheim"), "Te kort", "10 tekens")
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_wrong_passphrase_is_refused_and_later_shows_in_the_audit_log(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    before = names_in(tmp_path, db)
    wrong = run(tmp_path, "clients", "--db", str(db), passphrase="paarse olifant danst snel")
    assert_plain_error(wrong, "Dit wachtwoord klopt niet", "niets veranderd")
    assert_plain_error(run(tmp_path, "search", "--db", str(db), "huur", passphrase="Paarse olifant danst traag"))
    assert names_in(tmp_path, db) == before
    failed = [line for line in audit_lines(tmp_path, db) if "Mislukte poging om te ontgrendelen" in line]
    assert len(failed) == 2
    assert all(line.startswith(date.today().strftime("%d-%m-%Y")) for line in failed)
    # Moved into the log once: the next unlock does not log them again.
    assert len([line for line in audit_lines(tmp_path, db) if "Mislukte poging" in line]) == 2


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param(["clients", "--db", "{db}", "--passphrase", PASSPHRASE], id="after-command"),
        pytest.param(["clients", "--db", "{db}", f"--passphrase={PASSPHRASE}"], id="with-equals"),
        pytest.param(["--passphrase", PASSPHRASE, "clients", "--db", "{db}"], id="before-command"),
        pytest.param(["clients", "--db", "{db}", "--password", PASSPHRASE], id="password"),
    ],
)
def test_passphrase_as_an_argument_is_refused_as_wrong_usage(
    tmp_path: Path, demo_db: Path, arguments: list[str]
) -> None:
    # Arguments are visible to other users of the computer and kept in the shell history.
    result = run(tmp_path, *[part.replace("{db}", str(demo_db)) for part in arguments], passphrase=None)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("gebruik: clientsteun")
    assert "Traceback" not in result.stderr


# --- backup and restore -------------------------------------------------------------------------


def add_resident(db: Path, catalog: Catalog, name: str) -> None:
    """Change the database the way the app would, with the passphrase the commands use."""
    vault = Vault.at(db)
    services = Services.create(vault.open(vault.unlock(PASSPHRASE)), catalog)
    try:
        services.clients.create_client(ClientInput(name))
    finally:
        services.close()


def test_backup_then_restore_puts_the_data_back_and_keeps_the_replaced_file(tmp_path: Path, catalog: Catalog) -> None:
    db = made_demo(tmp_path)
    original = names_in(tmp_path, db)
    out = tmp_path / "usb" / "reserve.db"
    made = run_process(tmp_path, "backup", "--db", str(db), "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Reservekopie gemaakt en gecontroleerd")
    assert out.is_file()
    assert (tmp_path / "usb" / "reserve.db.key").is_file()
    assert not out.read_bytes().startswith(SQLITE_HEADER)

    add_resident(db, catalog, "Later Toegevoegd")
    assert "Later Toegevoegd" in names_in(tmp_path, db)

    restored = run_process(tmp_path, "restore", "--db", str(db), "--from", str(out))
    assert restored.returncode == 0, restored.stderr
    assert restored.stderr == ""
    assert restored.stdout.startswith("Reservekopie teruggezet.")
    kept = re.search(r"bewaard als (.*)$", restored.stdout, re.MULTILINE)
    assert kept is not None
    aside = Path(kept[1])
    assert re.fullmatch(r"demo\.db\.voor-herstel-\d{8}-\d{6}", aside.name)
    assert aside.parent == db.parent

    assert names_in(tmp_path, db) == original
    key = Vault.at(db).unlock(PASSPHRASE)
    with contextlib.closing(connect(aside, key)) as con:  # the replaced file, with the later change
        assert "Later Toegevoegd" in [row[0] for row in con.execute("SELECT name FROM clients")]
    log = audit_lines(tmp_path, db)
    assert any("Reservekopie gemaakt" in line for line in log)
    assert "Reservekopie teruggezet" in log[-2]
    assert log[-1].endswith("opdrachtregel: lijst van inwoners, 4 regels, JSON")  # names_in after the restore
    check = run(tmp_path, "check", "--db", str(db))
    assert check.returncode == 0, check.stdout


def test_restore_keeps_the_audit_entries_made_after_the_backup(tmp_path: Path) -> None:
    # The log must not lose what happened since the backup: a restore is no way to erase it.
    db = made_demo(tmp_path)
    out = tmp_path / "reserve.db"
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(out)).returncode == 0
    assert run(tmp_path, "audit", "--db", str(db), "--csv", str(tmp_path / "log.csv")).returncode == 0
    assert_plain_error(run(tmp_path, "clients", "--db", str(db), passphrase="niet het goede wachtwoord"))
    assert run(tmp_path, "restore", "--db", str(db), "--from", str(out)).returncode == 0
    log = audit_lines(tmp_path, db)
    assert any("Logboek geëxporteerd" in line for line in log)
    assert any("Mislukte poging om te ontgrendelen" in line for line in log)
    assert "Reservekopie teruggezet" in log[-1]
    assert run(tmp_path, "audit", "--db", str(db)).returncode == 0  # the chain still holds


def test_restore_onto_a_new_computer_uses_the_key_file_carried_with_the_backup(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    original = names_in(tmp_path, db)
    out = tmp_path / "usb" / "reserve.db"
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(out)).returncode == 0

    new = tmp_path / "nieuwe-laptop" / "clientsteun.db"
    restored = run(tmp_path, "restore", "--db", str(new), "--from", str(out))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == "Reservekopie teruggezet.\n"  # nothing was there to keep aside
    assert (new.parent / "clientsteun.db.key").is_file()
    assert names_in(tmp_path, new) == original
    assert "Reservekopie teruggezet" in audit_lines(tmp_path, new)[-2]  # before the listing names_in logged
    assert names_in(tmp_path, db) == original  # the source is untouched


def test_restore_onto_a_new_computer_without_the_key_file_is_a_plain_error(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    out = tmp_path / "usb" / "reserve.db"
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(out)).returncode == 0
    (tmp_path / "usb" / "reserve.db.key").unlink()
    new = tmp_path / "nieuwe-laptop" / "clientsteun.db"
    assert_plain_error(run(tmp_path, "restore", "--db", str(new), "--from", str(out)), "sleutelbestand")
    assert not new.exists()


def test_restore_of_another_databases_backup_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    db = made_demo(tmp_path, "eigen.db")
    other = made_demo(tmp_path, "ander.db")
    out = tmp_path / "ander-reserve.db"
    assert run(tmp_path, "backup", "--db", str(other), "--out", str(out)).returncode == 0
    before = db.read_bytes()
    result = run(tmp_path, "restore", "--db", str(db), "--from", str(out))
    assert_plain_error(result, "andere sleutel", "niets veranderd")
    assert db.read_bytes() == before
    assert not [path for path in tmp_path.iterdir() if "voor-herstel" in path.name]


def test_a_lost_key_file_is_put_back_from_the_copy_among_the_backups(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    key_file = tmp_path / "demo.db.key"
    key_file.unlink()
    assert len(names_in(tmp_path, db)) == 4
    assert key_file.is_file()


def test_backup_onto_the_database_itself_is_refused_and_leaves_it_sound(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    result = run(tmp_path, "backup", "--db", str(db), "--out", str(db))
    assert_plain_error(result)
    assert run(tmp_path, "check", "--db", str(db)).returncode == 0


def test_no_export_replaces_a_file_the_app_keeps_and_none_is_logged(tmp_path: Path) -> None:
    """`audit --csv demo.db` once left a 63-byte CSV where the database was; over the key file
    and its copy it made the database and every backup unreadable."""
    db = made_demo(tmp_path)
    key_files = [tmp_path / "demo.db.key", *(tmp_path / "backups").glob("demo-*.key")]
    kept = {path: path.read_bytes() for path in key_files}
    before = audit_lines(tmp_path, db)
    attempts = [
        ["audit", "--csv", str(db)],
        ["audit", "--csv", str(key_files[0])],
        ["agenda", "--ics", str(key_files[1])],
        ["agenda", "--ics", str(tmp_path / "demo.db-wal")],
        ["backup", "--out", str(key_files[1])],
        ["backup", "--out", str(tmp_path / "backups" / "kopie.db")],
        ["backup", "--out", str(db)],
    ]
    for command in attempts:
        result = run(tmp_path, command[0], "--db", str(db), *command[1:])
        assert_plain_error(result, "hoort bij de database")
    assert {path: path.read_bytes() for path in key_files} == kept
    wal = tmp_path / "demo.db-wal"
    assert not wal.exists() or b"VCALENDAR" not in wal.read_bytes()
    assert run(tmp_path, "check", "--db", str(db)).returncode == 0
    assert audit_lines(tmp_path, db) == before  # a refused export is not logged as one


def test_a_backup_is_logged_only_after_it_was_made(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    before = audit_lines(tmp_path, db)
    assert_plain_error(run(tmp_path, "backup", "--db", str(db), "--out", str(tmp_path)))  # a folder
    assert audit_lines(tmp_path, db) == before
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(tmp_path / "kopie.db")).returncode == 0
    assert "Reservekopie" in audit_lines(tmp_path, db)[-1]


# --- a database from before encryption ---------------------------------------------------------


def plain_database(path: Path, catalog: Catalog, name: str) -> None:
    """An unencrypted Clientsteun database, as versions before encryption left it."""
    tmp = path.with_name("voorlopig.db")
    services = Services.create(open_database(tmp, TEST_KEY), catalog)
    try:
        services.clients.create_client(ClientInput(name))
    finally:
        services.close()
    with contextlib.closing(connect(tmp, TEST_KEY)) as con:
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(path),))
        con.execute("SELECT sqlcipher_export('plain')")
        con.execute(f"PRAGMA plain.application_id = {APPLICATION_ID}")
        con.execute("DETACH DATABASE plain")
    for leftover in tmp.parent.glob("voorlopig.db*"):
        leftover.unlink()
    assert path.read_bytes().startswith(SQLITE_HEADER)


def test_a_database_from_before_encryption_is_encrypted_by_the_first_command(tmp_path: Path, catalog: Catalog) -> None:
    db = tmp_path / "oud.db"
    plain_database(db, catalog, "Oude Bekende")
    before = db.read_bytes()
    weak = run(tmp_path, "clients", "--db", str(db), passphrase="kort")
    assert_plain_error(weak, "Te kort")
    assert db.read_bytes() == before
    assert not (tmp_path / "oud.db.key").exists()

    assert names_in(tmp_path, db) == ["Oude Bekende"]
    content = db.read_bytes()
    assert not content.startswith(SQLITE_HEADER)
    assert b"Oude Bekende" not in content
    [backup] = (tmp_path / "backups").glob("oud-*-versleuteld.db")
    assert b"Oude Bekende" not in backup.read_bytes()
    assert not [path.name for path in tmp_path.iterdir() if "plaintext" in path.name or "encrypting" in path.name]
    assert run(tmp_path, "check", "--db", str(db)).returncode == 0


def test_encryption_by_a_command_is_in_the_audit_log(tmp_path: Path, catalog: Catalog) -> None:
    db = tmp_path / "oud.db"
    plain_database(db, catalog, "Oude Bekende")
    assert any("Database versleuteld" in line for line in audit_lines(tmp_path, db))


def test_check_on_a_database_from_before_encryption_says_it_is_not_encrypted(tmp_path: Path, catalog: Catalog) -> None:
    db = tmp_path / "oud.db"
    plain_database(db, catalog, "Oude Bekende")
    result = run(tmp_path, "check", "--db", str(db))
    assert "bestaat niet" not in result.stderr
    assert "niet versleuteld" in result.stdout + result.stderr


# --- check --------------------------------------------------------------------------------------


def test_check_on_a_sound_database_says_so_and_exits_0(tmp_path: Path, demo_db: Path) -> None:
    result = run_process(tmp_path, "check", "--db", str(demo_db))
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""
    assert "PROBLEEM" not in result.stdout
    assert result.stdout.splitlines()[0].startswith("Database: in orde")
    assert "Logboek: in orde." in result.stdout
    assert "Reservekopieën:" in result.stdout


def test_check_on_a_damaged_database_reports_the_problem_in_dutch_and_exits_1(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    content = bytearray(db.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 64] = bytes(byte ^ 0xFF for byte in content[middle : middle + 64])
    db.write_bytes(bytes(content))
    result = run(tmp_path, "check", "--db", str(db))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEEM: database")]
    assert problems
    assert db.read_bytes() == bytes(content)  # checking changes nothing


def test_check_notices_a_write_ahead_log_lost_after_a_crash(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    (tmp_path / "demo.db.open").touch()  # an instance crashed, and its -wal file is gone since
    result = run(tmp_path, "check", "--db", str(db))
    assert result.returncode == 1, result.stdout
    assert "PROBLEEM: het logbestand (-wal) ontbreekt" in result.stdout


def test_check_with_the_wrong_passphrase_is_a_plain_error(tmp_path: Path, demo_db: Path) -> None:
    assert_plain_error(run(tmp_path, "check", "--db", str(demo_db), passphrase="verkeerd wachtwoord"), "klopt niet")


# --- the audit log ------------------------------------------------------------------------------


def test_audit_csv_is_excel_friendly_and_the_export_itself_is_logged(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    assert run(tmp_path, "backup", "--db", str(db), "--out", str(tmp_path / "reserve.db")).returncode == 0
    target = tmp_path / "export" / "logboek.csv"
    result = run_process(tmp_path, "audit", "--db", str(db), "--csv", str(target))
    assert result.returncode == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so Excel reads the accents right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["nr", "datum", "tijd", "handeling", "inwoner", "gebruiker", "toelichting", "hash"]
    assert result.stdout.startswith(f"{len(rows) - 1} regels geschreven naar ")
    assert any(row[3] == "Reservekopie gemaakt" for row in rows[1:])
    assert all(re.fullmatch(r"\d\d-\d\d-\d{4}", row[1]) and len(row[7]) == 64 for row in rows[1:])
    log = audit_lines(tmp_path, db)
    assert len(log) == len(rows)  # the export's own line came after it
    assert "Logboek geëxporteerd" in log[-1]


def test_audit_of_a_new_database_is_empty(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    assert audit_lines(tmp_path, db) == []


# --- nothing readable on disk -------------------------------------------------------------------


def test_database_its_log_and_backups_hold_no_readable_names_or_notes(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    vault = Vault.at(db)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    vault.open(key, create=True).close()
    # A reader keeps the write-ahead log alive, so what the demo writes stays in it after it exits.
    with contextlib.closing(connect(db, key)) as reader:
        reader.execute("SELECT count(*) FROM clients").fetchone()
        made = demo(tmp_path, db)
        assert made.returncode == 0, made.stderr
        assert run(tmp_path, "backup", "--db", str(db), "--out", str(tmp_path / "reserve.db")).returncode == 0
        assert wal_file(db).stat().st_size > 100_000
        names = sorted({row[0] for row in reader.execute("SELECT name FROM clients")})
        stored = {path.name: path.read_bytes() for path in (db, wal_file(db))}
    for path in (tmp_path / "reserve.db", *(tmp_path / "backups").iterdir()):
        stored[path.name] = path.read_bytes()
    assert len(names) >= 3
    secrets = [name.encode() for name in names] + [b"huurachterstand", b"gemeente", b"CREATE TABLE"]

    # The search does find them where they are stored in plain text.
    plain = tmp_path / "ontsleuteld.db"
    with contextlib.closing(connect(db, key)) as con:
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        con.execute("SELECT sqlcipher_export('plain')")
        con.execute("DETACH DATABASE plain")
    assert all(secret in plain.read_bytes() for secret in secrets)

    assert sorted(name.split("-")[0] if name.endswith(".key") else name for name in stored) == [
        "demo",  # the key file's copy, named by the database's id
        "demo.db",
        "demo.db-wal",
        "reserve.db",
    ]
    for name, content in stored.items():
        assert content, name
        assert [secret for secret in secrets if secret in content] == [], name


def test_check_right_after_a_crash_folds_the_log_without_a_false_alarm(tmp_path: Path) -> None:
    # A crashed app leaves its .open marker and a -wal; checking folds the -wal into the database.
    db = made_demo(tmp_path)
    open_marker(db).touch()
    wal_file(db).write_bytes(b"")  # an empty log, as a crash right after a checkpoint leaves it
    first = run(tmp_path, "check", "--db", str(db))
    assert first.returncode == 0, first.stdout
    assert "PROBLEEM" not in first.stdout
    second = run(tmp_path, "check", "--db", str(db))
    assert second.returncode == 0 and "PROBLEEM" not in second.stdout, "the folded log is no lost log"


def test_on_a_terminal_a_new_database_asks_the_passphrase_twice_without_echo(tmp_path: Path) -> None:
    db = tmp_path / "nieuw.db"
    code, screen = run_in_terminal(
        tmp_path, ["demo", "--db", str(db), "--clients", "2", "--today", TODAY], [PASSPHRASE, PASSPHRASE]
    )
    assert code == 0, screen
    assert "Kies een wachtwoord voor de nieuwe database: " in screen and "Nog een keer: " in screen
    assert PASSPHRASE not in screen, "the passphrase is not echoed"
    code, screen = run_in_terminal(tmp_path, ["clients", "--db", str(db)], [PASSPHRASE])
    assert code == 0, screen
    assert "Wachtwoord: " in screen and "2 inwoners" in screen


def test_on_a_terminal_two_different_passphrases_make_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nieuw.db"
    code, screen = run_in_terminal(
        tmp_path, ["demo", "--db", str(db), "--clients", "2"], [PASSPHRASE, PASSPHRASE + " anders"]
    )
    assert code == 1
    assert "niet gelijk" in screen and "Traceback" not in screen
    assert list(tmp_path.glob("nieuw.db*")) == []
