"""No IP address is stored: after a whole journey from one client address – answering,
sharing with a centre, a failed staff login – no column of any table holds the address, in
clear or as an unkeyed hash. Login rate limiting keeps only keyed hashes (HMAC with the
secret key), which cannot be reversed by hashing all 2³² IPv4 addresses."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any

from authhelp import post_login
from flask import Flask
from journeyhelp import PAGE1, PAGE2, PAGE3, WERKSTATT, Respondent
from sqlalchemy import select
from webpage import form_of

from zzcheck.extensions import db
from zzcheck.storage.login_limits import LoginAttempt

QUESTIONNAIRES = WERKSTATT
ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"  # a spoofed header, not trusted without ZZCHECK_PROXY_FIX
ENVIRON = {"REMOTE_ADDR": ADDRESS, "HTTP_X_FORWARDED_FOR": FORWARDED, "HTTP_X_REAL_IP": FORWARDED}


def traces(address: str) -> set[str]:
    """The address and its unkeyed hashes, as they might be stored."""
    plain = [address, f"address:{address}"]
    digests = {hashlib.sha256(p.encode()).hexdigest() for p in plain}
    return {address, *digests, *(hashlib.md5(p.encode()).hexdigest() for p in plain)}


def every_value(app: Flask) -> list[tuple[str, str, str]]:
    """(table, column, value as text) of every cell of every table."""
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).mappings():
                found += [(table.name, column, str(value)) for column, value in row.items()]
    return found


def test_no_table_holds_the_client_address(app: Flask, create_user: Callable[..., Any]) -> None:
    browser = app.test_client()
    browser.environ_base.update(ENVIRON)
    walker = Respondent(browser)
    token = walker.start("werkstatt")
    for number, page in ((1, PAGE1), (2, PAGE2)):
        assert walker.submit(token, number, page).status_code == 303
    assert walker.submit(token, 3, PAGE3, action="finish").status_code == 303
    form = form_of(walker.get(f"/a/{token}/teilen"), "share-form")
    shared = form.submit({"centre": "sachsen", "company_name": "Alpha", "consent": "y"})
    assert walker.post(f"/a/{token}/teilen", shared).status_code == 303
    user = create_user("consultant")
    assert post_login(browser, user.email, "falsches-passwort-123").status_code == 400

    values = every_value(app)
    tables = {table for table, _column, _value in values}
    assert {"assessment", "answer", "share", "login_attempt"} <= tables  # all were written
    forbidden = traces(ADDRESS) | traces(FORWARDED)
    leaks = [(t, c) for t, c, v in values if any(trace in v for trace in forbidden)]
    assert leaks == []

    with app.app_context():
        stored = set(db.session.scalars(select(LoginAttempt.key_hash)))
    secret = str(app.config["SECRET_KEY"]).encode()
    keyed = hmac.new(secret, f"address:{ADDRESS}".encode(), hashlib.sha256).hexdigest()
    assert keyed in stored  # the limit counts the address – only as a keyed hash
