"""The confirmation before a dossier is erased for good: what goes, and where the resident still is
(automatic backups until they age out, copies the app cannot reach), with the offer to rewrite the backups."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from clientsteun.domain.dates import format_date, format_long
from clientsteun.services.privacy import Copies
from clientsteun.ui.widgets.screen import fit_on_screen


def _tr(text: str) -> str:
    return QCoreApplication.translate("EraseDialog", text)


def copies_text(copies: Copies) -> str:
    """Where the resident still is outside the database, in plain Dutch, one paragraph per kind of copy."""
    parts = []
    held = copies.held
    if not held:
        parts.append(_tr("Geen van de automatische reservekopieën bevat deze inwoner."))
    else:
        dates = ", ".join(format_date(copy.made_at.date()) for copy in sorted(held, key=lambda c: c.made_at))
        if len(held) == 1:
            parts.append(_tr("Eén automatische reservekopie bevat deze inwoner nog (van {dates}).").format(dates=dates))
        else:
            parts.append(
                _tr("{count} automatische reservekopieën bevatten deze inwoner nog (van {dates}).").format(
                    count=len(held), dates=dates
                )
            )
        if copies.last_leaves_on is not None:
            parts.append(
                _tr(
                    "Als Clientsteun elke dag wordt gebruikt, is de laatste daarvan op {date} vanzelf verwijderd."
                ).format(date=format_long(copies.last_leaves_on))
            )
        else:
            parts.append(
                _tr(
                    "Er zit een kopie bij die Clientsteun nooit vanzelf verwijdert (zoals de kopie van vóór een "
                    "update): die blijft, tenzij u de reservekopieën herschrijft."
                )
            )
    if copies.unreadable:
        parts.append(
            _tr(
                "{count} reservekopieën konden niet worden geopend; of de inwoner daarin staat, is niet bekend."
            ).format(count=len(copies.unreadable))
        )
    reach = []
    if copies.second_unreachable:
        reach.append(_tr("de tweede map voor reservekopieën, die nu niet bereikbaar is"))
    if copies.manual_backups:
        days = ", ".join(format_date(moment.date()) for moment in copies.manual_backups)
        reach.append(
            _tr("reservekopieën die met de hand zijn gemaakt (op {days}); waar ze staan, weet Clientsteun niet").format(
                days=days
            )
        )
    if copies.aside:
        reach.append(
            _tr(
                "{count} eerdere databasebestanden naast de database, bewaard bij het terugzetten van een reservekopie"
            ).format(count=len(copies.aside))
        )
    if reach:
        parts.append(
            _tr("Kopieën die Clientsteun niet kan herschrijven, en die u zelf moet wissen of laten wissen:")
            + "\n• "
            + "\n• ".join(reach)
        )
    return "\n\n".join(parts)


class EraseDialog(QDialog):
    """Accepted with "Wissen…"; ``rewrite_backups`` says whether the backups are to be rewritten too."""

    def __init__(self, display_name: str, copies: Copies, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dossier wissen"))
        intro = QLabel(
            self.tr(
                "Het dossier van {name} wordt voorgoed gewist: de gegevens, het netwerk, de hulpvragen, gesprekken "
                "en concepten, afspraken, routes met bewijsstukken en bestanden, en signalen. Ook de zoekindex "
                "en de vrijgekomen ruimte in het bestand worden overschreven. Dit kan niet ongedaan worden gemaakt.\n\n"
                "Wilt u het dossier alleen afsluiten? Kies dan Annuleren en daarna ‘Dossier sluiten’."
            ).format(name=display_name)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        intro.setWordWrap(True)
        self.copies_label = QLabel(copies_text(copies))
        self.copies_label.setObjectName("erasureCopies")
        self.copies_label.setTextFormat(Qt.TextFormat.PlainText)
        self.copies_label.setWordWrap(True)
        self.rewrite = QCheckBox(
            self.tr("Ook alle reservekopieën in de map ‘backups’ herschrijven zonder deze inwoner")
        )
        self.held = bool(copies.held)
        self.rewrite.setChecked(self.held)
        self.rewrite.setVisible(self.held)
        buttons = QDialogButtonBox()
        self.erase_button = buttons.addButton(self.tr("Wissen…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.erase_button.setAutoDefault(False)  # Enter by mistake does not erase
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.copies_label)
        layout.addWidget(self.rewrite)
        layout.addWidget(buttons)
        fit_on_screen(self, 560, self.sizeHint().height())

    @property
    def rewrite_backups(self) -> bool:
        return self.held and self.rewrite.isChecked()
