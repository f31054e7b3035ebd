"""Retention: ``flask --app app zzcheck purge [--dry-run]`` with timestamps moved into the
past. Unfinished checks go after ``ZZCHECK_RETENTION_UNFINISHED_DAYS`` without a save,
completed ones after ``ZZCHECK_RETENTION_COMPLETED_DAYS`` unless a running consent shares
them, shares end after ``ZZCHECK_RETENTION_SHARED_DAYS`` (names erased, consent record
kept); a dry run changes nothing, and a second run finds nothing more."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from centrehelp import LOW, PROFILE, SACHSEN, WERKSTATT, completed, new_client, shared
from flask import Flask
from sqlalchemy import func, select, update

from zzcheck.config import ConfigError, from_environment
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import save_page, start_assessment
from zzcheck.storage.models import Answer, Assessment, DimensionScore, ScoreSummary, utcnow
from zzcheck.storage.retention import PurgeCounts, RetentionPolicy, purge
from zzcheck.storage.sharing import withdraw_share
from zzcheck.storage.workspace import Share

QUESTIONNAIRES = WERKSTATT
NOW = utcnow()


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def unfinished(app: Flask, saved_days_ago: float) -> int:
    """A check with one saved page, last saved ``saved_days_ago`` days ago."""
    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        assessment, _token = start_assessment(db.session, loaded, PROFILE)
        save_page(db.session, assessment, {"ki_genutzt": "no"}, ["ki_genutzt"], 1)
        moved = {"started_at": days_ago(saved_days_ago), "updated_at": days_ago(saved_days_ago)}
        db.session.execute(update(Assessment).where(Assessment.id == assessment.id).values(moved))
        db.session.commit()
        return assessment.id


def finished(app: Flask, completed_days_ago: float) -> int:
    return completed(app, LOW, completed_at=days_ago(completed_days_ago))[0]


def share_of(app: Flask, assessment_id: int, consent_days_ago: float, client_id: int) -> int:
    share_id = shared(app, assessment_id, company="Alpha GmbH", contact="Eva", client_id=client_id)
    with app.app_context():
        values = {"consented_at": days_ago(consent_days_ago)}
        db.session.execute(update(Share).where(Share.id == share_id).values(values))
        db.session.commit()
    return share_id


@pytest.fixture
def world(app: Flask) -> dict[str, int]:
    """One check per rule and border, named by what the default policy must do with it."""
    client_id = new_client(app, SACHSEN, "Alpha-Kunde")
    ids = {
        "unfinished 91 days": unfinished(app, 91),
        "unfinished 89 days": unfinished(app, 89),
        "completed 731 days": finished(app, 731),
        "completed 700 days": finished(app, 700),
        "completed 900, consent 100 days": finished(app, 900),
        "completed 900, consent 731 days": finished(app, 900),
        "completed 800, withdrawn": finished(app, 800),
    }
    share_of(app, ids["completed 900, consent 100 days"], 100, client_id)
    share_of(app, ids["completed 900, consent 731 days"], 731, client_id)
    share_of(app, ids["completed 800, withdrawn"], 790, client_id)
    with app.app_context():
        withdrawn = db.session.get(Assessment, ids["completed 800, withdrawn"])
        assert withdraw_share(db.session, withdrawn, now=days_ago(400)) is not None
        db.session.commit()
    return ids


def remaining(app: Flask) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(Assessment.id)))


def rows(app: Flask, model: type, assessment_id: int) -> int:
    with app.app_context():
        query = (
            select(func.count())
            .select_from(model)
            .where(
                model.assessment_id == assessment_id  # type: ignore[attr-defined]
            )
        )
        return int(db.session.scalar(query) or 0)


def shares(app: Flask) -> dict[int, tuple[Any, ...]]:
    with app.app_context():
        found = db.session.scalars(select(Share)).all()
        return {
            s.assessment_id: (
                s.withdrawn_at is not None,
                s.company_name,
                s.contact_person,
                s.client_id is not None,
                s.consent_hash,
            )
            for s in found
        }


def test_dry_run_counts_and_changes_nothing(app: Flask, world: dict[str, int], runner: Any) -> None:
    before_ids, before_shares = remaining(app), shares(app)
    result = runner.invoke(args=["zzcheck", "purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "shares would be withdrawn (consent older than 730 days): 1",
        "unfinished assessments would be deleted (not saved for 90 days): 1",
        "completed assessments would be deleted (older than 730 days, not shared): 3",
    ]
    assert remaining(app) == before_ids and shares(app) == before_shares


def test_purge_applies_every_rule_once(app: Flask, world: dict[str, int], runner: Any) -> None:
    expired_share = world["completed 900, consent 731 days"]
    consent_hash = shares(app)[expired_share][4]
    result = runner.invoke(args=["zzcheck", "purge"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "shares withdrawn (consent older than 730 days): 1",
        "unfinished assessments deleted (not saved for 90 days): 1",
        "completed assessments deleted (older than 730 days, not shared): 3",
    ]
    kept = {name for name, id_ in world.items() if id_ in remaining(app)}
    assert kept == {"unfinished 89 days", "completed 700 days", "completed 900, consent 100 days"}
    for name in ("unfinished 91 days", "completed 731 days", "completed 900, consent 731 days"):
        for model in (Answer, DimensionScore, ScoreSummary, Share):  # gone with the assessment
            assert rows(app, model, world[name]) == 0, (name, model)
    assert shares(app) == {
        world["completed 900, consent 100 days"]: (False, "Alpha GmbH", "Eva", True, consent_hash)
    }
    again = runner.invoke(args=["zzcheck", "purge"])
    assert again.output.count(": 0") == 3  # nothing left to do


def test_an_expired_share_is_withdrawn_and_the_check_kept_while_it_is_young(
    app: Flask,
) -> None:
    """With a consent period shorter than the completed period, the share ends first: the
    centre loses access and the names are erased, the check itself stays."""
    client_id = new_client(app, SACHSEN, "Beta-Kunde")
    assessment_id = finished(app, 400)
    share_of(app, assessment_id, 380, client_id)
    policy = RetentionPolicy(unfinished_days=90, completed_days=730, shared_days=365)
    with app.app_context():
        counts = purge(db.session, policy, now=NOW)
        db.session.commit()
    assert counts == PurgeCounts(shares_withdrawn=1, unfinished_deleted=0, completed_deleted=0)
    withdrawn, company, contact, has_client, consent_hash = shares(app)[assessment_id]
    assert (withdrawn, company, contact, has_client) == (True, None, None, False)
    assert len(consent_hash) == 64 and assessment_id in remaining(app)
    assert rows(app, Answer, assessment_id) > 0


def test_the_service_only_flushes(app: Flask) -> None:
    """The CLI commits; a caller that rolls back keeps everything."""
    old = unfinished(app, 200)
    with app.app_context():
        assert purge(db.session, RetentionPolicy(), now=NOW).unfinished_deleted == 1
        db.session.rollback()
    assert old in remaining(app)


def test_the_configured_period_is_used(app: Flask, runner: Any) -> None:
    app.config["ZZCHECK_RETENTION_UNFINISHED_DAYS"] = 30
    month_old, week_old = unfinished(app, 31), unfinished(app, 7)
    result = runner.invoke(args=["zzcheck", "purge"])
    assert "unfinished assessments deleted (not saved for 30 days): 1" in result.output
    assert remaining(app) == {week_old} and month_old not in remaining(app)


def test_retention_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZCHECK_RETENTION_UNFINISHED_DAYS", "14")
    monkeypatch.setenv("ZZCHECK_RETENTION_SHARED_DAYS", "1")
    monkeypatch.delenv("ZZCHECK_RETENTION_COMPLETED_DAYS", raising=False)
    config = from_environment("/tmp/instance")
    assert config["ZZCHECK_RETENTION_UNFINISHED_DAYS"] == 14
    assert config["ZZCHECK_RETENTION_SHARED_DAYS"] == 1
    assert config["ZZCHECK_RETENTION_COMPLETED_DAYS"] == 730
    monkeypatch.setenv("ZZCHECK_RETENTION_SHARED_DAYS", "0")  # would purge every share at once
    with pytest.raises(ConfigError, match="ZZCHECK_RETENTION_SHARED_DAYS='0': must be at least 1"):
        from_environment("/tmp/instance")
