"""Configuration from the environment (DESIGN.md "Stable contracts")."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECURE_COOKIES = ("auto", "1", "0", "true", "false", "yes", "no", "on", "off")
MISSING_SECRET = (
    "SECRET_KEY is not set. Set the environment variable SECRET_KEY to a long random value "
    "(e.g. python3 -c 'import secrets; print(secrets.token_hex(32))'); it is required to "
    "serve requests when DATABASE_URL is set."
)
_T = TypeVar("_T")


class ConfigError(ValueError):
    """Settings in the environment that cannot work: one line per variable, each naming it."""


class _Environment:
    """Typed reads of environment variables that collect every bad value, so a start-up
    names all of them at once instead of failing on the first with a traceback. An empty
    variable counts as unset."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def raw(self, name: str) -> str | None:
        value = os.environ.get(name, "").strip()
        return value or None

    def text(self, name: str, default: str = "") -> str:
        return self.raw(name) or default

    def integer(self, name: str, default: int, minimum: int) -> int:
        raw = self.raw(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            return self._bad(name, raw, f"not a whole number (default: {default})", default)
        if value < minimum:
            return self._bad(name, raw, f"must be at least {minimum} (default: {default})", default)
        return value

    def choice(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        raw = self.raw(name)
        if raw is None:
            return default
        if raw.lower() not in allowed:
            return self._bad(name, raw, f"must be one of {', '.join(allowed)}", default)
        return raw.lower()

    def database_url(self, default: str) -> str:
        url = self.text("DATABASE_URL", default)
        try:
            make_url(url)
        except ArgumentError:
            hint = "not a database URL (e.g. postgresql://user@host/db or sqlite:////path/file)"
            return self._bad("DATABASE_URL", url, hint, default)
        return _normalise_db_url(url)

    def _bad(self, name: str, raw: str, problem: str, fallback: _T) -> _T:
        self.problems.append(f"{name}={raw!r}: {problem}")
        return fallback


def from_environment(instance_path: str) -> dict[str, Any]:
    """Settings read from environment variables, with the embedded defaults; raises
    ``ConfigError`` naming every variable whose value cannot work."""
    env = _Environment()
    default_db = "sqlite:///" + str(Path(instance_path) / "zzcheck.sqlite")
    settings = {
        "SQLALCHEMY_DATABASE_URI": env.database_url(default_db),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "ZZCHECK_QUESTIONNAIRES": env.text(
            "ZZCHECK_QUESTIONNAIRES", str(PROJECT_ROOT / "questionnaires")
        ),
        # questionnaire ids in the start page's order (the rest follow by file name)
        "ZZCHECK_START_ORDER": env.text("ZZCHECK_START_ORDER", "ki-readiness"),
        "ZZCHECK_CENTRES": env.raw("ZZCHECK_CENTRES"),
        "ZZCHECK_LOGOS": env.raw("ZZCHECK_LOGOS"),  # the operator's funding logos (logos.py)
        "ZZCHECK_MIN_GROUP_SIZE": env.integer("ZZCHECK_MIN_GROUP_SIZE", 5, minimum=3),
        "ZZCHECK_RESULT_PAGE_SECONDS": env.integer("ZZCHECK_RESULT_PAGE_SECONDS", 600, minimum=0),
        "BABEL_DEFAULT_LOCALE": "de",
        "LANGUAGES": ("de", "en"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "ZZCHECK_SECURE_COOKIES": env.choice("ZZCHECK_SECURE_COOKIES", "auto", SECURE_COOKIES),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "WTF_CSRF_TIME_LIMIT": None,
        **_privacy_settings(env),
        **_mail_settings(env),
    }
    if env.problems:
        raise ConfigError("\n".join(env.problems))
    return settings


def _privacy_settings(env: _Environment) -> dict[str, Any]:
    """Retention periods in days (README, "Data protection"; at least one day: 0 would purge
    everything), the operator named on the privacy page, how many reverse proxies to trust
    for the client's address and scheme, and the host names the app answers to (README
    "Security")."""
    return {
        "ZZCHECK_RETENTION_UNFINISHED_DAYS": env.integer(
            "ZZCHECK_RETENTION_UNFINISHED_DAYS", 90, minimum=1
        ),
        "ZZCHECK_RETENTION_COMPLETED_DAYS": env.integer(
            "ZZCHECK_RETENTION_COMPLETED_DAYS", 730, minimum=1
        ),
        "ZZCHECK_RETENTION_SHARED_DAYS": env.integer(
            "ZZCHECK_RETENTION_SHARED_DAYS", 730, minimum=1
        ),
        "ZZCHECK_OPERATOR": env.text("ZZCHECK_OPERATOR"),
        "ZZCHECK_PROXY_FIX": env.integer("ZZCHECK_PROXY_FIX", 0, minimum=0),
        "ZZCHECK_BASE_URL": env.text("ZZCHECK_BASE_URL"),  # checked in web/hosts.py
        "ZZCHECK_TRUSTED_HOSTS": env.text("ZZCHECK_TRUSTED_HOSTS"),
    }


def _mail_settings(env: _Environment) -> dict[str, Any]:
    """The SMTP server that tells a centre of a new request for advice (README
    "Configuration"); without ``ZZCHECK_SMTP_HOST`` no mail is sent."""
    starttls = env.choice("ZZCHECK_SMTP_STARTTLS", "1", SECURE_COOKIES[1:])
    return {
        "ZZCHECK_SMTP_HOST": env.text("ZZCHECK_SMTP_HOST"),
        "ZZCHECK_SMTP_PORT": env.integer("ZZCHECK_SMTP_PORT", 587, minimum=1),
        "ZZCHECK_SMTP_USER": env.text("ZZCHECK_SMTP_USER"),
        "ZZCHECK_SMTP_PASSWORD": env.text("ZZCHECK_SMTP_PASSWORD"),
        "ZZCHECK_SMTP_STARTTLS": starttls in ("1", "true", "yes", "on"),
        "ZZCHECK_SMTP_FROM": env.text("ZZCHECK_SMTP_FROM"),
        "ZZCHECK_SMTP_TIMEOUT": env.integer("ZZCHECK_SMTP_TIMEOUT", 10, minimum=1),
    }


def _normalise_db_url(url: str) -> str:
    """Let ``postgresql://`` URLs (as hosting platforms hand them out) use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_secret_key(config: dict[str, Any], debug: bool, instance_path: str) -> None:
    """Make sure a SECRET_KEY is set where one can be made.

    Debug and test runs get a throwaway key. On the embedded default (no DATABASE_URL) a
    random key is created once in ``instance/secret_key``, so the two-line quick start needs
    no set-up and sessions survive a restart. A deployment on its own database must set it,
    but only serving requests needs it: without it the commands still run, while a server
    refuses to start (``require_secret_key``) and requests are refused (``zzcheck.web``).
    """
    if config.get("SECRET_KEY"):
        return
    if debug or config.get("TESTING"):
        config["SECRET_KEY"] = secrets.token_hex(32)
    elif not os.environ.get("DATABASE_URL", "").strip():
        config["SECRET_KEY"] = _instance_secret(Path(instance_path) / "secret_key")


def require_secret_key(config: Mapping[str, Any]) -> None:
    """Stop the start of a server (a gunicorn worker importing ``app.py``) without a key."""
    if not config.get("SECRET_KEY"):
        raise SystemExit(f"zzcheck: {MISSING_SECRET}")


def _instance_secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
