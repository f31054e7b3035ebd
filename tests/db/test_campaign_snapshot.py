"""The results of a closed campaign, stored once (SQLite and PostgreSQL): closing early
stores them in its own transaction; the first read after the closing date stores them; a
later read never computes again (answers that arrive or change afterwards count for
nothing); of two parallel first reads one row wins; deleting the campaign deletes them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import teamhelp
from flask import Flask
from sqlalchemy import delete, func, select
from teamhelp import PEOPLE, answer_all, open_campaign, owner_check

from zzcheck.extensions import db
from zzcheck.storage.campaign_results import final_results, take_snapshot
from zzcheck.storage.campaigns import close_campaign, delete_campaign
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.team_models import Campaign, CampaignSnapshot


@pytest.fixture
def questionnaire_folder() -> Path:
    return Path(teamhelp.TEAM)


def campaign_of(campaign_id: int) -> Campaign:
    campaign = db.session.get(Campaign, campaign_id)
    assert campaign is not None
    return campaign


def snapshots() -> int:
    return int(db.session.scalar(select(func.count()).select_from(CampaignSnapshot)) or 0)


def test_an_open_campaign_has_no_results(app: Flask) -> None:
    campaign_id, _token = open_campaign(app, owner_check(app)[0])
    answer_all(app, campaign_id)
    with app.app_context():
        assert final_results(db.session, campaign_of(campaign_id)) is None
        assert snapshots() == 0


def test_closing_stores_the_results_in_its_transaction(app: Flask) -> None:
    campaign_id, _token = open_campaign(app, owner_check(app)[0])
    answer_all(app, campaign_id)
    with app.app_context():
        assert close_campaign(db.session, campaign_of(campaign_id))
        assert snapshots() == 1
        db.session.rollback()  # the request failed: neither closed nor stored
        assert campaign_of(campaign_id).closed_at is None and snapshots() == 0
        assert close_campaign(db.session, campaign_of(campaign_id))
        db.session.commit()
        stored = db.session.get(CampaignSnapshot, campaign_id)
        assert stored is not None
        (part,) = stored.data["parts"]
        assert (part["started"], part["completed"]) == (12, 12)
        assert part["results"]["groups"] == [["management", 3], ["employee", 6]]


def test_the_first_read_after_the_closing_date_stores_them_for_good(app: Flask) -> None:
    campaign_id, _token = open_campaign(app, owner_check(app)[0])
    answered = answer_all(app, campaign_id)
    for assessment_id in answered:
        teamhelp.backdate_completion(app, assessment_id, utcnow() - timedelta(minutes=1))
    teamhelp.set_closing(app, campaign_id, utcnow() - timedelta(seconds=1))
    with app.app_context():
        first = final_results(db.session, campaign_of(campaign_id))
        db.session.commit()
        assert first is not None and first[0].results.total == 12
        db.session.execute(delete(Assessment).where(Assessment.id.in_(answered[:6])))
        db.session.commit()
        again = final_results(db.session, campaign_of(campaign_id))
        assert again == first  # computed once: deleting answers later changes nothing
        assert snapshots() == 1


def test_a_parallel_first_read_keeps_the_row_already_stored(app: Flask) -> None:
    campaign_id, _token = open_campaign(app, owner_check(app)[0])
    answer_all(app, campaign_id, PEOPLE[:5])
    teamhelp.close(app, campaign_id)
    with app.app_context():
        stored = db.session.get(CampaignSnapshot, campaign_id)
        assert stored is not None
        data = stored.data
        db.session.expunge_all()
        again = take_snapshot(db.session, campaign_of(campaign_id))  # loses the race
        db.session.commit()
        assert again.data == data and snapshots() == 1


def test_deleting_the_campaign_deletes_its_results(app: Flask) -> None:
    campaign_id, _token = open_campaign(app, owner_check(app)[0])
    answer_all(app, campaign_id, PEOPLE[:5])
    teamhelp.close(app, campaign_id)
    with app.app_context():
        delete_campaign(db.session, campaign_of(campaign_id))
        db.session.commit()
        assert snapshots() == 0
