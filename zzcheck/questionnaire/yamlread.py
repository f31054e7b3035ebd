"""Read one YAML file into plain data plus the line of every key, without ever constructing
Python objects from tags.

The file is parsed into events by PyYAML's safe loader (libyaml where available) and the
data is built from those events here, so: only plain mappings, lists and scalars come out;
any tag other than YAML's core ones is an error (``!!python/...`` is never executed); anchors
and aliases are refused outright (nothing is expanded, so no "billion laughs"); duplicate keys
are reported. Scalars follow YAML 1.2's core schema: only ``true``/``false`` are booleans, so
``yes``, ``no``, ``on`` and ``off`` stay strings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from zzcheck.questionnaire.errors import Issue, KeyPath, QuestionnaireError, format_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32  # a questionnaire nests ~8 levels; deep nesting only costs memory and time
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL = {"~": None, "null": None, "Null": None, "NULL": None, "": None,
            "true": True, "True": True, "TRUE": True,
            "false": False, "False": False, "FALSE": False,
            ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
            "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
            "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
            ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}  # fmt: skip


@dataclass
class YamlDoc:
    """The data of one file, the line of each key path, and the non-fatal problems found."""

    data: dict[str, Any]
    lines: dict[KeyPath, int]
    issues: list[Issue] = field(default_factory=list)
    numbers_as_written: dict[KeyPath, str] = field(default_factory=dict)

    def line_for(self, path: KeyPath) -> int:
        """The line of ``path`` or of its nearest ancestor that is in the file (else 1)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar under YAML 1.2's core schema."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if _INT.fullmatch(text):
        base = 8 if text.startswith("0o") else 16 if text.startswith("0x") else 10
        return int(text[2:] if base != 10 else text, base)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class _Builder:
    """Turns the event stream of one document into data, recording lines as it goes."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.doc = YamlDoc(data={}, lines={})
        self.fatal: list[Issue] = []
        # a frame: [container, path (None: a dropped duplicate), pending key or None]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.documents = 0

    def issue(self, line: int, path: KeyPath | None, message: str, fatal: bool = True) -> None:
        found = Issue(self.filename, line, format_path(path or ()), message)
        (self.fatal if fatal else self.doc.issues).append(found)

    def feed(self, event: events.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark is not None else 1
        if isinstance(event, events.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.issue(line, None, "only one YAML document per file (remove '---')")
        elif isinstance(event, events.AliasEvent) or getattr(event, "anchor", None):
            raise QuestionnaireError(
                [
                    Issue(
                        self.filename,
                        line,
                        self._here(),
                        "YAML anchors and aliases are not allowed",
                    )
                ]
            )
        elif isinstance(event, events.ScalarEvent):
            self.add(self.scalar(event, line), line, event)
        elif isinstance(event, events.MappingStartEvent | events.SequenceStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise QuestionnaireError(
                    [Issue(self.filename, line, "-", f"nested more than {MAX_DEPTH} levels deep")]
                )
            self.check_collection_tag(event, line)
            container: Any = {} if isinstance(event, events.MappingStartEvent) else []
            path = self.add(container, line, event)
            self.stack.append([container, path, None])
        elif isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
            self.stack.pop()

    def _here(self) -> str:
        if not self.stack:
            return "-"
        _, path, key = self.stack[-1]
        return format_path((path or ()) + ((key,) if isinstance(key, str) else ()))

    def add(self, value: Any, line: int, event: events.Event) -> KeyPath | None:
        """Put ``value`` into the open container; return its key path (None: not kept)."""
        if not self.stack:
            self.root = value
            return ()
        frame = self.stack[-1]
        container, path, key = frame
        if isinstance(container, list):
            child = None if path is None else (*path, len(container))
            container.append(value)
        elif key is None:  # value is a key
            self.add_key(frame, value, line, event)
            return None
        else:
            frame[2] = None
            child = None if path is None or key is _DROP else (*path, key)
            if child is not None:
                container[key] = value
        if child is not None:
            self.doc.lines.setdefault(child, line)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and isinstance(event, events.ScalarEvent):
                self.doc.numbers_as_written[child] = event.value
        return child

    def add_key(self, frame: list[Any], value: Any, line: int, event: events.Event) -> None:
        container, path, _ = frame
        if not isinstance(event, events.ScalarEvent):
            self.issue(line, path, "a key must be plain text, not a list or mapping")
            frame[2] = _DROP
            return
        key = event.value
        if path is not None and key in container:
            first = self.doc.lines.get((*path, key), 0)
            self.issue(line, (*path, key), f"duplicate key '{key}' (first at line {first})", False)
            frame[2] = _DROP
            return
        frame[2] = key
        if path is not None:
            self.doc.lines[(*path, key)] = line

    def scalar(self, event: events.ScalarEvent, line: int) -> Any:
        tag = event.tag
        if tag is None:
            return resolve_plain(event.value) if event.implicit[0] else event.value
        if tag in ("!", _CORE + "str"):
            return event.value
        if tag in (_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"):
            value = resolve_plain(event.value)
            expected = {"int": int, "float": float | int, "bool": bool, "null": type(None)}
            if isinstance(value, expected[tag[len(_CORE) :]]):
                return value
            self.issue(line, self.value_path(), f"'{event.value}' is not a valid {_short(tag)}")
            return None
        self.issue(line, self.value_path(), f"tag '{_short(tag)}' is not allowed (plain YAML only)")
        return None

    def check_collection_tag(self, event: Any, line: int) -> None:
        if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
            self.issue(
                line,
                self.value_path(),
                f"tag '{_short(event.tag)}' is not allowed (plain YAML only)",
            )

    def value_path(self) -> KeyPath | None:
        if not self.stack:
            return None
        container, path, key = self.stack[-1]
        if path is None:
            return None
        if isinstance(container, list):
            return (*path, len(container))
        return (*path, key) if isinstance(key, str) else path


_DROP = object()  # marks the value of a duplicate (or non-text) key: read, then dropped


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def read_yaml(text: str, filename: str) -> YamlDoc:
    """Parse ``text``; raise :class:`QuestionnaireError` for problems that stop reading.

    Duplicate keys do not stop reading (the first value is kept); they are in ``doc.issues``.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_BYTES:
        raise QuestionnaireError([too_large(filename, size)])
    builder = _Builder(filename)
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise QuestionnaireError(
            [Issue(filename, line, "-", f"YAML syntax error: {message}")]
        ) from None
    except yaml.YAMLError as exc:
        raise QuestionnaireError([Issue(filename, 1, "-", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise QuestionnaireError([Issue(filename, 1, "-", "YAML nested too deeply")]) from None
    if builder.fatal:
        raise QuestionnaireError(builder.fatal + builder.doc.issues)
    if not isinstance(builder.root, dict):
        kind = "empty" if builder.root is None else f"a {_kind(builder.root)}"
        raise QuestionnaireError(
            [
                Issue(
                    filename,
                    1,
                    "-",
                    f"the file must be a mapping of keys (id:, title: …), but it is {kind}",
                )
            ]
        )
    builder.doc.data = builder.root
    return builder.doc


def too_large(filename: str, size: int) -> Issue:
    return Issue(
        filename, 1, "-", f"file is too large ({size} bytes; the limit is 1 MB = {MAX_BYTES} bytes)"
    )


def _kind(value: Any) -> str:
    return "list" if isinstance(value, list) else f"single value ({value!r})"
