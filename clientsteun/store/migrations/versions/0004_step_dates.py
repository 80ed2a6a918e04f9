"""step dates: the day a letter was sent and received, and the new date a letter names

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("route_steps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("received_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("new_due_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("route_steps", schema=None) as batch_op:
        batch_op.drop_column("new_due_on")
        batch_op.drop_column("received_on")
        batch_op.drop_column("sent_on")
