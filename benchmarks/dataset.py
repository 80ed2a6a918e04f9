"""The benchmark database: fictional demo data, generated once and cached under benchmarks/data/.

The demo gives many residents routes tried (steps, evidence, attachments, links, signals); one
resident is also given a long route (ROUTE_STEPS steps, ROUTE_EVIDENCE efforts) added through the
services, for the route benchmarks, and one is given SHEET_ROUTES routes, SHEET_CONVERSATIONS
conversations, a meeting ahead and its preparation, for the preparation sheet's benchmark.

The file name carries the size, the seed and a fingerprint of the generator and the schema, so a
change to either makes a fresh file instead of measuring a stale one.  The file is encrypted like
the app's own database; its key file (``<name>.db.key``, made by the Vault with the default Argon2
cost) lies beside it and opens with ``PASSPHRASE``.  A cached file that is still plain SQLite, or
that has lost its key file, is made again.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from clientsteun import demo, paths
from clientsteun.demo import SENTENCES, fill_demo
from clientsteun.domain.catalog import Catalog, load_catalog
from clientsteun.domain.meetings import ALTERNATIVES, Answer, Companion, CompanionRole, MeetingInput
from clientsteun.domain.model import ConversationInput
from clientsteun.domain.routes import EvidenceInput, LinkKind, NewAttachment, Outcome, RouteInput, StepInput
from clientsteun.services import Services
from clientsteun.store.connection import connect
from clientsteun.store.database import is_plaintext
from clientsteun.store.schema import MIGRATIONS
from clientsteun.store.vault import Vault

import measure

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20261123
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 30)
DOSSIER_SIZE = 500  # conversations of the resident whose dossier is opened
ROUTE_STEPS = 120  # steps of the long route whose detail is opened
ROUTE_EVIDENCE = 300  # efforts recorded on it, every tenth with a small file
SHEET_ROUTES = 50  # routes of the resident whose preparation sheet is made
SHEET_CONVERSATIONS = 200  # and that resident's conversations
SHEET_KINDS = ("wmo", "debt_counselling", "social_assistance", "special_assistance", "youth_care", "housing_urgency")
SHEET_STEPS = ("applied", "info_requested", "info_supplied", "conversation", "no_response", "other", "decision")
GENERATOR_VERSION = 4  # bump when the way this module builds the file changes
# The passphrase of the benchmark database's key file: fictional data, a known passphrase.
PASSPHRASE = "benchmark wachtwoord voor clientsteun"


@dataclass(frozen=True)
class Size:
    residents: int
    conversations: int


FULL = Size(10_000, 200_000)
QUICK = Size(1_000, 20_000)


@dataclass(frozen=True)
class Dataset:
    path: Path
    key: bytes = field(repr=False)  # the data key, unlocked from the key file with PASSPHRASE
    residents: int
    conversations: int
    dossier_client_id: int  # a resident with exactly DOSSIER_SIZE conversations
    routes: int
    steps: int
    route_id: int  # the long route: ROUTE_STEPS steps and ROUTE_EVIDENCE efforts
    route_client_id: int  # its resident, who has the most routes
    sheet_client_id: int  # SHEET_ROUTES routes, SHEET_CONVERSATIONS conversations, a meeting ahead

    @property
    def vault(self) -> Vault:
        return Vault.at(self.path)


def fixed_clock() -> datetime:
    return NOW


@contextmanager
def open_services(dataset: Dataset) -> Iterator[Services]:
    """The services over the benchmark database, opened exclusively as the app holds it."""
    services = Services.create(dataset.vault.open(dataset.key), load_catalog(paths.catalog_dir()), fixed_clock)
    try:
        yield services
    finally:
        services.close()


def run_alone(run: Callable[[Services, Dataset, int], list[measure.Outcome]], prog: str) -> int:
    """A benchmark over the services run on its own: ``--quick`` for the small data and fewer repeats."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--quick", action="store_true", help="1,000 residents, 20,000 conversations")
    quick = parser.parse_args().quick
    dataset = ensure_dataset(QUICK if quick else FULL)
    with tempfile.TemporaryDirectory(prefix="clientsteun-bench-") as folder:
        os.environ[paths.DATA_ENV] = folder  # nothing touches the user's folder
        with open_services(dataset) as services:
            outcomes = run(services, dataset, 3 if quick else 9)
    measure.print_outcomes(outcomes)
    print("\n" + measure.results_table(outcomes))
    return 0


