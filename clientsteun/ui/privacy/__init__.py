"""The resident's rights in the window: erasing a dossier and the retention worklist."""
