"""Meetings with an organisation, holding them (the conversation record of the day), the written
report, and the resident's preparation.

The preparation is saved answer by answer as it is typed (each answer is valid on its own, so no
draft is needed: ``save_answer`` is the autosave), and is resumed by opening it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.changes import Area
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.meetings import (
    MAX_QUESTIONS,
    REPORT_MISSING_DAYS,
    Answer,
    HeldMeeting,
    Meeting,
    MeetingInput,
    Preparation,
    PreparationQuestion,
    with_alternatives,
)
from clientsteun.domain.model import MAX_LINE, AgreementInput, Conversation, ConversationInput, clean_text
from clientsteun.domain.routes import ReversedTest, StepState
from clientsteun.services import mapping
from clientsteun.services.base import ChangeFeed, Clock, Service, get_or_add, get_row
from clientsteun.services.conversations import CONVERSATION_CHANGE, write_conversation
from clientsteun.services.routes import ROUTE_CHANGE
from clientsteun.services.sheet_keys import stored_key
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    ClientRow,
    MeetingCompanionRow,
    MeetingRouteRow,
    MeetingRow,
    PreparationAnswerRow,
    PreparationHiddenRow,
    PreparationQuestionRow,
    PreparationRow,
    RouteRow,
    RouteStepRow,
)

# The dossier's meetings and preparation, and the agenda that lists meetings and missing reports.
MEETING_CHANGE = Area.MEETINGS | Area.AGENDA


class MeetingService(Service):
    def __init__(
        self, database: Database, clock: Clock, catalog: Catalog, changes: ChangeFeed | None = None,
        report_days: Callable[[], int] = lambda: REPORT_MISSING_DAYS,
    ) -> None:  # fmt: skip
        """``report_days`` reads the setting: how long after a meeting a missing report is a reminder."""
        super().__init__(database, clock, changes)
        self._catalog = catalog
        self._report_days = report_days

    # -- meetings ------------------------------------------------------------------------------

    def list_meetings(self, client_id: int) -> list[Meeting]:
        """The resident's meetings, oldest first."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            rows = session.scalars(meeting_query().where(MeetingRow.client_id == client_id))
            return [mapping.meeting(row) for row in rows]

    def get_meeting(self, meeting_id: int) -> Meeting:
        with self._db.transaction() as session:
            return mapping.meeting(get_row(session, MeetingRow, meeting_id))

    def next_meeting(self, client_id: int) -> Meeting | None:
        """The first meeting not held yet from today on; None when none is planned."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            return read_next_meeting(session, client_id, self.today())

    def save_meeting(self, meeting_id: int | None, data: MeetingInput) -> Meeting:
        """Plan (``meeting_id`` None) or change a meeting.  A linked planned step moves to its date:
        they are one event."""
        data = data.validated()
        now = self.now()
        with self._db.transaction() as session:
            get_row(session, ClientRow, data.client_id)
            _check_routes(session, data.client_id, data.route_ids)
            step = _check_step(session, data, meeting_id)
            row = get_or_add(session, MeetingRow, meeting_id, created_at=now, report_checked=False)
            if meeting_id is not None and row.client_id != data.client_id:
                raise InvalidInput(detail="a meeting cannot move to another resident")
            if data.kind != row.kind and data.kind not in {kind.code for kind in self._catalog.meetings.kinds}:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze soort gesprek staat niet in de catalogus."))
            row.client_id = data.client_id
            row.on = data.on
            row.start_time = data.start_time
            row.kind = data.kind
            row.place = data.place
            row.organisation = data.organisation
            row.consulent = data.consulent
            row.step_id = data.step_id
            current = {link.route_id: link for link in row.routes}
            row.routes = [current.get(route_id) or MeetingRouteRow(route_id=route_id) for route_id in data.route_ids]
            row.companions = [
                MeetingCompanionRow(position=position, role=c.role.value, name=c.name)
                for position, c in enumerate(data.companions)
            ]
            row.updated_at = now
            route_id = None
            if step is not None and step.state == StepState.PLANNED.value and step.on != data.on:
                step.on = data.on
                route_id = step.route_id
            session.flush()
            session.expire(row, ["routes", "companions"])
            saved = mapping.meeting(row)
        self._announce(MEETING_CHANGE | (ROUTE_CHANGE if route_id else Area.NONE), data.client_id, route_id)
        return saved

    def delete_meeting(self, meeting_id: int) -> None:
        """Removes the meeting; a linked step, the conversation record and the preparation stay (the
        preparation then counts as a general one)."""
        with self._db.transaction() as session:
            row = get_row(session, MeetingRow, meeting_id)
            client_id = row.client_id
            session.delete(row)
        self._announce(MEETING_CHANGE, client_id)

    def hold_meeting(self, meeting_id: int, held: HeldMeeting) -> Conversation:
        """Record that the meeting took place: it becomes the conversation of that day (its kind and the
        people from the meeting, linked to it), what was agreed becomes agreements, and a linked planned
        step is done."""
        now = self.now()
        with self._db.transaction() as session:
            row = get_row(session, MeetingRow, meeting_id)
            if row.conversation_id is not None:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit gesprek is al vastgelegd."))
            if row.on > self.today():
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit gesprek is nog niet geweest."))
            planned = mapping.meeting(row)
            kind = self._catalog.meetings.kind(row.kind)
            data = ConversationInput(
                client_id=row.client_id,
                held_on=row.on,
                kind=kind.conversation_kind or self._catalog.next_conversation_kind,
                medium=held.medium or kind.medium,
                start_time=row.start_time,
                duration_minutes=held.duration_minutes,
                participants=_one_line(planned.participants()),
                notes=held.notes,
            ).validated()
            points = [
                AgreementInput(row.client_id, point.description, point.who, point.due_on).validated()
                for point in held.agreed
            ]
            conversation_row = write_conversation(session, None, data, now)
            session.flush()
            for point in points:
                session.add(
                    AgreementRow(
                        client_id=point.client_id, conversation_id=conversation_row.id, description=point.description,
                        who=point.who, due_on=point.due_on, created_on=self.today(),
                    )
                )  # fmt: skip
            row.conversation_id = conversation_row.id
            row.updated_at = now
            route_id = _step_done(session, row, self._catalog)
            conversation = mapping.conversation(conversation_row)
        areas = CONVERSATION_CHANGE | Area.AGREEMENTS | MEETING_CHANGE
        self._announce(areas | (ROUTE_CHANGE if route_id else Area.NONE), planned.data.client_id, route_id)
        return conversation

    def set_report(self, meeting_id: int, received_on: date | None, checked: bool) -> Meeting:
        """The organisation's written report: the day it came (None: not yet), and whether the resident
        checked it."""
        with self._db.transaction() as session:
            row = get_row(session, MeetingRow, meeting_id)
            if received_on is not None and received_on < row.on:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "Het verslag kan niet eerder zijn ontvangen dan het gesprek was.")
                )
            row.report_received_on = received_on
            row.report_checked = checked and received_on is not None
            row.updated_at = self.now()
            saved = mapping.meeting(row)
        self._announce(MEETING_CHANGE, saved.data.client_id)
        return saved

    # -- the preparation -----------------------------------------------------------------------

    def get_preparation(self, client_id: int, meeting_id: int | None = None) -> Preparation | None:
        """The preparation for the meeting (or the general one, without a meeting); None when not begun."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            row = find_preparation(session, client_id, meeting_id)
            return None if row is None else mapping.preparation(row)

    def open_preparation(self, client_id: int, meeting_id: int | None = None) -> Preparation:
        """The preparation to continue, begun now when there is none yet."""
        with self._db.transaction() as session:
            get_row(session, ClientRow, client_id)
            if meeting_id is not None and get_row(session, MeetingRow, meeting_id).client_id != client_id:
                raise InvalidInput(detail="meeting of another resident")
            row = find_preparation(session, client_id, meeting_id)
            created = row is None
            if row is None:
                row = PreparationRow(client_id=client_id, meeting_id=meeting_id, updated_at=self.now())
                session.add(row)
                session.flush()
            found = mapping.preparation(row)
        if created:
            self._announce(Area.MEETINGS, client_id)
        return found

    def save_answer(self, preparation_id: int, answer: Answer, text: str) -> None:
        """Keep an answer as typed (the autosave of the guided preparation)."""
        text = clean_text(text)
        with self._db.transaction() as session:
            row = get_row(session, PreparationRow, preparation_id)
            stored = session.get(PreparationAnswerRow, (preparation_id, Answer(answer).value))
            if stored is None:
                session.add(PreparationAnswerRow(preparation_id=preparation_id, code=answer.value, text=text))
            else:
                stored.text = text
            row.updated_at = self.now()
            client_id = row.client_id
        self._announce(Area.MEETINGS, client_id)

    def add_question(self, preparation_id: int, text: str = "") -> PreparationQuestion:
        """A new question of the resident's own, last in the list."""
        text = clean_text(text)
        with self._db.transaction() as session:
            row = get_row(session, PreparationRow, preparation_id)
            count, last = session.execute(
                select(func.count(), func.max(PreparationQuestionRow.position)).where(
                    PreparationQuestionRow.preparation_id == preparation_id
                )
            ).one()
            if count >= MAX_QUESTIONS:
                raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Dit zijn genoeg vragen. Kies de belangrijkste."))
            question = PreparationQuestionRow(
                preparation_id=preparation_id, position=(last if last is not None else -1) + 1, text=text
            )
            session.add(question)
            row.updated_at = self.now()
            session.flush()
            found, client_id = PreparationQuestion(question.id, question.text), row.client_id
        self._announce(Area.MEETINGS, client_id)
        return found

    def save_question(self, question_id: int, text: str) -> PreparationQuestion:
        """Keep a question as typed."""
        text = clean_text(text)
        with self._db.transaction() as session:
            question = get_row(session, PreparationQuestionRow, question_id)
            question.text = text
            row = get_row(session, PreparationRow, question.preparation_id)
            row.updated_at = self.now()
            client_id = row.client_id
        self._announce(Area.MEETINGS, client_id)
        return PreparationQuestion(question_id, text)

    def delete_question(self, question_id: int) -> None:
        with self._db.transaction() as session:
            question = get_row(session, PreparationQuestionRow, question_id)
            row = get_row(session, PreparationRow, question.preparation_id)
            session.delete(question)  # its mark "not on the sheet" names its UUID, never given out again
            row.updated_at = self.now()
            client_id = row.client_id
        self._announce(Area.MEETINGS, client_id)

    def order_questions(self, preparation_id: int, question_ids: Sequence[int]) -> Preparation:
        """Put the questions in this order (the most important first); ``question_ids`` names them all."""
        with self._db.transaction() as session:
            row = get_row(session, PreparationRow, preparation_id)
            by_id = {question.id: question for question in row.questions}
            if sorted(question_ids) != sorted(by_id):
                raise InvalidInput(detail="the order must name every question once")
            for position, question_id in enumerate(question_ids):
                by_id[question_id].position = position
            found = self._reread(session, row, "questions")
        self._announce(Area.MEETINGS, found.client_id)
        return found

    def set_on_sheet(self, preparation_id: int, key: str, on_sheet: bool) -> Preparation:
        """The resident's choice whether an answer, a question, a route's reason or an attempt (a key of
        ``domain.meetings``: ``answer_key``, ``question_key``, ``alternative_key``, ``route_key``,
        ``attempt_key``) is printed on the sheet.  The record a key names must be one of the preparation's
        resident; the key is stored under the record's UUID (``sheet_keys``)."""
        with self._db.transaction() as session:
            row = get_row(session, PreparationRow, preparation_id)
            key = stored_key(session, row, key)
            hidden = session.get(PreparationHiddenRow, (preparation_id, key))
            if on_sheet and hidden is not None:
                session.delete(hidden)
            elif not on_sheet and hidden is None:
                session.add(PreparationHiddenRow(preparation_id=preparation_id, key=key))
            found = self._reread(session, row, "hidden")
        self._announce(Area.MEETINGS, found.client_id)
        return found

    def _reread(self, session: Session, row: PreparationRow, changed: str) -> Preparation:
        """The preparation after its ``changed`` relation was written: its time set, the relation read again."""
        row.updated_at = self.now()
        session.flush()
        session.expire(row, [changed])
        return mapping.preparation(row)

    def save_alternatives(self, route_id: int, answers: Mapping[str, str]) -> ReversedTest:
        """Why the usual alternatives do not fit, in the resident's words: written into the route's
        reversed test (``ALTERNATIVES`` names the fields; fields not named stay)."""
        with self._db.transaction() as session:
            route = get_row(session, RouteRow, route_id)
            test = with_alternatives(mapping.route(route, efforts=False).data.reversed_test, answers)
            route.own_strength = test.own_strength
            route.network = test.network
            route.paying_self = test.paying_self
            route.general_facility = test.general_facility
            route.updated_at = self.now()
            client_id = route.client_id
        self._announce(Area.ROUTE | Area.MEETINGS, client_id, route_id)
        return test


