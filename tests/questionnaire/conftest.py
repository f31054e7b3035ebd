"""Helpers for questionnaire tests: state a file inline, get its problems as printed lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from zzcheck.questionnaire import QuestionnaireError, clear_cache, load_file


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


@pytest.fixture
def problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[str]]:
    """Write ``text`` to ``t.yaml`` and return its problems as ``file:line: path: message``."""
    monkeypatch.chdir(tmp_path)

    def check(text: str) -> list[str]:
        Path("t.yaml").write_text(text, encoding="utf-8")
        try:
            load_file("t.yaml")
        except QuestionnaireError as error:
            return [str(issue) for issue in error.issues]
        return []

    return check
