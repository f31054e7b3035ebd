"""The forms of team mode: a respondent's role and area, and the fields of opening a campaign
(the owner's form here; the consultant's adds a client in ``web.consultant.campaigns``).
Labels are set per request through ``_()``. Nothing here imports the consultant package:
that package imports this module."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from zzcheck.storage.campaigns import MAX_DAYS, MAX_GROUP_SIZE, MAX_QUESTIONNAIRES
from zzcheck.storage.models import utcnow
from zzcheck.team.groups import MIN_GROUP_SIZE
from zzcheck.web.dates import BERLIN, day_after
from zzcheck.web.team.labels import area_labels, role_labels
from zzcheck.web.translate import _

DEFAULT_DAYS = 21
GROUP_SIZES = (3, 4, 5, 6, 8, MAX_GROUP_SIZE)
NO_AREA = "none"


class JoinForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
    """Who answers: the role (required) and, where the campaign uses it, the area."""

    role = RadioField(validate_choice=True)
    area = RadioField(validate_choice=True, default=NO_AREA)  # optional: "keine Angabe"

    def __init__(self, *args: Any, ask_area: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = list(role_labels().items())
        self.role.validators = [InputRequired(message=_("Bitte wählen Sie Ihre Rolle."))]
        self.area.choices = [*area_labels().items(), (NO_AREA, _("keine Angabe"))]
        self.area.validators = []
        for field in (self.role, self.area):
            field.invalid_choice_message = _("Bitte wählen Sie einen der angebotenen Werte.")
        if not ask_area:
            del self.area

    def chosen_area(self) -> str | None:
        area = self.area.data if "area" in self else None
        return None if area in (None, "", NO_AREA) else str(area)


class DayField(DateField):  # type: ignore[misc]  # WTForms is untyped
    """A day as ``2026-11-22`` (date picker) or ``22.11.2026`` (typed), with a clear message."""

    data: date | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, format=["%Y-%m-%d", "%d.%m.%Y"], **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_("Bitte geben Sie ein Datum wie 31.12.2026 ein.")) from None


def _today() -> date:
    return utcnow().astimezone(BERLIN).date()


def default_day() -> date:
    """The closing day an empty form suggests."""
    return _today() + timedelta(days=DEFAULT_DAYS)


class CampaignFields:
    """The fields both ways of opening a campaign share (WTForms collects them from here)."""

    questionnaires = SelectMultipleField()
    closes_on = DayField()
    min_group_size = SelectField(coerce=int, default=MIN_GROUP_SIZE)

    def setup(self, offered: list[tuple[str, str]]) -> None:
        self.questionnaires.label.text = _("Fragebögen")
        self.questionnaires.choices = offered
        self.questionnaires.validators = [
            DataRequired(message=_("Bitte wählen Sie mindestens einen Fragebogen."))
        ]
        self.closes_on.label.text = _("Letzter Tag für Antworten")
        self.closes_on.validators = [DataRequired(message=_("Bitte geben Sie ein Datum ein."))]
        self.min_group_size.label.text = _("Kleinste Gruppe, die gezeigt wird")
        self.min_group_size.choices = [(n, _("%(n)s Antworten", n=n)) for n in GROUP_SIZES]

    def validate_questionnaires(self, field: SelectMultipleField) -> None:
        if len(field.data or ()) > MAX_QUESTIONNAIRES:
            raise ValidationError(
                _("Höchstens %(max)s Fragebögen in einer Befragung.", max=MAX_QUESTIONNAIRES)
            )

    def validate_closes_on(self, field: DayField) -> None:
        day: date | None = field.data
        if day is not None and not _today() <= day <= _today() + timedelta(days=MAX_DAYS - 2):
            raise ValidationError(
                _(
                    "Bitte wählen Sie einen Tag zwischen heute und in %(days)s Tagen.",
                    days=MAX_DAYS - 2,
                )
            )

    def closes_at(self) -> datetime:
        """The end of the chosen day in Berlin, in UTC."""
        day = self.closes_on.data
        assert day is not None  # the form was validated
        return day_after(day)


class OwnerCampaignForm(CampaignFields, FlaskForm):  # type: ignore[misc]
    def __init__(self, offered: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup(offered)
