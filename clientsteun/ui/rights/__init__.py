"""The resident's rights in the window: their copy, the hand-over to a colleague, reading a dossier in,
the register of their requests and their own statement."""
