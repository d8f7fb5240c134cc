"""Edit a workbook in LibreOffice itself, as an owner would, and save it as .xlsx again.

Run by a Python that has LibreOffice's UNO bridge (Debian's python3-uno), not by the project's:

    python3 libreoffice_edit.py IN.xlsx OUT.xlsx ANSWERS.json PROFILE_DIR

ANSWERS.json is {"Sheet name": {"REPORT/LABEL": {"Column heading": "typed text"}}}; each value is
typed into the cell as a person types it (setFormula: "2027-06-30" becomes a date, "Amber" text).
LibreOffice's API does not enforce sheet protection (its window does), so a cell LibreOffice reads
as locked on a protected sheet is left alone, as a person could only leave it. Prints JSON: what
LibreOffice saw (each sheet protected or not, the New RAG cells' validation) and the cells refused.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

HEADER_ROW = 1  # 0-based, as UNO counts


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str, soffice: subprocess.Popen[bytes]) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        if soffice.poll() is not None:
            raise SystemExit(f"soffice ended early with {soffice.returncode}")
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.25)
    raise SystemExit("soffice did not start listening within 30 s")


def main(src: str, dest: str, answers_file: str, profile: str) -> None:
    answers = json.loads(Path(answers_file).read_text(encoding="utf-8"))
    pipe = f"desk-test-{uuid.uuid4().hex[:8]}"
    soffice = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
            f"-env:UserInstallation={Path(profile).absolute().as_uri()}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    refused: list[list[str]] = []
    seen: dict[str, Any] = {"protected": {}, "validation": set()}
    try:
        ctx = _connect(pipe, soffice)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(Path(src).absolute())), "_blank", 0, (_prop("Hidden", True),)
        )
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {src} (is Calc installed?)")
        for sheet_name, rows in answers.items():
            sheet = doc.Sheets.getByName(sheet_name)
            headings = {}
            for col in range(20):
                text = sheet.getCellByPosition(col, HEADER_ROW).getString()
                if text:
                    headings[text] = col
            row = HEADER_ROW + 1
            while sheet.getCellByPosition(0, row).getString():
                report, label = (sheet.getCellByPosition(col, row).getString() for col in (0, 1))
                ref = f"{report}/{label}"
                for heading, typed in rows.get(ref, {}).items():
                    cell = sheet.getCellByPosition(headings[heading], row)
                    if sheet.isProtected() and cell.CellProtection.IsLocked:
                        refused.append([sheet_name, ref, heading])
                        continue
                    cell.setFormula(typed)
                validation = sheet.getCellByPosition(headings["New RAG"], row).Validation
                seen["validation"].add(f"{validation.Type.value} {validation.Formula1}")
                row += 1
            seen["protected"][sheet_name] = sheet.isProtected()
        sheets_seen = [
            (doc.Sheets.getByIndex(i).Name, doc.Sheets.getByIndex(i).IsVisible)
            for i in range(doc.Sheets.Count)
        ]
        doc.storeToURL(
            uno.systemPathToFileUrl(str(Path(dest).absolute())),
            (_prop("FilterName", "Calc MS Excel 2007 XML"),),
        )
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down as LibreOffice quits
            pass
        soffice.wait(timeout=30)
    finally:
        if soffice.poll() is None:
            soffice.kill()
            soffice.wait()
    seen["validation"] = sorted(seen["validation"])
    hidden = [doc_sheet for doc_sheet, visible in sheets_seen if not visible]
    print(json.dumps({"refused": refused, "hidden_sheets": hidden, **seen}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
