"""Notes and the action plan of a client: the consultant's own records of the advice.

Notes and items belong to a client; every query joins the client and goes through
``centre_scope``, so another centre's client, note or item is not found (None, the view
answers 404). Services flush, never commit.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from zzcheck.storage.base import DbSession
from zzcheck.storage.clients import find_client
from zzcheck.storage.models import utcnow
from zzcheck.storage.scope import centre_scope
from zzcheck.storage.workspace import (
    DONE,
    ITEM_STATUSES,
    NAME_LENGTH,
    NOTE_LENGTH,
    OPEN,
    OWNER_LENGTH,
    ActionItem,
    Client,
    Note,
)
from zzcheck.storage.workspace_errors import InvalidInput


def client_notes(session: DbSession, centre_id: str, client_id: int) -> list[Note]:
    """The client's notes, newest first, with their authors."""
    query = (
        select(Note)
        .join(Client, Note.client_id == Client.id)
        .where(Note.client_id == client_id)
        .options(selectinload(Note.author))
        .order_by(Note.created_at.desc(), Note.id.desc())
    )
    return list(session.scalars(centre_scope(query, centre_id)))


def add_note(
    session: DbSession, centre_id: str, client_id: int, author_id: int, text: str
) -> Note | None:
    """A new note on the centre's client (None if it is not the centre's)."""
    body = (text or "").strip()
    if not body or len(body) > NOTE_LENGTH:
        raise InvalidInput(f"a note has 1–{NOTE_LENGTH} characters")
    if find_client(session, centre_id, client_id) is None:
        return None
    note = Note(client_id=client_id, author_id=author_id, text=body)
    session.add(note)
    session.flush()
    return note


def action_items(session: DbSession, centre_id: str, client_id: int) -> list[ActionItem]:
    """The client's plan: open items first, by due date (undated last), done items last."""
    query = (
        select(ActionItem)
        .join(Client, ActionItem.client_id == Client.id)
        .where(ActionItem.client_id == client_id)
        .order_by(
            case((ActionItem.status == DONE, 1), else_=0),
            ActionItem.due_on.is_(None),
            ActionItem.due_on,
            ActionItem.id,
        )
    )
    return list(session.scalars(centre_scope(query, centre_id)))


def find_action_item(
    session: DbSession, centre_id: str, client_id: int, item_id: int
) -> ActionItem | None:
    query = (
        select(ActionItem)
        .join(Client, ActionItem.client_id == Client.id)
        .where(ActionItem.client_id == client_id, ActionItem.id == item_id)
    )
    return session.scalars(centre_scope(query, centre_id)).one_or_none()


def add_action_item(
    session: DbSession,
    centre_id: str,
    client_id: int,
    title: str,
    owner: str | None = None,
    due_on: date | None = None,
    status: str = OPEN,
) -> ActionItem | None:
    """A new item of the client's plan (None if the client is not the centre's)."""
    values = _item_values(title, owner, due_on, status)
    if find_client(session, centre_id, client_id) is None:
        return None
    item = ActionItem(client_id=client_id, **values)
    session.add(item)
    session.flush()
    return item


def update_action_item(
    session: DbSession,
    centre_id: str,
    client_id: int,
    item_id: int,
    *,
    title: str,
    owner: str | None,
    due_on: date | None,
    status: str,
    now: datetime | None = None,
) -> ActionItem | None:
    """Change an item (title, owner, due date, status); None if not the centre's."""
    values = _item_values(title, owner, due_on, status)
    item = find_action_item(session, centre_id, client_id, item_id)
    if item is None:
        return None
    for key, value in values.items():
        setattr(item, key, value)
    item.updated_at = now or utcnow()
    session.flush()
    return item


def _item_values(
    title: str, owner: str | None, due_on: date | None, status: str
) -> dict[str, object]:
    """Checked values of an item; ``InvalidInput`` for what a form should have refused."""
    title = " ".join((title or "").split())
    owner = " ".join((owner or "").split()) or None
    if not title or len(title) > NAME_LENGTH:
        raise InvalidInput(f"a title has 1–{NAME_LENGTH} characters")
    if owner is not None and len(owner) > OWNER_LENGTH:
        raise InvalidInput(f"an owner has at most {OWNER_LENGTH} characters")
    if status not in ITEM_STATUSES:
        raise InvalidInput(f"unknown status {status!r}")
    return {"title": title, "owner": owner, "due_on": due_on, "status": status}
