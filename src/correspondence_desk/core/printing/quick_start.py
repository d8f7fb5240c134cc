"""Loading ReportLab without one needless cost: `reportlab.platypus.paragraph` compiles, as it is
imported, a case-insensitive URL pattern with ranges up to U+FFFF (~45 ms on our machine, a tenth of
a whole `render` command: case-folding every character of those ranges). Paragraphs use it only to
break a long URL at a slash (`uriWasteReduce`, which our styles never set).

`install()` (run when the printing package is imported, before any of its modules imports
ReportLab) asks the import system to load that one module with such patterns compiled on first use
instead. Nothing else changes: the pattern is the same, and the module loads as before if ReportLab
or the way it is installed ever differs (no patterns deferred, no error).
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import re
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

MODULE = "reportlab.platypus.paragraph"
_compile = re.compile
_lock = threading.Lock()


class LazyPattern:
    """A compiled pattern's stand-in that compiles it when first used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)

    def __getattr__(self, name: str) -> Any:  # match, search, sub…: the real pattern's
        return getattr(self.compiled, name)


def _deferring_compile(pattern: Any, flags: int = 0) -> Any:
    if isinstance(pattern, str) and flags & re.IGNORECASE and "\uffff" in pattern:
        return LazyPattern(pattern, flags)
    return _compile(pattern, flags)


class _Loader(importlib.abc.Loader):
    """The module's own loader, with the expensive patterns deferred while the module runs."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        with _lock:  # re.compile is shared: put back whatever happens
            re.compile = _deferring_compile
            try:
                self._loader.exec_module(module)
            finally:
                re.compile = _compile

    def __getattr__(self, name: str) -> Any:  # get_source, get_code… for tracebacks and tools
        return getattr(self._loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        for finder in sys.meta_path:  # the finder that would have found it, whatever it is
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


_finder = _Finder()


def install() -> None:
    """Defer the pattern when ReportLab's paragraph module is imported later (once is enough)."""
    if MODULE not in sys.modules and _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
