"""Team mode: campaigns, their pinned questionnaires, and the link from each anonymous team
answer (an assessment) to its campaign with role and area. New tables only: the
``assessment`` table is not touched (on SQLite a batch rebuild of it would drop the table,
and ON DELETE CASCADE would delete every answer with it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ROLES = "role IN ('management', 'employee', 'works_council', 'it')"
AREAS = "area IS NULL OR area IN ('office', 'production', 'field')"


def upgrade():
    _campaign()
    op.create_table(
        "campaign_questionnaire",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_questionnaire_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["questionnaire_version.id"],
            name=op.f("fk_campaign_questionnaire_version_id_questionnaire_version"),
        ),
        sa.PrimaryKeyConstraint("campaign_id", "position", name=op.f("pk_campaign_questionnaire")),
    )
    op.create_index(
        op.f("ix_campaign_questionnaire_version_id"), "campaign_questionnaire", ["version_id"]
    )
    _responses()


def _campaign():
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("owner_assessment_id", sa.Integer(), nullable=True),
        sa.Column("centre_id", sa.String(length=64), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("works_council", sa.String(length=8), nullable=True),
        sa.Column("min_group_size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("min_group_size >= 3", name=op.f("ck_campaign_min_group_size")),
        sa.CheckConstraint(
            "owner_assessment_id IS NOT NULL OR client_id IS NOT NULL",
            name=op.f("ck_campaign_has_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id", "centre_id"],
            ["client.id", "client.centre_id"],
            name=op.f("fk_campaign_client_id_client"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_assessment_id"],
            ["assessment.id"],
            name=op.f("fk_campaign_owner_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_campaign_token_hash")),
    )
    op.create_index(op.f("ix_campaign_centre_id"), "campaign", ["centre_id"])
    op.create_index(op.f("ix_campaign_client_id"), "campaign", ["client_id"])
    op.create_index(op.f("ix_campaign_owner_assessment_id"), "campaign", ["owner_assessment_id"])


def _responses():
    op.create_table(
        "campaign_response",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("area", sa.String(length=16), nullable=True),
        sa.Column("browser_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint(ROLES, name=op.f("ck_campaign_response_role")),
        sa.CheckConstraint(AREAS, name=op.f("ck_campaign_response_area")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_campaign_response_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_response_campaign_id_campaign"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_campaign_response")),
        sa.UniqueConstraint(
            "campaign_id",
            "browser_hash",
            "position",
            name=op.f("uq_campaign_response_campaign_id_browser_hash_position"),
        ),
    )
    op.create_index(
        op.f("ix_campaign_response_campaign_id"), "campaign_response", ["campaign_id"]
    )


def downgrade():
    op.drop_table("campaign_response")
    op.drop_table("campaign_questionnaire")
    op.drop_table("campaign")
