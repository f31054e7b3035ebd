"""Benchmark: render the PDF report of random results of each questionnaire and print the times.

    .venv/bin/python bench/bench_pdf.py [--n 20] [--seed 1] [--limit 1.0]

Times the two steps a download takes after scoring: the HTML (template + server-drawn SVG
radar) and the PDF (WeasyPrint), in German and English, with the first (cold) render of the
process shown apart. Exits 1 if the median of a questionnaire exceeds ``--limit`` seconds
(the target of issue 7: under 1 s per report).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_scoring import random_answers  # noqa: E402
from flask import Flask  # noqa: E402

from zzcheck import create_app  # noqa: E402
from zzcheck.registry import current_registry  # noqa: E402
from zzcheck.report.content import Report  # noqa: E402
from zzcheck.report.pdf import html_to_pdf, report_html  # noqa: E402
from zzcheck.scoring import score  # noqa: E402

PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "yes"}


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
    totals = sorted(html + pdf for html, pdf, _cpu, _size in times)
    median = statistics.median(totals)
    print(
        f"{questionnaire_id}: {n} reports, median {median * 1000:.0f} ms "
        f"(html {statistics.median(t[0] for t in times) * 1000:.0f} ms + "
        f"pdf {statistics.median(t[1] for t in times) * 1000:.0f} ms), "
        f"min {totals[0] * 1000:.0f} ms, max {totals[-1] * 1000:.0f} ms, "
        f"CPU median {statistics.median(t[2] for t in times) * 1000:.0f} ms, "
        f"{statistics.mean(t[3] for t in times) / 1024:.0f} KiB each"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=1.0, help="seconds; exit 1 above")
    args = parser.parse_args()
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    rng = random.Random(args.seed)
    with app.test_request_context():
        ids = sorted(current_registry().questionnaires)
        cold = sum(timed_render(app, _one(ids[0], rng))[:2])  # wall time
        print(f"first report of the process (fonts, templates loaded): {cold * 1000:.0f} ms")
        medians = {qid: bench(app, qid, args.n, rng) for qid in ids}
    slow = [qid for qid, median in medians.items() if median > args.limit]
    if slow:
        sys.exit(f"median above {args.limit} s: {', '.join(slow)}")


def _one(questionnaire_id: str, rng: random.Random) -> Report:
    questionnaire = current_registry().questionnaires[questionnaire_id].questionnaire
    result = score(questionnaire, random_answers(rng, questionnaire), PROFILE)
    return Report(result, "de", datetime.now(UTC), "11/2026")


if __name__ == "__main__":
    main()
