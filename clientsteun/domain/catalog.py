"""The catalog: lists that are data, not code (areas of life, kinds of conversation, note templates).

Files are TOML under ``resources/catalog/`` so a coordinator can edit a copy by hand.  Loading
validates every entry and names the file and the entry in the error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientsteun.domain.errors import CatalogError

DOSSIER_FILE = "dossier.toml"


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class ConversationKind(CatalogItem):
    template: str = ""  # code of the note template offered first


@dataclass(frozen=True)
class NoteTemplate:
    code: str
    name: str
    text: str


@dataclass(frozen=True)
class Catalog:
    life_domains: tuple[CatalogItem, ...]
    conversation_kinds: tuple[ConversationKind, ...]
    media: tuple[CatalogItem, ...]
    parties: tuple[CatalogItem, ...]  # who usually does an agreed action
    note_templates: tuple[NoteTemplate, ...]
    first_conversation_kind: str  # offered for the first conversation with a resident
    next_conversation_kind: str  # offered for the ones after it

    def life_domain_name(self, code: str) -> str:
        return _name(self.life_domains, code)

    def kind_name(self, code: str) -> str:
        return _name(self.conversation_kinds, code)

    def medium_name(self, code: str) -> str:
        return _name(self.media, code)

    def template(self, code: str) -> NoteTemplate | None:
        return next((t for t in self.note_templates if t.code == code), None)


def _name(items: tuple[CatalogItem, ...], code: str) -> str:
    """The display name of a code; a code the catalog no longer knows shows as itself."""
    return next((item.name for item in items if item.code == code), code)


def load_catalog(folder: Path) -> Catalog:
    path = folder / DOSSIER_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(str(path), "-", "het bestand bestaat niet") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(str(path), "-", f"geen geldige TOML: {error}") from None
    reader = _Reader(str(path), raw)
    kinds = tuple(
        ConversationKind(code, name, description, template=reader.optional(entry, "template", where))
        for entry, where, code, name, description in reader.items("conversation_kind")
    )
    templates = tuple(
        NoteTemplate(code, name, reader.required(entry, "text", where))
        for entry, where, code, name, _ in reader.items("note_template")
    )
    known_templates = {t.code for t in templates}
    for kind in kinds:
        if kind.template and kind.template not in known_templates:
            raise CatalogError(str(path), f"conversation_kind {kind.code}", f"onbekend sjabloon '{kind.template}'")
    defaults = raw.get("defaults", {})
    if not isinstance(defaults, dict):
        raise CatalogError(str(path), "defaults", "moet een tabel zijn ([defaults])")
    known_kinds = {kind.code for kind in kinds}
    chosen = {}
    for key in ("first_conversation", "next_conversation"):
        code = reader.optional(defaults, key, "defaults") or kinds[0].code
        if code not in known_kinds:
            raise CatalogError(str(path), "defaults", f"'{key}': onbekende soort gesprek '{code}'")
        chosen[key] = code
    return Catalog(
        life_domains=reader.simple("life_domain"),
        conversation_kinds=kinds,
        media=reader.simple("medium"),
        parties=reader.simple("party"),
        note_templates=templates,
        first_conversation_kind=chosen["first_conversation"],
        next_conversation_kind=chosen["next_conversation"],
    )


class _Reader:
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
