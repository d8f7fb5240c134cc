"""The desktop app (PySide6). Talks to core only through the services it is handed and frozen records.

The layout, the layer rules and the threading rules are in docs/architecture.md.
"""
