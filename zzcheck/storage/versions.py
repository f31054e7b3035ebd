"""Pinning a response to the exact questionnaire file it was answered with.

A version is stored once per (questionnaire id, content hash) with its YAML text; a stored
assessment is always scored with that snapshot, so editing a file never changes old results.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from zzcheck.questionnaire.loader import LoadedQuestionnaire, load_text
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import QuestionnaireVersion, utcnow

CACHE_SIZE = 64
_parsed: dict[str, Questionnaire] = {}  # content hash → parsed snapshot
_lock = threading.Lock()


def dialect_insert(session: DbSession, model: Any) -> Any:
    """An INSERT that knows ``ON CONFLICT`` (SQLite and PostgreSQL both do)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"upserts are not implemented for {dialect}")


def pin_version(session: DbSession, loaded: LoadedQuestionnaire) -> QuestionnaireVersion:
    """The stored version of ``loaded`` (created on first use; safe against a parallel insert)."""
    _remember(loaded.content_hash, loaded.questionnaire)
    found = _find(session, loaded.questionnaire.id, loaded.content_hash)
    if found is not None:
        return found
    row = {
        "questionnaire_id": loaded.questionnaire.id,
        "version": loaded.questionnaire.version,
        "content_hash": loaded.content_hash,
        "source": loaded.source,
        "created_at": utcnow(),
    }
    insert = dialect_insert(session, QuestionnaireVersion).values(row)
    session.execute(
        insert.on_conflict_do_nothing(index_elements=["questionnaire_id", "content_hash"])
    )
    found = _find(session, loaded.questionnaire.id, loaded.content_hash)
    assert found is not None  # inserted just now, or by a parallel request
    return found


def _find(
    session: DbSession, questionnaire_id: str, content_hash: str
) -> QuestionnaireVersion | None:
    query = select(QuestionnaireVersion).where(
        QuestionnaireVersion.questionnaire_id == questionnaire_id,
        QuestionnaireVersion.content_hash == content_hash,
    )
    return session.scalars(query).one_or_none()


def questionnaire_of_version(version: QuestionnaireVersion) -> Questionnaire:
    """The questionnaire of a stored version, parsed from its snapshot once per process."""
    with _lock:
        cached = _parsed.get(version.content_hash)
    if cached is not None:
        return cached
    loaded = load_text(version.source, f"{version.questionnaire_id}@{version.version} (stored)")
    _remember(version.content_hash, loaded.questionnaire)
    return loaded.questionnaire


def _remember(content_hash: str, questionnaire: Questionnaire) -> None:
    with _lock:
        if content_hash not in _parsed and len(_parsed) >= CACHE_SIZE:
            _parsed.pop(next(iter(_parsed)))
        _parsed[content_hash] = questionnaire


def clear_cache() -> None:
    """Forget the parsed snapshots (tests that check re-parsing from the database)."""
    with _lock:
        _parsed.clear()


def find_version(
    session: DbSession, questionnaire_id: str, version: str
) -> QuestionnaireVersion | None:
    """The stored snapshot of ``questionnaire_id`` at ``version`` (the newest, if the file
    changed without a new version number), or None."""
    query = (
        select(QuestionnaireVersion)
        .where(
            QuestionnaireVersion.questionnaire_id == questionnaire_id,
            QuestionnaireVersion.version == version,
        )
        .order_by(QuestionnaireVersion.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()
