"""Fixtures for the core tests (the shared ones are in tests/conftest.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="session")
def pdf_inspection() -> ModuleType:
    """tests/core/pdf_inspection.py: reading a tagged PDF as a checker does. (Test modules cannot
    import one another under --import-mode=importlib, so it is handed over as a fixture.)"""
    path = Path(__file__).with_name("pdf_inspection.py")
    spec = importlib.util.spec_from_file_location("pdf_inspection", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
