"""Errors of the JSON API as ``application/problem+json`` (RFC 9457): ``type``, ``title``,
``status`` and a ``detail`` that says what to change. Every error under ``/api/v1/`` takes
this shape, also a 404 for an unknown path, a 405 and the 503 of an unreachable database;
the messages are for developers of other systems, so they are English (like the CLI's)."""

from __future__ import annotations

import json
from http import HTTPStatus

from flask import Response, request
from werkzeug.exceptions import HTTPException

PREFIX = "/api/v1/"
MEDIA_TYPE = "application/problem+json"

DETAILS = {
    400: "The request is malformed; see the OpenAPI document at /api/v1/openapi.json.",
    401: "Send a personal API token in the header 'Authorization: Bearer <token>'.",
    403: "Your account's role may not use this operation.",
    404: "There is no such resource, or it is not visible to your account.",
    405: "This path does not allow this method; see the OpenAPI document.",
    409: "The request conflicts with the current state of the resource.",
    413: "The request body is too large.",
    415: "Send the request body as application/json.",
    422: "The request body is not valid; see the OpenAPI document.",
    429: "Too many failed attempts from your address; wait and try again.",
    500: "An unexpected error occurred; nothing was changed.",
    503: "The database is not reachable right now; try again in a minute.",
}


class ApiProblem(HTTPException):
    """Raised by API code: an error with its own ``detail`` (and extra headers)."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        self.code = status
        self.extra_headers = headers or {}
        super().__init__(description=detail)


def is_api_request() -> bool:
    return request.path.startswith(PREFIX) or request.path == PREFIX.rstrip("/")


def problem(
    status: int, detail: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    """The problem+json response for ``status``."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail or DETAILS.get(status, title),
    }
    response = Response(json.dumps(body), status=status, mimetype=MEDIA_TYPE)
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="zzcheck"'
    return response


def from_http_error(error: HTTPException) -> Response:
    """A werkzeug error (404, 405, 413 …) or an :class:`ApiProblem` as problem+json."""
    status = error.code or 500
    if isinstance(error, ApiProblem):
        return problem(status, error.description, error.extra_headers)
    headers = {}
    if status == 405 and error.get_response().headers.get("Allow"):
        headers["Allow"] = error.get_response().headers["Allow"]
    return problem(status, DETAILS.get(status), headers)


def html_errors_as_problems(response: Response) -> Response:
    """``after_request`` of the app: an error page made for the browser by an app-wide check
    that runs before the API (bad input characters, unknown host …) leaves ``/api/v1/`` as
    problem+json too, keeping its ``Retry-After``."""
    if response.status_code < 400 or response.mimetype != "text/html" or not is_api_request():
        return response
    kept = {
        name: response.headers[name]
        for name in ("Retry-After", "Allow")
        if name in response.headers
    }
    return problem(response.status_code, headers=kept)
