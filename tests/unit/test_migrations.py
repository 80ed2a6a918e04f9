"""Upgrading from every earlier schema revision keeps every row; a kill mid-upgrade leaves old or new."""

from __future__ import annotations

import contextlib
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.meetings import Answer, MeetingInput
from clientsteun.domain.routes import StepInput
from clientsteun.store import schema
from clientsteun.store.backups import BackupFolder, verify_file
from clientsteun.store.connection import APPLICATION_ID, SCHEMA_REVISION, connect
from clientsteun.store.database import make_engine, open_database, read_database_id, read_revision
from tests.conftest import TEST_KEY, FakeClock
from tests.helpers.databases import opened
from tests.unit.seeds import build_at_revision, seed_file

REVISIONS = schema.revisions()
OLDER = REVISIONS[:-1]
KILLS = 8
KILL_CONVERSATIONS = 12_000  # about 20 MB: the backup before the upgrade takes a few tenths of a second
CHILD_TIMEOUT_S = 30.0

# Opens (and so upgrades) the database given as argv[1] with the key in argv[2] once told to on stdin.
CHILD = """
import sys
from pathlib import Path
from clientsteun.store.database import open_database
path, key = Path(sys.argv[1]), bytes.fromhex(sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
open_database(path, key, exclusive=True, create=False).close()
print("done", flush=True)
"""


def _at_revision(path: Path, revision: str, *, extra_conversations: int = 0) -> None:
    """An encrypted database as an older version of the app left it, with data in every table."""
    build_at_revision(make_engine(path, TEST_KEY, foreign_keys=False), revision)
    if extra_conversations:
        words = ("huur", "schuld", "woning", "gesprek", "brief", "gemeente", "toeslag", "zorg", "werk", "regeling")
        rng = random.Random(revision)
        rows = [(" ".join(rng.choice(words) for _ in range(120)),) for _ in range(extra_conversations)]
        with contextlib.closing(connect(path, TEST_KEY)) as connection:
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO conversations (client_id, held_on, kind, medium, contact_made, participants, "
                "notes, created_at, updated_at) VALUES (1, '2026-01-01', 'other', '', 1, '', ?, "
                "'2026-01-01 10:00:00.000000', '2026-01-01 10:00:00.000000')",
                rows,
            )
            connection.execute("COMMIT")


def _tables(connection: Any) -> list[str]:
    """The tables that hold data, without SQLite's own and the shadow tables of full-text indexes."""
    rows = connection.execute("SELECT name, type, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, _type, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return sorted(
        name
        for name, _type, _sql in rows
        if not name.startswith("sqlite_")
        and name != "alembic_version"
        and not any(name.startswith(table + "_") for table in virtual)
    )


def _counts(path: Path) -> dict[str, int]:
    with contextlib.closing(connect(path, TEST_KEY, read_only=True)) as connection:
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in _tables(connection)
        }


def test_revisions_run_oldest_first_up_to_the_head() -> None:
    assert REVISIONS[-1] == schema.head_revision() == SCHEMA_REVISION
    assert len(set(REVISIONS)) == len(REVISIONS)
    assert OLDER, "there is no earlier revision to upgrade from"


@pytest.mark.parametrize("revision", OLDER)
def test_every_earlier_revision_has_seed_data(revision: str) -> None:
    assert seed_file(revision).is_file(), f"add tests/unit/seeds/{revision}.sql filling every table of {revision}"


@pytest.mark.parametrize("revision", OLDER)
def test_upgrade_from_an_earlier_revision_keeps_every_row(db_path: Path, revision: str) -> None:
    _at_revision(db_path, revision)
    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, revision)
    before = _counts(db_path)
    empty = [table for table, count in before.items() if count == 0]
    assert not empty, f"seed {revision}.sql leaves these tables empty: {empty}"

    database = open_database(db_path, TEST_KEY, exclusive=True, create=False, check=True)
    database.close()

    assert read_revision(db_path, TEST_KEY) == (APPLICATION_ID, SCHEMA_REVISION)
    after = _counts(db_path)
    assert {table: after[table] for table in before} == before
    assert set(after) >= set(before)

    folder = BackupFolder.beside(db_path, read_database_id(db_path, TEST_KEY))
    made = [backup for backup in folder.backups() if backup.reason == "voor-bijwerken"]
    assert len(made) == 1
    assert verify_file(made[0].path, TEST_KEY) == []
    assert read_revision(made[0].path, TEST_KEY) == (APPLICATION_ID, revision)
    assert _counts(made[0].path) == before

    open_database(db_path, TEST_KEY, create=False).close()  # up to date now: no second backup
    assert len(folder.backups()) == 1


