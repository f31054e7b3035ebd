"""The respondent's form for sharing a result with a centre (Flask-WTF, CSRF-protected).

The consent text itself is not a form label: it is the versioned text of
``zzcheck.storage.consent``, printed on the page; the hidden ``consent_version`` says which
version the respondent saw, and the service refuses any other than the current one.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from zzcheck.centres import Centres
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.handover import CONTACT_WAYS, MESSAGE_LENGTH
from zzcheck.storage.workspace import NAME_LENGTH
from zzcheck.web.translate import _

ANY_WAY = "any"
WAYS = (ANY_WAY, *CONTACT_WAYS)


class ShareForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
    """Centre (preselected), what the owner wants to talk about, how to be contacted,
    optional company name and contact person, explicit consent."""

    centre = SelectField()
    message = TextAreaField()
    contact_way = RadioField(validate_choice=False)
    contact_detail = StringField()
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
        self.contact_detail.label.text = _("Telefonnummer oder E-Mail-Adresse (freiwillig)")
        for field in (self.company_name, self.contact_person, self.contact_detail):
            field.validators = [Optional(), Length(max=NAME_LENGTH, message=too_long)]
        self._request_fields()
        self.consent.label.text = _("Ja, ich bin mit dieser Freigabe einverstanden.")
        message = _("Ohne Ihre Einwilligung wird nichts geteilt. Bitte setzen Sie das Häkchen.")
        self.consent.validators = [DataRequired(message=message)]
        if not self.consent_version.data:
            self.consent_version.data = CONSENT.version

    def _request_fields(self) -> None:
        """What the owner wants to talk about and the preferred way of contact (optional)."""
        self.message.label.text = _("Worüber möchten Sie sprechen? (freiwillig)")
        self.message.validators = [
            Optional(),
            Length(max=MESSAGE_LENGTH, message=_("Höchstens %(max)s Zeichen.", max=MESSAGE_LENGTH)),
        ]
        self.contact_way.label.text = _("Wie möchten Sie kontaktiert werden?")
        self.contact_way.choices = [
            (ANY_WAY, _("egal")),
            ("phone", _("per Telefon")),
            ("email", _("per E-Mail")),
            ("visit", _("bei einem Besuch vor Ort")),
        ]
        self.contact_way.validators = [
            Optional(),  # not sent (an older form): no preference
            AnyOf(WAYS, message=_("Bitte wählen Sie einen der angebotenen Wege.")),
        ]
        if self.contact_way.data is None:
            self.contact_way.data = ANY_WAY

    def chosen_way(self) -> str | None:
        """The way of contact the owner prefers; None for "egal"."""
        way = self.contact_way.data
        return None if way in (ANY_WAY, "", None) else str(way)
