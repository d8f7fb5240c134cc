"""Where the shipped resources (fonts and their licence, icons, standard lines) are.

In an installed wheel they sit inside the package (correspondence_desk/resources); in a source
checkout (editable install) they are the repository's top-level resources/ folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the resources folder of Correspondence Desk is missing; reinstall the app")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
