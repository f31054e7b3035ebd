"""Throughput of the JSON API under gunicorn: one page of 40 shared checks
(``GET /api/v1/shares?per_page=40`` with a consultant's token) against the bare route
``/healthz``, measured with wrk in one run (issue 17, point 7; target: the list reaches at
least 0.3 of the bare route's requests per second).

Run: .venv/bin/python bench/bench_api.py [--database sqlite|postgresql] [--seconds 10]
     [--connections 8] [--worker-class gthread|sync] [--companies 1000]

Prepares the database like ``bench_http.py`` (``demo-data`` companies), shares 40 completed
checks with one centre, creates a consultant of that centre and a token through the same
services as the CLI, then measures both routes with the same wrk settings. Needs ``wrk``.
"""

from __future__ import annotations

import argparse
import shutil

import requests
from bench_http import _write, print_table, wrk
from benchsetup import running_server, settle
from sqlalchemy import select

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.accounts import create_user
from zzcheck.storage.api_tokens import create_token
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.models import COMPLETED, Assessment
from zzcheck.storage.sharing import share_assessment

CENTRE, SHARES = "sachsen", 40
BARE, LIST = "bare route GET /healthz", f"API list of {SHARES} shared checks"
PATH = f"/api/v1/shares?per_page={SHARES}"


def main() -> None:
    args = _arguments()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with running_server(args.database, args.companies, args.worker_class) as (server, url, tmp):
        token = prepare(url)
        check(server.url, token)
        settle(url)
        routes = {
            BARE: {"WRK_PATHS": _write(tmp / "bare", "/healthz")},
            LIST: {
                "WRK_PATHS": _write(tmp / "list", PATH),
                "WRK_HEADERS": _write(tmp / "list.head", f"Authorization: Bearer {token}"),
            },
        }
        figures = {name: wrk(server.url, env, args) for name, env in routes.items()}
        print_table(figures)
        ratio = figures[LIST]["rps"] / figures[BARE]["rps"]
        print(f"ratio API list / bare route: {ratio:.3f} (target >= 0.3)")


def prepare(database_url: str) -> str:
    """Share 40 completed checks with the centre; a consultant's token (printed nowhere)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench-" + "k" * 40})
    with app.app_context():
        found = db.session.scalars(
            select(Assessment).where(Assessment.status == COMPLETED).limit(SHARES)
        ).all()
        assert len(found) == SHARES, "too few demo companies: use --companies 40 or more"
        centres = current_registry().centres
        for number, assessment in enumerate(found):
            share_assessment(
                db.session, assessment, CENTRE, CONSENT.version, "de",
                centres=centres, company_name=f"Betrieb {number}",
            )  # fmt: skip
        user = create_user(
            db.session, "bench@example.org", "consultant", CENTRE, "bench-passwort-lang",
            centres=centres,
        )  # fmt: skip
        _row, token = create_token(db.session, user, "bench")
        db.session.commit()
    return token


def check(base: str, token: str) -> None:
    """The list answers 200 with 40 checks (else the figures would measure an error)."""
    response = requests.get(base + PATH, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code == 200, (response.status_code, response.text[:500])
    assert len(response.json()["items"]) == SHARES


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--worker-class", choices=["gthread", "sync"], default="gthread")
    return parser.parse_args()


if __name__ == "__main__":
    main()
