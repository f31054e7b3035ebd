"""Peer statistics: completed assessments per questionnaire, industry and size class
(``peer_count``) and per dimension the number and sum of scores (``peer_score_sum``), kept
up to date by triggers on ``assessment`` and ``dimension_score`` and filled here from the
stored results. The result page reads these few rows instead of counting and averaging all
assessments on every request.

New tables and triggers only: ``assessment`` is not altered (on SQLite a batch rebuild would
drop it, and ON DELETE CASCADE would delete every answer with it). A later batch rebuild of
``assessment`` or ``dimension_score`` would drop these triggers: re-create them then.
The trigger SQL is a frozen copy of ``zzcheck/storage/peer_triggers.py`` as of this revision
(``tests/db/test_peer_stats.py`` checks that both install the same).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GROUP = ("questionnaire_id", "industry", "size")
DONE = "'completed'"
ON_KEYS = "AFTER UPDATE OF status, industry, size, questionnaire_version_id ON assessment"
ADD_SCORES = """ON CONFLICT (questionnaire_id, industry, size, dimension_id)
    DO UPDATE SET rated = peer_score_sum.rated + excluded.rated,
    total = peer_score_sum.total + excluded.total"""


def upgrade():
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
    dialect = op.get_bind().dialect.name
    for statement in _triggers(dialect) + list(FILL):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for name, event, _, _ in TRIGGERS:
        table = event.split(" ON ")[1]
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("peer_score_sum")
    op.drop_table("peer_count")


def _count_change(row, delta):
    return f"""INSERT INTO peer_count (questionnaire_id, industry, size, assessments)
    SELECT v.questionnaire_id, coalesce({row}.industry, ''), coalesce({row}.size, ''), {delta}
    FROM questionnaire_version AS v WHERE v.id = {row}.questionnaire_version_id
    ON CONFLICT (questionnaire_id, industry, size)
    DO UPDATE SET assessments = peer_count.assessments + excluded.assessments"""


def _scores_change(row, delta):
    return f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce({row}.industry, ''), coalesce({row}.size, ''),
    d.dimension_id, {delta} * (CASE WHEN d.score IS NULL THEN 0 ELSE 1 END),
    {delta} * coalesce(d.score, 0.0)
    FROM dimension_score AS d JOIN questionnaire_version AS v
    ON v.id = {row}.questionnaire_version_id
    WHERE d.assessment_id = {row}.id ORDER BY d.dimension_id
    {ADD_SCORES}"""


SCORE_ADDED = f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    NEW.dimension_id, CASE WHEN NEW.score IS NULL THEN 0 ELSE 1 END, coalesce(NEW.score, 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE a.id = NEW.assessment_id AND a.status = {DONE}
    {ADD_SCORES}"""

TRIGGERS = (
    (
        "peer_stats_assessment_insert",
        "AFTER INSERT ON assessment",
        f"NEW.status = {DONE}",
        (_count_change("NEW", 1),),
    ),
    (
        "peer_stats_assessment_leave",
        ON_KEYS,
        f"OLD.status = {DONE}",
        (_count_change("OLD", -1), _scores_change("OLD", -1)),
    ),
    (
        "peer_stats_assessment_join",
        ON_KEYS,
        f"NEW.status = {DONE}",
        (_count_change("NEW", 1), _scores_change("NEW", 1)),
    ),
    (
        "peer_stats_assessment_delete",
        "BEFORE DELETE ON assessment",
        f"OLD.status = {DONE}",
        (_count_change("OLD", -1), _scores_change("OLD", -1)),
    ),
    ("peer_stats_score_insert", "AFTER INSERT ON dimension_score", None, (SCORE_ADDED,)),
)


def _triggers(dialect):
    statements = []
    for name, event, when, body in TRIGGERS:
        lines = "".join(f"\n  {statement};" for statement in body)
        if dialect == "postgresql":
            result = "OLD" if event.startswith("BEFORE DELETE") else "NULL"
            condition = f" WHEN ({when})" if when else ""
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN{lines}\n  RETURN {result};\nEND $$",
                f"DROP TRIGGER IF EXISTS {name} ON {event.split(' ON ')[1]}",
                f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} EXECUTE FUNCTION {name}()",
            ]
        else:
            condition = f" WHEN {when}" if when else ""
            head = f"CREATE TRIGGER IF NOT EXISTS {name} {event} FOR EACH ROW{condition}"
            statements.append(f"{head}\nBEGIN{lines}\nEND")
    return statements


FILL = (
    f"""INSERT INTO peer_count (questionnaire_id, industry, size, assessments)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), count(*)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE a.status = {DONE}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, '')""",
    f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), d.dimension_id,
    count(d.score), coalesce(sum(d.score), 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    JOIN dimension_score AS d ON d.assessment_id = a.id
    WHERE a.status = {DONE}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    d.dimension_id""",
)
