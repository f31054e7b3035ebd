"""How long a questionnaire takes, computed from its questions (never typed in a second
place, so the start page cannot contradict the questionnaire).

Each question type has a reading-and-answering time; the company profile before the
questions adds a minute. Questions with a ``show_if`` are asked only to some companies, so
the number of questions is a range: those always asked to all of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from zzcheck.questionnaire.model import Questionnaire

SECONDS = {"yesno": 10, "scale": 15, "single": 20, "number": 20, "multi": 30, "text": 45}
PROFILE_SECONDS = 60  # the five coarse profile questions before the first page


@dataclass(frozen=True)
class Estimate:
    """Questions asked at least and at most, and the minutes for the most (rounded up)."""

    fewest: int
    most: int
    minutes: int


def estimate(questionnaire: Questionnaire) -> Estimate:
    """The figures the start page shows for ``questionnaire``."""
    questions = questionnaire.questions
    always = [q for q in questions if q.show_if is None]
    seconds = PROFILE_SECONDS + sum(SECONDS.get(q.type, 20) for q in questions)
    return Estimate(fewest=len(always), most=len(questions), minutes=math.ceil(seconds / 60))
