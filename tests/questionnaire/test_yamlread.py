"""Reading YAML safely: plain data only, lines for every key, clear refusals."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from zzcheck.questionnaire.errors import Issue, QuestionnaireError, format_path
from zzcheck.questionnaire.yamlread import MAX_BYTES, read_yaml

Problems = Callable[[str], list[str]]


def test_issue_prints_as_file_line_path_message() -> None:
    issue = Issue("q.yaml", 12, format_path(("sections", 0, "questions", 2, "weigth")), "bad")
    assert str(issue) == "q.yaml:12: sections[0].questions[2].weigth: bad"
    assert format_path(()) == "-"
    assert str(QuestionnaireError([issue, issue])) == f"{issue}\n{issue}"


def test_lines_of_keys_and_list_items() -> None:
    doc = read_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.lines[("b",)] == 2
    assert doc.lines[("b", 1, "c")] == 4
    assert doc.line_for(("b", 1, "missing")) == 4


def test_yes_no_on_off_stay_strings_only_true_false_are_booleans() -> None:
    doc = read_yaml("a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: 2024-01-01\nh: 012\n", "f")
    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": True, "f": False,
                        "g": "2024-01-01", "h": 12}  # fmt: skip


def test_python_tag_is_refused_and_never_executed(problems: Problems, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    lines = problems(f"id: t\nx: !!python/object/apply:os.system ['touch {marker}']\n")
    assert lines == [
        "t.yaml:2: x: tag '!!python/object/apply:os.system' is not allowed (plain YAML only)"
    ]
    assert not marker.exists()


def test_custom_tags_are_refused(problems: Problems) -> None:
    assert problems("id: t\nlist: !!set {a, b}\n") == [
        "t.yaml:2: list: tag '!!set' is not allowed (plain YAML only)"
    ]


def test_anchors_and_aliases_are_refused(problems: Problems) -> None:
    assert problems("id: t\na: &x {b: 1}\nc: *x\n") == [
        "t.yaml:2: a: YAML anchors and aliases are not allowed"
    ]


def test_alias_bomb_is_refused_fast(problems: Problems) -> None:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    start = time.perf_counter()
    lines = problems("\n".join(rows) + "\n")
    assert time.perf_counter() - start < 1
    assert lines == ["t.yaml:1: a0: YAML anchors and aliases are not allowed"]


def test_duplicate_keys_are_reported(problems: Problems) -> None:
    assert "t.yaml:2: id: duplicate key 'id' (first at line 1)" in problems("id: t\nid: u\n")


def test_file_over_1_mb_is_refused_before_parsing(problems: Problems) -> None:
    text = "id: t\nx: [" + "1, " * (MAX_BYTES // 3) + "]\n"
    assert problems(text) == [
        f"t.yaml:1: -: file is too large ({len(text)} bytes; the limit is 1 MB = {MAX_BYTES} bytes)"
    ]


def test_top_level_must_be_a_mapping(problems: Problems) -> None:
    assert problems("- a\n- b\n") == [
        "t.yaml:1: -: the file must be a mapping of keys (id:, title: …), but it is a list"
    ]
    assert problems("") == [
        "t.yaml:1: -: the file must be a mapping of keys (id:, title: …), but it is empty"
    ]


def test_syntax_error_names_its_line(problems: Problems) -> None:
    assert problems("id: t\ntitle: T\n  bad: indent\n") == [
        "t.yaml:3: -: YAML syntax error: mapping values are not allowed in this context"
    ]


def test_deep_flow_nesting_is_refused_on_its_line(problems: Problems) -> None:
    """PyYAML 6.0.4 refuses deep flow nesting itself, older releases leave it to zzcheck:
    either way it is one problem, on the right line, that says the file nests too deeply."""
    [line] = problems("id: t\na: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert line.startswith("t.yaml:2: -: ")
    assert "nest" in line


def test_deep_block_nesting_is_refused_at_the_limit(problems: Problems) -> None:
    """Block nesting is never limited by PyYAML: zzcheck's own limit names the line."""
    nested = "".join("  " * depth + "-\n" for depth in range(1, 40))
    assert problems("id: t\na:\n" + nested) == ["t.yaml:34: -: nested more than 32 levels deep"]
