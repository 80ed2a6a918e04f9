"""Composition root: the QApplication, translations, logging, the database, services, main window."""

from __future__ import annotations

import functools
import logging
import logging.handlers
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from clientsteun import paths
from clientsteun.domain.catalog import load_chosen_catalog
from clientsteun.domain.errors import ClientsteunError
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.services.safety import SafetyService
from clientsteun.settings import Settings
from clientsteun.ui.errors import install_exception_hook, user_message
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.safety.start import Opened, StartFlow, hold_until_checked
from clientsteun.ui.tasks import InlineExecutor, Tasks

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


def build_window(
    opened: Opened, settings: Settings | None = None, clock: Clock = datetime.now, tasks: Tasks | None = None
) -> MainWindow:
    """The main window over an unlocked database; what happened while opening goes into the audit log,
    failed unlock attempts first.  ``clock`` is the one clock of the services and the window; slow
    work runs on ``tasks`` (by default at once, on this thread)."""
    settings = settings or Settings()
    chosen = Path(settings.catalog_folder) if settings.catalog_folder else None
    try:
        catalog, problem = load_chosen_catalog(chosen, paths.catalog_dir())
        services = Services.create(
            opened.database, catalog, clock, lambda: settings.due_soon_days, lambda: settings.report_missing_days
        )
        SafetyService(opened.database.path, clock).record_opening(services.audit, opened.happened)
    except BaseException:
        opened.database.close()
        raise
    window = MainWindow(services, settings, tasks or Tasks(InlineExecutor()))
    if problem is not None:  # the coordinator's copy is broken: say so, and work with the built-in one
        log.warning("chosen catalog invalid: %s", problem.detail)
        QTimer.singleShot(0, functools.partial(show_catalog_problem, window, problem))
    return window


def show_catalog_problem(window: MainWindow, problem: ClientsteunError) -> None:
    QMessageBox.warning(
        window,
        QCoreApplication.translate("errors", "Catalogus niet gebruikt"),
        QCoreApplication.translate(
            "errors",
            "De gekozen catalogus kan niet worden gelezen. Clientsteun gebruikt de standaardcatalogus.\n\n{problem}",
        ).format(problem=user_message(problem)),
    )


def run(db_path: Path) -> int:
    app = make_application()
    setup_logging()
    log.info("start")
    try:
        settings = Settings()
        safety = SafetyService(db_path, second_folder=settings.second_backup_folder)  # restores from both
        safety.protect_files(paths.user_data_dir())  # also files made before the umask was set
        opened = StartFlow(safety).run()
        if opened is None:
            return 0
        window = build_window(opened, settings, tasks=Tasks(QThreadPool.globalInstance(), app))
    except ClientsteunError as error:
        log.warning("could not open database: %s %s", type(error).__name__, error.detail)
        QMessageBox.critical(
            None, QCoreApplication.translate("errors", "Clientsteun kan niet starten"), user_message(error)
        )
        return 1
    install_exception_hook(window)
    app.aboutToQuit.connect(window.shut_down)
    window.show()
    QTimer.singleShot(0, window.routes.show_week)  # after unlocking: what is overdue and due this week
    QTimer.singleShot(0, window.safety.start_backup)
    if opened.checked:
        QTimer.singleShot(0, window.offer_drafts)
    else:  # the window shows at once; editing (and the drafts) wait for the integrity check
        hold_until_checked(window, window.safety, then=window.offer_drafts)
    return app.exec()
