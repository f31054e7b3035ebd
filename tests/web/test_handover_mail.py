"""The centre learns of a request for advice by e-mail (issue 14, point 5), tested against a
real SMTP server (aiosmtpd) on 127.0.0.1: the mail goes to the centre's configured address
and carries a link to the share in /berater/, never answers, scores or the owner's message;
a mail server that is down never loses the request, and a later run delivers it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from centrehelp import LOW, completed
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from handoverhelp import config
from sqlalchemy import select
from webpage import form_of, parse

from zzcheck.extensions import db
from zzcheck.storage.handover import AdviceRequest
from zzcheck.storage.outbox import OutboxMail, queue_mail
from zzcheck.storage.workspace import Share

SECRET_MESSAGE = "Vertraulich: Umsatzeinbruch 2026"
SN = {"industry": "C", "size": "10-49", "state": "DE-SN"}  # sachsen: e-mail configured
TH_NO_MAIL = {"industry": "C", "size": "10-49", "state": "DE-HH"}  # nord: phone only


class Inbox:
    """aiosmtpd handler keeping every mail it receives."""

    def __init__(self) -> None:
        self.mails: list[tuple[list[str], Message]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("refused@"):
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path, port: int) -> dict[str, Any]:
    return {
        **app_config,
        **config(tmp_path),
        "ZZCHECK_SMTP_HOST": "127.0.0.1",
        "ZZCHECK_SMTP_PORT": port,
        "ZZCHECK_SMTP_STARTTLS": False,
        "ZZCHECK_SMTP_FROM": "check@example.org",
        "ZZCHECK_SMTP_TIMEOUT": 5,
        "ZZCHECK_BASE_URL": "https://check.example.org",
    }


@pytest.fixture
def inbox(port: int) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler
    controller.stop()


def ask_for_advice(client: FlaskClient, token: str) -> None:
    page = parse(client.get(f"/a/{token}/teilen").data)
    data = form_of(page, "share-form").submit() | {
        "consent": "y",
        "message": SECRET_MESSAGE,
        "contact_way": "email",
        "contact_detail": "chefin@betrieb.example",
    }
    response = client.post(f"/a/{token}/teilen", data=data)
    assert response.status_code == 303


def share_ids(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(AdviceRequest.share_id)))


def outbox(app: Flask) -> list[OutboxMail]:
    with app.app_context():
        found = list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)))
        db.session.expunge_all()
        return found


def test_the_centre_gets_a_mail_with_a_link_and_nothing_else(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    _id, token = completed(app, LOW, profile=SN)
    ask_for_advice(client, token)
    [share_id] = share_ids(app)
    [(recipients, mail)] = inbox.mails
    assert recipients == ["beratung@zz-sachsen.example"]
    assert mail["From"] == "check@example.org"
    assert "Anfrage" in mail["Subject"]
    body = mail.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    assert f"https://check.example.org/berater/freigaben/{share_id}" in body
    assert "Zukunftszentrum Sachsen" in body
    for private in (SECRET_MESSAGE, "chefin@betrieb.example", "Punkte", token):
        assert private not in body
    [stored] = outbox(app)
    assert stored.sent_at is not None and stored.attempts == 1


def test_no_mail_for_a_centre_without_an_address(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    _id, token = completed(app, LOW, profile=TH_NO_MAIL)
    ask_for_advice(client, token)
    assert len(share_ids(app)) == 1
    assert inbox.mails == [] and outbox(app) == []


def test_a_mail_server_that_is_down_loses_nothing(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner, port: int
) -> None:
    _id, token = completed(app, LOW, profile=SN)
    ask_for_advice(client, token)  # nothing listens on the port: the request still succeeds
    [share_id] = share_ids(app)
    with app.app_context():
        share = db.session.get(Share, share_id)
        assert share is not None and share.withdrawn_at is None
    [waiting] = outbox(app)
    assert waiting.sent_at is None and waiting.attempts == 1 and waiting.last_error
    assert runner.invoke(args=["zzcheck", "send-mail"]).exit_code == 1  # still down
    assert outbox(app)[0].attempts == 2 and outbox(app)[0].sent_at is None
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        result = runner.invoke(args=["zzcheck", "send-mail"])
        assert result.exit_code == 0, result.output
        assert "1 mail(s) sent" in result.output
        assert runner.invoke(args=["zzcheck", "send-mail"]).output.startswith("0 mail(s) sent")
    finally:
        controller.stop()
    [(recipients, mail)] = handler.mails  # delivered once
    assert recipients == ["beratung@zz-sachsen.example"]
    body = mail.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    assert f"/berater/freigaben/{share_id}" in body
    assert outbox(app)[0].sent_at is not None


def test_the_next_request_sends_what_waited(app: Flask, client: FlaskClient, port: int) -> None:
    _id, first = completed(app, LOW, profile=SN)
    ask_for_advice(client, first)  # server down
    assert [mail.sent_at for mail in outbox(app)] == [None]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _id, second = completed(app, LOW, profile=SN)
        ask_for_advice(client, second)
    finally:
        controller.stop()
    assert len(handler.mails) == 2
    assert all(mail.sent_at is not None for mail in outbox(app))


def test_without_an_smtp_server_nothing_is_queued(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    app.config["ZZCHECK_SMTP_HOST"] = ""
    _id, token = completed(app, LOW, profile=SN)
    ask_for_advice(client, token)
    assert len(share_ids(app)) == 1 and outbox(app) == []
    result = runner.invoke(args=["zzcheck", "send-mail"])
    assert result.exit_code == 1 and "ZZCHECK_SMTP_HOST" in result.output


def test_a_mail_that_keeps_failing_does_not_hold_up_new_ones(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    with app.app_context():
        old = queue_mail(db.session, "refused@zz.example", "Alt", "Alt")
        old.attempts = 3
        db.session.commit()
    _id, token = completed(app, LOW, profile=SN)
    ask_for_advice(client, token)
    assert [recipients for recipients, _mail in inbox.mails] == [["beratung@zz-sachsen.example"]]
    refused, new = outbox(app)
    assert new.sent_at is not None
    assert refused.sent_at is None and refused.attempts == 4 and "550" in (refused.last_error or "")
