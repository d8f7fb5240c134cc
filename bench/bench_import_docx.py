"""How reading a Word document grows with its length, and what a hostile one costs: extracting
.docx reports of 1,000 to 16,000 paragraphs (headings, numbered lists, bold recommendations, a
table every 50 paragraphs), then a 0.5 MB file that unpacks into 1.5 million empty paragraphs.

    .venv/bin/python bench/bench_import_docx.py [--runs N] [--timeout S]

Prints the median of N runs, the cost per paragraph (it should stay flat: reading is linear), and
for the hostile file the time, the peak memory and what the person is told, measured in a child
process that is stopped after S seconds.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx

from correspondence_desk.core.importing import extract

LEADS = ["The Mayor", "The Capital Transport Authority", "London Councils", "The Government"]


def write_report(path: Path, paragraphs: int) -> None:
    document = docx.Document()
    n = 0
    while n < paragraphs:
        if n % 50 == 0:
            document.add_heading(f"Chapter {n // 50 + 1}: Network and services", 1)
            table = document.add_table(rows=2, cols=2)
            table.cell(0, 0).text = "Route"
            table.cell(0, 1).text = "Status"
            table.cell(1, 0).text = f"Route {n}"
            table.cell(1, 1).text = "On track"
            n += 5
        p = document.add_paragraph(style="List Number")
        p.add_run(f"{LEADS[n % 4]} should publish delivery plan {n} for the cross-river network.").bold = True
        document.add_paragraph(
            "The Committee heard evidence from operators, passenger groups and boroughs about how the "
            "network has changed since the last review."
        )
        n += 2
    document.save(str(path))


def write_empty_paragraphs(path: Path, count: int) -> None:
    """A real .docx whose body is `count` empty paragraphs (it packs down to about 0.5 MB)."""
    base = path.with_suffix(".base.docx")
    docx.Document().save(str(base))
    body = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:p/>" * count
        + b"</w:body></w:document>"
    )
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = body if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data, compresslevel=9)
    base.unlink()


_CHILD = """
import sys, time
from pathlib import Path
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.importing import extract
start = time.perf_counter()
try:
    doc = extract(Path(sys.argv[1]))
    outcome = f"read: {len(doc.blocks)} blocks"
except DeskError as exc:
    outcome = f"refused: {exc}"
print(f"{time.perf_counter() - start:.2f}|{outcome}")
"""


def hostile(path: Path, timeout: float) -> tuple[str, str, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        run = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (stopped)", "?", "no answer"
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds, _, outcome = run.stdout.strip().partition("|")
    return (
        f"{float(seconds) * 1000:.0f} ms",
        f"{max(peak, before) / 1024:.0f} MB",
        outcome or run.stderr[-200:],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    print(f"{'document':<36} {'median ms':>9} {'min':>7} {'max':>7} {'µs/paragraph':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1_000, 4_000, 16_000):
            path = Path(tmp) / f"report-{count}.docx"
            write_report(path, count)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                extract(path)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            print(
                f"{f'{count:,} paragraphs':<36} {median * 1000:>9.0f} {min(times) * 1000:>7.0f} "
                f"{max(times) * 1000:>7.0f} {median / count * 1e6:>13.0f}"
            )
        bomb = Path(tmp) / "empty-paragraphs.docx"
        write_empty_paragraphs(bomb, 1_500_000)
        took, peak, outcome = hostile(bomb, args.timeout)
        size = bomb.stat().st_size / 1024
        print(f"\n1.5 M empty paragraphs ({size:.0f} KB): {took}, peak {peak}\n  {outcome}")


if __name__ == "__main__":
    main()
