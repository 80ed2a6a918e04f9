"""The resident's copy and the hand-over: one resident's whole dossier as the dossier file
(``domain.dossier_format``), as a PDF in plain Dutch, or encrypted for a colleague's laptop.

The dossier is read in one transaction.  Every file is written through the one safe write and
logged after it is in place (``AuditService.export``), by number, never by name; what the
supporter left out of a copy is logged as a count of passages, never their content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clientsteun import __version__
from clientsteun.domain import dossier_format as fmt
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dossier_format import Body, Mention
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock, Service, get_row
from clientsteun.services.handover import new_transfer_passphrase, seal
from clientsteun.store.database import Database
from clientsteun.store.keys import DEFAULT_KDF, KdfParams
from clientsteun.store.tables import (
    AgreementRow,
    AttachmentRow,
    Base,
    ClientRow,
    ConversationRow,
    DossierNoteRow,
    EvidenceRow,
    HelpQuestionRow,
    MeetingRow,
    PreparationRow,
    RightsRequestRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)


@dataclass(frozen=True)
class HandOver:
    path: Path
    transfer_passphrase: str  # shown once to the supporter, never stored


def plain(row: Base, spec: Mapping[str, Any]) -> dict[str, Any]:
    """The scalar fields of ``spec`` that are columns of ``row``, as JSON values (dates ISO)."""
    found: dict[str, Any] = {}
    for key, kind in spec.items():
        if isinstance(kind, str) and not key.endswith("_uuid") and hasattr(row, key):
            value = getattr(row, key)
            found[key] = fmt.iso(value) if isinstance(value, date | time | datetime) else value
    return found


class DossierCopyService(Service):
    def __init__(self, database: Database, clock: Clock, catalog: Catalog, audit: AuditService) -> None:
        super().__init__(database, clock)
        self._catalog = catalog
        self._audit = audit

    def read_copy(self, client_id: int) -> Body:
        """Everything recorded about the resident, as the dossier file holds it (no checksum yet)."""
        with self._db.transaction() as session:
            return dossier_body(session, client_id, self.now())

    def mentions(self, client_id: int) -> list[Mention]:
        """The records whose free text names a network member or another resident (AVG art. 15(4))."""
        with self._db.transaction() as session:
            body = dossier_body(session, client_id, self.now())
            others = session.scalars(select(ClientRow.name).where(ClientRow.id != client_id)).all()
            aliases = session.scalars(select(ClientRow.alias).where(ClientRow.id != client_id)).all()
        return fmt.mentions(body, [*others, *aliases])

    def save_copy(self, client_id: int, target: Path, *, pdf: bool, leave_out: Sequence[str] = ()) -> Path:
        """Write the resident's copy (JSON, or the PDF in plain Dutch), leaving out the named passages."""
        body = fmt.leave_out(self.read_copy(client_id), leave_out)
        if pdf:
            from clientsteun.reports.dossier_copy import render_dossier_copy  # ReportLab only when asked

            content = render_dossier_copy(body, self._catalog)
        else:
            content = fmt.to_text(body).encode("utf-8")
        left = f"; {len(leave_out)} stukken weggelaten" if leave_out else ""
        detail = f"kopie voor de inwoner, {'pdf' if pdf else 'json'}{left}"
        return self._audit.export(target, content, AuditAction.EXPORT, client_id=client_id, detail=detail)

    def hand_over(self, client_id: int, target: Path, *, kdf: KdfParams = DEFAULT_KDF) -> HandOver:
        """The whole dossier, encrypted under a new transfer passphrase, for a colleague's laptop."""
        passphrase = new_transfer_passphrase()
        content = seal(fmt.to_text(self.read_copy(client_id)), passphrase, kdf)
        written = self._audit.export(target, content, AuditAction.HAND_OVER, client_id=client_id, detail="overdracht")
        return HandOver(written, passphrase)


