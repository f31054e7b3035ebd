"""The peer comparison reads a daily snapshot of published figures (``peer_snapshot``,
``peer_figure``; ``zzcheck/analytics/peers.py`` says why) instead of live counts and sums:
the triggers of 0005/0006 and their tables ``peer_count`` and ``peer_score_sum`` (hot rows
updated on every completion, issue 20) go. The first result page after the upgrade takes
the first snapshot.

Downgrade recreates the old tables, triggers and fill from revision 0006.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

GROUP = ("questionnaire_id", "industry", "size")


def upgrade():
    companies_only = _revision("0006_peer_stats_companies_only.py")
    dialect = op.get_bind().dialect.name
    for statement in companies_only._drop(dialect, companies_only.TRIGGERS):
        op.execute(statement)
    op.drop_table("peer_score_sum")
    op.drop_table("peer_count")
    op.create_table(
        "peer_snapshot",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_snapshot")),
    )
    op.create_table(
        "peer_figure",
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("industry", sa.String(length=8), nullable=False),
        sa.Column("size", sa.String(length=8), nullable=False),
        sa.Column("dimension_id", sa.String(length=64), nullable=False),
        sa.Column("companies", sa.Integer(), nullable=False),
        sa.Column("mean", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint(*GROUP, "dimension_id", name=op.f("pk_peer_figure")),
    )


def downgrade():
    op.drop_table("peer_figure")
    op.drop_table("peer_snapshot")
    op.create_table(
        "peer_count",
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("industry", sa.String(length=8), nullable=False),
        sa.Column("size", sa.String(length=8), nullable=False),
        sa.Column("assessments", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*GROUP, name=op.f("pk_peer_count")),
    )
    op.create_table(
        "peer_score_sum",
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("industry", sa.String(length=8), nullable=False),
        sa.Column("size", sa.String(length=8), nullable=False),
        sa.Column("dimension_id", sa.String(length=64), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(*GROUP, "dimension_id", name=op.f("pk_peer_score_sum")),
    )
    companies_only = _revision("0006_peer_stats_companies_only.py")
    dialect = op.get_bind().dialect.name
    for statement in companies_only._create(dialect, companies_only.TRIGGERS):
        op.execute(statement)
    for statement in companies_only.FILL:
        op.execute(statement)


def _revision(filename):
    """The module of an earlier revision (its frozen trigger SQL)."""
    path = Path(__file__).with_name(filename)
    spec = importlib.util.spec_from_file_location(f"revision_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
