"""The desktop app (PySide6). Talks to core only through services and frozen records."""
