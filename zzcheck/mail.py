"""Sending plain-text mail through the operator's SMTP server, with the standard library's
``smtplib`` and ``email`` (well kept, no further dependency). Plain Python: no Flask, no SQL.

Settings come from ``ZZCHECK_SMTP_*`` (README "Configuration"); without a host no mail is
sent and nothing is queued.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    user: str = ""
    password: str = ""
    starttls: bool = True
    sender: str = ""
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings | None:
        """The configured server, or None when ``ZZCHECK_SMTP_HOST`` is not set."""
        host = str(config.get("ZZCHECK_SMTP_HOST") or "")
        if not host:
            return None
        return cls(
            host=host,
            port=int(config.get("ZZCHECK_SMTP_PORT") or 587),
            user=str(config.get("ZZCHECK_SMTP_USER") or ""),
            password=str(config.get("ZZCHECK_SMTP_PASSWORD") or ""),
            starttls=bool(config.get("ZZCHECK_SMTP_STARTTLS", True)),
            sender=str(config.get("ZZCHECK_SMTP_FROM") or f"zzcheck@{host}"),
            timeout=float(config.get("ZZCHECK_SMTP_TIMEOUT") or 10),
        )


def send_mail(settings: SmtpSettings, recipient: str, subject: str, body: str) -> None:
    """Send one mail; raises ``OSError`` or ``smtplib.SMTPException`` when it fails."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body)
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)
