"""``clientsteun sheet``: the preparation sheet for a meeting, the same PDF as the app makes.

Without ``--meeting`` it is for the resident's next planned meeting, or a general sheet when none is
planned.  The file is written through the one safe write and logged once it is in place.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clientsteun.cli.base import Commands, open_services
from clientsteun.domain.dates import format_long
from clientsteun.domain.sheet import SheetVariant


def register(commands: Commands) -> None:
    sheet = commands.add("sheet", "schrijf het voorbereidingsblad voor een gesprek van een inwoner als pdf", _sheet)
    sheet.add_argument("--client", type=int, required=True, metavar="NUMMER", help="het nummer van de inwoner")
    sheet.add_argument(
        "--meeting", type=int, metavar="NUMMER",
        help="het nummer van het gesprek (standaard het eerstvolgende gesprek; zonder gesprek een algemeen blad)",
    )  # fmt: skip
    sheet.add_argument(
        "--variant", choices=[variant.value for variant in SheetVariant], default=SheetVariant.RESIDENT.value,
        help="voor de inwoner (eenvoudige taal, standaard) of voor de ondersteuner (beknopt, met wetten en data)",
    )  # fmt: skip
    sheet.add_argument("--large", action="store_true", help="grote letters (14 punt)")
    sheet.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="het pdf-bestand")


def _sheet(args: argparse.Namespace, db_path: Path) -> int:
    variant = SheetVariant(args.variant)
    services = open_services(args, db_path)
    try:
        client = services.clients.get_client(args.client)
        data = services.sheet.sheet_data(client.id, args.meeting, variant)
        written = services.sheet.export_sheet(args.out, data, client.id, variant=variant, large=args.large)
    finally:
        services.close()
    meeting = data.meeting
    about = f"het gesprek van {format_long(meeting.on)}" if meeting is not None and meeting.on else "geen gesprek"
    count = len(data.questions)
    print(f"Voorbereidingsblad ({about}, {count} {'vraag' if count == 1 else 'vragen'}) geschreven naar {written}.")
    return 0