@pytest.mark.parametrize("revision", OLDER)
def test_full_text_search_survives_the_upgrade(db_path: Path, revision: str) -> None:
    _at_revision(db_path, revision)
    open_database(db_path, TEST_KEY, create=False).close()
    with contextlib.closing(connect(db_path, TEST_KEY)) as connection:
        hits = connection.execute(
            "SELECT rowid FROM conversation_fts WHERE conversation_fts MATCH 'huurachterstand'"
        ).fetchall()
        problems = connection.execute("INSERT INTO conversation_fts(conversation_fts) VALUES ('integrity-check')")
        assert problems.fetchall() == []
    assert hits == [(1,)]


@pytest.mark.parametrize("revision", [revision for revision in OLDER if revision < "0005"])  # 0005 made the id
def test_upgrade_gives_the_database_a_random_id_and_closes_the_audit_log_to_replace(
    db_path: Path, tmp_path: Path, revision: str
) -> None:
    twin = tmp_path / "tweeling.db"
    _at_revision(db_path, revision)
    shutil.copyfile(db_path, twin)
    for path in (db_path, twin):
        open_database(path, TEST_KEY, create=False).close()
    ids = {read_database_id(path, TEST_KEY) for path in (db_path, twin)}
    assert len(ids) == 2 and all(re.fullmatch(r"[0-9a-f]{16}", ident) for ident in ids), ids
    with contextlib.closing(connect(db_path, TEST_KEY, read_only=True)) as connection:
        triggers = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace"} <= triggers


STEP_DATES = ("sent_on", "received_on", "new_due_on")  # added by 0004


@pytest.mark.parametrize("revision", [revision for revision in OLDER if revision < "0004"])
def test_upgrade_adds_the_step_dates_empty_and_optional(db_path: Path, revision: str) -> None:
    _at_revision(db_path, revision)
    open_database(db_path, TEST_KEY, create=False).close()
    with contextlib.closing(connect(db_path, TEST_KEY, read_only=True)) as connection:
        columns = {row[1]: row for row in connection.execute("PRAGMA table_info(route_steps)")}
        counts = connection.execute(
            "SELECT count(*), count(sent_on), count(received_on), count(new_due_on) FROM route_steps"
        ).fetchone()
    assert all(columns[name][2] == "DATE" and columns[name][3] == 0 for name in STEP_DATES)  # type, not null
    assert counts == ((6 if revision >= "0003" else 0), 0, 0, 0)  # 0003.sql has six steps


def test_steps_of_an_upgraded_database_read_without_dates_and_take_them(
    db_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    _at_revision(db_path, "0003")
    with opened(db_path, catalog, clock, create=False) as services:
        views = services.routes.list_routes(1) + services.routes.list_routes(3)
        steps = [step.data for view in views for step in view.route.steps]
        assert len(steps) == 6
        assert all((data.sent_on, data.received_on, data.new_due_on) == (None, None, None) for data in steps)
        # The decision belongs to the application (route 1); the objection route (2) takes it from there.
        application = next(view for view in views if view.route.id == 1)
        decision = next(s for s in application.route.steps if s.data.kind == "decision")
        dated = replace(decision.data, sent_on=date(2026, 4, 22), received_on=date(2026, 4, 24))
        assert services.routes.save_step(decision.id, dated).data == dated
        extension = StepInput(2, date(2026, 8, 1), "extension", new_due_on=date(2026, 9, 30))
        services.routes.save_step(None, extension)
        read = services.routes.get_route(1)
        assert next(s for s in read.view.route.steps if s.id == decision.id).data == dated
        term = next(d for d in read.view.deadlines if d.rule.code == "objection_term")
        assert (term.started_on, term.due_on) == (date(2026, 4, 22), date(2026, 6, 3))  # counted from sending
        objection = services.routes.get_route(2)
        decided = next(d for d in objection.view.deadlines if d.rule.code == "objection_decision_committee")
        assert (decided.extended, decided.due_on) == (True, date(2026, 9, 30))  # the date the letter names


# --- killed while upgrading ---------------------------------------------------------------------


class Child:
    def __init__(self, path: Path, stderr: Path) -> None:
        self._stderr = stderr.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), TEST_KEY.hex()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self.stderr = stderr

    def wait_for(self, word: str) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line == word, f"child said {line!r}; stderr:\n{self.stderr.read_text()}"

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def kill(self) -> int | None:
        """SIGKILL unless it finished already; returns its exit code when it had."""
        finished = self.process.poll()
        if finished is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=CHILD_TIMEOUT_S)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._stderr.close()
        return finished


