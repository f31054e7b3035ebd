"""``flask --app app zzcheck export``: programme aggregates as CSV or XLSX (k-anonymous).

Registered on the ``zzcheck`` command group by ``zzcheck.cli``; it calls the same services
as the download on the programme page.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from zzcheck.analytics import export
from zzcheck.analytics.aggregate import AggregateQuery, QueryError
from zzcheck.analytics.keys import GROUP_KEYS, PERIODS
from zzcheck.analytics.privacy import min_group_size
from zzcheck.analytics.setting import Setting, run
from zzcheck.extensions import db
from zzcheck.registry import current_registry


@click.command("export")
@with_appcontext
@click.option("--questionnaire", "questionnaire_id", required=True, help="Questionnaire id.")
@click.option("--by", required=True, help=f"Group keys, comma-separated: {', '.join(GROUP_KEYS)}.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--period", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option("--filter", "filters", multiple=True, metavar="KEY=VALUE", help="Repeatable.")
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
def export_command(
    questionnaire_id: str,
    by: str,
    fmt: str,
    out: Path,
    period: str,
    filters: tuple[str, ...],
    lang: str,
) -> None:
    """Write the aggregate of QUESTIONNAIRE grouped --by keys to --out (hidden cells empty)."""
    loaded = current_registry().get(questionnaire_id)
    if loaded is None:
        raise click.UsageError(f"unknown questionnaire {questionnaire_id!r}")
    k = min_group_size(current_app.config.get("ZZCHECK_MIN_GROUP_SIZE"))
    setting = Setting(loaded.questionnaire, current_registry().centres, k)
    group_by = tuple(key.strip() for key in by.split(",") if key.strip())
    query = AggregateQuery(questionnaire_id, group_by, _filters(filters), period)
    try:
        agg = run(db.session, query, setting)
    except QueryError as error:
        raise click.UsageError(f"cannot aggregate: {error}") from None
    centres, titles = setting.centre_names(lang), setting.titles(lang)
    if fmt == "xlsx":
        out.write_bytes(export.to_xlsx(agg, titles, lang, centres))
    else:
        out.write_text(export.to_csv(agg, titles, lang, centres), encoding="utf-8", newline="")
    versions = ", ".join(agg.versions) or "-"
    click.echo(
        f"Wrote {len(agg.rows)} rows ({agg.hidden} hidden, k={k}; versions {versions}) to {out}."
    )


def _filters(pairs: tuple[str, ...]) -> dict[str, str]:
    filters = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(f"--filter {pair!r}: use KEY=VALUE")
        filters[key.strip()] = value.strip()
    return filters
