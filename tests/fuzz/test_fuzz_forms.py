"""Every form of the app, fuzzed (issue 8, point 4): random bodies – the form's own fields
with offered or hostile values, unknown and repeated keys, six ways of encoding, with a
valid CSRF token (in the body or the header) and without, from the role's session and from
a browser without one – never give a 5xx, and a refused one (4xx) changes no table."""

from __future__ import annotations

import pytest
from flask import Flask
from fuzzhelp import Sender, checked, describe, fuzz
from fuzzworld import World
from hypothesis import strategies as st
from strategies import Body, bodies
from targets import GET, POST, TOKEN_ROUTES

ROUTE_METHODS = ("GET", "POST")


def test_every_route_is_a_fuzz_target(app: Flask) -> None:
    """A new route fails here until someone says where its input comes from."""
    missing = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & set(ROUTE_METHODS)):
            table = GET if method == "GET" else POST
            fuzzed_elsewhere = rule.endpoint.startswith(TOKEN_ROUTES) and rule.endpoint not in GET
            if rule.endpoint not in table and not fuzzed_elsewhere:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
    assert missing == [], "routes that are not fuzzed (add them to targets.py):\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("endpoint", sorted(POST))
def test_a_fuzzed_form_never_fails_and_a_refusal_changes_nothing(
    app: Flask, world: World, budget: int, endpoint: str
) -> None:
    target = POST[endpoint]
    sender = Sender.open(app, world, target, "POST")
    assert sender.token, f"no CSRF token for {endpoint}"

    def check(drawn: tuple[Body, bool]) -> None:
        body, own_session = drawn
        client = sender.browser(own_session)
        url = target.url(world)
        sent = body.request(sender.token)
        request = describe("POST", url, (body, own_session))
        checked(app, lambda: client.post(url, **sent), request, target.keeps)

    strategy = st.tuples(bodies(sender.fields), st.booleans().map(lambda b: not b))
    fuzz(round(budget * target.weight), strategy, check)
