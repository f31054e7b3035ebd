"""A respondent's browser over real HTTP (``requests``), for the server tests and benchmarks:
open a form, read its CSRF token, post it. Redirects are not followed, so every status is
seen; ``Visit.statuses`` records each request's (method, path, status)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import requests

TIMEOUT = 30.0  # seconds per request: a hung server fails the test instead of blocking it
TOKEN_URL = re.compile(r"/a/([A-Za-z0-9_-]{32,})/1$")
_CSRF = re.compile(r'<input\b[^>]*\bname="csrf_token"[^>]*>')
_VALUE = re.compile(r'\bvalue="([^"]+)"')
PROFILE = {
    "industry": "C",
    "size": "10-49",
    "state": "DE-SN",
    "works_council": "no",
    "role": "owner",
}


def csrf_token_of(html: str) -> str:
    """The value of the page's first ``csrf_token`` input ("" if there is none)."""
    tag = _CSRF.search(html)
    found = _VALUE.search(tag.group(0)) if tag else None
    return found.group(1) if found else ""


@dataclass
class Visit:
    """One browser: a cookie jar and the statuses of everything it requested."""

    base: str
    http: requests.Session = field(default_factory=requests.Session)
    statuses: list[tuple[str, str, int]] = field(default_factory=list)

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.base + path, timeout=TIMEOUT, allow_redirects=False)
        self.statuses.append(("GET", path, response.status_code))
        return response

    def post(self, path: str, data: dict[str, Any]) -> requests.Response:
        response = self.http.post(
            self.base + path, data=data, timeout=TIMEOUT, allow_redirects=False
        )
        self.statuses.append(("POST", path, response.status_code))
        return response

    def start(self, questionnaire_id: str, profile: dict[str, str] | None = None) -> str:
        """Open the profile form, send it; returns the resume token from the redirect."""
        path = f"/{questionnaire_id}/start"
        csrf = csrf_token_of(self.get(path).text)
        response = self.post(path, {**(profile or PROFILE), "csrf_token": csrf})
        match = TOKEN_URL.search(response.headers.get("Location", ""))
        assert response.status_code == 303 and match, (response.status_code, response.text[:300])
        return match.group(1)

    def save(
        self, token: str, number: int, answers: dict[str, Any], action: str = "next"
    ) -> requests.Response:
        """Open page ``number`` (for its CSRF token) and post ``answers`` with ``action``."""
        path = f"/a/{token}/{number}"
        csrf = csrf_token_of(self.get(path).text)
        return self.post(path, {**answers, "csrf_token": csrf, "action": action})

    def server_errors(self) -> list[tuple[str, str, int]]:
        return [entry for entry in self.statuses if entry[2] >= 500]
