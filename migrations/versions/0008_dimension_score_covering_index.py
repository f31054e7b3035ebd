"""A covering index of the dimension scores, (assessment, dimension, score): SQLite's
programme aggregates read each assessment's scores from it without visiting the table
(``zzcheck/analytics/queries.py``, half the time of the lookups at 100,000 assessments).
An index only: no table is altered.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NAME = "ix_dimension_score_assessment_id_dimension_id_score"


def upgrade():
    op.create_index(NAME, "dimension_score", ["assessment_id", "dimension_id", "score"])


def downgrade():
    op.drop_index(NAME, table_name="dimension_score")
