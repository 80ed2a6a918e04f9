"""Commands for the resident's right to be forgotten: erase one resident, and the retention worklist.

``erase-client`` and ``retention --erase/--anonymise`` cannot be undone.  On a terminal they ask the
passphrase again before they act; a script passes ``--yes`` (the passphrase then comes from
``--passphrase-file`` or the environment, as for every command).  The automatic backups that still
hold the resident are named; ``--rewrite-backups`` rewrites them without the resident (a terminal
is asked).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from clientsteun.cli.base import Commands, lines, log_shown, open_services, print_json, settings
from clientsteun.cli.passphrase import ask
from clientsteun.domain.dates import format_date
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.model import Client
from clientsteun.domain.privacy import ResidentMark, RetentionItem
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services import Services
from clientsteun.services.privacy import Copies
from clientsteun.services.safety import SafetyService

_YES_HELP = (
    "niet opnieuw om het wachtwoord vragen (voor scripts: het wachtwoord komt uit --passphrase-file "
    "of $CLIENTSTEUN_PASSPHRASE)"
)
_REWRITE_HELP = "herschrijf ook de reservekopieën in de map backups (en de tweede map) zonder deze inwoners"


def register(commands: Commands) -> None:
    erase = commands.add(
        "erase-client", "wis een inwoner voorgoed, met alles wat over hem of haar is vastgelegd", _erase
    )
    erase.add_argument(
        "--client", type=int, required=True, help="het nummer van de inwoner (zie 'clientsteun clients')"
    )
    erase.add_argument("--yes", action="store_true", help=_YES_HELP)
    erase.add_argument("--rewrite-backups", action="store_true", help=_REWRITE_HELP)

    retention = commands.add(
        "retention",
        "toon de gesloten dossiers waarvan de bewaartermijn is verstreken; wis of anonimiseer ze",
        _retention,
    )
    retention.add_argument("--json", action="store_true", help="uitvoer als JSON")
    retention.add_argument(
        "--months", type=int, help="de bewaartermijn in maanden (standaard de instelling van de app)"
    )
    action = retention.add_mutually_exclusive_group()
    action.add_argument("--erase", type=_numbers, metavar="NRS", help="wis deze dossiers van de lijst (bijv. 4,9,12)")
    action.add_argument("--anonymise", type=_numbers, metavar="NRS", help="anonimiseer deze dossiers van de lijst")
    retention.add_argument("--yes", action="store_true", help=_YES_HELP)
    retention.add_argument("--rewrite-backups", action="store_true", help=_REWRITE_HELP)


def _numbers(text: str) -> list[int]:
    try:
        found = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen lijst van nummers: {text}") from None
    if not found:
        raise argparse.ArgumentTypeError("geen nummers gegeven")
    return found


def _erase(args: argparse.Namespace, db_path: Path) -> int:
    _can_confirm(args)
    services = open_services(args, db_path)
    try:
        client = services.clients.get_client(args.client)
        chosen = settings()
        policy = RetentionPolicy(chosen.backups_daily, chosen.backups_weekly)
        copies = services.privacy.copies(args.client, policy, chosen.second_backup_folder)
        if not args.yes:
            _identify(services, client)
        _tell_copies(copies)
        rewrite = _confirm(args, services, db_path, bool(copies.held), "dit dossier voorgoed te wissen")
        erased = services.privacy.erase_client(args.client)
        print(f"Inwoner nr {args.client} is voorgoed gewist.")
        if rewrite:
            _rewrite(services, [erased.resident], chosen.second_backup_folder)
    finally:
        services.close()
    return 0


def _identify(services: Services, client: Client) -> None:
    """Who is about to be erased, so the supporter erases the right person: the number and the date of
    first contact, and the name only when standard error is a terminal (then logged as shown); a name
    never goes into a file or a script's log."""
    first = format_date(client.details.first_contact) if client.details.first_contact else "onbekend"
    if sys.stderr.isatty():
        log_shown(services, "naam bij wissen", json=False)
        who = client.display_name
    else:
        who = "deze inwoner (de naam staat alleen op een terminal)"
    print(f"Inwoner nr {client.id}: {who}, eerste contact {first}", file=sys.stderr)


