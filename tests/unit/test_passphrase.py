"""What a passphrase must be, and the strength hint shown while it is typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.passphrase import MIN_LENGTH, Strength, check_passphrase, strength
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize("passphrase", ["", "a", "kort", "123456789", "x" * (MIN_LENGTH - 1), "één twee"])
def test_too_short_is_refused_with_a_dutch_message(passphrase: str) -> None:
    assert strength(passphrase) is Strength.TOO_SHORT
    with pytest.raises(InvalidInput) as caught:
        check_passphrase(passphrase)
    assert caught.value.message.startswith("Te kort")
    assert f"minstens {MIN_LENGTH} tekens" in caught.value.message


def test_long_enough_is_accepted_as_it_is() -> None:
    assert check_passphrase(PASSPHRASE) == PASSPHRASE
    assert check_passphrase("x" * MIN_LENGTH) == "x" * MIN_LENGTH  # weak, but the hint says so


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
    assert "Zwak" in Strength.WEAK.hint
    assert "Redelijk" in Strength.FAIR.hint


@given(st.text())
def test_strength_never_raises(passphrase: str) -> None:
    assert strength(passphrase) in set(Strength)


@given(st.text(min_size=MIN_LENGTH))
def test_adding_text_never_makes_it_too_short(passphrase: str) -> None:
    assert strength(passphrase) is not Strength.TOO_SHORT
    assert check_passphrase(passphrase) == passphrase
