"""Delivering the mail outbox (``zzcheck.storage.outbox``) through the configured SMTP
server: after a request's commit, and by ``flask --app app zzcheck send-mail``.

Each mail is its own unit of work: claimed and committed, sent, then marked sent (or failed,
which leaves it pending for the next run) and committed, so a failure never touches the
stored request and a crash between sending and marking re-sends rather than loses.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from zzcheck.mail import SmtpSettings, send_mail
from zzcheck.storage.base import DbSession
from zzcheck.storage.outbox import claim, mark_failed, mark_sent, pending_ids

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    failed: int = 0


def deliver_pending(session: DbSession, settings: SmtpSettings, limit: int = 100) -> Delivery:
    """Send the waiting mails (oldest first); failures are logged and stay pending."""
    sent = failed = 0
    for mail_id in pending_ids(session, limit):
        mail = claim(session, mail_id)
        session.commit()
        if mail is None:
            continue
        try:
            send_mail(settings, mail.recipient, mail.subject, mail.body)
        except (OSError, smtplib.SMTPException) as error:
            failed += 1
            logger.warning("mail %s to the centre not sent (will retry): %s", mail.id, error)
            mark_failed(session, mail, f"{type(error).__name__}: {error}")
        else:
            sent += 1
            mark_sent(session, mail)
        session.commit()
    return Delivery(sent, failed)
