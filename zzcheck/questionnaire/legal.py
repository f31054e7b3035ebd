"""Legal facts stated once, in ``_legal.yaml`` beside the questionnaires, and the
``((legal:key))`` placeholders that questionnaire texts use to refer to them.

A fact has a German and an English text (a date phrase or a short statement), its source and
the day it was checked; the "Rechtsstand" of every questionnaire is the newest ``checked``
month. When a questionnaire file is loaded, each placeholder becomes the fact's text in the
language of the text it stands in (``en`` texts get the English one), and the facts used are
frozen into the stored snapshot (a ``legal_snapshot`` block appended to the YAML text): an
assessment keeps showing the wording of its version even after ``_legal.yaml`` changes, and a
changed fact gives the file a new content hash, so new checks get the new wording.

Plain Python (no Flask, no SQL), read with the questionnaires' safe YAML reader.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zzcheck.questionnaire.errors import Issue, KeyPath, QuestionnaireError, format_path
from zzcheck.questionnaire.shape import describe, did_you_mean
from zzcheck.questionnaire.yamlread import MAX_BYTES, YamlDoc, read_yaml, too_large

FILENAME = "_legal.yaml"
SNAPSHOT_KEY = "legal_snapshot"
PLACEHOLDER = re.compile(r"\(\(legal:([^()\s]*)\)\)")
_KEY = r"^[a-z0-9]+(_[a-z0-9]+)*$"
_Line = Annotated[str, Field(min_length=1)]
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*(#.*)?$", re.MULTILINE)


class Fact(BaseModel):
    """One dated legal fact: its text in German and English, where it comes from, and the
    day someone last checked it against the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    de: _Line
    en: _Line
    source: _Line
    checked: date


class _LegalFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: dict[Annotated[str, Field(pattern=_KEY)], Fact]


@dataclass(frozen=True)
class LegalFacts:
    """The texts of the facts by key and the Rechtsstand (``MM/YYYY``) they add up to."""

    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (de, en)
    status: str | None = None

    def text(self, key: str, lang: str) -> str | None:
        """The fact's text in ``lang`` (English for ``en``, German otherwise), None if unknown."""
        found = self.texts.get(key)
        return None if found is None else found[1 if lang == "en" else 0]


def parse_legal(text: str, filename: str) -> LegalFacts:
    """Check the YAML ``text`` of a facts file; raise :class:`QuestionnaireError` with every
    problem (``file:line: path: message``)."""
    doc = read_yaml(text, filename)
    try:
        parsed = _LegalFile.model_validate(doc.data)
    except ValidationError as exc:
        issues = doc.issues + [_issue(doc, filename, e) for e in exc.errors(include_url=False)]
        raise QuestionnaireError(sorted(issues, key=lambda issue: issue.line)) from None
    raw = {key: (fact.de, fact.en) for key, fact in parsed.facts.items()}
    texts, issues = _nested(raw, doc, filename)
    if doc.issues or issues:
        raise QuestionnaireError(sorted(doc.issues + issues, key=lambda issue: issue.line))
    newest = max((fact.checked for fact in parsed.facts.values()), default=None)
    return LegalFacts(texts, newest.strftime("%m/%Y") if newest else None)


def _issue(doc: YamlDoc, filename: str, error: Any) -> Issue:
    loc = tuple(error["loc"])
    if loc and loc[-1] == "[key]":  # a fact's key: lower case words joined by '_'
        path, message = loc[:-1], f"'{loc[-2]}' is not a valid key: use a-z, 0-9 and '_'"
    else:
        path, message = describe(error)
    return Issue(filename, doc.line_for(path), format_path(path), message)


def _nested(
    raw: dict[str, tuple[str, str]], doc: YamlDoc, filename: str
) -> tuple[dict[str, tuple[str, str]], list[Issue]]:
    """Facts that use other facts (``((legal:ai_act_annex3_date))``): one level deep, so a
    date is written once and the statements that name it follow it."""
    plain = LegalFacts({k: v for k, v in raw.items() if "((legal:" not in "".join(v)})
    issues: list[Issue] = []
    texts = {}
    for key, pair in raw.items():
        texts[key] = (
            _fill(pair[0], "de", plain, doc, filename, ("facts", key, "de"), issues),
            _fill(pair[1], "en", plain, doc, filename, ("facts", key, "en"), issues),
        )
    return texts, issues


def _fill(
    text: str,
    lang: str,
    plain: LegalFacts,
    doc: YamlDoc,
    filename: str,
    path: KeyPath,
    issues: list[Issue],
) -> str:
    def one(match: re.Match[str]) -> str:
        found = plain.text(match.group(1), lang)
        if found is None:
            message = f"'{match.group(0)}': a fact may only use a fact without placeholders"
            issues.append(Issue(filename, doc.line_for(path), format_path(path), message))
            return match.group(0)
        return found

    return PLACEHOLDER.sub(one, text)


_cache: dict[str, tuple[tuple[int, int], LegalFacts | QuestionnaireError]] = {}
_lock = threading.Lock()


def facts_beside(path: str | os.PathLike[str]) -> tuple[LegalFacts | None, tuple[int, int]]:
    """The facts file in the folder of the questionnaire ``path`` (None if there is none) and
    its (mtime, size) stamp, for the questionnaire cache; cached like the files themselves."""
    return _facts_at(Path(path).parent / FILENAME)


