"""Commands over the agenda of all open dossiers: the open deadlines, and the agenda as an .ics file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clientsteun.cli.base import (
    ACTOR_WORDS,
    Commands,
    check_count,
    cut,
    lines,
    log_shown,
    open_services,
    print_json,
    settings,
)
from clientsteun.domain.agenda import AgendaItem, AgendaKind, within
from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import DeadlineState
from clientsteun.services import Services

WITHIN_DAYS = 14  # how far ahead "deadlines" looks by default
MAX_WITHIN_DAYS = 100_000  # beyond the last year a date may have (2200)


def register(commands: Commands) -> None:
    deadlines = commands.add("deadlines", "toon de open termijnen van alle open dossiers", _deadlines)
    deadlines.add_argument(
        "--within", type=int, default=WITHIN_DAYS, metavar="DAGEN",
        help=f"tot zoveel dagen vooruit (standaard {WITHIN_DAYS}); verlopen termijnen staan er altijd bij",
    )  # fmt: skip
    deadlines.add_argument("--json", action="store_true", help="uitvoer als JSON")

    agenda = commands.add(
        "agenda", "schrijf de agenda (termijnen, geplande stappen, afspraken) naar een agendabestand (.ics)", _agenda
    )
    agenda.add_argument("--ics", type=Path, required=True, metavar="BESTAND", help="het agendabestand (.ics)")
    agenda.add_argument(
        "--zonder-namen", dest="without_names", action="store_true",
        help="zet 'inwoner' met het nummer in het bestand in plaats van de naam "
        "(verstandig als de agenda naar de cloud gaat)",
    )  # fmt: skip
    agenda.add_argument(
        "--within", type=int, metavar="DAGEN",
        help="alleen tot zoveel dagen vooruit (standaard alles); verlopen punten staan er altijd bij",
    )  # fmt: skip


def _agenda_items(services: Services, within_days: int | None) -> list[AgendaItem]:
    """The agenda of all open dossiers; with ``within_days`` only that far ahead (overdue items stay)."""
    items = services.agenda.agenda(settings().due_soon_days)
    return items if within_days is None else within(items, services.agenda.today(), within_days)


_STATE_WORDS = {DeadlineState.PASSED: "VERLOPEN", DeadlineState.DUE_SOON: "binnenkort"}


def _deadlines(args: argparse.Namespace, db_path: Path) -> int:
    check_count(args.within, "--within", 0, MAX_WITHIN_DAYS)
    services = open_services(args, db_path)
    try:
        items = [item for item in _agenda_items(services, args.within) if item.kind is AgendaKind.DEADLINE]
        log_shown(services, f"termijnen, {lines(len(items))}", json=args.json)
    finally:
        services.close()
    if args.json:
        print_json([_deadline_json(item) for item in items])
        return 0
    print(f"{'datum':<10}  {'status':<10}  {'inwoner':<24}  {'wat':<52}  wie moet handelen")
    for item in items:
        who = ACTOR_WORDS[item.actor] if item.actor else ""
        print(f"{format_date(item.on):<10}  {_STATE_WORDS.get(item.state, ''):<10}  {cut(item.resident.name, 24)}  "
              f"{cut(item.what, 52)}  {who}".rstrip())  # fmt: skip
    overdue = sum(item.overdue for item in items)
    count = f"{len(items)} {'termijn' if len(items) == 1 else 'termijnen'}"
    print(f"{count}, waarvan {overdue} verlopen" if overdue else count)
    return 0


def _deadline_json(item: AgendaItem) -> dict[str, Any]:
    return {
        "date": item.on.isoformat(),
        "state": item.state.value,
        "resident_id": item.resident.id,
        "resident": item.resident.name,
        "municipality": item.resident.municipality,
        "what": item.what,
        "actor": None if item.actor is None else item.actor.value,
        "route_id": item.route_id,
        "route": item.route_title,
        "law": item.law,
        "advice": item.advice,
    }


def _agenda(args: argparse.Namespace, db_path: Path) -> int:
    check_count(args.within, "--within", 0, MAX_WITHIN_DAYS)
    services = open_services(args, db_path)
    try:
        items = _agenda_items(services, args.within)
        count = services.agenda.export_ics(args.ics, items, with_names=not args.without_names)
    finally:
        services.close()
    names = "zonder namen" if args.without_names else "met namen"
    print(f"{count} {'punt' if count == 1 else 'punten'} geschreven naar {args.ics} ({names})")
    left_out = len(items) - count
    if left_out:
        print(f"Let op: {left_out} {'punt' if left_out == 1 else 'punten'} weggelaten: de datum ligt buiten "
              "1900-2200 en past in geen agenda. Verbeter die datum in het dossier.")  # fmt: skip
    return 0
