"""The pinned dependencies (packaging/requirements/*.txt) and the platforms they must install on.

Shared by packaging/lock.py (which writes the lock and, from PyPI, the list of wheels) and by the
offline tests (which check the committed files against each other and against pyproject.toml).
Imported by path, never as a package: the folder's name would shadow the `packaging` library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # a venv with the app alone: pip carries the same library
    from pip._vendor.packaging.markers import Marker
    from pip._vendor.packaging.tags import Tag, compatible_tags, cpython_tags
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements"
RUNTIME_LOCK = REQUIREMENTS / "runtime.txt"
BUILD_LOCK = REQUIREMENTS / "build.txt"
WHEELS = REQUIREMENTS / "wheels.txt"

PYTHONS = ("3.11", "3.12", "3.13")
# Linux wheels up to glibc 2.36 (Debian 12), the oldest system the Linux build is made on
LINUX_GLIBC = 36
PLATFORMS = ("win_amd64", "manylinux_x86_64")


@dataclass(frozen=True)
class Pin:
    name: str  # canonical
    version: str
    marker: Marker | None

    def applies(self, env: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(env)


@dataclass(frozen=True)
class Target:
    python: str  # "3.12"
    platform: str  # one of PLATFORMS

    @property
    def key(self) -> str:
        return f"cp{self.python.replace('.', '')}-{self.platform}"

    def environment(self) -> dict[str, str]:
        """PEP 508 marker values on that platform (pip would use the running machine's instead)."""
        windows = self.platform.startswith("win")
        return {
            "python_version": self.python,
            "python_full_version": f"{self.python}.0",
            "implementation_name": "cpython",
            "implementation_version": f"{self.python}.0",
            "platform_python_implementation": "CPython",
            "sys_platform": "win32" if windows else "linux",
            "platform_system": "Windows" if windows else "Linux",
            "os_name": "nt" if windows else "posix",
            "platform_machine": "AMD64" if windows else "x86_64",
            "platform_release": "",
            "platform_version": "",
            "extra": "",
        }

    def tags(self) -> list[Tag]:
        """Wheel tags this interpreter accepts, best first."""
        major, minor = (int(p) for p in self.python.split("."))
        if self.platform == "win_amd64":
            platforms = ["win_amd64"]
        else:
            platforms = [f"manylinux_2_{n}_x86_64" for n in range(LINUX_GLIBC, 16, -1)]
            platforms += ["manylinux2014_x86_64", "linux_x86_64"]
        interpreter = f"cp{major}{minor}"
        return [
            *cpython_tags((major, minor), platforms=platforms),
            *compatible_tags((major, minor), interpreter, platforms=platforms),
        ]


TARGETS = tuple(Target(py, plat) for py in PYTHONS for plat in PLATFORMS)

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?\s*$")


def read_lock(path: Path) -> list[Pin]:
    """The `name==version ; marker` lines of a uv/pip-compile lock (hash lines skipped)."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins.append(Pin(canonicalize_name(name), version, Marker(marker) if marker else None))
    return pins


def pins_for(target: Target, pins: list[Pin]) -> dict[str, str]:
    """name → version of the pins that install on `target`."""
    env = target.environment()
    chosen: dict[str, str] = {}
    for pin in pins:
        if pin.applies(env):
            if pin.name in chosen and chosen[pin.name] != pin.version:
                raise ValueError(f"{pin.name} is pinned twice for {target.key}")
            chosen[pin.name] = pin.version
    return chosen


def best_wheel(target: Target, filenames: list[str]) -> str | None:
    """The wheel among `filenames` that pip would pick on `target` (None if none installs there)."""
    rank = {tag: i for i, tag in enumerate(target.tags())}
    best: tuple[int, str] | None = None
    for filename in filenames:
        if not filename.endswith(".whl"):
            continue
        _name, _version, _build, tags = parse_wheel_filename(filename)
        score = min((rank[t] for t in tags if t in rank), default=None)
        if score is not None and (best is None or score < best[0]):
            best = (score, filename)
    return best[1] if best else None


def wheel_installs_on(target: Target, filename: str, name: str, version: str) -> bool:
    wheel_name, wheel_version, _build, tags = parse_wheel_filename(filename)
    accepted = set(target.tags())
    return wheel_name == name and str(wheel_version) == version and bool(tags & accepted)


def read_wheels(path: Path = WHEELS) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(target key, name) → (version, wheel filename, sha256) from packaging/requirements/wheels.txt."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, name, version, filename, sha256 = line.split()
        table[(key, name)] = (version, filename, sha256)
    return table
