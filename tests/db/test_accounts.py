"""Accounts: creation rules, argon2id hashing, authentication, the database-backed login rate
limits, deactivation and the ``create-user`` / ``deactivate-user`` commands.

Runs on SQLite and, with ZZCHECK_TEST_POSTGRES_URL set, on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage import accounts, passwords
from zzcheck.storage.accounts import AccountError, User, authenticate, create_user, find_user
from zzcheck.storage.login_limits import LoginAttempt, LoginLimits, LoginThrottled
from zzcheck.storage.models import utcnow

PASSWORD = "korrekt-pferd-batterie"
LIMITS = LoginLimits(secret=b"test")


def new_user(
    email: str = "Berater@Example.org",
    role: str = "consultant",
    centre: str | None = "sachsen",
    password: str = PASSWORD,
) -> User:
    user = create_user(
        db.session, email, role, centre, password, centres=current_registry().centres
    )
    db.session.commit()
    return user


def attempts() -> int:
    return int(db.session.scalar(select(func.count()).select_from(LoginAttempt)) or 0)


def login(
    email: str, password: str = PASSWORD, client: str = "10.0.0.1", now: datetime | None = None
) -> User | None:
    user = authenticate(db.session, email, password, client, limits=LIMITS, now=now)
    db.session.commit()
    return user


def test_a_new_user_is_stored_lower_case_with_an_argon2id_hash(ctx: Flask) -> None:
    user = new_user("  Berater@Example.ORG ")
    stored = db.session.scalars(select(User)).one()
    assert stored is user and stored.email == "berater@example.org"
    assert (stored.role, stored.centre_id, stored.active, stored.session_epoch) == (
        "consultant",
        "sachsen",
        True,
        0,
    )
    assert stored.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert PASSWORD not in stored.password_hash and stored.last_login_at is None
    assert stored.created_at.tzinfo is not None
    staff = new_user("team@example.org", "programme", None)
    assert staff.centre_id is None and not staff.is_consultant


def test_the_hash_meets_owasp_and_is_not_werkzeugs_scrypt() -> None:
    params = passwords._hasher  # what new hashes are made with
    assert params.type.name == "ID"
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism >= 1
    hashed = passwords.hash_password(PASSWORD)
    assert not hashed.startswith(("scrypt:", "pbkdf2:"))
    assert passwords.verify_password(hashed, PASSWORD)
    assert not passwords.verify_password(hashed, PASSWORD + "x")
    assert not passwords.verify_password("scrypt:32768:8:1$abc$def", PASSWORD)
    assert passwords.hash_password(PASSWORD) != hashed  # salted


@pytest.mark.parametrize(
    ("email", "role", "centre", "password", "message"),
    [
        ("kein-at-zeichen", "consultant", "sachsen", PASSWORD, "not a valid e-mail address"),
        ("a@b", "consultant", "sachsen", PASSWORD, "not a valid e-mail address"),
        ("a b@example.org", "consultant", "sachsen", PASSWORD, "not a valid e-mail address"),
        ("x@example.org", "consultant", "atlantis", PASSWORD, "Unknown centre 'atlantis'"),
        ("x@example.org", "consultant", None, PASSWORD, "A consultant needs a centre"),
        ("x@example.org", "programme", "sachsen", PASSWORD, "Only consultants belong to a centre"),
        ("x@example.org", "root", None, PASSWORD, "Unknown role 'root'"),
        ("x@example.org", "admin", None, "elf-zeichen", "at least 12 characters"),
        ("x@example.org", "admin", None, "x" * 1025, "at most 1024 characters"),
    ],
)
def test_create_user_refuses_bad_input_with_a_clear_message(
    ctx: Flask, email: str, role: str, centre: str | None, password: str, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        new_user(email, role, centre, password)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_duplicate_email_is_refused_whatever_its_case(ctx: Flask) -> None:
    new_user("berater@example.org")
    with pytest.raises(AccountError, match=r"berater@example\.org already exists"):
        new_user(" BERATER@example.org", "admin", None)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize(
    ("email", "role", "centre"),
    [
        ("a@example.org", "consultant", None),
        ("a@example.org", "admin", "sachsen"),
        ("A@example.org", "admin", None),
        ("a@example.org", "boss", None),
    ],
)
def test_the_database_itself_enforces_role_centre_and_lower_case(
    ctx: Flask, email: str, role: str, centre: str | None
) -> None:
    db.session.add(User(email=email, role=role, centre_id=centre, password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_authenticate_accepts_the_right_password_only(ctx: Flask) -> None:
    user = new_user()
    assert login("BERATER@example.org ") is user
    assert user.last_login_at is not None
    assert abs((utcnow() - user.last_login_at).total_seconds()) < 60
    assert login("berater@example.org", PASSWORD + "!") is None
    assert login("niemand@example.org") is None
    assert login("berater@example.org", "") is None
    assert login("x" * 300 + "@example.org") is None
    assert login("berater@example.org", "x" * 5000) is None


def test_an_unknown_account_costs_one_verification_as_a_known_one(
    ctx: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_user()
    verified: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            verified.append(str(password))
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "_hasher", Spy(time_cost=2, memory_cost=19 * 1024))
    for email in ("berater@example.org", "niemand@example.org"):
        assert login(email, "falsches-passwort") is None
    assert verified == ["falsches-passwort", "falsches-passwort"]


def test_a_deactivated_user_cannot_log_in_and_loses_its_sessions(ctx: Flask) -> None:
    user = new_user()
    assert accounts.deactivate_user(db.session, " Berater@example.org") is user
    db.session.commit()
    assert (user.active, user.session_epoch) == (False, 1)
    assert login("berater@example.org") is None
    with pytest.raises(AccountError, match=r"no account with the e-mail address x@example\.org"):
        accounts.deactivate_user(db.session, "x@example.org")


def test_a_new_password_ends_the_other_sessions(ctx: Flask) -> None:
    user = new_user()
    accounts.set_password(db.session, user, "ein-ganz-neues-passwort")
    db.session.commit()
    assert user.session_epoch == 1
    assert login("berater@example.org") is None
    assert login("berater@example.org", "ein-ganz-neues-passwort") is user
    with pytest.raises(AccountError, match="at least 12"):
        accounts.set_password(db.session, user, "kurz")


def test_a_hash_with_old_parameters_is_replaced_at_login(ctx: Flask) -> None:
    user = new_user()
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    user.password_hash = weak
    db.session.commit()
    assert passwords.needs_rehash(weak)
    assert login("berater@example.org") is user
    assert user.password_hash != weak
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_failures_at_one_address_bring_growing_delays_for_that_account(ctx: Flask) -> None:
    new_user()
    now = utcnow()
    for _ in range(3):  # three free failures
        assert login("berater@example.org", "falsch-falsch", now=now) is None
    waits = []
    for _ in range(8):  # then 2, 4, 8 … seconds after the last failure
        with pytest.raises(LoginThrottled) as throttled:
            login("berater@example.org", "falsch-falsch", now=now)
        waits.append(throttled.value.retry_after)
        now += timedelta(seconds=throttled.value.retry_after)
        assert login("berater@example.org", "falsch-falsch", now=now) is None
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256]
    with pytest.raises(LoginThrottled) as throttled:
        login("berater@example.org", now=now)  # right password, still has to wait
    assert throttled.value.retry_after == 512
    assert attempts() == 22  # refused attempts are not stored: the wait never grows by them
    assert login("berater@example.org", now=now + timedelta(seconds=512)) is not None


def test_a_stranger_cannot_lock_the_user_out(ctx: Flask) -> None:
    """A hundred wrong passwords from another address (some of them refused: that address
    waits) leave the user's own address untouched."""
    new_user()
    now = utcnow()
    for second in range(100):
        try:
            login("berater@example.org", "falsch-falsch", client="203.0.113.9", now=now)
        except LoginThrottled as throttled:
            assert throttled.retry_after > 0
        now += timedelta(seconds=second)
    assert login("berater@example.org", client="10.0.0.1", now=now) is not None


