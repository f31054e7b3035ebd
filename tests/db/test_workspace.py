"""The consultant workspace in the database: ``centre_scope`` puts the centre into the SQL
of every workspace query (and refuses queries it cannot scope), the database itself keeps
shares and invitations with their own centre's clients, deleting a check deletes its shares,
and the migration keeps existing answers."""

from __future__ import annotations

import inspect as pyinspect
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from alembic import command
from flask import Flask
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from werkstatt import StartFactory

from zzcheck.extensions import db
from zzcheck.storage import clients, comparison, invitations, plans, schema
from zzcheck.storage.assessments import complete_assessment, delete_assessment
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.models import Answer, Assessment, utcnow
from zzcheck.storage.scope import ScopeError, centre_scope
from zzcheck.storage.sharing import active_share, share_assessment, withdraw_share
from zzcheck.storage.workspace import Client, Invitation, Note, Share
from zzcheck.storage.workspace_errors import (
    AlreadyShared,
    ConsentOutdated,
    InvitationExpired,
    NotShareable,
    UnknownCentre,
)

CENTRES = {"sachsen", "berlin"}


def sql(query: Any) -> str:
    return str(query.compile(compile_kwargs={"literal_binds": True}))


def test_centre_scope_puts_the_centre_into_the_sql() -> None:
    shares = sql(centre_scope(select(Share), "sachsen"))
    assert "share.centre_id = 'sachsen'" in shares and "share.withdrawn_at IS NULL" in shares
    notes = sql(centre_scope(select(Note).join(Client, Note.client_id == Client.id), "berlin"))
    assert "client.centre_id = 'berlin'" in notes
    both = sql(centre_scope(select(Share).join(Client, Share.client_id == Client.id), "sachsen"))
    assert "share.centre_id = 'sachsen'" in both and "client.centre_id = 'sachsen'" in both


@pytest.mark.parametrize(
    "query",
    [select(Note), select(Assessment), select(Answer.value), select(func.count(Note.id))],
    ids=["notes", "assessments", "answers", "count"],
)
def test_centre_scope_refuses_what_it_cannot_scope(query: Any) -> None:
    with pytest.raises(ScopeError):
        centre_scope(query, "sachsen")


def test_centre_scope_remembers_tables_per_shape_never_per_value() -> None:
    """The tables are remembered per statement shape: the same shape with other values gets
    its own centre, and a shape that reads no centre table is refused even right after a
    joined one of the same entity was scoped."""
    joined = select(Note).join(Client, Note.client_id == Client.id)
    for centre in ("sachsen", "berlin", "sachsen"):
        assert f"client.centre_id = '{centre}'" in sql(
            centre_scope(joined.where(Note.id == 7), centre)
        )
    with pytest.raises(ScopeError):
        centre_scope(select(Note).where(Note.id == 7), "sachsen")
    shares = sql(centre_scope(select(Share).where(Share.id == 1), "berlin"))
    assert "share.centre_id = 'berlin'" in shares and "client.centre_id" not in shares


def test_centre_scope_needs_a_centre() -> None:
    with pytest.raises(ScopeError):
        centre_scope(select(Client), "")


@pytest.mark.parametrize("module", [clients, plans, comparison], ids=lambda m: m.__name__)
def test_every_workspace_query_takes_the_centre(module: Any) -> None:
    public = [
        function
        for name, function in vars(module).items()
        if pyinspect.isfunction(function)
        and not name.startswith("_")
        and function.__module__ == module.__name__
    ]
    assert public
    without = [f.__name__ for f in public if "centre_id" not in pyinspect.signature(f).parameters]
    assert without == []


def test_invitation_listing_and_creation_take_the_centre() -> None:
    for function in (invitations.create_invitation, invitations.centre_invitations):
        assert "centre_id" in pyinspect.signature(function).parameters


def completed(start: StartFactory) -> Assessment:
    assessment, _token = start()
    db.session.add(Answer(assessment_id=assessment.id, question_id="ki_genutzt", value="yes"))
    db.session.flush()
    complete_assessment(db.session, assessment)
    db.session.commit()
    return assessment


