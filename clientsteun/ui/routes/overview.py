"""The overview "what has been tried" for one resident: every route, step and effort in date order.

The PDF (``reports/overview.py``) is made on a worker thread and shown as its pages; it can be
printed or saved as PDF, and both are logged once they succeeded (``widgets/pdf_dialog.py``).  The
full preparation sheet for a meeting is a document of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from clientsteun.domain.deadlines import RouteView
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.reports.overview import overview_data, render_overview
from clientsteun.services.audit import AuditService
from clientsteun.ui.tasks import InlineExecutor, Tasks
from clientsteun.ui.widgets.pdf_dialog import PdfDialog

AUDIT_DETAIL = "overzicht wat is geprobeerd"


class TriedOverviewDialog(PdfDialog):
    def __init__(
        self,
        name: str,
        views: Sequence[RouteView],
        catalog: RouteCatalog,
        today: date,
        audit: AuditService,
        client_id: int,
        parent: QWidget | None = None,
        *,
        tasks: Tasks | None = None,
    ) -> None:
        """The PDF is made and printed on ``tasks`` (by default at once, on this thread)."""
        super().__init__(
            self.tr("Wat is er al geprobeerd?"), audit, client_id, tasks or Tasks(InlineExecutor()), parent,
            file_name=self.tr("wat-is-geprobeerd.pdf"),
        )  # fmt: skip
        data = overview_data(name, views, catalog, today)
        self.show_pdf(functools.partial(render_overview, data), self.tr("Het overzicht wordt gemaakt…"))

    def print_detail(self) -> str:
        return AUDIT_DETAIL

    def save_detail(self) -> str:
        return f"{AUDIT_DETAIL}, pdf"
