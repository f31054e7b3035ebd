"""``/konto/api-tokens``: a consultant or programme staff member creates and revokes their
own API tokens. A new token is shown once, on the answer to the form (never stored, never
in a URL, the page not cached); the list shows label, creation and last use."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from zzcheck.extensions import db
from zzcheck.storage.accounts import CONSULTANT, PROGRAMME
from zzcheck.storage.api_tokens import (
    LABEL_LENGTH,
    ApiTokenError,
    create_token,
    revoke_token,
    user_tokens,
)
from zzcheck.web.access import current_user, role_required
from zzcheck.web.translate import _

bp = Blueprint("tokens", __name__, url_prefix="/konto/api-tokens")


class TokenForm(FlaskForm):  # type: ignore[misc]
    label = StringField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label.label.text = _("Wofür ist der Schlüssel? (z. B. „CRM-Abgleich“)")
        self.label.validators = [
            DataRequired(message=_("Bitte geben Sie eine Bezeichnung ein.")),
            Length(max=LABEL_LENGTH, message=_("Höchstens %(max)s Zeichen.", max=LABEL_LENGTH)),
        ]


class RevokeForm(FlaskForm):  # type: ignore[misc]
    pass


@bp.after_request
def not_cached(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("")
@role_required(CONSULTANT, PROGRAMME)
def index() -> str:
    return _page(TokenForm())


@bp.post("")
@role_required(CONSULTANT, PROGRAMME)
def create() -> str | tuple[str, int]:
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form), 400
    try:
        _token, secret = create_token(db.session, _user(), form.label.data)
    except ApiTokenError:
        db.session.rollback()
        flash(_("Der Schlüssel wurde nicht erstellt: Sie haben bereits zu viele."), "error")
        return _page(form), 400
    db.session.commit()
    return _page(TokenForm(formdata=None), secret=secret)


@bp.post("/<int:token_id>/widerrufen")
@role_required(CONSULTANT, PROGRAMME)
def revoke(token_id: int) -> Response:
    if not RevokeForm().validate_on_submit():
        abort(400)
    if not revoke_token(db.session, _user().id, token_id):
        abort(404)
    db.session.commit()
    flash(_("Der Schlüssel wurde widerrufen; er gilt ab sofort nicht mehr."), "success")
    return redirect(url_for("tokens.index"))


def _user() -> Any:
    user = current_user()
    if user is None:
        abort(403)
    return user


def _page(form: TokenForm, secret: str | None = None) -> str:
    tokens = user_tokens(db.session, _user().id)
    return render_template(
        "api/tokens.html", form=form, tokens=tokens, secret=secret, revoke_form=RevokeForm()
    )
