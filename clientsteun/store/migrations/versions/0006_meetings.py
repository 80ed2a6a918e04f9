"""meetings and preparations: meetings with an organisation, who comes along, the routes they are about,
and the resident's preparation (answers, own questions, what is not on the sheet)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

Only new tables: rows of earlier revisions stay as they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("organisation", sa.String(length=500), nullable=False),
        sa.Column("consulent", sa.String(length=500), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("report_received_on", sa.Date(), nullable=True),
        sa.Column("report_checked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["step_id"], ["route_steps.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("step_id"),
        sa.UniqueConstraint("conversation_id"),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_client_on", ["client_id", "on"], unique=False)

    op.create_table(
        "meeting_routes",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "route_id"),
    )
    with op.batch_alter_table("meeting_routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_routes_route_id"), ["route_id"], unique=False)

    op.create_table(
        "meeting_companions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_companions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_companions_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "preparations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("preparations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_preparations_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_preparations_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "preparation_answers",
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("preparation_id", "code"),
    )
    op.create_table(
        "preparation_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("preparation_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_preparation_questions_preparation_id"), ["preparation_id"], unique=False)

    op.create_table(
        "preparation_hidden",
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("preparation_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("preparation_hidden")
    with op.batch_alter_table("preparation_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_preparation_questions_preparation_id"))
    op.drop_table("preparation_questions")
    op.drop_table("preparation_answers")
    with op.batch_alter_table("preparations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_preparations_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_preparations_client_id"))
    op.drop_table("preparations")
    with op.batch_alter_table("meeting_companions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_companions_meeting_id"))
    op.drop_table("meeting_companions")
    with op.batch_alter_table("meeting_routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_routes_route_id"))
    op.drop_table("meeting_routes")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_client_on")
    op.drop_table("meetings")
