"""The coordinator's screen: summaries of a period, exported, and packages combined."""
