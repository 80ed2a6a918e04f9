"""What a passphrase must be, and the strength hint shown while it is typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.passphrase import MIN_LENGTH, Strength, check_passphrase, clean_passphrase, strength
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize("passphrase", ["", "a", "kort", "123456789", "x" * (MIN_LENGTH - 1), "één twee"])
def test_too_short_is_refused_with_a_dutch_message(passphrase: str) -> None:
    assert strength(passphrase) is Strength.TOO_SHORT
    with pytest.raises(InvalidInput) as caught:
        check_passphrase(passphrase)
    assert caught.value.message.startswith("Te kort")
    assert f"minstens {MIN_LENGTH} tekens" in caught.value.message


def test_a_passphrase_hard_enough_to_guess_is_accepted_as_it_is() -> None:
    assert check_passphrase(PASSPHRASE) == PASSPHRASE
    assert check_passphrase("paarse olifant") == "paarse olifant"  # fair: the hint says one word more


@pytest.mark.parametrize(
    "passphrase",
    [
        "wachtwoord", "Wachtwoord", "wachtwoord1", "1234567890", "0987654321", "aaaaaaaaaa", "abcabcabcabc",
        "qwertyuiop", "asdfghjkl;", "zxcvbnm123", "password123", "iloveyou12", "welkom2026!", "Welkom12345",
        "feyenoord1908", "ajaxamsterdam", "clientsteun1", "zomervakantie2026", "01-01-1990x", "xxxxxxxxxx",
    ],
)  # fmt: skip
def test_common_dutch_and_english_passwords_and_patterns_are_refused(passphrase: str) -> None:
    """Safety, round two, item 9: 'wachtwoord', '1234567890' and 'aaaaaaaaaa' were accepted."""
    assert strength(passphrase) is Strength.WEAK
    with pytest.raises(InvalidInput) as caught:
        check_passphrase(passphrase)
    assert caught.value.message.startswith("Te makkelijk te raden")


@pytest.mark.parametrize("passphrase", ["paarse olifant\tdanst", "paarse olifant\ndanst", "\x00paarse olifant danst"])
def test_control_characters_are_refused_in_a_new_passphrase(passphrase: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_passphrase(passphrase)
    assert "onzichtbaar teken" in caught.value.message


def test_a_byte_order_mark_and_a_trailing_line_break_are_not_part_of_the_passphrase() -> None:
    """Notepad saves UTF-8 with a BOM: the passphrase must be what the user typed (item 15)."""
    assert clean_passphrase("\ufeff" + PASSPHRASE + "\r\n") == PASSPHRASE
    assert clean_passphrase(PASSPHRASE + "\n") == PASSPHRASE
    assert clean_passphrase(" " + PASSPHRASE + " ") == " " + PASSPHRASE + " "  # spaces may be meant


@pytest.mark.parametrize(
    ("weaker", "stronger"),
    [
        ("kort", "aaaaaaaaaa"),
        ("aaaaaaaaaa", "paarse olifant"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "paarse olifant"),  # repeats count for little
        ("1234567890", PASSPHRASE),
        ("paarse olifant", PASSPHRASE),
        ("abcdefghij", "Tr0ub4dor&3xyz"),
    ],
)
def test_strength_orders_examples(weaker: str, stronger: str) -> None:
    assert strength(weaker) < strength(stronger)


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("abcdefghij", Strength.WEAK),
        ("wachtwoord1", Strength.WEAK),
        ("1234567890", Strength.WEAK),
        ("paarse olifant", Strength.FAIR),
        (PASSPHRASE, Strength.STRONG),
        ("Paarse olifant danst 3 keer traag!", Strength.STRONG),
    ],
)
def test_strength_of_examples(passphrase: str, expected: Strength) -> None:
    assert strength(passphrase) is expected


def test_every_strength_has_a_dutch_hint() -> None:
    hints = [level.hint for level in Strength]
    assert all(hints) and len(set(hints)) == len(hints)
    assert Strength.STRONG.hint == "Sterk."
    assert "makkelijk te raden" in Strength.WEAK.hint
    assert "Redelijk" in Strength.FAIR.hint


@given(st.text())
def test_strength_never_raises(passphrase: str) -> None:
    assert strength(passphrase) in set(Strength)


@given(st.text(min_size=MIN_LENGTH))
def test_a_long_enough_text_is_never_too_short_and_is_accepted_exactly_when_acceptable(passphrase: str) -> None:
    level = strength(passphrase)
    assert level is not Strength.TOO_SHORT
    if level.acceptable and not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in passphrase):
        assert check_passphrase(passphrase) == passphrase
    else:
        with pytest.raises(InvalidInput):
            check_passphrase(passphrase)
