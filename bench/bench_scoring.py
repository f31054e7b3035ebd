"""Benchmark: score 10,000 random answer sets on each questionnaire and print the rate.

    .venv/bin/python bench/bench_scoring.py [--n 10000] [--seed 1] [FOLDER]

Uses the files in ``questionnaires/`` (falls back to the scoring test fixture if none is
valid). Answer sets are generated before the clock starts; ``score`` and ``to_dict`` are
timed separately, since the web stores scores but renders the dict.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zzcheck.questionnaire.loader import load_file, load_many, questionnaire_files  # noqa: E402
from zzcheck.questionnaire.model import Question, Questionnaire  # noqa: E402
from zzcheck.scoring import check_answers, score  # noqa: E402
from zzcheck.scoring.answers import offered_ids  # noqa: E402

FALLBACK = ROOT / "tests" / "scoring" / "fixtures" / "rich.yaml"
PROFILES = [{}, {"works_council": "yes", "size": "10-49"}, {"works_council": "no", "size": "1-9"}]


def random_value(rng: random.Random, questionnaire: Questionnaire, question: Question) -> Any:
    """A valid random answer to one question."""
    if question.type in ("single", "scale", "yesno"):
        return rng.choice(offered_ids(questionnaire, question))
    if question.type == "multi":
        exclusive = [o.id for o in question.options if o.exclusive]
        plain = [i for i in offered_ids(questionnaire, question) if i not in exclusive]
        if exclusive and (not plain or rng.random() < 0.15):
            return [rng.choice(exclusive)]
        return rng.sample(plain, rng.randint(1, len(plain)))
    if question.type == "number":
        low, high = question.min or 0.0, question.max if question.max is not None else 1000.0
        return rng.randint(int(low), int(high))
    return "Anmerkung"


def random_answers(rng: random.Random, questionnaire: Questionnaire) -> dict[str, Any]:
    """About 85 % of the questions answered, hidden ones included (scoring ignores them)."""
    return {
        q.id: random_value(rng, questionnaire, q)
        for q in questionnaire.questions
        if rng.random() < 0.85
    }


def load(folder: Path) -> list[Questionnaire]:
    loaded, issues = load_many(questionnaire_files(folder)) if folder.is_dir() else ([], [])
    for issue in issues:
        print(f"skipped: {issue}", file=sys.stderr)
    if not loaded:
        print(f"no valid questionnaire in {folder}: using {FALLBACK.name}", file=sys.stderr)
        loaded = [load_file(FALLBACK)]
    return [item.questionnaire for item in loaded]


def bench(questionnaire: Questionnaire, n: int, rng: random.Random) -> float:
    """Score ``n`` answer sets; print the figures; return the seconds spent scoring."""
    answer_sets = [random_answers(rng, questionnaire) for _ in range(n)]
    assert all(not check_answers(questionnaire, a) for a in answer_sets[:100])
    start = time.perf_counter()
    results = [score(questionnaire, a, PROFILES[i % 3]) for i, a in enumerate(answer_sets)]
    scored = time.perf_counter() - start
    start = time.perf_counter()
    size = sum(len(json.dumps(r.to_dict("de"), sort_keys=True)) for r in results)
    dumped = time.perf_counter() - start
    print(
        f"{questionnaire.id} {questionnaire.version} ({len(questionnaire.questions)} questions): "
        f"score {n / scored:,.0f} answer sets/s ({scored:.2f} s); "
        f"+ to_dict + json.dumps {n / dumped:,.0f}/s ({dumped:.2f} s, "
        f"{size / n / 1024:.1f} KiB each)"
    )
    return scored + dumped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "questionnaires")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    total = sum(bench(q, args.n, rng) for q in load(args.folder))
    print(f"total time {total:.2f} s")


if __name__ == "__main__":
    main()
