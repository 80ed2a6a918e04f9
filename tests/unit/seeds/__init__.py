"""Data for databases at earlier schema revisions.

``<revision>.sql`` fills the tables that revision added; a database at a revision gets the seeds of
that revision and of every one before it, so every table has rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine

from clientsteun.store import schema

SEEDS = Path(__file__).resolve().parent
CANARY = "KANARIEPIET"  # in names, notes, agreements and drafts of the seeds
SEARCH_WORD = "huurachterstand"  # occurs in a conversation note of every seed


def seed_file(revision: str) -> Path:
    return SEEDS / f"{revision}.sql"


def statements(revision: str) -> list[str]:
    """The statements of a seed file, split where SQLite says a statement is complete."""
    found: list[str] = []
    pending = ""
    for line in seed_file(revision).read_text(encoding="utf-8").splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    assert not pending.strip(), f"incomplete statement at the end of {revision}.sql"
    return found


def seed(connection: Connection, revision: str) -> None:
    """Run the seeds up to ``revision`` on a connection (its transaction belongs to the caller)."""
    revisions = schema.revisions()
    for earlier in revisions[: revisions.index(revision) + 1]:
        for statement in statements(earlier):
            connection.exec_driver_sql(statement)


def build_at_revision(engine: Engine, revision: str, *, with_data: bool = True) -> None:
    """Bring ``engine``'s empty database to ``revision`` (with that revision's seed), then dispose of it."""
    try:
        with engine.begin() as connection:
            schema.upgrade(connection, revision)
            if with_data:
                seed(connection, revision)
    finally:
        engine.dispose()
