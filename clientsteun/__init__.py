"""Clientsteun: a desktop dossier for independent client support workers."""

__version__ = "0.1.0"
