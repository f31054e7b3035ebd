"""Team results from a closed campaign only: ``campaign_snapshot`` holds a campaign's results
as computed once when it closed (``zzcheck/storage/campaign_results.py``). A new table only;
campaigns closed before this revision get their snapshot on their next view.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "campaign_snapshot",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_snapshot_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_campaign_snapshot")),
    )


def downgrade():
    op.drop_table("campaign_snapshot")
