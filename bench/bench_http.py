"""Throughput of the respondent pages under gunicorn, measured with wrk in one run (issue 3).

Run: .venv/bin/python bench/bench_http.py [--database sqlite|postgresql] [--seconds 10]
     [--connections 8] [--worker-class gthread|sync] [--companies 1000] [--profile]

Prepares a database (``demo-data`` companies plus one completed ``ki-readiness`` assessment
answered over HTTP), starts gunicorn with 2 workers on 127.0.0.1 and measures, one after the
other with the same wrk settings: the bare route ``/healthz`` (one ``SELECT 1``), the start
page ``/`` (a template, no query: the cost of any page), the result page (opened again: served
as stored, ``zzcheck.web.result_store``), the result page rendered on every request (a query
string keeps it from being stored: the cost of a first view), and saving a page of
answers (POST with session cookie and CSRF token, rotating over 40 assessments). Prints
requests/s, p50/p95/p99 and errors per route, the ratios of the result page to the bare route
(target >= 0.5) and to the start page, the gzip-compressed bytes of a first visit of the
result page and how long browsers cache plotly.js. wrk shares the 2 cores with the server:
compare ratios within one run. Needs ``wrk`` (Debian: apt-get install -y wrk).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from benchsetup import ROOT, Visit, answer_all, questionnaires, running_server, settle
from journeyhelp import PROFILE, choose
from webpage import form_of, parse

from zzcheck.questionnaire.model import Questionnaire

SCRIPT = ROOT / "bench" / "wrk_report.lua"
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')
SAVE_TARGETS = 40
WARM_UP = 5  # seconds per route: the first result page of a process loads the hyphenation
GZIP_LEVEL = 6  # what nginx's gzip_comp_level 6 sends
BARE, START, RESULT, SAVE = "bare route GET /healthz", "start page GET /", "result page", "save"
RENDERED = "result page rendered"  # a query string: never served as stored


def main() -> None:
    args = _arguments()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with running_server(args.database, args.companies, args.worker_class) as (server, url, tmp):
        result_path = run(server.url, args, tmp, url)
        if args.profile:
            from bench_profile import profile_page

            profile_page(url, result_path + "?neu")  # the rendering, not the stored page


def run(base: str, args: argparse.Namespace, tmp: Path, database_url: str) -> str:
    """Prepare the pages, run wrk on each route, print the figures; the result page's path."""
    rng = random.Random(1)
    questionnaire = questionnaires()["ki-readiness"]
    visit = Visit(base)
    result_path = f"/a/{answer_all(visit, questionnaire, rng, PROFILE)}/ergebnis"
    routes = {
        BARE: {"WRK_PATHS": _write(tmp / "bare", "/healthz")},
        START: {"WRK_PATHS": _write(tmp / "start", "/")},
        RESULT: {"WRK_PATHS": _write(tmp / "result", result_path)},
        RENDERED: {"WRK_PATHS": _write(tmp / "rendered", result_path + "?neu")},
        SAVE: save_request(visit, questionnaire, rng, tmp),
    }
    settle(database_url)
    figures = {name: wrk(base, env, args) for name, env in routes.items()}
    print_table(figures)
    result = figures[RESULT]["rps"]
    print(f"ratio result page / bare route: {result / figures[BARE]['rps']:.3f} (target >= 0.5)")
    print(f"ratio result page / start page: {result / figures[START]['rps']:.3f}")
    rendered = figures[RENDERED]["rps"] / figures[BARE]["rps"]
    print(f"ratio result page rendered each time / bare route: {rendered:.3f}")
    first_visit(base, result_path)
    return result_path


def save_request(
    visit: Visit, questionnaire: Questionnaire, rng: random.Random, tmp: Path
) -> dict[str, str]:
    """wrk settings for saving page 1 of SAVE_TARGETS assessments of one browser session
    (one session cookie, one CSRF token); checks once that such a POST saves (303)."""
    tokens = [visit.start(questionnaire.id, PROFILE) for _ in range(SAVE_TARGETS)]
    form = form_of(parse(visit.get(f"/a/{tokens[0]}/1").text), "questions")
    body = urlencode(form.submit(choose(questionnaire, form, rng), "next"), doseq=True)
    content_type = "application/x-www-form-urlencoded"
    check = visit.http.post(
        f"{visit.base}/a/{tokens[0]}/1",
        data=body,
        headers={"Content-Type": content_type},
        allow_redirects=False,
        timeout=30,
    )
    assert check.status_code == 303, (check.status_code, check.text[:500])
    cookie = "; ".join(f"{c.name}={c.value}" for c in visit.http.cookies)
    return {
        "WRK_METHOD": "POST",
        "WRK_PATHS": _write(tmp / "save", "\n".join(f"/a/{t}/1" for t in tokens)),
        "WRK_BODY": _write(tmp / "save.body", body),
        "WRK_HEADERS": _write(tmp / "save.head", f"Content-Type: {content_type}\nCookie: {cookie}"),
    }


def _write(path: Path, text: str) -> str:
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def wrk(base: str, env: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    """Warm up, then measure for ``args.seconds``; the figures of the wrk script's JSON line.

    ``errors`` counts failed connections, reads, writes, timeouts and 4xx/5xx answers."""
    for seconds in (WARM_UP, args.seconds):
        command = ["wrk", "-t1", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "10s"]
        done = subprocess.run(
            [*command, "-s", str(SCRIPT), base],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
        if done.returncode != 0:
            raise SystemExit(f"wrk failed: {done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def print_table(figures: dict[str, dict[str, float]]) -> None:
    print(f"{'route':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, f in figures.items():
        p50, p95, p99 = (f[key] / 1000 for key in ("p50_us", "p95_us", "p99_us"))
        row = f"{f['rps']:8.1f} {p50:8.1f} {p95:8.1f} {p99:8.1f} {f['errors']:7.0f}"
        print(f"{name:<24} {row}")


def first_visit(base: str, result_path: str) -> None:
    """Bytes a first visit of the result page transfers (HTML, CSS, JS), raw and gzipped."""
    visit = Visit(base)
    page = visit.get(result_path).content
    total = [len(page), len(gzip.compress(page, GZIP_LEVEL))]
    print(f"first visit of the result page (gzip level {GZIP_LEVEL}):")
    print(f"  {'HTML':<50} {total[0]:>9} B {total[1]:>8} B gzip")
    plotly_cache = "(no plotly.js on the page)"
    for url in ASSET.findall(page.decode()):
        response = visit.get(url)
        sizes = [len(response.content), len(gzip.compress(response.content, GZIP_LEVEL))]
        total = [total[0] + sizes[0], total[1] + sizes[1]]
        print(f"  {url[:50]:<50} {sizes[0]:>9} B {sizes[1]:>8} B gzip")
        if "plotly.min.js" in url:
            plotly_cache = response.headers.get("Cache-Control", "")
    print(f"  {'total':<50} {total[0]:>9} B {total[1]:>8} B gzip")
    age = re.search(r"max-age=(\d+)", plotly_cache)
    days = int(age.group(1)) / 86400 if age else 0
    print(f"plotly.js Cache-Control: {plotly_cache!r} ({days:.0f} days)")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--worker-class", choices=["gthread", "sync"], default="gthread")
    parser.add_argument("--profile", action="store_true", help="profile the result page")
    return parser.parse_args()


if __name__ == "__main__":
    main()
