"""A process saving random records is killed with SIGKILL 25 times; every confirmed save survives each kill.

The harness is tests/e2e/save_driver.py; scripts/durability.py runs the same rounds 1,000 times
(docs/reliability.md has the figures).
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY
from tests.e2e.save_driver import DurabilityHarness, Effect, Save, judge, summary

KILLS = 25

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@pytest.mark.slow
def test_every_confirmed_save_survives_25_kills(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    started = time.perf_counter()
    harness = DurabilityHarness(tmp_path / "run", TEST_KEY, seed=seed, full_every=1)
    for _ in range(KILLS):
        harness.run_round()
    final = harness.final_check()
    report = "\n".join(
        [f"seed {seed}", *(r.line() for r in harness.rounds), *summary(harness.rounds, time.perf_counter() - started)]
    )
    print(report)  # per-round timing, shown with -s or when the test fails

    assert [r.number for r in harness.rounds if r.problems] == [], report
    assert final == [], report
    assert len(harness.rounds) == KILLS
    assert sum(r.confirmed for r in harness.rounds) >= KILLS, "too few saves to prove anything\n" + report
    assert (harness.rounds[-1].records or 0) > 0


def test_the_harness_notices_confirmed_saves_that_are_lost(tmp_path: Path) -> None:
    """Removing the write-ahead log after the kill loses the round's saves: the harness must say so."""
    harness = DurabilityHarness(tmp_path / "run", TEST_KEY, seed=1)

    def lose_the_wal(db: Path) -> None:
        for suffix in ("-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)

    # Killed early, before the log reaches SQLite's automatic checkpoint (1,000 pages): the
    # confirmed saves are in the log only.
    result = harness.run_round(kill=("ready", 0.15), after_kill=lose_the_wal)

    assert result.confirmed > 0
    assert any("confirmed but missing" in problem for problem in result.problems), result.problems
    assert result.wal_missing_reported  # and the app would have warned the user


def test_a_save_stored_in_part_is_reported() -> None:
    """A finished draft is a new conversation and a removed draft in one transaction: both or neither."""
    model = {("client", 5): (5, "c"), ("draft", 1): (5, "d")}
    finish = Save(
        7, "finish-draft", (Effect("conversation", None, 5, "n"), Effect("draft", 1, 5, None))
    )  # the save under way when the kill came

    neither = {("client", 5): 5, ("draft", 1): 5}
    both = {("client", 5): 5, ("conversation", 9): 5}
    part = {("client", 5): 5, ("draft", 1): 5, ("conversation", 9): 5}
    digests = {("client", 5): "c", ("draft", 1): "d", ("conversation", 9): "n"}

    assert judge(model, [], finish, neither, digests) == ([], model, False)
    stored = {("client", 5): (5, "c"), ("conversation", 9): (5, "n")}
    assert judge(model, [], finish, both, digests) == ([], stored, True)
    problems, _, _ = judge(model, [], finish, part, digests)
    assert len(problems) == 1 and "fits neither" in problems[0]
    # A confirmed save that is gone, or changed, is reported.
    edit = Save(6, "edit-client", (Effect("client", 5, 5, "c2"),))
    assert judge(model, [edit], None, neither, digests)[0] == ["client 5 holds other content than was confirmed"]
    assert judge(model, [], None, {("client", 5): 5}, digests)[0] == ["draft 1 confirmed but missing"]