# -- reads shared with the agenda and the sheet --------------------------------------------------


def meeting_query() -> Select[MeetingRow]:
    """Meetings with their routes and companions, oldest first."""
    return (
        select(MeetingRow)
        .options(selectinload(MeetingRow.routes), selectinload(MeetingRow.companions))
        .order_by(MeetingRow.on, MeetingRow.start_time, MeetingRow.id)
    )


def read_next_meeting(session: Session, client_id: int, today: date) -> Meeting | None:
    row = session.scalars(
        meeting_query().where(
            MeetingRow.client_id == client_id, MeetingRow.conversation_id.is_(None), MeetingRow.on >= today
        )
    ).first()
    return None if row is None else mapping.meeting(row)


def read_held_steps(session: Session, client_id: int) -> set[int]:
    """The route steps that are a held meeting of the resident (the conversation record is that day's entry)."""
    return set(
        session.scalars(
            select(MeetingRow.step_id).where(
                MeetingRow.client_id == client_id, MeetingRow.step_id.is_not(None),
                MeetingRow.conversation_id.is_not(None),
            )
        )
    )  # fmt: skip


def find_preparation(session: Session, client_id: int, meeting_id: int | None) -> PreparationRow | None:
    where = PreparationRow.meeting_id.is_(None) if meeting_id is None else PreparationRow.meeting_id == meeting_id
    query = select(PreparationRow).where(PreparationRow.client_id == client_id, where)
    return session.scalars(query.order_by(PreparationRow.updated_at.desc(), PreparationRow.id.desc())).first()


