"""How fast the letter prints: in-process rendering, a 100-recommendation annex, and the whole
`correspondence-desk render` command against LibreOffice converting our own DOCX export of the same
letter. What the tagging (PDF/UA-1) and PDF/A-2b cost is measured on the same letters built without
them, taking turns with the tagged builds so both see the same load.

    .venv/bin/python bench/bench_render.py [--runs N] [--process-runs N] [--no-install] [--baseline DIR]

Uses a temporary database filled with the demo data (its letterhead has a logo) plus a letter
answering 100 recommendations. Both letters are rendered as the office prints them (with the
letterhead); LibreOffice converts the DOCX that `render --docx` writes for each, so both sides lay
out the same letter. The two commands take turns, run by run. Installs LibreOffice (Writer, no GUI)
with apt-get when `soffice` is missing, unless --no-install. Prints the median of N runs with
min/max of the wall-clock time (what the targets are about) and the median CPU time (user + system,
which a busy machine disturbs less), and the ratios measured in this run.

--baseline DIR also times the `render` command of another copy of the sources, in the same turns
(DIR holds its src/ and resources/, e.g. `git archive main src resources | tar -x -C DIR`), so a
change is measured before and after under the same load.
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
from correspondence_desk.core.printing import house_style, render_letter_pdf
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.records import LetterDetail, NewRecommendation, NewResponse
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


@dataclass
class Pair:
    """Our `render` command and LibreOffice's conversion of the same letter, each with the file it
    must write."""

    ours: Measure
    render: list[str]
    ours_pdf: Path
    office: Measure
    convert: list[str]
    office_pdf: Path
    baseline: Measure = field(default_factory=lambda: Measure(""))


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


def run_process(
    measure: Measure, command: list[str], produces: Path, env: dict[str, str] | None = None
) -> None:
    """Time one run of `command`, which must write `produces` (soffice exits 0 even when it could
    not load the document, and a failed conversion is quick)."""
    produces.unlink(missing_ok=True)
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, check=True, capture_output=True, env=env)
    measure.wall.append(time.perf_counter() - wall)
    measure.cpu.append(_children_cpu() - cpu)
    if not produces.exists():
        raise SystemExit(f"{' '.join(command)} did not write {produces}")


def soffice_command() -> str | None:
    """LibreOffice with Writer: the tests install Calc only, and a soffice without Writer
    "converts" a DOCX by failing to load it, which is no comparison."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        return None
    program = Path(os.path.realpath(found)).parent
    if not list(program.glob("libswlo.*")) and not list(program.glob("swlo.*")):
        return None
    return found


def install_libreoffice() -> str | None:
    print("LibreOffice Writer is missing; installing it with apt-get (a few minutes)…", file=sys.stderr)
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


BIG_REFERENCE = "CTA/BSP/2027/003"


