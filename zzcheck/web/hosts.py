"""Which host names the app answers to, and the address its links are built from.

``ZZCHECK_BASE_URL`` (e.g. ``https://check.example.org``) is the address respondents are
given: the personal link, the campaign link and the invitation link are built from it, never
from the request's ``Host`` header. ``ZZCHECK_TRUSTED_HOSTS`` (comma-separated; ``.example.org``
also takes its subdomains) names further host names the app answers to. A request for any
other host gets 400 before a view runs. ``localhost``, ``127.0.0.1`` and ``::1`` are always
answered (the quick start), and ``/healthz`` under any name (probes by a container's
address); links are built from the base URL there as well.

With neither set, debug and test runs answer every host and build links from the request;
otherwise only the loopback names are answered, so a server reachable under another name
refuses requests until its name is configured (and says so in the log).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, make_response, request, url_for
from werkzeug.sansio.utils import host_is_trusted

from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

LOOPBACK = ("localhost", "127.0.0.1", "::1")
ANY_HOST = ("system.healthz",)  # probes by a container's address: JSON, no link, not stored
logger = logging.getLogger(__name__)


def register_hosts(app: Flask) -> None:
    """Read both settings (a bad base URL stops the start with a clear message) and refuse
    requests for other hosts before anything else runs."""
    base = base_url(str(app.config.get("ZZCHECK_BASE_URL") or ""))
    app.config["ZZCHECK_BASE_URL"] = base
    hosts = _names(app.config.get("ZZCHECK_TRUSTED_HOSTS"))
    if base:
        hosts.append(str(urlsplit(base).hostname))
    answer_any = not hosts and (app.debug or app.testing)
    app.extensions["zzcheck_hosts"] = None if answer_any else (*hosts, *LOOPBACK)
    app.before_request(refuse_unknown_host)
    app.jinja_env.globals["public_url"] = public_url


def base_url(value: str) -> str:
    """``https://check.example.org`` (a trailing slash dropped); '' when unset."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
        raise RuntimeError(
            f"ZZCHECK_BASE_URL={value!r} is not a base address: give scheme and host only, "
            "e.g. https://check.example.org (a path prefix comes from the proxy's "
            "X-Forwarded-Prefix or SCRIPT_NAME)."
        )
    if parts.query or parts.fragment or parts.username:
        raise RuntimeError(f"ZZCHECK_BASE_URL={value!r}: no query, fragment or user name.")
    return value


def _names(setting: Any) -> list[str]:
    """The setting as a list: a comma-separated string (environment) or a list (tests)."""
    items = setting.split(",") if isinstance(setting, str) else list(setting or ())
    return [str(item).strip().lower() for item in items if str(item).strip()]


def refuse_unknown_host() -> None:
    """``before_request``: 400 for a host name that is not configured."""
    hosts = current_app.extensions.get("zzcheck_hosts")
    if hosts is None or request.endpoint in ANY_HOST or is_trusted(request.host, hosts):
        return
    logger.warning(
        "refused a request for the host %r: add it to ZZCHECK_TRUSTED_HOSTS or set "
        "ZZCHECK_BASE_URL",
        request.host[:100],
    )
    message = _("Diese Adresse wird von diesem Server nicht bedient.")
    abort(make_response(*error_page(400, message)))


def is_trusted(host: str, names: tuple[str, ...]) -> bool:
    """``host`` (``name[:port]``, IPv6 in brackets) is well-formed and one of ``names``, or a
    subdomain of a name written with a leading dot. Names compare case-insensitively."""
    host = host.lower()
    if not host_is_trusted(host):  # werkzeug's check of the characters and the port
        return False
    try:
        name = urlsplit("//" + host).hostname
    except ValueError:
        return False
    return bool(name) and any(
        name == trusted or (trusted.startswith(".") and f".{name}".endswith(trusted))
        for trusted in names
    )


def public_base() -> str:
    """The scheme and host the app's links start with: the configured base URL, else (debug,
    tests, loopback) the request's own."""
    return str(current_app.config.get("ZZCHECK_BASE_URL") or request.host_url.rstrip("/"))


def public_url(endpoint: str, **values: Any) -> str:
    """An absolute link to hand out (personal, campaign and invitation links)."""
    return public_base() + url_for(endpoint, **values)
