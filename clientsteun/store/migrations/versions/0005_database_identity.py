"""database identity: a random id per database, and an audit log that INSERT OR REPLACE cannot rewrite

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

Each database gets a random id when it is made (an existing one when it is upgraded): its backups
and the copy of its key file are named by it, so two databases with the same name stem in one
folder keep apart.  The audit log refused UPDATE and DELETE already; ``INSERT OR REPLACE`` with
the id of an existing line deletes and re-inserts it without an UPDATE or DELETE trigger firing,
so an insert that names an existing id is refused too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("database_id", sa.String(length=32), nullable=False),
        sa.CheckConstraint("id = 1", name="one_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO database_identity (id, database_id) VALUES (1, lower(hex(randomblob(8))))")
    op.execute(
        "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
        "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_log_no_replace")
    op.drop_table("database_identity")
