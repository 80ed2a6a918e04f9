"""The agenda as an iCalendar file: read back line by line, as a calendar program would."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from clientsteun.domain.agenda import AgendaItem, AgendaKind, AgendaResident
from clientsteun.domain.deadlines import DeadlineState
from clientsteun.domain.ics import agenda_ics, escape, fold
from clientsteun.domain.model import AgreementInput, ClientInput, NetworkMember
from clientsteun.domain.routes import Actor
from clientsteun.services import Services

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=timezone(timedelta(hours=1)))  # Dutch winter time
FATIMA = AgendaResident(7, "Fatima el Amrani", "Utrecht")
BRAM = AgendaResident(12, "Bram", "Zwolle")


def deadline(**changes: object) -> AgendaItem:
    item = AgendaItem(
        on=date(2026, 12, 31),
        kind=AgendaKind.DEADLINE,
        resident=FATIMA,
        what="Besluit op de aanvraag",
        state=DeadlineState.UPCOMING,
        actor=Actor.AUTHORITY,
        route_id=3,
        route_title="Bijzondere bijstand wasmachine",
        law="Awb art. 4:13 en 4:14",
        uid="deadline-3-decision_8_weeks",
    )
    return replace(item, **changes)  # type: ignore[arg-type]


def hearing() -> AgendaItem:
    return AgendaItem(
        on=date(2026, 12, 2),
        kind=AgendaKind.MEETING,
        resident=BRAM,
        what="Hoorzitting",
        state=DeadlineState.DUE_SOON,
        route_id=4,
        route_title="Bezwaar tegen de weigering",
        uid="step-40",
    )


def agreement() -> AgendaItem:
    return AgendaItem(
        on=date(2026, 11, 20),
        kind=AgendaKind.AGREEMENT,
        resident=BRAM,
        what="Uittreksel BRP ophalen",
        state=DeadlineState.PASSED,
        who="Cliëntondersteuner",
        uid="agreement-9",
    )


# -- reading the file back -----------------------------------------------------------------------------


def physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert re.search(r"(?<!\r)\n", text) is None, "a line break without CR"
    assert re.search(r"\r(?!\n)", text) is None, "a CR without a line feed"
    return text[: -len("\r\n")].split("\r\n")


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").replace("\r\n\t", "")[: -len("\r\n")].split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_line(line: str) -> tuple[str, str]:
    """Name (with its parameters) and value: the first colon not inside a quoted parameter."""
    name, _, value = line.partition(":")
    return name, value


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            name, value = split_line(line)
            assert name not in current, f"{name} twice in one event"
            current[name] = unescape(value)
    return found


def calendar_properties(text: str) -> dict[str, str]:
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    end_of_header = lines.index("BEGIN:VEVENT") if "BEGIN:VEVENT" in lines else len(lines) - 1
    return dict(split_line(line) for line in lines[1:end_of_header])


# -- the calendar ------------------------------------------------------------------------------------


def test_calendar_has_version_prodid_and_calscale_and_crlf_line_ends() -> None:
    text = agenda_ics([deadline(), hearing(), agreement()], NOW)
    physical_lines(text)  # CRLF everywhere, nothing else
    properties = calendar_properties(text)
    assert properties["VERSION"] == "2.0"
    assert properties["PRODID"].startswith("-//Clientsteun//")
    assert properties["CALSCALE"] == "GREGORIAN"
    assert len(events(text)) == 3
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 3


def test_an_empty_agenda_is_a_calendar_without_events() -> None:
    text = agenda_ics([], NOW)
    assert unfold(text)[0] == "BEGIN:VCALENDAR"
    assert unfold(text)[-1] == "END:VCALENDAR"
    assert events(text) == []


def test_every_item_is_an_all_day_event_ending_the_next_day() -> None:
    event = events(agenda_ics([deadline()], NOW))[0]
    assert event["DTSTART;VALUE=DATE"] == "20261231"
    assert event["DTEND;VALUE=DATE"] == "20270101"  # over the year's end
    assert "DTSTART" not in event
    assert event["TRANSP"] == "TRANSPARENT"


def test_dtstamp_is_the_moment_of_export_in_utc() -> None:
    event = events(agenda_ics([deadline()], NOW))[0]
    assert event["DTSTAMP"] == "20261123T093000Z"
    utc = events(agenda_ics([deadline()], datetime(2026, 6, 1, 0, 5, 9, tzinfo=UTC)))[0]
    assert utc["DTSTAMP"] == "20260601T000509Z"


def test_uids_are_the_items_own_and_do_not_change_between_exports() -> None:
    items = [deadline(), hearing(), agreement()]
    first = [event["UID"] for event in events(agenda_ics(items, NOW))]
    later = [event["UID"] for event in events(agenda_ics(items, NOW + timedelta(days=3), with_names=False))]
    assert first == ["deadline-3-decision_8_weeks@clientsteun", "step-40@clientsteun", "agreement-9@clientsteun"]
    assert later == first


def test_an_item_without_uid_gets_a_stable_one_of_its_own() -> None:
    first = deadline(uid="")
    other = deadline(uid="", what="Besluit op het bezwaar")
    uids = [events(agenda_ics([item], NOW))[0]["UID"] for item in (first, first, other)]
    assert uids[0] == uids[1]
    assert uids[0] != uids[2]
    assert uids[0].endswith("@clientsteun")


# -- what the events say ---------------------------------------------------------------------------


def test_summaries_name_the_kind_what_and_the_resident() -> None:
    summaries = [event["SUMMARY"] for event in events(agenda_ics([deadline(), hearing(), agreement()], NOW))]
    assert summaries == [
        "Termijn: Besluit op de aanvraag — Fatima el Amrani",
        "Gepland: Hoorzitting — Bram",
        "Afspraak: Uittreksel BRP ophalen — Bram",
    ]


def test_description_says_route_who_must_act_law_and_advice() -> None:
    late = deadline(
        actor=Actor.RESIDENT,
        state=DeadlineState.PASSED,
        advice="De bezwaartermijn is voorbij.",
        law="Awb art. 6:7 en 6:8",
    )
    authority, resident, meeting, done_by = (
        event["DESCRIPTION"] for event in events(agenda_ics([deadline(), late, hearing(), agreement()], NOW))
    )
    assert authority.split("\n") == [
        "Route: Bijzondere bijstand wasmachine",
        "De instantie moet handelen",
        "Wet: Awb art. 4:13 en 4:14",
    ]
    assert resident.split("\n") == [
        "Route: Bijzondere bijstand wasmachine",
        "De inwoner moet handelen",
        "Wet: Awb art. 6:7 en 6:8",
        "Advies: De bezwaartermijn is voorbij.",
    ]
    assert meeting == "Route: Bezwaar tegen de weigering"
    assert done_by == "Wie: Cliëntondersteuner"


# -- escaping and folding -----------------------------------------------------------------------------


def test_commas_semicolons_backslashes_and_line_breaks_are_escaped() -> None:
    tricky = "Huur, gas; licht\\water\nen de rest\r\nklaar"
    assert escape(tricky) == "Huur\\, gas\\; licht\\\\water\\nen de rest\\nklaar"
    text = agenda_ics([deadline(what=tricky, route_title="a;b,c")], NOW)
    raw = next(line for line in unfold(text) if line.startswith("SUMMARY:"))
    assert raw == "SUMMARY:Termijn: Huur\\, gas\\; licht\\\\water\\nen de rest\\nklaar — Fatima el Amrani"
    event = events(text)[0]
    assert event["SUMMARY"] == "Termijn: Huur, gas; licht\\water\nen de rest\nklaar — Fatima el Amrani"
    assert event["DESCRIPTION"].startswith("Route: a;b,c\n")


@pytest.mark.parametrize("lead", range(4))
def test_long_lines_fold_at_75_octets_without_splitting_a_character(lead: int) -> None:
    """Multi-byte characters (2, 3 and 4 octets) land on the fold at every offset."""
    advice = "x" * lead + "é€😀ë—" * 30 + " Awb art. 4:17, ingebrekestelling; dwangsom."
    item = deadline(state=DeadlineState.PASSED, advice=advice, what="Beslissing — “spoed” " * 5)
    text = agenda_ics([item], NOW)
    raw = text.encode("utf-8")
    for line in raw[: -len(b"\r\n")].split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a whole line is valid UTF-8: no character was cut in two
    folded = [line for line in physical_lines(text) if line.startswith(" ")]
    assert folded, "nothing was folded"
    event = events(text)[0]
    assert event["DESCRIPTION"].endswith("Advies: " + advice)
    assert event["SUMMARY"] == f"Termijn: {'Beslissing — “spoed” ' * 5} — Fatima el Amrani"


def test_fold_keeps_short_lines_and_fills_long_ones() -> None:
    assert fold("SUMMARY:kort") == "SUMMARY:kort"
    exactly = "X" * 75
    assert fold(exactly) == exactly
    folded = fold("X" * 76)
    assert folded == "X" * 75 + "\r\n X"
    pieces = fold("Y" * 200).split("\r\n")
    assert [len(piece.encode()) for piece in pieces] == [75, 75, 52]  # 75, a space and 74, a space and 51


# -- names ----------------------------------------------------------------------------------------------


def test_without_names_the_resident_is_a_number_everywhere() -> None:
    item = deadline(route_title="Urgentie voor Fatima el Amrani", what="Brief van FATIMA EL AMRANI")
    text = agenda_ics([item, hearing(), agreement()], NOW, with_names=False)
    unfolded = "\n".join(unfold(text))
    for name in ("Fatima", "Bram"):
        assert name.casefold() not in unfolded.casefold()
    first, second, third = events(text)
    assert first["SUMMARY"] == "Termijn: Brief van inwoner 7 — inwoner 7"
    assert first["DESCRIPTION"].startswith("Route: Urgentie voor inwoner 7\n")
    assert second["SUMMARY"] == "Gepland: Hoorzitting — inwoner 12"
    assert third["SUMMARY"] == "Afspraak: Uittreksel BRP ophalen — inwoner 12"


def test_with_names_is_the_default_and_keeps_them() -> None:
    text = agenda_ics([deadline()], NOW)
    assert "Fatima el Amrani" in "".join(unfold(text))


def test_the_same_items_give_the_same_file() -> None:
    items = [deadline(), hearing(), agreement()]
    assert agenda_ics(items, NOW) == agenda_ics(list(items), NOW)


def test_without_names_no_part_of_any_name_of_a_resident_or_their_network_is_left() -> None:
    """Safety, round two, item 7: only the alias was removed, as a substring; a surname alone, a network
    member in an agreement's text and the 'Wie:' field went out unchanged."""
    sanne = AgendaResident(
        21, "Sanne", "Zeist", own_names=("Sanne van Dijk", "Sanne"), network=("Kees Bos", "Oma Hendrika")
    )
    items = [
        deadline(resident=sanne, route_title="Urgentie Van Dijk", what="Brief over mevrouw van dijk"),
        replace(agreement(), resident=sanne, what="Kees belt de woningcorporatie", who="Kees Bos"),
        replace(agreement(), resident=sanne, what="Met Bos naar de Bosweg, bosbessen voor oma Hendrika", who="Sanne"),
        replace(agreement(), resident=BRAM, what="Vraag Sanne of Bram meekomt", who="Hendrika"),
    ]
    text = agenda_ics(items, NOW, with_names=False)
    words = {word.casefold() for word in re.findall(r"\w+", "\n".join(unfold(text)))}
    for name_part in ("Sanne", "Dijk", "Kees", "Bos", "Hendrika", "Bram"):
        assert name_part.casefold() not in words, name_part
    first, second, third, fourth = events(text)
    assert first["SUMMARY"] == "Termijn: Brief over mevrouw van inwoner 21 — inwoner 21"  # "van" can be a word
    assert first["DESCRIPTION"].startswith("Route: Urgentie Van inwoner 21\n")
    assert second["SUMMARY"] == "Afspraak: [naam] belt de woningcorporatie — inwoner 21"
    assert second["DESCRIPTION"] == "Wie: [naam]"
    # A name inside another word is not a name: the street and the berries stay.
    assert third["SUMMARY"] == "Afspraak: Met [naam] naar de Bosweg, bosbessen voor [naam] — inwoner 21"
    assert third["DESCRIPTION"] == "Wie: inwoner 21"
    # Another resident's name in this resident's agreement goes too.
    assert fourth["SUMMARY"] == "Afspraak: Vraag [naam] of inwoner 12 meekomt — inwoner 12"


