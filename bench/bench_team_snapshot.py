"""Benchmark: what storing a team campaign's results costs, against computing them per view.

    .venv/bin/python bench/bench_team_snapshot.py [--sizes 30 100 300] [--reads 20]

Per campaign size (completed answers to ``qualifizierung``, the questionnaire with a needs
table, in three role groups, on a SQLite file): the old cost of every view (read the answers,
analyse), the one-off cost of closing (the same, plus storing the JSON), the cost of every
later view (read the stored row, rebuild the results) and the stored size. Medians of
``--reads`` runs.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_scoring import random_answers, random_value  # noqa: E402
from sqlalchemy import delete  # noqa: E402

from zzcheck import create_app  # noqa: E402
from zzcheck.extensions import db  # noqa: E402
from zzcheck.questionnaire.model import Questionnaire  # noqa: E402
from zzcheck.registry import current_registry  # noqa: E402
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment  # noqa: E402
from zzcheck.storage.campaign_answers import join_campaign  # noqa: E402
from zzcheck.storage.campaign_results import final_results, respondents, take_snapshot  # noqa: E402
from zzcheck.storage.campaigns import close_campaign, open_owner_campaign  # noqa: E402
from zzcheck.storage.models import utcnow  # noqa: E402
from zzcheck.storage.team_models import Campaign, CampaignSnapshot  # noqa: E402
from zzcheck.storage.versions import questionnaire_of_version  # noqa: E402
from zzcheck.team.analysis import analyse  # noqa: E402
from zzcheck.team.groups import AREAS  # noqa: E402

QUESTIONNAIRE = "qualifizierung"
PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "yes"}
ROLES = ("management", "employee", "employee", "employee", "works_council")


def answers(rng: random.Random, questionnaire: Questionnaire) -> dict[str, Any]:
    """Random answers with every required question answered."""
    found = random_answers(rng, questionnaire)
    for question in questionnaire.questions:
        if question.required and question.id not in found:
            found[question.id] = random_value(rng, questionnaire, question)
    return found


def campaign_with(n: int, rng: random.Random) -> int:
    loaded = current_registry().get(QUESTIONNAIRE)
    assert loaded is not None
    owner, _token = start_assessment(db.session, loaded, PROFILE)
    save_page(db.session, owner, answers(rng, loaded.questionnaire), [], 99)
    complete_assessment(db.session, owner)
    campaign, _link = open_owner_campaign(db.session, owner, [loaded], utcnow() + timedelta(days=7))
    for i in range(n):
        role = ROLES[i % len(ROLES)]
        area = rng.choice(AREAS) if role == "employee" else None
        answer = join_campaign(db.session, campaign, role, area, secrets.token_urlsafe(16))
        save_page(db.session, answer, answers(rng, loaded.questionnaire), [], 99)
        complete_assessment(db.session, answer)
    db.session.commit()
    return campaign.id


def median_ms(run: Callable[[], object], reads: int) -> float:
    times = []
    for _ in range(reads):
        db.session.expire_all()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def measure(campaign_id: int, reads: int) -> str:
    campaign = db.session.get(Campaign, campaign_id)
    assert campaign is not None
    questionnaire = questionnaire_of_version(campaign.versions[0])

    def recompute() -> object:
        return analyse(questionnaire, respondents(db.session, campaign, 0), campaign.min_group_size)

    per_view = median_ms(recompute, reads)
    close_campaign(db.session, campaign)
    db.session.commit()

    def snapshot_again() -> object:
        db.session.execute(delete(CampaignSnapshot))
        stored = take_snapshot(db.session, campaign)
        db.session.rollback()
        return stored

    closing = median_ms(snapshot_again, reads)
    stored_view = median_ms(lambda: final_results(db.session, campaign), reads)
    row = db.session.get(CampaignSnapshot, campaign_id)
    assert row is not None
    size = len(json.dumps(row.data))
    return (
        f"per view before {per_view:6.1f} ms · closing once {closing:6.1f} ms · "
        f"per view now {stored_view:5.1f} ms · stored {size / 1024:.1f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300])
    parser.add_argument("--reads", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            db.create_all()
            for n in args.sizes:
                print(f"{n:4d} answers: {measure(campaign_with(n, rng), args.reads)}")


if __name__ == "__main__":
    main()
