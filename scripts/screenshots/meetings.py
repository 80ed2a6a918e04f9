"""A meeting ahead: the guided preparation beside the dossier, and Samen-modus on the whole screen."""

from __future__ import annotations

from datetime import date

from clientsteun.domain.meetings import Meeting
from clientsteun.ui.dossier.panel import MEETINGS
from clientsteun.ui.meetings.pages import AlternativesPage
from clientsteun.ui.meetings.preparation import PreparationDialog, PreparationPanel

from .stage import Stage, settle


def prepared_meeting(stage: Stage) -> Meeting:
    """The first meeting ahead that the demo prepared (a kitchen-table conversation, scenario 3)."""
    meetings = stage.services.meetings
    return next(
        meeting
        for summary in stage.services.clients.list_clients()
        for meeting in meetings.list_meetings(summary.id)
        if not meeting.held and meetings.get_preparation(summary.id, meeting.id) is not None
    )


def take(stage: Stage) -> None:
    window, services = stage.window, stage.services
    meeting = prepared_meeting(stage)
    window.client_list.select_client(meeting.data.client_id)
    window.dossier.tabs.setCurrentIndex(MEETINGS)
    window.dossier.meetings_tab.select(meeting.id)

    panel = PreparationPanel(services, meeting, stage.settings.autosave_delay_ms, date.today)
    dialog = PreparationDialog(panel, window)
    dialog.show()
    # why the usual ways do not fit: the resident's own words, how easily they read, "Op het blad"
    panel.go(next(i for i, page in enumerate(panel.pages) if isinstance(page, AlternativesPage)))
    stage.grab("preparation.png", dialog)
    dialog.close()

    window.meetings.prepare_together(meeting.id)
    together = window.meetings.together
    assert together is not None
    together.panel.go(together.panel.pages.index(together.panel.questions_page))
    settle(800)
    stage.grab("samen-modus.png")  # the whole screen: nothing else of the app may be seen
    together.leave()  # as after the passphrase: the dossier shows again
    settle()
