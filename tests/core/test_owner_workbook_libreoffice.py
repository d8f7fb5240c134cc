"""One round trip through LibreOffice: the owners' workbook exported, edited in LibreOffice Calc (the
cells typed through its own UNO interface, the sheet's protection in force), saved there as .xlsx,
and imported back."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from correspondence_desk.core.records import Position, Progress, UpdateSource

HELPER = Path(__file__).with_name("libreoffice_edit.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
CALC_LIBRARIES = ("/usr/lib/libreoffice/program/libsclo.so", "/opt/libreoffice/program/libsclo.so")


def _uno_python() -> str | None:
    for candidate in UNO_PYTHONS:
        if Path(candidate).exists():
            found = subprocess.run([candidate, "-c", "import uno"], capture_output=True, check=False)
            if found.returncode == 0:
                return candidate
    return None


@pytest.mark.slow
def test_a_workbook_edited_and_saved_in_libreoffice_imports_back(services, demo, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the LibreOffice round trip cannot run")
    if not any(Path(p).exists() for p in CALC_LIBRARIES):
        pytest.skip(
            "LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui): no spreadsheets to edit"
        )
    python = _uno_python()
    if python is None:
        pytest.skip("no Python with LibreOffice's UNO bridge (python3-uno): cannot drive LibreOffice")

    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    recs = {r.label: r for r in demo.report.recommendations}
    services.reports.update_recommendation(recs["7"].id, owner="Schools Team")
    services.updates.record(recs["1"].id, progress=Progress.AMBER, target_date=dt.date(2027, 3, 31))
    sent = tmp_path / "owners.xlsx"
    services.updates.export_workbook(sent)

    answers = {
        "Network Strategy": {
            "TEC-2026-04/1": {
                "New RAG": "Green",
                "New update": "Map drafted – 240 of 250 schools; the rest follow in June.",
                "New target date": "2027-06-30",
                "Reason for new date": "Ten boroughs sent their data late",
                "Recommendation": "Edited by the owner",  # a locked cell: left as it was
            },
            "TEC-2026-04/5": {"New RAG": "Red", "New update": "Trial sites not yet agreed"},
        },
        "Schools Team": {
            "TEC-2026-04/7": {"New RAG": "Amber", "New update": "Routes mapped for Ŵyl Dewi school"}
        },
    }
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    back = tmp_path / "returned.xlsx"
    run = subprocess.run(
        [python, str(HELPER), str(sent), str(back), str(answers_file), str(tmp_path / "lo-profile")],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    edited = json.loads(run.stdout.strip().splitlines()[-1])
    # LibreOffice read the protection, the locked cells and the drop-down as written
    assert edited["protected"] == {"Network Strategy": True, "Schools Team": True}
    assert edited["refused"] == [["Network Strategy", "TEC-2026-04/1", "Recommendation"]]
    assert edited["validation"] == ['LIST "Red";"Amber";"Green";"Complete"']
    assert edited["hidden_sheets"] == ["Desk export"]
    assert back.exists() and back.read_bytes() != sent.read_bytes()
    book = openpyxl.load_workbook(back)
    assert book["Desk export"].sheet_state == "hidden"  # LibreOffice kept what the import relies on
    assert book["Network Strategy"].column_dimensions["M"].hidden

    review = services.updates.import_workbook(back, dry_run=True)
    assert review.problems == ()
    assert {r.reference for r in review.changes} == {"TEC-2026-04/1", "TEC-2026-04/5", "TEC-2026-04/7"}
    saved = services.updates.import_workbook(back)
    assert saved.applied and saved.added == 3
    first = services.updates.history(recs["1"].id)[-1]
    assert (first.progress, first.target_date, first.source) == (
        Progress.GREEN,
        dt.date(2027, 6, 30),
        UpdateSource.WORKBOOK,
    )
    assert first.text == "Map drafted – 240 of 250 schools; the rest follow in June."
    assert first.revision_note == "revised from 31 March 2027 because Ten boroughs sent their data late"
    assert services.updates.history(recs["7"].id)[-1].text == "Routes mapped for Ŵyl Dewi school"
    assert services.reports.get_recommendation(recs["5"].id).position is Position.ACCEPTED_IN_PRINCIPLE
    assert services.updates.import_workbook(back).added == 0  # a second import adds nothing