def test_an_unknown_account_is_limited_like_a_known_one(ctx: Flask) -> None:
    now = utcnow()
    for _ in range(3):
        assert login("niemand@example.org", now=now) is None
    with pytest.raises(LoginThrottled):
        login("Niemand@example.org", now=now)


def test_twenty_failures_lock_the_client_address_for_every_account(ctx: Flask) -> None:
    new_user()
    now = utcnow()
    for n in range(20):
        assert login(f"raten{n}@example.org", now=now) is None
    with pytest.raises(LoginThrottled) as throttled:
        login("berater@example.org", now=now + timedelta(seconds=30))
    assert throttled.value.retry_after == 15 * 60 - 30
    assert login("berater@example.org", client="10.0.0.9", now=now) is not None


def test_success_clears_the_account_count_and_old_rows_are_removed(ctx: Flask) -> None:
    new_user()
    now = utcnow()
    for _ in range(3):
        login("berater@example.org", "falsch-falsch", now=now)
    assert login("berater@example.org", now=now + timedelta(seconds=2)) is not None
    for _ in range(3):  # a fresh start: three more failures bring no wait
        login("berater@example.org", "falsch-falsch", now=now + timedelta(seconds=2))
    assert login("berater@example.org", now=now + timedelta(seconds=4)) is not None
    assert attempts() == 6  # the address keeps its count
    login("jemand@example.org", now=now + timedelta(minutes=16))
    assert attempts() == 2  # the rows that left the window are gone


