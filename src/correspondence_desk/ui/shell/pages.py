"""The pages of the main window, in navigation order, and how each is built.

A page class is imported when the page is first shown: building every page at start-up is slow,
and the window must appear at once. A page that cannot be imported is a broken installation and
fails loudly (no stand-in page hides it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services
    from correspondence_desk.ui.common.page import Page


@dataclass(frozen=True)
class PageSpec:
    label: str  # in the navigation list and the View menu
    icon: str  # a freedesktop icon name
    module: str  # under correspondence_desk.ui
    cls: str

    def factory(self) -> Callable[[Services, QWidget], Page]:
        return getattr(importlib.import_module(f"correspondence_desk.ui.{self.module}"), self.cls)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("Dashboard", "go-home", "dashboard.page", "DashboardPage"),
    PageSpec("Reports", "folder", "reports.page", "ReportsPage"),
    PageSpec("Letters", "mail-message", "letters.page", "LettersPage"),
    PageSpec("Contacts & bodies", "contact-new", "directory.page", "DirectoryPage"),
    PageSpec("Search", "edit-find", "search.page", "SearchPage"),
)
DASHBOARD, REPORTS, LETTERS, DIRECTORY, SEARCH = range(len(PAGES))
LABELS = tuple(spec.label for spec in PAGES)


def navigation_list() -> QListWidget:
    """The side list of pages, in navigation order."""
    navigation = QListWidget()
    navigation.setObjectName("navigation")
    navigation.setAccessibleName("Navigation")
    navigation.setIconSize(QSize(20, 20))
    navigation.setSpacing(2)
    navigation.setMinimumWidth(150)
    navigation.setMaximumWidth(260)
    for spec in PAGES:
        item = QListWidgetItem(QIcon.fromTheme(spec.icon), spec.label)
        item.setSizeHint(QSize(0, 34))
        navigation.addItem(item)
    return navigation


def page_factories() -> list[tuple[str, str, Callable[[Services, QWidget], Page]]]:
    """(navigation label, icon, factory) in navigation order (imports every page)."""
    return [(spec.label, spec.icon, spec.factory()) for spec in PAGES]
