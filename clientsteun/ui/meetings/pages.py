"""The screens of the guided preparation, one question each, in the resident's own words.

Every screen saves as it is typed: a pause in typing (the editor's autosave delay) writes the text
through ``MeetingService``; leaving the screen writes what is still waiting.  Every answer, question
and attempt has a box "Op het blad": the resident decides what is printed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import RouteView
from clientsteun.domain.meeting_catalog import MeetingKind
from clientsteun.domain.meetings import (
    ALTERNATIVE_QUESTIONS,
    ALTERNATIVES,
    QUESTIONS,
    Answer,
    Preparation,
    alternative_key,
    alternatives_of,
    answer_key,
    attempt_key,
    question_key,
    route_key,
)
from clientsteun.domain.routes import Attempt, attempts
from clientsteun.domain.timeline import first_line
from clientsteun.services import Services
from clientsteun.ui.errors import guarded
from clientsteun.ui.widgets.buttons import button
from clientsteun.ui.widgets.fields import note, plain_text
from clientsteun.ui.widgets.readability_meter import ReadabilityMeter


def _tr(text: str) -> str:
    return QCoreApplication.translate("Preparation", text)


def _asked(text: str) -> str:
    """A question of the domain's (``QUESTIONS``, ``ALTERNATIVE_QUESTIONS``), translated."""
    return QCoreApplication.translate("meetings", text)


# A line under each question, said gently to the resident.
HINTS = {
    Answer.GOAL_YEAR: "Denk aan wonen, werk, geld, je gezondheid of de mensen om je heen.",
    Answer.GOAL_FIRST: "Kies het ene ding dat het meest telt.",
    Answer.NOT_WORKING: "Wat gaat er mis? Wat kost je te veel moeite?",
    Answer.GOOD_DAY: "Vertel wat je doet, van opstaan tot slapen.",
    Answer.BAD_DAY: "Wat gaat er dan anders? Wat lukt dan niet?",
    Answer.OWN_PART: "Wat lukt je zelf, ook als het moeite kost?",
    Answer.OTHERS_PART: "Denk aan familie, vrienden, buren of de mensen met wie je woont.",
    Answer.TOO_MUCH: "Hulp van familie mag, maar het hoeft niet. Zeg gerust wat te zwaar is voor hen.",
    Answer.BRING: "Schrijf op wat je nog meer meeneemt. Eén ding per regel.",
}
ON_SHEET = "Op het blad"


