"""Reading a dossier in: a resident's copy (JSON) or a hand-over file from a colleague's laptop.

An import adds and never overwrites.  A resident (or any record) whose UUID is already in this
database is refused with ``AlreadyHere``; the supporter may then import it as a copy under new
UUIDs, or not at all: there is no merge.  The whole file is checked before anything is written
(``dossier_format.parse``, which refuses a value of the program's own words it does not know) and
written in one transaction, so a refused file changes nothing.  A catalog code this laptop's catalog
does not know (a route kind of another catalog) is kept and reported in ``Imported.unknown``: the
app shows such a code as itself, as it does after a catalog change.
After the colleague's import, the supporter who handed the dossier over records it here, which
closes their dossier ("overgedragen") or erases it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clientsteun.domain import dossier_format as fmt
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.changes import Area
from clientsteun.domain.dossier_format import Body
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.meetings import rekey
from clientsteun.services.audit import AuditService, append_entry
from clientsteun.services.base import ChangeFeed, Clock, Service
from clientsteun.services.clients import ClientService
from clientsteun.services.handover import is_hand_over, open_sealed
from clientsteun.services.privacy import Erased, PrivacyService
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    AttachmentRow,
    Base,
    ClientLifeDomainRow,
    ClientRow,
    ConsentRow,
    ConversationLifeDomainRow,
    ConversationRow,
    DossierNoteRow,
    EvidenceRow,
    HelpQuestionRow,
    MeetingCompanionRow,
    MeetingRouteRow,
    MeetingRow,
    NetworkMemberRow,
    PreparationAnswerRow,
    PreparationHiddenRow,
    PreparationQuestionRow,
    PreparationRow,
    RightsRequestRow,
    RouteCircumstanceRow,
    RouteDocumentRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
    new_uuid,
)

HANDED_OVER = "overgedragen"  # the close reason of a dossier handed over to a colleague


class AlreadyHere(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Deze inwoner (of een deel van dit dossier) staat al in deze database. Clientsteun overschrijft "
        "niets en voegt niets samen. Lees het dossier in als kopie met nieuwe nummers, of breek af. "
        "Er is niets veranderd.",
    )


@dataclass(frozen=True)
class Opened:
    """A dossier file read and checked, not yet written: its body, and whether it came sealed."""

    body: Body
    hand_over: bool


def open_file(path: Path, transfer_passphrase: str = "") -> Opened:
    """Read and check ``path`` (a hand-over file opened with ``transfer_passphrase``: Argon2id, slow).
    Touches no database, so the window runs it on a worker thread before ``import_opened``."""
    content = path.read_bytes()
    hand_over = is_hand_over(content)
    return Opened(fmt.parse(open_sealed(content, transfer_passphrase) if hand_over else content), hand_over)


@dataclass(frozen=True)
class Imported:
    client_id: int
    as_copy: bool
    unknown: tuple[str, ...] = ()  # catalog codes this catalog does not know, kept as they were ("soort route ‘x’")


def values(record: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """The scalar fields of a record as column values (ISO text read back as dates and times)."""
    found: dict[str, Any] = {}
    for key, kind in spec.items():
        if not isinstance(kind, str) or key.endswith("_uuid") or key in fmt.NOT_COLUMNS:
            continue
        value = record[key]
        base = kind.rstrip("?")
        if base == "date":
            value = fmt.read_date(value)
        elif base == "time":
            value = fmt.read_time(value)
        elif base == "datetime":
            value = fmt.read_moment(value)
        found[key] = value
    return found


def with_new_uuids(body: Body) -> Body:
    """The same dossier with a new UUID for every record and every reference to it."""
    copy: Body = json.loads(json.dumps(body))
    new = {record["uuid"]: new_uuid() for _section, record in fmt.records(copy)}
    for _section, record in fmt.records(copy):
        record["uuid"] = new[record["uuid"]]
    for (section, field), _target in fmt.REFERENCES.items():
        for record in copy[section]:
            value = record[field]
            record[field] = [new[v] for v in value] if isinstance(value, list) else new[value] if value else None
    for entry in copy["left_out"]:
        entry["uuid"] = new[entry["uuid"]]
    for preparation in copy["preparations"]:  # what is not on the sheet names its records by UUID
        preparation["hidden"] = [key for key in (rekey(k, new) for k in preparation["hidden"]) if key is not None]
    return copy


class DossierImportService(Service):
    def __init__(
        self, database: Database, clock: Clock, changes: ChangeFeed, catalog: Catalog, clients: ClientService,
        privacy: PrivacyService,
    ) -> None:  # fmt: skip
        super().__init__(database, clock, changes)
        self._catalog = catalog
        self._clients = clients
        self._privacy = privacy

    @staticmethod
    def needs_transfer_passphrase(path: Path) -> bool:
        """True for a hand-over file: ask for its transfer passphrase before ``import_file``."""
        return is_hand_over(path.read_bytes())

    def import_file(self, path: Path, *, transfer_passphrase: str = "", as_copy: bool = False) -> Imported:
        """Add the dossier of ``path`` (a copy, or a hand-over file opened with ``transfer_passphrase``)."""
        return self.import_opened(open_file(path, transfer_passphrase), as_copy=as_copy)

    def import_opened(self, opened: Opened, *, as_copy: bool = False) -> Imported:
        """Add the dossier of a file ``open_file`` read, in one transaction."""
        body, hand_over = opened.body, opened.hand_over
        if as_copy:
            body = with_new_uuids(body)
        with self._db.transaction() as session:
            if _known(session, body):
                raise AlreadyHere(detail="uuid already in this database")
            client_id = write_body(session, body)
            kind = "overdracht" if hand_over else "kopie"
            detail = f"{kind} ingelezen{' onder nieuwe nummers' if as_copy else ''}"
            append_entry(session, self.now(), AuditAction.DOSSIER_IMPORT, client_id, detail)
        self._announce(Area.RESIDENTS | Area.AGENDA, client_id)
        return Imported(client_id, as_copy, tuple(fmt.unknown_codes(body, self._catalog)))

    def record_hand_over(self, client_id: int, *, erase: bool) -> Erased | None:
        """The colleague has read the dossier in: close it here ("overgedragen"), or erase it (then
        returns what erasing returns, to rewrite the backups without the resident)."""
        if erase:
            erased = self._privacy.erase_client(client_id)
            AuditService(self._db, self._clock).record(
                AuditAction.HAND_OVER_RECORDED, client_id=client_id, detail="overgedragen en gewist"
            )
            return erased
        self._clients.close_client(client_id, self.today(), HANDED_OVER)
        AuditService(self._db, self._clock).record(
            AuditAction.HAND_OVER_RECORDED, client_id=client_id, detail="overgedragen en gesloten"
        )
        return None


def _known(session: Session, body: Body) -> bool:
    uuids = {record["uuid"] for _section, record in fmt.records(body)}
    tables = [table for table in Base.metadata.tables.values() if "uuid" in table.columns]
    chunk = sorted(uuids)
    for table in tables:
        for start in range(0, len(chunk), 500):
            found = session.execute(select(table.c.uuid).where(table.c.uuid.in_(chunk[start : start + 500]))).first()
            if found is not None:
                return True
    return False


def write_body(session: Session, body: Body) -> int:
    """Add every record of the dossier, in the file's order; returns the new resident's number."""
    schema = fmt.SCHEMA
    client = ClientRow(**values(body["resident"], schema["resident"]))
    client.life_domains = [ClientLifeDomainRow(code=code) for code in body["resident"]["life_domains"]]
    client.network = [NetworkMemberRow(**values(m, schema["network"][0])) for m in body["network"]]
    client.consents = [ConsentRow(**values(c, schema["consents"][0])) for c in body["consents"]]
    session.add(client)
    session.flush()
    ids: dict[str, int] = {}

    def add(row: Base) -> Base:
        session.add(row)
        session.flush()
        ids[row.uuid] = row.id  # type: ignore[attr-defined]
        return row

    def ref(value: str | None) -> int | None:
        return None if value is None else ids[value]

    for question in body["help_questions"]:
        add(HelpQuestionRow(client_id=client.id, **values(question, schema["help_questions"][0])))
    for conversation in body["conversations"]:
        talk = ConversationRow(client_id=client.id, **values(conversation, schema["conversations"][0]))
        talk.life_domains = [ConversationLifeDomainRow(code=code) for code in conversation["life_domains"]]
        add(talk)
    for agreement in body["agreements"]:
        fields = values(agreement, schema["agreements"][0])
        add(AgreementRow(client_id=client.id, conversation_id=ref(agreement["conversation_uuid"]), **fields))
    for route in body["routes"]:
        _add_route(session, add, client.id, route, ref(route["help_question_uuid"]))
    for link in body["route_links"]:
        fields = values(link, schema["route_links"][0])
        add(RouteLinkRow(from_route_id=ids[link["from_route_uuid"]], to_route_id=ids[link["to_route_uuid"]], **fields))
    meeting_spec = schema["meetings"][0]
    for meeting in body["meetings"]:
        held = MeetingRow(
            client_id=client.id, step_id=ref(meeting["step_uuid"]), conversation_id=ref(meeting["conversation_uuid"]),
            **values(meeting, meeting_spec),
        )  # fmt: skip
        held.routes = [MeetingRouteRow(route_id=ids[uuid]) for uuid in meeting["route_uuids"]]
        companion_spec = meeting_spec["companions"][0]
        held.companions = [MeetingCompanionRow(**values(c, companion_spec)) for c in meeting["companions"]]
        add(held)
    preparation_spec = schema["preparations"][0]
    for preparation in body["preparations"]:
        prepared = PreparationRow(
            client_id=client.id, meeting_id=ref(preparation["meeting_uuid"]), **values(preparation, preparation_spec)
        )
        prepared.answers = [PreparationAnswerRow(code=a["code"], text=a["text"]) for a in preparation["answers"]]
        prepared.questions = [
            PreparationQuestionRow(**values(q, preparation_spec["questions"][0])) for q in preparation["questions"]
        ]
        prepared.hidden = [PreparationHiddenRow(key=key) for key in preparation["hidden"]]
        add(prepared)
    for signal in body["signals"]:
        add(SignalRow(client_id=client.id, route_id=ref(signal["route_uuid"]), **values(signal, schema["signals"][0])))
    for request in body["requests"]:
        add(RightsRequestRow(client_id=client.id, **values(request, schema["requests"][0])))
    for note in body["notes"]:
        add(DossierNoteRow(client_id=client.id, **values(note, schema["notes"][0])))
    return client.id


def _add_route(session: Session, add: Any, client_id: int, route: Mapping[str, Any], question_id: int | None) -> None:
    row = RouteRow(client_id=client_id, help_question_id=question_id, **values(route, fmt.ROUTE))
    row.circumstances = [RouteCircumstanceRow(code=code) for code in route["circumstances"]]
    row.documents = [
        RouteDocumentRow(code=d["code"], collected_on=date.fromisoformat(d["collected_on"])) for d in route["documents"]
    ]
    add(row)
    for step in route["steps"]:
        add(RouteStepRow(route_id=row.id, **values(step, fmt.STEP)))
    for evidence in route["evidence"]:
        made = EvidenceRow(route_id=row.id, **values(evidence, fmt.EVIDENCE))
        add(made)
        attachment = evidence["attachment"]
        if attachment is not None:
            data = fmt.attachment_data(attachment)
            add(AttachmentRow(evidence_id=made.id, data=data, **values(attachment, fmt.ATTACHMENT)))