def fingerprint() -> str:
    """Changes when the demo generator, the schema or this module changes."""
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    generator = sorted(Path(demo.__file__).parent.glob("*.py"))  # every module of the demo package
    sources = [*generator, Path(__file__), *sorted((MIGRATIONS / "versions").glob("*.py"))]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def file_stem(size: Size) -> str:
    return f"residents-{size.residents}-conversations-{size.conversations}-seed-{SEED}"


def ensure_dataset(size: Size, *, regenerate: bool = False, log: bool = True) -> Dataset:
    """The cached file for ``size``; made (in a minute or less) when missing or out of date."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"{file_stem(size)}-{fingerprint()}.db"
    if regenerate or (path.exists() and (is_plaintext(path) or not Vault.at(path).key_path.exists())):
        _remove(path)
    if not path.exists():
        for stale in DATA_DIR.glob(f"{file_stem(size)}-*.db"):
            _remove(stale)
        for stale in DATA_DIR.glob(f"backups/{file_stem(size)}-*"):
            stale.unlink()  # the start backups made by earlier cold starts on an older file
        started = time.perf_counter()
        if log:
            print(f"Generating {size.residents:,} residents with {size.conversations:,} conversations ...", flush=True)
        _generate(path, size)
        if log:
            print(f"  written {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return _describe(path)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock", ".open", ".key"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _generate(path: Path, size: Size) -> None:
    """Build in a folder of its own and move into place at the end: an interrupted run leaves no half file.

    The key file is made by the Vault as on a first start; the copy it keeps among the backups
    stays behind in the work folder, which is removed.
    """
    work = path.with_name(path.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    vault = Vault.at(work / path.name)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False)
    catalog = load_catalog(paths.catalog_dir())
    services = Services.create(vault.open(key, create=True), catalog, fixed_clock)
    try:
        fill_demo(
            services.database, catalog, clients=size.residents, conversations=size.conversations, seed=SEED, today=TODAY
        )
        _top_up_dossier(services, catalog)
        _long_route(services)
        _sheet_resident(services, catalog)
    finally:
        services.close()
    with closing(connect(vault.db_path, key)) as connection:  # fold the WAL into the file before moving it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(vault.key_path, Vault.at(path).key_path)
    os.replace(vault.db_path, path)  # last: the file exists only when it is complete
    shutil.rmtree(work)


def _top_up_dossier(services: Services, catalog: Catalog) -> None:
    """Give one resident exactly DOSSIER_SIZE conversations, added the way the app adds them.

    The resident with the most conversations not above DOSSIER_SIZE is topped up, so the number
    of residents stays as asked and only a handful of conversations are added.
    """
    with services.database.transaction() as session:
        client_id, count = session.execute(
            text(
                "SELECT client_id, count(*) AS n FROM conversations GROUP BY client_id "
                "HAVING n <= :size ORDER BY n DESC, client_id LIMIT 1"
            ),
            {"size": DOSSIER_SIZE},
        ).one()
    _add_conversations(services, catalog, client_id, DOSSIER_SIZE - count)


def _add_conversations(services: Services, catalog: Catalog, client_id: int, count: int) -> None:
    """``count`` more conversations for the resident, saved through the service as the app does."""
    client = services.clients.get_client(client_id)
    first_contact = client.details.first_contact or TODAY - timedelta(days=DOSSIER_SIZE * 3)
    span = max(1, (TODAY - first_contact).days)
    rng = random.Random(SEED + client_id)
    kinds = [kind.code for kind in catalog.conversation_kinds]
    media = [medium.code for medium in catalog.media]
    domains = client.details.life_domains or (catalog.life_domains[0].code,)
    for _ in range(count):
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


def _long_route(services: Services) -> None:
    """Give the open resident with the most routes one more that has run for two years, added the way the app adds them.

    It waits for the resident's first other route, so opening it also looks up the links.
    """
    with services.database.transaction() as session:
        client_id, first_route = session.execute(
            text(
                "SELECT r.client_id, min(r.id) FROM routes r JOIN clients c ON c.id = r.client_id "
                "WHERE c.status = 'open' GROUP BY r.client_id ORDER BY count(*) DESC, r.client_id LIMIT 1"
            )
        ).one()
    routes = services.routes
    started = TODAY - timedelta(days=730)
    route = routes.save_route(
        None,
        RouteInput(
            client_id=client_id,
            kind="housing_urgency",
            title="Urgentieverklaring: aanvraag die al twee jaar loopt",
            organisation="Gemeente Utrecht",
            contact="mevrouw Bakker, consulent wonen",
            reference="URG-2024-10001",
        ),
    )
    rng = random.Random(SEED + client_id)
    kinds = ("info_requested", "info_supplied", "conversation", "no_response", "other")
    routes.save_step(None, StepInput(route.id, started, "applied", note="Aanvraag ingediend."))
    for number in range(1, ROUTE_STEPS - 1):
        on = started + timedelta(days=number * 700 // ROUTE_STEPS)
        routes.save_step(None, StepInput(route.id, on, kinds[number % len(kinds)], note=rng.choice(SENTENCES)))
    routes.save_step(
        None,
        StepInput(
            route.id, TODAY - timedelta(days=20), "decision", outcome=Outcome.REFUSED, reason="Geen noodsituatie."
        ),
    )
    for number in range(ROUTE_EVIDENCE):
        on = started + timedelta(days=number * 720 // ROUTE_EVIDENCE)
        file = None
        if number % 10 == 0:
            data = f"Verzonnen voorbeeld {number}: {rng.choice(SENTENCES)}\n".encode()
            file = NewAttachment(f"notitie-{number}.txt", "text/plain", data)
        routes.save_evidence(None, EvidenceInput(route.id, on, f"Gereageerd op {rng.randint(2, 20)} woningen"), file)
    for code in ("income_statement", "brp_extract", "identity", "house_seeker", "search_efforts"):
        routes.set_document(route.id, code, started)
    routes.add_link(route.id, first_route, LinkKind.WAITS_FOR)


def _sheet_resident(services: Services, catalog: Catalog) -> None:
    """Give an open resident without routes SHEET_ROUTES routes tried (steps, a refusal, an objection,
    efforts, documents; the reversed test on every fifth), SHEET_CONVERSATIONS conversations, and a kitchen-table
    conversation next week about five of the routes with a full preparation; all through the services.

    The resident with the most conversations not above SHEET_CONVERSATIONS is chosen and topped up.
    """
    with services.database.transaction() as session:
        client_id, count = session.execute(
            text(
                "SELECT v.client_id, count(*) AS n FROM conversations v JOIN clients c ON c.id = v.client_id "
                "WHERE c.status = 'open' AND v.client_id NOT IN (SELECT client_id FROM routes) "
                "GROUP BY v.client_id HAVING n <= :size ORDER BY n DESC, v.client_id LIMIT 1"
            ),
            {"size": SHEET_CONVERSATIONS},
        ).one()
    _add_conversations(services, catalog, client_id, SHEET_CONVERSATIONS - count)
    rng = random.Random(SEED + client_id)
    routes, meetings = services.routes, services.meetings
    route_ids = []
    for number in range(SHEET_ROUTES):
        kind = SHEET_KINDS[number % len(SHEET_KINDS)]
        started = TODAY - timedelta(days=720 - number * 10)
        route = routes.save_route(
            None,
            RouteInput(
                client_id=client_id,
                kind=kind,
                title=f"Aanvraag {number + 1}: {catalog.routes.kind(kind).name}",
                organisation="Gemeente Utrecht",
                contact="mevrouw Bakker",
                reference=f"BLAD-2026-{number + 1:04d}",
            ),
        )
        route_ids.append(route.id)
        for step, step_kind in enumerate(SHEET_STEPS):
            outcome, reason = (Outcome.REFUSED, "Geen noodsituatie.") if step_kind == "decision" else (None, "")
            on = started + timedelta(days=step * 4)
            routes.save_step(
                None,
                StepInput(
                    route.id, on, step_kind, outcome=outcome, reason=reason, note=SENTENCES[step] if step % 2 else ""
                ),
            )
        routes.save_step(None, StepInput(route.id, started + timedelta(days=30), "objection", note="Bezwaar gemaakt."))
        for effort in range(2):
            routes.save_evidence(
                None, EvidenceInput(route.id, started + timedelta(days=effort * 6 + 1), rng.choice(SENTENCES))
            )
        for code in catalog.routes.kind(kind).documents[:2]:
            routes.set_document(route.id, code, started)
        if number % 5 == 0:  # the reversed test on every fifth route
            meetings.save_alternatives(
                route.id, {name: rng.choice(SENTENCES) for name in ALTERNATIVES[: 1 + number % 4]}
            )
    meeting = meetings.save_meeting(
        None,
        MeetingInput(
            client_id=client_id,
            on=TODAY + timedelta(days=7),
            kind="kitchen_table",
            start_time=NOW.time(),
            place="Stadskantoor",
            organisation="Gemeente Utrecht",
            consulent="mevrouw Bakker",
            route_ids=tuple(route_ids[:5]),
            companions=(
                Companion(CompanionRole.EXPERIENCE_EXPERT, "Ruud Pelt"),
                Companion(CompanionRole.FAMILY, "Sanne"),
            ),
        ),
    )
    preparation = meetings.open_preparation(client_id, meeting.id)
    for answer in Answer:
        meetings.save_answer(preparation.id, answer, " ".join(rng.sample(SENTENCES, 3)))
    for number in range(10):
        meetings.add_question(preparation.id, f"Vraag {number + 1}: {rng.choice(SENTENCES).rstrip('.')}?")


def _describe(path: Path) -> Dataset:
    key = Vault.at(path).unlock(PASSPHRASE)
    with closing(connect(path, key, read_only=True)) as connection:
        residents = connection.execute("SELECT count(*) FROM clients").fetchone()[0]
        conversations = connection.execute("SELECT count(*) FROM conversations").fetchone()[0]
        found = connection.execute(
            "SELECT client_id FROM conversations GROUP BY client_id HAVING count(*) = ? ORDER BY client_id LIMIT 1",
            (DOSSIER_SIZE,),
        ).fetchone()
        routes = connection.execute("SELECT count(*) FROM routes").fetchone()[0]
        steps = connection.execute("SELECT count(*) FROM route_steps").fetchone()[0]
        long_route = connection.execute(
            "SELECT r.id, r.client_id FROM routes r JOIN route_steps s ON s.route_id = r.id "
            "GROUP BY r.id HAVING count(*) = ? ORDER BY r.id LIMIT 1",
            (ROUTE_STEPS,),
        ).fetchone()
        sheet_client = connection.execute(
            "SELECT r.client_id FROM routes r GROUP BY r.client_id HAVING count(*) = ? "
            "AND (SELECT count(*) FROM conversations v WHERE v.client_id = r.client_id) = ? ORDER BY r.client_id",
            (SHEET_ROUTES, SHEET_CONVERSATIONS),
        ).fetchone()
    if found is None:
        raise RuntimeError(f"{path.name} has no resident with {DOSSIER_SIZE} conversations; use --regenerate")
    if long_route is None:
        raise RuntimeError(f"{path.name} has no route with {ROUTE_STEPS} steps; use --regenerate")
    if sheet_client is None:
        raise RuntimeError(f"{path.name} has no resident with {SHEET_ROUTES} routes; use --regenerate")
    return Dataset(
        path, key, residents, conversations, found[0], routes, steps, long_route[0], long_route[1], sheet_client[0]
    )
