"""Full-text search over conversation notes (SQLite FTS5; the index is kept by triggers)."""

from __future__ import annotations

import re
from datetime import date

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
