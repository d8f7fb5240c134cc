"""Build the standalone app (PyInstaller, one folder) from a clean build venv.

    scripts/build-app [--python PYTHON] [--force]        (Windows: py packaging\\build_app.py)

1. A build venv per Python version under build/ with exactly packaging/requirements/build.txt
   (hashes checked) and the app installed from the checkout, not editable: the bundle is made of
   what a user installs, never of the test tools or of the source tree.
2. PyInstaller with packaging/correspondence-desk.spec → build/dist/correspondence-desk/, plus
   LICENSE and THIRD-PARTY-NOTICES.txt beside the programs.
3. The result is cached: build/dist/correspondence-desk.key holds a hash of the sources, resources,
   spec, launcher and pins, and a build whose key matches is reused (a clean clone builds once).
Prints the bundle's folder on the last line of stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "correspondence-desk.spec"
BUILD_LOCK = HERE / "requirements" / "build.txt"
DIST_NAME = "correspondence-desk"
SHIPPED_TEXTS = ("LICENSE", "THIRD-PARTY-NOTICES.txt")
WINDOWS = sys.platform == "win32"
# what a build is made of: a change to any of these makes a new build
INPUTS = (
    "src",
    "resources",
    "pyproject.toml",
    *SHIPPED_TEXTS,
    *(f"packaging/{name}" for name in ("correspondence-desk.spec", "launcher.py", "desk_selftest.py")),
    "packaging/build_app.py",
    "packaging/requirements/build.txt",
)


def build_root() -> Path:
    return Path(os.environ.get("CORRESPONDENCE_DESK_BUILD_DIR", ROOT / "build"))


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def tree_hash(python_version: str) -> str:
    digest = hashlib.sha256(f"{python_version} {sys.platform}\n".encode())
    for name in INPUTS:
        top = ROOT / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def run(*cmd: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def clean_env() -> dict[str, str]:
    """The environment without pip settings from this machine (extra indexes, find-links)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def python_version(python: str) -> tuple[str, str]:
    """("3.11", the full version and build of that interpreter, for the cache key)."""
    out = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.version)"],
        capture_output=True,
        text=True,
        check=True,
    )
    short, full = out.stdout.split("\n", 1)
    return short.strip(), " ".join(full.split())


def make_venv(python: str, version: str) -> Path:
    """The build venv for this Python, made again whenever build.txt changes."""
    venv = build_root() / f"venv-{version}"
    stamp = venv / "build-lock.sha256"
    want = hashlib.sha256(BUILD_LOCK.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == want and venv_python(venv).exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    run(python, "-m", "venv", venv)
    py = venv_python(venv)
    env = clean_env()
    run(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip", env=env)
    run(
        py,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--require-hashes",
        "--only-binary=:all:",
        "-r",
        BUILD_LOCK,
        env=env,
    )
    stamp.write_text(want + "\n")
    return venv


def install_app(venv: Path) -> None:
    """The app from this checkout, as a wheel would install it (no editable link to src/)."""
    run(
        venv_python(venv),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--force-reinstall",
        ROOT,
        env=clean_env(),
    )


def ensure_build_tools() -> None:
    """On Linux PyInstaller needs ldd, and objdump and objcopy from binutils: install it if missing."""
    if sys.platform != "linux" or (shutil.which("objdump") and shutil.which("objcopy")):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing binutils (objdump) for PyInstaller…", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "binutils"], check=True, env=env, capture_output=True
        )
        return
    raise SystemExit("PyInstaller needs objdump and objcopy: install binutils (or your system's equivalent)")


def build(python: str, force: bool = False) -> Path:
    version, full_version = python_version(python)
    dist = build_root() / "dist"
    bundle = dist / DIST_NAME
    key_file = dist / f"{DIST_NAME}.key"
    key = tree_hash(full_version)
    if not force and bundle.is_dir() and key_file.exists() and key_file.read_text().strip() == key:
        print(f"{bundle} is up to date (key {key})", file=sys.stderr)
        return bundle
    started = time.monotonic()
    ensure_build_tools()
    venv = make_venv(python, version)
    install_app(venv)
    key_file.unlink(missing_ok=True)
    shutil.rmtree(bundle, ignore_errors=True)
    work = build_root() / "work"
    run(
        venv_python(venv),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        dist,
        "--workpath",
        work,
        SPEC,
        env=clean_env(),
        cwd=ROOT,
    )
    for name in SHIPPED_TEXTS:
        shutil.copyfile(ROOT / name, bundle / name)
    key_file.write_text(key + "\n")
    print(f"built {bundle} in {time.monotonic() - started:.0f} s (key {key})", file=sys.stderr)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build-app", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--python", default=sys.executable, help="the Python to build with (default: this one)"
    )
    parser.add_argument("--force", action="store_true", help="build even if an up-to-date build exists")
    args = parser.parse_args(argv)
    print(build(args.python, args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
