"""How well import reads the corpus of formats: every fixture of tests/core/import_corpus (fictional
documents in the formats of real reports and responses, each as pasted text, Word and PDF) and the
nine house-style fixtures of tests/core/import_fixtures, with items read exactly / items expected,
per fixture, per format and in all.

    .venv/bin/python bench/bench_import_corpus.py [--problems] [NAME_PATTERN ...]

--problems also prints what differs for each fixture that is not read exactly; name patterns
("gao_*") keep to the fixtures they match, to score a new batch on its own.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import defaultdict
from fnmatch import fnmatch
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests" / "core"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", action="store_true", help="print what differs")
    parser.add_argument("names", nargs="*", help="fixture name patterns (fnmatch), all when none")
    args = parser.parse_args()
    corpus = _load("import_corpus", TESTS / "import_corpus" / "corpus.py")
    old = _load("import_fixtures_test", TESTS / "test_import_fixtures.py")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    print(f"{'fixture':<36} {'kind':<9} " + " ".join(f"{f:>9}" for f in corpus.FORMATS))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows = [("corpus", case, corpus.expected(case).get("kind", "")) for case in corpus.CASES]
        rows += [("house style", case, "response" if "letter" in case else "report") for case in old.CASES]
        if args.names:
            rows = [r for r in rows if any(fnmatch(r[1], pattern) for pattern in args.names)]
        for source, case, kind in rows:
            cells, problems = [], []
            for fmt in corpus.FORMATS:
                if source == "corpus":
                    if fmt not in corpus.formats(case):
                        cells.append("—")
                        continue
                    exact, total, wrong = corpus.check(case, fmt, out)
                else:
                    exact, total, wrong = old._check(case, old._document(case, fmt, out))
                for key in (fmt, source, "all"):
                    totals[key][0] += exact
                    totals[key][1] += total
                cells.append(f"{exact}/{total}")
                problems += [f"{fmt}: {p}" for p in wrong]
            print(f"{case:<36} {kind:<9} " + " ".join(f"{c:>9}" for c in cells))
            if args.problems:
                for p in problems[:12]:
                    print(f"    {p[:160]}")
    elapsed = time.perf_counter() - start
    print()
    for key in (*corpus.FORMATS, "corpus", "house style", "all"):
        exact, total = totals[key]
        print(f"{key:<14} {exact:>4}/{total:<4} items read exactly ({100 * exact / max(1, total):.1f} %)")
    print(f"\n{len(rows)} fixtures in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
