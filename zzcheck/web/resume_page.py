"""Save and resume, made obvious: the page with the personal link after "Später
weitermachen", and the "Willkommen zurück" note when the owner comes back through it.

The link page offers the link in a read-only field (select and copy without JavaScript; a
small script adds a copy button), a ``mailto:`` link that prefills a mail to oneself (the
owner chooses to send it; nothing is sent by us), and a QR code of the link (inline SVG made
locally by ``segno``) to continue on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import render_template, url_for
from markupsafe import Markup

from zzcheck.i18n import select_locale
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import is_answered, visible_questions
from zzcheck.storage.assessments import answers_of, questionnaire_of
from zzcheck.storage.models import Assessment
from zzcheck.web.hosts import public_url
from zzcheck.web.journey import at_review, resume_number
from zzcheck.web.qr import qr_svg
from zzcheck.web.translate import _


@dataclass(frozen=True)
class LeftOff:
    """Where an owner stopped: the page to continue on and how much is answered."""

    url: str  # the section (or the summary) to continue on
    place: str  # the section's title, or "the summary of your answers"
    answered: int  # shown questions answered so far
    shown: int  # shown questions in all


def left_off(assessment: Assessment, token: str) -> LeftOff:
    questionnaire = questionnaire_of(assessment)
    lang = select_locale()
    answers = answers_of(assessment)
    shown = visible_questions(questionnaire, answers, assessment.profile)
    answered = sum(1 for q in shown if is_answered(answers.get(q.id)))
    url, place = _place(questionnaire, assessment.current_section, token, lang)
    return LeftOff(url, place, answered, len(shown))


def _place(
    questionnaire: Questionnaire, current_section: int, token: str, lang: str
) -> tuple[str, str]:
    if at_review(questionnaire, current_section):
        return url_for("respondent.review", token=token), _("der Übersicht Ihrer Antworten")
    number = resume_number(questionnaire, current_section)
    title = questionnaire.sections[number - 1].title.get(lang)
    return url_for("respondent.section", token=token, number=number), _("„%(title)s“", title=title)


def welcome_back(where: LeftOff) -> str:
    """The note shown when the owner opens the personal link again."""
    return _(
        "Willkommen zurück! Sie waren zuletzt bei %(place)s. Beantwortet sind %(answered)s "
        "von %(shown)s Fragen; Ihre gespeicherten Antworten sind eingetragen.",
        place=where.place,
        answered=where.answered,
        shown=where.shown,
    )


def mailto(link: str, title: str) -> str:
    """A ``mailto:`` without recipient, subject and body prefilled; the body holds the link."""
    subject = _("Mein persönlicher Link: %(title)s", title=title)
    body = _(
        "Mit diesem persönlichen Link mache ich „%(title)s“ später weiter und rufe mein "
        "Ergebnis wieder auf:\n\n%(link)s\n\nWer den Link kennt, kann die Antworten sehen.",
        title=title,
        link=link,
    )
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def show(assessment: Assessment, token: str) -> str:
    """The page with the personal link, its copy, mail and QR options, and the way on."""
    link = public_url("respondent.resume", token=token)
    title = questionnaire_of(assessment).title.get(select_locale())
    qr: Markup = qr_svg(link, _("QR-Code Ihres persönlichen Links"))
    return render_template(
        "respondent/saved.html",
        token=token,
        link=link,
        title=title,
        mail=mailto(link, title),
        qr=qr,
        where=left_off(assessment, token),
    )
