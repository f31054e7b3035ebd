"""Database triggers that keep ``peer_count`` and ``peer_score_sum`` equal to what a GROUP BY
over the companies' completed assessments and their dimension scores would give.

Triggers rather than calls in the services, because completed assessments come and go by
many statements: completion (``status`` set), bulk INSERTs (demo data, test rows), the
respondent's delete, the retention purge and team campaigns (bulk DELETEs), all with the
same effect. A row trigger fires only for rows a statement really changed, so two parallel
deletes of one assessment subtract it once. Every trigger first touches the group's
``peer_count`` row, which orders concurrent writers of one group (no deadlocks).

Contributions: a company's assessment counts while its status is completed, in the group of
its questionnaire, industry and size at that time; a dimension score counts while its
assessment does. A team answer (an assessment with a ``campaign_response`` row) is no
company's assessment and never counts (as in ``analytics.queries``); the app links it while
it is in progress, but linking or unlinking a completed one is handled too, as is a change of
status, profile or version (old contribution out, new one in). Dimension scores are never
updated or deleted on their own; they go with their assessment (ON DELETE CASCADE, after the
BEFORE DELETE trigger has subtracted them; the cascaded link no longer finds its assessment).

The same SQL serves SQLite (trigger bodies) and PostgreSQL (PL/pgSQL trigger functions).
``create_all`` installs it through ``install_triggers`` (the metadata must hold the team
tables: ``storage/setup.py`` imports them); migration 0006 holds a frozen copy, and
``tests/db/test_peer_stats.py`` checks that both install the same.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from zzcheck.storage.base import DbSession

COMPLETED_SQL = "'completed'"  # models.COMPLETED as an SQL literal
ASSESSMENT_KEYS = "status, industry, size, questionnaire_version_id"
COMPANY = "NOT EXISTS (SELECT 1 FROM campaign_response AS r WHERE r.assessment_id = a.id)"


def _row(name: str) -> str:
    """The trigger's NEW or OLD assessment as a table ``a`` (the values before or after)."""
    columns = ("id", "industry", "size", "questionnaire_version_id")
    return f"(SELECT {', '.join(f'{name}.{column} AS {column}' for column in columns)}) AS a"


def _linked(name: str) -> tuple[str, str]:
    """The completed assessment of a ``campaign_response`` row (NEW or OLD) as ``a``."""
    return "assessment AS a", f"a.id = {name}.assessment_id AND a.status = {COMPLETED_SQL}"


def _count_change(source: str, where: str, delta: int) -> str:
    """Add ``delta`` to the completed assessments of the group of assessment ``a``."""
    return f"""INSERT INTO peer_count (questionnaire_id, industry, size, assessments)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), {delta}
    FROM {source} JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE {where}
    ON CONFLICT (questionnaire_id, industry, size)
    DO UPDATE SET assessments = peer_count.assessments + excluded.assessments"""


def _scores_change(source: str, where: str, delta: int) -> str:
    """Add (``delta`` 1) or subtract (-1) the dimension scores of assessment ``a``."""
    return f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), d.dimension_id,
    {delta} * (CASE WHEN d.score IS NULL THEN 0 ELSE 1 END), {delta} * coalesce(d.score, 0.0)
    FROM {source} JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    JOIN dimension_score AS d ON d.assessment_id = a.id
    WHERE {where} ORDER BY d.dimension_id
    {_ADD_SCORES}"""


def _both(source: str, where: str, delta: int) -> tuple[str, str]:
    return _count_change(source, where, delta), _scores_change(source, where, delta)


def _score_added() -> str:
    """A new dimension score of a company's completed assessment joins its group's sums."""
    return f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    NEW.dimension_id, CASE WHEN NEW.score IS NULL THEN 0 ELSE 1 END, coalesce(NEW.score, 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    WHERE a.id = NEW.assessment_id AND a.status = {COMPLETED_SQL} AND {COMPANY}
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
        (_count_change(_row("NEW"), COMPANY, 1),),
    ),
    (
        "peer_stats_assessment_leave",
        _ON_KEYS,
        f"OLD.status = {COMPLETED_SQL}",
        _both(_row("OLD"), COMPANY, -1),
    ),
    (
        "peer_stats_assessment_join",
        _ON_KEYS,
        f"NEW.status = {COMPLETED_SQL}",
        _both(_row("NEW"), COMPANY, 1),
    ),
    (
        "peer_stats_assessment_delete",
        "BEFORE DELETE ON assessment",
        f"OLD.status = {COMPLETED_SQL}",
        _both(_row("OLD"), COMPANY, -1),
    ),
    ("peer_stats_score_insert", "AFTER INSERT ON dimension_score", None, (_score_added(),)),
    # an assessment linked to a campaign is a team answer: it leaves (or rejoins) the figures
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


def create_statements(dialect: str) -> list[str]:
    """The DDL that installs the triggers (idempotent: safe on an existing schema)."""
    if dialect == "postgresql":
        return [s for trigger in TRIGGERS for s in _postgres_trigger(*trigger)]
    if dialect == "sqlite":
        return [_sqlite_trigger(*trigger) for trigger in TRIGGERS]
    raise ValueError(f"no peer statistics triggers for {dialect}")


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
    WHERE a.status = {COMPLETED_SQL} AND {COMPANY}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, '')""",
    f"""INSERT INTO peer_score_sum
    (questionnaire_id, industry, size, dimension_id, rated, total)
    SELECT v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''), d.dimension_id,
    count(d.score), coalesce(sum(d.score), 0.0)
    FROM assessment AS a JOIN questionnaire_version AS v ON v.id = a.questionnaire_version_id
    JOIN dimension_score AS d ON d.assessment_id = a.id
    WHERE a.status = {COMPLETED_SQL} AND {COMPANY}
    GROUP BY v.questionnaire_id, coalesce(a.industry, ''), coalesce(a.size, ''),
    d.dimension_id""",
)


def rebuild_peer_stats(session: DbSession) -> None:
    """Recompute both tables from scratch (a repair, e.g. after a table rebuild that
    dropped the triggers; the migration fills them the same way). Flushes, never commits."""
    for statement in REBUILD:
        session.execute(text(statement))
    session.flush()