def _facts_at(legal: Path) -> tuple[LegalFacts | None, tuple[int, int]]:
    try:
        stat = os.stat(legal)
    except OSError:
        return None, (0, 0)
    stamp, key = (stat.st_mtime_ns, stat.st_size), os.path.abspath(legal)
    with _lock:
        cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, _read(legal, stat.st_size))
        with _lock:
            _cache[key] = cached
    if isinstance(cached[1], QuestionnaireError):
        raise cached[1]
    return cached[1], stamp


def _read(path: Path, size: int) -> LegalFacts | QuestionnaireError:
    name = str(path)
    if size > MAX_BYTES:
        return QuestionnaireError([too_large(name, size)])
    try:
        return parse_legal(path.read_bytes().decode("utf-8"), name)
    except (OSError, UnicodeDecodeError) as exc:
        return QuestionnaireError([Issue(name, 1, "-", f"cannot read the file: {exc}")])
    except QuestionnaireError as exc:
        return exc


def load_legal(folder: str | os.PathLike[str]) -> LegalFacts:
    """The facts of ``folder/_legal.yaml`` (empty if there is none), for pages and the PDF."""
    facts, _ = _facts_at(Path(folder) / FILENAME)
    return facts or LegalFacts()


def apply_legal(
    doc: YamlDoc, text: str, filename: str, facts: LegalFacts | None
) -> tuple[str, list[Issue]]:
    """Replace the placeholders in ``doc.data`` and set its ``legal_status``; return the text
    to store as the snapshot and the problems found (unknown keys and the like).

    ``facts`` are those of the file's folder; a stored snapshot brings its own (frozen) ones.
    """
    frozen = doc.data.pop(SNAPSHOT_KEY, None)
    issues: list[Issue] = []
    if frozen is not None:
        if facts is not None:
            line = doc.line_for((SNAPSHOT_KEY,))
            message = f"'{SNAPSHOT_KEY}' is written by zzcheck into stored versions: remove it"
            issues.append(Issue(filename, line, SNAPSHOT_KEY, message))
        facts = _frozen(frozen)
    used: set[str] = set()
    _resolve(doc, filename, facts or LegalFacts(), used, issues)
    if facts is None or facts.status is None:
        return text, issues
    if frozen is None and "legal_status" in doc.data:
        message = f"the Rechtsstand comes from {FILENAME} (its newest 'checked' date): remove it"
        issues.append(Issue(filename, doc.line_for(("legal_status",)), "legal_status", message))
    doc.data["legal_status"] = facts.status
    if frozen is not None:
        return text, issues
    if not _appendable(text):
        message = "write the top level in block style (one 'key: value' a line, no '...')"
        issues.append(Issue(filename, 1, "-", f"cannot append the legal facts: {message}"))
    return text + ("" if text.endswith("\n") else "\n") + _snapshot(facts, used), issues


def _appendable(text: str) -> bool:
    """Whether a top-level key can be appended: the file is one block mapping (not ``{…}``)
    without a document end marker. Reads only up to the first mapping, not the whole file."""
    if _DOCUMENT_END.search(text):
        return False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.MappingStartEvent):
            return event.flow_style is False
    return False


def _resolve(
    doc: YamlDoc, filename: str, facts: LegalFacts, used: set[str], issues: list[Issue]
) -> None:
    """Substitute every placeholder in the strings of ``doc.data`` in place."""

    def visit(value: Any, path: KeyPath) -> Any:
        if isinstance(value, dict):
            return {k: visit(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [visit(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and "((legal:" in value:
            return PLACEHOLDER.sub(lambda m: substitute(m, path), value)
        return value

    def substitute(match: re.Match[str], path: KeyPath) -> str:
        key, lang = match.group(1), "en" if path and path[-1] == "en" else "de"
        found = facts.text(key, lang)
        if found is None:
            hint = did_you_mean(key, facts.texts) if facts.texts else f" (no {FILENAME} here)"
            message = f"unknown legal fact '{key}' in '{match.group(0)}'{hint}"
            issues.append(Issue(filename, doc.line_for(path), format_path(path), message))
            return match.group(0)
        used.add(key)
        return found

    doc.data = visit(doc.data, ())


def _snapshot(facts: LegalFacts, used: set[str]) -> str:
    """The block appended to a stored version's text: the Rechtsstand and the facts it used,
    one fact a line (JSON strings are valid YAML, and far quicker to write than PyYAML's)."""
    lines = [
        "",
        f"# Written by zzcheck: the facts of {FILENAME} this version used, frozen with it.",
        f"{SNAPSHOT_KEY}:",
        f"  status: {json.dumps(facts.status)}",
        "  facts:" if used else "  facts: {}",
    ]
    for key in sorted(used):
        de, en = facts.texts[key]
        lines.append(f"    {key}: {{de: {_quoted(de)}, en: {_quoted(en)}}}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A YAML double-quoted string; the line breaks YAML knows beyond JSON's stay escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return (
        quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    )


def _frozen(raw: Any) -> LegalFacts:
    """The facts frozen into a stored snapshot by :func:`_snapshot`."""
    raw = raw if isinstance(raw, dict) else {}
    facts = raw.get("facts") if isinstance(raw.get("facts"), dict) else {}
    texts = {
        str(key): (str(value.get("de", "")), str(value.get("en", "")))
        for key, value in facts.items()
        if isinstance(value, dict)
    }
    status = raw.get("status")
    return LegalFacts(texts, status if isinstance(status, str) else None)


def clear_cache() -> None:
    """Forget the cached facts files (tests)."""
    with _lock:
        _cache.clear()
