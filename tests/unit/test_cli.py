"""The command line as a user runs it: real subprocesses, exit codes, Dutch messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clientsteun import __version__, paths
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START
from clientsteun.store.database import open_database

TODAY = "23-11-2026"


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment[paths.DATA_ENV] = str(tmp_path / "userdata")
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "clientsteun", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


def demo(tmp_path: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(tmp_path, "demo", "--db", str(db), "--clients", "4", "--conversations", "20",
               "--today", TODAY, *extra)  # fmt: skip


def assert_plain_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("clientsteun: ")
    assert result.stderr.count("\n") == 1  # one line, no traceback
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    db = folder / "demo.db"
    result = demo(folder, db, "--seed", "5")
    assert result.returncode == 0, result.stderr
    return db


def test_version_prints_the_version(tmp_path: Path) -> None:
    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"clientsteun {__version__}"


def test_demo_reports_what_it_made(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = demo(tmp_path, db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("4 inwoners, 20 gesprekken en ")
    assert str(db) in result.stdout
    assert db.is_file()


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
    result = run(tmp_path, "clients", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "naam" in lines[0]
    assert "laatste contact" in lines[0]
    assert lines[-1] == "4 inwoners"
    assert len(lines) == 1 + 4 + 1


def test_search_json_returns_hits_with_conversation_and_snippet(
    tmp_path: Path, demo_db: Path
) -> None:
    result = run(tmp_path, "search", "--db", str(demo_db), "gemeente", "--json")
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
    for command in (["clients"], ["search", "huur"]):
        result = run(tmp_path, *command, "--db", str(db))
        assert_plain_error(result, "Dit databasebestand bestaat niet.")
    assert not db.exists()


def test_default_database_missing_is_a_plain_error(tmp_path: Path) -> None:
    assert_plain_error(run(tmp_path, "clients"), "bestaat niet")
    assert not (tmp_path / "userdata" / "clientsteun.db").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Boodschappenlijst: melk, brood\n", ("geen Clientsteun-database", "niets aan veranderd")),
        (b"", ("leeg (0 bytes)",)),
    ],
    ids=["text-file", "empty-file"],
)
def test_file_that_is_not_a_database_is_a_plain_error_and_unchanged(
    tmp_path: Path, content: bytes, words: tuple[str, ...]
) -> None:
    db = tmp_path / "lijst.db"
    db.write_bytes(content)
    for command in (["clients"], ["demo", "--clients", "2"]):
        assert_plain_error(run(tmp_path, *command, "--db", str(db)), *words)
        assert db.read_bytes() == content


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--today", "31-02-2026"], ("Deze datum bestaat niet",)),
        (["--today", "2026-11-23"], ("dag-maand-jaar",)),
        (["--clients", "0"], ("1 of meer",)),
    ],
)
def test_demo_wrong_input_is_a_plain_dutch_error(
    tmp_path: Path, arguments: list[str], words: tuple[str, ...]
) -> None:
    db = tmp_path / "demo.db"
    options = {"--clients": "2", "--today": TODAY}
    for flag, value in zip(arguments[::2], arguments[1::2], strict=True):
        options[flag] = value
    flat = [part for pair in options.items() for part in pair]
    assert_plain_error(run(tmp_path, "demo", "--db", str(db), *flat), *words)


def test_demo_on_a_database_open_elsewhere_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "open.db"
    database = open_database(db, exclusive=True)
    try:
        result = demo(tmp_path, db)
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
