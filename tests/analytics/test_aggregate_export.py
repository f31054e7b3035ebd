"""Exports of aggregates: ``flask zzcheck export`` as CSV and XLSX, hidden cells empty,
versions named, text cells defused against formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from assessmentrows import Row
from flask.testing import FlaskCliRunner
from openpyxl import load_workbook

from zzcheck.analytics import export
from zzcheck.analytics.aggregate import Aggregate, GroupRow
from zzcheck.analytics.privacy import ALL
from zzcheck.analytics.queries import OVERALL
from zzcheck.analytics.stats import Stat

Add = Callable[[Sequence[Row]], list[Row]]


def population(add: Add) -> list[Row]:
    """Bavaria (8, overall 40…47), Saxony (3: hidden) and Berlin (6: hidden as complement)."""
    return add(
        [Row(state="DE-BY", size="1-9", overall=40.0 + i) for i in range(8)]
        + [Row(state="DE-SN", size="1-9", overall=90.0)] * 3
        + [Row(state="DE-BE", size="10-49", overall=70.0)] * 6
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_from_the_command_line(add: Add, runner: FlaskCliRunner, tmp_path: Path) -> None:
    population(add)
    out = tmp_path / "agg.csv"
    args = [
        "zzcheck",
        "export",
        "--questionnaire",
        "ki-readiness",
        "--by",
        "state",
        "--format",
        "csv",
        "--out",
        str(out),
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "versions 1.1" in result.output and "2 hidden" in result.output
    rows = {row["Bundesland"]: row for row in read_csv(out)}
    assert set(rows) == {"Bayern", "Sachsen", "Berlin", "Insgesamt"}
    assert rows["Bayern"]["n"] == "8"
    assert rows["Bayern"]["Gesamtergebnis: Mittelwert"] == "43,5"  # mean of 40 … 47
    # 8 companies: the mean only; median and quartiles from 3·k = 15 (issue 13)
    assert rows["Bayern"]["Gesamtergebnis: Median"] == ""
    assert rows["Bayern"]["Gesamtergebnis: 1. Quartil"] == ""
    assert rows["Insgesamt"]["Gesamtergebnis: Median"] != ""  # 17 companies
    assert rows["Insgesamt"]["Gesamtergebnis: 10. Perzentil"] == ""  # from 10·k = 50
    for hidden in ("Sachsen", "Berlin"):
        assert rows[hidden]["n"] == ""
        assert rows[hidden]["Gesamtergebnis: Mittelwert"] == ""
    assert rows["Insgesamt"]["n"] == "17"
    assert all(
        row["Fragebogen"] == "ki-readiness" and row["Versionen"] == "1.1" for row in rows.values()
    )


def test_xlsx_export_with_three_keys(add: Add, runner: FlaskCliRunner, tmp_path: Path) -> None:
    states, sizes = ("DE-BY", "DE-BE", "DE-HH"), ("1-9", "10-49")
    big = [
        Row(state=state, size=size, overall=60.0 if state == "DE-HH" else 30.0)
        for state in states
        for size in sizes
        for _ in range(10)
    ]
    rows = add([*big, *[Row(state="DE-SN", size="1-9")] * 3])
    out = tmp_path / "agg.xlsx"
    args = ["zzcheck", "export", "--questionnaire", "ki-readiness", "--by", "state,industry,size",
            "--format", "xlsx", "--out", str(out)]  # fmt: skip
    assert runner.invoke(args=args).exit_code == 0
    book = load_workbook(out)
    data = list(book["Daten"].iter_rows(values_only=True))
    header, body = data[0], data[1:]
    assert header[:6] == (
        "Fragebogen",
        "Versionen",
        "Bundesland",
        "Branche (WZ-Abschnitt)",
        "Beschäftigte",
        "n",
    )
    by_labels = {row[2:5]: row for row in body}
    saxony = by_labels[("Sachsen", "Verarbeitendes Gewerbe", "1 bis 9 Beschäftigte")]
    assert saxony[5] is None and all(cell is None for cell in saxony[6:])
    hamburg = by_labels[("Hamburg", "Verarbeitendes Gewerbe", "10 bis 49 Beschäftigte")]
    assert hamburg[5] == 10 and hamburg[6] == pytest.approx(60.0)
    shown = [row for row in body if row[5] is not None]
    hidden = [row for row in body if row[5] is None]
    assert len(hidden) >= 4  # Saxony, and what would give it away by subtraction
    assert all(row[5] >= 5 for row in shown)
    total = by_labels[("Insgesamt", "Insgesamt", "Insgesamt")]
    assert total[5] == len(rows) == 63
    info = dict(book["Info"].iter_rows(values_only=True))
    assert info["Versionen"] == "1.1" and info["Mindestgruppengröße k"] == "5"


def test_export_refuses_unknown_questionnaires_and_keys(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    out = str(tmp_path / "x.csv")
    unknown = runner.invoke(
        args=["zzcheck", "export", "--questionnaire", "nope", "--by", "state", "--out", out]
    )
    assert unknown.exit_code == 2 and "unknown questionnaire" in unknown.output
    bad_key = runner.invoke(
        args=[
            "zzcheck",
            "export",
            "--questionnaire",
            "ki-readiness",
            "--by",
            "colour",
            "--out",
            out,
        ]
    )
    assert bad_key.exit_code == 2 and "Unbekanntes Merkmal" in bad_key.output
    assert not Path(out).exists()


def crafted() -> Aggregate:
    """An aggregate whose labels and titles start like formulas."""
    stat = Stat(6, 50.0, 10.0, 25.0, 50.0, 75.0, 90.0)
    rows = (
        GroupRow(("=evil",), 1, 6, {OVERALL: stat, "d": stat}),
        GroupRow((ALL,), 0, 6, {OVERALL: stat}),
    )
    return Aggregate("-q", ("@1.0",), ("centre",), {}, (OVERALL, "d"), rows, 5)


def test_csv_cells_and_headers_that_look_like_formulas_are_defused() -> None:
    text = export.to_csv(crafted(), {"d": "+Daten"}, centres={"=evil": '=HYPERLINK("x")'})
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert "'+Daten: Mittelwert" in rows[0]
    assert rows[1][:3] == ["'-q", "'@1.0", '\'=HYPERLINK("x")']
    assert rows[1][3] == "6" and rows[1][4] == "50,0"


def test_xlsx_cells_and_headers_that_look_like_formulas_are_defused() -> None:
    data = export.to_xlsx(crafted(), {"d": "\tDaten"}, centres={"=evil": "@SUM(A1)"})
    sheet = load_workbook(io.BytesIO(data))["Daten"]
    header = [cell.value for cell in sheet[1]]
    assert "'\tDaten: Mittelwert" in header
    assert [cell.value for cell in sheet[2]][:4] == ["'-q", "'@1.0", "'@SUM(A1)", 6]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
