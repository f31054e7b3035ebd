"""The respondent's form for sharing a result with a centre (Flask-WTF, CSRF-protected).

The consent text itself is not a form label: it is the versioned text of
``zzcheck.storage.consent``, printed on the page; the hidden ``consent_version`` says which
version the respondent saw, and the service refuses any other than the current one.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from zzcheck.centres import Centres
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.workspace import NAME_LENGTH
from zzcheck.web.translate import _


class ShareForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
    """Centre (preselected), optional company name and contact person, explicit consent."""

    centre = SelectField()
    company_name = StringField()
    contact_person = StringField()
    consent = BooleanField()
    consent_version = HiddenField()

    def __init__(self, centres: Centres, lang: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.centre.label.text = _("Zukunftszentrum")
        self.centre.choices = [(c.id, c.name.get(lang)) for c in centres.all()]
        self.centre.validators = [InputRequired(message=_("Bitte wählen Sie ein Zentrum."))]
        self.centre.invalid_choice_message = _("Bitte wählen Sie eines der angebotenen Zentren.")
        too_long = _("Höchstens %(max)s Zeichen.", max=NAME_LENGTH)
        self.company_name.label.text = _("Name des Betriebs (freiwillig)")
        self.contact_person.label.text = _("Ansprechperson (freiwillig)")
        for field in (self.company_name, self.contact_person):
            field.validators = [Optional(), Length(max=NAME_LENGTH, message=too_long)]
        self.consent.label.text = _("Ja, ich bin mit dieser Freigabe einverstanden.")
        message = _("Ohne Ihre Einwilligung wird nichts geteilt. Bitte setzen Sie das Häkchen.")
        self.consent.validators = [DataRequired(message=message)]
        if not self.consent_version.data:
            self.consent_version.data = CONSENT.version
