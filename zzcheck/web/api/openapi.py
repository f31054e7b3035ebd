"""The OpenAPI 3.1 document, generated from the route table (``routing.OPERATIONS``) and the
pydantic models the views use, and a plain HTML page listing the operations (no CDN, no
script: it works offline and under the app's CSP)."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from zzcheck.web.api.problems import MEDIA_TYPE
from zzcheck.web.api.routing import OPERATIONS, Operation, bp, json_document
from zzcheck.web.api.schemas import Problem

REF = "#/components/schemas/{model}"
ERRORS = {
    400: "Malformed request",
    401: "No valid token",
    403: "Not allowed for this role",
    404: "Not found (or not your centre's)",
    409: "Conflicts with the data (e.g. checks that cannot be compared)",
    429: "Too many failed token attempts",
}


def build_document() -> dict[str, Any]:
    """The whole document; built per call (cheap), so it always matches the route table."""
    models = _models()
    refs, schemas = models_json_schema(
        [(model, "serialization") for model in models] + [(m, "validation") for m in _inputs()],
        ref_template=REF,
    )
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "zzcheck API",
            "version": "1",
            "description": "The KI-Readiness-Check's JSON API for centres and the programme. "
            "Send a personal token in 'Authorization: Bearer <token>' (created under "
            "/konto/api-tokens); errors are application/problem+json.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = [Problem]
    for op in OPERATIONS:
        if op.response is not None and op.response not in found:
            found.append(op.response)
    return found


def _inputs() -> list[type[BaseModel]]:
    return list(dict.fromkeys(op.body for op in OPERATIONS if op.body is not None))


def _ref(refs: dict[Any, Any], model: type[BaseModel], mode: str) -> dict[str, Any]:
    return dict(refs[(model, mode)])


def _operation(op: Operation, refs: dict[Any, Any]) -> dict[str, Any]:
    problem = {MEDIA_TYPE: {"schema": _ref(refs, Problem, "serialization")}}
    responses: dict[str, Any] = {
        str(code): {"description": text, "content": problem} for code, text in ERRORS.items()
    }
    if op.response is None:
        responses[str(op.status)] = {"description": "Done"}
    else:
        schema = _ref(refs, op.response, "serialization")
        responses[str(op.status)] = {
            "description": "OK",
            "content": {"application/json": {"schema": schema}},
        }
    if op.method == "GET":
        responses["304"] = {"description": "Not modified (If-None-Match)"}
    if op.body is not None:
        responses["415"] = {"description": "Not JSON", "content": problem}
        responses["422"] = {"description": "Invalid body", "content": problem}
    spec: dict[str, Any] = {
        "operationId": op.name,
        "summary": op.summary,
        "tags": [op.tag],
        "description": f"For the role(s): {', '.join(op.roles)}.",
        "parameters": _path_parameters(op) + _query_parameters(op),
        "responses": responses,
    }
    if op.body is not None:
        spec["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(refs, op.body, "validation")}},
        }
    return spec


def _path_parameters(op: Operation) -> list[dict[str, Any]]:
    ints = {name for name in op.path_params if f"<int:{name}>" in op.rule}
    return [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
            if name in ints
            else {"type": "string", "minLength": 1, "maxLength": 64},
        }
        for name in op.path_params
    ]


def _query_parameters(op: Operation) -> list[dict[str, Any]]:
    if op.query is None:
        return []
    schema = op.query.model_json_schema()
    return [
        {"name": name, "in": "query", "required": False, "schema": _plain(prop)}
        for name, prop in schema.get("properties", {}).items()
    ]


def _plain(prop: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema without ``null`` (a query string cannot send null)."""
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    return {k: v for k, v in options[0].items() if k != "title"} if options else {}


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return json_document(build_document())


@bp.get("/docs")
def docs() -> str:
    return render_template("api/docs.html", document=build_document())
