"""Reading catalog files: every error names the file, the entry and what is wrong; the plain catalog item."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientsteun.domain.errors import CatalogError


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    description: str = ""


def name_of(items: Iterable[CatalogItem], code: str) -> str:
    """The display name of a code; a code the catalog no longer knows shows as itself."""
    return next((item.name for item in items if item.code == code), code)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(str(path), "-", "het bestand bestaat niet") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(str(path), "-", f"geen geldige TOML: {error}") from None


class EntryReader:
    """Reads the entries of one catalog file; every problem names the file and the entry."""

    def __init__(self, file: str, raw: dict[str, Any]) -> None:
        self.file = file
        self.raw = raw

    def items(self, table: str) -> list[tuple[dict[str, Any], str, str, str, str]]:
        entries = self.raw.get(table)
        if not isinstance(entries, list) or not entries:
            raise CatalogError(self.file, table, "de lijst ontbreekt of is leeg ([[" + table + "]])")
        seen: set[str] = set()
        result = []
        for number, entry in enumerate(entries, start=1):
            where = f"{table} nr. {number}"
            code = self.required(entry, "code", where)
            where = f"{table} {code}"
            if code in seen:
                raise CatalogError(self.file, where, "deze code komt twee keer voor")
            seen.add(code)
            name = self.required(entry, "name", where)
            result.append((entry, where, code, name, self.optional(entry, "description", where)))
        return result

    def simple(self, table: str) -> tuple[CatalogItem, ...]:
        """The entries of a list of plain items: code, name and description."""
        return tuple(CatalogItem(code, name, description) for _, _, code, name, description in self.items(table))

    def required(self, entry: dict[str, Any], key: str, where: str) -> str:
        value = self.optional(entry, key, where)
        if not value.strip():
            raise CatalogError(self.file, where, f"'{key}' ontbreekt of is leeg")
        return value

    def optional(self, entry: dict[str, Any], key: str, where: str) -> str:
        value = entry.get(key, "")
        if not isinstance(value, str):
            raise CatalogError(self.file, where, f"'{key}' moet tekst zijn")
        return value

    def codes(self, entry: dict[str, Any], key: str, where: str, known: Collection[str], what: str) -> tuple[str, ...]:
        """A list of codes, each one of ``known`` (``what`` names the kind of thing in the error)."""
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise CatalogError(self.file, where, f"'{key}' moet een lijst met codes zijn")
        for code in value:
            if code not in known:
                raise CatalogError(self.file, where, f"'{key}': onbekende {what} '{code}'")
        return tuple(value)

    def flag(self, entry: dict[str, Any], key: str, where: str, default: bool = False) -> bool:
        value = entry.get(key, default)
        if not isinstance(value, bool):
            raise CatalogError(self.file, where, f"'{key}' moet true of false zijn")
        return value
