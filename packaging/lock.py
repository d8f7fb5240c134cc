"""Pin every dependency, and record which wheel each platform installs (needs PyPI; run by hand).

    scripts/lock-dependencies            # after changing a dependency in pyproject.toml

Writes, committed in packaging/requirements/:
- runtime.txt: the app's dependencies with hashes, for every Python (3.11+) and platform at once
  (uv's universal resolution evaluates the python_version and sys_platform markers for each target;
  pip would evaluate them for the machine it runs on and, e.g., give a 3.12 kit PySide6 6.11).
- build.txt: the same plus PyInstaller, for the standalone build (scripts/build-app).
- wheels.txt: for CPython 3.11–3.13 on win_amd64 and manylinux x86_64, the wheel of every pin that
  installs there, from PyPI's JSON API. A pin with no such wheel stops the script.
The test suite then checks offline that the three files agree with each other and with pyproject.toml,
so a Windows build cannot be broken from Linux by a dependency that has no Windows wheel.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_spec = importlib.util.spec_from_file_location("desk_pins", HERE / "pins.py")
pins = sys.modules["desk_pins"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pins)


def find_uv() -> str:
    """uv on PATH, or one installed once into build/tools (a small PyPI package)."""
    found = shutil.which("uv")
    if found:
        return found
    tools = ROOT / "build" / "tools"
    uv = tools / ("Scripts/uv.exe" if sys.platform == "win32" else "bin/uv")
    if not uv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(tools)], check=True)
        python = tools / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "uv"], check=True)
    return str(uv)


def compile_lock(uv: str, out: Path, *extra: str) -> None:
    subprocess.run(
        [
            uv,
            "pip",
            "compile",
            "pyproject.toml",
            "--universal",
            "--python-version",
            pins.PYTHONS[0],
            "--only-binary",
            ":all:",
            "--generate-hashes",
            "--quiet",
            "--custom-compile-command",
            "scripts/lock-dependencies",
            "-o",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        check=True,
    )


def release_files(name: str, version: str) -> list[dict]:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60) as response:
        data = json.load(response)
    files = data["releases"].get(version)
    if not files:
        raise SystemExit(f"PyPI lists no files for {name} {version}")
    return files


def write_wheels(lock: Path, out: Path) -> list[str]:
    locked = pins.read_lock(lock)
    cache: dict[tuple[str, str], list[dict]] = {}
    lines = [
        "# The wheel each pin of build.txt installs on each platform (PyPI, by packaging/lock.py).",
        "# target name version wheel sha256",
    ]
    missing = []
    for target in pins.TARGETS:
        for name, version in sorted(pins.pins_for(target, locked).items()):
            files = cache.get((name, version))
            if files is None:
                files = cache[(name, version)] = release_files(name, version)
            filename = pins.best_wheel(target, [f["filename"] for f in files])
            if filename is None:
                missing.append(f"{name}=={version} has no wheel for {target.key}")
                continue
            sha = next(f["digests"]["sha256"] for f in files if f["filename"] == filename)
            lines.append(f"{target.key} {name} {version} {filename} {sha}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return missing


def main() -> int:
    uv = find_uv()
    pins.REQUIREMENTS.mkdir(exist_ok=True)
    compile_lock(uv, pins.RUNTIME_LOCK)
    # the build pins the same runtime versions as the kit, plus PyInstaller and what it needs
    compile_lock(uv, pins.BUILD_LOCK, "--extra", "build", "--constraint", str(pins.RUNTIME_LOCK))
    missing = write_wheels(pins.BUILD_LOCK, pins.WHEELS)
    for problem in missing:
        print(problem, file=sys.stderr)
    print(
        f"wrote {pins.RUNTIME_LOCK.name}, {pins.BUILD_LOCK.name}, {pins.WHEELS.name} in {pins.REQUIREMENTS}"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
