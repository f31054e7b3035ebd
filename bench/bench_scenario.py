"""Load scenario (issue 8, point 8): simulated company owners answering whole questionnaires
while consultants and programme staff browse, against gunicorn on 127.0.0.1.

Run: .venv/bin/python bench/bench_scenario.py [--database sqlite|postgresql|both]
     [--respondents 200] [--concurrency 20] [--consultants 4] [--programme 2]

Per database: a fresh one with ``demo-data`` companies and staff accounts (created through
the account service), gunicorn with 2 workers; first the bare route ``/healthz`` with the
same load generator and concurrency, then the scenario: ``--respondents`` journeys (start
page, profile, every page of a random questionnaire, result, three in ten share it with
their centre), ``--concurrency`` at a time, while consultants and programme staff browse
with short pauses. Prints throughput, p50/p95/p99 per kind of request, errors (must be 0)
and the ratio scenario / bare route. Each database's run is bounded by ``--max-seconds``.
The load generator shares the 2 cores with the server: compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

from benchsetup import ROOT, questionnaires, running_server
from loadgen import PASSWORD, Recorder, consultant, hammer, programme, respondent
from sqlalchemy import func, select

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage import accounts
from zzcheck.storage.models import COMPLETED, Assessment


def main() -> None:
    args = _arguments()
    backends = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    failed = False
    for backend in backends:
        with running_server(backend, args.companies, args.worker_class) as (server, url, _tmp):
            failed |= scenario(server.url, url, args)
    sys.exit(1 if failed else 0)


def scenario(base: str, database_url: str, args: argparse.Namespace) -> bool:
    """Run the bare route and the scenario, print the figures; True if anything failed."""
    staff = create_staff(database_url, args.consultants, args.programme)
    bare = hammer(base, "/healthz", args.concurrency, args.bare_seconds)
    recorder, started = Recorder(), time.perf_counter()
    done = run_users(base, recorder, staff, args)
    elapsed = time.perf_counter() - started
    summary = recorder.summary()
    total = summary["all requests"]
    print_summary(summary)
    rate = total["count"] / elapsed
    print(f"{done}/{args.respondents} journeys completed in {elapsed:.1f} s")
    print(f"throughput {rate:.1f} req/s; bare route /healthz {bare:.1f} req/s (same generator)")
    print(f"ratio scenario / bare route: {rate / bare:.3f}")
    stored = completed_in_database(database_url) - args.companies
    print(f"completed assessments stored by the scenario: {stored} (journeys: {done})")
    for failure in recorder.failures[:10]:
        print("  error:", failure)
    problems = total["errors"] or recorder.failures or done != args.respondents
    return bool(problems) or stored != done


def run_users(base: str, recorder: Recorder, staff: dict[str, list[str]], args: Any) -> int:
    """Respondents through a pool of ``concurrency`` threads, staff in threads of their own
    until the respondents are done (or ``max_seconds`` passed); completed journeys."""
    stop, forms = threading.Event(), questionnaires()
    browsing = [
        threading.Thread(target=_guarded, args=(recorder, role, base, recorder, email, stop))
        for role, emails in ((consultant, staff["consultant"]), (programme, staff["programme"]))
        for email in emails
    ]
    for thread in browsing:
        thread.start()
    rngs = [random.Random(n) for n in range(args.respondents)]
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        futures = [
            pool.submit(_guarded, recorder, respondent, base, recorder, forms, rng) for rng in rngs
        ]
        finished, late = wait(futures, timeout=args.max_seconds)
        stop.set()  # the staff stop; journeys not started yet are cancelled
        for future in late:
            future.cancel()
    for thread in browsing:
        thread.join(timeout=60)
    return sum(1 for future in finished if future.result())


def _guarded(recorder: Recorder, user: Callable[..., Any], *args: Any) -> Any:
    """Run one simulated user; an exception (a page without its form …) is a failure."""
    try:
        return user(*args)
    except Exception as error:  # recorded and counted, the run goes on
        recorder.failures.append(f"{user.__name__}: {error!r}"[:300])
        return False


def create_staff(database_url: str, consultants: int, programme_staff: int) -> dict[str, list[str]]:
    """Accounts through the account service: consultants of the first centres, programme staff."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "ZZCHECK_QUESTIONNAIRES": str(ROOT / "questionnaires"),
        }
    )
    staff: dict[str, list[str]] = {"consultant": [], "programme": []}
    with app.app_context():
        centres = current_registry().centres
        for n, centre in enumerate(centres.all()[:consultants]):
            staff["consultant"].append(_account(f"berater{n}@example.org", "consultant", centre.id))
        for n in range(programme_staff):
            staff["programme"].append(_account(f"programm{n}@example.org", "programme", None))
        db.session.commit()
        db.engine.dispose()
    return staff


def _account(email: str, role: str, centre: str | None) -> str:
    centres = current_registry().centres
    accounts.create_user(db.session, email, role, centre, PASSWORD, centres=centres)
    return email


def completed_in_database(database_url: str) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        query = select(func.count()).where(Assessment.status == COMPLETED)
        count = int(db.session.scalar(query) or 0)
        db.engine.dispose()
    return count


def print_summary(summary: dict[str, dict[str, float]]) -> None:
    print(
        f"{'kind of request':<32} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'err':>4}"
    )
    for kind, f in summary.items():
        row = (
            f"{f['count']:6.0f} {f['p50']:8.1f} {f['p95']:8.1f} {f['p99']:8.1f} {f['errors']:4.0f}"
        )
        print(f"{kind:<32} {row}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--consultants", type=int, default=4)
    parser.add_argument("--programme", type=int, default=2)
    parser.add_argument("--bare-seconds", type=float, default=10)
    parser.add_argument("--max-seconds", type=float, default=150)
    parser.add_argument("--worker-class", choices=["gthread", "sync"], default="gthread")
    return parser.parse_args()


if __name__ == "__main__":
    main()
