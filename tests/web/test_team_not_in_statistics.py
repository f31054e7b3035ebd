"""Employees' team answers are no company's assessment: programme aggregates leave them out."""

from __future__ import annotations

import teamhelp
from flask import Flask
from teamhelp import answer_all, open_campaign, owner_check

from zzcheck.analytics.aggregate import AggregateQuery, aggregate
from zzcheck.analytics.privacy import ALL
from zzcheck.extensions import db
from zzcheck.registry import current_registry

QUESTIONNAIRES = teamhelp.TEAM


def test_team_answers_do_not_count_in_programme_aggregates(app: Flask) -> None:
    owners = [owner_check(app) for _ in range(3)]
    campaign_id, _link = open_campaign(app, owners[0][0])
    answer_all(app, campaign_id)  # 12 team answers, all completed
    with app.app_context():
        questionnaire = current_registry().get("teamcheck")
        assert questionnaire is not None
        dimensions = [d.id for d in questionnaire.questionnaire.dimensions]
        result = aggregate(
            db.session,
            AggregateQuery("teamcheck", ("size",)),
            dimensions=dimensions,
            centres={},
            k=3,
        )
    # the three owners' checks (size 10-49) and their total; team answers would form a group
    # "not given" of 12 and make the total 15
    assert [(row.values, row.n) for row in result.rows] == [(("10-49",), 3), ((ALL,), 3)]
