"""Bodies over the 1 MB limit (``MAX_CONTENT_LENGTH``) get 413 on every form, with a valid
session and CSRF token, as a form or as multipart, and nothing is stored; a multipart field over
Flask's 500 kB form-memory limit inside a smaller body is refused with 413 as well."""

from __future__ import annotations

import pytest
from flask import Flask
from fuzzhelp import Sender, checked
from fuzzworld import World
from strategies import MAX_CONTENT_LENGTH, Body
from targets import POST


def body_of(size: int, content_type: str) -> Body:
    """A body whose single extra field makes the request about ``size`` bytes long."""
    return Body(((b"text", b"a" * size),), content_type, "valid")


@pytest.mark.parametrize("endpoint", sorted(POST))
def test_an_oversized_body_gets_413_and_changes_nothing(
    app: Flask, world: World, endpoint: str
) -> None:
    target = POST[endpoint]
    sender = Sender.open(app, world, target, "POST")
    client = sender.browser(own_session=True)
    assert app.config["MAX_CONTENT_LENGTH"] == MAX_CONTENT_LENGTH
    for size, content_type in [
        (MAX_CONTENT_LENGTH + 1, "urlencoded"),
        (MAX_CONTENT_LENGTH + 1, "multipart"),
        (600_000, "multipart"),  # under 1 MB, one field over 500 kB
    ]:
        url = target.url(world)
        sent = body_of(size, content_type).request(sender.token)
        response = checked(
            app, lambda url=url, sent=sent: client.post(url, **sent), f"{size} bytes to {url}"
        )
        assert response.status_code == 413, (endpoint, size, content_type)
