"""The Zukunftszentren and the federal states each covers: configuration in
``questionnaires/_centres.yaml``, read once at start-up.

Two kinds of centre: a *regional* centre covers one or more states, and every one of the 16
states has exactly one; a *sector* centre covers some industries (WZ sections) in some states,
alongside the regional centre there (e.g. the centre for the social and care economy). An
owner is offered the sector centre of their industry first, then the regional one.

Contact details are the operator's configuration and all optional: what is missing is not
shown, and nothing is ever filled in by the code.

Plain Python (no Flask, no SQL). The file is read with the questionnaires' safe YAML reader
and checked with pydantic; every problem is reported at once as ``file:line: path: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from zzcheck.questionnaire.errors import Issue, KeyPath, QuestionnaireError, format_path
from zzcheck.questionnaire.model import Text
from zzcheck.questionnaire.profile import INDUSTRIES, STATES
from zzcheck.questionnaire.shape import describe
from zzcheck.questionnaire.yamlread import MAX_BYTES, YamlDoc, read_yaml, too_large

FILENAME = "_centres.yaml"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class CentresError(QuestionnaireError):
    """All problems of a centres file, one ``file:line: path: message`` line each."""


REGIONAL: Literal["regional"] = "regional"
SECTOR: Literal["sector"] = "sector"
_Short = Annotated[str, Field(min_length=1, max_length=200)]
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_WEB = re.compile(r"https?://\S+")


class Contact(BaseModel):
    """How a company reaches a centre, as the operator configured it (every field optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    address: Text | None = None
    phone: _Short | None = None
    email: _Short | None = None
    web: _Short | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.fullmatch(value):
            raise ValueError(f"'{value}' is not an e-mail address (name@example.org)")
        return value

    @field_validator("web")
    @classmethod
    def _web(cls, value: str | None) -> str | None:
        if value is not None and not _WEB.fullmatch(value):
            raise ValueError(f"'{value}' is not a web address: start it with https://")
        return value


class NameForms(BaseModel):
    """The German name with its article in the three cases the pages need, for a name that
    is not simply "das"/"dem" + name (e.g. "das Regionale Zukunftszentrum Nord", "dem
    Regionalen Zukunftszentrum Nord"); see ``zzcheck.centre_names``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nominative: _Short
    accusative: _Short
    dative: _Short


class Centre(BaseModel):
    """One centre: a stable id, its name (German required), the organisation that runs it,
    its kind, its states (and, for a sector centre, its WZ sections) and its contact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, max_length=64)]
    name: Text
    # German only: the name with its article per case, where "das …"/"dem …" is wrong.
    forms: NameForms | None = None
    host: _Short | None = None
    kind: Literal["regional", "sector"] = REGIONAL
    states: Annotated[tuple[str, ...], Field(min_length=1)]
    sectors: tuple[str, ...] = ()
    contact: Contact = Contact()
    # What happens after a company asks for advice, in the centre's own words.
    next_steps: Text | None = None


class _CentresFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    centres: Annotated[tuple[Centre, ...], Field(min_length=1)]


class Centres:
    """The configured centres, looked up by id or by the federal state they cover."""

    def __init__(self, centres: Iterable[Centre] = ()) -> None:
        self._by_id = {centre.id: centre for centre in centres}
        self._by_state = {
            state: c for c in self._by_id.values() if c.kind == REGIONAL for state in c.states
        }

    def get(self, centre_id: str | None) -> Centre | None:
        return self._by_id.get(centre_id) if centre_id else None

    def name_of(self, centre_id: str, lang: str) -> str:
        """The centre's name in ``lang``; its id if it is no longer configured."""
        centre = self.get(centre_id)
        return centre.name.get(lang) if centre is not None else centre_id

    def for_state(self, state: str | None) -> Centre | None:
        """The regional centre covering ``state`` (``DE-SN``)."""
        return self._by_state.get(state) if state else None

    def offered_for(self, state: str | None, industry: str | None) -> tuple[Centre, ...]:
        """The centres to offer a company, best first: the sector centres for its industry
        in its state, then its state's regional centre."""
        sector = tuple(
            c
            for c in self._by_id.values()
            if c.kind == SECTOR and state in c.states and industry in c.sectors
        )
        regional = self.for_state(state)
        return sector + ((regional,) if regional is not None else ())

    def state_map(self) -> dict[str, str]:
        """State code → id of its regional centre (the programme's "by centre" figures)."""
        return {state: centre.id for state, centre in self._by_state.items()}

    def all(self) -> tuple[Centre, ...]:
        """All centres in file order."""
        return tuple(self._by_id.values())

    def __contains__(self, centre_id: object) -> bool:
        return centre_id in self._by_id


