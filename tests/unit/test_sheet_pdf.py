"""The preparation sheet as a real PDF, read back with pypdf: sections, footer, metadata, and any text typed."""

from __future__ import annotations

import dataclasses
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientsteun.domain.sheet import Answer, SheetData, SheetVariant
from clientsteun.reports.document import MISSING, fonts, text
from clientsteun.reports.sheet import WORDS, render_sheet
from tests.helpers.pdf import body, collapsed, metadata, pages
from tests.helpers.sheets import FIELDS, RESIDENT, full_sheet, sheet_of


def printed(data: SheetData, variant: SheetVariant) -> list[str]:
    """The texts of ``data`` that ``variant`` prints (the resident's variant leaves laws and numbers out)."""
    supporter = variant is SheetVariant.SUPPORTER
    meeting = data.meeting
    assert meeting is not None
    found = [data.title, data.resident, meeting.place, meeting.organisation, meeting.contact, meeting.kind]
    found += [*meeting.about, *data.questions]
    found += [part for c in data.companions for part in (c.role, c.name)]
    found += [part for a in (*data.wants, *data.not_working) for part in (a.question, a.text)]
    for route in data.tried:
        found += [route.title, route.kind, route.status, route.organisation]
        found += [route.reference, route.law] if supporter else []
        found += [part for step in route.steps for part in (step.what, step.result, step.state)]
    found += [part for reason in data.not_fitting for part in (reason.why, reason.route)]
    for entitlement in data.entitlements:
        found += [entitlement.kind, entitlement.law] if supporter else [entitlement.kind]
        found.append(entitlement.explanation if supporter else entitlement.resident_explanation)
    for deadline in data.deadlines:
        found += [deadline.name, deadline.route, deadline.state]
        found += [deadline.actor, deadline.law] if supporter else []
    found += [item.name if supporter else item.resident_text for item in data.bring]
    found += [step.what for step in data.next_steps]
    return found


def test_sheet_of_fills_every_field() -> None:
    sheet_of([f"tekst{number}" for number in range(FIELDS)])
    with pytest.raises(StopIteration):
        sheet_of([f"tekst{number}" for number in range(FIELDS - 1)])


@pytest.mark.parametrize("variant", list(SheetVariant))
def test_every_section_and_every_attempt_prints(variant: SheetVariant) -> None:
    data = full_sheet()
    pdf = render_sheet(data, variant=variant)
    found = collapsed(body(pdf))
    words = WORDS[variant]
    headings = [words.meeting, words.companions, words.wants, words.not_working, words.tried, words.not_fitting]
    headings += [words.questions, words.entitlements, words.deadlines, words.bring, words.agreements, words.next_steps]
    for heading in headings:
        assert heading in found
    for value in printed(data, variant):
        assert collapsed(value) in found, value
    for step in data.tried[0].steps:  # scenario 1: every attempt with its date
        day = step.on.strftime("%d-%m-%Y") if variant is SheetVariant.SUPPORTER else f"{step.on.day} "
        assert f"{day}" in found
    assert len(pages(pdf)) <= 2  # a typical resident fits on two pages


def test_empty_sections_are_left_out() -> None:
    data = SheetData(title="Voorbereiding gesprek", resident="Ida Veen", printed_on=date(2026, 1, 5), agreement_lines=0)
    found = body(render_sheet(data))
    words = WORDS[SheetVariant.RESIDENT]
    for heading in (words.meeting, words.tried, words.questions, words.bring, words.agreements, words.next_steps):
        assert heading not in found
    assert "Ida Veen" in found


def test_footer_date_and_metadata_without_the_name() -> None:
    pdf = render_sheet(full_sheet(), variant=SheetVariant.RESIDENT, large=True)
    texts = pages(pdf)
    assert len(texts) > 2  # large type takes more room
    for number, page in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in page
        assert "Vertrouwelijk" in page
        assert "Afgedrukt op 25 november 2026" in page
    info = metadata(pdf)
    assert info["/Title"] == "Voorbereiding gesprek"
    assert not any(part in value for value in info.values() for part in RESIDENT.split())


def test_invariant_output_is_byte_identical() -> None:
    first = render_sheet(full_sheet(), invariant=True)
    assert first == render_sheet(full_sheet(), invariant=True)


