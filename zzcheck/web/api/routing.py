"""The API's route table: each view is declared once with ``@operation`` (method, path,
roles, query and body models, response model), which registers it on the blueprint *and*
records it for the OpenAPI document. Query and body are parsed with their pydantic models,
the result is serialised through the response model, and a GET answer carries an ETag
(``If-None-Match`` gives 304)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, request
from pydantic import BaseModel, ValidationError

from zzcheck.web.api.auth import api_user, refuse_token_in_url
from zzcheck.web.api.problems import ApiProblem

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)
bp.before_request(refuse_token_in_url)  # first: a token in the URL goes no further
MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class Operation:
    method: str
    rule: str  # Flask rule, e.g. /shares/<int:share_id>
    name: str
    summary: str
    response: type[BaseModel] | None
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    roles: tuple[str, ...]
    status: int
    tag: str

    @property
    def path(self) -> str:
        """The OpenAPI path: ``/api/v1/shares/{share_id}``."""
        return PREFIX + re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", self.rule)

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"<(?:[a-z]+:)?([a-z_]+)>", self.rule)


OPERATIONS: list[Operation] = []
View = Callable[..., Any]


def operation(
    method: str,
    rule: str,
    *,
    summary: str,
    response: type[BaseModel] | None,
    roles: tuple[str, ...],
    tag: str,
    query: type[BaseModel] | None = None,
    body: type[BaseModel] | None = None,
    status: int = 200,
) -> Callable[[View], View]:
    """Declare and register one API operation (see the module docstring)."""

    def decorate(fn: View) -> View:
        op = Operation(
            method, rule, fn.__name__, summary, response, query, body, roles, status, tag
        )
        OPERATIONS.append(op)

        def view(**kwargs: Any) -> Response:
            user = api_user(op.roles)
            if op.query is not None:
                kwargs["query"] = _parse_query(op.query)
            if op.body is not None:
                kwargs["body"] = _parse_body(op.body)
            return _respond(op, fn(user, **kwargs))

        bp.add_url_rule(rule, endpoint=fn.__name__, view_func=view, methods=[method])
        return fn

    return decorate


def _parse_query(model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise ApiProblem(400, "Invalid query parameters: " + _errors(error)) from None


def _parse_body(model: type[BaseModel]) -> BaseModel:
    if not request.is_json:
        raise ApiProblem(415, "Send the request body as application/json.")
    if (request.content_length or 0) > MAX_BODY:
        raise ApiProblem(413, f"The request body may have at most {MAX_BODY} bytes.")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiProblem(400, "The request body is not valid JSON.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ApiProblem(422, "Invalid request body: " + _errors(error)) from None


def _errors(error: ValidationError) -> str:
    """``limit: Input should be less than or equal to 100; …`` (no input values echoed)."""
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors()]
    return "; ".join(parts[:10])


def _respond(op: Operation, result: BaseModel | None) -> Response:
    if result is None:
        return Response(status=204)
    body = result.model_dump_json(by_alias=True)
    response = Response(body, status=op.status, mimetype="application/json")
    response.headers["Cache-Control"] = "private, no-cache"
    if op.method == "GET":
        response.set_etag(hashlib.sha256(body.encode("utf-8")).hexdigest()[:32])
        response.make_conditional(request)  # If-None-Match → 304 without a body
    return response


def json_document(data: dict[str, Any]) -> Response:
    """A JSON document (the OpenAPI description) with an ETag."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True)
    response = Response(body, mimetype="application/json")
    response.set_etag(hashlib.sha256(body.encode("utf-8")).hexdigest()[:32])
    response.make_conditional(request)
    return response
