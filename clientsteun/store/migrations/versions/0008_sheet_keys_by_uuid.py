"""what the resident left off the preparation sheet names its records by UUID

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26

A preparation's marks "not on the sheet" named a question, route, step or effort by its number in
this database (``route:12``, ``test:12:network``).  A number means nothing on another laptop, and
SQLite gives the number of a deleted row out again, so a mark could hide another record or none.
Each key now names its record by the UUID revision 0007 gave it (``route:<uuid>``); a key whose
record is gone, or belongs to another resident, is dropped.  An answer's key (``answer:goal_year``)
names no record and stays.  Only data changes: no table or column does.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Per kind of key, the record it names, given the column that names it now (:ref), the preparation
# (:preparation) and its resident (:client).  "{to}" is the column that names it after the change.
RECORDS = {
    "question": "SELECT q.{to} FROM preparation_questions q WHERE q.{by} = :ref AND q.preparation_id = :preparation",
    "route": "SELECT r.{to} FROM routes r WHERE r.{by} = :ref AND r.client_id = :client",
    "step": "SELECT s.{to} FROM route_steps s JOIN routes r ON r.id = s.route_id WHERE s.{by} = :ref"
    " AND r.client_id = :client",
    "evidence": "SELECT e.{to} FROM route_evidence e JOIN routes r ON r.id = e.route_id WHERE e.{by} = :ref"
    " AND r.client_id = :client",
}
RECORDS["test"] = RECORDS["route"]  # a reason of a route's reversed test: test:<route>:<name>


def _rename(by: str, to: str) -> None:
    """Every key naming its record by column ``by`` names it by column ``to``; one naming nothing goes."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT h.preparation_id, h.key, p.client_id FROM preparation_hidden h "
            "JOIN preparations p ON p.id = h.preparation_id"
        )
    ).all()
    for preparation_id, key, client_id in rows:
        kind, _, rest = key.partition(":")
        if kind == "answer":
            continue
        record, _, name = rest.partition(":")
        found = None
        if kind in RECORDS and (by != "id" or record.isdigit()):
            ref = int(record) if by == "id" else record
            query = sa.text(RECORDS[kind].format(by=by, to=to))
            found = connection.execute(query, {"ref": ref, "preparation": preparation_id, "client": client_id}).scalar()
        where = {"preparation": preparation_id, "key": key}
        if found is None:
            connection.execute(
                sa.text("DELETE FROM preparation_hidden WHERE preparation_id = :preparation AND key = :key"), where
            )
        else:
            renamed = ":".join([kind, str(found), *([name] if name else [])])
            connection.execute(
                sa.text(
                    "UPDATE preparation_hidden SET key = :renamed WHERE preparation_id = :preparation AND key = :key"
                ),
                where | {"renamed": renamed},
            )


def upgrade() -> None:
    _rename("id", "uuid")


def downgrade() -> None:
    _rename("uuid", "id")
