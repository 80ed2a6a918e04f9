"""The demo the screenshots are taken of: an encrypted demo database, the main window over it, and
the means to wait for the screen to settle and photograph it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clientsteun.demo import fill_demo
from clientsteun.domain.catalog import Catalog
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.vault import Vault
from clientsteun.ui.main_window import MainWindow

DOCS = Path(__file__).resolve().parents[2] / "docs"
# The demo database is encrypted like a real one; its passphrase only has to open fictional data.
PASSPHRASE = "schermafbeeldingen van verzonnen gegevens"
RESIDENTS = 60


def settle(ms: int = 400) -> None:
    """Let Qt paint (and the tasks finish) for ``ms``."""
    loop = QEventLoop()  # not app.quit(): since Qt 6 that closes every window
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def demo_services(folder: Path, catalog: Catalog, seed: int, ended: date | None = None) -> Services:
    """A new encrypted database in ``folder`` filled with the demo of ``seed`` as it stood on ``ended``
    (today by default), opened as the app opens it."""
    folder.mkdir(parents=True, exist_ok=True)
    vault = Vault.at(folder / "demo.db")
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False)
    database = vault.open(key, create=True)  # exclusive, as the app holds it
    fill_demo(database, catalog, clients=RESIDENTS, seed=seed, today=ended or date.today())
    return Services.create(database, catalog)


@dataclass
class Stage:
    """The app on the screen: ``window`` over ``services``; files go to ``folder``."""

    app: QApplication
    services: Services
    settings: Settings
    window: MainWindow
    folder: Path

    @classmethod
    def open(cls, app: QApplication, folder: Path, catalog: Catalog, seed: int, ended: date | None = None) -> Stage:
        """The main window over a new demo (see ``demo_services``), on the whole screen."""
        services = demo_services(folder, catalog, seed, ended)
        settings = Settings(folder / "settings.ini")
        window = MainWindow(services, settings)
        window.show()
        window.setGeometry(app.primaryScreen().availableGeometry())  # the whole laptop screen, as a user has it
        return cls(app, services, settings, window, folder)

    def grab(self, name: str, widget: QWidget | None = None) -> None:
        """Save the whole screen, or only ``widget`` (with its frame drawn by Qt), as docs/``name``."""
        settle()
        picture = self.app.primaryScreen().grabWindow(0) if widget is None else widget.grab()
        picture.save(str(DOCS / name))
        print("wrote", DOCS / name)

    def show_at(self, widget: QWidget, x: int, y: int) -> None:
        """Show a dialog without blocking, at a place where the main window is seen behind it."""
        widget.move(x, y)
        widget.show()

    def close(self) -> None:
        self.window.close()
        self.services.close()
