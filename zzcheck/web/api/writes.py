"""Consultants' writes: action-plan items and notes, through the plan services the pages
use (same checks, same centre scope). The view commits once; a refused value is a 422."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from zzcheck.extensions import db
from zzcheck.storage.accounts import CONSULTANT, User
from zzcheck.storage.plans import add_action_item, add_note, update_action_item
from zzcheck.storage.workspace_errors import WorkspaceError
from zzcheck.web.api.consultant import centre_of, item_dict
from zzcheck.web.api.problems import ApiProblem
from zzcheck.web.api.routing import operation
from zzcheck.web.api.schemas import ActionItemIn, ActionItemOut, NoteIn, NoteOut

W = TypeVar("W")

CONSULTANTS = (CONSULTANT,)


@operation(
    "POST",
    "/clients/<int:client_id>/action-items",
    summary="Add an item to a client's action plan",
    response=ActionItemOut,
    body=ActionItemIn,
    roles=CONSULTANTS,
    tag="consultants",
    status=201,
)
def create_action_item(user: User, client_id: int, body: ActionItemIn) -> ActionItemOut:
    item = _saved(
        lambda: add_action_item(db.session, centre_of(user), client_id, **body.model_dump()),
        "item",
        f"Your centre has no client {client_id}.",
    )
    return ActionItemOut.model_validate(item_dict(item))


@operation(
    "PUT",
    "/clients/<int:client_id>/action-items/<int:item_id>",
    summary="Change an action-plan item (all fields are replaced)",
    response=ActionItemOut,
    body=ActionItemIn,
    roles=CONSULTANTS,
    tag="consultants",
)
def update_item(user: User, client_id: int, item_id: int, body: ActionItemIn) -> ActionItemOut:
    item = _saved(
        lambda: update_action_item(
            db.session, centre_of(user), client_id, item_id, **body.model_dump()
        ),
        "item",
        f"Your centre's client {client_id} has no item {item_id}.",
    )
    return ActionItemOut.model_validate(item_dict(item))


@operation(
    "POST",
    "/clients/<int:client_id>/notes",
    summary="Add a note on a client",
    response=NoteOut,
    body=NoteIn,
    roles=CONSULTANTS,
    tag="consultants",
    status=201,
)
def create_note(user: User, client_id: int, body: NoteIn) -> NoteOut:
    note = _saved(
        lambda: add_note(db.session, centre_of(user), client_id, user.id, body.text),
        "note",
        f"Your centre has no client {client_id}.",
    )
    fields = {"id": note.id, "client_id": note.client_id, "text": note.text}
    return NoteOut.model_validate(fields | {"created_at": note.created_at})


def _saved(write: Callable[[], W | None], what: str, not_found: str) -> W:
    """Run a service's write and commit it once: 422 with the service's reason (rolled back),
    404 when the client or item is not the centre's."""
    try:
        found = write()
    except WorkspaceError as error:
        db.session.rollback()
        raise ApiProblem(422, f"The {what} was not saved: {error}.") from None
    if found is None:
        raise ApiProblem(404, not_found)
    db.session.commit()
    return found
