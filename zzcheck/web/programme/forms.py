"""The programme pages' GET forms (plain WTForms, no CSRF: they change nothing). Labels and
choices are set per request through ``_()``; a value outside the choices is an error, so a
crafted query string can ask for nothing the form does not offer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField

from zzcheck.analytics.aggregate import AggregateQuery
from zzcheck.analytics.keys import GROUP_KEYS
from zzcheck.analytics.queries import OVERALL
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.profile import choices as profile_choices
from zzcheck.web.translate import _

FILTER_KEYS = ("state", "centre", "industry", "size", "works_council", "period")


def key_labels() -> dict[str, str]:
    return {
        "state": _("Bundesland"),
        "centre": _("Zukunftszentrum"),
        "industry": _("Branche (WZ-Abschnitt)"),
        "size": _("Beschäftigte"),
        "works_council": _("Betriebsrat"),
        "period": _("Zeitraum"),
    }


def unit_labels() -> dict[str, str]:
    return {"month": _("Monat"), "quarter": _("Quartal"), "year": _("Jahr")}


def query_problem(code: str) -> str:
    """A readable message for a ``QueryError`` code: the page's form and the command line's
    ``zzcheck export`` say the same."""
    return {
        "group_count": _("Bitte nach einem bis drei Merkmalen gruppieren."),
        "unknown_key": _(
            "Unbekanntes Merkmal; möglich sind: %(keys)s.", keys=", ".join(GROUP_KEYS)
        ),
        "period": _(
            "Unbekannter Zeitraum: bitte ein Jahr (2025), ein Quartal (2025-Q1) oder einen "
            "Monat (2025-03) angeben."
        ),
        "same_family": _(
            "Bitte zwei verschiedene Merkmale wählen; Bundesland und Zukunftszentrum "
            "gehören zusammen."
        ),
        "filter_finer": _(
            "Der Filter ist feiner als die Gruppierung (z. B. ein Bundesland bei Gruppierung "
            "nach Zukunftszentrum, ein Monat bei Gruppierung nach Jahr). Bitte Filter oder "
            "Gruppierung ändern."
        ),
    }.get(code, _("Diese Auswertung ist so nicht möglich."))


class AggregateForm(Form):  # type: ignore[misc]  # WTForms is untyped
    questionnaire = SelectField()
    by = SelectField(default="state")
    by2 = SelectField(default="")
    unit = SelectField(default="quarter")
    measure = SelectField(default=OVERALL)
    state = SelectField(default="")
    centre = SelectField(default="")
    industry = SelectField(default="")
    size = SelectField(default="")
    works_council = SelectField(default="")
    period = SelectField(default="")

    def query(self) -> AggregateQuery:
        """The aggregate the (validated) form asks for."""
        group_by = tuple(key for key in (self.by.data, self.by2.data) if key)
        filters = {key: self[key].data for key in FILTER_KEYS if self[key].data}
        return AggregateQuery(self.questionnaire.data, group_by, filters, self.unit.data)

    def query_string(self) -> dict[str, str]:
        """The form's values for links (export, item statistics)."""
        return {name: field.data for name, field in self._fields.items() if field.data}


def aggregate_form(
    args: MultiDict[str, str],
    questionnaires: Sequence[tuple[str, str]],
    dimensions: Sequence[tuple[str, str]],
    centres: Sequence[tuple[str, str]],
    periods: Sequence[str],
) -> AggregateForm:
    """The form over ``args`` with per-request labels and choices (the first questionnaire
    unless one is asked for)."""
    form = AggregateForm(args, questionnaire=questionnaires[0][0] if questionnaires else None)
    labels = key_labels()
    everything = [("", _("alle"))]
    form.questionnaire.choices = list(questionnaires)
    form.by.choices = [(key, labels[key]) for key in GROUP_KEYS]
    form.by2.choices = [("", _("keine")), *form.by.choices]
    form.unit.choices = list(unit_labels().items())
    form.measure.choices = [(OVERALL, _("Gesamtergebnis")), *dimensions]
    for key in ("state", "industry", "size", "works_council"):
        form[key].choices = everything + profile_choices(key, select_locale())
    form.centre.choices = everything + list(centres)
    form.period.choices = everything + [(p, p) for p in periods]
    _label(form, labels)
    return form


def _label(form: AggregateForm, labels: Mapping[str, str]) -> None:
    texts: dict[str, Any] = {
        "questionnaire": _("Fragebogen"),
        "by": _("Gruppieren nach"),
        "by2": _("und nach"),
        "unit": _("Zeiteinheit"),
        "measure": _("Bereich für Verteilung und Länder-Diagramm"),
        **labels,
    }
    for name, text in texts.items():
        form[name].label.text = text
