"""Every PDF the app makes, rendered with ReportLab from plain data (no Qt, no database)."""
