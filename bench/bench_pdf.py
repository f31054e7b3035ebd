"""Benchmark: render the PDF report of random results of each questionnaire and print the times.

    .venv/bin/python bench/bench_pdf.py [--n 20] [--seed 1] [--limit 1.0]

Times the two steps a download takes after scoring: the HTML (template + server-drawn SVG
radar) and the PDF (WeasyPrint), in German and English, with the first (cold) render of the
process shown apart. Then the team-campaign report of each questionnaire: 30 random answers
in 3 groups (10 management, 12 employees, 8 works council), analysed and turned into the
page's view objects (part of the HTML time; the database read is not timed). Exits 1 if the
median of a report exceeds ``--limit`` seconds (the target of issue 7: under 1 s per report).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_scoring import random_answers  # noqa: E402
from flask import Flask  # noqa: E402
from flask_babel import force_locale  # noqa: E402

from zzcheck import create_app  # noqa: E402
from zzcheck.questionnaire.model import Questionnaire  # noqa: E402
from zzcheck.registry import current_registry  # noqa: E402
from zzcheck.report.content import Report  # noqa: E402
from zzcheck.report.pdf import html_to_pdf, page_html, report_html, warm_up  # noqa: E402
from zzcheck.scoring import score  # noqa: E402
from zzcheck.storage.campaign_results import PartCount  # noqa: E402
from zzcheck.storage.team_models import Campaign  # noqa: E402
from zzcheck.team.analysis import analyse  # noqa: E402
from zzcheck.team.groups import AREAS, Respondent  # noqa: E402
from zzcheck.web.team.report import TEMPLATE, report_context  # noqa: E402
from zzcheck.web.team.results_page import part_view  # noqa: E402

PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "yes"}
TEAM = [("management", 10), ("employee", 12), ("works_council", 8)]  # 30 answers, 3 groups


def timed_render(app: Flask, report: Report) -> tuple[float, float, float, int]:
    """Seconds for the HTML, for the PDF, CPU seconds of both, and the PDF's size in bytes.

    CPU time shows the cost when other processes share the cores (wall time then grows)."""
    start, cpu = time.perf_counter(), time.process_time()
    html = report_html(report)
    middle = time.perf_counter()
    pdf = html_to_pdf(html, Path(app.static_folder or "static"))
    end = time.perf_counter()
    return middle - start, end - middle, time.process_time() - cpu, len(pdf)


def bench(app: Flask, questionnaire_id: str, n: int, rng: random.Random) -> float:
    """Render ``n`` reports (alternating languages); print the figures; return the median."""
    questionnaire = current_registry().questionnaires[questionnaire_id].questionnaire
    now = datetime.now(UTC)
    reports = [
        Report(
            score(questionnaire, random_answers(rng, questionnaire), PROFILE), lang, now, "11/2026"
        )
        for lang in ("de", "en") * (n // 2 + n % 2)
    ][:n]
    times = [timed_render(app, report) for report in reports]
    return _summary(questionnaire_id, times)


def _summary(name: str, times: list[tuple[float, float, float, int]]) -> float:
    """Print the medians of (html, pdf, cpu seconds, bytes) per report; return the total's."""
    n = len(times)
    totals = sorted(html + pdf for html, pdf, _cpu, _size in times)
    median = statistics.median(totals)
    print(
        f"{name}: {n} reports, median {median * 1000:.0f} ms "
        f"(html {statistics.median(t[0] for t in times) * 1000:.0f} ms + "
        f"pdf {statistics.median(t[1] for t in times) * 1000:.0f} ms), "
        f"min {totals[0] * 1000:.0f} ms, max {totals[-1] * 1000:.0f} ms, "
        f"CPU median {statistics.median(t[2] for t in times) * 1000:.0f} ms, "
        f"{statistics.mean(t[3] for t in times) / 1024:.0f} KiB each"
    )
    return median


def bench_team(app: Flask, questionnaire_id: str, n: int, rng: random.Random) -> float:
    """Render ``n`` team reports of 30 random answers (alternating languages); print the
    figures; return the median."""
    questionnaire = current_registry().questionnaires[questionnaire_id].questionnaire
    now = datetime.now(UTC)
    campaign = Campaign(created_at=now - timedelta(days=21), closes_at=now, closed_at=None)
    times = []
    for lang in (("de", "en") * n)[:n]:
        people = [
            _respondent(questionnaire, role, rng) for role, count in TEAM for _ in range(count)
        ]
        start, cpu = time.perf_counter(), time.process_time()
        results = analyse(questionnaire, people, 3)
        with force_locale(lang):
            part = part_view(1, questionnaire, PartCount(0, 30, 30), results, lang)
        html = page_html(TEMPLATE, lang, report_context(campaign, [part], "Bench GmbH", lang, now))
        middle = time.perf_counter()
        pdf = html_to_pdf(html, Path(app.static_folder or "static"))
        end = time.perf_counter()
        times.append((middle - start, end - middle, time.process_time() - cpu, len(pdf)))
    return _summary(f"team {questionnaire_id}", times)


def _respondent(questionnaire: Questionnaire, role: str, rng: random.Random) -> Respondent:
    answers = random_answers(rng, questionnaire)
    scores = {d.id: d.score for d in score(questionnaire, answers, PROFILE).dimensions}
    area = rng.choice(AREAS) if role == "employee" else None
    return Respondent(role, area, scores, answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=1.0, help="seconds; exit 1 above")
    args = parser.parse_args()
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    warm_up(Path(app.static_folder or "static"))  # as app.py does in a server's worker
    gc.freeze()  # as app.py does after start-up
    rng = random.Random(args.seed)
    with app.test_request_context():
        ids = sorted(current_registry().questionnaires)
        cold = sum(timed_render(app, _one(ids[0], rng))[:2])  # wall time
        print(
            f"first report of the process (after the warm-up: templates compiled): {cold * 1000:.0f} ms"
        )
        medians = {qid: bench(app, qid, args.n, rng) for qid in ids}
        medians |= {f"team {qid}": bench_team(app, qid, args.n, rng) for qid in ids}
    slow = [qid for qid, median in medians.items() if median > args.limit]
    if slow:
        sys.exit(f"median above {args.limit} s: {', '.join(slow)}")


def _one(questionnaire_id: str, rng: random.Random) -> Report:
    questionnaire = current_registry().questionnaires[questionnaire_id].questionnaire
    result = score(questionnaire, random_answers(rng, questionnaire), PROFILE)
    return Report(result, "de", datetime.now(UTC), "11/2026")


if __name__ == "__main__":
    main()
