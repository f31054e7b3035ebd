"""Database triggers that keep ``peer_count`` and ``peer_score_sum`` equal to what a GROUP BY
over the completed assessments and their dimension scores would give.

Triggers rather than calls in the services, because completed assessments come and go by
many statements: completion (``status`` set), bulk INSERTs (demo data, test rows), the
respondent's delete, the retention purge and team campaigns (bulk DELETEs), all with the
same effect. A row trigger fires only for rows a statement really changed, so two parallel
deletes of one assessment subtract it once. Every trigger first touches the group's
``peer_count`` row, which orders concurrent writers of one group (no deadlocks).

Contributions: an assessment counts while its status is completed, in the group of its
questionnaire, industry and size at that time; a dimension score counts while its
assessment does. Completed results are immutable (DESIGN.md), but a change of status,
profile or version is handled too (old contribution out, new one in). Dimension scores are
never updated or deleted on their own; they go with their assessment (ON DELETE CASCADE,
after the BEFORE DELETE trigger has subtracted them).

The same SQL serves SQLite (trigger bodies) and PostgreSQL (PL/pgSQL trigger functions).
``create_all`` installs it through ``install_triggers``; migration 0005 holds a frozen copy,
and ``tests/db/test_peer_stats.py`` checks that both install the same.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from zzcheck.storage.base import DbSession

COMPLETED_SQL = "'completed'"  # models.COMPLETED as an SQL literal
ASSESSMENT_KEYS = "status, industry, size, questionnaire_version_id"


def _count_change(row: str, delta: int) -> str:
    """Add ``delta`` to the completed assessments of ``row``'s group (NEW or OLD)."""
    return f"""INSERT INTO peer_count (questionnaire_id, industry, size, assessments)
    SELECT v.questionnaire_id, coalesce({row}.industry, ''), coalesce({row}.size, ''), {delta}
    FROM questionnaire_version AS v WHERE v.id = {row}.questionnaire_version_id
    ON CONFLICT (questionnaire_id, industry, size)
    DO UPDATE SET assessments = peer_count.assessments + excluded.assessments"""


def _scores_change(row: str, delta: int) -> str:
    """Add (``delta`` 1) or subtract (-1) the dimension scores of assessment ``row``."""
    return f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce({row}.industry, ''), coalesce({row}.size, ''),
    d.dimension_id, {delta} * (CASE WHEN d.score IS NULL THEN 0 ELSE 1 END),
    {delta} * coalesce(d.score, 0.0)
    FROM dimension_score AS d JOIN questionnaire_version AS v
    ON v.id = {row}.questionnaire_version_id
    WHERE d.assessment_id = {row}.id ORDER BY d.dimension_id
    {_ADD_SCORES}"""


def _score_added() -> str:
    """A new dimension score of a completed assessment joins its group's sums."""
    return f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    NEW.dimension_id, CASE WHEN NEW.score IS NULL THEN 0 ELSE 1 END, coalesce(NEW.score, 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE a.id = NEW.assessment_id AND a.status = {COMPLETED_SQL}
    {_ADD_SCORES}"""


_ADD_SCORES = """ON CONFLICT (questionnaire_id, industry, size, dimension_id)
    DO UPDATE SET rated = peer_score_sum.rated + excluded.rated,
    total = peer_score_sum.total + excluded.total"""
_ON_KEYS = f"AFTER UPDATE OF {ASSESSMENT_KEYS} ON assessment"

# name, event, condition (WHEN) and the statements of each trigger
TRIGGERS: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = (
    (
        "peer_stats_assessment_insert",
        "AFTER INSERT ON assessment",
        f"NEW.status = {COMPLETED_SQL}",
        (_count_change("NEW", 1),),
    ),
    (
        "peer_stats_assessment_leave",
        _ON_KEYS,
        f"OLD.status = {COMPLETED_SQL}",
        (_count_change("OLD", -1), _scores_change("OLD", -1)),
    ),
    (
        "peer_stats_assessment_join",
        _ON_KEYS,
        f"NEW.status = {COMPLETED_SQL}",
        (_count_change("NEW", 1), _scores_change("NEW", 1)),
    ),
    (
        "peer_stats_assessment_delete",
        "BEFORE DELETE ON assessment",
        f"OLD.status = {COMPLETED_SQL}",
        (_count_change("OLD", -1), _scores_change("OLD", -1)),
    ),
    ("peer_stats_score_insert", "AFTER INSERT ON dimension_score", None, (_score_added(),)),
)


def create_statements(dialect: str) -> list[str]:
    """The DDL that installs the triggers (idempotent: safe on an existing schema)."""
    if dialect == "postgresql":
        return [s for trigger in TRIGGERS for s in _postgres_trigger(*trigger)]
    if dialect == "sqlite":
        return [_sqlite_trigger(*trigger) for trigger in TRIGGERS]
    raise ValueError(f"no peer statistics triggers for {dialect}")


def drop_statements(dialect: str) -> list[str]:
    """The DDL that removes the triggers (and on PostgreSQL their functions)."""
    if dialect == "postgresql":
        return [
            statement
            for name, event, _, _ in TRIGGERS
            for statement in (
                f"DROP TRIGGER IF EXISTS {name} ON {_table(event)}",
                f"DROP FUNCTION IF EXISTS {name}()",
            )
        ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name, _, _, _ in TRIGGERS]


def _table(event: str) -> str:
    return event.split(" ON ")[1]


def _sqlite_trigger(name: str, event: str, when: str | None, body: tuple[str, ...]) -> str:
    condition = f" WHEN {when}" if when else ""
    statements = "".join(f"\n  {statement};" for statement in body)
    head = f"CREATE TRIGGER IF NOT EXISTS {name} {event} FOR EACH ROW{condition}"
    return f"{head}\nBEGIN{statements}\nEND"


def _postgres_trigger(
    name: str, event: str, when: str | None, body: tuple[str, ...]
) -> tuple[str, str, str]:
    """A PL/pgSQL function with the statements, and the trigger that calls it."""
    statements = "".join(f"\n  {statement};" for statement in body)
    result = "OLD" if event.startswith("BEFORE DELETE") else "NULL"  # NULL would skip a delete
    function = (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN{statements}\n  RETURN {result};\nEND $$"
    )
    condition = f" WHEN ({when})" if when else ""
    return (
        function,
        f"DROP TRIGGER IF EXISTS {name} ON {_table(event)}",
        f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} EXECUTE FUNCTION {name}()",
    )


def install_triggers(target: Any, connection: Connection, **kw: Any) -> None:
    """``after_create`` listener of the metadata: ``create_all`` (tests, benchmarks)."""
    for statement in create_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)


REBUILD = (
    "DELETE FROM peer_score_sum",
    "DELETE FROM peer_count",
    f"""INSERT INTO peer_count (questionnaire_id, industry, size, assessments)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), count(*)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE a.status = {COMPLETED_SQL}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, '')""",
    f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), d.dimension_id,
    count(d.score), coalesce(sum(d.score), 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    JOIN dimension_score AS d ON d.assessment_id = a.id
    WHERE a.status = {COMPLETED_SQL}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    d.dimension_id""",
)


def rebuild_peer_stats(session: DbSession) -> None:
    """Recompute both tables from scratch (a repair, e.g. after a table rebuild that
    dropped the triggers; the migration fills them the same way). Flushes, never commits."""
    for statement in REBUILD:
        session.execute(text(statement))
    session.flush()
