"""The funding logos an operator shows in every page's footer: configuration, never shipped.

``ZZCHECK_LOGOS`` names a YAML file listing the logos, each image file beside it::

    logos:
      - {file: bmas.svg, alt: {de: "Bundesministerium für Arbeit und Soziales", en: "…"}}
      - {file: esf-plus.png, alt: "Europäische Union – ESF Plus"}

Read once at start-up with the questionnaires' safe YAML reader and checked with pydantic;
every problem is reported at once as ``file:line: path: message``. Plain Python (no Flask).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zzcheck.questionnaire.errors import Issue, QuestionnaireError, format_path
from zzcheck.questionnaire.model import Text
from zzcheck.questionnaire.shape import describe
from zzcheck.questionnaire.yamlread import read_yaml

IMAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpg|jpeg|webp)")
MIMETYPES = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg"} | {
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}


class Logo(BaseModel):
    """One logo: an image file in the list's folder and its text alternative (required)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: Annotated[str, Field(pattern=IMAGE.pattern, max_length=100)]
    alt: Text


class _LogosFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    logos: tuple[Logo, ...]


class Logos:
    """The configured logos in file order, and the folder their files are served from."""

    def __init__(self, logos: tuple[Logo, ...] = (), folder: Path | None = None) -> None:
        self.logos = logos
        self.folder = folder

    def path_of(self, filename: str) -> Path | None:
        """The file of a listed logo, or None (only listed files are ever served)."""
        if self.folder is None or filename not in {logo.file for logo in self.logos}:
            return None
        return self.folder / filename


def load_logos(path: str | Path | None) -> Logos:
    """The logos listed in ``path`` (none when unset); raise ``QuestionnaireError`` with every
    problem: a bad shape, a file name that is no image, a listed file that is missing."""
    if not path:
        return Logos()
    name = str(path)
    try:
        doc = read_yaml(Path(path).read_text(encoding="utf-8"), name)
    except OSError as exc:
        problem = Issue(name, 1, "-", f"cannot read the file: {exc.strerror}")
        raise QuestionnaireError([problem]) from None
    try:
        parsed = _LogosFile.model_validate(doc.data)
    except ValidationError as exc:
        issues = []
        for error in exc.errors(include_url=False):
            key, message = describe(error)
            issues.append(Issue(name, doc.line_for(key), format_path(key), message))
        raise QuestionnaireError(issues) from None
    folder = Path(path).resolve().parent
    missing = [
        Issue(name, doc.line_for(("logos", n)), format_path(("logos", n, "file")), "no such file")
        for n, logo in enumerate(parsed.logos)
        if not (folder / logo.file).is_file()
    ]
    if missing:
        raise QuestionnaireError(missing)
    return Logos(parsed.logos, folder)
