"""The standalone build works on its own: built by scripts/build-app, then run from a copy of its folder
with a bare environment, no network, and the build venv moved out of reach.

The build is cached (build/dist, keyed by a hash of the sources, spec and pins): the first run in a
checkout builds it (about 1.5 minutes on 2 cores), later runs reuse it unless something changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from correspondence_desk import __version__
from correspondence_desk.core.db import HEAD_REVISION

# the build itself happens before the first test (conftest.py); 10 minutes covers a busy machine
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
LETTER = "CTA/TEC/2026/017"  # the demo letter


def _load_build_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("desk_build_app", ROOT / "packaging" / "build_app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_app = _load_build_module()


class Bundle:
    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.home = home

    def env(self) -> dict[str, str]:
        """What a freshly logged-in user has: no PYTHONPATH, no venv, a home of its own."""
        env = {"HOME": str(self.home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        if WINDOWS:
            for name in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP"):
                if name in os.environ:
                    env[name] = os.environ[name]
            env.update(USERPROFILE=str(self.home), LOCALAPPDATA=str(self.home / "AppData" / "Local"))
            env["APPDATA"] = str(self.home / "AppData" / "Roaming")
            env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32"
        else:
            env["PATH"] = "/usr/bin:/bin"
        return env

    def command(self, program: str, *args: str) -> list[str]:
        cmd = [str(self.folder / f"{program}{EXE}"), *args]
        # no network for the app: a new network namespace (root on Linux, as CI and the dev VM are)
        if not WINDOWS and os.geteuid() == 0 and shutil.which("unshare"):
            cmd = ["unshare", "-n", *cmd]
        return cmd

    def run(self, *args: str, ok: bool = True, program: str = "correspondence-desk"):
        result = subprocess.run(
            self.command(program, *args),
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.home,
            timeout=180,
        )
        if ok:
            assert result.returncode == 0, f"{args}: {result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        return result


def _venv_python(venv: Path) -> Path:
    return build_app.venv_python(venv)


def _old_schema_database(venv: Path, path: Path) -> None:
    """A database at migration 0001, made by the build venv's Alembic (as an older release left it)."""
    code = (
        "import sys, sqlalchemy as sa\n"
        "from alembic import command\n"
        "from correspondence_desk.core.migrate import alembic_config\n"
        "engine = sa.create_engine('sqlite:///' + sys.argv[1])\n"
        "with engine.begin() as conn:\n"
        "    cfg = alembic_config(); cfg.attributes['connection'] = conn\n"
        "    command.upgrade(cfg, '0001')\n"
    )
    subprocess.run([str(_venv_python(venv)), "-c", code, str(path)], check=True, env=build_app.clean_env())


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("standalone")


@pytest.fixture(scope="module")
def bundle(work: Path) -> Iterator[Bundle]:
    venv = build_app.build_root() / f"venv-{sys.version_info.major}.{sys.version_info.minor}"
    hidden = venv.with_name(venv.name + ".out-of-reach")
    if hidden.exists():  # left by a run that was killed while the venv was hidden
        if venv.exists():
            shutil.rmtree(hidden)
        else:
            hidden.rename(venv)
    started = time.monotonic()
    built = build_app.build(sys.executable)
    print(f"\nbuild (or cached build) ready in {time.monotonic() - started:.0f} s: {built}")
    # what the same pins give unfrozen: the PDF the bundle must reproduce byte for byte
    venv_db = work / "venv-demo.sqlite3"
    py = str(_venv_python(venv))
    env = dict(build_app.clean_env(), HOME=str(work))
    subprocess.run([py, "-m", "correspondence_desk", "--db", str(venv_db), "demo"], check=True, env=env)
    subprocess.run(
        [
            py,
            "-m",
            "correspondence_desk",
            "--db",
            str(venv_db),
            "render",
            LETTER,
            "--pdf",
            str(work / "venv.pdf"),
        ],
        check=True,
        env=env,
    )
    _old_schema_database(venv, work / "old.sqlite3")
    folder = work / "app"
    shutil.copytree(built, folder, symlinks=True)
    home = work / "home"
    home.mkdir()
    venv.rename(hidden)  # nothing in the bundle may lean on the build venv
    try:
        yield Bundle(folder, home)
    finally:
        hidden.rename(venv)


def test_the_bundle_holds_both_programs_licences_and_notices(bundle):
    for program in ("correspondence-desk", "CorrespondenceDesk"):
        assert (bundle.folder / f"{program}{EXE}").is_file()
    assert "GNU GENERAL PUBLIC LICENSE" in (bundle.folder / "LICENSE").read_text()
    notices = (bundle.folder / "THIRD-PARTY-NOTICES.txt").read_text()
    assert "PySide6" in notices and "reportlab" in notices.lower()
    inside = bundle.folder / "_internal" / "correspondence_desk"
    for needed in [
        "core/migrations/env.py",
        "core/migrations/versions/0001_initial_schema.py",
        "resources/fonts/LiberationSans-Regular.ttf",
        "resources/fonts/OFL.txt",
        "resources/icons/correspondence-desk.svg",
        "resources/LICENSE",
        "resources/THIRD-PARTY-NOTICES.txt",
    ]:
        assert (inside / needed).is_file(), needed