def _check_routes(session: Session, client_id: int, route_ids: Iterable[int]) -> None:
    for route_id in route_ids:
        if get_row(session, RouteRow, route_id).client_id != client_id:
            raise InvalidInput(detail="route of another resident")


def _check_step(session: Session, data: MeetingInput, meeting_id: int | None) -> RouteStepRow | None:
    """The planned step the meeting is, checked: of the resident, planned when newly linked, and not
    already another meeting."""
    if data.step_id is None:
        return None
    step = get_row(session, RouteStepRow, data.step_id)
    if get_row(session, RouteRow, step.route_id).client_id != data.client_id:
        raise InvalidInput(detail="step of another resident")
    other = session.scalar(select(MeetingRow.id).where(MeetingRow.step_id == data.step_id))
    if other is not None and other != meeting_id:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Deze stap hoort al bij een ander gesprek."))
    if other is None and step.state != StepState.PLANNED.value:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Koppel een gesprek alleen aan een geplande stap."))
    return step


def _step_done(session: Session, row: MeetingRow, catalog: Catalog) -> int | None:
    """A linked planned step is done now the meeting was held; returns its route (None when nothing changed).
    A decision is left planned: it needs an outcome, which the meeting itself does not give."""
    if row.step_id is None:
        return None
    step = get_row(session, RouteStepRow, row.step_id)
    kind = catalog.routes.step_kinds.get(step.kind)
    if step.state != StepState.PLANNED.value or (kind is not None and kind.decision):
        return None
    step.state = StepState.DONE.value
    step.on = row.on
    return step.route_id


def _one_line(text: str) -> str:
    """A conversation's participants line holds MAX_LINE characters: a longer list is shortened."""
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"
