"""A sealed offline copy: nothing readable at rest, a wrong passphrase or an altered file is a clear
error that writes nothing, and closing an opened copy seals its changes back."""

from __future__ import annotations

import sqlite3

import pytest

from correspondence_desk.core.errors import ValidationError, WrongPassphraseError
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
