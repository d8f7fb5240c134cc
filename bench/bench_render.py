"""How fast the letter prints: in-process rendering, a 100-recommendation annex, and the whole
`correspondence-desk render` command against LibreOffice converting our own DOCX export. What the
tagging (PDF/UA-1) and PDF/A-2b cost is measured on the same letters built without them, taking
turns with the tagged builds so both see the same load.

    .venv/bin/python bench/bench_render.py [--runs N] [--process-runs N] [--no-install]

Uses a temporary database filled with the demo data. Installs LibreOffice (Writer, no GUI) with
apt-get when `soffice` is missing, unless --no-install. Prints the median of N runs with min/max of
the wall-clock time (what the targets are about) and the median CPU time (user + system, which a
busy machine disturbs less), and the ratios measured in this run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from correspondence_desk.core.db import open_database
from correspondence_desk.core.printing import house_style, render_letter_docx, render_letter_pdf
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.services import Services
from correspondence_desk.core.services.demo import LETTER_REFERENCE, load_demo
from correspondence_desk.paths import location_for


@dataclass
class Measure:
    name: str
    target: str = ""
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


def in_process(measure: Measure, func: Callable[[], object], runs: int, warm_up: int = 1) -> Measure:
    for _ in range(warm_up):
        func()
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        measure.cpu.append(time.process_time() - cpu)
        measure.wall.append(time.perf_counter() - wall)
    return measure


def alternate(a: Measure, fa: Callable[[], object], b: Measure, fb: Callable[[], object], runs: int) -> None:
    """Time two things taking turns (after one warm-up each), so that both see the same load."""
    fa(), fb()
    for _ in range(runs):
        in_process(a, fa, 1, warm_up=0)
        in_process(b, fb, 1, warm_up=0)


def untagged_canvas(marking: str = "", footer_left: str = "", **_ignored: object) -> type:
    """The page-furniture canvas as it was before tagging: no marked content, no structure tree,
    no XMP or output intent, ReportLab's own stream format. Only for measuring what tagging costs."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class PlainFurnitureCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self.setFont(house_style.FONT, 9)
                self.drawCentredString(house_style.PAGE_WIDTH / 2, 14 * mm, f"Page {number} of {total}")
                if marking:
                    self.setFont(house_style.FONT_BOLD, 10)
                    self.drawCentredString(
                        house_style.PAGE_WIDTH / 2, house_style.PAGE_HEIGHT - 11 * mm, marking
                    )
                    self.drawCentredString(house_style.PAGE_WIDTH / 2, 8 * mm, marking)
                Canvas.showPage(self)
            Canvas.save(self)

    return PlainFurnitureCanvas


def untagged(render: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        tagged = house_style.furniture_canvas
        house_style.furniture_canvas = untagged_canvas  # type: ignore[assignment]
        try:
            return render()
        finally:
            house_style.furniture_canvas = tagged

    return run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(measure: Measure, command: list[str], env: dict[str, str] | None = None) -> None:
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, check=True, capture_output=True, env=env)
    measure.wall.append(time.perf_counter() - wall)
    measure.cpu.append(_children_cpu() - cpu)


def soffice_command() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def install_libreoffice() -> str | None:
    print("LibreOffice is missing; installing it with apt-get (a few minutes)…", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    for package in ("libreoffice-writer-nogui", "libreoffice-writer"):
        done = subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False, env=env)
        if done.returncode == 0 and soffice_command():
            break
    return soffice_command()


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("correspondence-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "correspondence_desk"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=21, help="in-process runs of the demo letter (default 21)"
    )
    parser.add_argument("--process-runs", type=int, default=9, help="runs of each command (default 9)")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install LibreOffice")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        db = work / "bench.sqlite3"
        services = Services(open_database(location_for(db)))
        letter = load_demo(services).letter
        services.close()
        big = sample_letter(100)
        demo = Measure("demo letter, in-process", "≤ 50 ms")
        demo_plain = Measure("  the same without tags and PDF/A (for comparison)")
        alternate(
            demo,
            lambda: render_letter_pdf(letter),
            demo_plain,
            untagged(lambda: render_letter_pdf(letter)),
            args.runs,
        )
        annex = Measure("100-recommendation annex, in-process", "≤ 1 s")
        annex_plain = Measure("  the same without tags and PDF/A (for comparison)")
        alternate(
            annex,
            lambda: render_letter_pdf(big),
            annex_plain,
            untagged(lambda: render_letter_pdf(big)),
            max(5, args.runs // 4),
        )
        pages_big = render_letter_pdf(big).count(b"/Type /Page\n")

        render = [
            *cli_command(),
            "--db",
            str(db),
            "render",
            LETTER_REFERENCE,
            "--pdf",
            str(work / "letter.pdf"),
        ]
        # as installed: Python keeps compiled bytecode (kept in a temporary folder here, even when
        # PYTHONDONTWRITEBYTECODE is set in this shell), so start-up does not recompile the sources
        app_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        app_env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        process = Measure("`correspondence-desk render`, whole process")
        office = Measure("LibreOffice: our DOCX → PDF (soffice --headless)")
        soffice = soffice_command() or (None if args.no_install else install_libreoffice())
        if soffice:
            docx = work / "letter.docx"
            docx.write_bytes(render_letter_docx(letter))
            profile = (work / "lo-profile").as_uri()
            convert = [
                soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                "--outdir", str(work / "lo"), str(docx),
            ]  # fmt: skip
            # LibreOffice's first run creates its user profile: not timed (an office PC has one).
            # The two commands take turns, so both see the same load on the machine.
            subprocess.run(convert, check=True, capture_output=True)
            subprocess.run(render, check=True, capture_output=True, env=app_env)
            for _ in range(args.process_runs):
                run_process(process, render, app_env)
                run_process(office, convert)
        else:
            subprocess.run(render, check=True, capture_output=True, env=app_env)
            for _ in range(args.process_runs):
                run_process(process, render, app_env)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    measures = [m for m in (demo, demo_plain, annex, annex_plain, process, office) if m.wall]
    width = max(len(m.name) for m in measures)
    print(f"{'measure':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  {'CPU':>9}  runs  target")
    for m in measures:
        print(
            f"{m.name:<{width}}  {ms(m.median):>9}  {ms(min(m.wall)):>9}  {ms(max(m.wall)):>9}"
            f"  {ms(statistics.median(m.cpu)):>9}  {len(m.wall):>4}  {m.target}"
        )
    print(f"(the 100-recommendation letter has {pages_big} pages; CPU = median user + system time)")
    for tagged, plain in ((demo, demo_plain), (annex, annex_plain)):
        cost = statistics.median(tagged.cpu) - statistics.median(plain.cpu)
        print(f"tagging + PDF/A cost, {tagged.name.split(',')[0]}: {ms(cost)} of CPU per render")
    ok = demo.median <= 0.050 and annex.median <= 1.0
    if office.wall:
        in_app, whole = office.median / demo.median, office.median / process.median
        print(f"in-app render vs LibreOffice: {in_app:,.0f}× faster (target ≥ 10×)")
        print(f"whole `render` command vs LibreOffice: {whole:,.2f}× faster (target ≥ 2.3×)")
        ok = ok and in_app >= 10 and whole >= 2.3
    else:
        print("LibreOffice not available: no ratios measured")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
