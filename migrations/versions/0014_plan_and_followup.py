"""The owner's plan for the first steps (``planned_step``) and the link from a repeated
check to the earlier one (``assessment_followup``). New tables only: ``assessment`` is not
altered (on SQLite a new column would rebuild it and its ON DELETE CASCADE references).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "planned_step",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.String(length=64), nullable=False),
        sa.Column("who", sa.String(length=60), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_planned_step_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "recommendation_id", name=op.f("pk_planned_step")),
    )
    op.create_table(
        "assessment_followup",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_followup_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_followup_previous_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_followup")),
    )
    op.create_index(
        op.f("ix_assessment_followup_previous_id"), "assessment_followup", ["previous_id"]
    )


def downgrade():
    op.drop_index(op.f("ix_assessment_followup_previous_id"), table_name="assessment_followup")
    op.drop_table("assessment_followup")
    op.drop_table("planned_step")
