"""The dossier's texts as rich text: what a user typed is escaped, never read as markup."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("Dossier", text)


def html_text(text: str) -> str:
    """Typed text, escaped, with its line breaks kept."""
    return escape(text).replace("\n", "<br>")


def table_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td><b>{escape(label)}</b></td><td>{html_text(value)}</td></tr>" for label, value in rows)
    return f"<table cellspacing='4'>{cells}</table>"


def warning(text: str) -> str:
    return f"<span style='color:#b3261e; font-weight:bold'>{escape(text)}</span>"


def heading(text: str, body: str) -> str:
    """A bold line above a typed text."""
    return f"<b>{escape(text)}</b><br>{html_text(body)}"
