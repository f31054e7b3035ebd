"""The company profile form asked before a questionnaire: five coarse facts, no names.

The codes and their German/English labels live in ``zzcheck.questionnaire.profile`` (what is
stored); this module turns them into a Flask-WTF form. Labels and messages are translated
per request (``_()`` in ``__init__``), so Babel's default extraction finds every text.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField
from wtforms.validators import InputRequired

from zzcheck.i18n import select_locale
from zzcheck.questionnaire.profile import PROFILE_FIELDS, choices
from zzcheck.web.translate import _


class _RadioField(RadioField):  # type: ignore[misc]  # WTForms is untyped
    """A radio group that reports a missing answer once ("please answer"), not twice."""

    def pre_validate(self, form: FlaskForm) -> None:
        if self.raw_data:
            super().pre_validate(form)


def _labels() -> dict[str, str]:
    return {
        "industry": _("Branche (Wirtschaftszweig)"),
        "size": _("Zahl der Beschäftigten"),
        "state": _("Bundesland des Betriebs"),
        "works_council": _("Gibt es in Ihrem Betrieb einen Betriebsrat?"),
        "role": _("Sie beantworten die Fragen als …"),
    }


def _placeholders() -> dict[str, str]:
    return {"industry": _("Bitte Branche wählen"), "state": _("Bitte Bundesland wählen")}


class ProfileForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
    """Industry section, size class, federal state, works council and the respondent's role."""

    industry = SelectField()
    size = _RadioField()
    state = SelectField()
    works_council = _RadioField()
    role = _RadioField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang, labels, placeholders = select_locale(), _labels(), _placeholders()
        for key in PROFILE_FIELDS:
            field = self[key]
            field.label.text = labels[key]
            field.validators = [InputRequired(message=_("Bitte beantworten Sie diese Frage."))]
            field.invalid_choice_message = _("Bitte wählen Sie eine der angebotenen Antworten.")
            pairs = choices(key, lang)
            if key in placeholders:
                pairs = [("", placeholders[key]), *pairs]
            field.choices = [SelectChoice(value, label) for value, label in pairs]

    def profile(self) -> dict[str, str]:
        """The validated answers, as codes, the way ``start_assessment`` takes them."""
        return {key: str(self[key].data) for key in PROFILE_FIELDS}