class Debounced(QObject):
    """Runs ``action`` once typing paused for ``delay_ms``; ``flush`` runs it now when it is waiting."""

    def __init__(self, action: Callable[[], None], delay_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self.action = action
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.action)

    def schedule(self) -> None:
        self.timer.start()

    def flush(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.action()


class AnswerField(QWidget):
    """A text in the resident's words: the field, how easy it reads, and "Op het blad"."""

    def __init__(
        self, label: str, text: str, on_sheet: bool, save: Callable[[str], None],
        show_on_sheet: Callable[[bool], None], delay_ms: int, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.edit: QPlainTextEdit = plain_text(text, 90)
        self.edit.setAccessibleName(label)
        self.meter = ReadabilityMeter(self.edit, self)
        self.sheet_box = QCheckBox(_tr(ON_SHEET))
        self.sheet_box.setAccessibleName(_tr("{what}: op het blad").format(what=label))
        self.sheet_box.setChecked(on_sheet)
        self.sheet_box.toggled.connect(show_on_sheet)
        self._save = save
        self.saver = Debounced(self._write, delay_ms, self)
        self.edit.textChanged.connect(self.saver.schedule)
        under = QHBoxLayout()
        under.addWidget(self.meter, 1)
        under.addWidget(self.sheet_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addLayout(under)

    def _write(self) -> None:
        self._save(self.edit.toPlainText())

    def text(self) -> str:
        return self.edit.toPlainText()


class Page(QWidget):
    """One screen: a question, a line of help, and what answers it."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.hint = hint
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def flush(self) -> None:
        """Write what is still waiting to be saved."""
        for field in self.findChildren(AnswerField):
            field.saver.flush()

    def has_content(self) -> bool:
        """Something was answered here (the preparation resumes at the last such screen)."""
        return any(field.text().strip() for field in self.findChildren(AnswerField))

    def first_field(self) -> QWidget | None:
        """Where typing starts on this screen."""
        fields = self.findChildren(AnswerField)
        return fields[0].edit if fields else None


class Context:
    """What every screen works with: the services, the preparation and the routes it is about."""

    def __init__(
        self, services: Services, preparation: Preparation, views: Sequence[RouteView], delay_ms: int,
        today: Callable[[], date],
    ) -> None:  # fmt: skip
        self.services = services
        self.catalog: Catalog = services.catalog
        self.preparation = preparation
        self.views = tuple(views)
        self.delay_ms = delay_ms
        self.today = today

    @property
    def preparation_id(self) -> int:
        return self.preparation.id

    def set_on_sheet(self, key: str, on_sheet: bool) -> None:
        self.preparation = self.services.meetings.set_on_sheet(self.preparation_id, key, on_sheet)


class AnswerPage(Page):
    def __init__(self, context: Context, answer: Answer, parent: QWidget | None = None) -> None:
        super().__init__(_asked(QUESTIONS[answer]), _tr(HINTS[answer]), parent)
        self.context = context
        self.answer = answer
        key = answer_key(answer)
        self.field = AnswerField(
            self.title, context.preparation.answer(answer), context.preparation.on_sheet(key),
            self._save, lambda on: context.set_on_sheet(key, on), context.delay_ms,
        )  # fmt: skip
        self.column.addWidget(self.field, 1)

    @guarded
    def _save(self, text: str) -> None:
        self.context.services.meetings.save_answer(self.context.preparation_id, self.answer, text)


class AlternativesPage(Page):
    """Why the usual ways do not fit, per route: written into that route's reversed test."""

    def __init__(self, context: Context, views: Sequence[RouteView], parent: QWidget | None = None) -> None:
        super().__init__(
            _tr("Waarom past de gewone oplossing niet?"),
            _tr("De gemeente vraagt vaak of het ook anders kan. Schrijf op waarom dat voor jou niet past."),
            parent,
        )
        self.context = context
        self.fields: dict[tuple[int, str], AnswerField] = {}
        for view in views:
            route_id = view.route.id
            box = QGroupBox(view.route.data.title)
            inner = QVBoxLayout(box)
            current = alternatives_of(view.route.data.reversed_test)
            for name in ALTERNATIVES:
                key = alternative_key(route_id, name)
                field = AnswerField(
                    _asked(ALTERNATIVE_QUESTIONS[name]), current[name], context.preparation.on_sheet(key),
                    functools.partial(self._save, route_id, name), functools.partial(context.set_on_sheet, key),
                    context.delay_ms,
                )  # fmt: skip
                field.edit.setMinimumHeight(60)
                inner.addWidget(note(_asked(ALTERNATIVE_QUESTIONS[name])))
                inner.addWidget(field)
                self.fields[(route_id, name)] = field
            self.column.addWidget(box)
        self.column.addStretch(1)

    @guarded
    def _save(self, route_id: int, name: str, text: str) -> None:
        self.context.services.meetings.save_alternatives(route_id, {name: text})


class AttemptsPage(Page):
    """What was tried, from the dossier's routes: the resident ticks off what may not be printed."""

    def __init__(self, context: Context, views: Sequence[RouteView], parent: QWidget | None = None) -> None:
        super().__init__(
            _tr("Wat heb je al geprobeerd?"),
            _tr("Dit staat al in het dossier. Haal het vinkje weg als iets niet op het blad mag."),
            parent,
        )
        self.context = context
        self.list = QListWidget()
        self.list.setAccessibleName(_tr("Wat je al hebt geprobeerd, met een vinkje als het op het blad mag"))
        self.list.setWordWrap(True)
        routes = context.catalog.routes
        prepared = context.preparation
        for view in views:
            self._add(view.route.data.title, route_key(view.route.id), prepared.on_sheet(route_key(view.route.id)))
            for line in attempts([view.route]):
                self._add(f"    {format_date(line.on)} · {self._what(line, routes.step_name)}",
                          attempt_key(line), prepared.on_sheet(attempt_key(line)))  # fmt: skip
        self.list.itemChanged.connect(self._toggled)
        self.column.addWidget(self.list, 1)

    def first_field(self) -> QWidget | None:
        return self.list

    @staticmethod
    def _what(line: Attempt, step_name: Callable[[str], str]) -> str:
        if line.evidence is not None:
            return first_line(line.evidence.data.description)
        assert line.step is not None
        return step_name(line.step.data.kind)

    def _add(self, text: str, key: str, on_sheet: bool) -> None:
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if on_sheet else Qt.CheckState.Unchecked)
        item.setToolTip(_tr(ON_SHEET))

    @guarded
    def _toggled(self, item: QListWidgetItem) -> None:
        self.context.set_on_sheet(item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked)


class QuestionsPage(Page):
    """The resident's own questions: add, change (F2 or a double-click), put in order, remove."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(
            _tr("Welke vragen wil je stellen?"),
            _tr("Schrijf elke vraag apart op. Zet de belangrijkste vraag bovenaan."),
            parent,
        )
        self.context = context
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(_tr("Typ een vraag en druk op Enter"))
        self.new_edit.setAccessibleName(_tr("Nieuwe vraag"))
        self.new_edit.returnPressed.connect(self.add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(button(_tr("Toevoegen"), self.add))
        self.list = QListWidget()
        self.list.setAccessibleName(_tr("Jouw vragen, met een vinkje als ze op het blad mogen"))
        self.list.setWordWrap(True)
        self._known: dict[int, tuple[str, bool]] = {}
        for question in context.preparation.questions:
            self._append(question.id, question.text, context.preparation.on_sheet(question_key(question.id)))
        self.list.itemChanged.connect(self._changed)
        self.up_button = self._move_button(_tr("Omhoog"), _tr("Vraag omhoog"), -1)
        self.down_button = self._move_button(_tr("Omlaag"), _tr("Vraag omlaag"), 1)
        remove = button(_tr("Weghalen"), self.remove)
        remove.setAccessibleName(_tr("Vraag weghalen"))
        edit = button(_tr("Wijzigen"), self.edit_current)
        edit.setAccessibleName(_tr("Vraag wijzigen"))
        buttons = QHBoxLayout()
        for pushed in (edit, self.up_button, self.down_button, remove):
            buttons.addWidget(pushed)
        buttons.addStretch(1)
        self.tick_note = note(_tr("Een vinkje betekent: dit komt op het blad."))
        self.column.addLayout(add_row)
        self.column.addWidget(self.tick_note)
        self.column.addWidget(self.list, 1)
        self.column.addLayout(buttons)

    def _move_button(self, text: str, name: str, step: int) -> QPushButton:
        pushed = button(text, lambda: self.move_question(step))
        pushed.setAccessibleName(name)
        return pushed

    def has_content(self) -> bool:
        return self.list.count() > 0

    def first_field(self) -> QWidget | None:
        return self.new_edit

    def questions(self) -> list[str]:
        """The questions as listed, in order."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _append(self, question_id: int, text: str, on_sheet: bool) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, question_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if on_sheet else Qt.CheckState.Unchecked)
        item.setToolTip(_tr(ON_SHEET))
        self._known[question_id] = (text, on_sheet)
        return item

    @guarded
    def add(self) -> None:
        text = self.new_edit.text().strip()
        if not text:
            return
        question = self.context.services.meetings.add_question(self.context.preparation_id, text)
        self.list.blockSignals(True)
        self.list.setCurrentItem(self._append(question.id, question.text, True))
        self.list.blockSignals(False)
        self.new_edit.clear()

    def edit_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    @guarded
    def _changed(self, item: QListWidgetItem) -> None:
        question_id = item.data(Qt.ItemDataRole.UserRole)
        text, on_sheet = item.text(), item.checkState() == Qt.CheckState.Checked
        old_text, old_on_sheet = self._known[question_id]
        self._known[question_id] = (text, on_sheet)
        if text != old_text:
            self.context.services.meetings.save_question(question_id, text)
        if on_sheet != old_on_sheet:
            self.context.set_on_sheet(question_key(question_id), on_sheet)

    @guarded
    def move_question(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.list.blockSignals(False)
        ids = [self.list.item(number).data(Qt.ItemDataRole.UserRole) for number in range(self.list.count())]
        self.context.preparation = self.context.services.meetings.order_questions(self.context.preparation_id, ids)

    @guarded
    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.takeItem(row)
        question_id = item.data(Qt.ItemDataRole.UserRole)
        del self._known[question_id]
        self.context.services.meetings.delete_question(question_id)


class BringPage(Page):
    """What to take along: the documents the routes usually ask for (ticked when in hand), then the
    resident's own list."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(_asked(QUESTIONS[Answer.BRING]), _tr("Vink aan wat je al hebt."), parent)
        self.context = context
        routes = context.catalog.routes
        self.documents = QListWidget()
        self.documents.setAccessibleName(_tr("Papieren om mee te nemen, met een vinkje als je ze al hebt"))
        self.documents.setWordWrap(True)
        self._routes_of: dict[str, list[int]] = {}
        in_hand: dict[str, bool] = {}
        for view in context.views:
            for code in routes.kind(view.route.data.kind).documents:
                self._routes_of.setdefault(code, []).append(view.route.id)
                in_hand[code] = in_hand.get(code, False) or code in view.route.documents
        for code, held in in_hand.items():
            item = QListWidgetItem(routes.document_for_resident(code), self.documents)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if held else Qt.CheckState.Unchecked)
        self.documents.setVisible(bool(in_hand))
        self.documents.itemChanged.connect(self._toggled)
        key = answer_key(Answer.BRING)
        self.field = AnswerField(
            _tr(HINTS[Answer.BRING]), context.preparation.answer(Answer.BRING), context.preparation.on_sheet(key),
            self._save, lambda on: context.set_on_sheet(key, on), context.delay_ms,
        )  # fmt: skip
        self.column.addWidget(self.documents, 1)
        self.column.addWidget(note(_tr(HINTS[Answer.BRING])))
        self.column.addWidget(self.field, 1)

    def first_field(self) -> QWidget | None:
        return self.documents if not self.documents.isHidden() else self.field.edit

    @guarded
    def _save(self, text: str) -> None:
        self.context.services.meetings.save_answer(self.context.preparation_id, Answer.BRING, text)

    @guarded
    def _toggled(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        collected = self.context.today() if item.checkState() == Qt.CheckState.Checked else None
        for route_id in self._routes_of.get(code, []):
            self.context.services.routes.set_document(route_id, code, collected)


class ChecklistPage(Page):
    """The points not to forget for this kind of meeting, from the catalog, said to the resident."""

    def __init__(self, kind: MeetingKind, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Niet vergeten"), _tr("Denk hieraan in het gesprek."), parent)
        self.list = QListWidget()
        self.list.setAccessibleName(_tr("Punten om niet te vergeten"))
        self.list.setWordWrap(True)
        for point in kind.checklist:
            item = QListWidgetItem(point.resident, self.list)
            item.setToolTip(point.text)  # the same point, for the supporter
        self.column.addWidget(self.list, 1)

    def first_field(self) -> QWidget | None:
        return self.list
