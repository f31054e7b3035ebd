"""Every route with a secret in its URL is redacted in request logs and never stored by a
browser or proxy, from one list (``redact.TOKEN_PATHS``, also read by ``security.py``).

The test walks the app's URL map: a route with a string argument is either listed here as
no secret (a language, a questionnaire id, a file name) or must be covered by the list. So a
new token route (a one-time code, a new kind of link) fails this test until it is added.
"""

from __future__ import annotations

import logging
import re
import secrets
from urllib.parse import quote

from flask import Flask

from zzcheck.web.redact import REQUEST_LOGGERS, TokenFilter, redact
from zzcheck.web.security import is_private

NOT_SECRET = {"lang", "questionnaire_id", "version", "filename", "fmt"}  # known, public values
NOT_SECRET_CONVERTERS = {"int", "any"}
ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\((?P<options>[^)]*)\))?:)?(?P<name>\w+)>")
SAMPLES = {"lang": "en", "questionnaire_id": "werkstatt", "version": "1.0", "filename": "css/x.css"}


def _sample(converter: str, options: str | None, name: str) -> str:
    if converter == "int":
        return "12"
    if converter == "any":
        return (options or "x").split(",")[0].strip().strip("'\"")
    return SAMPLES.get(name) or secrets.token_urlsafe(24)


def _token_rules(app: Flask) -> list[tuple[str, str, list[str]]]:
    """(endpoint, example URL, the secrets in it) for every rule with a secret argument."""
    found = []
    for rule in app.url_map.iter_rules():
        url, hidden = rule.rule, []
        for match in ARGUMENT.finditer(rule.rule):
            converter = match["converter"] or "default"
            value = _sample(converter, match["options"], match["name"])
            if converter not in NOT_SECRET_CONVERTERS and match["name"] not in NOT_SECRET:
                hidden.append(value)
            url = url.replace(match.group(0), value, 1)
        if hidden:
            found.append((str(rule.endpoint), url, hidden))
    return found


def test_every_route_with_a_token_is_redacted_in_logs_and_never_cached(app: Flask) -> None:
    rules = _token_rules(app)
    prefixes = {url.split("/")[1] for _endpoint, url, _hidden in rules}
    assert prefixes >= {"a", "einladung", "team"}  # the walk finds the token routes
    for endpoint, url, hidden in rules:
        line = f'127.0.0.1 - - [08/Dec/2026 00:00:00] "GET {url}?next={quote(url, safe="")} HTTP/1.1" 200 -'
        cleaned = redact(line)
        for value in hidden:
            assert value not in cleaned, (endpoint, cleaned)
        assert is_private(url, endpoint), endpoint


def test_the_request_loggers_drop_tokens_from_real_log_records(app: Flask) -> None:
    token = secrets.token_urlsafe(24)
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        assert any(isinstance(f, TokenFilter) for f in logger.filters), name
        for path in (f"/team/{token}/2", f"/einladung/{token}/werkstatt", f"/a/{token}"):
            record = logger.makeRecord(
                name, logging.INFO, __file__, 1, '"%s" %s', (f"GET {path} HTTP/1.1", 200), None
            )
            for log_filter in logger.filters:
                log_filter.filter(record)
            assert token not in record.getMessage()
            assert path.split("/")[1] in record.getMessage()


def test_team_pages_are_never_stored(app: Flask) -> None:
    response = app.test_client().get(f"/team/{secrets.token_urlsafe(24)}")
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"
