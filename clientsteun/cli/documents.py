"""Printed documents from the command line: ``clientsteun overview`` writes the same PDF as the app.

The file is written through the one safe write and logged once it is in place, as in the app.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clientsteun.cli.base import Commands, open_services
from clientsteun.domain.audit import AuditAction
from clientsteun.reports.overview import overview_data, render_overview


def register(commands: Commands) -> None:
    overview = commands.add(
        "overview", "schrijf het overzicht 'Wat is er al geprobeerd?' van een inwoner als pdf", _overview
    )
    overview.add_argument("--client", type=int, required=True, metavar="NUMMER", help="het nummer van de inwoner")
    overview.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="het pdf-bestand")


def _overview(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        client = services.clients.get_client(args.client)
        views = services.routes.list_routes(client.id)
        data = overview_data(client.display_name, views, services.catalog.routes, services.clock().date())
        detail = "overzicht wat is geprobeerd, pdf (opdrachtregel)"
        written = services.audit.export(
            args.out, render_overview(data), AuditAction.EXPORT, client_id=client.id, detail=detail
        )
    finally:
        services.close()
    count = len(data.lines)
    print(f"Overzicht met {count} {'poging' if count == 1 else 'pogingen'} geschreven naar {written}.")
    return 0
