"""The warm handover to a named centre: which centres the result page names (with the
contact details the operator configured), the text of the owner's support question that
prefills the request, and what the page says happens next.

The sentences that name a centre take it with its article (``zzcheck.centre_names``).
"""

from __future__ import annotations

from dataclasses import dataclass

from zzcheck.centre_names import at_centre, with_article
from zzcheck.centres import SECTOR, Centre, Contact
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import answers_of, questionnaire_of
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import suggested_centre
from zzcheck.web.translate import _

# The question whose answer says where the owner needs support ("Möchten Sie noch etwas
# ergänzen – etwa eine Frage, bei der Sie Unterstützung brauchen?"): a text question with
# this id prefills the message of a request for advice.
SUPPORT_QUESTION = "anmerkungen"


@dataclass(frozen=True)
class CentreBox:
    """One centre as the result page names it."""

    id: str
    name: str
    for_centre: str  # "für das Zukunftszentrum Thüringen" without "für": the accusative
    sector: bool
    host: str | None
    contact: Contact
    address_lines: tuple[str, ...]


def centre_boxes(assessment: Assessment, lang: str) -> list[CentreBox]:
    """The centres offered for the company's state and industry: sector centre first; a
    centre that invited the company comes before them (it is preselected for sharing too)."""
    centres = current_registry().centres
    offered = centres.offered_for(assessment.state, assessment.industry)
    first = suggested_centre(db.session, assessment, centres)
    if first is not None and first not in offered:
        offered = (first, *offered)
    return [_box(centre, lang) for centre in offered]


def _box(centre: Centre, lang: str) -> CentreBox:
    address = centre.contact.address.get(lang) if centre.contact.address else ""
    return CentreBox(
        id=centre.id,
        name=centre.name.get(lang),
        for_centre=with_article(centre, lang, "accusative"),
        sector=centre.kind == SECTOR,
        host=centre.host,
        contact=centre.contact,
        address_lines=tuple(line.strip() for line in address.splitlines() if line.strip()),
    )


def support_answer(assessment: Assessment) -> str:
    """The owner's answer to the questionnaire's support question ('' if none)."""
    questionnaire = questionnaire_of(assessment)
    if not any(q.id == SUPPORT_QUESTION and q.type == "text" for q in questionnaire.questions):
        return ""
    value = answers_of(assessment).get(SUPPORT_QUESTION)
    return value.strip() if isinstance(value, str) else ""


def next_steps(centre_id: str, lang: str) -> str:
    """What happens after a request, in the centre's configured words, else a default."""
    centre = current_registry().centres.get(centre_id)
    if centre is not None and centre.next_steps is not None:
        return centre.next_steps.get(lang)
    return _("Das Zukunftszentrum meldet sich bei Ihnen.")


def phrase(centre_id: str, lang: str, case: str) -> str:
    """The centre's name inside a sentence: ``accusative``/``nominative`` with its article,
    or ``at`` ("beim Zukunftszentrum Thüringen"); the id if it is no longer configured."""
    centre = current_registry().centres.get(centre_id)
    if centre is None:
        return centre_id
    if case == "at":
        return at_centre(centre, lang)
    return with_article(centre, lang, "nominative" if case == "nominative" else "accusative")
