"""Browser tests: the app on a real port, driven by Debian's chromium through Playwright.

Fixtures (use them in any ``tests/browser/test_*.py``; every test here is marked
``browser``, so ``pytest -m "not browser"`` leaves them out):

- ``live_server``: the test's ``app`` served by werkzeug in a thread on 127.0.0.1 and a free
  port. ``live_server.url`` is the base URL, ``live_server.url_for("respondent.start")``
  builds an absolute URL like ``flask.url_for``. To add routes or settings, override ``app``
  in the test module (``def app(app): app.register_blueprint(bp); return app``) or
  ``app_config`` as usual: ``live_server`` serves whatever ``app`` the test gets.
- ``page`` / ``context`` / ``browser``: pytest-playwright's own fixtures, launched with
  ``/usr/bin/chromium`` (``browser_type_launch_args`` below; Playwright's own browser
  download is never used), German locale, 1280×900 viewport
  (``page.set_viewport_size({"width": 360, "height": 800})`` before ``page.goto`` for a
  phone).
- ``page_errors``: a list that collects the page's JavaScript errors and console errors
  (CSP violations and failed requests among them; a missing ``/favicon.ico`` is ignored);
  assert it is empty at the end of a test.
- ``screenshot(page, name)``: saves ``test-artifacts/<test name>-<name>.png`` (git-ignored).
- ``wait_for_chart(page, selector)``: waits until radar.js has drawn the chart in
  ``selector`` and its polar trace exists (not only ``.main-svg``: a bundle without
  ``scatterpolar`` draws an empty cartesian plot without any error).

The browser tests run on SQLite only: they test what the browser renders and runs; both
database backends are covered through the test client in ``tests/web/``.

Without ``/usr/bin/chromium`` the tests are skipped, unless ``CI=true``: then they fail, so
CI cannot pass by silently skipping them (``.ci/run`` installs the package).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, url_for
from playwright.sync_api import ConsoleMessage, Error, Page
from werkzeug.serving import BaseWSGIServer, make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHART_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser``, even one that forgets the marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, pointed at Debian's chromium."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get update && apt-get install -y chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """No fixed base URL (pages come from ``live_server``). Also replaces pytest-playwright's
    fallback ``base_url``, a plugin-instance method that pytest 9 deprecates with a warning,
    which our ``filterwarnings = error`` would turn into an error."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "de-DE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only (see the module docstring); overrides the two-backend fixture."""
    return f"sqlite:///{tmp_path / 'zzcheck.sqlite'}"


@dataclass(frozen=True)
class LiveServer:
    app: Flask
    url: str  # http://127.0.0.1:<port>, no trailing slash

    def url_for(self, endpoint: str, **values: Any) -> str:
        """Absolute URL of ``endpoint`` on this server, as ``flask.url_for`` builds it."""
        with self.app.test_request_context(base_url=self.url):
            return url_for(endpoint, _external=True, **values)


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    """The test's ``app`` on a free port, in a thread; shut down after the test."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live_server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def page_errors(page: Page) -> list[str]:
    """Uncaught JavaScript errors and ``console.error`` messages of ``page``, as text."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(f"console: {message.text} ({message.location['url']})")

    def on_page_error(error: Error) -> None:
        errors.append(f"page error: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return errors


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """``screenshot(page, "result")`` → test-artifacts/<test>-result.png (full page)."""

    def take(page: Page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}-{name}").strip("-")
        path = ARTIFACTS / f"{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def wait_for_chart(page: Page, selector: str) -> None:
    """Wait until radar.js drew ``selector`` and plotly rendered a polar trace in it."""
    page.wait_for_selector(f'{selector}[data-radar-ready="true"]', timeout=CHART_TIMEOUT_MS)
    page.wait_for_selector(f"{selector} .polarlayer .trace", timeout=CHART_TIMEOUT_MS)


@pytest.fixture(name="wait_for_chart")
def wait_for_chart_fixture() -> Callable[[Page, str], None]:
    """``wait_for_chart`` as a fixture, so test modules need not import from conftest."""
    return wait_for_chart