def load_centres(path: str | Path) -> Centres:
    """Read and check a centres file; raise :class:`CentresError` listing every problem."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
        if len(raw) > MAX_BYTES:
            raise CentresError([too_large(name, len(raw))])
        text = raw.decode("utf-8")
    except OSError as exc:
        raise CentresError([Issue(name, 1, "-", f"cannot read the file: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise CentresError([Issue(name, 1, "-", f"not UTF-8 text ({exc.reason})")]) from None
    return parse_centres(text, name)


def parse_centres(text: str, filename: str) -> Centres:
    """Check the YAML ``text`` of a centres file (problems name ``filename``)."""
    try:
        doc = read_yaml(text, filename)
    except QuestionnaireError as exc:
        raise CentresError(exc.issues) from None
    try:
        parsed = _CentresFile.model_validate(doc.data)
    except ValidationError as exc:
        raise CentresError(_shape_issues(exc, doc, filename)) from None
    issues = doc.issues + _cross_check(parsed.centres, doc, filename)
    if issues:
        raise CentresError(sorted(issues, key=lambda issue: issue.line))
    return Centres(parsed.centres)


def _shape_issues(exc: ValidationError, doc: YamlDoc, filename: str) -> list[Issue]:
    """Pydantic's errors as issues, by line (an invalid item is reported as itself, not as
    "needs at least 1 item")."""
    errors = exc.errors(include_url=False)
    issues = []
    for error in errors:
        deeper = any(len(e["loc"]) > len(error["loc"]) for e in errors)
        if error["type"] == "too_short" and error["loc"] == ("centres",) and deeper:
            continue
        path, message = describe(error)
        issues.append(Issue(filename, doc.line_for(path), format_path(path), message))
    return sorted(issues, key=lambda issue: issue.line)


def _cross_check(centres: tuple[Centre, ...], doc: YamlDoc, filename: str) -> list[Issue]:
    """Ids well-formed and unique; known states and sectors; each state covered by exactly
    one regional centre."""
    found: list[tuple[KeyPath, str]] = []
    first_of: dict[str, int] = {}
    covered: dict[str, str] = {}
    for n, centre in enumerate(centres):
        found += _id_problems(centre.id, n, first_of)
        found += _state_problems(centre, n, covered if centre.kind == REGIONAL else {})
        found += _sector_problems(centre, n)
    missing = [state for state in STATES if state not in covered]
    if missing:
        found.append((("centres",), "no regional centre covers " + ", ".join(missing)))
    return [Issue(filename, doc.line_for(path), format_path(path), msg) for path, msg in found]


def _id_problems(centre_id: str, n: int, first_of: dict[str, int]) -> list[tuple[KeyPath, str]]:
    path: KeyPath = ("centres", n, "id")
    problems = []
    if not _ID.fullmatch(centre_id):
        problems.append((path, f"'{centre_id}': use lower case, digits and hyphens"))
    if centre_id in first_of:
        problems.append((path, f"duplicate id '{centre_id}' (also centres[{first_of[centre_id]}])"))
    first_of.setdefault(centre_id, n)
    return problems


def _state_problems(centre: Centre, n: int, covered: dict[str, str]) -> list[tuple[KeyPath, str]]:
    problems: list[tuple[KeyPath, str]] = []
    for s, state in enumerate(centre.states):
        path: KeyPath = ("centres", n, "states", s)
        if state not in STATES:
            problems.append(
                (path, f"unknown state '{state}': use an ISO 3166-2 code such as DE-SN")
            )
        elif state in covered:
            problems.append(
                (path, f"state {state} is already covered by regional centre '{covered[state]}'")
            )
        else:
            covered[state] = centre.id
    return problems


def _sector_problems(centre: Centre, n: int) -> list[tuple[KeyPath, str]]:
    """A sector centre names its WZ sections; a regional centre has none."""
    path: KeyPath = ("centres", n, "sectors")
    if centre.kind == REGIONAL:
        return [(path, "only a centre of kind 'sector' has sectors")] if centre.sectors else []
    if not centre.sectors:
        return [(path, "a sector centre needs the WZ sections it covers (e.g. [Q])")]
    return [
        ((*path, s), f"unknown WZ section '{code}': use a letter A–U")
        for s, code in enumerate(centre.sectors)
        if code not in INDUSTRIES
    ]


def centres_path(questionnaire_folder: str | Path, configured: str | None) -> Path:
    """The centres file: as configured, else the one beside the questionnaires, else the
    bundled default (so a folder of test questionnaires needs no centres file of its own)."""
    if configured:
        return Path(configured)
    beside = Path(questionnaire_folder) / FILENAME
    if beside.is_file():
        return beside
    return Path(__file__).resolve().parent.parent / "questionnaires" / FILENAME
