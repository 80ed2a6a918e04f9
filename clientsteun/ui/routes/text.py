"""The route window in words: where a route stands, deadlines, links, file sizes; and the columns
of its tables, declared once.  The words shared with the dossier and the agenda come from ``route_words``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from PySide6.QtCore import QCoreApplication

from clientsteun.domain.dates import format_date, format_long
from clientsteun.domain.deadlines import BASIS_WORDS, Deadline, DeadlineState, RouteView, atw_note
from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.holidays import WorkCalendar
from clientsteun.domain.reckoning import Note
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import Evidence, LinkKind, RouteLink, RouteStatus, Signal, Step
from clientsteun.domain.timeline import first_line
from clientsteun.ui.routes.words import actor_word, deadline_state_text, outcome_word, progress_text, step_state_word
from clientsteun.ui.widgets.table_model import Column

CONTEXT = "Routes"
LINK_NAMES = {
    LinkKind.BELONGS_TO: QT_TRANSLATE_NOOP(CONTEXT, "hoort bij"),
    LinkKind.WAITS_FOR: QT_TRANSLATE_NOOP(CONTEXT, "wacht op"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def link_name(kind: LinkKind) -> str:
    return tr(LINK_NAMES[kind])


def format_size(size: int) -> str:
    """A file size the way people read it: 820 bytes, 14 kB, 2,3 MB."""
    if size < 1024:
        return tr("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return f"{round(size / 1024)} kB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def status_text(view: RouteView, catalog: RouteCatalog) -> str:
    """Where the route stands, as the dossier says it, with the reason of a decision."""
    text = progress_text(view.progress, catalog)
    decision = view.progress.last_decision
    if view.progress.status is RouteStatus.DECIDED and decision is not None and decision.data.reason:
        text += " — " + first_line(decision.data.reason)
    return text


def next_deadline_text(deadline: Deadline, today: date) -> str:
    return tr("Eerstvolgende termijn: {name} {date} ({state})").format(
        name=deadline.name, date=format_long(deadline.due_on), state=deadline_state_text(deadline, today)
    )


def advice_text(deadline: Deadline) -> str:
    return "{name}: {advice}".format(
        name=deadline.name, advice=QCoreApplication.translate("deadlines", deadline.advice)
    )


def note_text(note: Note) -> str:
    """An explanation of the engine in words, its text translated in context "deadlines"."""
    return note.render(lambda text: QCoreApplication.translate("deadlines", text))


def counted_from_text(deadline: Deadline) -> str:
    """ "02-11-2026, de verzenddatum": the day the term counts from, and which date of the step that is."""
    basis = QCoreApplication.translate("deadlines", BASIS_WORDS[deadline.counted_from])
    return f"{format_date(deadline.started_on)}, {basis}"


def explanations(deadline: Deadline, days_off: WorkCalendar) -> tuple[Note, ...]:
    """Why the Algemene termijnenwet moved the date, then the engine's notes: the reading taken and the
    other one, an assumption, what changed the term, a notice of default that came too early."""
    moved = atw_note(deadline, days_off)
    return ((moved,) if moved else ()) + deadline.notes


def explanation_text(deadlines: Iterable[Deadline], days_off: WorkCalendar) -> str:
    """The explanations of every deadline that has one, each under the deadline's name."""
    blocks = []
    for deadline in deadlines:
        notes = explanations(deadline, days_off)
        if notes:
            name = tr("{name} ({date}):").format(name=deadline.name, date=format_date(deadline.due_on))
            blocks.append("\n".join([name, *(f"– {note_text(note)}" for note in notes)]))
    return "\n".join(blocks)


def link_text(link: RouteLink, route_id: int, titles: Mapping[int, str]) -> str:
    """The link as seen from route ``route_id``: "wacht op: X", or "X wacht hierop"."""
    outgoing = link.from_route == route_id
    title = titles.get(link.to_route if outgoing else link.from_route, tr("(verwijderde route)"))
    if outgoing:
        text = tr("hoort bij: {title}") if link.kind is LinkKind.BELONGS_TO else tr("wacht op: {title}")
    else:
        text = tr("{title} hoort hierbij") if link.kind is LinkKind.BELONGS_TO else tr("{title} wacht hierop")
    return text.format(title=title)


