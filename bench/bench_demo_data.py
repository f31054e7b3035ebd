"""Benchmark: ``flask --app app zzcheck demo-data --companies 10000`` on a fresh SQLite file.

    .venv/bin/python bench/bench_demo_data.py [--companies 10000] [--seed 1] [FOLDER]

Runs the real command (schema from the migrations, bulk inserts, a commit per batch) against
a temporary SQLite file, then times drawing and scoring the same companies without the
database, so the figures split into "generate + score" and "write".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from zzcheck import create_app  # noqa: E402
from zzcheck.extensions import db  # noqa: E402
from zzcheck.storage.demo import demo_batches  # noqa: E402
from zzcheck.storage.models import Answer, Assessment, DimensionScore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("folder", nargs="?", default=str(ROOT / "questionnaires"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bench.sqlite"
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                "ZZCHECK_QUESTIONNAIRES": args.folder,
            }
        )  # not TESTING: the schema comes from the migrations, as in production
        command = [
            "zzcheck",
            "demo-data",
            "--companies",
            str(args.companies),
            "--seed",
            str(args.seed),
        ]
        started = time.perf_counter()
        result = app.test_cli_runner().invoke(args=command)
        total = time.perf_counter() - started
        if result.exit_code != 0:
            raise SystemExit(result.output)
        with app.app_context():
            rows = {m.__tablename__: db.session.scalar(select(func.count()).select_from(m))
                    for m in (Assessment, Answer, DimensionScore)}  # fmt: skip
            loaded = list(app.extensions["zzcheck"].questionnaires.values())
            db.engine.dispose()
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    started = time.perf_counter()
    for _ in demo_batches(loaded, args.companies, args.seed):
        pass
    generate = time.perf_counter() - started
    print(f"questionnaires: {', '.join(item.questionnaire.id for item in loaded)}")
    print(f"rows: {rows}; SQLite file {size_mb:.1f} MB")
    print(f"demo-data --companies {args.companies}: {total:.2f} s "
          f"({args.companies / total:,.0f} assessments/s)")  # fmt: skip
    print(f"  generate + score (no database): {generate:.2f} s; write: {total - generate:.2f} s")
    print(f"  command output: {result.output.strip()}")


if __name__ == "__main__":
    main()
