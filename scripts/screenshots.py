"""Take the screenshots in docs/ from the real app on a virtual screen.

Run:  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py
(1366×768: the screen of most laptops supporters get; every window must fit it whole.)
It makes a demo database in a temporary folder, so no real data can end up in a picture.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clientsteun import paths
from clientsteun.app import make_application
from clientsteun.demo import fill_demo
from clientsteun.domain.catalog import load_catalog
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.vault import Vault
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.agenda import AgendaDialog
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.safety.audit_log import AuditLogDialog
from clientsteun.ui.safety.unlock import NewPassphraseDialog, UnlockDialog

DOCS = Path(__file__).resolve().parent.parent / "docs"
# The demo database is encrypted like a real one; its passphrase only has to open fictional data.
PASSPHRASE = "schermafbeeldingen van verzonnen gegevens"


def settle(ms: int = 400) -> None:
    loop = QEventLoop()  # not app.quit(): since Qt 6 that closes every window
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(app: QApplication, name: str, widget: QWidget | None = None) -> None:
    settle()
    screen = app.primaryScreen()
    picture = screen.grabWindow(0) if widget is None else widget.grab()
    picture.save(str(DOCS / name))
    print("wrote", DOCS / name)


def main() -> int:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" or not os.environ.get("DISPLAY"):
        print("Run this under Xvfb (see the docstring): it photographs a real screen.", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="clientsteun-shots-"))
    os.environ[paths.DATA_ENV] = str(folder)
    app = make_application()
    catalog = load_catalog(paths.catalog_dir())
    vault = Vault.at(folder / "demo.db")
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False)
    database = vault.open(key, create=True)  # exclusive, as the app holds it
    fill_demo(database, catalog, clients=60, seed=7, today=date.today())
    services = Services.create(database, catalog)
    window = MainWindow(services, Settings(folder / "settings.ini"))
    window.show()
    window.setGeometry(app.primaryScreen().availableGeometry())  # the whole laptop screen, as a user has it
    busy = max(services.clients.list_clients(), key=lambda c: (c.overdue_agreements, c.open_agreements))
    window.client_list.select_client(busy.id)
    grab(app, "main-window.png")

    window.dossier.tabs.setCurrentIndex(2)
    grab(app, "dossier-agreements.png")

    window.raise_()
    window.activateWindow()  # by keyboard: Tab from the agreements list to its buttons
    settle()
    window.dossier.agreements_tab.view.selectRow(0)
    window.dossier.agreements_tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    for _ in range(2):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.isActiveWindow(), "no keyboard focus is drawn in a window that is not active"
    grab(app, "keyboard-focus.png")

    route = next(
        view
        for summary in services.clients.list_clients()
        for view in services.routes.list_routes(summary.id)
        if view.progress.last_decision and view.open_deadlines and view.route.data.kind != "other"
    )  # a refusal whose clock still runs (or has run out) shows what the window is for
    window.client_list.select_client(route.route.client_id)
    window.dossier.tabs.setCurrentIndex(3)
    grab(app, "dossier-routes.png")
    route_window = RouteWindow(services, services.clock, route.route.id, window)
    route_window.move(90, 25)
    route_window.show()
    grab(app, "route-window.png", route_window)
    route_window.close()
    window.dossier.tabs.setCurrentIndex(0)
    window.client_list.select_client(busy.id)

    agenda = AgendaDialog(services, date.today, DUE_SOON_DAYS, window)
    agenda.move(90, 60)
    agenda.show()
    grab(app, "agenda.png", agenda)
    agenda.close()

    dossier = services.clients.get_dossier(busy.id)
    window.conversations.open_conversation(dossier.conversations[0].id, ("huurachterstand",))
    assert window.editor is not None
    window.editor.move(300, 40)
    grab(app, "conversation.png")
    window.editor.dirty = False
    window.editor.reject()

    dialog = window.conversations.open_search("huurachterstand woningcorporatie")
    dialog.move(200, 120)
    grab(app, "search.png")
    dialog.close()

    def photograph_the_lock() -> None:
        unlock = QApplication.activeModalWidget()
        assert isinstance(unlock, UnlockDialog)
        unlock.move(440, 300)
        grab(app, "locked.png")
        unlock.passphrase.setText(PASSPHRASE)
        unlock.unlock_button.click()

    QTimer.singleShot(800, photograph_the_lock)
    window.safety.lock()
    settle(2000)

    window.safety.backup_to_file(target=str(folder / "kopie.db"))
    services.audit.export_csv(folder / "logboek.csv")
    log = AuditLogDialog(services.audit, window)
    log.move(190, 140)
    log.show()
    grab(app, "audit-log.png", log)
    log.close()

    first = NewPassphraseDialog(
        "Welkom bij Clientsteun",
        "Clientsteun bewaart alle gegevens versleuteld op deze laptop. Kies een wachtwoord dat alleen u kent.",
        offer_recovery=True,
    )
    first.first.setText("paarse olifant")
    first.show()
    grab(app, "first-start.png", first)
    first.close()
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
