"""The resident's rights from the command line: their copy, the hand-over to a colleague, reading one in.

``export-client`` writes the copy as JSON or PDF (by the file's extension), ``hand-over`` the encrypted
hand-over file and prints its transfer passphrase once, ``import-client`` reads a copy or a hand-over
file in (the transfer passphrase typed on a terminal, or from ``--transfer-passphrase-file`` or
``$CLIENTSTEUN_TRANSFER_PASSPHRASE`` in a script).  Every file is logged once it is in place.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from clientsteun.cli.base import Commands, open_services
from clientsteun.cli.passphrase import ask
from clientsteun.domain.errors import InvalidInput

TRANSFER_ENV = "CLIENTSTEUN_TRANSFER_PASSPHRASE"
MAX_TRANSFER_FILE = 1024


def register(commands: Commands) -> None:
    export = commands.add("export-client", "schrijf de kopie van een inwoner (alles wat is vastgelegd)", _export)
    export.add_argument("--client", type=int, required=True, metavar="NUMMER", help="het nummer van de inwoner")
    export.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="een .json- of .pdf-bestand")
    export.add_argument(
        "--leave-out", action="append", default=[], metavar="UUID",
        help="laat de vrije tekst van dit stuk weg (kan vaker); zie --mentions",
    )  # fmt: skip
    export.add_argument(
        "--mentions", action="store_true", help="toon alleen welke stukken andere mensen noemen, schrijf niets"
    )
    hand_over = commands.add("hand-over", "schrijf het versleutelde overdrachtsbestand voor een collega", _hand_over)
    hand_over.add_argument("--client", type=int, required=True, metavar="NUMMER", help="het nummer van de inwoner")
    hand_over.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="het overdrachtsbestand")
    read_in = commands.add("import-client", "lees een kopie of een overdrachtsbestand in (voegt toe)", _import)
    read_in.add_argument("file", type=Path, metavar="BESTAND", help="een .json-kopie of een overdrachtsbestand")
    read_in.add_argument(
        "--as-copy", action="store_true", help="als de inwoner er al is: lees in als kopie met nieuwe nummers"
    )
    read_in.add_argument(
        "--transfer-passphrase-file", type=Path, metavar="BESTAND",
        help=f"bestand met het overdrachtswachtwoord op de eerste regel (of ${TRANSFER_ENV})",
    )  # fmt: skip


def _export(args: argparse.Namespace, db_path: Path) -> int:
    suffix = args.out.suffix.lower()
    if not args.mentions and suffix not in (".json", ".pdf"):
        raise InvalidInput("Kies een bestandsnaam die eindigt op .json of .pdf.")
    services = open_services(args, db_path)
    try:
        if args.mentions:
            found = services.dossier_copy.mentions(args.client)
            for mention in found:
                parts = (("het netwerk", mention.network), ("een andere inwoner", mention.other_resident))
                who = " en ".join(part for part, named in parts if named)
                print(f"{mention.uuid}  {mention.section}: noemt {who}")
            print(f"{len(found)} {'stuk noemt' if len(found) == 1 else 'stukken noemen'} andere mensen.")
            return 0
        written = services.dossier_copy.save_copy(
            args.client, args.out, pdf=suffix == ".pdf", leave_out=tuple(args.leave_out)
        )
    finally:
        services.close()
    left = f", {len(args.leave_out)} stukken weggelaten" if args.leave_out else ""
    print(f"Kopie van inwoner {args.client} geschreven naar {written}{left}.")
    return 0


def _hand_over(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        handed = services.dossier_copy.hand_over(args.client, args.out)
    finally:
        services.close()
    print(f"Overdrachtsbestand geschreven naar {handed.path}.")
    print(f"Overdrachtswachtwoord (wordt maar één keer getoond): {handed.transfer_passphrase}")
    print(
        "Geef het wachtwoord op een andere manier door dan het bestand. Leg na het inlezen bij uw collega "
        "de overdracht vast in Clientsteun; dan wordt het dossier hier gesloten of gewist."
    )
    return 0


def _transfer_passphrase(file: Path | None) -> str:
    if file is not None:
        try:
            with file.open("rb") as handle:
                content = handle.read(MAX_TRANSFER_FILE)
            lines = content.decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise InvalidInput("Het bestand met het overdrachtswachtwoord kan niet worden gelezen.") from None
        return lines[0] if lines else ""
    if os.environ.get(TRANSFER_ENV):
        return os.environ[TRANSFER_ENV]
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"Dit is een overdrachtsbestand. Geef het overdrachtswachtwoord met --transfer-passphrase-file "
            f"of in ${TRANSFER_ENV}."
        )
    return ask("Overdrachtswachtwoord: ")


def _import(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        try:
            sealed = services.dossier_import.needs_transfer_passphrase(args.file)
        except FileNotFoundError:
            raise InvalidInput("Dit bestand bestaat niet. Controleer de naam en de map.") from None
        passphrase = _transfer_passphrase(args.transfer_passphrase_file) if sealed else ""
        imported = services.dossier_import.import_file(args.file, transfer_passphrase=passphrase, as_copy=args.as_copy)
    finally:
        services.close()
    how = " als kopie met nieuwe nummers" if imported.as_copy else ""
    print(f"Dossier ingelezen{how}: inwoner {imported.client_id}.")
    if imported.unknown:
        print(
            "Let op: de catalogus op deze laptop kent niet: " + ", ".join(imported.unknown) + ". Het dossier "
            "toont ze zoals ze zijn; vraag uw coördinator de catalogus aan te vullen.",
            file=sys.stderr,
        )
    return 0