def _retention(args: argparse.Namespace, db_path: Path) -> int:
    chosen = settings()
    months = args.months if args.months is not None else chosen.retention_months
    if months <= 0:
        raise InvalidInput(
            "Er is nog geen bewaartermijn gekozen. Uw organisatie kiest die; stel hem in de app in "
            "(Bestand, Instellingen) of geef --months."
        )
    services = open_services(args, db_path)
    try:
        items = services.privacy.retention_list(months)
        chosen_ids = args.erase or args.anonymise
        if not chosen_ids:
            log_shown(services, f"bewaartermijn verstreken, {lines(len(items))}", json=args.json)
            _show(items, months, as_json=args.json)
            return 0
        _can_confirm(args)
        listed = {item.client_id for item in items}
        missing = [number for number in chosen_ids if number not in listed]
        if missing:
            raise InvalidInput(
                f"Nr {', '.join(map(str, missing))} staat niet op de lijst van dossiers waarvan de bewaartermijn "
                "is verstreken. Er is niets veranderd."
            )
        what = "deze dossiers voorgoed te wissen" if args.erase else "deze dossiers te anonimiseren"
        rewrite = _confirm(args, services, db_path, True, what)
        if args.erase:
            residents = services.privacy.erase_clients(chosen_ids)
            print(f"{len(residents)} dossiers voorgoed gewist.")
        else:
            residents = services.privacy.anonymise_clients(chosen_ids)
            print(f"{len(residents)} dossiers geanonimiseerd.")
        if rewrite:
            _rewrite(services, residents, chosen.second_backup_folder)
    finally:
        services.close()
    return 0


def _show(rows: Sequence[RetentionItem], months: int, *, as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {"id": r.client_id, "naam": r.display_name, "gemeente": r.municipality,
                 "gesloten_op": r.closed_on, "termijn_verstreken_op": r.ends_on}
                for r in rows
            ]
        )  # fmt: skip
        return
    print(f"{'nr':>6}  {'naam':<30} {'gemeente':<18} {'gesloten op':<12} {'termijn verstreken op'}")
    for r in rows:
        print(
            f"{r.client_id:>6}  {r.display_name[:30]:<30} {r.municipality[:18]:<18} "
            f"{format_date(r.closed_on):<12} {format_date(r.ends_on)}"
        )
    print(f"{len(rows)} dossiers langer dan {months} maanden gesloten")


def _tell_copies(copies: Copies) -> None:
    """Where the resident still is, on stderr (the output proper is what was done)."""
    if copies.held:
        dates = ", ".join(format_date(copy.made_at.date()) for copy in copies.held)
        print(f"Automatische reservekopieën met deze inwoner: {len(copies.held)} (van {dates}).", file=sys.stderr)
        if copies.last_leaves_on is not None:
            print(f"Zonder herschrijven is de laatste op {format_date(copies.last_leaves_on)} vanzelf weg "
                  "(bij dagelijks gebruik).", file=sys.stderr)  # fmt: skip
        else:
            print("Zonder herschrijven blijft er een kopie die nooit vanzelf verdwijnt.", file=sys.stderr)
    if copies.second_unreachable:
        print("De tweede map voor reservekopieën is niet bereikbaar: kopieën daar blijven.", file=sys.stderr)
    if copies.manual_backups:
        days = ", ".join(format_date(moment.date()) for moment in copies.manual_backups)
        print(f"Met de hand gemaakte reservekopieën (op {days}): waar die staan, is niet vastgelegd; wis ze zelf.",
              file=sys.stderr)  # fmt: skip
    if copies.aside:
        print(f"Eerdere databasebestanden naast de database: {len(copies.aside)}; wis ze zelf.", file=sys.stderr)


def _can_confirm(args: argparse.Namespace) -> None:
    """Refused before anything is read or shown: off a terminal only ``--yes`` confirms."""
    if not args.yes and not sys.stdin.isatty():
        raise InvalidInput(
            "Dit kan niet ongedaan worden gemaakt. Geef --yes om het zonder vragen te doen (in een script)."
        )


def _confirm(args: argparse.Namespace, services: Services, db_path: Path, backups: bool, what: str) -> bool:
    """On a terminal: the passphrase typed again (and whether to rewrite the backups); with ``--yes``
    nothing is asked.  Returns whether the backups are to be rewritten."""
    if args.yes:
        return bool(args.rewrite_backups)
    if not sys.stdin.isatty():
        raise InvalidInput(
            "Dit kan niet ongedaan worden gemaakt. Geef --yes om het zonder vragen te doen (in een script)."
        )
    typed = ask(f"Typ het wachtwoord nog een keer om {what}: ")
    if SafetyService(db_path).unlock(typed) != services.database.key:
        raise InvalidInput("Dit wachtwoord hoort niet bij deze database. Er is niets veranderd.")
    if args.rewrite_backups or not backups:
        return bool(args.rewrite_backups)
    answer = input("Ook de reservekopieën herschrijven zonder deze inwoners? (j/n): ")
    return answer.strip().lower() in ("j", "ja")


def _rewrite(services: Services, residents: Sequence[ResidentMark], second_folder: str) -> None:
    rewritten = failed = 0
    for resident in residents:
        result = services.privacy.rewrite_backups(resident, second_folder)
        rewritten += result.rewritten
        failed += len(result.failed)
    print(f"Reservekopieën herschreven: {rewritten}." + (f" Niet gelukt: {failed}." if failed else ""))
