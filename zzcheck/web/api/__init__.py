"""The JSON API under ``/api/v1/`` (issue 17): token-authenticated, described by an OpenAPI
3.1 document generated from the route table and the pydantic models (``openapi.py``)."""

from __future__ import annotations

from flask import Flask


def register_api(app: Flask) -> None:
    """The blueprint, exempt from CSRF: it never reads the session cookie (token only), so
    no other site can make a browser send a request that counts."""
    from zzcheck.extensions import csrf
    from zzcheck.web.api import (  # noqa: F401  (each module declares its operations)
        comparison,
        consultant,
        openapi,
        programme,
        questionnaires,
        writes,
    )
    from zzcheck.web.api.problems import html_errors_as_problems
    from zzcheck.web.api.routing import bp

    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.after_request(html_errors_as_problems)
