"""Guessed links (issue 8, point 3): a resume, invitation or team-campaign link with an
unknown token gets the 404 page; after 30 of them in 10 minutes the client's address gets
429 with ``Retry-After`` – for every kind of link, in one count – while the links that exist
keep working from that address, and other addresses are not affected. The count is kept as
a keyed hash: no table holds the address."""

from __future__ import annotations

import hashlib
import secrets
from itertools import cycle

import pytest
from authhelp import make_user
from centrehelp import LOW, SACHSEN, WERKSTATT, completed, new_client
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from zzcheck.extensions import db
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.rate_limits import Attempt

QUESTIONNAIRES = WERKSTATT
GUESSER, NEIGHBOUR = "203.0.113.9", "198.51.100.44"
LIMIT = 30


def unknown_links() -> list[str]:
    """One unknown link of every kind of the respondent's and the invitation's pages."""
    token = secrets.token_urlsafe(32)
    return [
        f"/a/{token}",
        f"/a/{token}/1",
        f"/a/{token}/ergebnis",
        f"/a/{token}/bericht.pdf",
        f"/a/{token}/teilen",
        f"/einladung/{token}",
        f"/einladung/{token}/werkstatt",
    ]


@pytest.fixture
def known(app: Flask) -> dict[str, str]:
    """A completed check's resume token and an invitation token of centre A."""
    author = make_user(app, 1, "consultant", centre=SACHSEN)
    client_id = new_client(app, SACHSEN, "Alpha-Kunde")
    _id, resume = completed(app, LOW)
    with app.app_context():
        invitation = create_invitation(db.session, SACHSEN, client_id, author.id)
        assert invitation is not None
        db.session.commit()
    return {"resume": resume, "invitation": invitation[1]}


def browser(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_guessed_links_get_404_then_429_while_real_links_keep_working(
    app: Flask, known: dict[str, str]
) -> None:
    guesser = browser(app, GUESSER)
    links = cycle(unknown_links())
    statuses = [guesser.get(next(links)).status_code for _ in range(LIMIT)]
    assert statuses == [404] * LIMIT
    limited = guesser.get(next(links))
    assert limited.status_code == 429
    assert 9 * 60 < int(limited.headers["Retry-After"]) <= 10 * 60
    assert "zu viele unbekannte Links" in limited.text
    assert "in 10 Minuten erneut" in limited.text
    assert "default-src 'self'" in limited.headers["Content-Security-Policy"]
    assert guesser.get(f"/einladung/{secrets.token_urlsafe(32)}").status_code == 429
    assert guesser.get(f"/a/{known['resume']}/ergebnis").status_code == 200
    assert guesser.get(f"/einladung/{known['invitation']}").status_code == 200
    assert browser(app, NEIGHBOUR).get(next(links)).status_code == 404


def test_guessed_team_links_count_too(app: Flask) -> None:
    """Team-campaign links (``/team/<token>``, the team feature) share the count."""
    if "team.entry" not in app.view_functions:
        pytest.skip("no team campaigns in this app")
    guesser = browser(app, GUESSER)
    team = [f"/team/{secrets.token_urlsafe(32)}", f"/team/{secrets.token_urlsafe(32)}/1"]
    for n in range(LIMIT):
        assert guesser.get(team[n % 2]).status_code == 404
    assert guesser.get(team[0]).status_code == 429
    assert guesser.get(f"/a/{secrets.token_urlsafe(32)}").status_code == 429


def test_a_form_sent_to_a_guessed_link_counts_too(app: Flask) -> None:
    """Without a CSRF token as well: a page that answered 400 for a real link and 404 for a
    guess would let guesses past the limit."""
    guesser = browser(app, GUESSER)
    token = secrets.token_urlsafe(32)
    posts = [f"/a/{token}/1", f"/a/{token}/teilen", f"/einladung/{token}/werkstatt"]
    for n in range(LIMIT):
        assert guesser.post(posts[n % len(posts)], data={"x": "1"}).status_code == 404
    assert guesser.post(posts[0], data={"x": "1"}).status_code == 429


def test_the_count_stores_no_address(app: Flask) -> None:
    guesser = browser(app, GUESSER)
    guesser.environ_base["HTTP_X_FORWARDED_FOR"] = NEIGHBOUR  # not trusted without ProxyFix
    assert guesser.get(f"/a/{secrets.token_urlsafe(32)}").status_code == 404
    with app.app_context():
        stored = db.session.scalars(select(Attempt.key_hash)).all()
    assert len(stored) == 1 and len(stored[0]) == 64
    for address in (GUESSER, NEIGHBOUR):
        plain = [address, f"link:{address}"]
        digests = {hashlib.sha256(p.encode()).hexdigest() for p in plain}
        assert not any(address in key or key in digests for key in stored)


def test_the_limit_is_configurable(app: Flask) -> None:
    app.config["ZZCHECK_LINK_GUESSES"] = 2
    guesser = browser(app, GUESSER)
    statuses = [guesser.get(f"/a/{secrets.token_urlsafe(32)}").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
