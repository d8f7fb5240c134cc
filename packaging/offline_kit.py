"""Make the offline kit: a folder of wheels per Python version that installs with no network at all.

    scripts/make-offline-kit [--python 3.11 3.12 3.13] [--windows] [--out build/offline-kit]

For each version, that version's own pip (in a small tool venv under build/) downloads the pinned
runtime dependencies from packaging/requirements/runtime.txt, hashes checked, so the markers that pin
PySide6 per Python version are evaluated for that version (a 3.11 pip would give a 3.12 kit PySide6
6.11 and the install would fail). `--windows` adds win_amd64 folders, checked against the pins for
Windows. The app's own wheel is built from the checkout and copied into every folder. The kit:

    offline-kit/
      cp311-linux/  cp312-linux/  cp313-linux/  [cp3XX-windows/]   wheels, each folder complete
      install.sh  install.ps1  README.txt  SHA256SUMS

On the target: `sh install.sh [DEST]` (Linux) or `powershell -File install.ps1 [DEST]` (Windows) makes
a venv and runs `pip install --no-index --find-links <the folder for its Python> correspondence-desk`.
The wheels of a version are reused while runtime.txt is unchanged; the app's wheel is always rebuilt.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WINDOWS = sys.platform == "win32"
_spec = importlib.util.spec_from_file_location("desk_pins", HERE / "pins.py")
pins = sys.modules["desk_pins"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pins)
parse_wheel_filename = pins.parse_wheel_filename

README = """Correspondence Desk {version} — offline installation kit

For machines that have Python ({pythons}) but no network. Nothing here reaches the internet.

Linux:    sh install.sh [DEST]          (PYTHON=python3.12 sh install.sh to choose the interpreter)
Windows:  powershell -ExecutionPolicy Bypass -File install.ps1 [DEST]

Then run DEST/bin/correspondence-desk (Windows: DEST\\Scripts\\correspondence-desk.exe); with no command it
opens the app. Your data is not in DEST: it is in your user data folder (Linux
~/.local/share/CorrespondenceDesk, Windows %LOCALAPPDATA%\\CorrespondenceDesk). To upgrade, install a
newer kit into the same DEST; the database is upgraded on first start after an automatic backup.
SHA256SUMS lists every file of this kit.
"""


def _candidates(version: str) -> list[list[str]]:
    found = [[f"python{version}"]] + ([["py", f"-{version}"]] if WINDOWS else [])
    # pyenv's shims only answer for the versions made global: look in its folder too
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found += [[str(p)] for p in sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True)]
    return found


def interpreter(version: str) -> str:
    """The real executable of Python `version` (pythonX.Y on PATH, or under pyenv), resolved."""
    for cmd in _candidates(version):
        if shutil.which(cmd[0]) is None:
            continue
        out = subprocess.run(
            [*cmd, "-c", "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        lines = out.stdout.split()
        if out.returncode == 0 and len(lines) == 2 and lines[1] == version:
            return lines[0]
    raise SystemExit(f"Python {version} is not installed (no python{version} on PATH or under pyenv)")


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def tool_python(version: str) -> Path:
    """A venv of Python `version` with a current pip: that version's own pip does the downloads."""
    venv = ROOT / "build" / "kit-tools" / f"venv-{version}"
    python = venv / ("Scripts/python.exe" if WINDOWS else "bin/python")
    if not python.exists():
        subprocess.run([interpreter(version), "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-U", "pip"], check=True, env=clean_env())
    return python


def app_wheel(out: Path) -> Path:
    """The app's wheel from this checkout (hatchling here if installed, else pip's isolated build)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if importlib.util.find_spec("hatchling"):
        cmd = [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)]
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    else:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)]
        subprocess.run(cmd, check=True, env=clean_env())
    (wheel,) = out.glob("correspondence_desk-*.whl")
    return wheel


def download(version: str, platform: str, folder: Path) -> None:
    """The pinned runtime wheels for one Python and platform, unless already there for this lock."""
    stamp = folder / ".runtime-lock.sha256"
    want = hashlib.sha256(pins.RUNTIME_LOCK.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == want:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    cmd = [str(tool_python(version)), "-m", "pip", "download", "-q", "--only-binary=:all:", "-d", str(folder)]
    target = pins.Target(version, "win_amd64" if platform == "windows" else "manylinux_x86_64")
    if platform == "windows":
        # pip evaluates sys_platform markers for this machine: compared with the pins for Windows below
        cmd += ["--platform", "win_amd64", "--python-version", version, "--implementation", "cp"]
    subprocess.run([*cmd, "-r", str(pins.RUNTIME_LOCK)], check=True, env=clean_env())
    got = {}
    for wheel in folder.glob("*.whl"):
        name, version_, _build, _tags = parse_wheel_filename(wheel.name)
        got[str(name)] = str(version_)
    expected = pins.pins_for(target, pins.read_lock(pins.RUNTIME_LOCK))
    if got != expected:
        differ = sorted(set(got.items()) ^ set(expected.items()))
        raise SystemExit(f"{folder.name}: the downloaded wheels differ from the pins: {differ}")
    stamp.write_text(want + "\n")


def make_kit(versions: list[str], out: Path, windows: bool = False) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    wheel = app_wheel(ROOT / "build" / "kit-app")
    platforms = ["linux", "windows"] if windows else ["linux"]
    for version in versions:
        for platform in platforms:
            folder = out / f"cp{version.replace('.', '')}-{platform}"
            download(version, platform, folder)
            for old in folder.glob("correspondence_desk-*.whl"):
                old.unlink()
            shutil.copy2(wheel, folder / wheel.name)
    from correspondence_desk import __version__

    for script in ("install.sh", "install.ps1"):
        shutil.copyfile(HERE / "kit" / script, out / script)
    (out / "README.txt").write_text(
        README.format(version=__version__, pythons=", ".join(versions)), encoding="utf-8"
    )
    sums = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        if path.name.startswith("."):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        sums.append(f"{digest}  {path.relative_to(out).as_posix()}")
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make-offline-kit", description=__doc__.splitlines()[0])
    parser.add_argument("--python", nargs="+", default=list(pins.PYTHONS), metavar="X.Y")
    parser.add_argument("--windows", action="store_true", help="also folders for Windows (win_amd64)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "offline-kit")
    args = parser.parse_args(argv)
    kit = make_kit(args.python, args.out, args.windows)
    size = sum(p.stat().st_size for p in kit.rglob("*") if p.is_file())
    print(f"{kit} ({size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
