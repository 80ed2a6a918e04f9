""" "Correctie op verzoek van de inwoner": the box on every form that edits what a resident may dispute.

Ticked when saving, it leaves a dated note in the dossier that the record was corrected at the
resident's request, naming the fields that changed and never their old values (AVG art. 16).  The
record and its note are saved in one transaction (the services' ``at_request``): both or neither.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox

T = TypeVar("T")
R = TypeVar("R")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CorrectionBox", text)


def changed_fields(before: object | None, after: object, labels: Mapping[str, str]) -> list[str]:
    """The labels of the fields (attributes named in ``labels``) whose value differs, in that order."""
    if before is None:
        return list(labels.values())
    return [label for field, label in labels.items() if getattr(before, field) != getattr(after, field)]


def correction_what(record: str, fields: list[str]) -> str:
    """ "afspraak: wie het doet", what the note says was corrected."""
    return f"{record}: {', '.join(fields)}" if fields else record


class CorrectionBox(QCheckBox):
    """Hidden unless ``offered`` (a new record has nothing to correct); ``saving`` wraps a form's save."""

    def __init__(self, offered: bool) -> None:
        super().__init__(_tr("Correctie op verzoek van de inwoner"))
        self.setToolTip(_tr("Zet een gedateerde notitie in het dossier dat dit op verzoek is verbeterd"))
        self.offered = offered
        if not offered:
            self.hide()

    def saving(
        self, save: Callable[[T], R], correct: Callable[[T, str], R] | None, what: Callable[[T], str]
    ) -> Callable[[T], R]:
        """``save``, or, when ticked, ``correct``: the save that leaves the note saying ``what(value)`` was
        corrected in the same transaction (a refused save leaves no note)."""

        def save_or_correct(value: T) -> R:
            if self.offered and correct is not None and self.isChecked():
                return correct(value, what(value))
            return save(value)

        return save_or_correct
