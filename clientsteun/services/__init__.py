"""Use cases: each public method is one user action in one transaction.

Services take plain domain values and return them; no ORM object and no session leaves here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.domain.meetings import REPORT_MISSING_DAYS
from clientsteun.services.agenda import AgendaService
from clientsteun.services.agreements import AgreementService
from clientsteun.services.audit import AuditService
from clientsteun.services.base import ChangeFeed, Clock
from clientsteun.services.clients import ClientService
from clientsteun.services.conversations import ConversationService
from clientsteun.services.dossier import DossierService
from clientsteun.services.dossier_copy import DossierCopyService
from clientsteun.services.dossier_import import DossierImportService
from clientsteun.services.meetings import MeetingService
from clientsteun.services.privacy import PrivacyService
from clientsteun.services.requests import RequestService
from clientsteun.services.routes import RouteService
from clientsteun.services.sheet import SheetService
from clientsteun.services.summaries import SummaryService
from clientsteun.store.database import Database, open_database


@dataclass(frozen=True)
class Services:
    """Everything a front end (GUI or command line) needs, built over one open database.

    ``clock`` is the one clock of the app: the services and the window read the same.  Every write
    announces what it changed on ``changes``.
    """

    database: Database
    catalog: Catalog
    clock: Clock
    changes: ChangeFeed
    clients: ClientService
    dossier: DossierService
    conversations: ConversationService
    agreements: AgreementService
    routes: RouteService
    agenda: AgendaService
    audit: AuditService
    summaries: SummaryService
    meetings: MeetingService
    sheet: SheetService
    privacy: PrivacyService
    dossier_copy: DossierCopyService
    dossier_import: DossierImportService
    requests: RequestService
    report_days: Callable[[], int] = lambda: REPORT_MISSING_DAYS  # the setting, for ``on_own_connection``

    @classmethod
    def create(
        cls, database: Database, catalog: Catalog, clock: Clock = datetime.now,
        due_soon_days: Callable[[], int] = lambda: DUE_SOON_DAYS,
        report_days: Callable[[], int] = lambda: REPORT_MISSING_DAYS,
    ) -> Services:  # fmt: skip
        """``due_soon_days`` and ``report_days`` read the settings (at every use, so a change holds at once)."""
        changes = ChangeFeed()
        return cls(
            database=database,
            catalog=catalog,
            clock=clock,
            changes=changes,
            clients=ClientService(database, clock, changes),
            dossier=DossierService(database, clock, catalog, due_soon_days),
            conversations=ConversationService(database, clock, changes),
            agreements=AgreementService(database, clock, changes),
            routes=RouteService(database, clock, catalog, changes, due_soon_days),
            agenda=AgendaService(database, clock, catalog, report_days),
            audit=AuditService(database, clock),
            summaries=SummaryService(database, clock, catalog),
            meetings=MeetingService(database, clock, catalog, changes, report_days),
            sheet=SheetService(database, clock, catalog, due_soon_days),
            privacy=PrivacyService(database, clock, changes),
            dossier_copy=DossierCopyService(database, clock, catalog, AuditService(database, clock)),
            dossier_import=DossierImportService(
                database,
                clock,
                changes,
                catalog,
                ClientService(database, clock, changes),
                PrivacyService(database, clock, changes),
            ),
            requests=RequestService(database, clock, changes),
            report_days=report_days,
        )

    def close(self) -> None:
        self.database.close()

    @contextlib.contextmanager
    def on_own_connection(self) -> Iterator[Services]:
        """The same services over a connection of their own, for a job on a worker thread (``ui/tasks.py``):
        a session is never shared between threads.  Their writes are not announced on this ``changes``."""
        database = open_database(self.database.path, self.database.key, create=False)
        try:
            yield Services.create(database, self.catalog, self.clock, report_days=self.report_days)
        finally:
            database.close()