def test_markup_like_text_prints_as_typed() -> None:
    typed = ["<b>x", "a <unknown> b", "&amp; &lt;", "</para><para>", 'x="1" <br/>']
    data = dataclasses.replace(full_sheet(), questions=tuple(typed))
    found = body(render_sheet(data))
    for value in typed:
        assert value in found


def test_what_each_kind_of_character_prints_as() -> None:
    """Dutch and most scripts in DejaVu Sans, emoji in the fallback font, the rest as U+FFFD; never a box."""
    known = fonts()
    assert all(ord(char) in known.main for char in "éëïöüĳÉËÏÖÜĲ€ çñ ß øå שלום مرحبا Ωλ Жд ✓☂😀")
    assert all(ord(char) not in known.main and ord(char) in known.fallback for char in "👍🏠🚲🧑")
    assert text("fiets 🚲") == 'fiets <font face="SymbolaEmoji">🚲</font>'
    assert text("中文 🇳🇱") == f"{MISSING}{MISSING} {MISSING}{MISSING}"  # no bundled font has these
    assert text("a\u200bb") == "a\u200bb"  # an invisible character DejaVu has stays
    assert text("tab\tline\r\nnext\x00\x07") == "tab line<br/>next"
    data = dataclasses.replace(full_sheet(), questions=("fiets 🚲 中 ok",))
    assert f"fiets 🚲 {MISSING} ok" in body(render_sheet(data))


def test_a_very_long_answer_flows_over_pages() -> None:
    words = " ".join(f"woord{number}" for number in range(7000))  # about 50,000 characters
    unbroken = "x" * 50_000
    data = dataclasses.replace(full_sheet(), wants=(Answer(words, "Lang"),), questions=(unbroken,))
    pdf = render_sheet(data, variant=SheetVariant.SUPPORTER)
    found = collapsed(body(pdf))
    assert words in found
    assert found.replace(" ", "").count("x" * 1000) >= 49
    assert len(pages(pdf)) > 10


# -- fuzzing ----------------------------------------------------------------------------------------

LTR_LETTERS = string.ascii_letters + string.digits + "àáâäèéêëïíîóôöúûüçñĳÀÉËÏÖÜĲ€£ß"
MARKUP = st.sampled_from(["<b>x", "a <unknown> b", "&amp;", "</para>", "<br/>", "&", "<", ">", '"', "'", "&#65;"])
LTR_WORD = st.text(alphabet=LTR_LETTERS + string.punctuation, min_size=1, max_size=14) | MARKUP
LTR_TEXT = st.lists(LTR_WORD, max_size=12).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "  ", "\n", "\t", " \r\n "]), min_size=len(words), max_size=len(words)
    ).map(lambda gaps: "".join(word + gap for word, gap in zip(words, gaps, strict=True)))
)
RTL_OR_EMOJI = st.text(alphabet="שלוםעליכםאבגדה مرحباسلام 😀👍🏠🚲❤✓ ", max_size=30)
FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.lists(st.text(max_size=60), min_size=FIELDS, max_size=FIELDS), st.sampled_from(list(SheetVariant)))
def test_any_text_never_breaks_the_sheet(texts: list[str], variant: SheetVariant) -> None:
    pdf = render_sheet(sheet_of(texts), variant=variant, large=variant is SheetVariant.RESIDENT)
    texts_read = pages(pdf)
    assert all(f"pagina {number} van {len(texts_read)}" in page for number, page in enumerate(texts_read, start=1))


@FUZZ
@given(st.lists(LTR_TEXT, min_size=FIELDS, max_size=FIELDS), st.sampled_from(list(SheetVariant)))
def test_left_to_right_text_prints_exactly(texts: list[str], variant: SheetVariant) -> None:
    data = sheet_of(texts)
    found = collapsed(body(render_sheet(data, variant=variant)))
    for value in printed(data, variant):
        assert collapsed(value) in found, value


@FUZZ
@given(st.lists(RTL_OR_EMOJI, min_size=FIELDS, max_size=FIELDS))
def test_right_to_left_and_emoji_print_every_character(texts: list[str]) -> None:
    """Every character is printed; right-to-left text in typed order (pypdf reads it back reversed)."""
    data = sheet_of(texts)
    found = body(render_sheet(data, variant=SheetVariant.SUPPORTER))
    for value in printed(data, SheetVariant.SUPPORTER):
        assert set(value) - {" "} <= set(found), value