def circle_text(circle: tuple[int, ...], titles: Mapping[int, str]) -> str:
    """ "A wacht op B, B wacht op A": each route in the circle waits for the next one."""
    names = [titles.get(route_id, "?") for route_id in circle]
    pairs = zip(names, names[1:] + names[:1], strict=True)
    return ", ".join(tr("{a} wacht op {b}").format(a=a, b=b) for a, b in pairs)


# -- table columns -----------------------------------------------------------------------------


def step_columns(catalog: RouteCatalog) -> list[Column[Step]]:
    return [
        Column(tr("Datum"), lambda s: format_date(s.data.on), sort_key=lambda s: s.data.on),
        Column(tr("Stap"), lambda s: catalog.step_name(s.data.kind)),
        Column(tr("Stand"), lambda s: step_state_word(s.data.state)),
        Column(tr("Uitkomst en reden"), _step_outcome),
        Column(tr("Notitie"), lambda s: first_line(s.data.note)),
    ]


def deadline_columns(today: Callable[[], date]) -> list[Column[Deadline]]:
    return [
        Column(tr("Uiterlijk"), lambda d: format_date(d.due_on), sort_key=lambda d: d.due_on, warn=is_passed),
        Column(tr("Wat"), lambda d: d.name + (tr(" (verlengd)") if d.extended else ""), warn=is_passed),
        Column(tr("Wie moet iets doen"), lambda d: actor_word(d.actor), warn=is_passed),
        Column(tr("Stand"), lambda d: _state_text(d, today()), warn=_passed_or_late),
        Column(tr("Gerekend vanaf"), counted_from_text, sort_key=lambda d: d.started_on, warn=is_passed),
        Column(tr("Wet"), lambda d: d.rule.law, warn=is_passed),
    ]


def evidence_columns() -> list[Column[Evidence]]:
    return [
        Column(tr("Datum"), lambda e: format_date(e.data.on), sort_key=lambda e: e.data.on),
        Column(tr("Wat is er gedaan"), lambda e: first_line(e.data.description)),
        Column(tr("Bestand"), _file_text),
    ]


def signal_columns(catalog: RouteCatalog) -> list[Column[Signal]]:
    return [
        Column(tr("Datum"), lambda s: format_date(s.data.on), sort_key=lambda s: s.data.on),
        Column(tr("Thema"), lambda s: catalog.theme_name(s.data.theme)),
        Column(tr("Instantie"), lambda s: s.data.organisation),
        Column(tr("Wat loopt er vast"), lambda s: first_line(s.data.description)),
        Column(tr("In rapportage"), lambda s: tr("ja") if s.data.shareable else tr("nee")),
    ]


def is_passed(deadline: Deadline) -> bool:
    return deadline.state is DeadlineState.PASSED


def _state_text(deadline: Deadline, today: date) -> str:
    """Where a deadline stands; a notice of default sent before it passed is said to be too early."""
    text = deadline_state_text(deadline, today)
    if deadline.notice_works_from is None:
        return text
    return tr("{state}; ingebrekestelling te vroeg, telt vanaf {date}").format(
        state=text, date=format_date(deadline.notice_works_from)
    )


def _passed_or_late(deadline: Deadline) -> bool:
    return is_passed(deadline) or deadline.met_late


def _step_outcome(step: Step) -> str:
    parts = [outcome_word(step.data.outcome)] if step.data.outcome else []
    parts += [first_line(step.data.reason)] if step.data.reason else []
    return " — ".join(parts)


def _file_text(evidence: Evidence) -> str:
    file = evidence.attachment
    return f"{file.file_name} ({format_size(file.size)})" if file else ""
