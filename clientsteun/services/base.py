"""What every service shares: the database, the clock and fetching a row or NotFound."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from clientsteun.domain.errors import NotFound
from clientsteun.store.database import Database
from clientsteun.store.tables import Base

Clock = Callable[[], datetime]
RowT = TypeVar("RowT", bound=Base)


class Service:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    def today(self) -> date:
        return self._clock().date()


def get_row(session: Session, table: type[RowT], row_id: int) -> RowT:
    row = session.get(table, row_id)
    if row is None:
        raise NotFound(detail=f"{table.__tablename__} {row_id}")
    return row


def get_or_add(session: Session, table: type[RowT], row_id: int | None, **initial: Any) -> RowT:
    """The row to change, or, when ``row_id`` is None, a new one added to the session."""
    if row_id is not None:
        return get_row(session, table, row_id)
    row = table(**initial)
    session.add(row)
    return row
