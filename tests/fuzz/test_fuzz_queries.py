"""Every page read with GET, fuzzed: random query strings – the page's filter fields (read
from its GET form) and parameters no form shows (``page``, ``a``/``b``, ``next``,
``fragebogen``) with offered or hostile values, unknown and repeated keys, invalid UTF-8 –
never give a 5xx, and a GET changes no table whatever it answers. The same for the session:
the role's own, or none."""

from __future__ import annotations

import pytest
from dbstate import changed_tables, db_state
from flask import Flask
from fuzzhelp import Sender, checked, describe, fuzz
from fuzzworld import World
from hypothesis import strategies as st
from strategies import queries
from targets import GET


@pytest.mark.parametrize("endpoint", sorted(GET))
def test_a_fuzzed_query_never_fails_and_changes_nothing(
    app: Flask, world: World, budget: int, endpoint: str
) -> None:
    target = GET[endpoint]
    sender = Sender.open(app, world, target, "GET")
    fields = {**sender.fields, **target.params}

    def check(drawn: tuple[str, bool]) -> None:
        query, own_session = drawn
        client = sender.browser(own_session)
        url = target.url(world)
        url += ("&" if "?" in url else "?") + query
        before = db_state(app)
        checked(app, lambda: client.get(url), describe("GET", url, own_session))
        assert changed_tables(before, db_state(app)) == [], f"GET {url} changed the database"

    strategy = st.tuples(queries(fields), st.booleans().map(lambda b: not b))
    fuzz(round(budget * target.weight), strategy, check)
