"""``centre_scope``: the one way a consultant query is limited to the consultant's centre.

Every query of the workspace services goes through it. It looks at the tables the query
reads and adds, in SQL, the condition for each centre-owned table: shares of this centre that
are not withdrawn, this centre's clients and invitations. A query that reads none of them
(e.g. notes or assessments alone) is refused with ``ScopeError``: it could not be limited to
a centre, so it must join one. Outer joins are not used here: the condition on the joined
table would drop rows (fail closed), never add another centre's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, FromClause, Join, Select, Table, and_

from zzcheck.storage.workspace import Client, Invitation, Share

Ts = TypeVarTuple("Ts")


class ScopeError(Exception):
    """A workspace query that reads no centre-owned table (a programming error)."""


def _share_condition(centre_id: str) -> ColumnElement[bool]:
    return and_(Share.centre_id == centre_id, Share.withdrawn_at.is_(None))


def _client_condition(centre_id: str) -> ColumnElement[bool]:
    return Client.centre_id == centre_id


def _invitation_condition(centre_id: str) -> ColumnElement[bool]:
    return Invitation.centre_id == centre_id


CONDITIONS: dict[Table, Callable[[str], ColumnElement[bool]]] = {
    Share.__table__: _share_condition,  # type: ignore[dict-item]
    Client.__table__: _client_condition,  # type: ignore[dict-item]
    Invitation.__table__: _invitation_condition,  # type: ignore[dict-item]
}


def centre_scope(query: Select[*Ts], centre_id: str) -> Select[*Ts]:
    """``query`` limited to ``centre_id``'s data (see the module docstring)."""
    if not centre_id:
        raise ScopeError("no centre: only consultants of a centre see workspace data")
    owned = [table for table in read_tables(query) if table in CONDITIONS]
    if not owned:
        raise ScopeError("the query reads no share, client or invitation table")
    for table in owned:
        query = query.where(CONDITIONS[table](centre_id))
    return query


def read_tables(query: Select[*Ts]) -> list[Table]:
    """The tables in the query's own FROM clause, joins included, in a stable order.

    A subquery is not looked into: it is a query of its own and is scoped where it is built.
    Finding them compiles the statement's FROM clause (about 3 ms for the share list, most
    of an API request), so the answer is remembered per statement *shape*: SQLAlchemy's
    cache key, the one its own compiled-SQL cache uses, which names every table and join
    and leaves out only the bound values (which never change the tables).
    """
    key = query._generate_cache_key()
    if key is None:  # a statement SQLAlchemy cannot cache: look every time
        return _read_tables(query)
    found = _TABLES.get(key.key)
    if found is None:
        found = tuple(_read_tables(query))
        if len(_TABLES) >= MAX_SHAPES:
            _TABLES.clear()
        _TABLES[key.key] = found
    return list(found)


MAX_SHAPES = 512  # query shapes remembered; the app builds a few dozen
_TABLES: dict[object, tuple[Table, ...]] = {}


def _read_tables(query: Select[*Ts]) -> list[Table]:
    tables: list[Table] = []
    for from_ in query.get_final_froms():
        for table in _joined_tables(from_):
            if table not in tables:
                tables.append(table)
    return tables


def _joined_tables(from_: FromClause) -> list[Table]:
    if isinstance(from_, Table):
        return [from_]
    if isinstance(from_, Join):
        return _joined_tables(from_.left) + _joined_tables(from_.right)
    return []
