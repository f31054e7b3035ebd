"""The ``score_summary`` table: one narrow row per company's completed assessment with its
profile keys, month and packed scores, which the programme aggregates group by instead of
joining the dimension scores (``zzcheck/storage/score_summary.py``). It is filled from the
stored results here. The covering index of 0008, read only by the aggregates' former join,
goes.

The fill runs the application's ``summarize`` (it needs each version's dimension order from
its stored YAML snapshot); ``flask zzcheck rebuild-statistics`` does the same later.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COVERING = "ix_dimension_score_assessment_id_dimension_id_score"


def upgrade():
    op.create_table(
        "score_summary",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_version_id", sa.Integer(), nullable=False),
        sa.Column("industry", sa.String(length=1), nullable=True),
        sa.Column("size", sa.String(length=8), nullable=True),
        sa.Column("state", sa.String(length=5), nullable=True),
        sa.Column("works_council", sa.String(length=8), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("scores", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_score_summary_assessment_id_assessment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_version_id"],
            ["questionnaire_version.id"],
            name=op.f("fk_score_summary_questionnaire_version_id_questionnaire_version"),
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_score_summary")),
    )
    op.create_index(
        op.f("ix_score_summary_questionnaire_version_id"),
        "score_summary",
        ["questionnaire_version_id"],
    )
    op.drop_index(COVERING, table_name="dimension_score")
    from zzcheck.storage.score_summary import summarize

    with Session(bind=op.get_bind()) as session:
        summarize(session)


def downgrade():
    op.create_index(COVERING, "dimension_score", ["assessment_id", "dimension_id", "score"])
    op.drop_index(op.f("ix_score_summary_questionnaire_version_id"), table_name="score_summary")
    op.drop_table("score_summary")
