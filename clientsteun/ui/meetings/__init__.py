"""Meetings with organisations and the resident's preparation: the guided questions, Samen-modus, the sheet."""
