"""Configuration from the environment (DESIGN.md "Stable contracts")."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def from_environment(instance_path: str) -> dict[str, Any]:
    """Settings read from environment variables, with the embedded defaults."""
    default_db = "sqlite:///" + str(Path(instance_path) / "zzcheck.sqlite")
    return {
        "SQLALCHEMY_DATABASE_URI": _normalise_db_url(os.environ.get("DATABASE_URL", default_db)),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "ZZCHECK_QUESTIONNAIRES": os.environ.get(
            "ZZCHECK_QUESTIONNAIRES", str(PROJECT_ROOT / "questionnaires")
        ),
        "ZZCHECK_CENTRES": os.environ.get("ZZCHECK_CENTRES"),
        "ZZCHECK_MIN_GROUP_SIZE": max(3, int(os.environ.get("ZZCHECK_MIN_GROUP_SIZE", "5"))),
        "ZZCHECK_RESULT_PAGE_SECONDS": max(
            0, int(os.environ.get("ZZCHECK_RESULT_PAGE_SECONDS", "600"))
        ),
        "BABEL_DEFAULT_LOCALE": "de",
        "LANGUAGES": ("de", "en"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "ZZCHECK_SECURE_COOKIES": os.environ.get("ZZCHECK_SECURE_COOKIES", "auto"),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "WTF_CSRF_TIME_LIMIT": None,
        **_privacy_settings(),
    }


def _privacy_settings() -> dict[str, Any]:
    """Retention periods in days (README, "Data protection"), the operator named on the
    privacy page, how many reverse proxies to trust for the client's address and scheme, and
    the host names the app answers to (README "Security")."""
    return {
        "ZZCHECK_RETENTION_UNFINISHED_DAYS": _days("ZZCHECK_RETENTION_UNFINISHED_DAYS", 90),
        "ZZCHECK_RETENTION_COMPLETED_DAYS": _days("ZZCHECK_RETENTION_COMPLETED_DAYS", 730),
        "ZZCHECK_RETENTION_SHARED_DAYS": _days("ZZCHECK_RETENTION_SHARED_DAYS", 730),
        "ZZCHECK_OPERATOR": os.environ.get("ZZCHECK_OPERATOR", "").strip(),
        "ZZCHECK_PROXY_FIX": max(0, int(os.environ.get("ZZCHECK_PROXY_FIX", "0"))),
        "ZZCHECK_BASE_URL": os.environ.get("ZZCHECK_BASE_URL", ""),  # checked in web/hosts.py
        "ZZCHECK_TRUSTED_HOSTS": os.environ.get("ZZCHECK_TRUSTED_HOSTS", ""),
    }


def _days(name: str, default: int) -> int:
    """A retention period from the environment; at least one day (0 would purge everything)."""
    return max(1, int(os.environ.get(name, str(default))))


def _normalise_db_url(url: str) -> str:
    """Let ``postgresql://`` URLs (as hosting platforms hand them out) use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_secret_key(config: dict[str, Any], debug: bool, instance_path: str) -> None:
    """Make sure a SECRET_KEY is set.

    Debug and test runs get a throwaway key. On the embedded default (no DATABASE_URL) a
    random key is created once in ``instance/secret_key``, so the two-line quick start needs
    no set-up and sessions survive a restart. A deployment on its own database must set it.
    """
    if config.get("SECRET_KEY"):
        return
    if debug or config.get("TESTING"):
        config["SECRET_KEY"] = secrets.token_hex(32)
    elif "DATABASE_URL" not in os.environ:
        config["SECRET_KEY"] = _instance_secret(Path(instance_path) / "secret_key")
    else:
        raise RuntimeError(
            "SECRET_KEY is not set. Set the environment variable SECRET_KEY to a long random "
            "value (e.g. python -c 'import secrets; print(secrets.token_hex(32))')."
        )


def _instance_secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
