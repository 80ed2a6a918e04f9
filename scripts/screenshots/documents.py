"""The printed documents, each as a picture of its first page: the preparation sheet for the
resident (large type) and for the supporter, "Wat is er geprobeerd?" and a combined quarterly report
of two supporters' packages.  The PDFs are made by the app's own services and renderers."""

from __future__ import annotations

import subprocess
from pathlib import Path

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.sheet import SheetVariant
from clientsteun.domain.summary import effective_threshold
from clientsteun.reports.overview import overview_data, render_overview
from clientsteun.services.summaries import combine_files
from clientsteun.ui.coordinator.dialog import last_complete_quarter

from .stage import DOCS, Stage, demo_services

RESOLUTION = 80  # dots per inch: an A4 page 660 pixels wide, sharp enough to read on GitHub
SECOND_SEED = 11  # the second supporter's laptop: other residents, the same municipalities


def first_page(pdf: Path, name: str) -> None:
    """docs/``name``: the first page of ``pdf`` as PNG."""
    target = DOCS / name
    command = ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf), str(target.with_suffix(""))], check=True)
    print("wrote", target)


def take_sheets(stage: Stage, client_id: int, meeting_id: int) -> None:
    sheet = stage.services.sheet
    for variant, large, name in (
        (SheetVariant.RESIDENT, True, "sheet-inwoner.png"),
        (SheetVariant.SUPPORTER, False, "sheet-ondersteuner.png"),
    ):
        data = sheet.sheet_data(client_id, meeting_id, variant)
        pdf = sheet.export_sheet(stage.folder / f"{variant.value}.pdf", data, client_id, variant=variant, large=large)
        first_page(pdf, name)


def take_overview(stage: Stage, client_id: int) -> None:
    services = stage.services
    name = services.clients.get_client(client_id).display_name
    views = services.routes.list_routes(client_id)
    data = overview_data(name, views, services.catalog.routes, services.clock().date())
    pdf = stage.folder / "geprobeerd.pdf"
    pdf.write_bytes(render_overview(data))
    first_page(pdf, "overview.png")


def take_summary(stage: Stage, catalog: Catalog) -> None:
    """Two supporters' packages of the last quarter that is over, combined as the coordinator does."""
    period = last_complete_quarter(stage.services.clock().date())
    second = demo_services(stage.folder / "tweede-laptop", catalog, SECOND_SEED)
    packages = []
    try:
        for services, team in ((stage.services, "Team Noord"), (second, "Team Zuid")):
            target = stage.folder / f"{team}.json"
            packages.append(services.summaries.export_package(target, services.summaries.package(period, team)))
    finally:
        second.close()
    threshold = effective_threshold(stage.settings.summary_threshold)
    summaries = stage.services.summaries  # as the coordinator's window saves it: written, then logged
    pdf = summaries.export_summary(stage.folder / "rapportage.pdf", combine_files(packages), threshold)
    first_page(pdf, "summary.png")


def take(stage: Stage, catalog: Catalog, client_id: int, meeting_id: int, tried_by: int) -> None:
    """The sheets of ``client_id``'s meeting ``meeting_id``; what ``tried_by`` tried."""
    take_sheets(stage, client_id, meeting_id)
    take_overview(stage, tried_by)
    take_summary(stage, catalog)
