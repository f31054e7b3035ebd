"""A small load generator for ``bench_scenario.py``: browsers (threads with ``requests``) that
record every request's kind, latency and status, and the three kinds of user who browse.

Closed loop: each simulated user sends its next request when the previous one answered.
A request counts as an error when it raised or its status was not the expected one.
"""

from __future__ import annotations

import random
import re
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import requests
from httpjourney import TIMEOUT, TOKEN_URL, csrf_token_of
from journeyhelp import choose
from webpage import Element, form_of, parse

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.questionnaire.profile import PROFILE_FIELDS, choices

SHARE_LINK = re.compile(r'href="(/berater/freigaben/\d+)"')
PASSWORD = "bench-passwort-lang-genug"


@dataclass
class Recorder:
    """Every request of a run: (kind, seconds, ok). ``list.append`` is atomic under the GIL."""

    entries: list[tuple[str, float, bool]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.entries.append((kind, seconds, ok))
        if not ok:
            self.failures.append(f"{kind}: {detail}")

    def summary(self) -> dict[str, dict[str, float]]:
        """Per kind and in total: count, errors, p50/p95/p99 in ms."""
        kinds: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        for kind, seconds, ok in self.entries:
            kinds[kind].append((seconds, ok))
            kinds["all requests"].append((seconds, ok))
        return {kind: _figures(rows) for kind, rows in sorted(kinds.items())}


def _figures(rows: list[tuple[float, bool]]) -> dict[str, float]:
    times = sorted(seconds * 1000 for seconds, _ok in rows)
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    errors = sum(1 for _s, ok in rows if not ok)
    return {"count": len(rows), "errors": errors, "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


class Browser:
    """One user's browser: a cookie jar; every request timed and checked."""

    def __init__(self, base: str, recorder: Recorder) -> None:
        self.base, self.recorder, self.http = base, recorder, requests.Session()
        self.ok, self.location = False, ""  # of the last request

    def request(self, kind: str, method: str, path: str, expect: int, **kwargs: Any) -> str:
        """Send, record, and return the body ("" on a failure, which is recorded)."""
        started = time.perf_counter()
        try:
            response = self.http.request(
                method, self.base + path, timeout=TIMEOUT, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            self.recorder.add(kind, time.perf_counter() - started, False, repr(error))
            self.ok, self.location = False, ""
            return ""
        self.ok, self.location = (
            response.status_code == expect,
            response.headers.get("Location", ""),
        )
        detail = f"{method} {path[:20]}… {response.status_code}"
        self.recorder.add(kind, time.perf_counter() - started, self.ok, detail)
        return response.text if self.ok else ""

    def page(self, kind: str, path: str, **query: str) -> Element | None:
        html = self.request(kind, "GET", path, 200, params=query or None)
        return parse(html) if html else None

    def login(self, email: str) -> bool:
        csrf = csrf_token_of(self.request("login form", "GET", "/login", 200))
        data = {"email": email, "password": PASSWORD, "csrf_token": csrf}
        self.request("log in", "POST", "/login", 302, data=data)
        return self.ok


def respondent(
    base: str, recorder: Recorder, forms: dict[str, Questionnaire], rng: random.Random
) -> bool:
    """A company owner: start page, profile, every page of one questionnaire, the result,
    and (three in ten) sharing it with the centre. True when the journey got through."""
    browser = Browser(base, recorder)
    browser.page("start page", "/")
    questionnaire = forms[rng.choice(sorted(forms))]
    path = f"/{questionnaire.id}/start"
    csrf = csrf_token_of(browser.request("profile form", "GET", path, 200))
    profile = {key: rng.choice(choices(key))[0] for key in PROFILE_FIELDS}
    browser.request("save profile", "POST", path, 303, data={**profile, "csrf_token": csrf})
    found = TOKEN_URL.search(browser.location)
    if not found:
        return False
    token, last = found.group(1), len(questionnaire.sections)
    for number in range(1, last + 1):
        if not _answer_page(browser, questionnaire, token, number, rng, number == last):
            return False
    browser.page("result page", f"/a/{token}/ergebnis")
    if rng.random() < 0.3:
        _share(browser, token)
    return True


def _answer_page(
    browser: Browser,
    questionnaire: Questionnaire,
    token: str,
    number: int,
    rng: random.Random,
    last: bool,
) -> bool:
    path = f"/a/{token}/{number}"
    root = browser.page("question page", path)
    if root is None:
        return False
    form = form_of(root, "questions")
    data = form.submit(choose(questionnaire, form, rng), "finish" if last else "next")
    browser.request("save page", "POST", path, 303, data=data)
    return browser.location.endswith("/ergebnis" if last else f"/{number + 1}")


def _share(browser: Browser, token: str) -> None:
    root = browser.page("share form", f"/a/{token}/teilen")
    if root is not None:
        data = form_of(root, "share-form").submit({"consent": "y"})
        browser.request("share result", "POST", f"/a/{token}/teilen", 303, data=data)


def consultant(base: str, recorder: Recorder, email: str, stop: threading.Event) -> None:
    """A consultant: the centre's shared results, one of them, the client list; repeat."""
    browser, rng = Browser(base, recorder), random.Random(email)
    if not browser.login(email):
        return
    while not stop.is_set():
        html = browser.request("consultant list", "GET", "/berater/", 200)
        links = SHARE_LINK.findall(html)
        if links:
            browser.page("consultant share", rng.choice(links))
        browser.page("consultant clients", "/berater/kunden/")
        stop.wait(rng.uniform(0.2, 0.6))  # reading time


def programme(base: str, recorder: Recorder, email: str, stop: threading.Event) -> None:
    """Programme staff: aggregates with random filters, item statistics, a CSV export."""
    browser, rng = Browser(base, recorder), random.Random(email)
    if not browser.login(email):
        return
    while not stop.is_set():
        for kind, path in (
            ("programme overview", "/programm/"),
            ("item statistics", "/programm/fragen"),
        ):
            root = browser.page(kind, path)
            if root is not None:
                browser.page(kind + " filtered", path, **_random_filters(root, rng))
        if rng.random() < 0.2:
            browser.request("programme export", "GET", "/programm/export.csv", 200)
        stop.wait(rng.uniform(0.2, 0.6))


def _random_filters(root: Element, rng: random.Random) -> dict[str, str]:
    """Another questionnaire and grouping, as offered by the page's filter form (the other
    filters stay as they are: some combinations are refused by design, with a 400)."""
    form = root.find("form", class_="filters")
    chosen: dict[str, str] = {}
    for select in form.find_all("select") if form is not None else []:
        values = [o.get("value") or "" for o in select.find_all("option")]
        name = select.get("name") or ""
        if name in ("questionnaire", "by") and values:
            chosen[name] = rng.choice(values)
    return chosen


def hammer(base: str, path: str, users: int, seconds: float) -> float:
    """Requests per second of ``users`` browsers sending GET ``path`` for ``seconds``."""
    recorder, stop = Recorder(), threading.Event()

    def loop() -> None:
        browser = Browser(base, recorder)
        while not stop.is_set():
            browser.request("bare", "GET", path, 200)

    threads = [threading.Thread(target=loop) for _ in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    elapsed = time.perf_counter() - started
    assert not recorder.failures, recorder.failures[:5]
    return len(recorder.entries) / elapsed
