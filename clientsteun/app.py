"""Composition root: the QApplication, translations, logging, the database, services, main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from clientsteun import paths
from clientsteun.domain.catalog import load_catalog
from clientsteun.domain.errors import ClientsteunError
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.database import open_database
from clientsteun.ui.errors import install_exception_hook, user_message
from clientsteun.ui.main_window import MainWindow

log = logging.getLogger("clientsteun")


def make_application(argv: list[str] | None = None) -> QApplication:
    """A QApplication that speaks Dutch, also in Qt's own buttons and dialogs."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Clientsteun")
    app.setOrganizationName("Clientsteun")
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    install_translations(app)
    return app


def install_translations(app: QCoreApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_nl",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    own = QTranslator(app)  # translations of our own texts, when a .qm exists for the locale
    if own.load(QLocale(), "clientsteun", "_", str(paths.resources_dir() / "translations")):
        app.installTranslator(own)


def setup_logging() -> None:
    """A rotating log in the user folder.  Logs name types and ids, never names or note text."""
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "clientsteun.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def build_window(db_path: Path, settings: Settings | None = None) -> MainWindow:
    """Open the database and build the main window; raises ClientsteunError with a Dutch message."""
    database = open_database(db_path, exclusive=True)
    try:
        services = Services.create(database, load_catalog(paths.catalog_dir()))
    except BaseException:
        database.close()
        raise
    return MainWindow(services, settings or Settings())


def run(db_path: Path) -> int:
    app = make_application()
    setup_logging()
    log.info("start")
    try:
        window = build_window(db_path)
    except ClientsteunError as error:
        log.warning("could not open database: %s %s", type(error).__name__, error.detail)
        QMessageBox.critical(
            None, QCoreApplication.translate("errors", "Clientsteun kan niet starten"), user_message(error)
        )
        return 1
    install_exception_hook(window)
    app.aboutToQuit.connect(window.services.close)
    window.show()
    QTimer.singleShot(0, window.offer_drafts)
    return app.exec()
