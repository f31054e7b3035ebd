"""The start page's list of questionnaires: in the operator's order (``ZZCHECK_START_ORDER``,
ids separated by commas; by default the KI-Readiness-Check first), the others after it by
file name, each with its figures computed from its questions (``questionnaire.duration``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zzcheck.questionnaire.duration import Estimate, estimate
from zzcheck.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class Offer:
    questionnaire: Questionnaire
    estimate: Estimate


def in_order(questionnaires: Iterable[Questionnaire], order: str) -> list[Questionnaire]:
    """The configured ids first, in their order (unknown ids are ignored), then the rest."""
    wanted = [part.strip() for part in order.split(",") if part.strip()]
    rank = {qid: position for position, qid in enumerate(wanted)}
    listed = sorted(questionnaires, key=lambda q: q.id)
    return sorted(listed, key=lambda q: rank.get(q.id, len(rank)))


def offers(questionnaires: Iterable[Questionnaire], order: str) -> list[Offer]:
    return [Offer(q, estimate(q)) for q in in_order(questionnaires, order)]