@pytest.fixture(scope="module")
def large_old_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "clientsteun.db"
    _at_revision(path, OLDER[-1], extra_conversations=KILL_CONVERSATIONS)
    return path


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir()
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_kill_during_the_upgrade_leaves_the_old_or_the_new_revision(large_old_database: Path, tmp_path: Path) -> None:
    old = OLDER[-1]
    before = _counts(large_old_database)

    # How long a whole upgrade takes in a child, so the kills spread over it.
    measured = _copy(large_old_database, tmp_path / "measure")
    child = Child(measured, tmp_path / "measure-stderr.txt")
    child.wait_for("ready")
    started = time.monotonic()
    child.go()
    child.wait_for("done")
    duration = time.monotonic() - started
    assert child.process.wait(timeout=CHILD_TIMEOUT_S) == 0
    child.kill()
    assert read_revision(measured, TEST_KEY)[1] == SCHEMA_REVISION

    seed_value = random.randrange(1 << 30)
    rng = random.Random(seed_value)
    delays = [duration * (number + rng.random()) / KILLS for number in range(KILLS)]
    outcomes = []
    for number, delay in enumerate(delays):
        path = _copy(large_old_database, tmp_path / f"kill-{number}")
        child = Child(path, tmp_path / f"kill-{number}-stderr.txt")
        child.wait_for("ready")
        child.go()
        time.sleep(delay)
        exit_code = child.kill()
        context = f"kill {number} after {delay:.3f} s of {duration:.3f} s (seed {seed_value}, exit {exit_code})"

        application_id, revision = read_revision(path, TEST_KEY)
        assert application_id == APPLICATION_ID, context
        assert revision in (old, SCHEMA_REVISION), context
        outcomes.append(revision)

        database = open_database(path, TEST_KEY, exclusive=True, create=False, check=True)
        database.close()
        assert read_revision(path, TEST_KEY) == (APPLICATION_ID, SCHEMA_REVISION), context
        after = _counts(path)
        assert {table: after[table] for table in before} == before, context
        folder = BackupFolder.beside(path, read_database_id(path, TEST_KEY))
        backups = [backup for backup in folder.backups() if backup.reason == "voor-bijwerken"]
        assert backups, context
        assert all(read_revision(backup.path, TEST_KEY)[1] == old for backup in backups), context
        assert verify_file(backups[0].path, TEST_KEY) == [], context
    assert old in outcomes, f"no kill landed before the upgrade committed: {outcomes} ({delays})"


# --- meetings (0006) ----------------------------------------------------------------------------


