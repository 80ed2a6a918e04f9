"""Full-text search over conversation notes (SQLite FTS5; the index is kept by triggers)."""

from __future__ import annotations

import re
from datetime import date

import sqlcipher3
from sqlalchemy import text
from sqlalchemy.orm import Session

from clientsteun.domain.model import SNIPPET_END, SNIPPET_START, SearchHit

_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_TOKENS = 16
RESULT_LIMIT = 200
# Ranking costs about 1 µs per matching note, so a word in 90,000 notes would take 100 ms.
# Only the most recently written matches are ranked; the user sees the best 200 of those.
RANK_WINDOW = 5000

SEARCH_SQL = text(
    "SELECT c.id, c.client_id, cl.name, cl.alias, c.held_on, c.kind, "
    "snippet(conversation_fts, 0, :start, :end, '…', :tokens) "
    "FROM conversation_fts "
    "JOIN conversations c ON c.id = conversation_fts.rowid "
    "JOIN clients cl ON cl.id = c.client_id "
    "WHERE conversation_fts MATCH :query "
    "AND conversation_fts.rowid >= coalesce(("
    "SELECT rowid FROM conversation_fts WHERE conversation_fts MATCH :query "
    "ORDER BY rowid DESC LIMIT 1 OFFSET :window), 0) "
    "ORDER BY rank, c.held_on DESC LIMIT :limit"
)


def search_terms(query: str) -> tuple[str, ...]:
    """The words of what the user typed; FTS syntax is never passed through."""
    return tuple(dict.fromkeys(word.lower() for word in _WORD.findall(query)))


def fts_query(terms: tuple[str, ...]) -> str:
    """All words must occur, each as a prefix: 'huur achter' finds 'huurachterstand'."""
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def search_parameters(terms: tuple[str, ...], limit: int = RESULT_LIMIT) -> dict[str, object]:
    """The parameters of SEARCH_SQL for these words."""
    return {
        "query": fts_query(terms),
        "start": SNIPPET_START,
        "end": SNIPPET_END,
        "tokens": SNIPPET_TOKENS,
        "window": RANK_WINDOW,
        "limit": limit,
    }


def search_notes(session: Session, query: str, limit: int = RESULT_LIMIT) -> list[SearchHit]:
    terms = search_terms(query)
    if not terms:
        return []
    rows = session.execute(SEARCH_SQL, search_parameters(terms, limit))
    return [
        SearchHit(
            conversation_id=row[0],
            client_id=row[1],
            client_name=row[3] or row[2],
            held_on=date.fromisoformat(row[4]),
            kind=row[5],
            snippet=row[6],
            terms=terms,
        )
        for row in rows
    ]


def fts_tables(connection: sqlcipher3.Connection) -> list[str]:
    """Every FTS5 index in the database (the note search, and any added later)."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND lower(sql) LIKE 'create virtual table%using fts5%'"
    )
    return [str(row[0]) for row in rows]


def secure_delete_search(connection: sqlcipher3.Connection) -> int:
    """Switch on FTS5's own ``secure-delete`` for every index that does not have it yet; returns how many.

    Without it a deleted note's words stay in the index's pages until its segments happen to be
    merged.  The option is stored in the index itself (its ``_config`` table), so this is done once
    per database: at creation and, for an existing database, at the first opening after this version.
    """
    switched = 0
    for name in fts_tables(connection):
        quoted = '"' + name.replace('"', '""') + '"'
        config = '"' + (name + "_config").replace('"', '""') + '"'
        done = connection.execute(f"SELECT v FROM {config} WHERE k = 'secure-delete'").fetchone()
        if done is None or done[0] != 1:
            connection.execute(f"INSERT INTO {quoted}({quoted}, rank) VALUES ('secure-delete', 1)")
            switched += 1
    return switched
