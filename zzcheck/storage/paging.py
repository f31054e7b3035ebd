"""One page of a long list: counted and cut in SQL, so a page costs the same on page 1 and 500."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, TypeVarTuple

from sqlalchemy import Row, Select, func, select

from zzcheck.storage.base import DbSession

T = TypeVar("T")
Ts = TypeVarTuple("Ts")
PER_PAGE = 20


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int  # 1-based
    per_page: int
    total: int  # rows of all pages

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def paginate(
    session: DbSession, query: Select[*Ts], number: int, per_page: int = PER_PAGE
) -> Page[Row[*Ts]]:
    """Rows of page ``number`` of ``query`` (already ordered); a number past the end gives
    the last page, one below 1 the first."""
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    total = int(session.scalar(counted) or 0)
    last = max(1, -(-total // per_page))
    number = min(max(number, 1), last)
    rows = session.execute(query.limit(per_page).offset((number - 1) * per_page)).all()
    return Page(items=list(rows), number=number, per_page=per_page, total=total)