def dossier_body(session: Session, client_id: int, now: datetime) -> Body:
    row = get_row(session, ClientRow, client_id)
    schema = fmt.SCHEMA
    resident = plain(row, schema["resident"]) | {"life_domains": [d.code for d in row.life_domains]}
    conversations = _all(session, ConversationRow, ConversationRow.client_id == client_id)
    questions = _all(session, HelpQuestionRow, HelpQuestionRow.client_id == client_id)
    routes = _all(session, RouteRow, RouteRow.client_id == client_id)
    route_ids = [route.id for route in routes]
    steps = _all(session, RouteStepRow, RouteStepRow.route_id.in_(route_ids))
    meetings = _all(session, MeetingRow, MeetingRow.client_id == client_id)
    uuid_of = {
        "conversation": {r.id: r.uuid for r in conversations},
        "question": {r.id: r.uuid for r in questions},
        "route": {r.id: r.uuid for r in routes},
        "step": {r.id: r.uuid for r in steps},
        "meeting": {r.id: r.uuid for r in meetings},
    }

    def ref(kind: str, row_id: int | None) -> str | None:
        return None if row_id is None else uuid_of[kind][row_id]

    return {
        "format": fmt.FORMAT,
        "format_version": fmt.FORMAT_VERSION,
        "exported_at": fmt.iso(now),
        "app_version": __version__,
        "resident": resident,
        "network": [plain(member, schema["network"][0]) for member in row.network],
        "consents": [plain(consent, schema["consents"][0]) for consent in row.consents],
        "help_questions": [plain(question, schema["help_questions"][0]) for question in questions],
        "conversations": [
            plain(c, schema["conversations"][0]) | {"life_domains": [d.code for d in c.life_domains]}
            for c in conversations
        ],
        "agreements": [
            plain(a, schema["agreements"][0]) | {"conversation_uuid": ref("conversation", a.conversation_id)}
            for a in _all(session, AgreementRow, AgreementRow.client_id == client_id)
        ],
        "routes": [_route(session, route, ref("question", route.help_question_id), steps) for route in routes],
        "route_links": [
            plain(link, schema["route_links"][0])
            | {"from_route_uuid": ref("route", link.from_route_id), "to_route_uuid": ref("route", link.to_route_id)}
            for link in _all(
                session,
                RouteLinkRow,
                or_(RouteLinkRow.from_route_id.in_(route_ids), RouteLinkRow.to_route_id.in_(route_ids)),
            )
        ],
        "meetings": [
            plain(m, schema["meetings"][0])
            | {
                "step_uuid": ref("step", m.step_id),
                "conversation_uuid": ref("conversation", m.conversation_id),
                "route_uuids": [ref("route", link.route_id) for link in m.routes],
                "companions": [plain(c, schema["meetings"][0]["companions"][0]) for c in m.companions],
            }
            for m in meetings
        ],
        "preparations": [
            plain(p, schema["preparations"][0])
            | {
                "meeting_uuid": ref("meeting", p.meeting_id),
                "answers": [{"code": a.code, "text": a.text} for a in p.answers],
                "questions": [plain(q, schema["preparations"][0]["questions"][0]) for q in p.questions],
                "hidden": [h.key for h in p.hidden],
            }
            for p in _all(session, PreparationRow, PreparationRow.client_id == client_id)
        ],
        "signals": [
            plain(s, schema["signals"][0]) | {"route_uuid": ref("route", s.route_id)}
            for s in _all(session, SignalRow, SignalRow.client_id == client_id)
        ],
        "requests": [
            plain(r, schema["requests"][0])
            for r in _all(session, RightsRequestRow, RightsRequestRow.client_id == client_id)
        ],
        "notes": [
            plain(n, schema["notes"][0]) for n in _all(session, DossierNoteRow, DossierNoteRow.client_id == client_id)
        ],
        "left_out": [],
    }


def _all(session: Session, table: Any, where: Any) -> list[Any]:
    """The rows in the order they were made: an import makes them again in this order."""
    return list(session.scalars(select(table).where(where).order_by(table.id)).all())


def _route(session: Session, route: RouteRow, question_uuid: str | None, steps: list[RouteStepRow]) -> dict[str, Any]:
    spec = fmt.ROUTE
    evidence = _all(session, EvidenceRow, EvidenceRow.route_id == route.id)
    return plain(route, spec) | {
        "help_question_uuid": question_uuid,
        "circumstances": [c.code for c in route.circumstances],
        "documents": [{"code": d.code, "collected_on": fmt.iso(d.collected_on)} for d in route.documents],
        "steps": [plain(step, fmt.STEP) for step in steps if step.route_id == route.id],
        "evidence": [plain(e, fmt.EVIDENCE) | {"attachment": _attachment(e.attachment)} for e in evidence],
    }


def _attachment(row: AttachmentRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return fmt.attachment_json(row.uuid, row.file_name, row.media_type, row.data)
