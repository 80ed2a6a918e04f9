"""Commands that keep the data safe: backup, restore, check, and the audit log."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from clientsteun.cli.base import Commands, catalog, open_services, settings
from clientsteun.cli.passphrase import adopt_key, unlock
from clientsteun.domain.dates import format_date, format_time
from clientsteun.domain.errors import DatabaseMissing, KeyFileMissing, NotEncrypted
from clientsteun.domain.route_catalog import DECREE_MISSING
from clientsteun.services.safety import SafetyService, VaultState


def register(commands: Commands) -> None:
    backup = commands.add("backup", "maak een versleutelde, gecontroleerde reservekopie", _backup)
    backup.add_argument("--out", type=Path, required=True, help="het bestand voor de reservekopie")

    restore = commands.add("restore", "zet een reservekopie terug (het huidige bestand blijft bewaard)", _restore)
    restore.add_argument("--from", dest="source", type=Path, required=True, help="de reservekopie")

    check = commands.add("check", "controleer de database en de reservekopieën", _check)
    check.add_argument(
        "--accept", action="store_true",
        help="neem de database zoals hij is nadat het logbestand (-wal) na een onverwachte afsluiting "
        "verdwenen is (de waarschuwing verdwijnt dan)",
    )  # fmt: skip

    audit = commands.add("audit", "toon het logboek van exports, afdrukken en herstel", _audit)
    audit.add_argument("--csv", type=Path, help="schrijf het logboek naar dit CSV-bestand")


def _backup(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        SafetyService(db_path).backup_to(services.database.key, args.out, detail="handmatig, opdrachtregel")
    finally:
        services.close()
    print(f"Reservekopie gemaakt en gecontroleerd: {args.out} (met sleutelbestand {args.out}.key)")
    return 0


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    safety = SafetyService(db_path)
    safety.state()  # finishes a restore that was interrupted before this one starts
    if safety.has_own_key():
        key = unlock(safety, args.passphrase_file)
    else:  # a new laptop: the key file travels with the backup
        if not args.source.with_name(args.source.name + ".key").exists():
            raise KeyFileMissing()
        key = adopt_key(safety, args.passphrase_file, args.source)
    kept = safety.restore(key, args.source, detail="opdrachtregel")
    print("Reservekopie teruggezet.")
    if kept is not None:
        print(f"Het vorige bestand is bewaard als {kept}")
    return 0


def _check(args: argparse.Namespace, db_path: Path) -> int:
    safety = SafetyService(db_path, second_folder=settings().second_backup_folder)  # its newest copy reported
    state = safety.state()
    if state is VaultState.PLAINTEXT:
        raise NotEncrypted()
    if state is not VaultState.ENCRYPTED:
        raise DatabaseMissing()
    report = safety.check(unlock(safety, args.passphrase_file), accept_lost_wal=args.accept)
    for line in report.lines:
        print(line)
    missing = catalog().routes.missing_decree_year(date.today())
    if missing is not None:  # for the coordinator: a warning, not a problem of the database
        print("Let op: " + DECREE_MISSING.format(year=missing))
    return 0 if report.sound else 1


def _audit(args: argparse.Namespace, db_path: Path) -> int:
    services = open_services(args, db_path)
    try:
        if args.csv is not None:
            count = services.audit.export_csv(args.csv)
            print(f"{count} regels geschreven naar {args.csv}")
            return 0
        entries = services.audit.entries()
        broken = services.audit.first_broken()
    finally:
        services.close()
    for entry in entries:
        resident = f"inwoner {entry.client_id}" if entry.client_id else ""
        print(f"{format_date(entry.at.date())} {format_time(entry.at.time())}  {entry.action.label:<36} "
              f"{resident:<14} {entry.user}  {entry.detail}".rstrip())  # fmt: skip
    print(f"{len(entries)} regels")
    if broken is not None:
        print(f"Let op: het logboek is aangepast vanaf regel {broken}.")
        return 1
    return 0
