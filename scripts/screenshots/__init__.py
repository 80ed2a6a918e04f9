"""Take every screenshot in docs/ from the real app on a virtual screen, with fictional demo data.

Run from the repository:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m scripts.screenshots
(1366×768: the screen of most laptops supporters get; every window must fit it whole.)
It makes demo databases in a temporary folder, so no real data can end up in a picture; the PDFs'
first pages become PNGs through ``pdftoppm`` (poppler-utils).

The package by part of the app:

- ``stage``: the demo database, the main window over it, waiting and photographing;
- ``windows``: the main window, its dossier tabs, the route window, agenda, conversation, search;
- ``meetings``: the guided preparation and Samen-modus;
- ``safety``: the lock, the audit log, the first start, the resident's rights, the retention worklist
  and the coordinator's figures;
- ``documents``: the first pages of the preparation sheets, the overview and a combined report.
"""
