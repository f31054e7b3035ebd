"""Create the journey tables (questionnaire versions, assessments, answers, dimension scores).

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "questionnaire_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_version")),
        sa.UniqueConstraint(
            "questionnaire_id",
            "content_hash",
            name=op.f("uq_questionnaire_version_questionnaire_id_content_hash"),
        ),
    )
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("questionnaire_version_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("current_section", sa.Integer(), nullable=False),
        sa.Column("industry", sa.String(length=1), nullable=True),
        sa.Column("size", sa.String(length=8), nullable=True),
        sa.Column("state", sa.String(length=5), nullable=True),
        sa.Column("works_council", sa.String(length=8), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("overall_score", sa.Float(), nullable=True),
        sa.Column("overall_level", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "status IN ('in_progress', 'completed')", name=op.f("ck_assessment_status")
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_version_id"],
            ["questionnaire_version.id"],
            name=op.f("fk_assessment_questionnaire_version_id_questionnaire_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    op.create_index(op.f("ix_assessment_token_hash"), "assessment", ["token_hash"], unique=True)
    op.create_index(
        op.f("ix_assessment_questionnaire_version_id"), "assessment", ["questionnaire_version_id"]
    )
    op.create_index(op.f("ix_assessment_completed_at"), "assessment", ["completed_at"])
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_answer_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
        sa.UniqueConstraint(
            "assessment_id", "question_id", name=op.f("uq_answer_assessment_id_question_id")
        ),
    )
    op.create_table(
        "dimension_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("dimension_id", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("level", sa.String(length=32), nullable=True),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_dimension_score_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dimension_score")),
        sa.UniqueConstraint(
            "assessment_id",
            "dimension_id",
            name=op.f("uq_dimension_score_assessment_id_dimension_id"),
        ),
    )
    op.create_index(op.f("ix_dimension_score_dimension_id"), "dimension_score", ["dimension_id"])


def downgrade():
    op.drop_table("dimension_score")
    op.drop_table("answer")
    op.drop_table("assessment")
    op.drop_table("questionnaire_version")
