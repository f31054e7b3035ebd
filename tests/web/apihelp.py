"""Helpers of the API tests: a token for a user (through the storage service, as the page and
the CLI make one) and requests with it."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from zzcheck.extensions import db
from zzcheck.storage.accounts import User
from zzcheck.storage.api_tokens import create_token


def token_for(app: Flask, user: User, label: str = "test") -> str:
    with app.app_context():
        account = db.session.get(User, user.id)
        assert account is not None
        _row, secret = create_token(db.session, account, label)
        db.session.commit()
        return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def get(client: FlaskClient, path: str, secret: str, status: int = 200, **kwargs: Any) -> Any:
    response = client.get(path, headers=bearer(secret), **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response
