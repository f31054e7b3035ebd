"""Domain errors of the storage services; views turn them into 4xx pages, never a 500."""

from __future__ import annotations

from collections.abc import Sequence


class AssessmentError(Exception):
    """Base of all errors a service raises on a request it must refuse."""


class AssessmentClosed(AssessmentError):
    """The assessment is completed: its answers can no longer change."""


class InvalidAnswers(AssessmentError):
    """Answers that do not fit their questions (tampered option, wrong type, out of range)."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


class MissingAnswers(AssessmentError):
    """Required questions (of the shown ones) are still unanswered."""

    def __init__(self, question_ids: Sequence[str]) -> None:
        self.question_ids = list(question_ids)
        super().__init__("required questions unanswered: " + ", ".join(self.question_ids))


class InvalidProfile(AssessmentError):
    """A company profile with an unknown field or code."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))
