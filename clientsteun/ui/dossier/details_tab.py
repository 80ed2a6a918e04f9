"""The resident's details: contact, areas of life, network and consent."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_long
from clientsteun.domain.model import Client, ClientStatus
from clientsteun.ui.dossier.rich_text import table_html, warning


class DetailsTab(QLabel):
    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_client(self, client: Client) -> None:
        self.setText(self.details_html(client))

    def details_html(self, client: Client) -> str:
        d = client.details
        rows = [
            (self.tr("Naam"), d.name),
            (self.tr("Roepnaam of schuilnaam"), d.alias),
            (self.tr("Telefoon"), d.phone),
            (self.tr("E-mail"), d.email),
            (self.tr("Adres"), d.address),
            (self.tr("Gemeente"), d.municipality),
            (self.tr("Eerste contact"), format_long(d.first_contact)),
            (self.tr("Levensgebieden"), ", ".join(self.catalog.life_domain_name(c) for c in d.life_domains)),
        ]
        if client.status is ClientStatus.CLOSED:
            rows.append((self.tr("Reden van sluiten"), client.close_reason))
        html = [table_html(rows)]
        html.append(f"<h3>{escape(self.tr('Netwerk'))}</h3>")
        if d.network:
            html.append("<ul>")
            html += [
                "<li>" + escape(" — ".join(part for part in (m.name, m.role, m.phone) if part)) + "</li>"
                for m in d.network
            ]
            html.append("</ul>")
        else:
            html.append(escape(self.tr("Nog niemand vastgelegd.")))
        html.append(f"<h3>{escape(self.tr('Toestemming'))}</h3>")
        if d.consent:
            c = d.consent
            consent_rows = [
                (self.tr("Gegeven op"), format_long(c.given_on)),
                (self.tr("Wat mag worden vastgelegd"), c.may_record),
                (self.tr("Met wie mag worden gedeeld"), c.share_with),
                (self.tr("Geldig tot"), format_long(c.valid_until)),
                (self.tr("Ingetrokken op"), format_long(c.withdrawn_on)),
            ]
            html.append(table_html([(label, value) for label, value in consent_rows if value]))
        else:
            html.append(warning(self.tr("Nog geen toestemming vastgelegd.")))
        return "".join(html)