def share(assessment: Assessment, centre: str = "sachsen", **kwargs: Any) -> Share:
    return share_assessment(
        db.session, assessment, centre, CONSENT.version, "de", centres=CENTRES, **kwargs
    )


def test_the_database_keeps_shares_with_their_own_centres_clients(
    ctx: Flask, start: StartFactory
) -> None:
    berlin = clients.create_client(db.session, "berlin", "Berliner Kunde")
    found = share(completed(start))
    db.session.commit()
    found.client_id = berlin.id  # a share of Sachsen filed under Berlin's client
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert clients.assign_share(db.session, "sachsen", found.id, berlin.id) is None


def test_sharing_refuses_what_it_must(ctx: Flask, start: StartFactory) -> None:
    open_one, _token = start()
    with pytest.raises(NotShareable):
        share(open_one)
    done = completed(start)
    with pytest.raises(UnknownCentre):
        share(done, "atlantis")
    with pytest.raises(ConsentOutdated):
        share_assessment(db.session, done, "sachsen", "1999-1", "de", centres=CENTRES)
    first = share(done)
    assert share(done) is first  # the same centre again: nothing new
    with pytest.raises(AlreadyShared):
        share(done, "berlin")
    assert db.session.scalar(select(func.count(Share.id))) == 1


def test_a_withdrawn_share_can_be_given_again_and_the_database_allows_one_active(
    ctx: Flask, start: StartFactory
) -> None:
    done = completed(start)
    first = share(done, company_name="Erst GmbH")
    withdraw_share(db.session, done)
    second = share(done, "berlin")
    db.session.commit()
    assert active_share(db.session, done) is second
    assert first.withdrawn_at is not None and first.company_name is None
    with pytest.raises(IntegrityError):  # two active shares of one check: never
        db.session.execute(text(f"UPDATE share SET withdrawn_at = NULL WHERE id = {first.id}"))
    db.session.rollback()


def test_deleting_a_check_deletes_its_shares(ctx: Flask, start: StartFactory) -> None:
    done = completed(start)
    share(done)
    db.session.commit()
    delete_assessment(db.session, done)
    db.session.commit()
    assert db.session.scalar(select(func.count(Share.id))) == 0


def test_an_expired_invitation_starts_nothing(
    ctx: Flask, start: StartFactory, create_user: Callable[..., Any]
) -> None:
    from zzcheck.registry import current_registry

    author = create_user("consultant", centre="sachsen")
    client = clients.create_client(db.session, "sachsen", "Kunde")
    made = invitations.create_invitation(db.session, "sachsen", client.id, author.id, days=1)
    assert made is not None
    invitation, token = made
    db.session.commit()
    assert invitations.find_invitation(db.session, token) is invitation
    loaded = current_registry().get("werkstatt")
    assert loaded is not None
    later = utcnow() + timedelta(days=2)
    with pytest.raises(InvitationExpired):
        invitations.start_from_invitation(db.session, invitation, loaded, {}, now=later)
    assert db.session.scalar(select(func.count(Assessment.id))) == 0
    assert invitations.create_invitation(db.session, "berlin", client.id, author.id) is None
    assert db.session.scalar(select(func.count(Invitation.id))) == 1


def test_the_migration_keeps_the_answers_of_existing_checks(app: Flask) -> None:
    """0002 → 0003 on a database with data, and back: no table of the journey is rebuilt."""
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        command.upgrade(schema.alembic_config(), "0002")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO questionnaire_version (id, questionnaire_id, version,"
                    " content_hash, source, created_at)"
                    " VALUES (1, 'q', '1', 'h', 's', '2026-01-01')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO assessment (id, token_hash, questionnaire_version_id, status,"
                    " started_at, updated_at, current_section) VALUES"
                    " (1, 't', 1, 'in_progress', '2026-01-01', '2026-01-01', 0)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO answer (assessment_id, question_id, value, answered_at)"
                    " VALUES (1, 'x', '1', '2026-01-01')"
                )
            )
        command.upgrade(schema.alembic_config(), "head")
        command.downgrade(schema.alembic_config(), "0002")
        command.upgrade(schema.alembic_config(), "head")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM answer")).scalar() == 1
            assert "share" in inspect(connection).get_table_names()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
