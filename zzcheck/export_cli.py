"""``flask --app app zzcheck export``: programme aggregates as CSV or XLSX (k-anonymous).

Registered on the ``zzcheck`` command group by ``zzcheck.cli``; it calls the same services
as the download on the programme page, and says what is wrong with a query in the texts of
the page's form (``query_problem``), in the language of ``--lang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from zzcheck.analytics import export
from zzcheck.analytics.aggregate import Aggregate, AggregateQuery, QueryError
from zzcheck.analytics.keys import GROUP_KEYS, PERIODS
from zzcheck.analytics.privacy import min_group_size
from zzcheck.analytics.setting import Setting, run
from zzcheck.extensions import db
from zzcheck.questionnaire.profile import PROFILE_FIELDS
from zzcheck.registry import current_registry
from zzcheck.web.programme.forms import query_problem
from zzcheck.web.translate import _


@click.command("export")
@with_appcontext
@click.option("--questionnaire", "questionnaire_id", required=True, help="Questionnaire id.")
@click.option("--by", required=True, help=f"Group keys, comma-separated: {', '.join(GROUP_KEYS)}.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--period", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="KEY=VALUE",
    help="Repeatable; a code as stored (state=DE-SN, size=10-49, period=2025-Q1); "
    "KEY= for 'not given'.",
)
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
    with force_locale(lang):
        _check_values(query.filters, setting)
        try:
            agg = run(db.session, query, setting)
        except QueryError as error:
            raise click.UsageError(" ".join(query_problem(code) for code in error.codes)) from None
    _write(agg, setting, fmt, out, lang)
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


def _check_values(filters: Mapping[str, str], setting: Setting) -> None:
    """A filter value that no assessment can have is an error, not an empty file: the codes
    of the company profile and the centre ids (periods are checked by the query itself)."""
    allowed = {key: list(PROFILE_FIELDS[key]) for key in ("state", "industry", "size")}
    allowed["works_council"] = list(PROFILE_FIELDS["works_council"])
    allowed["centre"] = [centre.id for centre in setting.centres.all()]
    for key, value in filters.items():
        if value and key in allowed and value not in allowed[key]:
            message = _(
                "Den Wert „%(value)s“ gibt es für %(key)s nicht; möglich sind: %(values)s.",
                value=value,
                key=key,
                values=", ".join(allowed[key]),
            )
            raise click.UsageError(f"--filter {key}={value}: {message}")


def _write(agg: Aggregate, setting: Setting, fmt: str, out: Path, lang: str) -> None:
    """The file in ``fmt``; a path that cannot be written is a message, not a traceback."""
    centres, titles = setting.centre_names(lang), setting.titles(lang)
    try:
        if fmt == "xlsx":
            out.write_bytes(export.to_xlsx(agg, titles, lang, centres))
        else:
            out.write_text(export.to_csv(agg, titles, lang, centres), encoding="utf-8", newline="")
    except OSError as error:
        click.echo(f"error: cannot write {out}: {error.strerror or error}", err=True)
        raise SystemExit(1) from None
