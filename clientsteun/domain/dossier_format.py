"""The dossier file: everything about one resident as one versioned JSON document, and its checks.

The same document is the resident's copy (AVG art. 15 and 20) and, encrypted, the hand-over file to
a colleague.  ``docs/dossier-format.md`` describes every field; ``SCHEMA`` below is the same list
as the program reads it.  Records name each other only by their UUID (revision 0007), never by a
number of one database, so a dossier is recognised on another laptop.  Dates are ISO (2026-11-22),
times ``10:30:00``, moments ``2026-11-22T10:30:00``; attachments travel as base64 with their
SHA-256.  A SHA-256 checksum over the whole document tells a damaged file from a good one.

Reading a file checks, before anything is written: that it is a dossier at all, that its format
version is not newer than this program's, its checksum, every field's type, that every UUID is
unique and every reference points to a record in the file, and every attachment's hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from clientsteun.domain.anonymise import NameScrubber, name_words
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import ClientStatus
from clientsteun.domain.rights import NoteKind, RequestKind
from clientsteun.domain.routes import LinkKind, Outcome, StepState

FORMAT = "clientsteun-dossier"
FORMAT_VERSION = 1

Body = dict[str, Any]


class NotADossier(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors", "Dit bestand is geen dossier van Clientsteun. Er is niets ingelezen en niets veranderd."
    )


class NewerDossier(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Dit dossier is gemaakt met een nieuwere versie van Clientsteun. Installeer de nieuwste versie "
        "om het in te lezen. Er is niets ingelezen en niets veranderd.",
    )


class DossierDamaged(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Dit dossierbestand is beschadigd of onvolledig (het klopt niet met zijn controlegetal of mist "
        "een deel). Vraag om een nieuw bestand. Er is niets ingelezen en niets veranderd.",
    )


class UnknownPassage(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors", "Een stuk dat weggelaten moest worden, hoort niet bij dit dossier. Er is niets gemaakt."
    )


# --- the schema -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Maybe:
    """An object that may be null."""

    spec: Mapping[str, Any]


# A field's spec: a scalar type ("?" at the end: may be null), an object (a mapping of its fields),
# a list of one spec (a list of those), or ``Maybe`` (an object or null).
UUID_FIELD = "uuid"
STEP = {
    "uuid": "uuid", "on": "date", "kind": "text", "state": "text", "outcome": "text?", "reason": "text",
    "note": "text", "sent_on": "date?", "received_on": "date?", "new_due_on": "date?",
}  # fmt: skip
ATTACHMENT = {
    "uuid": "uuid", "file_name": "text", "media_type": "text", "size": "int", "sha256": "sha256", "data": "base64",
}  # fmt: skip
EVIDENCE = {"uuid": "uuid", "on": "date", "description": "text", "attachment": Maybe(ATTACHMENT)}
ROUTE = {
    "uuid": "uuid", "kind": "text", "title": "text", "help_question_uuid": "uuid?", "life_domain": "text",
    "organisation": "text", "contact": "text", "reference": "text", "wanted_effect": "text",
    "own_strength": "text", "network": "text", "paying_self": "text", "general_facility": "text",
    "legal_basis": "text", "created_at": "datetime", "updated_at": "datetime", "circumstances": ["text"],
    "documents": [{"code": "text", "collected_on": "date"}], "steps": [STEP], "evidence": [EVIDENCE],
}  # fmt: skip
SCHEMA: Mapping[str, Any] = {
    "format": "text",
    "format_version": "int",
    "exported_at": "datetime",
    "app_version": "text",
    "resident": {
        "uuid": "uuid", "name": "text", "alias": "text", "phone": "text", "email": "text", "address": "text",
        "municipality": "text", "first_contact": "date?", "status": "text", "closed_on": "date?",
        "close_reason": "text", "created_at": "datetime", "updated_at": "datetime", "life_domains": ["text"],
    },
    "network": [{"uuid": "uuid", "position": "int", "name": "text", "role": "text", "phone": "text"}],
    "consents": [{
        "uuid": "uuid", "given_on": "date", "may_record": "text", "share_with": "text", "valid_until": "date?",
        "withdrawn_on": "date?", "recorded_at": "datetime",
    }],
    "help_questions": [{"uuid": "uuid", "recorded_on": "date", "asked": "text", "really_wants": "text"}],
    "conversations": [{
        "uuid": "uuid", "held_on": "date", "start_time": "time?", "duration_minutes": "int?", "kind": "text",
        "medium": "text", "contact_made": "bool", "participants": "text", "notes": "text",
        "created_at": "datetime", "updated_at": "datetime", "life_domains": ["text"],
    }],
    "agreements": [{
        "uuid": "uuid", "conversation_uuid": "uuid?", "description": "text", "who": "text", "due_on": "date?",
        "done_on": "date?", "created_on": "date",
    }],
    "routes": [ROUTE],
    "route_links": [{"uuid": "uuid", "from_route_uuid": "uuid", "to_route_uuid": "uuid", "kind": "text"}],
    "meetings": [{
        "uuid": "uuid", "on": "date", "start_time": "time?", "kind": "text", "place": "text",
        "organisation": "text", "consulent": "text", "step_uuid": "uuid?", "conversation_uuid": "uuid?",
        "report_received_on": "date?", "report_checked": "bool", "created_at": "datetime",
        "updated_at": "datetime", "route_uuids": ["uuid"],
        "companions": [{"uuid": "uuid", "position": "int", "role": "text", "name": "text"}],
    }],
    "preparations": [{
        "uuid": "uuid", "meeting_uuid": "uuid?", "updated_at": "datetime",
        "answers": [{"code": "text", "text": "text"}],
        "questions": [{"uuid": "uuid", "position": "int", "text": "text"}], "hidden": ["text"],
    }],
    "signals": [{
        "uuid": "uuid", "route_uuid": "uuid?", "on": "date", "theme": "text", "organisation": "text",
        "municipality": "text", "description": "text", "shareable": "bool",
    }],
    "requests": [{
        "uuid": "uuid", "kind": "text", "received_on": "date", "extended_until": "date?",
        "extension_reason": "text", "answered_on": "date?", "note": "text", "recorded_at": "datetime",
    }],
    "notes": [{"uuid": "uuid", "kind": "text", "on": "date", "text": "text", "recorded_at": "datetime"}],
    "left_out": [{"section": "text", "uuid": "uuid"}],
    "checksum": "sha256",
}  # fmt: skip

# Fields of the file that are no column of a table (an attachment's file itself is ``data``).
NOT_COLUMNS = frozenset({"data"})

# Where each reference points: (section, field) -> the section of the record it names.
REFERENCES: Mapping[tuple[str, str], str] = {
    ("agreements", "conversation_uuid"): "conversations",
    ("routes", "help_question_uuid"): "help_questions",
    ("route_links", "from_route_uuid"): "routes",
    ("route_links", "to_route_uuid"): "routes",
    ("meetings", "step_uuid"): "routes.steps",
    ("meetings", "conversation_uuid"): "conversations",
    ("meetings", "route_uuids"): "routes",
    ("preparations", "meeting_uuid"): "meetings",
    ("signals", "route_uuid"): "routes",
}

# The free text of each kind of record: what leaving a passage out of a copy blanks.
PASSAGES: Mapping[str, tuple[str, ...]] = {
    "network": ("name", "role", "phone"),
    "help_questions": ("asked", "really_wants"),
    "conversations": ("participants", "notes"),
    "agreements": ("description", "who"),
    "routes": ("contact", "wanted_effect", "own_strength", "network", "paying_self", "general_facility",
               "legal_basis"),
    "routes.steps": ("reason", "note"),
    "routes.evidence": ("description",),
    "meetings": ("consulent",),
    "meetings.companions": ("name",),
    "preparations.questions": ("text",),
    "signals": ("description",),
    "notes": ("text",),
}  # fmt: skip

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _is_iso(parse: Callable[[str], object], length: int | None = None) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if not isinstance(value, str) or (length is not None and len(value) != length):
            return False
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return check


def _is_base64(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


_SCALARS: Mapping[str, Callable[[object], bool]] = {
    "text": lambda value: isinstance(value, str),
    "int": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "bool": lambda value: isinstance(value, bool),
    "date": _is_iso(date.fromisoformat, 10),
    "time": _is_iso(time.fromisoformat),
    "datetime": _is_iso(datetime.fromisoformat),
    "uuid": lambda value: isinstance(value, str) and _UUID.fullmatch(value) is not None,
    "sha256": lambda value: isinstance(value, str) and _SHA256.fullmatch(value) is not None,
    "base64": _is_base64,
}


def _check(value: object, spec: Any, where: str) -> None:
    if isinstance(spec, Maybe):
        if value is not None:
            _check(value, spec.spec, where)
    elif isinstance(spec, str):
        optional = spec.endswith("?")
        if not ((optional and value is None) or _SCALARS[spec.rstrip("?")](value)):
            raise DossierDamaged(detail=f"field {where} is not {spec}")
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise DossierDamaged(detail=f"field {where} is not a list")
        for item in value:
            _check(item, spec[0], where + "[]")
    else:
        if not isinstance(value, dict) or set(value) != set(spec):
            raise DossierDamaged(detail=f"fields of {where or 'the file'} do not match")
        for key, inner in spec.items():
            _check(value[key], inner, f"{where}.{key}" if where else key)


def field_paths(spec: Any = SCHEMA, prefix: str = "") -> Iterator[str]:
    """Every field of the format as a dotted path (``routes[].steps[].note``), for the documentation."""
    if isinstance(spec, Maybe):
        spec = spec.spec
    if isinstance(spec, list):
        yield from field_paths(spec[0], prefix + "[]")
    elif isinstance(spec, Mapping):
        for key, inner in spec.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from field_paths(inner, path)


# --- values -----------------------------------------------------------------------------------


def iso(value: date | time | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def read_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def read_time(value: str | None) -> time | None:
    return None if value is None else time.fromisoformat(value)


def read_moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attachment_json(uuid: str, file_name: str, media_type: str, data: bytes) -> dict[str, Any]:
    return {
        "uuid": uuid, "file_name": file_name, "media_type": media_type, "size": len(data),
        "sha256": file_hash(data), "data": base64.b64encode(data).decode("ascii"),
    }  # fmt: skip


def attachment_data(attachment: Mapping[str, Any]) -> bytes:
    return base64.b64decode(attachment["data"], validate=True)


# --- the whole file ---------------------------------------------------------------------------


def checksum(body: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything but the checksum itself."""
    canonical = json.dumps({k: v for k, v in body.items() if k != "checksum"}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def to_text(body: Body) -> str:
    """The file's text, with its checksum set."""
    sealed = {**body, "checksum": checksum(body)}
    return json.dumps(sealed, ensure_ascii=False, indent=2) + "\n"


def parse(text: str | bytes) -> Body:
    """A dossier file read and checked; ``NotADossier``, ``NewerDossier`` or ``DossierDamaged`` else."""
    try:
        body = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise NotADossier(detail="not JSON") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise NotADossier(detail="format field missing or other")
    version = body.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DossierDamaged(detail="format version unreadable")
    if version > FORMAT_VERSION:
        raise NewerDossier(detail=f"format version {version}")
    if body.get("checksum") != checksum(body):
        raise DossierDamaged(detail="checksum does not match")
    _check(body, SCHEMA, "")
    _check_uuids(body)
    _check_fixed_values(body)
    for _section, record in records(body):
        attachment = record.get("attachment")
        if attachment is not None:
            data = attachment_data(attachment)
            if file_hash(data) != attachment["sha256"] or len(data) != attachment["size"]:
                raise DossierDamaged(detail="attachment does not match its hash")
    return body


def records(body: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record with a UUID and its section (``routes.steps`` for a step), the resident first."""
    yield "resident", body["resident"]
    for section, spec in SCHEMA.items():
        if section != "left_out" and isinstance(spec, list) and isinstance(spec[0], Mapping) and UUID_FIELD in spec[0]:
            yield from _records_in(section, body[section], spec[0])


def _records_in(section: str, items: Iterable[dict[str, Any]], spec: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for item in items:
        yield section, item
        attachment = item.get("attachment")
        if attachment is not None:
            yield f"{section}.attachment", attachment
        for key, inner in spec.items():
            if isinstance(inner, list) and isinstance(inner[0], Mapping) and UUID_FIELD in inner[0]:
                yield from _records_in(f"{section}.{key}", item[key], inner[0])


def _check_uuids(body: Body) -> None:
    by_section: dict[str, set[str]] = {}
    seen: set[str] = set()
    for section, record in records(body):
        if record["uuid"] in seen:
            raise DossierDamaged(detail=f"uuid twice ({section})")
        seen.add(record["uuid"])
        by_section.setdefault(section, set()).add(record["uuid"])
    for (section, field), target in REFERENCES.items():
        for record in body[section]:
            value = record[field]
            for ref in value if isinstance(value, list) else [value]:
                if ref is not None and ref not in by_section.get(target, set()):
                    raise DossierDamaged(detail=f"{section}.{field} names no record in the file")
    for entry in body["left_out"]:
        if entry["section"] not in PASSAGES:
            raise DossierDamaged(detail="left out: unknown section")


# --- the program's own words and the catalog's codes ------------------------------------------

# Fields whose value is one of the program's own words: a value it does not know cannot be shown or
# worked with, so such a file is refused.  (section, field) -> (what it is, in Dutch; the words).
FIXED_VALUES: Mapping[tuple[str, str], tuple[str, frozenset[str]]] = {
    ("resident", "status"): ("stand van het dossier", frozenset(ClientStatus)),
    ("routes.steps", "state"): ("stand van een stap", frozenset(StepState)),
    ("routes.steps", "outcome"): ("uitkomst van een stap", frozenset(Outcome)),
    ("route_links", "kind"): ("soort koppeling tussen routes", frozenset(LinkKind)),
    ("requests", "kind"): ("soort verzoek", frozenset(RequestKind)),
    ("notes", "kind"): ("soort notitie", frozenset(NoteKind)),
}


class UnknownValue(InvalidInput):
    """A field holds a word of the program that this version does not know; the message names it."""


def _check_fixed_values(body: Body) -> None:
    for section, record in records(body):
        for (where, field), (what, words) in FIXED_VALUES.items():
            value = record[field] if where == section else None
            if value is not None and value not in words:
                shown = value if len(value) <= 40 else value[:40] + "…"
                raise UnknownValue(
                    f"Dit dossier bevat een {what} die deze versie van Clientsteun niet kent: ‘{shown}’. "
                    "Er is niets ingelezen en niets veranderd.",
                    detail=f"unknown value in {section}.{field}",
                )


def _catalog_checks(catalog: Catalog) -> list[tuple[str, Callable[[dict[str, Any]], Iterable[str]], str, set[str]]]:
    """(section, the codes of a record, what they are in Dutch, the codes the catalog knows)."""
    life = {item.code for item in catalog.life_domains}
    routes = catalog.routes

    def one(field: str) -> Callable[[dict[str, Any]], Iterable[str]]:
        return lambda record: [record[field]]

    def many(field: str) -> Callable[[dict[str, Any]], Iterable[str]]:
        return lambda record: record[field]

    return [
        ("resident", many("life_domains"), "leefgebied", life),
        ("conversations", one("kind"), "soort gesprek", {kind.code for kind in catalog.conversation_kinds}),
        ("conversations", one("medium"), "manier van contact", {medium.code for medium in catalog.media}),
        ("conversations", many("life_domains"), "leefgebied", life),
        ("routes", one("kind"), "soort route", {kind.code for kind in routes.kinds}),
        ("routes", one("life_domain"), "leefgebied", life),
        ("routes", many("circumstances"), "omstandigheid bij een route", set(routes.circumstances)),
        ("routes", lambda r: [d["code"] for d in r["documents"]], "soort document", set(routes.documents)),
        ("routes.steps", one("kind"), "soort stap", set(routes.step_kinds)),
        ("meetings", one("kind"), "soort gesprek met een organisatie", {k.code for k in catalog.meetings.kinds}),
        ("signals", one("theme"), "thema van een signaal", {theme.code for theme in routes.signal_themes}),
    ]


def unknown_codes(body: Body, catalog: Catalog) -> list[str]:
    """The catalog codes of the file that ``catalog`` does not know, each once, in Dutch ("soort route
    ‘wlz’").  They are kept: the app shows a code its catalog does not know as the code itself."""
    checks = _catalog_checks(catalog)
    found: dict[str, None] = {}
    for section, record in records(body):
        for where, codes, what, known in checks:
            if where == section:
                for code in codes(record):
                    if code and code not in known:
                        found[f"{what} ‘{code}’"] = None
    return list(found)


# --- what the organisation weighs before giving a copy (AVG art. 15(4)) -------------------------


@dataclass(frozen=True)
class Mention:
    """A record whose free text names someone else: a member of the network or another resident."""

    section: str
    uuid: str
    network: bool
    other_resident: bool


def mentions(body: Mapping[str, Any], other_residents: Iterable[str]) -> list[Mention]:
    """The records whose free text names a network member or another resident (by whole words, as the
    anonymiser matches names; words of the resident's own name are not counted)."""
    own = name_words(body["resident"]["name"]) | name_words(body["resident"]["alias"])
    network = NameScrubber(frozenset(NameScrubber.of(m["name"] for m in body["network"]).others - own))
    others = NameScrubber(frozenset(NameScrubber.of(other_residents).others - own))
    found: list[Mention] = []
    for section, record in records(body):
        fields = PASSAGES.get(section, ())
        if section == "network":
            fields = ()  # the network's own entries name the network
        texts = [record[field] for field in fields if record[field]]
        in_network = any(network.scrub(text) != text for text in texts)
        in_others = any(others.scrub(text) != text for text in texts)
        if in_network or in_others:
            found.append(Mention(section, record["uuid"], in_network, in_others))
    return found


def leave_out(body: Body, uuids: Iterable[str]) -> Body:
    """A copy of ``body`` with the free text of the named records blanked and listed under ``left_out``
    (its section and UUID, never its content).  A UUID of no record with free text is refused."""
    wanted = set(uuids)
    copy: Body = json.loads(json.dumps(body))
    done: list[dict[str, str]] = []
    for section, record in records(copy):
        if record["uuid"] in wanted and section in PASSAGES:
            for field in PASSAGES[section]:
                record[field] = ""
            if section == "routes.evidence":
                record["attachment"] = None
            done.append({"section": section, "uuid": record["uuid"]})
            wanted.discard(record["uuid"])
    if wanted:
        raise UnknownPassage(detail=f"{len(wanted)} unknown")
    copy["left_out"] = copy["left_out"] + done
    return copy
