"""The catalog: lists that are data, not code (areas of life, kinds of conversation, note templates,
and in ``routes.toml`` the routes with their deadline rules).

Files are TOML under ``resources/catalog/`` so a coordinator can edit a copy by hand.  Loading
validates every entry and names the file and the entry in the error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clientsteun.domain.catalog_reader import CatalogItem, EntryReader, name_of, read_toml
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.meeting_catalog import MEETINGS_FILE, MeetingCatalog, load_meeting_catalog
from clientsteun.domain.route_catalog import RouteCatalog, load_route_catalog

DOSSIER_FILE = "dossier.toml"


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
    routes: RouteCatalog  # routes.toml: route kinds, steps, documents, deadline rules, signal themes
    # meetings.toml: kinds of meeting and their checklists
    meetings: MeetingCatalog = field(default_factory=MeetingCatalog)

    def life_domain_name(self, code: str) -> str:
        return name_of(self.life_domains, code)

    def kind_name(self, code: str) -> str:
        return name_of(self.conversation_kinds, code)

    def medium_name(self, code: str) -> str:
        return name_of(self.media, code)

    def template(self, code: str) -> NoteTemplate | None:
        return next((t for t in self.note_templates if t.code == code), None)


def load_catalog(folder: Path, fallback: Path | None = None) -> Catalog:
    """The catalog in ``folder``; a file added after a coordinator copied it (``meetings.toml``) is read
    from ``fallback`` (the built-in folder) when the copy lacks it, and left empty without one."""
    path = folder / DOSSIER_FILE
    raw = read_toml(path)
    reader = EntryReader(str(path), raw)
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
    life_domains = reader.simple("life_domain")
    media = reader.simple("medium")
    routes = load_route_catalog(folder, {domain.code for domain in life_domains}, fallback)
    meetings_folder = folder if (folder / MEETINGS_FILE).exists() or fallback is None else fallback
    meetings = MeetingCatalog()
    if (meetings_folder / MEETINGS_FILE).exists():
        meetings = load_meeting_catalog(
            meetings_folder / MEETINGS_FILE, known_kinds, {medium.code for medium in media}, routes.step_kinds,
            {kind.code for kind in routes.kinds},
        )  # fmt: skip
    return Catalog(
        life_domains=life_domains,
        conversation_kinds=kinds,
        media=media,
        parties=reader.simple("party"),
        note_templates=templates,
        first_conversation_kind=chosen["first_conversation"],
        next_conversation_kind=chosen["next_conversation"],
        routes=routes,
        meetings=meetings,
    )


def load_chosen_catalog(chosen: Path | None, built_in: Path) -> tuple[Catalog, CatalogError | None]:
    """The coordinator's copy when one is chosen and valid; else the built-in catalog and why not."""
    if chosen is not None:
        try:
            return load_catalog(chosen, built_in), None
        except CatalogError as error:
            return load_catalog(built_in), error
    return load_catalog(built_in), None
