"""Benchmark: programme aggregates with 10,000 and 100,000 completed assessments.

    .venv/bin/python bench/bench_analytics.py [--sizes 10000 100000] [--runs 7] [--seed 1]
        [--keep DIR]

For each size and backend (SQLite; PostgreSQL too when ZZCHECK_TEST_POSTGRES_URL is set,
in a database of its own that is dropped afterwards) the demo data is created with the real
``demo-data`` command, all of it for one questionnaire (ki-readiness), the hard case. A
fresh process then measures, as the server would see it:

* the state × size aggregate (the service behind the page: SQL, pandas, suppression),
  median of --runs after one warm-up; target < 300 ms,
* the whole programme page for state × size (aggregate, trend and state aggregates,
  charts, HTML) through the test client,
* an XLSX export grouped by state × industry × size (aggregate + workbook); target < 5 s,
* the peak RSS of that process; target < 400 MB.

With --keep DIR the loaded databases are kept and reused by later runs with the same DIR and
seed (SQLite files in DIR, PostgreSQL databases ``zzcheck_bench_<size>_<seed>``): the load
takes minutes per backend, a measurement seconds. They keep the schema they were made with:
drop them by hand after a schema change.

PostgreSQL gets ANALYZE after the load (autovacuum would do it on a server). Figures and the
growth from the smallest to the largest size are printed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONNAIRE = "ki-readiness"
TARGETS = {"aggregate_ms": 300.0, "xlsx_s": 5.0, "rss_mb": 400.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the databases here and reuse them")
    args = parser.parse_args()
    postgres = os.environ.get("ZZCHECK_TEST_POSTGRES_URL")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "questionnaires"
        folder.mkdir()
        shutil.copy(ROOT / "questionnaires" / f"{QUESTIONNAIRE}.yaml", folder)
        shutil.copy(ROOT / "questionnaires" / "_centres.yaml", folder)
        store = args.keep or Path(tmp)
        store.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            url = f"sqlite:///{store.resolve()}/bench-{size}-{args.seed}.sqlite"
            results.append(_bench("sqlite", url, folder, size, args, store))
            if postgres:
                name = f"zzcheck_bench_{size}_{args.seed}" if args.keep else None
                with _postgres_database(postgres, name) as url:
                    results.append(_bench("postgresql", url, folder, size, args, store))
    _report(results)


def _bench(
    backend: str, url: str, folder: Path, size: int, args: argparse.Namespace, store: Path
) -> dict[str, object]:
    loaded = store / f"{backend}-{size}-{args.seed}.loaded"  # written after a full load
    if loaded.exists():
        print(f"== {backend}, {size:,} assessments: reusing kept data", flush=True)
        load_s = float(loaded.read_text())
    else:
        print(f"== {backend}, {size:,} assessments: creating demo data …", flush=True)
        started = time.perf_counter()
        _child("load", url, folder, size, args)
        load_s = time.perf_counter() - started
        loaded.write_text(str(load_s))
    figures = json.loads(_child("measure", url, folder, size, args))
    figures.update(backend=backend, size=size, load_s=load_s)
    print(json.dumps(figures), flush=True)
    return figures


def _child(task: str, url: str, folder: Path, size: int, args: argparse.Namespace) -> str:
    """Run a task in a fresh interpreter (its peak RSS is the server's, not the loader's)."""
    command = [
        sys.executable,
        __file__,
        "--child",
        task,
        url,
        str(folder),
        str(size),
        str(args.runs),
        str(args.seed),
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


class _postgres_database:
    """A database of its own on the test server: a fresh one dropped afterwards, or the
    kept one of ``name`` (created if missing)."""

    def __init__(self, server_url: str, name: str | None) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        url = server_url.replace("postgresql://", "postgresql+psycopg://", 1)
        self.kept = name is not None
        self.name = name or f"zzcheck_bench_{secrets.token_hex(4)}"
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.url = make_url(url).set(database=self.name).render_as_string(hide_password=False)

    def __enter__(self) -> str:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": self.name}
            ).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        return self.url

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import text

        if not self.kept:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def _app(url: str, folder: str):  # type: ignore[no-untyped-def]
    from zzcheck import create_app

    config = {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
              "ZZCHECK_QUESTIONNAIRES": folder, "WTF_CSRF_ENABLED": False}  # fmt: skip
    return create_app(config)


def _load(url: str, folder: str, size: int, seed: int) -> None:
    from sqlalchemy import text

    from zzcheck.extensions import db

    app = _app(url, folder)
    with app.app_context():
        db.create_all()
    command = ["zzcheck", "demo-data", "--companies", str(size), "--seed", str(seed)]
    result = app.test_cli_runner().invoke(args=command)
    if result.exit_code != 0:
        raise SystemExit(result.output)
    if url.startswith("postgresql"):
        with (
            app.app_context(),
            db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn,
        ):
            conn.execute(text("ANALYZE"))


def _measure(url: str, folder: str, runs: int) -> dict[str, float]:
    import resource

    from zzcheck.analytics import export
    from zzcheck.analytics.aggregate import AggregateQuery
    from zzcheck.analytics.setting import Setting, run
    from zzcheck.extensions import db
    from zzcheck.registry import current_registry

    app = _app(url, folder)
    with app.app_context():
        registry = current_registry()
        loaded = registry.get(QUESTIONNAIRE)
        assert loaded is not None
        setting = Setting(loaded.questionnaire, registry.centres, 5)
        query = AggregateQuery(QUESTIONNAIRE, ("state", "size"))
        aggregate_ms = _median_ms(lambda: run(db.session, query, setting), runs)
        wide = AggregateQuery(QUESTIONNAIRE, ("state", "industry", "size"))
        started = time.perf_counter()
        agg = run(db.session, wide, setting)
        workbook = export.to_xlsx(agg, setting.titles(), "de", setting.centre_names())
        xlsx_s = time.perf_counter() - started
        db.session.remove()
    page_ms = _page_ms(app, runs)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "aggregate_ms": aggregate_ms,
        "page_ms": page_ms,
        "xlsx_s": xlsx_s,
        "xlsx_rows": len(agg.rows),
        "xlsx_kb": len(workbook) / 1024,
        "rss_mb": rss_mb,
    }


def _median_ms(task, runs: int) -> float:  # type: ignore[no-untyped-def]
    task()  # warm-up: imports, first connection, parsed questionnaire
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        task()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _page_ms(app, runs: int) -> float:  # type: ignore[no-untyped-def]
    """GET /programm/ for state × size as a logged-in programme user (test client)."""
    from zzcheck.extensions import db
    from zzcheck.registry import current_registry
    from zzcheck.storage.accounts import create_user, find_user

    with app.app_context():
        if find_user(db.session, "bench@example.org") is None:  # a kept database has it
            create_user(db.session, "bench@example.org", "programme", None, "bench-password-123",
                        centres=current_registry().centres)  # fmt: skip
        db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": "bench-password-123"})
    url = f"/programm/?questionnaire={QUESTIONNAIRE}&by=state&by2=size"

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return _median_ms(get, max(3, runs // 2))


def _report(results: list[dict[str, object]]) -> None:
    print("\nbackend     assessments  load s  aggregate ms  page ms  xlsx s (rows)  peak RSS MB")
    for r in results:
        print(
            f"{r['backend']:<11} {r['size']:>11,} {r['load_s']:>7.1f} {r['aggregate_ms']:>13.0f} "
            f"{r['page_ms']:>8.0f} {r['xlsx_s']:>7.2f} ({r['xlsx_rows']}) {r['rss_mb']:>12.0f}"
        )
    for backend in sorted({str(r["backend"]) for r in results}):
        rows = sorted(
            (r for r in results if r["backend"] == backend), key=lambda r: int(str(r["size"]))
        )
        if len(rows) < 2:
            continue
        small, big = rows[0], rows[-1]
        factor = int(str(big["size"])) / int(str(small["size"]))
        growth = ", ".join(
            f"{key} ×{float(str(big[key])) / float(str(small[key])):.1f}"
            for key in ("aggregate_ms", "page_ms", "xlsx_s", "rss_mb")
        )
        print(f"{backend}: {small['size']:,} → {big['size']:,} (×{factor:.0f} data): {growth}")
    misses = [
        f"{r['backend']} {r['size']:,}: {key} {float(str(r[key])):.1f} > {limit}"
        for r in results if int(str(r["size"])) >= 100_000
        for key, limit in TARGETS.items() if float(str(r[key])) > limit
    ]  # fmt: skip
    print(
        "targets at 100,000 (aggregate < 300 ms, XLSX < 5 s, RSS < 400 MB):",
        "; ".join(misses) or "all met",
    )


def _child_main(argv: list[str]) -> None:
    task, url, folder, size, runs, seed = argv
    if task == "load":
        _load(url, folder, int(size), int(seed))
    else:
        print(json.dumps(_measure(url, folder, int(runs))))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child_main(sys.argv[2:])
    else:
        main()
