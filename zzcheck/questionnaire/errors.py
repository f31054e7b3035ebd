"""Problems found in a questionnaire file, each pointing at file, line and key path.

Every problem prints as ``file:line: path: message`` (like a compiler), so an author can jump
to it; a file's problems are collected and raised together in one :class:`QuestionnaireError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PathPart = str | int
KeyPath = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """``("sections", 0, "questions", 2, "weigth")`` → ``sections[0].questions[2].weigth``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "-"


@dataclass(frozen=True)
class Issue:
    """One problem in one file. ``path`` is already formatted (``-`` where none applies)."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class QuestionnaireError(Exception):
    """All problems of one or more files; ``str()`` gives one line per problem."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.issues)
