"""A database as a crash leaves it: committed saves still only in its ``-wal``, and the crash marker."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from clientsteun.store.connection import connect, open_marker, wal_file
from clientsteun.store.database import open_database


def crash_with_saves_in_the_wal(db_path: Path, key: bytes, catalog: Catalog, names: list[str]) -> None:
    """Add a resident for each of ``names``, then leave the files as a killed instance would.

    The database is closed cleanly (its log folded in), so the files are copied while it is open
    and put back afterwards: those saves are committed but only in the ``-wal``.
    """
    crash = db_path.parent / "als-na-een-crash"
    crash.mkdir()
    services = Services.create(open_database(db_path, key, create=False), catalog)
    with contextlib.closing(services):
        with services.database.engine.connect() as connection:  # the pool keeps this connection
            connection.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        for name in names:
            services.clients.create_client(ClientInput(name))
        for suffix in ("", "-wal"):  # a consistent moment: nothing is being written
            shutil.copyfile(f"{db_path}{suffix}", crash / f"{db_path.name}{suffix}")
    for suffix in ("", "-wal"):
        shutil.copyfile(crash / f"{db_path.name}{suffix}", f"{db_path}{suffix}")
    shutil.rmtree(crash)
    open_marker(db_path).touch()
    assert wal_file(db_path).stat().st_size > 0


def crash_in_a_rollback_journal(db_path: Path, key: bytes, names: list[str]) -> None:
    """Leave the files as a crash in rollback-journal mode would: ``names`` half written into the
    database, with the ``-journal`` that holds the pages as they were (a hot journal).

    The files are copied while the transaction is under way (a small page cache makes SQLite
    write its pages into the database before the commit) and put back once it was rolled back.
    """
    journal = db_path.with_name(db_path.name + "-journal")
    copies = [db_path.with_name(db_path.name + ".copy"), journal.with_name(journal.name + ".copy")]
    with contextlib.closing(connect(db_path, key)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA cache_size = 2")
        connection.execute("BEGIN")
        for name in names:
            connection.execute(CLIENT_SQL, (name + " " + "x" * 2000,))
        assert journal.stat().st_size > 0
        for original, copy in zip((db_path, journal), copies, strict=True):
            shutil.copyfile(original, copy)
        connection.execute("ROLLBACK")
    for original, copy in zip((db_path, journal), copies, strict=True):
        os.replace(copy, original)


CLIENT_SQL = (
    "INSERT INTO clients (name, alias, phone, email, address, municipality, status, close_reason, created_at, "
    "updated_at) VALUES (?, '', '', '', '', '', 'open', '', '2026-11-23 10:00:00', '2026-11-23 10:00:00')"
)
