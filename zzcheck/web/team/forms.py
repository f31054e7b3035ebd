"""The forms of team mode: a respondent's role and area, and the fields of opening a campaign
(the owner's form here; the consultant's adds a client in ``web.consultant.campaigns``).
Labels are set per request through ``_()``. Nothing here imports the consultant package:
that package imports this module."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from zzcheck.storage.campaign_codes import MAX_CODES
from zzcheck.storage.campaigns import MAX_DAYS, MAX_GROUP_SIZE, MAX_QUESTIONNAIRES
from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import CODES, LINK
from zzcheck.team.groups import MIN_GROUP_SIZE, ROLES
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

    def __init__(
        self, *args: Any, ask_area: bool = True, ask_role: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = list(role_labels().items())
        self.role.validators = [InputRequired(message=_("Bitte wählen Sie Ihre Rolle."))]
        self.area.choices = [*area_labels().items(), (NO_AREA, _("keine Angabe"))]
        self.area.validators = []
        for field in (self.role, self.area):
            field.invalid_choice_message = _("Bitte wählen Sie einen der angebotenen Werte.")
        if not ask_area:
            del self.area
        if not ask_role:  # a code with a role: the respondent cannot pick another
            del self.role

    def chosen_role(self) -> str | None:
        return str(self.role.data) if "role" in self else None

    def chosen_area(self) -> str | None:
        area = self.area.data if "area" in self else None
        return None if area in (None, "", NO_AREA) else str(area)


class CodeForm(FlaskForm):  # type: ignore[misc]
    """A personal code, typed (first step) or carried on to the role step (``step``)."""

    code = StringField()
    step = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.code.label.text = _("Ihr Code")
        self.code.validators = [DataRequired(message=_("Bitte geben Sie Ihren Code ein."))]


class CodeJoinForm(JoinForm):
    """The role step after a valid code: role (unless the code fixes it) and area."""

    code = HiddenField()
    step = HiddenField()


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


class CodeCountFields:
    """How many codes per role: part of opening a campaign, and the form for more codes."""

    codes_any = IntegerField(default=0)
    codes_management = IntegerField(default=0)
    codes_employee = IntegerField(default=0)
    codes_works_council = IntegerField(default=0)
    codes_it = IntegerField(default=0)
    available = MAX_CODES  # codes this campaign may still get

    def setup_counts(self) -> None:
        labels = {None: _("Codes ohne feste Rolle"), **_code_role_labels()}
        for role, field in self.count_fields().items():
            field.label.text = labels[role]
            field.validators = [
                Optional(),
                NumberRange(0, MAX_CODES, _("Bitte eine Zahl von 0 bis %(max)s.", max=MAX_CODES)),
            ]

    def count_fields(self) -> dict[str | None, IntegerField]:
        """The number fields by role (None: codes whose holder picks the role)."""
        return {None: self.codes_any, **{role: getattr(self, f"codes_{role}") for role in ROLES}}

    def code_counts(self) -> dict[str | None, int]:
        """How many codes per role the form asks for (roles without codes left out)."""
        counts = {role: field.data or 0 for role, field in self.count_fields().items()}
        return {role: n for role, n in counts.items() if n > 0}

    def uses_codes(self) -> bool:
        return True

    def validate_codes_any(self, field: IntegerField) -> None:
        total = sum(self.code_counts().values())
        if self.uses_codes() and not 1 <= total <= self.available:
            raise ValidationError(
                _("Bitte insgesamt 1 bis %(max)s Codes, einen je Person.", max=self.available)
            )


class MoreCodesForm(CodeCountFields, FlaskForm):  # type: ignore[misc]
    """More codes for an open code campaign (a lost sheet, people who joined late)."""

    def __init__(self, available: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.available = available
        self.setup_counts()


class CampaignFields(CodeCountFields):
    """The fields both ways of opening a campaign share (WTForms collects them from here)."""

    questionnaires = SelectMultipleField()
    closes_on = DayField()
    min_group_size = SelectField(coerce=int, default=MIN_GROUP_SIZE)
    access = RadioField(default=CODES, validate_choice=True)

    def setup(self, offered: list[tuple[str, str]]) -> None:
        self._setup_basics(offered)
        self.access.choices = [
            (CODES, _("Persönliche Einmal-Codes (empfohlen)")),
            (LINK, _("Ein gemeinsamer Link für alle (weniger geschützt)")),
        ]
        self.access.validators = [InputRequired(message=_("Bitte wählen Sie den Zugang."))]
        self.access.invalid_choice_message = _("Bitte wählen Sie einen der angebotenen Werte.")
        self.setup_counts()

    def uses_codes(self) -> bool:
        return bool(self.access.data == CODES)

    def _setup_basics(self, offered: list[tuple[str, str]]) -> None:
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


def _code_role_labels() -> dict[str | None, str]:
    return {role: _("Codes nur für: %(role)s", role=label) for role, label in role_labels().items()}
