"""Commands over the records: fill a demo database, list the residents, search the notes."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from clientsteun.cli.base import Commands, check_count, lines, log_shown, open_services, print_json
from clientsteun.domain.dates import format_date, parse_date
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START

# Upper bounds that keep a typing mistake from running for hours (or for ever).
MAX_DEMO_CLIENTS = 100_000
MAX_DEMO_CONVERSATIONS = 1_000_000


def register(commands: Commands) -> None:
    demo = commands.add("demo", "vul een lege database met verzonnen voorbeeldgegevens", _demo)
    demo.add_argument("--clients", type=int, required=True, help="aantal inwoners")
    demo.add_argument("--conversations", type=int, help="aantal gesprekken (standaard 6 per inwoner)")
    demo.add_argument("--seed", type=int, default=1, help="zelfde getal, zelfde gegevens")
    demo.add_argument("--today", help="peildatum dd-mm-jjjj (standaard vandaag)")

    clients = commands.add("clients", "toon de inwoners", _clients)
    clients.add_argument("--json", action="store_true", help="uitvoer als JSON")

    search = commands.add("search", "zoek in alle gespreksnotities", _search)
    search.add_argument("query", help="woorden om te zoeken")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")


def _demo(args: argparse.Namespace, db_path: Path) -> int:
    from clientsteun.demo import fill_demo

    check_count(args.clients, "--clients", 1, MAX_DEMO_CLIENTS)
    check_count(args.conversations, "--conversations", 0, MAX_DEMO_CONVERSATIONS)
    today = parse_date(args.today) if args.today else None
    services = open_services(args, db_path, create=True)
    try:
        result = fill_demo(
            services.database,
            services.catalog,
            clients=args.clients,
            conversations=args.conversations,
            seed=args.seed,
            today=today,
        )
    finally:
        services.close()
    print(
        f"{result.clients} inwoners, {result.conversations} gesprekken en "
        f"{result.agreements} afspraken gemaakt in {db_path}"
    )
    return 0


def _clients(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        rows = services.clients.list_clients()
        log_shown(services, f"lijst van inwoners, {lines(len(rows))}", json=args.json)
    finally:
        services.close()
    if args.json:
        print_json([dataclasses.asdict(row) for row in rows])
        return 0
    print(
        f"{'nr':>6}  {'naam':<30} {'gemeente':<18} {'status':<8} {'laatste contact':<15} {'afspraken open / te laat'}"
    )
    for row in rows:
        status = "open" if row.status == "open" else "gesloten"
        print(
            f"{row.id:>6}  {row.display_name[:30]:<30} {row.municipality[:18]:<18} {status:<8} "
            f"{format_date(row.last_contact):<15} {row.open_agreements} / {row.overdue_agreements}"
        )
    print(f"{len(rows)} inwoners")
    return 0


def _search(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        hits = services.conversations.search(args.query)
        kinds = {hit.kind: services.catalog.kind_name(hit.kind) for hit in hits}
        found = f"zoekresultaten, {len(hits)} {'treffer' if len(hits) == 1 else 'treffers'}"
        log_shown(services, found, json=args.json)
    finally:
        services.close()
    if args.json:
        print_json([dataclasses.asdict(hit) | {"snippet": _plain(hit.snippet)} for hit in hits])
        return 0
    for hit in hits:
        snippet = hit.snippet.replace(SNIPPET_START, "*").replace(SNIPPET_END, "*")
        print(f"{format_date(hit.held_on)}  {hit.client_name}  ({kinds[hit.kind]}, gesprek {hit.conversation_id})")
        print(f"    {snippet}")
    print(f"{len(hits)} gevonden")
    return 0


def _plain(snippet: str) -> str:
    return snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
