"""The meeting catalog (``meetings.toml``): kinds of meeting, each with a checklist of points not to forget.

Each kind says which conversation kind its record becomes once held, which planned route steps it
usually is (a hearing is the ``hearing`` step of an objection), and for which routes it is offered
first.  Each checklist point has a text for the supporter and one addressed to the resident ("je",
"ik"), used on the resident's sheet.

A coordinator's copy of the catalog made before this file existed has no ``meetings.toml``: the
built-in file is read instead (``load_catalog``'s ``fallback``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientsteun.domain.catalog_reader import CatalogItem, EntryReader, name_of, read_toml
from clientsteun.domain.errors import CatalogError

MEETINGS_FILE = "meetings.toml"


@dataclass(frozen=True)
class ChecklistPoint:
    code: str
    text: str  # for the supporter
    resident: str  # the same point, addressed to the resident in plain Dutch


@dataclass(frozen=True)
class MeetingKind(CatalogItem):
    resident: str = ""  # what the meeting is, addressed to the resident
    conversation_kind: str = ""  # the conversation record it becomes once held
    medium: str = ""  # how it usually takes place
    step_kinds: tuple[str, ...] = ()  # the planned route steps it usually is
    route_kinds: tuple[str, ...] = ()  # offered first for meetings about these routes
    checklist: tuple[ChecklistPoint, ...] = ()


@dataclass(frozen=True)
class MeetingCatalog:
    kinds: tuple[MeetingKind, ...] = ()

    def kind(self, code: str) -> MeetingKind:
        """The kind; a code the catalog no longer knows shows as itself, with no checklist."""
        return next((kind for kind in self.kinds if kind.code == code), MeetingKind(code, code))

    def name(self, code: str) -> str:
        return name_of(self.kinds, code)

    def for_step(self, step_kind: str) -> MeetingKind | None:
        """The first kind that a planned step of this kind usually is."""
        return next((kind for kind in self.kinds if step_kind in kind.step_kinds), None)


def load_meeting_catalog(
    path: Path,
    conversation_kinds: Collection[str],
    media: Collection[str],
    step_kinds: Collection[str],
    route_kinds: Collection[str],
) -> MeetingCatalog:
    """Read and check ``path``; the codes it refers to must be known in the other catalog files."""
    raw = read_toml(path)
    reader = EntryReader(str(path), raw)
    kinds = []
    for entry, where, code, name, description in reader.items("meeting_kind"):
        conversation = reader.required(entry, "conversation_kind", where)
        if conversation not in conversation_kinds:
            raise CatalogError(str(path), where, f"'conversation_kind': onbekende soort gesprek '{conversation}'")
        medium = reader.optional(entry, "medium", where)
        if medium and medium not in media:
            raise CatalogError(str(path), where, f"'medium': onbekende manier van contact '{medium}'")
        kinds.append(
            MeetingKind(
                code, name, description,
                resident=reader.required(entry, "resident", where),
                conversation_kind=conversation,
                medium=medium,
                step_kinds=reader.codes(entry, "steps", where, step_kinds, "stap"),
                route_kinds=reader.codes(entry, "routes", where, route_kinds, "soort route"),
                checklist=_checklist(reader, entry, where),
            )
        )  # fmt: skip
    return MeetingCatalog(tuple(kinds))


def _checklist(reader: EntryReader, entry: dict[str, Any], where: str) -> tuple[ChecklistPoint, ...]:
    points = entry.get("checklist", [])
    if not isinstance(points, list) or not all(isinstance(point, dict) for point in points):
        raise CatalogError(reader.file, where, "schrijf elk punt als een eigen [[meeting_kind.checklist]]")
    seen: set[str] = set()
    found = []
    for number, point in enumerate(points, start=1):
        code = reader.required(point, "code", f"{where}, punt nr. {number}")
        inner = f"{where}, punt {code}"
        if code in seen:
            raise CatalogError(reader.file, inner, "deze code komt twee keer voor")
        seen.add(code)
        text = reader.required(point, "text", inner)
        found.append(ChecklistPoint(code, text, reader.required(point, "resident", inner)))
    return tuple(found)
