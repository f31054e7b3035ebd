"""The consultant area's forms. Filters are GET forms (plain WTForms, no CSRF: they change
nothing); every form that changes data is a Flask-WTF form (CSRF-protected). Labels and
messages are set per request through ``_()`` so they follow the page language."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Form, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from zzcheck.storage.workspace import (
    DONE,
    IN_PROGRESS,
    LABEL_LENGTH,
    NAME_LENGTH,
    NOTE_LENGTH,
    OPEN,
    OWNER_LENGTH,
    Client,
)
from zzcheck.web.date_field import LocalDateField
from zzcheck.web.translate import _

ASSIGNED, UNASSIGNED = "assigned", "unassigned"


def _too_long(limit: int) -> Length:
    return Length(max=limit, message=_("Höchstens %(max)s Zeichen.", max=limit))


def status_labels() -> dict[str, str]:
    return {OPEN: _("offen"), IN_PROGRESS: _("in Arbeit"), DONE: _("erledigt")}


class ShareFilterForm(Form):  # type: ignore[misc]
    """Search and filters of the list of shared assessments (GET)."""

    q = StringField()
    questionnaire = SelectField(default="")
    status = SelectField(default="")
    date_from = LocalDateField()
    date_to = LocalDateField()

    def __init__(self, formdata: Any, questionnaires: list[tuple[str, str]]) -> None:
        super().__init__(formdata)
        self.q.label.text = _("Betrieb oder Kunde")
        self.q.validators = [Optional(), _too_long(NAME_LENGTH)]
        self.questionnaire.label.text = _("Fragebogen")
        self.questionnaire.choices = [("", _("alle Fragebögen")), *questionnaires]
        self.status.label.text = _("Status")
        self.status.choices = [
            ("", _("alle")),
            (UNASSIGNED, _("noch keinem Kunden zugeordnet")),
            (ASSIGNED, _("einem Kunden zugeordnet")),
        ]
        self.date_from.label.text = _("Abgeschlossen ab")
        self.date_to.label.text = _("Abgeschlossen bis")
        for field in (self.questionnaire, self.status):
            field.invalid_choice_message = _("Bitte wählen Sie einen der angebotenen Werte.")
        for field in (self.date_from, self.date_to):
            field.validators = [Optional()]

    def validate_date_to(self, field: LocalDateField) -> None:
        start: date | None = self.date_from.data
        if start is not None and field.data is not None and field.data < start:
            raise ValidationError(_("Das Enddatum liegt vor dem Anfangsdatum."))


class ClientSearchForm(Form):  # type: ignore[misc]
    q = StringField()

    def __init__(self, formdata: Any) -> None:
        super().__init__(formdata)
        self.q.label.text = _("Name des Kunden")
        self.q.validators = [Optional(), _too_long(NAME_LENGTH)]


class ClientForm(FlaskForm):  # type: ignore[misc]
    display_name = StringField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.display_name.label.text = _("Name des Kunden (Betrieb)")
        required = DataRequired(message=_("Bitte geben Sie einen Namen ein."))
        self.display_name.validators = [required, _too_long(NAME_LENGTH)]


class ClientChoiceForm(FlaskForm):  # type: ignore[misc]
    """An existing client of the centre, or the name of a new one (exactly one of both)."""

    client = SelectField()
    new_client_name = StringField()

    def __init__(self, clients: list[Client], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client.label.text = _("Kunde")
        self.client.choices = [("", _("neuer Kunde (Name unten)"))] + [
            (str(c.id), c.display_name) for c in clients
        ]
        self.client.invalid_choice_message = _("Bitte wählen Sie einen Ihrer Kunden.")
        self.new_client_name.label.text = _("Name eines neuen Kunden")
        self.new_client_name.validators = [_too_long(NAME_LENGTH)]

    def validate_new_client_name(self, field: StringField) -> None:
        """Runs for an empty field too (an ``Optional()`` validator would skip it)."""
        name = (field.data or "").strip()
        if self.client.data and name:
            raise ValidationError(
                _("Bitte nur eines: einen Kunden wählen oder einen Namen eingeben.")
            )
        if not self.client.data and not name:
            raise ValidationError(
                _("Bitte wählen Sie einen Kunden oder geben Sie einen Namen ein.")
            )


class InvitationForm(ClientChoiceForm):
    label = StringField()

    def __init__(self, clients: list[Client], *args: Any, **kwargs: Any) -> None:
        super().__init__(clients, *args, **kwargs)
        self.label.label.text = _("Interne Bezeichnung (freiwillig)")
        self.label.validators = [Optional(), _too_long(LABEL_LENGTH)]


class NoteForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text.label.text = _("Neue Notiz")
        required = DataRequired(message=_("Bitte schreiben Sie einen Text."))
        self.text.validators = [required, _too_long(NOTE_LENGTH)]


class ActionItemForm(FlaskForm):  # type: ignore[misc]
    title = StringField()
    owner = StringField()
    due_on = LocalDateField()
    status = SelectField(default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title.label.text = _("Maßnahme")
        required = DataRequired(message=_("Bitte beschreiben Sie die Maßnahme."))
        self.title.validators = [required, _too_long(NAME_LENGTH)]
        self.owner.label.text = _("Verantwortlich")
        self.owner.validators = [Optional(), _too_long(OWNER_LENGTH)]
        self.due_on.label.text = _("Fällig am")
        self.due_on.validators = [Optional()]
        self.status.label.text = _("Status")
        self.status.choices = list(status_labels().items())
        self.status.invalid_choice_message = _("Bitte wählen Sie einen der angebotenen Werte.")
