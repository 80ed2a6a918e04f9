"""Opening a dossier with 500 conversations (``DossierService.open``: everything the screen shows, in one
read), against fetching the same rows with a plain SQLCipher connection.

Before every timed opening the dossier of a typical resident (the median number of conversations)
is shown, untimed, as when the user clicks from one resident to the next.  That matters: the
long timeline brings a scroll bar that the short one did not need, and the table lays out again.
"""

from __future__ import annotations

import time
from contextlib import closing

import sqlcipher3
from PySide6.QtWidgets import QApplication

from clientsteun.services import Services
from clientsteun.store.database import connect
from clientsteun.ui.dossier.panel import DossierPanel

from bench_routes import LIST_QUERIES
from dataset import DOSSIER_SIZE, Dataset, fixed_clock
from measure import Outcome, median, repeat_ms, settle

LIMIT_MS = 200.0

# The rows DossierService.open reads, in the same order: the resident, help questions, the head of
# each note (its first line is found there), agreements, the routes with their circumstances, steps
# and links (RouteService.list_routes' queries without evidence and documents), and the signals.
DOSSIER_QUERIES = (
    "SELECT * FROM clients WHERE id = :id",
    "SELECT * FROM client_life_domains WHERE client_id = :id ORDER BY code",
    "SELECT * FROM network_members WHERE client_id = :id ORDER BY position",
    "SELECT * FROM consents WHERE client_id = :id ORDER BY id",
    "SELECT * FROM help_questions WHERE client_id = :id ORDER BY recorded_on DESC, id DESC",
    "SELECT id, held_on, kind, substr(notes, 1, 1000) FROM conversations WHERE client_id = :id "
    "ORDER BY held_on DESC, id DESC",
    "SELECT * FROM agreements WHERE client_id = :id ORDER BY done_on IS NOT NULL, due_on IS NULL, due_on, id",
    *(LIST_QUERIES[number] for number in (1, 2, 3, 6)),
    'SELECT * FROM signals WHERE client_id = :id ORDER BY "on" DESC, id DESC',
)


def raw_dossier(connection: sqlcipher3.Connection, client_id: int) -> list[list[tuple[object, ...]]]:
    return [connection.execute(sql, {"id": client_id}).fetchall() for sql in DOSSIER_QUERIES]


def typical_resident(connection: sqlcipher3.Connection) -> int:
    """The resident with the median number of conversations."""
    residents = connection.execute("SELECT count(DISTINCT client_id) FROM conversations").fetchone()[0]
    return int(
        connection.execute(
            "SELECT client_id FROM conversations GROUP BY client_id ORDER BY count(*), client_id LIMIT 1 OFFSET ?",
            (residents // 2,),
        ).fetchone()[0]
    )


def run(app: QApplication, services: Services, dataset: Dataset, repeats: int) -> list[Outcome]:
    client_id = dataset.dossier_client_id
    with closing(connect(dataset.path, dataset.key)) as connection:
        other = services.dossier.open(typical_resident(connection))
    panel = DossierPanel(services.catalog, fixed_clock)
    panel.resize(760, 760)
    panel.show()
    settle(app)
    loading: list[float] = []
    showing: list[float] = []

    def switch_away() -> None:
        panel.show_view(other)
        settle(app)

    def open_dossier() -> None:
        started = time.perf_counter()
        dossier = services.dossier.open(client_id)
        loaded = time.perf_counter()
        panel.show_view(dossier)
        settle(app)
        loading.append((loaded - started) * 1000)
        showing.append((time.perf_counter() - loaded) * 1000)

    total = repeat_ms(open_dossier, repeats, before=switch_away)
    loading, showing = loading[1:], showing[1:]  # drop the warm-up
    shown = panel.view
    assert shown is not None and shown.client.id == client_id
    with closing(connect(dataset.path, dataset.key)) as connection:
        raw = repeat_ms(lambda: raw_dossier(connection, client_id), repeats)
        counts = [len(rows) for rows in raw_dossier(connection, client_id)]
    panel.close()
    panel.deleteLater()
    settle(app)
    details = (
        f"resident {client_id}: {len(shown.conversations)} conversations, {len(shown.agreements)} agreements, "
        f"{len(shown.help_questions)} help questions, {len(shown.timeline)} timeline entries, "
        f"{len(shown.routes.routes)} routes; "
        f"the raw queries read {sum(counts):,} rows.  Shown before each opening: resident {other.client.id} "
        f"with {len(other.conversations)} conversations.",
        f"median DossierService.open {median(loading):.1f} ms + show_view and its events {median(showing):.1f} ms.",
    )
    return [
        Outcome(
            f"Open dossier with {DOSSIER_SIZE} conversations",
            measured_ms=median(total),
            baseline_ms=median(raw),
            limit_ms=LIMIT_MS,
            details=details,
        )
    ]