def test_help_and_version(bundle):
    assert "usage: correspondence-desk" in bundle.run("--help").stdout
    assert __version__ in bundle.run("--version").stdout


def test_every_module_of_the_app_loads(bundle):
    out = bundle.run("--self-test").stdout
    loaded, total = out.strip().splitlines()[-1].split(" modules")[0].split(" of ")
    assert loaded == total and int(total) > 50, out


def test_a_missing_module_stops_the_app_with_a_clear_message(bundle):
    manifest = bundle.folder / "_internal" / "correspondence_desk-modules.txt"
    original = manifest.read_text()
    manifest.write_text(original + "correspondence_desk.ui.page_that_was_not_collected\n")
    try:
        result = bundle.run("--help", ok=False)
    finally:
        manifest.write_text(original)
    assert result.returncode == 3
    assert "incomplete" in result.stderr and "page_that_was_not_collected" in result.stderr
    assert "usage" not in result.stdout


def test_demo_then_render_gives_the_same_pdf_as_the_venv(bundle, work):
    db = str(bundle.home / "desk.sqlite3")
    assert "Added the example report" in bundle.run("--db", db, "demo").stdout
    bundle.run("--db", db, "render", LETTER, "--pdf", "letter.pdf", "--docx", "letter.docx")
    frozen = (bundle.home / "letter.pdf").read_bytes()
    assert frozen.startswith(b"%PDF") and frozen == (work / "venv.pdf").read_bytes()
    with zipfile.ZipFile(bundle.home / "letter.docx") as docx:
        assert "Recommendation" in docx.read("word/document.xml").decode()


def test_import_of_the_printed_pdf_and_docx(bundle):
    db = str(bundle.home / "desk.sqlite3")
    for name in ("letter.pdf", "letter.docx"):
        out = bundle.run("--db", db, "import-report", name, "--with-responses", "--dry-run", "--json").stdout
        found = json.loads(out)["recommendations"]
        assert len(found) == 9 and all(rec["response"] for rec in found), name
    bundle.run("--db", db, "import-report", "letter.pdf", "--with-responses", "--title", "Reimported")
    assert "Reimported" in bundle.run("--db", db, "reports").stdout


def test_exports_search_due_and_check(bundle):
    db = str(bundle.home / "desk.sqlite3")
    bundle.run("--db", db, "export-tracker", "tracker.xlsx")
    with zipfile.ZipFile(bundle.home / "tracker.xlsx") as xlsx:
        assert any(n.startswith("xl/worksheets/") for n in xlsx.namelist())
    bundle.run("--db", db, "export-ics", "deadlines.ics")
    assert (bundle.home / "deadlines.ics").read_text().startswith("BEGIN:VCALENDAR")
    hits = json.loads(bundle.run("--db", db, "search", "school", "--json").stdout)  # FTS5 in the bundle
    assert any(hit["kind"] == "report" and "TEC-2026-04" in hit["title"] for hit in hits)
    bundle.run("--db", db, "due", "--within", "3650")
    check = json.loads(bundle.run("--db", db, "check", "--json").stdout)
    assert check["problems"] == []


def test_an_older_schema_is_upgraded_after_a_backup(bundle, work):
    old = bundle.home / "old.sqlite3"
    shutil.copyfile(work / "old.sqlite3", old)
    result = bundle.run("--db", str(old), "demo")
    assert (
        "from schema 0001 to " + HEAD_REVISION in result.stderr
        and "the previous version is saved as" in result.stderr
    )
    assert list((bundle.home / "backups").glob("old*0001*"))
    check = json.loads(bundle.run("--db", str(old), "check", "--json").stdout)
    assert check["schema"] == HEAD_REVISION and check["problems"] == []


def test_the_window_opens_every_page_and_previews_the_letter(bundle):
    db = str(bundle.home / "desk.sqlite3")
    out = bundle.run("--self-test-gui", db).stdout
    assert "FAILED" not in out, out
    last = out.strip().splitlines()[-1]
    passed, total = last.split(" GUI checks")[0].split(" of ")
    assert passed == total and int(total) >= 8, out


def test_the_windowed_program_starts_and_stays_up(bundle):
    db = str(bundle.home / "desk.sqlite3")
    proc = subprocess.Popen(
        bundle.command("CorrespondenceDesk", "--db", db),
        env=bundle.env(),
        cwd=bundle.home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(6)
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
