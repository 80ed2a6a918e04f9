"""The command line: the GUI by default, subcommands for headless work over the same services.

Output and errors are Dutch; exit code 0 is success, 1 a problem explained on stderr, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from clientsteun import __version__, paths
from clientsteun.domain.catalog import load_catalog
from clientsteun.domain.dates import format_date, parse_date
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START
from clientsteun.services import Services
from clientsteun.store.database import open_database


class _DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


# argparse's own messages, in Dutch.  Anything else is shown after a Dutch sentence.
_USAGE_ERRORS = (
    (r"the following arguments are required: (.*)", r"dit ontbreekt nog: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"bij \1 hoort een heel getal, niet \2"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"onbekende opdracht \2; kies uit \3"),
    (r"argument (\S+): expected one argument", r"na \1 hoort een waarde"),
    (r"unrecognized arguments: (.*)", r"onbekend: \1"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and usage errors."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_DutchHelpFormatter, add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze uitleg")

    def error(self, message: str) -> NoReturn:
        for pattern, dutch in _USAGE_ERRORS:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, dutch, message)
                break
        else:
            message = f"de opdracht klopt niet ({message})"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}. Zie '{self.prog} --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="clientsteun",
        description="Clientsteun: dossiers voor onafhankelijke cliëntondersteuning. "
        "Zonder opdracht start het programma.",
    )
    parser.add_argument(
        "--version", action="version", version=f"clientsteun {__version__}", help="toon het versienummer"
    )
    db_help = f"het databasebestand (standaard ${paths.DB_ENV} of {paths.default_database()})"
    parser.add_argument("--db", type=Path, help=db_help)
    # A subcommand's --db must not default to None: that would overwrite a --db given before
    # the subcommand, and the command would silently use the default database instead.
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=_Parser)

    demo = commands.add_parser("demo", help="vul een lege database met verzonnen voorbeeldgegevens")
    demo.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    demo.add_argument("--clients", type=int, required=True, help="aantal inwoners")
    demo.add_argument("--conversations", type=int, help="aantal gesprekken (standaard 6 per inwoner)")
    demo.add_argument("--seed", type=int, default=1, help="zelfde getal, zelfde gegevens")
    demo.add_argument("--today", help="peildatum dd-mm-jjjj (standaard vandaag)")

    clients = commands.add_parser("clients", help="toon de inwoners")
    clients.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    clients.add_argument("--json", action="store_true", help="uitvoer als JSON")

    search = commands.add_parser("search", help="zoek in alle gespreksnotities")
    search.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    search.add_argument("query", help="woorden om te zoeken")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path: Path = args.db or paths.default_database()
    if args.command is None:
        from clientsteun.app import run  # Qt is loaded only for the GUI

        return run(db_path)
    try:
        return COMMANDS[args.command](args, db_path)
    except ClientsteunError as error:
        print(f"clientsteun: {error.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into a program that stopped reading, e.g. head
        sys.stderr.close()
        return 0


def _services(db_path: Path, *, exclusive: bool = False, create: bool = False) -> Services:
    database = open_database(db_path, exclusive=exclusive, create=create)
    return Services.create(database, load_catalog(paths.catalog_dir()))


def _demo(args: argparse.Namespace, db_path: Path) -> int:
    from clientsteun.demo import fill_demo

    today = parse_date(args.today) if args.today else None
    services = _services(db_path, exclusive=True, create=True)
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
    services = _services(db_path)
    try:
        rows = services.clients.list_clients()
    finally:
        services.close()
    if args.json:
        _print_json([dataclasses.asdict(row) for row in rows])
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
    services = _services(db_path)
    try:
        hits = services.conversations.search(args.query)
        kinds = {hit.kind: services.catalog.kind_name(hit.kind) for hit in hits}
    finally:
        services.close()
    if args.json:
        _print_json([dataclasses.asdict(hit) | {"snippet": _plain(hit.snippet)} for hit in hits])
        return 0
    for hit in hits:
        snippet = hit.snippet.replace(SNIPPET_START, "*").replace(SNIPPET_END, "*")
        print(f"{format_date(hit.held_on)}  {hit.client_name}  ({kinds[hit.kind]}, gesprek {hit.conversation_id})")
        print(f"    {snippet}")
    print(f"{len(hits)} gevonden")
    return 0


def _plain(snippet: str) -> str:
    return snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


COMMANDS = {"demo": _demo, "clients": _clients, "search": _search}
