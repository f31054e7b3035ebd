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
from zzcheck.storage.outbox import OutboxMail, claim, mark_failed, mark_sent, pending_ids

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    failed: int = 0


def deliver_pending(
    session: DbSession, settings: SmtpSettings, limit: int = 100, stop_on_failure: bool = False
) -> Delivery:
    """Send the waiting mails (least tried first); failures are logged and stay pending.
    ``stop_on_failure``: stop at the first failure (a request must not wait for one
    time-out per waiting mail when the server is down)."""
    sent = failed = 0
    for mail_id in pending_ids(session, limit):
        mail = claim(session, mail_id)
        session.commit()
        if mail is None:  # sent meanwhile, or another process is sending it
            continue
        if _send(session, settings, mail):
            sent += 1
        else:
            failed += 1
        session.commit()
        if failed and stop_on_failure:
            break
    return Delivery(sent, failed)


def _send(session: DbSession, settings: SmtpSettings, mail: OutboxMail) -> bool:
    try:
        send_mail(settings, mail.recipient, mail.subject, mail.body)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail %s to a centre not sent (will retry): %s", mail.id, error)
        mark_failed(session, mail, f"{type(error).__name__}: {error}")
        return False
    mark_sent(session, mail)
    return True
