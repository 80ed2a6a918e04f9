"""A database as a crash leaves it: committed saves still only in its ``-wal``, and the crash marker."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from clientsteun.store.connection import open_marker, wal_file
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
