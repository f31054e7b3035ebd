"""Stored result pages (``zzcheck.storage.stored_pages``): a completed assessment's result
page as last rendered, without its resume token, kept for a few minutes so that opening it
again costs one query. A new table only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_page",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(length=64), nullable=False),
        sa.Column("build", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("html", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_stored_page_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "variant", name=op.f("pk_stored_page")),
    )
    op.create_index(op.f("ix_stored_page_expires_at"), "stored_page", ["expires_at"])


def downgrade():
    op.drop_index(op.f("ix_stored_page_expires_at"), table_name="stored_page")
    op.drop_table("stored_page")
