"""Telling a centre of a new request for advice by e-mail, where the operator configured an
SMTP server (``ZZCHECK_SMTP_*``) and the centre a contact address.

The mail carries a link to the share in ``/berater/`` and nothing else about the company:
never answers, scores, the message or contact details (a consultant logs in to see them).
It is queued in the request's transaction and sent after the commit.
"""

from __future__ import annotations

import logging

from flask import current_app, url_for

from zzcheck.extensions import db
from zzcheck.mail import SmtpSettings
from zzcheck.mailer import deliver_pending
from zzcheck.registry import current_registry
from zzcheck.storage.outbox import queue_mail
from zzcheck.storage.workspace import Share
from zzcheck.web.hosts import public_base

logger = logging.getLogger(__name__)
REQUEST_LIMIT = 10  # mails sent after one request at most; the rest by send-mail or later
# Centres work in German: the mail is always German.
SUBJECT = "Neue Anfrage zur Beratung aus dem KI-Readiness-Check"
BODY = """Guten Tag,

ein Betrieb hat über den KI-Readiness-Check eine Beratung bei {centre} angefragt und sein
Ergebnis mit Ihrem Zentrum geteilt.

Die Anfrage (nach Anmeldung im Bereich für Beraterinnen und Berater):
{link}

Diese Nachricht enthält bewusst keine Antworten, Ergebnisse oder Kontaktdaten.
"""


def settings() -> SmtpSettings | None:
    return SmtpSettings.from_config(current_app.config)


def queue_notification(share: Share) -> bool:
    """Queue the mail to the share's centre (flushed, not committed); False when no SMTP
    server or no centre address is configured."""
    centre = current_registry().centres.get(share.centre_id)
    if settings() is None or centre is None or centre.contact.email is None:
        return False
    link = public_base() + url_for("consultant.share", share_id=share.id)
    body = BODY.format(centre=centre.name.get("de"), link=link)
    queue_mail(db.session, centre.contact.email, SUBJECT, body)
    return True


def deliver_after_commit() -> None:
    """Send what waits (this request's mail and any earlier failed ones); a mail server
    that is down is logged, and the mails wait for the next try."""
    configured = settings()
    if configured is None:
        return
    try:
        deliver_pending(db.session, configured, limit=REQUEST_LIMIT, stop_on_failure=True)
    except Exception:  # the request is committed: never turn a mail problem into a 500
        db.session.rollback()
        logger.exception("delivering the mail outbox failed; it is tried again later")
