"""One resident's dossier: the panel, one module per tab, and the forms of a resident and their dossier."""
