"""Conversations: the editor with its drafts, searching all notes, and their controller."""
