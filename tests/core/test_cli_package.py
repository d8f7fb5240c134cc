"""The cli package's shape and the mistakes it now refuses: one module opens the database (and always
closes it), a render loads only what it uses, and nothing is done that a later step would undo."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import correspondence_desk.cli
from correspondence_desk.cli import main

REF = "CTA/TEC/2026/017"
DATABASE_LAYER = ("sqlalchemy", "alembic")
CORE_DB = (
    "correspondence_desk.core.model",
    "correspondence_desk.core.db",
    "correspondence_desk.core.services",
)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def loaded_after(code: str) -> list[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stderr.split()


def test_the_cli_modules_load_without_the_database_layer():
    """Importing every cli module (the composition root too: it opens the database only when asked)
    leaves SQLAlchemy, Alembic, the schema and the services out."""
    names = [
        m.name for m in pkgutil.iter_modules(correspondence_desk.cli.__path__, "correspondence_desk.cli.")
    ]
    assert "correspondence_desk.cli.database" in names and len(names) >= 8
    loaded = loaded_after("import importlib\n" + "".join(f"importlib.import_module({n!r})\n" for n in names))
    assert [m for m in loaded if m.split(".")[0] in DATABASE_LAYER or m.startswith(CORE_DB)] == []


def test_a_render_loads_no_parser_and_no_service_it_does_not_use(demo, db_path, tmp_path):
    argv = ["--db", str(db_path), "render", REF, "--pdf", str(tmp_path / "a.pdf")]
    loaded = loaded_after(f"from correspondence_desk.cli import main\nassert main({argv!r}) == 0")
    services = {m.rsplit(".", 1)[1] for m in loaded if m.startswith("correspondence_desk.core.services.")}
    # the letters service and its parts (rows, response edits), printing, the letterhead
    assert services <= {"base", "convert", "letters", "letter_rows", "response_edits", "prints", "letterhead"}
    assert not [
        m for m in loaded if m.startswith(("correspondence_desk.core.importing", "correspondence_desk.ui"))
    ]


def test_a_failed_command_still_closes_the_database(capsys, tmp_path):
    """An open SQLite connection keeps its -wal file; closing the last one removes it."""
    db = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(db), "demo")[0] == 0
    code, _, err = run(capsys, "--db", str(db), "show-report", "NOPE-1")
    assert code == 1 and "NOPE-1" in err
    assert db.exists() and not Path(f"{db}-wal").exists()


def test_issue_refuses_an_unwritable_pdf_before_locking_the_letter(capsys, demo, db_path, services, tmp_path):
    code, out, err = run(capsys, "--db", str(db_path), "issue", REF, "--pdf", str(tmp_path / "no" / "x.pdf"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "not issued" in err
    assert not services.letters.get(REF).is_issued
    code, _, err = run(capsys, "--db", str(db_path), "issue", REF, "--pdf", str(tmp_path))
    assert code == 1 and "folder" in err and not services.letters.get(REF).is_issued


@pytest.mark.parametrize(
    "argv",
    [
        ["render", REF, "--pdf", "-", "--docx", "-"],  # two documents glued together on stdout
        ["search", "bus", "--limit", "0"],  # said "Nothing found." although there was
        ["search", "bus", "--limit", "-1"],  # meant "no limit" to SQLite
        ["due", "--within", "-3"],
    ],
)
def test_nonsense_options_are_usage_errors(capsys, demo, db_path, argv):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), *argv])
    assert exc.value.code == 2
    _, err = capsys.readouterr()
    assert f"correspondence-desk {argv[0]}: error:" in err and "Traceback" not in err


def test_import_json_keeps_its_warnings_on_stderr(capsys, tmp_path):
    path = tmp_path / "gap.md"
    path.write_text("Recommendation 1 - The Mayor should act.\n\nRecommendation 3 - The Mayor should pay.\n")
    code, out, err = run(
        capsys, "--db", str(tmp_path / "office.sqlite3"), "import-report", str(path), "--json"
    )
    assert code == 0 and [r["label"] for r in json.loads(out)["recommendations"]] == ["1", "3"]
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "recommendation 2 may have been missed" in warnings[0]
