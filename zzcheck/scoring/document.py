"""The answers document that the ``score`` command (and an API client) sends.

``{"answers": {question id: value, …}, "profile": {"size": "10-49", …}}``; ``profile`` is
optional. Checking the shape here keeps the CLI thin and gives one clear message per fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class AnswersDocument:
    answers: dict[str, object]
    profile: dict[str, str]


def parse_answers_document(text: str) -> AnswersDocument:
    """Parse and shape-check the JSON text; ``ValueError`` says what is wrong and where."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError('expected a JSON object with an "answers" object')
    unknown = sorted(set(data) - {"answers", "profile"})
    if unknown:
        raise ValueError(f"unknown top-level key(s): {', '.join(unknown)}")
    profile = data.get("profile") or {}
    if not isinstance(profile, dict) or not all(isinstance(v, str) for v in profile.values()):
        raise ValueError('"profile" must be an object of text values, e.g. {"size": "10-49"}')
    return AnswersDocument(answers=data["answers"], profile=profile)
