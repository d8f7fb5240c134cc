"""How fast the letter prints: in-process rendering, a 100-recommendation annex, and the whole
`correspondence-desk render` command against LibreOffice converting our own DOCX export.

    .venv/bin/python bench/bench_render.py [--runs N] [--no-install]

Uses a temporary database filled with the demo data. Installs LibreOffice (Writer, no GUI) with
apt-get when `soffice` is missing, unless --no-install. Prints the median of N runs with min/max,
and the ratios measured in this run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from correspondence_desk.core.db import open_database
from correspondence_desk.core.printing import render_letter_docx, render_letter_pdf
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.services import Services
from correspondence_desk.core.services.demo import LETTER_REFERENCE, load_demo
from correspondence_desk.paths import location_for

TARGETS = {
    "demo letter, in-process": "≤ 50 ms",
    "100-recommendation annex, in-process": "≤ 1 s",
}


def timed(func: Callable[[], object], runs: int, warm_up: int = 1) -> list[float]:
    for _ in range(warm_up):
        func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


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
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per in-process measure (default 15)")
    parser.add_argument("--process-runs", type=int, default=7, help="runs per whole-process measure")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install LibreOffice")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        db = work / "bench.sqlite3"
        services = Services(open_database(location_for(db)))
        letter = load_demo(services).letter
        services.close()
        big = sample_letter(100)
        rows: list[tuple[str, list[float], str]] = []

        demo_times = timed(lambda: render_letter_pdf(letter), args.runs, warm_up=2)
        rows.append(("demo letter, in-process", demo_times, TARGETS["demo letter, in-process"]))
        big_times = timed(lambda: render_letter_pdf(big), max(3, args.runs // 3))
        rows.append(
            (
                "100-recommendation annex, in-process",
                big_times,
                TARGETS["100-recommendation annex, in-process"],
            )
        )
        pages_big = render_letter_pdf(big).count(b"/Type /Page\n")

        out_pdf = work / "letter.pdf"
        render = [*cli_command(), "--db", str(db), "render", LETTER_REFERENCE, "--pdf", str(out_pdf)]
        soffice = soffice_command() or (None if args.no_install else install_libreoffice())
        process_times: list[float] = []
        lo_times: list[float] = []
        if soffice:
            docx = work / "letter.docx"
            docx.write_bytes(render_letter_docx(letter))
            profile = (work / "lo-profile").as_uri()
            convert = [
                soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                "--outdir", str(work / "lo"), str(docx),
            ]  # fmt: skip
            # the first run creates LibreOffice's user profile: not timed, as an office PC has one.
            # The two commands take turns, so both see the same load on the machine.
            run(convert)
            run(render)
            for _ in range(args.process_runs):
                process_times.append(run(render))
                lo_times.append(run(convert))
        else:
            process_times = [run(render) for _ in range(args.process_runs)]
        rows.append(("`correspondence-desk render`, whole process", process_times, ""))
        if lo_times:
            rows.append(("LibreOffice: our DOCX → PDF (soffice --headless)", lo_times, ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  runs  target")
    for name, times, target in rows:
        print(
            f"{name:<{width}}  {ms(statistics.median(times)):>9}  {ms(min(times)):>9}  {ms(max(times)):>9}"
            f"  {len(times):>4}  {target}"
        )
    print(f"(the 100-recommendation letter has {pages_big} pages)")
    ok = statistics.median(demo_times) <= 0.050 and statistics.median(big_times) <= 1.0
    if lo_times:
        lo = statistics.median(lo_times)
        in_app = lo / statistics.median(demo_times)
        whole = lo / statistics.median(process_times)
        print(f"in-app render vs LibreOffice: {in_app:,.0f}× faster (target ≥ 10×)")
        print(f"whole `render` command vs LibreOffice: {whole:,.2f}× faster (target ≥ 1.8×)")
        ok = ok and in_app >= 10 and whole >= 1.8
    else:
        print("LibreOffice not available: no ratios measured")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
