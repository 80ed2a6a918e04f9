"""What every service shares: the database, the clock, the feed of changes and fetching a row or NotFound."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.errors import NotFound
from clientsteun.store.database import Database
from clientsteun.store.tables import Base

Clock = Callable[[], datetime]
Listener = Callable[[Changes], None]
RowT = TypeVar("RowT", bound=Base)


class ChangeFeed:
    """The one place writes announce what they changed; the window listens, the command line does not."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Hear every change from now on; returns what stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def announce(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)


class Service:
    def __init__(self, database: Database, clock: Clock, changes: ChangeFeed | None = None) -> None:
        self._db = database
        self._clock = clock
        self._changes = changes if changes is not None else ChangeFeed()

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    def today(self) -> date:
        return self._clock().date()

    def _announce(self, areas: Area, client_id: int, route_id: int | None = None) -> None:
        """Called after the write's transaction committed: a failed write announces nothing."""
        self._changes.announce(Changes(areas, client_id, route_id))


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
