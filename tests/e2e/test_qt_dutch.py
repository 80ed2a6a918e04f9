"""Qt's own buttons speak Dutch: the start loads Qt's Dutch catalogue (qtbase_nl, shipped with PySide6),
so the standard buttons of every dialog read as the rest of the app (the retention worklist's "Sluiten")."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from clientsteun.ui.privacy.retention import RetentionDialog

Button = QDialogButtonBox.StandardButton


def test_the_standard_buttons_are_dutch(qtbot: QtBot, dutch_app: QApplication) -> None:
    del dutch_app  # the application as the real start makes it
    retention = RetentionDialog()
    qtbot.addWidget(retention)
    (buttons,) = retention.findChildren(QDialogButtonBox)
    assert buttons.button(Button.Close).text() == "Sluiten"
    box = QDialogButtonBox(Button.Cancel | Button.Yes | Button.No | Button.Save | Button.Close)
    qtbot.addWidget(box)
    texts = {box.button(which).text().replace("&", "") for which in (Button.Cancel, Button.Yes, Button.No)}
    assert texts == {"Annuleren", "Ja", "Nee"}
    assert box.button(Button.Save).text() == "Opslaan" and box.button(Button.Close).text() == "Sluiten"
