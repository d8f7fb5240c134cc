"""Window layout and small preferences, kept in an ini file under the user's config folder.

QSettings in IniFormat at an explicit path (not the registry or a plist) so the file is easy to find,
copy or delete, and tests (which redirect HOME) never touch a real user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from correspondence_desk.paths import APP_DIR_NAME


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)) / "correspondence-desk.ini"


class AppSettings:
    """Typed access to the few things remembered between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def state(self, name: str) -> QByteArray | None:
        """Saved geometry/state bytes for a window, header or splitter called `name`."""
        return self._bytes(f"layout/{name}")

    def set_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(f"layout/{name}", value)

    def text(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return value if isinstance(value, str) else default

    def set_text(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)

    def demo_offered(self, database: str) -> bool:
        return database in self._list("demo/offered")

    def set_demo_offered(self, database: str) -> None:
        self._qs.setValue("demo/offered", [*self._list("demo/offered"), database])

    def _list(self, key: str) -> list[str]:
        value = self._qs.value(key, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def sync(self) -> None:
        self._qs.sync()