def test_stored_keys_reveal_neither_address_nor_email(ctx: Flask) -> None:
    login("geheim@example.org", client="192.0.2.55")
    keys = db.session.scalars(select(LoginAttempt.key_hash)).all()
    assert len(keys) == 2 and all(len(key) == 64 for key in keys)
    assert not any("192.0.2" in key or "geheim" in key for key in keys)
    assert LoginLimits(secret=b"a").digest("x") != LoginLimits(secret=b"b").digest("x")


def _users() -> list[tuple[str, str, str | None, bool]]:
    rows = db.session.scalars(select(User).order_by(User.id))
    return [(u.email, u.role, u.centre_id, u.active) for u in rows]


def test_create_user_command_with_password(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=[
            "zzcheck",
            "create-user",
            "--email",
            "Eva@Example.org",
            "--role",
            "consultant",
            "--centre",
            "berlin",
            "--password",
            PASSWORD,
        ]
    )
    assert result.exit_code == 0, result.output
    assert result.output == "Created consultant eva@example.org of centre berlin.\n"
    with app.app_context():
        assert _users() == [("eva@example.org", "consultant", "berlin", True)]
        assert login("eva@example.org") is not None


def test_create_user_command_prompts_twice_when_no_password_is_given(
    app: Flask, runner: FlaskCliRunner
) -> None:
    args = ["zzcheck", "create-user", "--email", "team@example.org", "--role", "programme"]
    typed = f"{PASSWORD}\nanders-als-vorher\n{PASSWORD}\n{PASSWORD}\n"  # a typo, then right
    result = runner.invoke(args=args, input=typed)
    assert result.exit_code == 0, result.output
    assert "Error: The two entered values do not match." in result.output
    assert PASSWORD not in result.output  # hidden input
    assert result.output.endswith("Created programme team@example.org.\n")
    with app.app_context():
        assert _users() == [("team@example.org", "programme", None, True)]
        assert login("team@example.org") is not None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--role", "consultant", "--centre", "atlantis"], "error: Unknown centre 'atlantis'"),
        (["--role", "consultant"], "error: A consultant needs a centre (--centre ID)."),
        (["--role", "admin", "--centre", "berlin"], "error: Only consultants belong to a centre"),
        (["--role", "admin", "--password", "kurz"], "error: The password must have at least 12"),
    ],
)
def test_create_user_command_refuses_bad_input(
    app: Flask, runner: FlaskCliRunner, extra: list[str], message: str
) -> None:
    args = ["zzcheck", "create-user", "--email", "x@example.org", *extra]
    if "--password" not in extra:
        args += ["--password", PASSWORD]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert message in result.output
    with app.app_context():
        assert _users() == []


def test_create_user_command_refuses_a_duplicate_and_an_unknown_role(
    app: Flask, runner: FlaskCliRunner
) -> None:
    base = ["zzcheck", "create-user", "--password", PASSWORD, "--role", "admin"]
    assert runner.invoke(args=[*base, "--email", "a@example.org"]).exit_code == 0
    again = runner.invoke(args=[*base, "--email", "A@EXAMPLE.org"])
    assert again.exit_code == 1
    assert "error: An account with the e-mail address a@example.org already exists." in again.output
    role = runner.invoke(
        args=[
            "zzcheck",
            "create-user",
            "--email",
            "b@example.org",
            "--role",
            "root",
            "--password",
            PASSWORD,
        ]
    )
    assert role.exit_code == 2 and "'root' is not one of" in role.output
    with app.app_context():
        assert _users() == [("a@example.org", "admin", None, True)]


def test_deactivate_user_command(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        new_user("eva@example.org")
    result = runner.invoke(args=["zzcheck", "deactivate-user", "--email", "EVA@example.org"])
    assert (result.exit_code, result.output) == (0, "Deactivated eva@example.org.\n")
    unknown = runner.invoke(args=["zzcheck", "deactivate-user", "--email", "x@example.org"])
    assert unknown.exit_code == 1 and "no account with the e-mail address" in unknown.output
    with app.app_context():
        assert _users() == [("eva@example.org", "consultant", "sachsen", False)]
        assert find_user(db.session, "eva@example.org") is not None
