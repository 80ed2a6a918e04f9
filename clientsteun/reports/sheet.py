"""The preparation sheet for a meeting: ``render_sheet(data, variant=..., large=...)`` gives the PDF.

Two variants of one story.  For the resident ("inwoner"): headings in the first person, short
sentences, long dates, the resident-facing explanations; large type as an option.  For the supporter
("ondersteuner"): compact, with laws, reference numbers and the deadline dates.  A section with nothing
in it is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from clientsteun.domain.dates import format_date, format_long, format_time
from clientsteun.domain.reckoning import long_day
from clientsteun.domain.sheet import (
    Alternative,
    Answer,
    BringItem,
    DeadlineLine,
    MeetingInfo,
    SheetData,
    SheetVariant,
    TriedRoute,
)
from clientsteun.reports.document import Styles, WritingLines, render, styles, text

LARGE_SIZE = 14.0
SIZES = {SheetVariant.RESIDENT: 11.0, SheetVariant.SUPPORTER: 9.0}
WRITING_SPACE = 8 * mm  # between the lines to write the agreements on by hand
BOX_EMPTY = "\u2610"
BOX_TICKED = "\u2611"


@dataclass(frozen=True)
class Words:
    """The fixed texts of one variant."""

    resident: str
    meeting: str
    when: str
    where: str
    with_whom: str
    kind: str
    about: str
    companions: str
    wants: str
    not_working: str
    tried: str
    status: str
    evidence_kept: str  # with {count}
    papers_held: str  # with {collected} and {total}
    evidence_joiner: str
    not_fitting: str
    alternatives: dict[Alternative, str]
    questions: str
    entitlements: str
    deadlines: str
    bring: str
    agreements: str
    next_steps: str


WORDS = {
    SheetVariant.RESIDENT: Words(
        resident="Van",
        meeting="Mijn gesprek",
        when="Dag en tijd",
        where="Waar",
        with_whom="Met wie",
        kind="Soort gesprek",
        about="Waar het over gaat",
        companions="Wie gaat er mee",
        wants="Wat ik wil bereiken",
        not_working="Wat nu niet lukt",
        tried="Wat ik al heb geprobeerd",
        status="Hoe het nu staat",
        evidence_kept="Ik heb {count} keer bewijs bewaard.",
        papers_held="Ik heb {collected} van de {total} papieren.",
        evidence_joiner=" ",
        not_fitting="Waarom iets anders niet past",
        alternatives={
            Alternative.OWN_STRENGTH: "Zelf doen",
            Alternative.NETWORK: "Hulp van familie of vrienden",
            Alternative.PAYING_SELF: "Ik betaal het zelf",
            Alternative.GENERAL_FACILITY: "Hulp die voor iedereen is",
        },
        questions="Mijn vragen",
        entitlements="Waar ik om mag vragen",
        deadlines="Data om op te letten",
        bring="Wat ik mee moet nemen",
        agreements="Wat we afspreken",
        next_steps="Wat er hierna gebeurt",
    ),
    SheetVariant.SUPPORTER: Words(
        resident="Inwoner",
        meeting="Gesprek",
        when="Datum",
        where="Plaats",
        with_whom="Met",
        kind="Soort",
        about="Routes",
        companions="Aanwezig namens de inwoner",
        wants="Hulpvraag en doel",
        not_working="Wat niet lukt",
        tried="Wat is geprobeerd",
        status="Stand",
        evidence_kept="Bewijs: {count}",
        papers_held="Documenten: {collected} van {total}",
        evidence_joiner="; ",
        not_fitting="Omgekeerde toets: waarom alternatieven niet passen",
        alternatives={
            Alternative.OWN_STRENGTH: "Eigen kracht",
            Alternative.NETWORK: "Netwerk en gebruikelijke hulp",
            Alternative.PAYING_SELF: "Zelf betalen",
            Alternative.GENERAL_FACILITY: "Algemene voorziening",
        },
        questions="Vragen van de inwoner",
        entitlements="Rechtsgrond per route",
        deadlines="Lopende termijnen",
        bring="Documenten",
        agreements="Afspraken",
        next_steps="Vervolg",
    ),
}


def render_sheet(
    data: SheetData, *, variant: SheetVariant = SheetVariant.RESIDENT, large: bool = False, invariant: bool = False
) -> bytes:
    """The sheet as PDF bytes."""
    return render(
        sheet_story(data, variant=variant, large=large),
        title=data.title,
        printed_on=data.printed_on,
        invariant=invariant,
    )


def sheet_story(data: SheetData, *, variant: SheetVariant, large: bool) -> list[Flowable]:
    """The sheet's flowables: what ``render_sheet`` lays out (the benchmark times the two apart)."""
    return _Sheet(data, variant, styles(LARGE_SIZE if large else SIZES[variant])).story()


