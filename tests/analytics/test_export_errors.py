"""``flask zzcheck export`` says what is wrong in plain words (the programme form's texts, in
``--lang``), refuses a filter value no assessment can have, and a file it cannot write is
a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

BASE = ["zzcheck", "export", "--questionnaire", "ki-readiness"]


def export(runner: FlaskCliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(args=[*BASE, *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_an_out_file_in_a_missing_folder(runner: FlaskCliRunner) -> None:
    code, output = export(runner, "--by", "state", "--out", "/no/such/dir/x.csv")
    assert code == 1
    assert "error: cannot write /no/such/dir/x.csv: No such file or directory" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--by", "colour"],
            "Unbekanntes Merkmal; möglich sind: state, centre, industry, size, works_council, "
            "period.",
        ),
        (["--by", "state,size,industry,works_council"], "nach einem bis drei Merkmalen"),
        (["--by", "centre", "--filter", "state=DE-BY"], "Der Filter ist feiner als die"),
        (["--by", "state,centre"], "Bundesland und Zukunftszentrum gehören zusammen"),
        (["--by", "state", "--filter", "period=2025-13"], "Unbekannter Zeitraum"),
    ],
)
def test_query_problems_in_the_forms_words(
    runner: FlaskCliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.csv"
    code, output = export(runner, *args, "--out", str(out))
    assert code == 2 and message in " ".join(output.split())
    for raw in ("unknown_key", "group_count", "filter_finer", "same_family"):
        assert raw not in output
    assert not out.exists()


def test_query_problems_in_english(runner: FlaskCliRunner, tmp_path: Path) -> None:
    args = ["--by", "centre", "--filter", "state=DE-BY", "--lang", "en"]
    code, output = export(runner, *args, "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "The filter is finer than the grouping" in " ".join(output.split())


@pytest.mark.parametrize(
    ("pair", "allowed"),
    [
        ("state=XX", "DE-BW, DE-BY"),
        ("size=10-50", "1-9, 10-49, 50-249, 250+"),
        ("works_council=ja", "yes, no, unknown"),
        ("centre=atlantis", "sachsen"),
    ],
)
def test_an_unknown_filter_value_is_an_error_not_an_empty_file(
    runner: FlaskCliRunner, tmp_path: Path, pair: str, allowed: str
) -> None:
    out = tmp_path / "x.csv"
    code, output = export(runner, "--by", "industry", "--filter", pair, "--out", str(out))
    key, value = pair.split("=")
    assert code == 2
    assert f"--filter {pair}: Den Wert „{value}“ gibt es für {key} nicht" in output
    assert allowed in " ".join(output.split())
    assert not out.exists()


def test_known_filter_values_still_export(runner: FlaskCliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    args = ["--by", "industry", "--filter", "state=DE-SN", "--filter", "size=", "--out", str(out)]
    code, output = export(runner, *args)
    assert code == 0, output
    assert out.read_text(encoding="utf-8").startswith("\ufeffFragebogen;")
