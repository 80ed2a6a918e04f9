"""The overview "what has been tried" for one resident: every route, step and effort in date order.

Readable on screen and printable (or saved as PDF); printing and saving are logged.  The full
preparation sheet for a meeting is a document of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.dates import format_date, format_long
from clientsteun.domain.deadlines import RouteView
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import Attempt, StepState, attempts
from clientsteun.domain.timeline import first_line
from clientsteun.services.audit import AuditService
from clientsteun.ui.errors import guarded
from clientsteun.ui.routes.words import actor_word, deadline_state_text, outcome_word, progress_text, step_state_word
from clientsteun.ui.widgets.screen import fit_on_screen


class TriedOverviewDialog(QDialog):
    def __init__(
        self,
        name: str,
        views: Sequence[RouteView],
        catalog: RouteCatalog,
        today: date,
        audit: AuditService,
        client_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.today = today
        self.audit = audit
        self.client_id = client_id
        self.setWindowTitle(self.tr("Wat is er al geprobeerd?"))
        self.document = QTextDocument(self)
        self.document.setHtml(self.html(name, views))
        self.browser = QTextBrowser()
        self.browser.setDocument(self.document)
        self.browser.setAccessibleName(self.tr("Overzicht van wat er is geprobeerd"))
        print_button = QPushButton(self.tr("Afdrukken…"))
        print_button.clicked.connect(self.print_dialog)
        pdf_button = QPushButton(self.tr("Opslaan als pdf…"))
        pdf_button.clicked.connect(self.choose_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 900, 700)

    # -- the text ------------------------------------------------------------------------------

    def html(self, name: str, views: Sequence[RouteView]) -> str:
        parts = [
            f"<h1>{escape(self.tr('Wat is er al geprobeerd?'))}</h1>",
            "<p>{}</p>".format(
                escape(self.tr("Voor {name}. Gemaakt op {date}.").format(name=name, date=format_long(self.today)))
            ),
        ]
        lines = attempts(view.route for view in views)
        if not lines:
            parts.append(f"<p>{escape(self.tr('Er zijn nog geen routes vastgelegd.'))}</p>")
            return "".join(parts)
        parts.append(f"<h2>{escape(self.tr('Alles op datum'))}</h2>")
        header = (self.tr("Datum"), self.tr("Route"), self.tr("Wat"), self.tr("Uitkomst of toelichting"))
        parts.append(_table(header, [self._attempt_row(line) for line in lines]))
        parts.append(f"<h2>{escape(self.tr('Per route'))}</h2>")
        parts += [self._route_html(view) for view in views]
        return "".join(parts)

    def _attempt_row(self, line: Attempt) -> tuple[str, ...]:
        if line.step is not None:
            data = line.step.data
            what = self.catalog.step_name(data.kind)
            if data.state is not StepState.DONE:
                what += f" ({step_state_word(data.state)})"
            result = outcome_word(data.outcome) if data.outcome else ""
            detail = "; ".join(part for part in (result, first_line(data.reason), first_line(data.note)) if part)
        else:
            assert line.evidence is not None
            evidence = line.evidence
            what = self.tr("Gedaan: {what}").format(what=first_line(evidence.data.description))
            attachment = evidence.attachment
            detail = self.tr("bijlage: {name}").format(name=attachment.file_name) if attachment else ""
        return (format_date(line.on), line.route.data.title, what, detail)

    def _route_html(self, view: RouteView) -> str:
        data = view.route.data
        kind = self.catalog.kind(data.kind)
        facts = [
            (self.tr("Soort"), kind.name),
            (self.tr("Instantie"), data.organisation),
            (self.tr("Contactpersoon"), data.contact),
            (self.tr("Kenmerk"), data.reference),
            (self.tr("Stand"), progress_text(view.progress, self.catalog)),
        ]
        decision = view.progress.last_decision
        if decision is not None and decision.data.reason:
            facts.append((self.tr("Reden van het besluit"), decision.data.reason))
        collected = [self.catalog.documents[c].name for c in kind.documents if c in view.route.documents]
        missing = [self.catalog.documents[c].name for c in kind.documents if c not in view.route.documents]
        if collected:
            facts.append((self.tr("Documenten verzameld"), ", ".join(collected)))
        if missing:
            facts.append((self.tr("Documenten nog nodig"), ", ".join(missing)))
        parts = [f"<h3>{escape(data.title)}</h3>", _facts(facts)]
        if view.deadlines:
            rows = [
                (format_date(d.due_on), d.name, actor_word(d.actor), deadline_state_text(d, self.today), d.rule.law)
                for d in view.deadlines
            ]
            header = (self.tr("Uiterlijk"), self.tr("Termijn"), self.tr("Wie moet iets doen"), self.tr("Stand"), "")
            parts.append(_table(header, rows))
        return "".join(parts)

    # -- output --------------------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        self.document.print_(printer)
        self.audit.record(AuditAction.PRINT, client_id=self.client_id, detail="overzicht wat is geprobeerd")

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Opslaan als pdf"), self.tr("wat-is-geprobeerd.pdf"), self.tr("PDF-bestanden (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    @guarded
    def save_pdf(self, path: Path) -> None:
        def write(partial: Path) -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(partial))
            self.document.print_(printer)

        detail = "overzicht wat is geprobeerd, pdf"
        self.audit.export(path, write, AuditAction.EXPORT, client_id=self.client_id, detail=detail)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{body}</table>"


def _facts(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>" for label, value in rows if value
    )
    return f"<table cellspacing='2'>{cells}</table>"
