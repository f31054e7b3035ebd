"""Every route with parts in its path, fuzzed there: guessed and malformed tokens, unknown
questionnaires and languages, ids that are negative, zero, huge or not ASCII digits, file
names that climb out of the static folder. Never a 5xx; a refusal changes nothing.

The URL is written by hand from the rule (``/a/<token>/<int:number>``), each part
percent-encoded, so the router sees what a client could send rather than what ``url_for``
would build."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from flask import Flask
from fuzzhelp import checked, describe, fuzz, session_token
from fuzzworld import ANON, CONSULTANT, PROGRAMME, World, browser
from hypothesis import strategies as st
from strategies import NASTY_TEXT
from targets import POST
from werkzeug.routing import Rule

PLACEHOLDER = re.compile(r"<(?:[^>]*:)?(\w+)>")
SEGMENTS = st.one_of(
    st.sampled_from(NASTY_TEXT[1:]),  # (an empty part would be another route)
    st.text(min_size=1, max_size=80).filter(lambda s: s not in (".", "..")),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(["0", "00", "1", "2147483647", "2147483648", "9223372036854775808"]),
    st.sampled_from(["../../../etc/passwd", "..%2f..%2fzzcheck/config.py", "css/../../app.py"]),
    st.binary(min_size=43, max_size=43).map(lambda b: b.hex()[:43]),  # looks like a token
)


def known(world: World, rule: Rule, name: str) -> list[str]:
    """Values of the world that fit the part ``name`` of ``rule`` (so that a hostile value in
    one part meets real ones in the others and gets past them)."""
    tokens = {"/einladung/": [world.invitation], "/team/": [world.team]}
    prefix = next((p for p in tokens if rule.rule.startswith(p)), None)
    ids = world.ids
    return {
        "token": tokens[prefix] if prefix else [world.token, world.progress],
        "share_id": [str(ids["share"])],
        "client_id": [str(ids["client"])],
        "item_id": [str(ids["item"])],
        "campaign_id": [str(ids["campaign"]), str(ids["owner_campaign"])],
        "number": ["1", "2", "3"],
        "questionnaire_id": ["werkstatt"],
        "lang": ["de", "en"],
        "fmt": ["csv", "xlsx"],
        "filename": ["css/zzcheck.css", "plotly.css"],
    }.get(name, ["1"])


def _role(rule: Rule) -> str:
    prefix = rule.endpoint.split(".", 1)[0]
    return {"consultant": CONSULTANT, "programme": PROGRAMME}.get(prefix, ANON)


def _path(rule: Rule, parts: dict[str, str]) -> str:
    """The rule's path with every ``<converter:name>`` replaced by its drawn part."""

    def part(match: re.Match[str]) -> str:
        return quote(parts[match.group(1)].encode("utf-8", "surrogatepass"), safe="")

    return PLACEHOLDER.sub(part, rule.rule)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_fuzzed_path_parts_never_fail_and_a_refusal_changes_nothing(
    app: Flask, world: World, budget: int, method: str
) -> None:
    rules = [r for r in app.url_map.iter_rules() if r.arguments and method in (r.methods or ())]
    assert rules, "no route with path parts"
    browsers = {role: browser(app, role) for role in (ANON, CONSULTANT, PROGRAMME)}
    tokens = {role: session_token(client) for role, client in browsers.items()}

    def check(drawn: tuple[Rule, dict[str, str]]) -> None:
        rule, parts = drawn
        role = _role(rule)
        url = _path(rule, parts)
        send = browsers[role].open
        data = {"csrf_token": tokens[role]} if method == "POST" else None
        target = POST.get(rule.endpoint) if method == "POST" else None
        keeps = target.keeps if target else None  # a questionnaire page saves what it can
        request = describe(method, url, role)
        checked(app, lambda: send(url, method=method, data=data), request, keeps)

    def parts(rule: Rule) -> st.SearchStrategy[dict[str, str]]:
        names = sorted(rule.arguments)
        return st.fixed_dictionaries(
            {name: SEGMENTS | st.sampled_from(known(world, rule, name)) for name in names}
        )

    strategy = st.sampled_from(rules).flatmap(lambda rule: st.tuples(st.just(rule), parts(rule)))
    fuzz(budget * len(rules) // 2, strategy, check)
