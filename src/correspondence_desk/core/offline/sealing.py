"""An offline copy sealed at rest: the whole SQLite file encrypted with a passphrase.

Why a container and not SQLCipher: `cryptography` is already installed with the app (pdfminer
needs it), has wheels for every platform the office uses (Windows included) and is kept by a large
project; the SQLCipher bindings (sqlcipher3-binary) ship Linux wheels only, and a second SQLite
build under SQLAlchemy is one more thing to go wrong. The cost is that an open copy is decrypted
into a private temporary file (owner-only, in the RAM-backed runtime folder where there is one),
re-sealed when it is closed, and removed.

The file: MAGIC, a 4-byte header length, a JSON header (scrypt's salt and cost, the GCM nonce), then
AES-256-GCM of the database with the magic and header as associated data, so nothing in it can be
altered unnoticed. A wrong passphrase fails GCM's check: a clear WrongPassphraseError, and the file
is never written. Sealing writes a new file beside it and renames it over (atomic), so a kill leaves
the old copy or the new, never half of one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from correspondence_desk.core.errors import StorageError, ValidationError, WrongPassphraseError

MAGIC = b"CDSEAL01"
FORMAT = "cd-seal-1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1  # ~0.1 s and 32 MB per try: slow for a guesser
MIN_PASSPHRASE = 8


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.")
    return passphrase


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal_bytes(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = json.dumps(
        {
            "format": FORMAT,
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
        },
        sort_keys=True,
    ).encode()
    prefix = MAGIC + struct.pack(">I", len(header)) + header
    key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return prefix + AESGCM(key).encrypt(nonce, data, prefix)


def unseal_bytes(sealed: bytes, passphrase: str, what: str = "this copy") -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + 4:
        raise StorageError(f"{what} is not a sealed offline copy.")
    (size,) = struct.unpack(">I", sealed[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + size
    try:
        header = json.loads(sealed[len(MAGIC) + 4 : end])
        salt = base64.b64decode(header["salt"])
        nonce = base64.b64decode(header["nonce"])
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"{what} is damaged (its seal's header cannot be read).") from exc
    if header.get("format") != FORMAT:
        raise StorageError(f"{what} was sealed by a newer version of Correspondence Desk.")
    try:
        return AESGCM(_key(passphrase, salt, n, r, p)).decrypt(nonce, sealed[end:], sealed[:end])
    except InvalidTag:
        raise WrongPassphraseError(
            f"The passphrase does not open {what} (or the file was altered). Nothing was changed; "
            "try again with the passphrase it was sealed with."
        ) from None


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.sealing")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            f"Cannot write {path}: {exc.strerror or exc}. The copy there is unchanged."
        ) from exc


def _settled_bytes(plain: Path) -> bytes:
    """The database as one file: fold its write-ahead log in first."""
    conn = sqlite3.connect(plain)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return plain.read_bytes()


def seal_file(plain: Path, sealed: Path, passphrase: str) -> None:
    _write_atomically(sealed, seal_bytes(_settled_bytes(plain), passphrase))


def private_dir() -> Path:
    """An owner-only folder for a decrypted copy: in the RAM-backed runtime folder when there is one."""
    base = os.environ.get("XDG_RUNTIME_DIR") or ""
    parent = Path(base) if base and Path(base).is_dir() and os.access(base, os.W_OK) else None
    path = Path(tempfile.mkdtemp(prefix="correspondence-desk-offline-", dir=parent))
    path.chmod(0o700)
    return path


@dataclass
class OpenedCopy:
    """A sealed copy opened for work: `work_path` is the decrypted database; `close()` seals it back
    (when it changed) and removes the decrypted file."""

    sealed: Path
    work_path: Path
    passphrase: str = field(repr=False)
    _digest: str = field(default="", repr=False)
    closed: bool = False

    def changed(self) -> bool:
        return hashlib.sha256(_settled_bytes(self.work_path)).hexdigest() != self._digest

    def reseal(self) -> None:
        data = _settled_bytes(self.work_path)
        digest = hashlib.sha256(data).hexdigest()
        if digest != self._digest:
            _write_atomically(self.sealed, seal_bytes(data, self.passphrase))
            self._digest = digest

    def close(self, *, reseal: bool = True) -> None:
        if self.closed:
            return
        try:
            if reseal and self.work_path.exists():
                self.reseal()
        finally:
            self.closed = True
            shutil.rmtree(self.work_path.parent, ignore_errors=True)


def open_sealed(sealed: Path, passphrase: str) -> OpenedCopy:
    """Decrypt a sealed copy to a private temporary file (WrongPassphraseError: nothing written)."""
    try:
        data = sealed.read_bytes()
    except OSError as exc:
        raise StorageError(f"Cannot read {sealed}: {exc.strerror or exc}.") from exc
    plain = unseal_bytes(data, passphrase, str(sealed))
    folder = private_dir()
    work = folder / (sealed.stem + ".sqlite3")
    fd = os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(plain)
    return OpenedCopy(sealed, work, passphrase, hashlib.sha256(plain).hexdigest())
