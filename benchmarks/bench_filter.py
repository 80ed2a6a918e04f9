"""Filter as you type on the real residents list, against a Python list comprehension.

Each keystroke sets the filter text (as typing does, through ``textChanged``) and then processes
the pending events, so the figure includes filtering, the header's column sizing and the repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from clientsteun.domain.model import ClientSummary
from clientsteun.domain.text import fold
from clientsteun.services import Services
from clientsteun.ui.residents.list_panel import ClientListPanel

from measure import Outcome, median, settle, time_ms

LIMIT_MS = 50.0
NAME = "de vries"
MUNICIPALITY = "nieuwegein"


def keystrokes() -> list[str]:
    """Type a surname, clear the field in one go, then type a municipality."""
    typed = [NAME[:n] for n in range(1, len(NAME) + 1)]
    return [*typed, "", *(MUNICIPALITY[:n] for n in range(1, len(MUNICIPALITY) + 1))]


class PaintCounter(QObject):
    count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def folded_rows(rows: list[ClientSummary]) -> list[tuple[str, ClientSummary]]:
    """Each row with its folded filter text, made once, as the model does when rows are set."""
    return [(fold(f"{row.display_name}\n{row.name}\n{row.municipality}"), row) for row in rows]


def python_filter(folded: list[tuple[str, ClientSummary]], text: str) -> list[ClientSummary]:
    """The same match as the model: every word typed occurs in the folded text."""
    words = fold(text).split()
    return [row for key, row in folded if all(word in key for word in words)]


def run(app: QApplication, services: Services, passes: int) -> list[Outcome]:
    rows = services.clients.list_clients()
    folded = folded_rows(rows)
    panel = ClientListPanel(show_closed=True)  # every resident in the list, closed dossiers too
    panel.resize(520, 760)
    panel.show()
    panel.set_clients(rows)
    settle(app)
    painter = PaintCounter()
    panel.table.viewport().installEventFilter(painter)
    texts = keystrokes()

    def press(text: str) -> None:
        panel.filter_edit.setText(text)
        settle(app)

    per_key: dict[str, list[float]] = {text: [] for text in texts}
    shown: dict[str, int] = {}
    baseline: list[float] = []
    matched: dict[str, int] = {}
    changes = repaints = 0  # keystrokes that changed the rows shown, and those followed by a repaint
    for text in texts:  # warm-up pass
        press(text)
        python_filter(folded, text)
    for _ in range(passes):
        for text in texts:
            rows_before, paints_before = panel.model.rowCount(), painter.count
            per_key[text].append(time_ms(lambda text=text: press(text)))
            shown[text] = panel.model.rowCount()
            if shown[text] != rows_before:
                changes += 1
                repaints += painter.count > paints_before
            baseline.append(time_ms(lambda text=text: python_filter(folded, text)))
            matched[text] = len(python_filter(folded, text))
    panel.filter_edit.clear()
    panel.close()
    panel.deleteLater()
    settle(app)

    mismatches = [t for t in texts if shown[t] != matched[t]]
    all_times = [t for times in per_key.values() for t in times]
    worst_text, worst_times = max(per_key.items(), key=lambda item: median(item[1]))
    details = [
        f"{len(rows):,} rows; {len(texts)} keystrokes x {passes} passes after one warm-up pass; "
        f"the list was repainted within the timed keystroke for {repaints} of the {changes} keystrokes "
        "that changed the rows shown.",
        "per keystroke, median ms (rows shown): "
        + ", ".join(f"'{t}' {median(v):.1f} ({shown[t]:,})" for t, v in per_key.items()),
        f"median of all keystrokes {median(all_times):.1f} ms; slowest keystroke '{worst_text}' "
        f"median {median(worst_times):.1f} ms; single slowest sample {max(all_times):.1f} ms.",
    ]
    if mismatches:
        details.append(
            "WARNING: the list and the Python filter disagree for: " + ", ".join(repr(t) for t in mismatches)
        )
    return [
        Outcome(
            "Filter residents list, per keystroke",
            measured_ms=median(all_times),
            baseline_ms=median(baseline),
            limit_ms=LIMIT_MS,
            details=tuple(details),
        ),
        Outcome(
            "Filter residents list, slowest keystroke",
            measured_ms=median(worst_times),
            baseline_ms=max(median(baseline[i :: len(texts)]) for i in range(len(texts))),
            limit_ms=LIMIT_MS,
            measured_label="max",
        ),
    ]
