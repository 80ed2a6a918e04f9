"""routes tried: steps, evidence with attached files, checklist, links, signals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("help_question_id", sa.Integer(), nullable=True),
        sa.Column("life_domain", sa.String(length=100), nullable=False),
        sa.Column("organisation", sa.String(length=500), nullable=False),
        sa.Column("contact", sa.String(length=500), nullable=False),
        sa.Column("reference", sa.String(length=500), nullable=False),
        sa.Column("wanted_effect", sa.Text(), nullable=False),
        sa.Column("own_strength", sa.Text(), nullable=False),
        sa.Column("network", sa.Text(), nullable=False),
        sa.Column("paying_self", sa.Text(), nullable=False),
        sa.Column("general_facility", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["help_question_id"], ["help_questions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routes_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_routes_help_question_id"), ["help_question_id"], unique=False)

    op.create_table(
        "route_circumstances",
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("route_id", "code"),
    )
    op.create_table(
        "route_documents",
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("collected_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("route_id", "code"),
    )
    op.create_table(
        "route_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("route_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_route_evidence_route_id"), ["route_id"], unique=False)

    op.create_table(
        "route_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_route_id", sa.Integer(), nullable=False),
        sa.Column("to_route_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["from_route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["to_route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("from_route_id", "to_route_id", "kind"),
    )
    with op.batch_alter_table("route_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_route_links_from_route_id"), ["from_route_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_route_links_to_route_id"), ["to_route_id"], unique=False)

    op.create_table(
        "route_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("route_steps", schema=None) as batch_op:
        batch_op.create_index("ix_route_steps_route_on", ["route_id", "on"], unique=False)

    op.create_table(
        "signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=True),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("theme", sa.String(length=100), nullable=False),
        sa.Column("organisation", sa.String(length=500), nullable=False),
        sa.Column("municipality", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("shareable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["route_id"], ["routes.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signals_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signals_route_id"), ["route_id"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["route_evidence.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evidence_id"),
    )


def downgrade() -> None:
    op.drop_table("attachments")
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signals_route_id"))
        batch_op.drop_index(batch_op.f("ix_signals_client_id"))

    op.drop_table("signals")
    with op.batch_alter_table("route_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_route_steps_route_on")

    op.drop_table("route_steps")
    with op.batch_alter_table("route_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_route_links_to_route_id"))
        batch_op.drop_index(batch_op.f("ix_route_links_from_route_id"))

    op.drop_table("route_links")
    with op.batch_alter_table("route_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_route_evidence_route_id"))

    op.drop_table("route_evidence")
    op.drop_table("route_documents")
    op.drop_table("route_circumstances")
    with op.batch_alter_table("routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routes_help_question_id"))
        batch_op.drop_index(batch_op.f("ix_routes_client_id"))

    op.drop_table("routes")
