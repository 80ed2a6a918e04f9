"""Plain-Python core: what users talk about and the rules about it. No Qt, no SQL."""
