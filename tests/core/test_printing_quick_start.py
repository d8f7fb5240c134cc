"""ReportLab's paragraph module loads with its costly URL pattern compiled on first use only
(core/printing/quick_start.py), and that pattern still matches as ReportLab's own would."""

from __future__ import annotations

import re
import subprocess
import sys

from correspondence_desk.core.printing.quick_start import LazyPattern

CHECK = r"""
import re, sys
compile_before = re.compile
import correspondence_desk.core.printing  # installs the deferral, imports no ReportLab
assert "reportlab" not in sys.modules
import reportlab.platypus.paragraph as paragraph
from correspondence_desk.core.printing.quick_start import LazyPattern
assert re.compile is compile_before, "re.compile is put back"
assert isinstance(paragraph.uri_pat, LazyPattern) and "compiled" not in vars(paragraph.uri_pat)
assert isinstance(paragraph._wsc_re_split.__self__, re.Pattern), "cheap patterns are compiled as usual"
print(paragraph._uri_split_pairs("https://example.org/letters/2027/003"))
print(paragraph._uri_split_pairs("not a url"))
assert isinstance(vars(paragraph.uri_pat)["compiled"], re.Pattern)
"""


def test_the_url_pattern_is_compiled_on_first_use_and_splits_urls_as_before():
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    pairs, none = done.stdout.splitlines()
    assert none == "None"
    assert pairs.startswith("[('https://example.org/letters/2027/', '003')")
    assert "('https://', 'example.org/letters/2027/003')" in pairs


def test_a_lazy_pattern_matches_like_the_compiled_one():
    source = r"(^(?:[a-z]*)://)?([a-z\xa1-\uffff0-9.-]+)\Z"
    lazy, real = LazyPattern(source, re.I), re.compile(source, re.I)
    for text in ("HTTPS://Cymru.example", "ŵyn-é.example", "no spaces allowed"):
        got, want = lazy.match(text), real.match(text)
        assert (got and got.groups()) == (want and want.groups())
    assert lazy.sub("x", "ABC") == real.sub("x", "ABC") and lazy.pattern == source
