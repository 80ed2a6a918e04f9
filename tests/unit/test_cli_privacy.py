"""The command line's erase-client and retention: the passphrase asked again on a terminal, --yes for
scripts, backups rewritten on request, and every erasure and anonymisation in the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from clientsteun import paths
from clientsteun.domain.catalog import load_catalog
from clientsteun.services import Services
from clientsteun.store.backups import BackupFolder
from clientsteun.store.database import open_database, read_database_id
from clientsteun.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import assert_plain_error, audit_lines, made_demo, names_in, run, run_in_terminal, run_process
from tests.helpers.pages import pages_holding
from tests.helpers.privacy import Identifying, make_resident


@contextmanager
def _services(db: Path) -> Iterator[Services]:
    built = Services.create(open_database(db, Vault.at(db).unlock(PASSPHRASE)), load_catalog(paths.catalog_dir()))
    try:
        yield built
    finally:
        built.close()


def _resident(db: Path, seed: int, *, closed: bool = False) -> tuple[int, Identifying]:
    with _services(db) as services:
        client_id, words = make_resident(services, seed)
        if closed:
            services.clients.close_client(client_id, date(2026, 4, 2), "verhuisd")
    return client_id, words


def test_erase_client_with_yes_erases_for_good_and_logs_it(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    client_id, words = _resident(db, seed=40)
    result = run(tmp_path, "erase-client", "--db", str(db), "--client", str(client_id), "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Inwoner nr {client_id} is voorgoed gewist.\n"
    assert f"Anna {words.words['name']}" not in names_in(tmp_path, db)
    assert pages_holding(db, Vault.at(db).unlock(PASSPHRASE), *words.all) == set()
    assert any("Gegevens gewist" in line and f" {client_id} " in f" {line} " for line in audit_lines(tmp_path, db))
    assert not any(word in line for line in audit_lines(tmp_path, db) for word in words.all)


def test_erase_client_off_a_terminal_without_yes_refuses_and_changes_nothing(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    client_id, words = _resident(db, seed=41)
    result = run(tmp_path, "erase-client", "--db", str(db), "--client", str(client_id))
    assert_plain_error(result, "--yes", "niet ongedaan")
    assert f"Anna {words.words['name']}" in names_in(tmp_path, db)


def test_erase_client_on_a_terminal_asks_the_passphrase_again(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    client_id, words = _resident(db, seed=42)
    args = ["erase-client", "--db", str(db), "--client", str(client_id)]

    code, screen = run_in_terminal(tmp_path, args, [PASSPHRASE, "niet het goede wachtwoord"])
    assert code == 1, screen
    assert "Typ het wachtwoord nog een keer" in screen and "Er is niets veranderd" in screen
    assert f"Anna {words.words['name']}" in names_in(tmp_path, db)

    code, screen = run_in_terminal(tmp_path, args, [PASSPHRASE, PASSPHRASE])
    assert code == 0, screen
    assert f"Inwoner nr {client_id}: {words.words['alias']}, eerste contact 17-03-2026" in screen
    assert any("naam bij wissen" in line for line in audit_lines(tmp_path, db))  # the name shown is logged
    assert f"Inwoner nr {client_id} is voorgoed gewist." in screen
    assert f"Anna {words.words['name']}" not in names_in(tmp_path, db)


def test_erase_client_names_the_resident_only_when_standard_error_is_a_terminal(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    client_id, words = _resident(db, seed=44)
    errors = tmp_path / "fouten.log"  # as a script's "2>fouten.log"
    args = ["erase-client", "--db", str(db), "--client", str(client_id)]

    code, screen = run_in_terminal(tmp_path, args, [PASSPHRASE, PASSPHRASE], stderr_to=errors)

    assert code == 0, screen
    written = errors.read_text(encoding="utf-8")
    assert f"Inwoner nr {client_id}: deze inwoner" in written and "eerste contact 17-03-2026" in written
    assert not any(word in written or word in screen for word in words.all)
    assert not any("naam bij wissen" in line for line in audit_lines(tmp_path, db))  # no name was shown
    assert any("Gegevens gewist" in line for line in audit_lines(tmp_path, db))


def test_erase_client_rewrites_the_backups_on_request(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    client_id, words = _resident(db, seed=43)
    key = Vault.at(db).unlock(PASSPHRASE)
    folder = BackupFolder.beside(db, read_database_id(db, key))
    backup = folder.make(db, key, reason="dagelijks", now=datetime(2026, 11, 22, 9, 0)).path
    assert pages_holding(backup, key, words.words["notes"]) == {words.words["notes"]}

    result = run_process(
        tmp_path, "erase-client", "--db", str(db), "--client", str(client_id), "--yes", "--rewrite-backups"
    )

    assert result.returncode == 0, result.stderr
    assert "Automatische reservekopieën met deze inwoner: 1" in result.stderr
    assert result.stdout.endswith("Reservekopieën herschreven: 1.\n")
    assert pages_holding(backup, key, *words.all) == set()
    assert any("Reservekopieën herschreven" in line for line in audit_lines(tmp_path, db))


def test_retention_lists_dossiers_past_the_period(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    closed, _words = _resident(db, seed=44, closed=True)
    result = run(tmp_path, "retention", "--db", str(db), "--json")
    assert_plain_error(result, "bewaartermijn")  # none chosen in the app's settings
    result = run(tmp_path, "retention", "--db", str(db), "--months", "1", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [(row["id"], row["gesloten_op"], row["termijn_verstreken_op"]) for row in listed] == [
        (closed, "2026-04-02", "2026-05-02")
    ]
    text = run(tmp_path, "retention", "--db", str(db), "--months", "1")
    assert text.stdout.splitlines()[-1] == "1 dossiers langer dan 1 maanden gesloten"


def test_retention_anonymises_and_erases_only_what_is_on_the_list(tmp_path: Path) -> None:
    db = made_demo(tmp_path)
    first, first_words = _resident(db, seed=45, closed=True)
    second, second_words = _resident(db, seed=46, closed=True)
    still_open, _words = _resident(db, seed=47)
    refused = run(tmp_path, "retention", "--db", str(db), "--months", "1", "--erase", str(still_open), "--yes")
    assert_plain_error(refused, f"Nr {still_open}", "niets veranderd")

    anonymised = run(tmp_path, "retention", "--db", str(db), "--months", "1", "--anonymise", str(first), "--yes")
    assert anonymised.returncode == 0, anonymised.stderr
    assert anonymised.stdout == "1 dossiers geanonimiseerd.\n"
    erased = run(tmp_path, "retention", "--db", str(db), "--months", "1", "--erase", str(second), "--yes")
    assert erased.stdout == "1 dossiers voorgoed gewist.\n"

    names = names_in(tmp_path, db)
    assert "Geanonimiseerd" in names and f"Anna {second_words.words['name']}" not in names
    key = Vault.at(db).unlock(PASSPHRASE)
    assert pages_holding(db, key, *first_words.all, *second_words.all) == set()
    log = audit_lines(tmp_path, db)
    assert any("Dossier geanonimiseerd" in line for line in log)
