"""The window of one route tried: where it stands, its steps and deadlines, evidence, links and signals.

Every change goes through the route service, whose announcement of it makes the routes' controller
reload the window (as it does the dossier's routes), so what is shown is always what is stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import Deadline, DeadlineState, RouteDetail
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, ClientsteunError
from clientsteun.domain.routes import (
    LinkKind,
    ReversedTest,
    Route,
    RouteInput,
    RouteLink,
    SignalInput,
    Step,
    StepInput,
    StepState,
)
from clientsteun.domain.routes import Signal as RouteSignal
from clientsteun.domain.timeline import first_line
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.ui.errors import guarded
from clientsteun.ui.routes.dialogs import (
    LinkDialog,
    RouteDialog,
    SignalDialog,
    StepDialog,
)
from clientsteun.ui.routes.evidence import EvidencePanel
from clientsteun.ui.routes.text import (
    CONTEXT,
    advice_text,
    circle_text,
    deadline_columns,
    explanation_text,
    is_passed,
    link_text,
    next_deadline_text,
    signal_columns,
    status_text,
    step_columns,
    tr,
)
from clientsteun.ui.widgets.buttons import button, button_row
from clientsteun.ui.widgets.fields import plain_text, text_label
from clientsteun.ui.widgets.forms import FormDialog, Unsaved, ask_about_unsaved
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import WARNING_COLOUR, Column, RowTableModel
from clientsteun.ui.widgets.table_view import delete_selected, make_table, selected_row

TEST_QUESTIONS = (  # in the order of ReversedTest's fields
    QT_TRANSLATE_NOOP(CONTEXT, "Wat wil de inwoner bereiken?"),
    QT_TRANSLATE_NOOP(CONTEXT, "Waarom lukt het niet op eigen kracht?"),
    QT_TRANSLATE_NOOP(CONTEXT, "Waarom kan het netwerk niet helpen?"),
    QT_TRANSLATE_NOOP(CONTEXT, "Waarom kan de inwoner het niet zelf betalen?"),
    QT_TRANSLATE_NOOP(CONTEXT, "Waarom past een algemene voorziening niet?"),
    QT_TRANSLATE_NOOP(CONTEXT, "Welke wet of regeling maakt het mogelijk?"),
)
CIRCLE_THEME = "circular"
RED = WARNING_COLOUR.name()


class RouteWindow(QDialog):
    """One route, with everything that was tried on it; opened from the dossier."""

    def __init__(self, services: Services, clock: Clock, route_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.catalog = services.catalog
        self.route_id = route_id
        self.clock = clock
        self._stored_test = ReversedTest()
        routes = self.catalog.routes

        self.kind_label = text_label()
        self.title_label = text_label(bold=True, scale=1.5)
        self.meta_label = text_label()
        self.status_label = text_label(bold=True)
        self.next_label = text_label()
        self.edit_button = button(self.tr("Gegevens wijzigen…"), self.edit_route)
        header = QHBoxLayout()
        texts = QVBoxLayout()
        for label in (self.kind_label, self.title_label, self.meta_label, self.status_label, self.next_label):
            texts.addWidget(label)
        header.addLayout(texts, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = QFrame()
        self.banner.setObjectName("circleBanner")
        self.banner.setStyleSheet(f"#circleBanner {{ background: #fdecea; border: 2px solid {RED}; }}")
        self.banner_label = text_label(bold=True)
        self.banner_label.setStyleSheet(f"color: {RED}")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(button(self.tr("Signaal vastleggen…"), self.record_circle_signal))

        self.step_model: RowTableModel[Step] = RowTableModel(
            step_columns(routes), muted=lambda s: s.data.state is StepState.NOT_NEEDED, key=lambda s: s.id, parent=self
        )
        self.deadline_model: RowTableModel[Deadline] = RowTableModel(
            deadline_columns(self.today), muted=lambda d: d.state is DeadlineState.MET, parent=self
        )
        self.link_model: RowTableModel[RouteLink] = RowTableModel(
            [Column(tr("Koppeling"), lambda link: link_text(link, self.route_id, self.detail.siblings))],
            key=lambda link: link.id,
            parent=self,
        )
        self.signal_model: RowTableModel[RouteSignal] = RowTableModel(
            signal_columns(routes), key=lambda s: s.id, parent=self
        )
        # long outcomes and notes wrap in their columns instead of pushing each other out of sight
        self.step_view = make_table(self.step_model, stretch=(3, 4), accessible_name=self.tr("Stappen"))
        self.step_view.open_row.connect(self.edit_step)
        self.deadline_view = make_table(
            self.deadline_model, stretch=(1, 4, 5), accessible_name=self.tr("Termijnen")
        )  # what and from when wrap: no sideways scrolling at 1366×768
        self.deadline_view.selectionModel().currentChanged.connect(self._show_advice)
        self.link_view = make_table(self.link_model, stretch=0, accessible_name=self.tr("Koppelingen"))
        self.signal_view = make_table(self.signal_model, stretch=3, accessible_name=self.tr("Signalen"))
        self.signal_view.open_row.connect(self.edit_signal)
        self.advice_label = text_label()
        self.explanation = QPlainTextEdit()  # why each date is what it is; scrolls when there is much to say
        self.explanation.setReadOnly(True)
        self.explanation.setTabChangesFocus(True)
        self.explanation.setAccessibleName(self.tr("Uitleg bij de termijnen"))
        self.explanation.setMaximumHeight(110)
        self.evidence = EvidencePanel(services, clock)
        self.test_edits = [plain_text("", 50) for _ in TEST_QUESTIONS]

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Onderdelen van de route"))
        self.tabs.addTab(self._steps_page(), self.tr("Stappen en termijnen"))
        self.tabs.addTab(self.evidence, self.tr("Bewijs"))
        self.tabs.addTab(self._links_page(), self.tr("Koppelingen en signalen"))
        self.tabs.addTab(self._test_page(), self.tr("Omgekeerde toets"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        fit_on_screen(self, 1100, 750)
        self.show_detail(services.routes.get_route(route_id))

    # -- pages ---------------------------------------------------------------------------------

    def _steps_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.step_view, 3)
        layout.addLayout(button_row(
            button(self.tr("Nieuwe stap"), self.new_step), button(self.tr("Wijzigen"), self.edit_step),
            button(self.tr("Verwijderen…"), self.delete_step),
        ))  # fmt: skip
        layout.addWidget(text_label(self.tr("Termijnen"), bold=True))
        layout.addWidget(self.deadline_view, 2)
        layout.addWidget(self.advice_label)
        layout.addWidget(self.explanation)
        return page

    def _links_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(text_label(self.tr("Koppelingen met andere routes"), bold=True))
        layout.addWidget(self.link_view, 1)
        layout.addLayout(button_row(
            button(self.tr("Koppelen…"), self.add_link), button(self.tr("Ontkoppelen"), self.delete_link)
        ))  # fmt: skip
        layout.addWidget(text_label(self.tr("Signalen: waar het systeem vastloopt"), bold=True))
        layout.addWidget(self.signal_view, 1)
        layout.addLayout(button_row(
            button(self.tr("Nieuw signaal…"), self.new_signal), button(self.tr("Verwijderen…"), self.delete_signal)
        ))  # fmt: skip
        return page

    def _test_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(text_label(self.tr("Eerst wat de inwoner nodig heeft, dan welke regel het mogelijk maakt.")))
        for question, edit in zip(TEST_QUESTIONS, self.test_edits, strict=True):
            label = text_label(tr(question))
            label.setWordWrap(False)  # short questions: one line each reads best
            form.addRow(label, edit)
        form.addRow("", button_row(button(self.tr("Omgekeerde toets opslaan"), self.save_reversed_test)))
        return page

    # -- showing -------------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock().date()

    @property
    def route(self) -> Route:
        """The route as last read; its evidence and documents are in ``evidence.route``."""
        return self.detail.view.route

    @guarded
    def reload(self, *, efforts: bool = True) -> None:
        """Read the route again; ``efforts=False``: all but its evidence and documents, which stay as shown."""
        self.show_detail(self.services.routes.get_route(self.route_id, efforts=efforts), efforts=efforts)

    def show_detail(self, detail: RouteDetail, *, efforts: bool = True) -> None:
        """Show the route; ``efforts``: ``detail`` holds its evidence and documents, for the tab "Bewijs"."""
        self.detail = detail
        view, route, routes = detail.view, detail.view.route, self.catalog.routes
        data = route.data
        self.setWindowTitle(self.tr("Route: {title}").format(title=data.title))
        self.kind_label.setText(routes.kind(data.kind).name)
        self.title_label.setText(data.title)
        meta = [(self.tr("Instantie"), data.organisation), (self.tr("Contactpersoon"), data.contact),
                (self.tr("Kenmerk"), data.reference)]  # fmt: skip
        self.meta_label.setText(" · ".join(f"{name}: {value}" for name, value in meta if value))
        self.status_label.setText(status_text(view, routes))
        self._show_next(view.next_deadline)
        titles = {**detail.siblings, route.id: data.title}
        self.banner.setVisible(bool(detail.circle))
        self.banner_label.setText(
            self.tr("Deze route wacht in een cirkel: {circle}").format(circle=circle_text(detail.circle, titles))
        )
        self.step_model.set_rows(route.steps)
        self.deadline_model.set_rows(view.deadlines)
        self._show_advice()
        explained = explanation_text(view.deadlines, routes.days_off)
        self.explanation.setPlainText(explained)
        self.explanation.setVisible(bool(explained))
        late = sum(1 for d in view.deadlines if is_passed(d))
        steps_title = self.tr("Stappen en termijnen")
        self.tabs.setTabText(
            0, self.tr("{tab} ({n} verlopen)").format(tab=steps_title, n=late) if late else steps_title
        )
        if efforts:
            self.evidence.show_route(route)
        self.link_model.set_rows(route.links)
        self.signal_model.set_rows(detail.signals)
        if not self._test_changed():  # never overwrite what is being typed
            for edit, value in zip(self.test_edits, data.reversed_test.fields(), strict=True):
                edit.setPlainText(value)
        self._stored_test = data.reversed_test

    def _show_next(self, deadline: Deadline | None) -> None:
        self.next_label.setText(next_deadline_text(deadline, self.today()) if deadline else "")
        late = deadline is not None and is_passed(deadline)
        self.next_label.setStyleSheet(f"color: {RED}; font-weight: bold" if late else "")

    def _show_advice(self) -> None:
        """Advice for the deadline selected, else for the first one passed."""
        chosen: Deadline | None = selected_row(self.deadline_view)
        passed = [d for d in self.deadline_model.rows() if d.advice]
        deadline = chosen if chosen is not None and chosen.advice else next(iter(passed), None)
        self.advice_label.setText(advice_text(deadline) if deadline else "")
        self.advice_label.setVisible(deadline is not None)

    # -- changes -------------------------------------------------------------------------------

    def _run(self, dialog: FormDialog[Any]) -> Any:
        """Open a form; returns what its save returned, or None when it was cancelled."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value

    @guarded
    def edit_route(self) -> None:
        route = self.route
        questions = self.services.clients.help_questions(route.client_id)

        def save(data: RouteInput) -> Route:
            return self.services.routes.save_route(route.id, data)

        self._run(RouteDialog(self.catalog, route.client_id, questions, save, route.data, self))

    def new_step(self) -> None:
        self._step_dialog(None, None)

    def edit_step(self) -> None:
        step: Step | None = selected_row(self.step_view)
        if step is not None:
            self._step_dialog(step.id, step.data)

    @guarded
    def _step_dialog(self, step_id: int | None, data: StepInput | None) -> None:
        def save(step: StepInput) -> Step:
            return self.services.routes.save_step(step_id, step)

        self._run(StepDialog(self.catalog, self.route_id, self.route.data.kind, save, self.today(), data, self))

    def delete_step(self) -> None:
        def question(step: Step) -> str:
            name = self.catalog.routes.step_name(step.data.kind)
            return self.tr("Wilt u de stap ‘{name}’ van {date} verwijderen?").format(
                name=name, date=format_date(step.data.on)
            )

        delete_selected(self, self.step_view, question, self.services.routes.delete_step)

    @guarded
    def add_link(self) -> None:
        if not self.detail.siblings:
            QMessageBox.information(self, self.tr("Koppelen"), self.tr(
                "De inwoner heeft nog geen andere route. Leg eerst de andere route vast in het dossier."))  # fmt: skip
            return

        def save(link: tuple[int, LinkKind]) -> tuple[int, ...]:
            return self.services.routes.add_link(self.route_id, *link)

        circle = self._run(LinkDialog(self.detail.siblings, save, self))
        if circle:
            self._offer_circle_signal()

    def _offer_circle_signal(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Routes wachten op elkaar"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        question = self.tr(
            "Zo komt niets op gang. Dit is een knelpunt in het systeem. Wilt u er nu een signaal van vastleggen?"
        )
        box.setText(self.banner_label.text() + ".\n\n" + question)
        record = box.addButton(self.tr("Signaal vastleggen…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is record:
            self.record_circle_signal()

    def delete_link(self) -> None:
        def question(link: RouteLink) -> str:
            text = link_text(link, self.route_id, self.detail.siblings)
            return self.tr("Wilt u de koppeling ‘{text}’ weghalen?").format(text=text)

        delete_selected(self, self.link_view, question, self.services.routes.delete_link)

    def record_circle_signal(self) -> None:
        titles = {**self.detail.siblings, self.route_id: self.route.data.title}
        description = self.tr("Diensten wachten op elkaar, zodat niets op gang komt: {circle}.").format(
            circle=circle_text(self.detail.circle, titles)
        )
        themes = {theme.code for theme in self.catalog.routes.signal_themes}
        self._signal_dialog(None, theme=CIRCLE_THEME if CIRCLE_THEME in themes else "", description=description)

    def new_signal(self) -> None:
        self._signal_dialog(None)

    def edit_signal(self) -> None:
        signal: RouteSignal | None = selected_row(self.signal_view)
        if signal is not None:
            self._signal_dialog(signal.id, data=signal.data)

    @guarded
    def _signal_dialog(
        self, signal_id: int | None, *, data: SignalInput | None = None, theme: str = "", description: str = ""
    ) -> None:
        if data is None:
            route = self.route
            municipality = self.services.clients.get_client(route.client_id).details.municipality
            data = SignalInput(route.client_id, self.today(), theme, description, route.id,
                               route.data.organisation, municipality)  # fmt: skip
        self._run(
            SignalDialog(
                self.catalog, lambda s: self.services.routes.save_signal(signal_id, s), data, self,
                scrubber=self.services.summaries.name_scrubber, blocked=self.services.requests.sharing(data.client_id),
            )
        )  # fmt: skip

    def delete_signal(self) -> None:
        def question(signal: RouteSignal) -> str:
            text = self.tr("Wilt u het signaal ‘{text}’ verwijderen?")
            return text.format(text=first_line(signal.data.description))

        delete_selected(self, self.signal_view, question, self.services.routes.delete_signal)

    # -- the reversed test ---------------------------------------------------------------------

    def typed_test(self) -> ReversedTest:
        return ReversedTest(*(edit.toPlainText() for edit in self.test_edits))

    def _test_changed(self) -> bool:
        try:
            return self.typed_test().validated() != self._stored_test
        except ClientsteunError:
            return True

    @guarded
    def save_reversed_test(self) -> None:
        self.services.routes.save_route(self.route_id, replace(self.route.data, reversed_test=self.typed_test()))

    def reject(self) -> None:
        if self._test_changed():
            answer = ask_about_unsaved(self, self.tr("Omgekeerde toets"), self.tr(
                "De omgekeerde toets is veranderd en nog niet opgeslagen. Wat wilt u doen?"))  # fmt: skip
            if answer is Unsaved.SAVE:
                self.save_reversed_test()  # a failure was told; then the window stays open
            if answer is Unsaved.KEEP_EDITING or (answer is Unsaved.SAVE and self._test_changed()):
                self.tabs.setCurrentIndex(3)
                return
        super().reject()
