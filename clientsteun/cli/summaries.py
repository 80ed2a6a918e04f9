"""The coordinator's summaries: ``clientsteun summary``, ``summary-package`` and ``combine``.

A report (PDF, XLSX or CSV by the file's suffix) hides counts under the threshold of the settings
(never under 5); a package carries the exact counts for the coordinator, who combines the
packages of the team without a database.  ``--municipality`` chooses the municipalities shown apart;
"alle gemeenten samen" always counts every municipality, so two reports cannot be subtracted.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clientsteun.cli.base import Commands, given_date, open_services, settings
from clientsteun.domain.summary import Period, Summary, effective_threshold
from clientsteun.services.summaries import check_report_target, combine_files, write_report

DATE_HELP = "dd-mm-jjjj of jjjj-mm-dd"
REPORT_HELP = "het bestand voor de samenvatting: .pdf, .xlsx of .csv"


def register(commands: Commands) -> None:
    summary = commands.add(
        "summary", "maak een samenvatting zonder namen over een periode, per gemeente en voor alle samen", _summary
    )
    _period_options(summary)
    _municipality_option(summary)
    summary.add_argument("--out", type=Path, required=True, metavar="BESTAND", help=REPORT_HELP)

    package = commands.add(
        "summary-package", "maak een samenvattingspakket (exacte aantallen, zonder namen) voor de coördinator", _package
    )
    _period_options(package)
    package.add_argument("--team", default="", metavar="NAAM", help="de naam van het team of de ondersteuner")
    package.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="het pakket (.json)")

    combine = commands.add(
        "combine", "voeg samenvattingspakketten samen tot één samenvatting (zonder database)", _combine, database=False
    )
    combine.add_argument("packages", nargs="+", type=Path, metavar="PAKKET", help="de pakketten (.json)")
    _municipality_option(combine)
    combine.add_argument("--out", type=Path, required=True, metavar="BESTAND", help=REPORT_HELP)


def _municipality_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--municipality", action="append", default=[], metavar="GEMEENTE",
        help="toon deze gemeente apart (mag vaker; standaard alle gemeenten); 'alle gemeenten samen' telt "
        "altijd alle gemeenten",
    )  # fmt: skip


def _period_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--from", dest="start", required=True, metavar="DATUM", help=f"eerste dag ({DATE_HELP})")
    command.add_argument("--to", dest="end", required=True, metavar="DATUM", help=f"laatste dag ({DATE_HELP})")


def _period(args: argparse.Namespace) -> Period:
    return Period(given_date(args.start), given_date(args.end)).validated()


def _threshold() -> int:
    return effective_threshold(settings().summary_threshold)


def _summary(args: argparse.Namespace, db_path: Path) -> int:
    period = _period(args)
    check_report_target(args.out)
    threshold = _threshold()
    services = open_services(args, db_path)
    try:
        summary = services.summaries.summary(period, args.municipality)
        services.summaries.export_summary(args.out, summary, threshold)
    finally:
        services.close()
    print(f"Samenvatting over {period.label} ({_count(summary)}) geschreven naar {args.out}.")
    print(f"Aantallen onder {threshold} staan er als <{threshold}.")
    return 0


def _package(args: argparse.Namespace, db_path: Path) -> int:
    period = _period(args)
    services = open_services(args, db_path)
    try:
        package = services.summaries.package(period, args.team)
        services.summaries.export_package(args.out, package)
    finally:
        services.close()
    count = len(package.units)
    print(f"Samenvattingspakket over {period.label} ({count} {'gemeente' if count == 1 else 'gemeenten'}) "
          f"geschreven naar {args.out}.")  # fmt: skip
    print("Het pakket bevat exacte aantallen: stuur het alleen naar de coördinator.")
    return 0


def _combine(args: argparse.Namespace, db_path: Path) -> int:
    """No database is opened (the packages are all there is); the files the app keeps for ``db_path``
    (``--db`` or the default) are still never replaced by the report."""
    check_report_target(args.out)
    summary = combine_files(args.packages).choosing(args.municipality)
    threshold = _threshold()
    write_report(args.out, summary, threshold, database=db_path)
    print(f"{summary.packages} {'pakket' if summary.packages == 1 else 'pakketten'} samengevoegd over "
          f"{summary.period.label} ({_count(summary)}); geschreven naar {args.out}.")  # fmt: skip
    twice = len(args.packages) - summary.packages
    if twice:
        print(f"Let op: {twice} {'pakket kwam' if twice == 1 else 'pakketten kwamen'} dubbel voor en "
              "telde één keer.")  # fmt: skip
    print(f"Aantallen onder {threshold} staan er als <{threshold}.")
    return 0


def _count(summary: Summary) -> str:
    count = len(summary.municipalities)
    return f"{count} {'gemeente' if count == 1 else 'gemeenten'}"
