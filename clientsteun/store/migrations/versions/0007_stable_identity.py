"""stable identity and the resident's rights: a random UUID on every resident and record, the register
of requests under the AVG, and dated notes (corrections at the resident's request, their own statement)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25

Every existing row gets a random version-4 UUID, so a dossier is recognised on another laptop and
in summary packages without any national number.  The column stays nullable in the file (SQLite
cannot add a NOT NULL column without a constant default); a trigger per table gives a row inserted
without one (by hand, or by a seed of an earlier revision) its UUID at once, and a unique index
keeps them apart.  The app gives each new row its UUID itself.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables that get a UUID: every resident and every record of a dossier (drafts of unsaved typing
# and the audit log excepted).  The tables made below have the column from the start.
EXISTING = (
    "clients", "network_members", "consents", "help_questions", "conversations", "agreements", "routes",
    "route_steps", "route_evidence", "attachments", "route_links", "signals", "meetings", "meeting_companions",
    "preparations", "preparation_questions",
)  # fmt: skip
NEW = ("rights_requests", "dossier_notes")

# A random version-4 UUID in SQL, evaluated again for every row.
UUID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)


def _identify(table: str) -> None:
    op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)
    op.execute(
        f"CREATE TRIGGER {table}_uuid AFTER INSERT ON {table} WHEN NEW.uuid IS NULL "
        f"BEGIN UPDATE {table} SET uuid = {UUID_SQL} WHERE rowid = NEW.rowid; END"
    )


def upgrade() -> None:
    for table in EXISTING:
        op.add_column(table, sa.Column("uuid", sa.String(length=36), nullable=True))
        op.execute(f"UPDATE {table} SET uuid = {UUID_SQL}")

    op.create_table(
        "rights_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("extended_until", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rights_requests_client_id", "rights_requests", ["client_id"], unique=False)
    op.create_table(
        "dossier_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dossier_notes_client_id", "dossier_notes", ["client_id"], unique=False)
    for table in EXISTING + NEW:
        _identify(table)


def downgrade() -> None:
    for table in NEW + EXISTING:
        op.execute(f"DROP TRIGGER {table}_uuid")
        op.drop_index(f"ix_{table}_uuid", table_name=table)
    op.drop_index("ix_dossier_notes_client_id", table_name="dossier_notes")
    op.drop_table("dossier_notes")
    op.drop_index("ix_rights_requests_client_id", table_name="rights_requests")
    op.drop_table("rights_requests")
    for table in EXISTING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("uuid")
