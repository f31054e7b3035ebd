"""YAML questionnaire files → typed, validated :class:`Questionnaire` objects.

The pipeline: read (``yamlread``: safe, with lines) → shape (``shape``: pydantic) and
whole-file checks (``validation``) → one :class:`QuestionnaireError` with every problem, or a
:class:`LoadedQuestionnaire`. Files are cached by (path, mtime, size): parsed once, not per
request; editing a file gives a new content hash, so stored responses stay pinned.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zzcheck.questionnaire.errors import Issue, QuestionnaireError
from zzcheck.questionnaire.legal import LegalFacts, apply_legal, facts_beside
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.questionnaire.rawdata import fill_need_topics
from zzcheck.questionnaire.shape import validate_shape
from zzcheck.questionnaire.validation import cross_check
from zzcheck.questionnaire.yamlread import MAX_BYTES, read_yaml, too_large

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A valid questionnaire plus what pins a response to it: the YAML text and its hash."""

    questionnaire: Questionnaire
    source: str
    content_hash: str
    path: str

    def summary(self) -> str:
        """``ki-readiness 1.0: 28 questions, 7 dimensions, questionnaires/ki-readiness.yaml``"""
        q = self.questionnaire
        counts = f"{len(q.questions)} questions, {len(q.dimensions)} dimensions"
        return f"{q.id} {q.version}: {counts}, {self.path}"


def load_text(text: str, filename: str, legal: LegalFacts | None = None) -> LoadedQuestionnaire:
    """Validate YAML ``text``; problems name ``filename``. Raises :class:`QuestionnaireError`.

    ``legal``: the facts its ``((legal:key))`` placeholders refer to (``legal.py``); the
    snapshot kept as ``source`` then carries the facts used, so it loads without them.
    """
    doc = read_yaml(text, filename)
    if ("version",) in doc.numbers_as_written:  # `version: 1.10` stays "1.10", not "1.1"
        doc.data["version"] = doc.numbers_as_written[("version",)]
    source, legal_issues = apply_legal(doc, text, filename, legal)
    filled = fill_need_topics(doc.data)
    questionnaire, issues = validate_shape(doc.data, doc, filename)
    issues = doc.issues + legal_issues + issues + cross_check(doc, filename, filled)
    if issues or questionnaire is None:
        raise QuestionnaireError(sorted(issues, key=lambda issue: issue.line))
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return LoadedQuestionnaire(questionnaire, source, digest, filename)


_Stamp = tuple[int, int, int, int]  # the file's and _legal.yaml's mtime and size
_cache: dict[str, tuple[_Stamp, LoadedQuestionnaire | QuestionnaireError]] = {}
_cache_lock = threading.Lock()


def load_file(path: str | os.PathLike[str]) -> LoadedQuestionnaire:
    """Load one file (cached by absolute path, mtime and size, and those of the ``_legal.yaml``
    beside it); its ``id`` must be its stem."""
    name = str(path)
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise QuestionnaireError(
            [Issue(name, 1, "-", f"cannot read the file: {exc.strerror}")]
        ) from None
    legal, legal_stamp = facts_beside(path)
    key, stamp = os.path.abspath(path), (stat.st_mtime_ns, stat.st_size, *legal_stamp)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, _load_uncached(Path(path), name, stat.st_size, legal))
        with _cache_lock:
            _cache[key] = cached
    if isinstance(cached[1], QuestionnaireError):
        raise cached[1]
    return cached[1]


def _load_uncached(
    path: Path, name: str, size: int, legal: LegalFacts | None
) -> LoadedQuestionnaire | QuestionnaireError:
    if size > MAX_BYTES:
        return QuestionnaireError([too_large(name, size)])
    try:
        text = path.read_bytes().decode("utf-8")
        loaded = load_text(text, name, legal)
    except UnicodeDecodeError as exc:
        return QuestionnaireError(
            [Issue(name, 1, "-", f"the file is not UTF-8 text ({exc.reason})")]
        )
    except OSError as exc:
        return QuestionnaireError([Issue(name, 1, "-", f"cannot read the file: {exc.strerror}")])
    except QuestionnaireError as exc:
        return exc
    if loaded.questionnaire.id != path.stem:
        line = _line_of_id(text)
        message = f"the id '{loaded.questionnaire.id}' must equal the file name '{path.stem}'"
        return QuestionnaireError([Issue(name, line, "id", message)])
    return loaded


def _line_of_id(text: str) -> int:
    lines = text.splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.startswith("id:")), 1)


def clear_cache() -> None:
    """Forget all cached files (tests, benchmarks)."""
    with _cache_lock:
        _cache.clear()


def questionnaire_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The ``*.yaml`` and ``*.yml`` files directly in ``folder``, sorted by name; a name
    starting with ``_`` is configuration (``_centres.yaml``), not a questionnaire."""
    return sorted(
        p
        for p in Path(folder).iterdir()
        if p.suffix in SUFFIXES and p.is_file() and not p.name.startswith("_")
    )


def load_folder(folder: str | os.PathLike[str]) -> dict[str, LoadedQuestionnaire]:
    """All questionnaires of ``folder`` by id; raises one error with the problems of all files."""
    if not Path(folder).is_dir():
        raise QuestionnaireError([Issue(str(folder), 1, "-", "not a folder")])
    loaded, issues = load_many(questionnaire_files(folder))
    if issues:
        raise QuestionnaireError(issues)
    return {item.questionnaire.id: item for item in loaded}


def load_many(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[LoadedQuestionnaire], list[Issue]]:
    """Load each file, collecting the valid ones and the problems of all (duplicate ids too)."""
    loaded: list[LoadedQuestionnaire] = []
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            item = load_file(path)
        except QuestionnaireError as exc:
            issues.extend(exc.issues)
            continue
        qid = item.questionnaire.id
        if qid in seen:
            line = _line_of_id(item.source)
            issues.append(
                Issue(item.path, line, "id", f"the id '{qid}' is already used by {seen[qid]}")
            )
            continue
        seen[qid] = item.path
        loaded.append(item)
    return loaded, list(dict.fromkeys(issues))  # a bad _legal.yaml: once, not once per file


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[LoadedQuestionnaire], list[Issue]]:
    """``validate``: load files and the questionnaire files of folders, all problems at once."""
    files: list[Path] = []
    issues: list[Issue] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = questionnaire_files(path)
            if not found:
                issues.append(Issue(str(path), 1, "-", "no *.yaml or *.yml files in this folder"))
            files.extend(found)
        else:
            files.append(path)
    loaded, more = load_many(files)
    return loaded, issues + more
