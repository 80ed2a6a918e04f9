"""The resident's copy as a readable PDF in plain Dutch: everything in their dossier file, section by section.

It is made from the same checked dossier file as the JSON copy (``domain.dossier_format``), so the two
never tell a different story.  Codes are printed with the catalog's names; dates as 22-11-2026.
Passages the supporter left out are named as such, without their content.  The PDF's title is the
document's, never the resident's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date, format_long, format_time
from clientsteun.domain.dossier_format import Body, records
from clientsteun.domain.meetings import ROLE_NAMES, CompanionRole
from clientsteun.reports.document import Styles, render, styles, text

TITLE = "Uw dossier bij de cliëntondersteuning"
SIZE = 10.5

Label = tuple[str, str]  # a field and how it is called in the copy

RESIDENT: Sequence[Label] = (
    ("name", "Naam"), ("alias", "Roepnaam"), ("phone", "Telefoon"), ("email", "E-mail"), ("address", "Adres"),
    ("municipality", "Gemeente"), ("first_contact", "Eerste contact"), ("status", "Dossier"),
    ("closed_on", "Gesloten op"), ("close_reason", "Reden van sluiten"), ("life_domains", "Levensgebieden"),
)  # fmt: skip
SECTIONS: Sequence[tuple[str, str, str, Sequence[Label]]] = (
    # section, heading, the field that names one record, its fields
    ("network", "Mensen om u heen", "name", (("role", "Rol"), ("phone", "Telefoon"))),
    ("consents", "Uw toestemming", "given_on", (
        ("may_record", "Wat wij mogen vastleggen"), ("share_with", "Met wie wij iets mogen delen"),
        ("valid_until", "Geldig tot"), ("withdrawn_on", "Ingetrokken op"),
    )),
    ("help_questions", "Uw hulpvraag (alle versies)", "recorded_on", (
        ("asked", "Wat u vroeg"), ("really_wants", "Wat u eigenlijk wilt"),
    )),
    ("conversations", "Gesprekken", "held_on", (
        ("kind", "Soort gesprek"), ("medium", "Hoe"), ("start_time", "Tijd"), ("duration_minutes", "Minuten"),
        ("participants", "Wie waren er"), ("life_domains", "Levensgebieden"), ("notes", "Verslag"),
    )),
    ("agreements", "Afspraken", "description", (
        ("who", "Wie doet het"), ("due_on", "Uiterlijk"), ("done_on", "Gedaan op"), ("created_on", "Gemaakt op"),
    )),
    ("meetings", "Gesprekken met organisaties", "on", (
        ("kind", "Soort gesprek"), ("start_time", "Tijd"), ("place", "Waar"), ("organisation", "Organisatie"),
        ("consulent", "Consulent"), ("companions", "Wie gaan er mee"), ("report_received_on", "Verslag ontvangen op"),
    )),
    ("preparations", "Uw voorbereiding", "updated_at", (("answers", "Uw antwoorden"), ("questions", "Uw vragen"))),
    ("signals", "Signalen", "on", (
        ("theme", "Onderwerp"), ("organisation", "Organisatie"), ("municipality", "Gemeente"),
        ("description", "Wat er gebeurde"), ("shareable", "Mag zonder naam gedeeld worden"),
    )),
    ("requests", "Uw verzoeken over uw gegevens", "received_on", (
        ("kind", "Verzoek"), ("extended_until", "Antwoord uitgesteld tot"), ("extension_reason", "Waarom later"),
        ("answered_on", "Beantwoord op"), ("note", "Toelichting"),
    )),
    ("notes", "Correcties en uw eigen verklaring", "on", (("kind", "Soort"), ("text", "Tekst"))),
)  # fmt: skip
ROUTE: Sequence[Label] = (
    ("organisation", "Organisatie"), ("contact", "Contactpersoon"), ("reference", "Kenmerk"),
    ("life_domain", "Levensgebied"), ("circumstances", "Omstandigheden"), ("documents", "Verzamelde papieren"),
    ("wanted_effect", "Wat wilt u bereiken?"), ("own_strength", "Wat kunt u zelf?"),
    ("network", "Wat kunnen mensen om u heen doen?"), ("paying_self", "Kunt u het zelf betalen?"),
    ("general_facility", "Is er een algemene voorziening?"), ("legal_basis", "Welke wet of regel?"),
)  # fmt: skip
STEP: Sequence[Label] = (
    ("state", "Stand"), ("outcome", "Uitkomst"), ("reason", "Reden"), ("note", "Toelichting"),
    ("sent_on", "Verstuurd op"), ("received_on", "Ontvangen op"), ("new_due_on", "Nieuwe datum"),
)  # fmt: skip
WORDS = {
    "open": "open", "closed": "gesloten", "done": "gedaan", "planned": "gepland", "missed": "gemist",
    "not_needed": "niet nodig", "granted": "toegekend", "partly_granted": "deels toegekend",
    "refused": "afgewezen", "withdrawn": "ingetrokken", "access": "inzage", "correction": "correctie",
    "erasure": "wissen", "copy": "kopie", "statement": "uw eigen verklaring",
}  # fmt: skip


class _Names:
    """How a code is called, by field: the catalog's names, else the plain words above, else the code."""

    def __init__(self, catalog: Catalog) -> None:
        routes = catalog.routes
        self.by_field: Mapping[str, Callable[[str], str]] = {
            "life_domains": catalog.life_domain_name, "life_domain": catalog.life_domain_name,
            "medium": catalog.medium_name, "theme": routes.theme_name, "circumstances": lambda code: code,
            "documents": routes.document_for_resident,
        }  # fmt: skip
        self.conversation_kind = catalog.kind_name
        self.route_kind: Callable[[str], str] = lambda code: routes.kind(code).name
        self.step_kind = routes.step_name
        self.meeting_kind = catalog.meetings.name

    def value(self, section: str, field: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return ""
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if field == "kind" and section == "conversations":
            return self.conversation_kind(value)
        if field == "kind" and section == "meetings":
            return self.meeting_kind(value)
        if field in ("documents",) and isinstance(value, list):
            return ", ".join(f"{self.by_field['documents'](d['code'])} ({format_date(_day(d['collected_on']))})"
                             for d in value)  # fmt: skip
        if field == "companions":
            return ", ".join(c["name"] or _role(c["role"]) for c in value)
        if field == "answers":
            return "\n".join(a["text"] for a in value if a["text"])
        if field == "questions":
            return "\n".join(f"- {q['text']}" for q in value if q["text"])
        if isinstance(value, list):
            name = self.by_field.get(field, str)
            return ", ".join(name(item) for item in value)
        if field in self.by_field:
            return self.by_field[field](value)
        if isinstance(value, str) and value in WORDS and field in ("status", "state", "outcome", "kind"):
            return WORDS[value]
        return _plain_value(value)


def _role(code: str) -> str:
    try:
        return ROLE_NAMES[CompanionRole(code)]
    except ValueError:
        return code


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _plain_value(value: Any) -> str:
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and len(value) == 8 and value[2:3] == ":":
        return format_time(time.fromisoformat(value))
    if isinstance(value, str) and "T" in value and value[4:5] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{format_date(moment.date())} {format_time(moment.time())}"
    return str(value)


def render_dossier_copy(body: Body, catalog: Catalog, *, invariant: bool = False) -> bytes:
    """The copy as PDF bytes."""
    made = datetime.fromisoformat(body["exported_at"]).date()
    return render(dossier_story(body, catalog), title=TITLE, printed_on=made, invariant=invariant)


def dossier_story(body: Body, catalog: Catalog) -> list[Flowable]:
    style = styles(SIZE)
    names = _Names(catalog)
    left_out = {entry["uuid"] for entry in body["left_out"]}
    made = datetime.fromisoformat(body["exported_at"]).date()
    story: list[Flowable] = [
        Paragraph(text(TITLE), style.title),
        Paragraph(text(f"Dit is alles wat wij over u hebben vastgelegd, op {format_long(made)}."), style.body),
        Paragraph(
            text(
                "Klopt er iets niet? Dan mag u vragen om het te verbeteren. U mag ook zelf iets laten "
                "opschrijven over wat er staat. Wilt u dat wij uw gegevens wissen? Dat mag u ook vragen."
            ),
            style.body,
        ),
    ]
    if left_out:
        story.append(
            Paragraph(
                text(
                    f"In deze kopie zijn {len(left_out)} stukken weggelaten, omdat daarin ook iets over andere "
                    "mensen staat. Dat staat erbij op de plaats waar iets is weggelaten."
                ),
                style.body,
            )
        )
    story.append(Paragraph(text("Uw gegevens"), style.heading))
    resident = body["resident"]
    story += _facts(style, names, "resident", resident, RESIDENT)
    for section, heading, title_field, labels in SECTIONS:
        items = body[section]
        if not items:
            continue
        story.append(Paragraph(text(heading), style.heading))
        for item in items:
            story += _record(style, names, section, item, title_field, labels, item["uuid"] in left_out)
    if body["routes"]:
        story.append(Paragraph(text("Wat er is geprobeerd (routes)"), style.heading))
        for route in body["routes"]:
            story += _route(style, names, route, left_out)
    attachments = [(section, r) for section, r in records(body) if section.endswith(".attachment")]
    if attachments:
        story.append(Paragraph(text("Bijlagen"), style.heading))
        story.append(
            Paragraph(text("Deze bestanden horen bij uw dossier. Ze zitten in de digitale kopie (JSON)."), style.body)
        )
        for _section, attachment in attachments:
            size = f"{attachment['size']:,} bytes".replace(",", ".")
            story.append(Paragraph(text(f"{attachment['file_name']} ({size})"), style.item, bulletText="•"))
    return story


def _facts(style: Styles, names: _Names, section: str, record: Mapping[str, Any], labels: Sequence[Label]) -> list[Any]:
    found = []
    for field, label in labels:
        shown = names.value(section, field, record[field])
        if shown:
            found.append(Paragraph(f"<b>{text(label)}:</b> {text(shown)}", style.body))
    return found


def _record(
    style: Styles, names: _Names, section: str, item: Mapping[str, Any], title_field: str, labels: Sequence[Label],
    left_out: bool,
) -> list[Any]:  # fmt: skip
    title = names.value(section, title_field, item[title_field]) or "—"
    found: list[Any] = [Paragraph(text(title), style.subheading)]
    if left_out:
        found.append(Paragraph(text("Een deel hiervan is weggelaten (het gaat ook over andere mensen)."), style.small))
    return found + _facts(style, names, section, item, labels)


def _route(style: Styles, names: _Names, route: Mapping[str, Any], left_out: set[str]) -> list[Any]:
    found: list[Any] = [Paragraph(text(f"{route['title']} ({names.route_kind(route['kind'])})"), style.subheading)]
    if route["uuid"] in left_out:
        found.append(Paragraph(text("Een deel hiervan is weggelaten (het gaat ook over andere mensen)."), style.small))
    found += _facts(style, names, "routes", route, ROUTE)
    for step in route["steps"]:
        line = f"{format_date(_day(step['on']))}: {names.step_kind(step['kind'])}"
        details = [f"{label.lower()}: {names.value('steps', field, step[field])}" for field, label in STEP
                   if names.value("steps", field, step[field])]  # fmt: skip
        found.append(Paragraph(text("; ".join([line, *details])), style.item, bulletText="•"))
    for evidence in route["evidence"]:
        attached = f" (bijlage: {evidence['attachment']['file_name']})" if evidence["attachment"] else ""
        line = f"{format_date(_day(evidence['on']))}: {evidence['description']}{attached}"
        if evidence["uuid"] in left_out:
            line += " [deels weggelaten]"
        found.append(Paragraph(text(line), style.item, bulletText="•"))
    return found
