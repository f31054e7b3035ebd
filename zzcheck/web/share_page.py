"""What the share page and the invitation pages show and do (the views stay thin)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import find_assessment, questionnaire_of
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.handover import advice_request, request_advice
from zzcheck.storage.invitations import find_invitation
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.sharing import (
    active_share,
    consent_ends,
    share_assessment,
    suggested_centre,
)
from zzcheck.storage.workspace import Invitation, Share
from zzcheck.storage.workspace_errors import ConsentOutdated, WorkspaceError
from zzcheck.web import handover, handover_mail
from zzcheck.web.profile import ProfileForm
from zzcheck.web.share_forms import ShareForm
from zzcheck.web.translate import _


def consent_days() -> int:
    """The consent period: a share ends this many days after consent (the purge ends it)."""
    return int(current_app.config["ZZCHECK_RETENTION_SHARED_DAYS"])


def current_share(assessment: Assessment) -> Share | None:
    return active_share(db.session, assessment)


def centre_name(centre_id: str) -> str:
    """The centre's name in the page language (its id if it is no longer configured)."""
    return current_registry().centres.name_of(centre_id, select_locale())


def is_expired(invitation: Invitation) -> bool:
    return invitation.expired(utcnow())


def form_for(assessment: Assessment) -> ShareForm:
    """The share form; on a first visit the centre is preselected (invitation or state)."""
    centres = current_registry().centres
    suggested = suggested_centre(db.session, assessment, centres)
    return ShareForm(
        centres,
        select_locale(),
        centre=suggested.id if suggested else None,
        message=handover.support_answer(assessment),
    )


def show(assessment: Assessment, token: str, form: ShareForm, current: Share | None) -> str:
    lang = select_locale()
    days = consent_days()
    return render_template(
        "respondent/share.html",
        token=token,
        form=form,
        share=current,
        centre=handover.phrase(current.centre_id, lang, "nominative") if current else None,
        ends=consent_ends(current, days) if current else None,
        advice=advice_request(db.session, current) if current else None,
        next_steps=handover.next_steps(current.centre_id, lang) if current else None,
        consent_text=CONSENT.text(lang, days),
        title=questionnaire_of(assessment).title.get(lang),
    )


def submit(assessment: Assessment, token: str, form: ShareForm) -> Response | tuple[str, int]:
    """Share as the form says; commit once. A refused share shows the form again (400)."""
    try:
        share = share_assessment(
            db.session,
            assessment,
            form.centre.data,
            form.consent_version.data or "",
            select_locale(),
            centres=current_registry().centres,
            company_name=form.company_name.data,
            contact_person=form.contact_person.data,
            consent_days=consent_days(),
        )
        _request(share, form)
    except WorkspaceError as error:
        db.session.rollback()
        flash(_refusal(error), "error")
        form.consent_version.data = CONSENT.version
        form.consent.data = False
        return show(assessment, token, form, None), 400
    db.session.commit()
    handover_mail.deliver_after_commit()
    centre = handover.phrase(share.centre_id, select_locale(), "accusative")
    flash(_("Ihr Ergebnis ist jetzt für %(centre)s freigegeben.", centre=centre))
    return redirect(url_for("sharing.share", token=token), 303)


def _request(share: Share, form: ShareForm) -> None:
    """The request for advice that goes with a new share, and the centre's mail (queued)."""
    if advice_request(db.session, share) is not None:  # a double submit: already asked
        return
    request_advice(
        db.session,
        share,
        form.message.data,
        form.chosen_way(),
        form.contact_detail.data,
    )
    handover_mail.queue_notification(share)


def _refusal(error: WorkspaceError) -> str:
    if isinstance(error, ConsentOutdated):
        return _(
            "Der Text der Einwilligung wurde inzwischen geändert. Bitte lesen Sie ihn und "
            "stimmen Sie noch einmal zu. Geteilt wurde nichts."
        )
    return _("Das Ergebnis konnte nicht geteilt werden. Bitte prüfen Sie Ihre Angaben.")


def invited_profile(
    token: str, invitation: Invitation, questionnaire: Questionnaire, form: ProfileForm
) -> str:
    return render_template(
        "respondent/invited_profile.html",
        token=token,
        form=form,
        questionnaire=questionnaire,
        centre=centre_name(invitation.centre_id),
    )


def share_again(token: str) -> Callable[[], str] | None:
    """After a CSRF failure: the share form again, with what was typed (None: no such page)."""
    assessment = find_assessment(db.session, token)
    if assessment is None or not assessment.is_completed:
        return None
    return lambda: show(assessment, token, form_for(assessment), current_share(assessment))


def invited_again(token: str, questionnaire_id: str) -> Callable[[], str] | None:
    """After a CSRF failure: the invited start form again (None: no such page)."""
    invitation = find_invitation(db.session, token)
    loaded = current_registry().get(questionnaire_id)
    if invitation is None or loaded is None:
        return None
    return lambda: invited_profile(token, invitation, loaded.questionnaire, ProfileForm())