def test_an_upgraded_database_plans_a_meeting_as_its_planned_hearing(
    db_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    _at_revision(db_path, "0005")
    with opened(db_path, catalog, clock, create=False) as services:
        planned = MeetingInput(1, date(2026, 12, 1), "hearing", route_ids=(2,), step_id=5)  # 0003.sql's hearing
        meeting = services.meetings.save_meeting(None, planned)
        assert services.meetings.list_meetings(1) == [meeting]
        items = [item for item in services.agenda.agenda() if item.uid == "step-5"]
        assert [(item.on, item.meeting_id) for item in items] == [(date(2026, 12, 1), meeting.id)]


def test_the_seeded_meeting_and_preparation_read_back_through_the_services(
    db_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    """The tables of 0006 as the migration makes them are the tables the services use."""
    _at_revision(db_path, "0006")
    with opened(db_path, catalog, clock, create=False) as services:
        (meeting,) = services.meetings.list_meetings(1)
        assert (meeting.data.step_id, meeting.data.route_ids, len(meeting.data.companions)) == (5, (2,), 2)
        preparation = services.meetings.get_preparation(1, meeting.id)
        assert preparation is not None
        assert [answer for answer, _ in preparation.sheet_answers()] == [Answer.GOAL_YEAR]
        assert [question.text for question in preparation.sheet_questions()] == ["Wanneer hoor ik het besluit?"]


# --- stable identity (0007) ---------------------------------------------------------------------

UUID_V4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _uuid_tables() -> list[str]:
    from clientsteun.store.tables import Base

    return sorted(name for name, table in Base.metadata.tables.items() if "uuid" in table.columns)


@pytest.mark.parametrize("revision", OLDER)
def test_upgrade_gives_every_resident_and_record_its_own_uuid(db_path: Path, revision: str) -> None:
    _at_revision(db_path, revision)
    open_database(db_path, TEST_KEY, create=False).close()
    seen: set[str] = set()
    with contextlib.closing(connect(db_path, TEST_KEY, read_only=True)) as connection:
        existing = set(_tables(connection))
        indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        for table in _uuid_tables():
            assert table in existing
            assert f"ix_{table}_uuid" in indexes
            values = [row[0] for row in connection.execute(f'SELECT uuid FROM "{table}"')]
            assert all(value is not None and UUID_V4.fullmatch(value) for value in values), table
            seen.update(values)
            total = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert len(values) == total
    assert len(seen) == sum(_counts(db_path)[table] for table in _uuid_tables())  # all different


def test_a_row_inserted_without_a_uuid_gets_one_and_uuids_stay_unique(db_path: Path) -> None:
    _at_revision(db_path, "0006")
    open_database(db_path, TEST_KEY, create=False).close()
    with contextlib.closing(connect(db_path, TEST_KEY)) as connection:
        connection.execute(
            "INSERT INTO clients (name, alias, phone, email, address, municipality, status, close_reason, "
            "created_at, updated_at) VALUES ('Test', '', '', '', '', '', 'open', '', '2026-01-01 10:00:00', "
            "'2026-01-01 10:00:00')"
        )
        made = connection.execute("SELECT uuid FROM clients ORDER BY id DESC LIMIT 1").fetchone()[0]
        assert UUID_V4.fullmatch(made)
        other = connection.execute("SELECT uuid FROM clients WHERE id = 1").fetchone()[0]
        with pytest.raises(Exception, match="UNIQUE"):
            connection.execute("UPDATE clients SET uuid = ? WHERE uuid = ?", (other, made))


# --- what is left off the sheet names its records by UUID (0008) --------------------------------

# 0007.sql's keys, and keys that name nothing of resident 1 (route 3 is resident 3's; no step 99).
KEPT = {"answer:bad_day", "route:1", "test:2:network", "step:4", "evidence:2", "question:1"}
GONE = ("route:3", "step:99", "question:42", "evidence:x")


def _hidden_keys(path: Path) -> set[str]:
    with contextlib.closing(connect(path, TEST_KEY, read_only=True)) as connection:
        return {row[0] for row in connection.execute("SELECT key FROM preparation_hidden WHERE preparation_id = 1")}


def _by_uuid(path: Path, key: str) -> str:
    """``key`` (a record by its number) with the record's UUID in ``path``."""
    tables = {"route": "routes", "test": "routes", "step": "route_steps", "evidence": "route_evidence"}
    kind, _, rest = key.partition(":")
    if kind == "answer":
        return key
    number, _, name = rest.partition(":")
    table = tables.get(kind, "preparation_questions")
    with contextlib.closing(connect(path, TEST_KEY, read_only=True)) as connection:
        (uuid,) = connection.execute(f"SELECT uuid FROM {table} WHERE id = ?", (int(number),)).fetchone()
    return ":".join([kind, uuid, *([name] if name else [])])


def test_upgrade_names_the_records_left_off_the_sheet_by_uuid_and_drops_keys_naming_nothing(
    db_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    _at_revision(db_path, "0007")
    with contextlib.closing(connect(db_path, TEST_KEY)) as connection:
        connection.executemany(
            "INSERT INTO preparation_hidden (preparation_id, key) VALUES (1, ?)", [(k,) for k in GONE]
        )
        connection.commit()
    assert _hidden_keys(db_path) == KEPT | set(GONE)

    open_database(db_path, TEST_KEY, create=False).close()

    assert _hidden_keys(db_path) == {_by_uuid(db_path, key) for key in KEPT}
    assert all(UUID_V4.search(key) for key in _hidden_keys(db_path) - {"answer:bad_day"})
    with opened(db_path, catalog, clock, create=False) as services:
        preparation = services.meetings.get_preparation(1, 1)
        assert preparation is not None and preparation.hidden == KEPT  # the screens still name them by number
        sheet = services.sheet.sheet_data(1, 1)
    assert [route.title for route in sheet.tried] == ["Bezwaar tegen de afwijzing"]  # route 1 is off
    assert [step.what for step in sheet.tried[0].steps] == ["Ik kreeg een besluit.", "Hoorzitting"]  # step 4 is off
    assert sheet.questions == ()


def test_the_downgrade_names_the_records_by_number_again(db_path: Path) -> None:
    from alembic import command

    _at_revision(db_path, "0007")
    open_database(db_path, TEST_KEY, create=False).close()
    engine = make_engine(db_path, TEST_KEY, foreign_keys=False)
    try:
        with engine.begin() as connection:
            command.downgrade(schema._config(connection), "0007")
    finally:
        engine.dispose()
    assert _hidden_keys(db_path) == KEPT
