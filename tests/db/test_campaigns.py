"""Team campaigns in the database (SQLite and PostgreSQL): opening one stores only the link's
hash and pins the questionnaire versions; each browser starts once; closed campaigns take no
answers and count only what was completed in time; consultants see only their centre's
campaigns; deleting the owner's check deletes the campaign and every team answer; the link
table holds role and area and nothing personal."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
import teamhelp
from flask import Flask
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from teamhelp import PEOPLE, answer, answer_all, open_campaign, owner_check

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import delete_assessment, find_assessment
from zzcheck.storage.campaign_answers import (
    AlreadyAnswered,
    CampaignClosed,
    current_answer,
    join_campaign,
    pending_part,
    responses_of,
    start_next_part,
)
from zzcheck.storage.campaign_results import part_counts, respondents
from zzcheck.storage.campaigns import (
    centre_campaign,
    centre_campaigns,
    close_campaign,
    delete_owned_campaigns,
    find_campaign,
    open_centre_campaign,
    open_owner_campaign,
    owner_campaign,
)
from zzcheck.storage.clients import create_client
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.team_models import Campaign, CampaignResponse
from zzcheck.storage.workspace_errors import InvalidInput, NotShareable


@pytest.fixture
def questionnaire_folder() -> Path:
    return Path(teamhelp.TEAM)


def campaign_of(campaign_id: int) -> Campaign:
    campaign = db.session.get(Campaign, campaign_id)
    assert campaign is not None
    return campaign


def test_opening_stores_only_the_hash_and_pins_the_version(app: Flask) -> None:
    owner_id, _ = owner_check(app)
    campaign_id, token = open_campaign(app, owner_id)
    with app.app_context():
        campaign = campaign_of(campaign_id)
        assert campaign.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert find_campaign(db.session, token) is campaign
        assert find_campaign(db.session, token + "x") is None
        assert [v.questionnaire_id for v in campaign.versions] == ["teamcheck"]
        assert campaign.works_council == "yes"  # the owner's profile decides the questions
        assert campaign.min_group_size == 3
        dump = db.session.execute(text("SELECT * FROM campaign")).all()
        assert token not in repr(dump)


def test_only_a_completed_check_opens_a_campaign(app: Flask) -> None:
    with app.app_context():
        loaded = current_registry().get("teamcheck")
        assert loaded is not None
        from zzcheck.storage.assessments import start_assessment

        owner, _token = start_assessment(db.session, loaded, {})
        with pytest.raises(NotShareable):
            open_owner_campaign(db.session, owner, [loaded], utcnow() + timedelta(days=3))


@pytest.mark.parametrize(
    ("days", "k", "twice"),
    [(-1, 3, False), (93, 3, False), (10, 2, False), (10, 11, False), (10, 3, True)],
)
def test_opening_refuses_what_a_form_must_catch(app: Flask, days: int, k: int, twice: bool) -> None:
    owner_id, _ = owner_check(app)
    with app.app_context():
        owner = db.session.get(Assessment, owner_id)
        loaded = current_registry().get("teamcheck")
        assert owner is not None and loaded is not None
        chosen = [loaded, loaded] if twice else [loaded]
        with pytest.raises(InvalidInput):
            open_owner_campaign(
                db.session, owner, chosen, utcnow() + timedelta(days=days), min_group_size=k
            )
        with pytest.raises(InvalidInput):
            open_owner_campaign(db.session, owner, [], utcnow() + timedelta(days=3))


def test_each_browser_starts_once(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0])
    with app.app_context():
        campaign = campaign_of(campaign_id)
        first = join_campaign(db.session, campaign, "employee", "office", "browser-1")
        db.session.commit()
        with pytest.raises(AlreadyAnswered):
            join_campaign(db.session, campaign, "management", None, "browser-1")
        join_campaign(db.session, campaign, "management", None, "browser-2")
        with pytest.raises(InvalidInput):
            join_campaign(db.session, campaign, "boss", None, "browser-3")
        with pytest.raises(InvalidInput):
            join_campaign(db.session, campaign, "employee", "moon", "browser-4")
        db.session.commit()
        mine = responses_of(db.session, campaign, "browser-1")
        assert [r.assessment_id for r in mine] == [first.id]
        assert current_answer(mine) is not None and current_answer(mine).id == first.id  # type: ignore[union-attr]
        assert responses_of(db.session, campaign, None) == []


def test_the_database_keeps_one_start_per_browser(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0])
    answer(app, campaign_id, PEOPLE[0], browser="same")
    with app.app_context():
        hashed = db.session.scalar(select(CampaignResponse.browser_hash))
        assert hashed == hashlib.sha256(b"same").hexdigest()  # the id itself is not stored
        row = db.session.scalars(select(CampaignResponse)).one()
        db.session.add(
            CampaignResponse(
                assessment_id=owner_check_id(app),
                campaign_id=campaign_id,
                position=0,
                role="employee",
                browser_hash=hashed,
            )
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert row.role == "management"


def owner_check_id(app: Flask) -> int:
    with app.app_context():
        loaded = current_registry().get("teamcheck")
        assert loaded is not None
        from zzcheck.storage.assessments import start_assessment

        assessment, _token = start_assessment(db.session, loaded, {})
        db.session.commit()
        return assessment.id


def test_the_database_refuses_unknown_roles_and_small_groups(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0])
    with app.app_context():
        db.session.add(
            CampaignResponse(
                assessment_id=owner_check_id(app),
                campaign_id=campaign_id,
                position=0,
                role="chef",
                browser_hash="x" * 64,
            )
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.execute(text("UPDATE campaign SET min_group_size = 3"))
        with pytest.raises(IntegrityError):
            db.session.execute(text("UPDATE campaign SET min_group_size = 2"))
        db.session.rollback()


def test_closed_campaigns_take_no_answers(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0], days=2)
    with app.app_context():
        campaign = campaign_of(campaign_id)
        later = utcnow() + timedelta(days=3)
        with pytest.raises(CampaignClosed):
            join_campaign(db.session, campaign, "employee", None, "late", now=later)
        assert close_campaign(db.session, campaign)
        db.session.commit()
        with pytest.raises(CampaignClosed):
            join_campaign(db.session, campaign, "employee", None, "after-early-close")
        assert not close_campaign(db.session, campaign)  # closed already: nothing changes


def test_closing_early_deletes_unfinished_answers_and_keeps_the_rest(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0])
    done = answer_all(app, campaign_id, PEOPLE[:5])
    unfinished = answer(app, campaign_id, PEOPLE[5], completed=False)
    with app.app_context():
        assert close_campaign(db.session, campaign_of(campaign_id))
        db.session.commit()
        assert db.session.get(Assessment, unfinished) is None
        kept = db.session.scalars(select(CampaignResponse.assessment_id)).all()
        assert sorted(kept) == sorted(done)
        assert [
            (c.started, c.completed) for c in part_counts(db.session, campaign_of(campaign_id))
        ] == [(5, 5)]


def test_only_answers_completed_before_the_end_count(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0])
    ids = answer_all(app, campaign_id, PEOPLE[:6])
    answer(app, campaign_id, PEOPLE[6], completed=False)
    end = utcnow() + timedelta(minutes=1)
    teamhelp.set_closing(app, campaign_id, end)
    teamhelp.backdate_completion(app, ids[0], end + timedelta(seconds=1))
    with app.app_context():
        campaign = campaign_of(campaign_id)
        assert [(c.started, c.completed) for c in part_counts(db.session, campaign)] == [(7, 5)]
        found = respondents(db.session, campaign, 0)
        assert sorted(r.role for r in found) == [
            "employee",
            "employee",
            "employee",
            "management",
            "management",
        ]
        assert {tuple(sorted(r.scores)) for r in found} == {("info", "technik")}


def test_a_campaign_with_two_questionnaires(app: Flask) -> None:
    owner_id, _ = owner_check(app)
    with app.app_context():
        owner = db.session.get(Assessment, owner_id)
        registry = current_registry()
        loaded = [registry.get("teamcheck"), registry.get("zweiter")]
        assert owner is not None and None not in loaded
        campaign, _token = open_owner_campaign(
            db.session,
            owner,
            loaded,
            utcnow() + timedelta(days=5),  # type: ignore[arg-type]
        )
        first = join_campaign(db.session, campaign, "it", None, "b")
        db.session.commit()
        assert start_next_part(db.session, campaign, "b") is None  # part 1 is unfinished
        from zzcheck.storage.assessments import complete_assessment, save_page

        save_page(db.session, first, teamhelp.answers_of(PEOPLE[0]), [], 2)
        complete_assessment(db.session, first)
        assert pending_part(campaign, responses_of(db.session, campaign, "b")) == 1
        second = start_next_part(db.session, campaign, "b")
        db.session.commit()
        assert second is not None
        assert second.questionnaire_version.questionnaire_id == "zweiter"
        links = responses_of(db.session, campaign, "b")
        assert [(r.position, r.role) for r in links] == [(0, "it"), (1, "it")]
        assert start_next_part(db.session, campaign, "b") is None


def test_consultants_see_only_their_centres_campaigns(app: Flask) -> None:
    with app.app_context():
        ours = create_client(db.session, "sachsen", "Formenbau Ost").id
        theirs = create_client(db.session, "berlin", "Spree GmbH").id
        db.session.commit()
        loaded = [current_registry().get("teamcheck")]
        closes = utcnow() + timedelta(days=5)
        assert open_centre_campaign(db.session, "sachsen", theirs, loaded, closes) is None  # type: ignore[arg-type]
        created = open_centre_campaign(
            db.session, "sachsen", ours, loaded, closes, works_council="no"
        )  # type: ignore[arg-type]
        assert created is not None
        with pytest.raises(InvalidInput):
            open_centre_campaign(db.session, "sachsen", ours, loaded, closes, works_council="ja")  # type: ignore[arg-type]
        db.session.commit()
        campaign = created[0]
        assert [c.campaign.id for c in centre_campaigns(db.session, "sachsen")] == [campaign.id]
        assert centre_campaigns(db.session, "berlin") == []
        assert centre_campaign(db.session, "berlin", campaign.id) is None
        found = centre_campaign(db.session, "sachsen", campaign.id)
        assert found is not None and found.client.display_name == "Formenbau Ost"


def test_an_owner_finds_only_their_own_campaigns(app: Flask) -> None:
    first, _ = owner_check(app)
    second, _ = owner_check(app)
    campaign_id, _ = open_campaign(app, first)
    with app.app_context():
        mine = db.session.get(Assessment, first)
        other = db.session.get(Assessment, second)
        assert mine is not None and other is not None
        assert owner_campaign(db.session, mine, campaign_id) is not None
        assert owner_campaign(db.session, other, campaign_id) is None


def test_deleting_the_owners_check_deletes_campaign_and_team_answers(app: Flask) -> None:
    owner_id, token = owner_check(app)
    campaign_id, _ = open_campaign(app, owner_id)
    team = answer_all(app, campaign_id, PEOPLE[:4])
    with app.app_context():
        owner = find_assessment(db.session, token)
        assert owner is not None
        assert delete_owned_campaigns(db.session, owner) == 1
        delete_assessment(db.session, owner)
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0
        assert db.session.scalar(select(func.count()).select_from(CampaignResponse)) == 0
        left = db.session.scalars(select(Assessment.id).where(Assessment.id.in_(team))).all()
        assert left == []


def test_a_purged_owner_check_leaves_team_answers_marked(app: Flask) -> None:
    """The retention purge deletes an old owner check in SQL: the campaign goes with it
    (ON DELETE CASCADE), the team answers stay marked as team answers until purged too."""
    owner_id, _ = owner_check(app)
    campaign_id, _ = open_campaign(app, owner_id)
    team = answer_all(app, campaign_id, PEOPLE[:3])
    with app.app_context():
        db.session.execute(text("DELETE FROM assessment WHERE id = :id"), {"id": owner_id})
        db.session.commit()
        assert db.session.get(Campaign, campaign_id) is None
        rows = db.session.execute(
            select(CampaignResponse.assessment_id, CampaignResponse.campaign_id)
        ).all()
        assert sorted(rows) == sorted((assessment_id, None) for assessment_id in team)


def test_a_team_answer_stores_role_and_area_and_nothing_personal(app: Flask) -> None:
    campaign_id, _ = open_campaign(app, owner_check(app)[0])
    assessment_id = answer(app, campaign_id, PEOPLE[3])
    with app.app_context():
        columns = {c["name"] for c in inspect(db.engine).get_columns("campaign_response")}
        assert columns == {
            "assessment_id",
            "campaign_id",
            "position",
            "role",
            "area",
            "browser_hash",
        }
        team = db.session.get(Assessment, assessment_id)
        assert team is not None
        assert team.profile == {"works_council": "yes"}  # no industry, size, state or role
        link = db.session.get(CampaignResponse, assessment_id)
        assert link is not None and (link.role, link.area) == ("employee", "office")


def test_team_answers_are_told_apart_from_company_checks(app: Flask) -> None:
    from zzcheck.storage.team_models import is_team_answer

    owner_id, _ = owner_check(app)
    campaign_id, _ = open_campaign(app, owner_id)
    team = answer_all(app, campaign_id, PEOPLE[:2])
    with app.app_context():
        companies = db.session.scalars(select(Assessment.id).where(~is_team_answer())).all()
        answers = db.session.scalars(select(Assessment.id).where(is_team_answer())).all()
    assert companies == [owner_id]
    assert sorted(answers) == sorted(team)
