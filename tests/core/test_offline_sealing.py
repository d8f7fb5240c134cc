"""A sealed offline copy: nothing readable at rest, a wrong passphrase or an altered file is a clear
error that writes nothing, and closing an opened copy seals its changes back."""

from __future__ import annotations

import sqlite3

import pytest

from correspondence_desk.core.errors import (
    StorageError,
    UnsealedWorkFound,
    ValidationError,
    WrongPassphraseError,
)
from correspondence_desk.core.offline import sealing


@pytest.fixture
def sealed(tmp_path):
    plain = tmp_path / "plain.sqlite3"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('Committee venue: Room 4')")
    conn.commit()
    conn.close()
    out = tmp_path / "copy.sqlite3"
    sealing.seal_file(plain, out, "rivers and bridges")
    return out


def test_nothing_is_readable_at_rest(sealed):
    data = sealed.read_bytes()
    assert sealing.is_sealed(sealed) and b"Room 4" not in data and b"SQLite format" not in data


def test_a_wrong_passphrase_is_a_clear_error_and_writes_nothing(sealed):
    before = sealed.read_bytes()
    with pytest.raises(WrongPassphraseError, match="does not open"):
        sealing.open_sealed(sealed, "bridges and rivers")
    assert sealed.read_bytes() == before


def test_an_altered_file_does_not_open(sealed):
    data = bytearray(sealed.read_bytes())
    data[-5] ^= 0x01
    sealed.write_bytes(bytes(data))
    with pytest.raises(WrongPassphraseError, match="altered"):
        sealing.open_sealed(sealed, "rivers and bridges")


def test_an_opened_copy_is_sealed_again_on_close_and_its_plain_file_removed(sealed):
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    assert opened.work_path.stat().st_mode & 0o077 == 0
    conn = sqlite3.connect(opened.work_path)
    conn.execute("INSERT INTO notes VALUES ('Printed two copies')")
    conn.commit()
    conn.close()
    opened.close()
    assert not opened.work_path.exists()
    again = sealing.open_sealed(sealed, "rivers and bridges")
    try:
        rows = sqlite3.connect(again.work_path).execute("SELECT text FROM notes").fetchall()
        assert [r[0] for r in rows] == ["Committee venue: Room 4", "Printed two copies"]
    finally:
        again.close(reseal=False)


def test_a_short_passphrase_is_refused():
    with pytest.raises(ValidationError, match="at least 8"):
        sealing.check_passphrase("short")


# --- crash safety: sealed again after writes, and what a crash leaves is recovered ----------------


def _add_note(path, text):
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO notes VALUES (?)", (text,))
    conn.commit()
    conn.close()


def _sealed_notes(sealed_path, tmp_path):
    """What the sealed file holds now, read without opening it as a copy."""
    plain = tmp_path / "peek.sqlite3"
    plain.write_bytes(sealing.unseal_bytes(sealed_path.read_bytes(), "rivers and bridges"))
    try:
        return [r[0] for r in sqlite3.connect(plain).execute("SELECT text FROM notes")]
    finally:
        plain.unlink()


def _crash(opened):
    """What a killed process leaves: the working file, its lock freed by the OS, nothing sealed."""
    opened._end()


def test_a_write_is_in_the_sealed_file_after_reseal_without_closing(sealed, tmp_path):
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    try:
        before = sealed.read_bytes()
        assert opened.reseal() is False and sealed.read_bytes() == before  # nothing changed: not rewritten
        _add_note(opened.work_path, "Agenda printed")
        assert opened.reseal() is True
        assert _sealed_notes(sealed, tmp_path) == ["Committee venue: Room 4", "Agenda printed"]
        assert not list(sealed.parent.glob(".*.sealing"))  # written beside, renamed over
    finally:
        opened.close()
    assert not opened.folder.exists()


def test_a_copy_open_elsewhere_is_not_opened_twice(sealed):
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    try:
        with pytest.raises(StorageError, match="open in another window"):
            sealing.open_sealed(sealed, "rivers and bridges")
    finally:
        opened.close()


def test_a_crash_leftover_is_offered_then_recovered_and_removed(sealed, tmp_path):
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    _add_note(opened.work_path, "Written just before the crash")
    _crash(opened)
    assert opened.work_path.exists()
    with pytest.raises(UnsealedWorkFound, match="left unsealed"):
        sealing.open_sealed(sealed, "rivers and bridges")
    with pytest.raises(WrongPassphraseError):  # a wrong passphrase recovers (and removes) nothing
        sealing.open_sealed(sealed, "not the passphrase", leftover=sealing.RECOVER)
    assert opened.work_path.exists()
    again = sealing.open_sealed(sealed, "rivers and bridges", leftover=sealing.RECOVER)
    try:
        assert again.recovered
        # sealed at once, before any further work
        assert _sealed_notes(sealed, tmp_path)[-1] == "Written just before the crash"
    finally:
        again.close()
    assert not again.work_path.exists()


def test_a_discarded_leftover_is_overwritten_and_the_sealed_copy_opens(sealed, tmp_path):
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    _add_note(opened.work_path, "Not wanted")
    _crash(opened)
    again = sealing.open_sealed(sealed, "rivers and bridges", leftover=sealing.DISCARD)
    try:
        rows = sqlite3.connect(again.work_path).execute("SELECT text FROM notes").fetchall()
        assert rows == [("Committee venue: Room 4",)] and not again.recovered
    finally:
        again.close(reseal=False)


def test_a_leftover_with_nothing_new_is_removed_without_asking(sealed):
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    _add_note(opened.work_path, "Sealed before the crash")
    opened.reseal()
    _crash(opened)
    again = sealing.open_sealed(sealed, "rivers and bridges")  # no UnsealedWorkFound
    try:
        rows = [r[0] for r in sqlite3.connect(again.work_path).execute("SELECT text FROM notes")]
        assert rows[-1] == "Sealed before the crash" and not again.recovered
    finally:
        again.close()


def test_a_half_written_seal_from_a_kill_is_removed_and_the_copy_is_whole(sealed):
    half = sealed.with_name(f".{sealed.name}.99999.sealing")
    half.write_bytes(sealed.read_bytes()[:100])
    opened = sealing.open_sealed(sealed, "rivers and bridges")
    opened.close()
    assert not half.exists()


def test_the_working_file_is_removed_securely(sealed, monkeypatch):
    from correspondence_desk.core.offline import workfile

    opened = sealing.open_sealed(sealed, "rivers and bridges")
    overwritten = []
    real = workfile._overwrite
    monkeypatch.setattr(workfile, "_overwrite", lambda p: (overwritten.append(p.name), real(p)))
    opened.close()
    assert opened.work_path.name in overwritten
