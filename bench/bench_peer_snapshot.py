"""Benchmark: taking the daily peer snapshot, and reading it for a result page.

    .venv/bin/python bench/bench_peer_snapshot.py [--sizes 10000 100000] [--runs 5]
        [--backends sqlite postgresql]

For each size and backend a fresh database gets the schema (``db upgrade``) and that many
demo assessments (the real ``demo-data`` command, seed 1), then this process measures the
snapshot (two GROUP BYs over the completed checks, suppression, rounding, the writes;
median of --runs) and the lookup a result page makes (median of 200). PostgreSQL (from
ZZCHECK_TEST_POSTGRES_URL, default the local test server) runs in a database of its own,
dropped afterwards; it gets VACUUM ANALYZE after the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from benchsetup import _database, settle  # noqa: E402
from sqlalchemy import select  # noqa: E402

from zzcheck import create_app  # noqa: E402
from zzcheck.analytics.peer_snapshot import take_peer_snapshot  # noqa: E402
from zzcheck.analytics.peers import peer_comparison  # noqa: E402
from zzcheck.extensions import db  # noqa: E402
from zzcheck.storage.models import Assessment, utcnow  # noqa: E402


def load(url: str, companies: int) -> float:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench"}
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    command = [*flask, "zzcheck", "demo-data", "--companies", str(companies), "--seed", "1"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    settle(url)
    return time.perf_counter() - started


def measure(url: str, runs: int) -> dict[str, float]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        snapshot_ms = []
        for _ in range(runs):
            started = time.perf_counter()
            figures = take_peer_snapshot(db.session, utcnow(), b"bench", 5)
            db.session.commit()
            snapshot_ms.append(1000 * (time.perf_counter() - started))
        some = db.session.scalars(select(Assessment).limit(200)).all()
        lookup_ms = []
        for assessment in some:
            started = time.perf_counter()
            peer_comparison(db.session, assessment)
            lookup_ms.append(1000 * (time.perf_counter() - started))
        db.session.remove()
    return {
        "snapshot_ms": statistics.median(snapshot_ms),
        "snapshot_max_ms": max(snapshot_ms),
        "lookup_ms": statistics.median(lookup_ms),
        "figures": figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    for backend in args.backends:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as work, _database(backend, Path(work)) as url:
                loaded = load(url, size)
                figures = measure(url, args.runs)
                print(
                    f"{backend:10} {size:>7} assessments (loaded in {loaded:.0f} s): snapshot "
                    f"{figures['snapshot_ms']:.0f} ms (max {figures['snapshot_max_ms']:.0f}), "
                    f"{figures['figures']:.0f} figures; page lookup {figures['lookup_ms']:.2f} ms",
                    flush=True,
                )


if __name__ == "__main__":
    main()