def test_the_agenda_service_leaves_out_network_names_in_an_export_without_names(
    services: Services, tmp_path: Path
) -> None:
    details = ClientInput(
        "Yara Verzonnen", alias="Yara", municipality="Zeist", network=(NetworkMember("Kees Bosmans", "buurman"),)
    )
    client = services.clients.create_client(details)
    services.agreements.save_agreement(
        None, AgreementInput(client.id, "Kees Bosmans brengt Yara naar de gemeente", "Kees", date(2026, 12, 1))
    )
    target = tmp_path / "agenda.ics"
    services.agenda.export_ics(target, services.agenda.agenda(), with_names=False)
    text = target.read_bytes().decode("utf-8")
    words = {word.casefold() for word in re.findall(r"\w+", "\n".join(unfold(text)))}
    assert not words & {"yara", "verzonnen", "kees", "bosmans"}
    (event,) = events(text)
    assert event["SUMMARY"] == f"Afspraak: [naam] brengt inwoner {client.id} naar de gemeente — inwoner {client.id}"


def test_an_item_dated_outside_1900_to_2200_is_left_out_and_the_rest_written(
    services: Services, tmp_path: Path
) -> None:
    """Stored before dates were limited, 31-12-9999 broke every export (no day after it)."""
    far = [deadline(on=date(9999, 12, 31), uid="far"), deadline(on=date(1, 1, 1), uid="early")]
    text = agenda_ics([*far, hearing()], NOW)
    assert [event["UID"] for event in events(text)] == ["step-40@clientsteun"]
    target = tmp_path / "agenda.ics"
    assert services.agenda.export_ics(target, [*far, hearing()], with_names=True) == 1
    assert len(events(target.read_bytes().decode("utf-8"))) == 1
    assert services.audit.entries()[-1].detail == "agenda .ics, 1 punt, met namen, 2 weggelaten"
