"""Write THIRD-PARTY-NOTICES.txt from the metadata of the distributions the app ships with.

    scripts/make-notices          (needs PyPI once: the pinned wheels are downloaded, not installed)

For CPython 3.11 and 3.12+ (their PySide6 pins differ), every pin of packaging/requirements/runtime.txt
and PyInstaller (its bootloader starts the standalone build) is fetched as a wheel with
`pip download --no-deps`; each wheel's METADATA gives the licence and home page, and the licence files
it carries are copied in full. Then the parts that no wheel describes: the Python runtime the bundle
carries, Qt (PySide6's wheels ship no licence file: Qt is LGPL-3.0 here), and the Liberation fonts.
"""

from __future__ import annotations

import email.parser
import hashlib
import importlib.util
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "THIRD-PARTY-NOTICES.txt"
_spec = importlib.util.spec_from_file_location("desk_pins", HERE / "pins.py")
pins = sys.modules["desk_pins"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pins)

FLAVOURS = (pins.Target("3.11", "manylinux_x86_64"), pins.Target("3.12", "manylinux_x86_64"))
ALSO_SHIPPED = ("pyinstaller",)  # build-only pins whose code ends up in the bundle
QT_NOTE = """\
The PySide6 and shiboken6 wheels carry Qt 6 (The Qt Company), used here under the GNU Lesser General
Public License v3 (text below; it builds on the GPL-3.0 text in LICENSE). The standalone build keeps
Qt's libraries as separate files in its folder, so they can be replaced. Qt itself contains third-party
components under their own licences: https://doc.qt.io/qt-6/licenses-used-in-qt.html
Source code: https://code.qt.io and https://download.qt.io/official_releases/QtForPython/"""


def download(target: pins.Target, names: dict[str, str], into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    # pip does not widen a manylinux tag to the older ones: name each platform tag the target accepts
    platforms = sorted({tag.platform for tag in target.tags()})
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--python-version",
            target.python,
            *(f"--platform={p}" for p in platforms),
            "--implementation",
            "cp",
            "-d",
            str(into),
            *(f"{n}=={v}" for n, v in sorted(names.items())),
        ],
        check=True,
    )


def wheel_metadata(wheel: Path) -> tuple[dict, list[tuple[str, str]]]:
    """(METADATA headers, [(licence file name, text)]) of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        dist_info = next(n.split("/")[0] for n in zf.namelist() if n.split("/")[0].endswith(".dist-info"))
        meta = email.parser.Parser().parsestr(zf.read(f"{dist_info}/METADATA").decode("utf-8"))
        texts = []
        for name in meta.get_all("License-File") or []:
            for candidate in (f"{dist_info}/licenses/{name}", f"{dist_info}/{name}"):
                if candidate in zf.namelist():
                    texts.append((name, zf.read(candidate).decode("utf-8", "replace")))
                    break
    return meta, texts


def licence_of(meta) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    short = (meta.get("License") or "").strip().splitlines()
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    if short and len(short[0]) <= 80:
        return short[0]
    return "; ".join(classifiers) or "see the licence text below"


def home_of(meta) -> str:
    for url in meta.get_all("Project-URL") or []:
        label, _, link = url.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "source code", "repository"):
            return link.strip()
    return meta.get("Home-page") or ""


def collect() -> dict[str, dict]:
    """name → {versions, licence, home, texts} over both flavours."""
    runtime = pins.read_lock(pins.RUNTIME_LOCK)
    build = pins.read_lock(pins.BUILD_LOCK)
    found: dict[str, dict] = {}
    for target in FLAVOURS:
        wanted = pins.pins_for(target, runtime)
        wanted.update({n: v for n, v in pins.pins_for(target, build).items() if n in ALSO_SHIPPED})
        folder = ROOT / "build" / "notices" / target.key
        download(target, wanted, folder)
        for name, version in wanted.items():
            wheel = next(
                w for w in folder.glob("*.whl") if pins.wheel_installs_on(target, w.name, name, version)
            )
            meta, texts = wheel_metadata(wheel)
            entry = found.setdefault(
                name, {"display": meta["Name"], "versions": [], "licence": licence_of(meta), "texts": {}}
            )
            entry["home"] = home_of(meta)
            if version not in entry["versions"]:
                entry["versions"].append(version)
            for file_name, text in texts:
                entry["texts"].setdefault(hashlib.sha256(text.encode()).hexdigest(), (file_name, text))
    return found


def section(title: str, body: str) -> str:
    return f"{'=' * 100}\n{title}\n{'=' * 100}\n{body.rstrip()}\n"


def main() -> int:
    found = collect()
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    lgpl = (HERE / "licences" / "LGPL-3.0.txt").read_text(encoding="utf-8")
    ofl = (ROOT / "resources" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    rows = [(e["display"], " / ".join(e["versions"]), e["licence"]) for e in found.values()]
    rows += [("Python", "3.11 / 3.12 / 3.13", "PSF-2.0"), ("Qt 6 (in PySide6)", "", "LGPL-3.0-only")]
    rows += [("Liberation Sans fonts", "2.x", "OFL-1.1")]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    parts = [
        "Third-party software in Correspondence Desk\n\n"
        "Correspondence Desk itself is free software under the GNU General Public License, version 3 or\n"
        "later (LICENSE). It is shipped with the software below, each under its own licence. This file is\n"
        "generated by packaging/notices.py from the metadata of the pinned distributions\n"
        "(packaging/requirements/); the standalone build and the Python wheel both include it.\n\n"
        + "\n".join(
            f"  {n.ljust(width)}  {v.ljust(vwidth)}  {lic}"
            for n, v, lic in sorted(rows, key=lambda r: r[0].lower())
        )
        + "\n"
    ]
    for name in sorted(found):
        entry = found[name]
        head = f"{entry['display']} {' / '.join(entry['versions'])} — {entry['licence']}"
        body = f"Home page: {entry['home']}\n" if entry["home"] else ""
        if name in ("pyside6-essentials", "pyside6-addons", "pyside6-pdf", "shiboken6"):
            body += "\n" + QT_NOTE + "\n"
        for file_name, text in entry["texts"].values():
            body += f"\n--- {file_name} ---\n\n{text.strip()}\n"
        if not entry["texts"] and "pyside6" not in name and name != "shiboken6":
            body += "\n(The wheel carries no licence file; its licence is the one named above.)\n"
        parts.append(section(head, body))
    parts.append(section("Qt 6 and PySide6 — GNU Lesser General Public License v3", lgpl))
    if python_licence.exists():
        parts.append(section("Python — PSF License", python_licence.read_text(encoding="utf-8")))
    parts.append(section("Liberation Sans fonts — SIL Open Font License 1.1", ofl))
    OUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {OUT} ({len(found)} distributions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
