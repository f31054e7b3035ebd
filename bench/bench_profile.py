"""Where a page's time goes: pyinstrument over repeated requests in-process (test client).

Used by ``bench_http.py --profile``; on its own:
    .venv/bin/python bench/bench_profile.py DATABASE_URL PATH [REQUESTS]
(e.g. the SQLite file and result page that a ``bench_http.py`` run prepared).
"""

from __future__ import annotations

import sys
import time

from benchsetup import ROOT
from pyinstrument import Profiler

from zzcheck import create_app


def profile_page(database_url: str, path: str, requests: int = 100) -> None:
    """Request ``path`` ``requests`` times (after one warm-up) and print the profile."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "ZZCHECK_QUESTIONNAIRES": str(ROOT / "questionnaires"),
        }
    )
    client = app.test_client()
    assert client.get(path).status_code == 200, path
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(requests):
            client.get(path)
    elapsed = (time.perf_counter() - started) / requests * 1000
    print(f"\nprofile of GET {path[:12]}… ({requests} requests, {elapsed:.1f} ms each in-process)")
    print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False))


if __name__ == "__main__":
    profile_page(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 100)
