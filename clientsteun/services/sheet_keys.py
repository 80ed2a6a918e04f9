"""What the resident left off the sheet, as the preparation stores it: each record by its UUID.

The screens and the sheet name a record by its number in this database (``domain.meetings``'s sheet
keys); the preparation keeps the key under the record's UUID (revision 0008).  So a mark goes with the
dossier to another laptop, and a record made after another was deleted never takes over its mark
(SQLite gives the number of a deleted row out again, never a UUID).  Both ways, only the records of the
preparation's own resident count: a stored key whose record is gone, or is not the resident's, is
ignored when read, so a deleted record's mark needs no clearing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, object_session

from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.meetings import check_key, split_key
from clientsteun.store.tables import EvidenceRow, PreparationQuestionRow, PreparationRow, RouteRow, RouteStepRow

TABLES: dict[str, Any] = {
    "question": PreparationQuestionRow, "route": RouteRow, "step": RouteStepRow, "evidence": EvidenceRow,
}  # fmt: skip


def _records(kind: str, row: PreparationRow) -> Select[int, str]:
    """(number, UUID) of the records of ``kind`` a key of ``row`` may name: the preparation's own
    questions, the routes of its resident and their steps and efforts."""
    table = TABLES[kind]
    query: Select[int, str] = select(table.id, table.uuid)
    if kind == "question":
        return query.where(PreparationQuestionRow.preparation_id == row.id)
    if kind != "route":
        query = query.join(RouteRow, table.route_id == RouteRow.id)
    return query.where(RouteRow.client_id == row.client_id)


def stored_key(session: Session, row: PreparationRow, key: str) -> str:
    """The sheet ``key`` as ``row`` stores it; InvalidInput when it is not a sheet key or its record is
    not one of the preparation's resident (or not there)."""
    found = check_key(key)
    if found.record_kind is None:
        return found.text()
    uuids = {number: uuid for number, uuid in session.execute(_records(found.record_kind, row))}
    if int(found.record) not in uuids:
        raise InvalidInput(detail=f"{found.record_kind} not of this resident")
    return found.naming(uuids[int(found.record)]).text()


def sheet_keys(row: PreparationRow) -> frozenset[str]:
    """The keys ``row`` stores, as sheet keys; those naming no record of the resident left out."""
    session = object_session(row)
    assert session is not None, "a preparation's keys are read in its transaction"
    stored = [found for hidden in row.hidden if (found := split_key(hidden.key, stored=True)) is not None]
    kinds = {found.record_kind for found in stored if found.record_kind is not None}
    numbers = {kind: {uuid: str(number) for number, uuid in session.execute(_records(kind, row))} for kind in kinds}
    return frozenset(
        found.naming(numbers[found.record_kind][found.record]).text() if found.record_kind is not None else found.text()
        for found in stored
        if found.record_kind is None or found.record in numbers[found.record_kind]
    )
