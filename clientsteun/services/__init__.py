"""Use cases: each public method is one user action in one transaction.

Services take plain domain values and return them; no ORM object and no session leaves here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clientsteun.domain.catalog import Catalog
from clientsteun.services.agenda import AgendaService
from clientsteun.services.agreements import AgreementService
from clientsteun.services.audit import AuditService
from clientsteun.services.base import Clock
from clientsteun.services.clients import ClientService
from clientsteun.services.conversations import ConversationService
from clientsteun.services.routes import RouteService
from clientsteun.store.database import Database


@dataclass(frozen=True)
class Services:
    """Everything a front end (GUI or command line) needs, built over one open database."""

    database: Database
    catalog: Catalog
    clients: ClientService
    conversations: ConversationService
    agreements: AgreementService
    routes: RouteService
    agenda: AgendaService
    audit: AuditService

    @classmethod
    def create(cls, database: Database, catalog: Catalog, clock: Clock = datetime.now) -> Services:
        return cls(
            database=database,
            catalog=catalog,
            clients=ClientService(database, clock),
            conversations=ConversationService(database, clock),
            agreements=AgreementService(database, clock),
            routes=RouteService(database, clock, catalog),
            agenda=AgendaService(database, clock, catalog),
            audit=AuditService(database, clock),
        )

    def close(self) -> None:
        self.database.close()
