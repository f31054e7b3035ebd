"""Login and logout of consultants, programme staff and admins (blueprint ``auth``).

Unknown address and wrong password get the same answer; after a few failed attempts for one
account from one client address the next waits a little longer each time, and too many from
one address get 429 with ``Retry-After`` (``storage.login_limits``; counted in the database, so
the limits hold across worker processes). Nobody can lock another person out. ``?next=`` is followed only for paths of this app.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length

from zzcheck.extensions import db
from zzcheck.storage.accounts import (
    ADMIN,
    CONSULTANT,
    MAX_EMAIL_LENGTH,
    MAX_PASSWORD_LENGTH,
    PROGRAMME,
    User,
    authenticate,
)
from zzcheck.storage.login_limits import LoginLimits, LoginThrottled
from zzcheck.web.access import current_user, forget_login, load_user, remember_login
from zzcheck.web.errors import error_page
from zzcheck.web.system import safe_next
from zzcheck.web.translate import _

bp = Blueprint("auth", __name__)
Page = str | tuple[str, int] | tuple[str, int, dict[str, str]] | Response
# Where each role lands after login, if that area exists (else the start page).
HOME_ENDPOINTS = {CONSULTANT: "consultant.index", PROGRAMME: "programme.index", ADMIN: None}


class LoginForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
    """Labels are written in the template (translated there)."""

    email = EmailField(validators=[InputRequired(), Length(max=MAX_EMAIL_LENGTH)])
    password = PasswordField(validators=[InputRequired(), Length(max=MAX_PASSWORD_LENGTH)])


def _page(form: LoginForm, status: int = 200, message: str | None = None) -> tuple[str, int]:
    html = render_template("auth/login.html", form=form, message=message, next=_next_param())
    return html, status


def _next_param() -> str:
    return safe_next(request.args.get("next"), "")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Page:
    form = LoginForm()
    user = current_user()
    if user is not None and request.method == "GET":
        return redirect(_next_param() or home_of(user))
    if not form.validate_on_submit():
        invalid = _("Bitte geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.")
        return _page(form, 400, invalid) if form.is_submitted() else _page(form)
    try:
        user = authenticate(
            db.session, form.email.data, form.password.data, _client_key(), limits=_limits()
        )
    except LoginThrottled as throttled:
        db.session.rollback()
        return _throttled(form, throttled.retry_after)
    db.session.commit()
    if user is None:
        return _page(form, 400, _("E-Mail-Adresse oder Passwort ist falsch."))
    remember_login(user)
    return redirect(_next_param() or home_of(user))


def _throttled(form: LoginForm, retry_after: int) -> tuple[str, int, dict[str, str]]:
    if retry_after < 60:  # the short waits after a few wrong passwords
        message = _(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in %(seconds)s "
            "Sekunden erneut.",
            seconds=retry_after,
        )
    else:
        message = _(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in %(minutes)s "
            "Minuten erneut.",
            minutes=-(-retry_after // 60),
        )
    html, status = _page(form, 429, message)
    return html, status, {"Retry-After": str(retry_after)}


@bp.post("/logout")
def logout() -> Response:
    """POST only (with the CSRF token), so no link or image can log anyone out. Ends the
    session on the server too: a copy of the cookie taken before is refused afterwards
    (the account's session epoch goes up, which ends its sessions in other browsers too)."""
    user = current_user()
    if user is not None:
        user.end_sessions()
        db.session.commit()
    forget_login()
    flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("auth.login"))


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> tuple[str, int]:
    """An expired or missing form token: say so, change nothing."""
    message = _("Das Formular ist abgelaufen. Bitte senden Sie es noch einmal.")
    if request.endpoint == "auth.login":
        return _page(LoginForm(formdata=None), 400, message)
    return error_page(400, message)


def home_of(user: User) -> str:
    """The page a user lands on after login: their area, where it exists."""
    endpoint = HOME_ENDPOINTS.get(user.role)
    if endpoint and endpoint in current_app.view_functions:
        return url_for(endpoint)
    return url_for("respondent.start")


def _client_key() -> str:
    """The client's address as the server sees it (behind a proxy: configure ProxyFix)."""
    return request.remote_addr or "unknown"


def _limits() -> LoginLimits:
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return LoginLimits(secret=secret)


def register_auth(app: Flask) -> None:
    """The blueprint, ``g.user`` on every request, ``current_user()`` in templates, and the
    session cookie flags (Secure outside debug and tests unless ZZCHECK_SECURE_COOKIES=0)."""
    app.register_blueprint(bp)
    app.before_request(load_user)
    app.jinja_env.globals["current_user"] = current_user
    app.config["SESSION_COOKIE_SECURE"] = secure_cookies(app)


def secure_cookies(app: Flask) -> bool:
    setting = str(app.config.get("ZZCHECK_SECURE_COOKIES") or "auto").strip().lower()
    if setting == "auto":
        return not (app.debug or app.testing)
    return setting in ("1", "true", "yes", "on")
