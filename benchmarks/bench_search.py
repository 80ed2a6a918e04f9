"""Full-text search through ConversationService.search against the same FTS5 query on a plain SQLCipher connection."""

from __future__ import annotations

from contextlib import closing

from clientsteun.services import Services
from clientsteun.store.database import connect
from clientsteun.store.search import RESULT_LIMIT, SEARCH_SQL, search_parameters, search_terms

from dataset import Dataset
from measure import Outcome, median, repeat_ms

LIMIT_MS = 100.0
MAX_RATIO = 1.5
# What a supporter looks for: a topic, two words, a prefix (finds schulden, schuldhulpverlening).
QUERIES = ("huurachterstand", "brief gemeente", "schuld", "urgentie bewijs", "buurthuis")
# A word in no note: both sides take a fraction of a millisecond, so a ratio would only measure the
# fixed cost of a session (BEGIN and COMMIT); it is shown, and held to the time limit only.
NOTHING_FOUND = "zwembad"


def run(services: Services, dataset: Dataset, repeats: int) -> list[Outcome]:
    outcomes = []
    sql = SEARCH_SQL.text
    with closing(connect(dataset.path, dataset.key)) as connection:
        for query in (*QUERIES, NOTHING_FOUND):
            parameters = search_parameters(search_terms(query))
            hits = len(services.conversations.search(query))
            rows = len(connection.execute(sql, parameters).fetchall())
            matches = connection.execute(
                "SELECT count(*) FROM conversation_fts WHERE conversation_fts MATCH ?", (parameters["query"],)
            ).fetchone()[0]
            service = repeat_ms(lambda query=query: services.conversations.search(query), repeats)
            raw = repeat_ms(lambda p=parameters: connection.execute(sql, p).fetchall(), repeats)
            details = [f"{matches:,} matching notes, {hits} hits returned (limit {RESULT_LIMIT})"]
            if query == NOTHING_FOUND:
                details.append("no ratio target: a ratio of two sub-millisecond figures measures only session overhead")
            if hits != rows:
                details.append(f"WARNING: the service returned {hits} hits, the raw query {rows} rows")
            outcomes.append(
                Outcome(
                    f"Search notes '{query}'",
                    measured_ms=median(service),
                    baseline_ms=median(raw),
                    limit_ms=LIMIT_MS,
                    max_ratio=None if query == NOTHING_FOUND else MAX_RATIO,
                    details=tuple(details),
                )
            )
    return outcomes
