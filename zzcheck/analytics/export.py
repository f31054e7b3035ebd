"""An aggregate as a table for spreadsheets: CSV (``;``, UTF-8 with BOM, as the respondent's
own download) and XLSX (openpyxl, write-only).

One row per group, subtotal and total; group columns, ``n``, then per measure the mean, the
quartiles and the 10th/90th percentile. A hidden group keeps its label, its numbers stay
empty, and so are quantiles of a group too small for them (``privacy.published_stats``:
mean from k, quartiles from 3·k, percentiles from 10·k). The first two columns name the questionnaire and the stored version(s) covered. Every
text cell, headers included, is defused against formula injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime

from openpyxl import Workbook

from zzcheck.analytics.aggregate import Aggregate, GroupRow
from zzcheck.analytics.labels import STAT_TITLES, key_title, pick, value_label, word
from zzcheck.analytics.queries import OVERALL
from zzcheck.spreadsheet import neutralise

EXPORT_STATS = ("mean", "median", "q1", "q3", "p10", "p90")
DECIMALS = 1


def header(agg: Aggregate, titles: Mapping[str, str], lang: str = "de") -> list[str]:
    """Column titles; ``titles`` maps a dimension id to its title."""
    measures = [word("overall", lang) if m == OVERALL else titles.get(m, m) for m in agg.measures]
    stats = [f"{m}: {pick(STAT_TITLES[s], lang)}" for m in measures for s in EXPORT_STATS]
    keys = [key_title(key, lang) for key in agg.keys]
    return [word("questionnaire", lang), word("versions", lang), *keys, "n", *stats]


def rows(
    agg: Aggregate, lang: str = "de", centres: Mapping[str, str] | None = None
) -> Iterator[list[object]]:
    """The table body: labels as text, numbers as numbers (None where hidden)."""
    versions = ", ".join(agg.versions)
    for row in agg.rows:
        labels = [
            value_label(k, v, lang, centres) for k, v in zip(agg.keys, row.values, strict=True)
        ]
        yield [agg.questionnaire_id, versions, *labels, row.n, *_figures(agg, row)]


def _figures(agg: Aggregate, row: GroupRow) -> list[float | None]:
    figures: list[float | None] = []
    for measure in agg.measures:
        stat = row.stats.get(measure)
        figures += [_rounded(None if stat is None else getattr(stat, s)) for s in EXPORT_STATS]
    return figures


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def to_csv(
    agg: Aggregate,
    titles: Mapping[str, str],
    lang: str = "de",
    centres: Mapping[str, str] | None = None,
) -> str:
    """``;``-separated with a BOM for Excel; German decimal commas unless ``lang`` is "en"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(text) for text in header(agg, titles, lang)])
    for values in rows(agg, lang, centres):
        writer.writerow([_csv_cell(value, lang) for value in values])
    return "\ufeff" + buffer.getvalue()


def _csv_cell(value: object, lang: str) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and lang != "en":
        return f"{value:.{DECIMALS}f}".replace(".", ",")
    return neutralise(value)


def to_xlsx(
    agg: Aggregate,
    titles: Mapping[str, str],
    lang: str = "de",
    centres: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> bytes:
    """A workbook with the table and a sheet that says what it covers."""
    book = Workbook(write_only=True)
    data = book.create_sheet(pick(("Daten", "Data"), lang))
    data.append([neutralise(text) for text in header(agg, titles, lang)])
    for values in rows(agg, lang, centres):
        data.append([neutralise(value) for value in values])
    info = book.create_sheet(pick(("Info", "Info"), lang))
    for line in _about(agg, lang, now or datetime.now(UTC)):
        info.append([neutralise(text) for text in line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _about(agg: Aggregate, lang: str, now: datetime) -> Sequence[tuple[str, str]]:
    filters = "; ".join(
        f"{key_title(k, lang)} = {value_label(k, v, lang)}" for k, v in agg.filters.items()
    )
    return [
        (word("questionnaire", lang), agg.questionnaire_id),
        (word("versions", lang), ", ".join(agg.versions)),
        (pick(("Filter", "Filters"), lang), filters or pick(("keine", "none"), lang)),
        (pick(("Mindestgruppengröße k", "Minimum group size k"), lang), str(agg.k)),
        (pick(("Erstellt (UTC)", "Created (UTC)"), lang), now.strftime("%Y-%m-%d %H:%M")),
        (
            pick(("Hinweis", "Note"), lang),
            pick(
                (
                    "Leere Zellen: Gruppe mit weniger als k Checks oder zum Schutz einer "
                    "solchen Gruppe ausgeblendet. Median und Quartile erst ab 3·k Checks, "
                    "10. und 90. Perzentil erst ab 10·k.",
                    "Empty cells: a group with fewer than k assessments, or hidden to "
                    "protect such a group. Median and quartiles only from 3·k assessments, "
                    "10th and 90th percentile only from 10·k.",
                ),
                lang,
            ),
        ),
    ]
