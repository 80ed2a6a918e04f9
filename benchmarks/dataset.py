"""The benchmark database: fictional demo data, generated once and cached under benchmarks/data/.

The file name carries the size, the seed and a fingerprint of the generator and the schema, so a
change to either makes a fresh file instead of measuring a stale one.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from clientsteun import demo, paths
from clientsteun.demo import SENTENCES, fill_demo
from clientsteun.domain.catalog import Catalog, load_catalog
from clientsteun.domain.model import ConversationInput
from clientsteun.services import Services
from clientsteun.store.database import open_database
from clientsteun.store.schema import MIGRATIONS

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20261123
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 30)
DOSSIER_SIZE = 500  # conversations of the resident whose dossier is opened
GENERATOR_VERSION = 1  # bump when the way this module builds the file changes


@dataclass(frozen=True)
class Size:
    residents: int
    conversations: int


FULL = Size(10_000, 200_000)
QUICK = Size(1_000, 20_000)


@dataclass(frozen=True)
class Dataset:
    path: Path
    residents: int
    conversations: int
    dossier_client_id: int  # a resident with exactly DOSSIER_SIZE conversations


def fixed_clock() -> datetime:
    return NOW


def fingerprint() -> str:
    """Changes when the demo generator, the schema or this module changes."""
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    sources = [Path(demo.__file__), Path(__file__), *sorted((MIGRATIONS / "versions").glob("*.py"))]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def file_stem(size: Size) -> str:
    return f"residents-{size.residents}-conversations-{size.conversations}-seed-{SEED}"


def ensure_dataset(size: Size, *, regenerate: bool = False, log: bool = True) -> Dataset:
    """The cached file for ``size``; made (in a minute or less) when missing or out of date."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"{file_stem(size)}-{fingerprint()}.db"
    if regenerate:
        _remove(path)
    if not path.exists():
        for stale in DATA_DIR.glob(f"{file_stem(size)}-*.db"):
            _remove(stale)
        started = time.perf_counter()
        if log:
            print(f"Generating {size.residents:,} residents with {size.conversations:,} conversations ...", flush=True)
        _generate(path, size)
        if log:
            print(f"  written {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return _describe(path)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _generate(path: Path, size: Size) -> None:
    """Write to a temporary name and rename at the end, so an interrupted run leaves no half file."""
    partial = path.with_name(path.name + ".partial")
    _remove(partial)
    catalog = load_catalog(paths.catalog_dir())
    services = Services.create(open_database(partial), catalog, fixed_clock)
    try:
        fill_demo(
            services.database, catalog, clients=size.residents, conversations=size.conversations, seed=SEED, today=TODAY
        )
        _top_up_dossier(services, catalog)
    finally:
        services.close()
    with closing(sqlite3.connect(partial)) as connection:  # fold the WAL into the file before renaming
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    Path(str(partial) + "-wal").unlink(missing_ok=True)
    Path(str(partial) + "-shm").unlink(missing_ok=True)
    partial.rename(path)


def _top_up_dossier(services: Services, catalog: Catalog) -> None:
    """Give one resident exactly DOSSIER_SIZE conversations, added the way the app adds them.

    The resident with the most conversations not above DOSSIER_SIZE is topped up, so the number
    of residents stays as asked and only a handful of conversations are added.
    """
    with closing(sqlite3.connect(services.database.path)) as connection:
        client_id, count = connection.execute(
            "SELECT client_id, count(*) AS n FROM conversations GROUP BY client_id "
            "HAVING n <= ? ORDER BY n DESC, client_id LIMIT 1",
            (DOSSIER_SIZE,),
        ).fetchone()
    client = services.clients.get_client(client_id)
    first_contact = client.details.first_contact or TODAY - timedelta(days=DOSSIER_SIZE * 3)
    span = max(1, (TODAY - first_contact).days)
    rng = random.Random(SEED + client_id)
    kinds = [kind.code for kind in catalog.conversation_kinds]
    media = [medium.code for medium in catalog.media]
    domains = client.details.life_domains or (catalog.life_domains[0].code,)
    for _ in range(DOSSIER_SIZE - count):
        services.conversations.save_conversation(
            None,
            ConversationInput(
                client_id=client_id,
                held_on=first_contact + timedelta(days=rng.randint(1, span)),
                kind=rng.choice(kinds),
                medium=rng.choice(media),
                duration_minutes=rng.choice((30, 45, 60)),
                participants="Inwoner en cliëntondersteuner",
                life_domains=tuple(rng.sample(domains, rng.randint(1, len(domains)))),
                notes=" ".join(rng.sample(SENTENCES, rng.randint(3, 7))),
            ),
        )


def _describe(path: Path) -> Dataset:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        residents = connection.execute("SELECT count(*) FROM clients").fetchone()[0]
        conversations = connection.execute("SELECT count(*) FROM conversations").fetchone()[0]
        found = connection.execute(
            "SELECT client_id FROM conversations GROUP BY client_id HAVING count(*) = ? ORDER BY client_id LIMIT 1",
            (DOSSIER_SIZE,),
        ).fetchone()
    if found is None:
        raise RuntimeError(f"{path.name} has no resident with {DOSSIER_SIZE} conversations; use --regenerate")
    return Dataset(path, residents, conversations, found[0])
