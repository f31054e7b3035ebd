"""Peer statistics count companies only: team answers (assessments linked through
``campaign_response``, migration 0004) leave ``peer_count`` and ``peer_score_sum``, as they
leave every aggregate over companies. The triggers of 0005 are replaced (two more on
``campaign_response``) and both tables are filled again from the stored results.

Triggers only: no table is altered. The trigger SQL is a frozen copy of
``zzcheck/storage/peer_triggers.py`` as of this revision (``tests/db/test_peer_stats.py``
checks that the migrations and ``create_all`` install the same).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DONE = "'completed'"
COMPANY = "NOT EXISTS (SELECT 1 FROM campaign_response AS r WHERE r.assessment_id = a.id)"
ON_KEYS = "AFTER UPDATE OF status, industry, size, questionnaire_version_id ON assessment"
ADD_SCORES = """ON CONFLICT (questionnaire_id, industry, size, dimension_id)
    DO UPDATE SET rated = peer_score_sum.rated + excluded.rated,
    total = peer_score_sum.total + excluded.total"""


def upgrade():
    dialect = op.get_bind().dialect.name
    for statement in _drop(dialect, _revision_0005().TRIGGERS) + _create(dialect, TRIGGERS):
        op.execute(statement)
    for statement in ("DELETE FROM peer_score_sum", "DELETE FROM peer_count", *FILL):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    before = _revision_0005()
    for statement in _drop(dialect, TRIGGERS) + before._triggers(dialect):
        op.execute(statement)
    for statement in ("DELETE FROM peer_score_sum", "DELETE FROM peer_count", *before.FILL):
        op.execute(statement)


def _revision_0005():
    """The module of revision 0005 (its triggers and fill, to go back to)."""
    path = Path(__file__).with_name("0005_peer_stats.py")
    spec = importlib.util.spec_from_file_location("peer_stats_0005", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _drop(dialect, triggers):
    statements = []
    for name, event, _, _ in triggers:
        if dialect == "postgresql":
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON {event.split(' ON ')[1]}")
            statements.append(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
    return statements


def _row(name):
    columns = ("id", "industry", "size", "questionnaire_version_id")
    return f"(SELECT {', '.join(f'{name}.{column} AS {column}' for column in columns)}) AS a"


def _linked(name):
    return "assessment AS a", f"a.id = {name}.assessment_id AND a.status = {DONE}"


def _count_change(source, where, delta):
    return f"""INSERT INTO peer_count (questionnaire_id, industry, size, assessments)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), {delta}
    FROM {source} JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE {where}
    ON CONFLICT (questionnaire_id, industry, size)
    DO UPDATE SET assessments = peer_count.assessments + excluded.assessments"""


def _scores_change(source, where, delta):
    return f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), d.dimension_id,
    {delta} * (CASE WHEN d.score IS NULL THEN 0 ELSE 1 END), {delta} * coalesce(d.score, 0.0)
    FROM {source} JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    JOIN dimension_score AS d ON d.assessment_id = a.id
    WHERE {where} ORDER BY d.dimension_id
    {ADD_SCORES}"""


def _both(source, where, delta):
    return _count_change(source, where, delta), _scores_change(source, where, delta)


SCORE_ADDED = f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    NEW.dimension_id, CASE WHEN NEW.score IS NULL THEN 0 ELSE 1 END, coalesce(NEW.score, 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE a.id = NEW.assessment_id AND a.status = {DONE} AND {COMPANY}
    {ADD_SCORES}"""

TRIGGERS = (
    (
        "peer_stats_assessment_insert",
        "AFTER INSERT ON assessment",
        f"NEW.status = {DONE}",
        (_count_change(_row("NEW"), COMPANY, 1),),
    ),
    (
        "peer_stats_assessment_leave",
        ON_KEYS,
        f"OLD.status = {DONE}",
        _both(_row("OLD"), COMPANY, -1),
    ),
    ("peer_stats_assessment_join", ON_KEYS, f"NEW.status = {DONE}", _both(_row("NEW"), COMPANY, 1)),
    (
        "peer_stats_assessment_delete",
        "BEFORE DELETE ON assessment",
        f"OLD.status = {DONE}",
        _both(_row("OLD"), COMPANY, -1),
    ),
    ("peer_stats_score_insert", "AFTER INSERT ON dimension_score", None, (SCORE_ADDED,)),
    (
        "peer_stats_link_insert",
        "AFTER INSERT ON campaign_response",
        None,
        _both(*_linked("NEW"), -1),
    ),
    (
        "peer_stats_link_delete",
        "AFTER DELETE ON campaign_response",
        None,
        _both(*_linked("OLD"), 1),
    ),
)


def _create(dialect, triggers):
    statements = []
    for name, event, when, body in triggers:
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
    WHERE a.status = {DONE} AND {COMPANY}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, '')""",
    f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), d.dimension_id,
    count(d.score), coalesce(sum(d.score), 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    JOIN dimension_score AS d ON d.assessment_id = a.id
    WHERE a.status = {DONE} AND {COMPANY}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    d.dimension_id""",
)
