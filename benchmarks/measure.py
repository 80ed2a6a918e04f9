"""Timing helpers and the results table shared by all benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

SETTLE_ROUNDS = 3


class EventLoop(Protocol):
    def processEvents(self) -> None: ...


def settle(app: EventLoop) -> None:
    """Process pending events until a change is on screen.

    One round is not enough: an item view lays out on a zero-timer and only then posts the
    repaint, which the next round paints.  Rounds with nothing to do cost microseconds.
    """
    for _ in range(SETTLE_ROUNDS):
        app.processEvents()


def time_ms(action: Callable[[], object]) -> float:
    """Wall-clock milliseconds of one call, measured with ``time.perf_counter``."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def repeat_ms(action: Callable[[], object], repeats: int, *, before: Callable[[], object] | None = None) -> list[float]:
    """Warm up once, then time ``repeats`` calls; ``before`` runs untimed ahead of every call."""
    if before is not None:
        before()
    action()  # warm-up: first-use costs (caches, lazy imports) are not what we measure
    timings = []
    for _ in range(repeats):
        if before is not None:
            before()
        timings.append(time_ms(action))
    return timings


def alternate_ms(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> tuple[list[float], list[float]]:
    """Warm both up, then time them in turns, so that a burst of other work on a shared machine
    falls on a figure and its baseline alike."""
    first()
    second()
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        timings[0].append(time_ms(first))
        timings[1].append(time_ms(second))
    return timings


@dataclass(frozen=True)
class Outcome:
    """One line of the results table: a figure, its baseline from the same run, and the target."""

    benchmark: str
    measured_ms: float
    baseline_ms: float
    limit_ms: float | None = None  # the figure must stay below this
    max_ratio: float | None = None  # measured / baseline must stay at or below this
    measured_label: str = "median"
    details: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float:
        return self.measured_ms / self.baseline_ms if self.baseline_ms > 0 else float("inf")

    @property
    def misses(self) -> tuple[str, ...]:
        problems = []
        if self.limit_ms is not None and self.measured_ms >= self.limit_ms:
            problems.append(f"{self.measured_ms:.0f} ms is not under {self.limit_ms:.0f} ms")
        if self.max_ratio is not None and self.ratio > self.max_ratio:
            problems.append(f"ratio {self.ratio:.2f}x is above {self.max_ratio:g}x")
        return tuple(problems)

    @property
    def passed(self) -> bool:
        return not self.misses

    @property
    def target(self) -> str:
        parts = []
        if self.limit_ms is not None:
            parts.append(f"< {self.limit_ms:.0f} ms")
        if self.max_ratio is not None:
            parts.append(f"<= {self.max_ratio:g}x")
        return ", ".join(parts) or "-"


def timed(
    benchmark: str, measured: Sequence[float], baseline: Sequence[float], details: Sequence[str], *,
    limit_ms: float | None = None, max_ratio: float | None = None,
) -> Outcome:  # fmt: skip
    """The outcome of two series of timings from the same run, by their medians."""
    return Outcome(benchmark, median(measured), median(baseline), limit_ms, max_ratio, details=tuple(details))


def print_outcomes(outcomes: Sequence[Outcome]) -> None:
    """Each figure's verdict and details, as the run goes."""
    for outcome in outcomes:
        print(f"\n{outcome.benchmark}: {'PASS' if outcome.passed else 'MISS ' + '; '.join(outcome.misses)}")
        for line in outcome.details:
            print("  " + line)


def format_ms(value: float) -> str:
    if value < 1:
        return f"{value:.2f} ms"
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


def results_table(outcomes: Sequence[Outcome]) -> str:
    """A plain-text table; the same rows go into docs/benchmarks.md as Markdown."""
    header = ("Benchmark", "Measured", "Baseline", "Ratio", "Target", "Result")
    rows = [
        (
            o.benchmark,
            f"{format_ms(o.measured_ms)} ({o.measured_label})",
            format_ms(o.baseline_ms),
            f"{o.ratio:.2f}x",
            o.target,
            "PASS" if o.passed else "MISS",
        )
        for o in outcomes
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {1, 2, 3}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def markdown_table(outcomes: Sequence[Outcome]) -> str:
    lines = [
        "| Benchmark | Measured | Baseline | Ratio | Target | Result |",
        "|---|---:|---:|---:|---|---|",
    ]
    for o in outcomes:
        lines.append(
            f"| {o.benchmark} | {format_ms(o.measured_ms)} ({o.measured_label}) | {format_ms(o.baseline_ms)} "
            f"| {o.ratio:.2f}x | {o.target} | {'PASS' if o.passed else 'MISS'} |"
        )
    return "\n".join(lines)
