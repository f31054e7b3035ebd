"""The owner's plan form: for each first step of the result, who does it and by when.

The form is built per result (one pair of fields per first step, named after the step's
recommendation id: ``who_<id>``, ``due_<id>``), labelled "Schritt 1: …" so that the error
summary says which step a message is about. A posted field of any other step is refused
as a whole (``foreign_fields``): the view answers 400 and saves nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional, ValidationError

from zzcheck.storage.step_plans import MAX_AHEAD, WHO_LENGTH, PlanEntry
from zzcheck.web.date_field import LocalDateField
from zzcheck.web.dates import BERLIN
from zzcheck.web.translate import _

WHO, DUE = "who_", "due_"


def owner_today() -> date:
    """Today in Germany: the earliest date a step can be due."""
    return datetime.now(BERLIN).date()


def plan_form(
    steps: Sequence[Mapping[str, Any]], plan: Mapping[str, PlanEntry], posted: bool
) -> FlaskForm:
    """The form for the ``first`` steps of ``Result.to_dict``, filled from ``plan`` (GET)
    or from the request (POST)."""

    class PlanForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
        pass

    today = owner_today()
    for number, step in enumerate(steps, start=1):
        who = StringField(
            _("Schritt %(number)s: Wer kümmert sich?", number=number),
            validators=[Optional(), _who_length()],
            filters=[lambda value: value.strip() if isinstance(value, str) else value],
        )
        due = LocalDateField(
            _("Schritt %(number)s: Bis wann?", number=number),
            validators=[Optional(), _within_range(today)],
        )
        setattr(PlanForm, WHO + step["id"], who)
        setattr(PlanForm, DUE + step["id"], due)
    if posted:
        return PlanForm()
    data: dict[str, object] = {}
    for step_id, entry in plan.items():
        data[WHO + step_id], data[DUE + step_id] = entry.who, entry.due
    return PlanForm(formdata=None, data=data)


def entries(form: FlaskForm, steps: Sequence[Mapping[str, Any]]) -> dict[str, PlanEntry]:
    """The validated form as the service takes it (empty text: None)."""
    return {
        step["id"]: PlanEntry(
            form[WHO + step["id"]].data or None, form[DUE + step["id"]].data or None
        )
        for step in steps
    }


def foreign_fields(posted: Mapping[str, str], steps: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the request names a step that is not one of the first steps."""
    names = {prefix + step["id"] for step in steps for prefix in (WHO, DUE)}
    return any(key.startswith((WHO, DUE)) and key not in names for key in posted)


def _who_length() -> Length:
    return Length(
        max=WHO_LENGTH,
        message=_(
            "Bitte höchstens %(max)s Zeichen: eine Rolle oder einen Vornamen.", max=WHO_LENGTH
        ),
    )


def _within_range(today: date) -> Any:
    def check(_form: FlaskForm, field: LocalDateField) -> None:
        if field.data is None:
            return
        if field.data < today:
            raise ValidationError(_("Das Datum liegt in der Vergangenheit."))
        if field.data > today + MAX_AHEAD:
            raise ValidationError(_("Bitte planen Sie höchstens zwei Jahre im Voraus."))

    return check