def evidence_line(words: Words, route: TriedRoute) -> str:
    """How much evidence a route has, in the variant's words ("" when none)."""
    parts = []
    if route.evidence_count:
        parts.append(words.evidence_kept.format(count=route.evidence_count))
    if route.documents_total:
        parts.append(words.papers_held.format(collected=route.documents_collected, total=route.documents_total))
    return words.evidence_joiner.join(parts)


class _Sheet:
    def __init__(self, data: SheetData, variant: SheetVariant, style: Styles) -> None:
        self.data = data
        self.variant = variant
        self.resident = variant is SheetVariant.RESIDENT
        self.words = WORDS[variant]
        self.style = style
        self.flow: list[Flowable] = []

    def story(self) -> list[Flowable]:
        data = self.data
        self.flow = [
            Paragraph(text(data.title), self.style.title),
            Paragraph(f"<b>{self.words.resident}:</b> {text(data.resident)}", self.style.body),
        ]
        if data.meeting is not None:
            self._meeting(data.meeting)
        if data.companions:
            lines = [f"{text(c.role)}: {text(c.name)}" if c.name else text(c.role) for c in data.companions]
            self._list(self.words.companions, lines)
        self._answers(self.words.wants, data.wants)
        self._answers(self.words.not_working, data.not_working)
        if data.tried:
            self._heading(self.words.tried)
            for route in data.tried:
                self._route(route)
        self._not_fitting()
        self._list(self.words.questions, [text(question) for question in data.questions], numbered=True)
        self._entitlements()
        self._deadlines(data.deadlines)
        self._bring(data.bring)
        if data.agreement_lines > 0:
            self._heading(self.words.agreements)
            self.flow.append(WritingLines(data.agreement_lines, max(self.style.size * 2.2, WRITING_SPACE)))
        self._list(self.words.next_steps, [self._dated(step.on, step.what) for step in data.next_steps])
        return self.flow

    # -- building blocks -----------------------------------------------------------------------

    def _heading(self, title: str) -> None:
        self.flow.append(Paragraph(text(title), self.style.heading))

    def _paragraph(self, markup: str) -> None:
        self.flow.append(Paragraph(markup, self.style.body))

    def _list(self, title: str, lines: list[str], *, numbered: bool = False) -> None:
        if not lines:
            return
        self._heading(title)
        for number, line in enumerate(lines, start=1):
            bullet = f"{number}." if numbered else "\u2022"
            self.flow.append(Paragraph(line, self.style.item, bulletText=bullet))

    def _facts(self, facts: list[tuple[str, str]]) -> None:
        for label, value in facts:
            if value:
                self._paragraph(f"<b>{text(label)}:</b> {value}")

    def _date(self, value: date) -> str:
        return long_day(value) if self.resident else format_date(value)

    def _dated(self, on: date | None, what: str) -> str:
        return f"{self._date(on)}: {text(what)}" if on is not None else text(what)

    # -- sections ------------------------------------------------------------------------------

    def _meeting(self, meeting: MeetingInfo) -> None:
        words = self.words
        when = self._date(meeting.on) if meeting.on is not None else ""
        if meeting.at is not None:
            when = f"{when} om {format_time(meeting.at)}".strip()
        with_whom = ", ".join(text(part) for part in (meeting.contact, meeting.organisation) if part)
        facts = [
            (words.kind, text(meeting.kind)),
            (words.when, when),
            (words.where, text(meeting.place)),
            (words.with_whom, with_whom),
            (words.about, ", ".join(text(title) for title in meeting.about)),
        ]
        if any(value for _, value in facts):
            self._heading(words.meeting)
            self._facts(facts)

    def _answers(self, title: str, answers: tuple[Answer, ...]) -> None:
        if not answers:
            return
        self._heading(title)
        for answer in answers:
            if answer.question:
                self.flow.append(Paragraph(text(answer.question), self.style.subheading))
            self._paragraph(text(answer.text))

    def _route(self, route: TriedRoute) -> None:
        style = self.style
        self.flow.append(Paragraph(text(route.title), style.subheading))
        if self.resident:
            details = [text(part) for part in (route.kind, route.organisation) if part]
        else:
            details = [text(part) for part in (route.kind, route.organisation, route.law) if part]
            if route.reference:
                details.append(f"kenmerk {text(route.reference)}")
        if details:
            self.flow.append(Paragraph(" \u00b7 ".join(details), style.small))
        if route.status:
            self._paragraph(f"<b>{self.words.status}</b> \u2013 {text(route.status)}")  # the status has a colon
        for step in route.steps:
            # "Ik kreeg een besluit." with a result reads "Ik kreeg een besluit: afgewezen".
            what = step.what.rstrip(".") if step.result and not step.state else step.what
            line = f"<b>{self._date(step.on)}</b> {text(what)}"
            if step.state:
                line += f" ({text(step.state)})"
            if step.result:
                line += f": {text(step.result)}"
            self.flow.append(Paragraph(line, style.item, bulletText="\u2022"))
        evidence = evidence_line(self.words, route)
        if evidence:
            self._paragraph(text(evidence))

    def _not_fitting(self) -> None:
        reasons = self.data.not_fitting
        if not reasons:
            return
        self._heading(self.words.not_fitting)
        several = len({reason.route for reason in reasons}) > 1
        for reason in reasons:
            label = self.words.alternatives[reason.alternative]
            if several and reason.route:
                label = f"{label} ({reason.route})"
            self._paragraph(f"<b>{text(label)}:</b> {text(reason.why)}")

    def _entitlements(self) -> None:
        entitlements = self.data.entitlements
        if not entitlements:
            return
        self._heading(self.words.entitlements)
        for entitlement in entitlements:
            title = entitlement.kind
            if not self.resident and entitlement.law:
                title = f"{title} ({entitlement.law})"
            self.flow.append(Paragraph(text(title), self.style.subheading))
            explanation = (
                entitlement.resident_explanation or entitlement.explanation
                if self.resident
                else entitlement.explanation or entitlement.resident_explanation
            )
            if explanation:
                self._paragraph(text(explanation))

    def _deadlines(self, deadlines: tuple[DeadlineLine, ...]) -> None:
        lines = []
        for deadline in deadlines:
            if self.resident:
                line = f"<b>{format_long(deadline.due_on)}</b>: {text(deadline.name)}"
                extra = [deadline.route, deadline.state]
            else:
                line = f"<b>{format_date(deadline.due_on)}</b> {text(deadline.name)}"
                extra = [deadline.route, deadline.actor, deadline.state, deadline.law]
            rest = " \u00b7 ".join(text(part) for part in extra if part)
            lines.append(f"{line} ({rest})" if rest else line)
        self._list(self.words.deadlines, lines)

    def _bring(self, items: tuple[BringItem, ...]) -> None:
        if not items:
            return
        self._heading(self.words.bring)
        for item in items:
            name = item.resident_text or item.name if self.resident else item.name
            box = BOX_TICKED if item.in_hand else BOX_EMPTY
            self.flow.append(Paragraph(text(name), self.style.box, bulletText=box))
        self.flow.append(Spacer(1, self.style.gap))
