"""The summary package: one supporter's exact figures for a period, as a JSON file for the coordinator.

Every supporter works on a laptop of their own, so a coordinator combines their packages into one
report.  A package holds exact counts per municipality (no row about a person: counts, and how often
a number of days or minutes occurs), the signal descriptions marked shareable (names taken out), a
team label, the database's random id, the municipalities, the period, the app's version, the
format's version, a unique package id and a SHA-256 checksum over a canonical form of the rest
(the JSON with sorted keys, no spaces, UTF-8).  The checksum finds damage, not forgery.

Suppression is applied when a report is published, not in the package, so combined totals are right.
Combining counts the same package once (by its id, whatever the file is called) and refuses two
packages of the same database whose periods overlap; a damaged package, or one of a newer format,
is refused with a message that names the file.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.summary import Period, SharedSignal, Summary, UnitFigures, build_summary

FORMAT = "clientsteun-samenvattingspakket"
FORMAT_VERSION = 1
SUFFIX = ".json"

DAMAGED = QT_TRANSLATE_NOOP(
    "errors",
    "Het pakket ‘{file}’ is beschadigd of is geen samenvattingspakket van Clientsteun ({why}). Vraag de "
    "ondersteuner om het pakket opnieuw te maken. Er is niets samengevoegd.",
)
NEWER = QT_TRANSLATE_NOOP(
    "errors",
    "Het pakket ‘{file}’ is gemaakt met een nieuwere versie van Clientsteun (formaat {found}; deze versie leest "
    "tot en met formaat {known}). Werk Clientsteun bij om het te lezen. Er is niets samengevoegd.",
)
OVERLAP = QT_TRANSLATE_NOOP(
    "errors",
    "De pakketten ‘{first}’ en ‘{second}’ komen uit dezelfde database en hun perioden overlappen ({first_period} "
    "en {second_period}): hetzelfde werk zou dan twee keer worden geteld. Laat één van beide weg of vraag om "
    "pakketten voor perioden die niet overlappen. Er is niets samengevoegd.",
)
NO_PACKAGES = QT_TRANSLATE_NOOP("errors", "Kies ten minste één samenvattingspakket om samen te voegen.")


class PackageRefused(InvalidInput):
    """A package that cannot be read or combined; the message names the file."""


@dataclass(frozen=True)
class SummaryPackage:
    package_id: str  # a uuid4: the same package under another file name is counted once
    database_id: str  # the random id of the database it came from
    team: str
    app_version: str
    made_at: datetime
    period: Period
    municipalities: tuple[str, ...]
    units: tuple[UnitFigures, ...]
    format_version: int = FORMAT_VERSION


def new_package(
    database_id: str, team: str, app_version: str, made_at: datetime, period: Period, units: Sequence[UnitFigures]
) -> SummaryPackage:
    return SummaryPackage(
        str(uuid.uuid4()), database_id, team.strip(), app_version, made_at, period,
        tuple(unit.municipality for unit in units), tuple(units),
    )  # fmt: skip


def _body(package: SummaryPackage) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": package.format_version,
        "package_id": package.package_id,
        "database_id": package.database_id,
        "team": package.team,
        "app_version": package.app_version,
        "made_at": package.made_at.isoformat(timespec="seconds"),
        "period": {"from": package.period.start.isoformat(), "to": package.period.end.isoformat()},
        "municipalities": list(package.municipalities),
        "units": [
            {
                "municipality": unit.municipality,
                "counts": sorted([*key, count] for key, count in unit.counts.items() if count),
                "values": sorted([*key, count] for key, count in unit.values.items() if count),
                "signals": [{"theme": s.theme, "organisation": s.organisation, "text": s.text} for s in unit.signals],
            }
            for unit in package.units
        ],
    }


def checksum(body: dict[str, Any]) -> str:
    """SHA-256 over the canonical form: sorted keys, no spaces, UTF-8."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def package_bytes(package: SummaryPackage) -> bytes:
    """The package as the file a supporter sends (JSON on one line, the checksum last)."""
    body = _body(package)
    return json.dumps({**body, "checksum": checksum(body)}, ensure_ascii=False).encode("utf-8")


def read_package(file_name: str, data: bytes) -> SummaryPackage:
    """The package in ``data``; ``PackageRefused`` naming ``file_name`` when damaged or of a newer format."""

    def damaged(why: str) -> PackageRefused:
        return PackageRefused(DAMAGED.format(file=file_name, why=why), detail=f"package refused: {why}")

    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise damaged("geen leesbare JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise damaged("het is geen samenvattingspakket")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise damaged("de versie van het formaat ontbreekt")
    if version > FORMAT_VERSION:
        raise PackageRefused(
            NEWER.format(file=file_name, found=version, known=FORMAT_VERSION), detail=f"package format {version}"
        )
    stated = raw.pop("checksum", None)
    if stated != checksum(raw):
        raise damaged("de controlesom klopt niet" if stated else "de controlesom ontbreekt")
    try:
        return _package(raw)
    except (KeyError, TypeError, ValueError) as error:
        raise damaged(f"een gegeven ontbreekt of klopt niet: {type(error).__name__}") from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("count expected")
    return value


def _package(raw: dict[str, Any]) -> SummaryPackage:
    period = Period(date.fromisoformat(raw["period"]["from"]), date.fromisoformat(raw["period"]["to"]))
    if period.end < period.start:
        raise ValueError("period")
    units = []
    for unit in raw["units"]:
        counts: dict[tuple[str, str, str], int] = {}
        for table, row, column, count in unit["counts"]:
            counts[(_text(table), _text(row), _text(column))] = _number(count)
        values: dict[tuple[str, str, int], int] = {}
        for table, row, value, count in unit["values"]:
            values[(_text(table), _text(row), _number(value))] = _number(count)
        signals = tuple(
            SharedSignal(_text(s["theme"]), _text(s["organisation"]), _text(s["text"])) for s in unit["signals"]
        )
        units.append(UnitFigures(_text(unit["municipality"]), counts, values, signals))
    return SummaryPackage(
        package_id=str(uuid.UUID(_text(raw["package_id"]))),
        database_id=_text(raw["database_id"]),
        team=_text(raw["team"]),
        app_version=_text(raw["app_version"]),
        made_at=datetime.fromisoformat(_text(raw["made_at"])),
        period=period,
        municipalities=tuple(_text(name) for name in raw["municipalities"]),
        units=tuple(units),
        format_version=raw["format_version"],
    )


def combine(packages: Sequence[tuple[str, SummaryPackage]]) -> Summary:
    """One report from packages given with their file names: the same package counted once; two
    packages of one database for overlapping periods refused.  The period runs from the earliest
    start to the latest end."""
    if not packages:
        raise PackageRefused(NO_PACKAGES)
    kept: dict[str, tuple[str, SummaryPackage]] = {}
    for name, package in packages:
        kept.setdefault(package.package_id, (name, package))
    chosen = list(kept.values())
    for index, (name, package) in enumerate(chosen):
        for other_name, other in chosen[index + 1 :]:
            if package.database_id == other.database_id and package.period.overlaps(other.period):
                raise PackageRefused(
                    OVERLAP.format(
                        first=name, second=other_name,
                        first_period=package.period.label, second_period=other.period.label,
                    ),
                    detail="packages of one database with overlapping periods",
                )  # fmt: skip
    period = Period(min(p.period.start for _, p in chosen), max(p.period.end for _, p in chosen))
    teams = sorted({p.team for _, p in chosen if p.team})
    return build_summary(period, [unit for _, p in chosen for unit in p.units], teams=teams, packages=len(chosen))
