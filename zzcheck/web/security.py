"""Security headers on every response (pages, downloads, static files, 404, 429, 500), and
werkzeug's ``ProxyFix`` behind a reverse proxy.

The Content-Security-Policy allows scripts, styles, fonts and requests from the app's own
origin only: no inline script, no ``eval`` (the plotly bundle is eval-free), no inline
``<style>`` or ``style=`` markup (plotly's CSS is a file, ``static/vendor/plotly.css``).
``Referrer-Policy: no-referrer`` everywhere, so a resume link never leaves in a Referer.
Private pages (every page with a token, ``redact.TOKEN_PATHS``: ``/a/``, ``/einladung/``,
``/team/``; and ``/berater/``, ``/programm/``, ``/login``) are never stored by browsers or
proxies. HSTS only on HTTPS requests: behind a proxy that ends
TLS, set ``ZZCHECK_PROXY_FIX`` to the number of proxies so ``request.is_secure`` is right.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from zzcheck.web.redact import token_prefixes

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000"  # one year; no includeSubDomains: other hosts are not ours to pin
PRIVATE_PREFIXES = (*token_prefixes(), "/berater/", "/programm/", "/login")


def register_security(app: Flask) -> None:
    """Add the headers to every response; trust ``ZZCHECK_PROXY_FIX`` proxies if set."""
    proxies = int(app.config.get("ZZCHECK_PROXY_FIX") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
    app.after_request(security_headers)


def security_headers(response: Response) -> Response:
    """Runs after the blueprints' own hooks, so its values win (e.g. ``no-referrer``)."""
    response.headers.update(HEADERS)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    if is_private(request.path, request.endpoint):
        response.headers["Cache-Control"] = "no-store"
    return response


def is_private(path: str, endpoint: str | None) -> bool:
    """Pages with a token, company data or a login form: never kept in any cache."""
    if endpoint in ("static", "vendor"):
        return False
    return path.startswith(PRIVATE_PREFIXES)