def add_big_letter(services: Services, demo: LetterDetail, recommendations: int = 100) -> LetterDetail:
    """The 100-recommendation sample letter (samples.py) stored as a real report and draft letter,
    so the whole `render` command can print it too."""
    sample = sample_letter(recommendations)
    report = services.reports.create(
        reference="BSP-2027-01",
        title="Value for money in the capital programme",
        recommendations=[
            NewRecommendation(label=x.recommendation.label, text=x.recommendation.text)
            for x in sample.responses
        ],
    )
    answers = {x.recommendation.label: x for x in sample.responses}
    assert demo.sender is not None and demo.recipient is not None
    return services.letters.create(
        reference=BIG_REFERENCE,
        letter_date=sample.letter_date,
        sender_id=demo.sender.id,
        recipient_id=demo.recipient.id,
        subject=sample.subject,
        body=sample.body,
        copy_list=sample.copy_list,
        responses=[
            NewResponse(rec.id, answers[rec.label].text, answers[rec.label].position)
            for rec in report.recommendations
        ],
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=21, help="in-process runs of the demo letter (default 21)"
    )
    parser.add_argument("--process-runs", type=int, default=9, help="runs of each command (default 9)")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install LibreOffice")
    parser.add_argument("--baseline", type=Path, help="another source tree whose render is timed too")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        db = work / "bench.sqlite3"
        services = Services(open_database(location_for(db)))
        letter = load_demo(services).letter
        big = add_big_letter(services, letter)
        head = services.prints.letterhead()
        docx = {
            ref: services.prints.docx(services.letters.get(ref)) for ref in (LETTER_REFERENCE, BIG_REFERENCE)
        }
        services.close()
        # as printed (the letterhead, with its logo); the tagging cost is measured without the
        # letterhead, whose painter draws on the tagged canvas only
        demo = in_process(
            Measure("demo letter with the letterhead, in-process", "≤ 50 ms"),
            lambda: render_letter_pdf(letter, letterhead=head),
            args.runs,
        )
        annex = in_process(
            Measure("100-recommendation letter with the letterhead, in-process", "≤ 1 s"),
            lambda: render_letter_pdf(big, letterhead=head),
            max(5, args.runs // 4),
        )
        demo_tagged = Measure("demo letter, no letterhead, tagged")
        demo_plain = Measure("  the same without tags and PDF/A (for comparison)")
        alternate(
            demo_tagged,
            lambda: render_letter_pdf(letter),
            demo_plain,
            untagged(lambda: render_letter_pdf(letter)),
            args.runs,
        )
        annex_tagged = Measure("100-recommendation letter, no letterhead, tagged")
        annex_plain = Measure("  the same without tags and PDF/A (for comparison)")
        alternate(
            annex_tagged,
            lambda: render_letter_pdf(big),
            annex_plain,
            untagged(lambda: render_letter_pdf(big)),
            max(5, args.runs // 4),
        )
        pages_big = render_letter_pdf(big, letterhead=head).count(b"/Type /Page\n")

        # as installed: Python keeps compiled bytecode (kept in a temporary folder here, even when
        # PYTHONDONTWRITEBYTECODE is set in this shell), so start-up does not recompile the sources
        app_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        app_env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        soffice = soffice_command() or (None if args.no_install else install_libreoffice())
        profile = (work / "lo-profile").as_uri()
        pairs: list[Pair] = []
        for ref, what in (
            (LETTER_REFERENCE, "the demo letter"),
            (BIG_REFERENCE, "the 100-recommendation letter"),
        ):
            name = ref.replace("/", "-")
            ours, source = work / f"{name}.pdf", work / f"{name}.docx"
            source.write_bytes(docx[ref])
            convert = [soffice or "soffice", f"-env:UserInstallation={profile}", "--headless"]
            convert += ["--convert-to", "pdf", "--outdir", str(work / "lo"), str(source)]
            pairs.append(
                Pair(
                    Measure(f"`correspondence-desk render`, {what}, whole process"),
                    [*cli_command(), "--db", str(db), "render", ref, "--pdf", str(ours)],
                    ours,
                    Measure(f"LibreOffice: our DOCX of {what} → PDF (soffice --headless)"),
                    convert,
                    work / "lo" / f"{name}.pdf",
                )
            )
        # LibreOffice's first run creates its user profile, Python's first run compiles the
        # sources: neither is timed (an office PC has both). The commands take turns, run by run,
        # so all of them see the same load on the machine.
        baseline_env = None
        if args.baseline:
            baseline_env = dict(app_env, PYTHONPATH=str(args.baseline.resolve() / "src"))
            baseline_env["PYTHONPYCACHEPREFIX"] = str(work / "pycache-baseline")
            for pair in pairs:
                pair.baseline.name = f"  the same, baseline sources ({args.baseline})"
        for _ in range(1 + args.process_runs):
            for pair in pairs:
                run_process(pair.ours, pair.render, pair.ours_pdf, app_env)
                if soffice:
                    run_process(pair.office, pair.convert, pair.office_pdf)
                if baseline_env:
                    run_process(pair.baseline, pair.render, pair.ours_pdf, baseline_env)
        for pair in pairs:  # drop the untimed first runs
            for m in (pair.ours, pair.office, pair.baseline):
                del m.wall[:1], m.cpu[:1]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    measures = [demo, annex, demo_tagged, demo_plain, annex_tagged, annex_plain]
    measures += [m for pair in pairs for m in (pair.ours, pair.baseline, pair.office) if m.wall]
    width = max(len(m.name) for m in measures)
    print(f"{'measure':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  {'CPU':>9}  runs  target")
    for m in measures:
        print(
            f"{m.name:<{width}}  {ms(m.median):>9}  {ms(min(m.wall)):>9}  {ms(max(m.wall)):>9}"
            f"  {ms(statistics.median(m.cpu)):>9}  {len(m.wall):>4}  {m.target}"
        )
    print(f"(the 100-recommendation letter has {pages_big} pages; CPU = median user + system time)")
    for tagged, plain in ((demo_tagged, demo_plain), (annex_tagged, annex_plain)):
        cost = statistics.median(tagged.cpu) - statistics.median(plain.cpu)
        share = cost / statistics.median(plain.cpu)
        print(
            f"tagging + PDF/A cost, {tagged.name.split(',')[0]}: {ms(cost)} of CPU per render ({share:.0%})"
        )
    ok = demo.median <= 0.050 and annex.median <= 1.0
    if soffice:
        in_app = pairs[0].office.median / demo.median
        print(f"in-app render vs LibreOffice, demo letter: {in_app:,.0f}× faster (target ≥ 10×)")
        for what, pair in zip(("demo letter", "100-recommendation letter"), pairs, strict=True):
            p, o = pair.ours, pair.office
            wall = o.median / p.median
            cpu = statistics.median(o.cpu) / statistics.median(p.cpu)
            target = "target ≥ 2.3×" if pair is pairs[0] else "for information"
            print(
                f"whole `render` command vs LibreOffice, {what}: {wall:,.2f}× faster "
                f"({cpu:,.2f}× in CPU time; {target})"
            )
            if pair.baseline.wall:
                b = pair.baseline
                print(
                    f"  the baseline's: {o.median / b.median:,.2f}× "
                    f"({statistics.median(o.cpu) / statistics.median(b.cpu):,.2f}× in CPU time)"
                )
        ok = ok and pairs[0].office.median / pairs[0].ours.median >= 2.3
        ok = ok and in_app >= 10
    else:
        print("LibreOffice not available: no ratios measured")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
