"""Personal one-time codes for team campaigns: ``campaign.access`` (``link`` or ``codes``),
``campaign.entry_token`` (a code campaign's link, in clear: there it opens nothing without a
code) and the table ``campaign_code`` (hash, fixed role, used). Columns are added with
ALTER TABLE ADD COLUMN, never a batch rebuild: on SQLite rebuilding ``campaign`` would drop
it, and ON DELETE SET NULL would cut every team answer from its campaign.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ROLE = "role IS NULL OR role IN ('management', 'employee', 'works_council', 'it')"


def upgrade():
    op.add_column(
        "campaign",
        sa.Column("access", sa.String(length=8), server_default="link", nullable=False),
    )
    op.add_column("campaign", sa.Column("entry_token", sa.String(length=64), nullable=True))
    op.create_table(
        "campaign_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.CheckConstraint(ROLE, name=op.f("ck_campaign_code_role")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_code_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_campaign_code_code_hash")),
    )
    op.create_index(op.f("ix_campaign_code_campaign_id"), "campaign_code", ["campaign_id"])


def downgrade():
    op.drop_index(op.f("ix_campaign_code_campaign_id"), table_name="campaign_code")
    op.drop_table("campaign_code")
    # plain ALTER TABLE DROP COLUMN (SQLite ≥ 3.35), for the same reason as above
    op.drop_column("campaign", "entry_token")
    op.drop_column("campaign", "access")
