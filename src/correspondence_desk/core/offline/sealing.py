"""An offline copy sealed at rest: the whole SQLite file encrypted with a passphrase.

Why a container and not SQLCipher: `cryptography` is already installed with the app (pdfminer
needs it), has wheels for every platform the office uses (Windows included) and is kept by a large
project; the SQLCipher bindings (sqlcipher3-binary) ship Linux wheels only, and a second SQLite
build under SQLAlchemy is one more thing to go wrong. The cost is that an open copy is decrypted
into a private working file (owner-only, in the RAM-backed runtime folder where there is one; see
workfile.py), sealed again after writes (the app does it when idle after a commit, on a worker) and
on close, and then removed. A crash leaves the working file: the next open finds it and, when it
holds changes the sealed file lacks, offers to recover them (UnsealedWorkFound).

The file: MAGIC, a 4-byte header length, a JSON header (scrypt's salt and cost, the GCM nonce), then
AES-256-GCM of the database with the magic and header as associated data, so nothing in it can be
altered unnoticed. A wrong passphrase fails GCM's check: a clear WrongPassphraseError, and the file
is never written. Sealing writes a new file beside it and renames it over (atomic), so a kill leaves
the old copy or the new, never half of one.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import struct
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from correspondence_desk.core.errors import (
    StorageError,
    UnsealedWorkFound,
    ValidationError,
    WrongPassphraseError,
)
from correspondence_desk.core.offline import workfile

MAGIC = b"CDSEAL01"
FORMAT = "cd-seal-1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1  # ~0.1 s and 32 MB per try: slow for a guesser
MIN_PASSPHRASE = 8
ASK, RECOVER, DISCARD = "ask", "recover", "discard"  # what open_sealed does with a crash's leftover


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


def _header(salt: bytes, nonce: bytes, n: int, r: int, p: int) -> bytes:
    return json.dumps(
        {
            "format": FORMAT,
            "kdf": "scrypt",
            "n": n,
            "r": r,
            "p": p,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
        },
        sort_keys=True,
    ).encode()


@dataclass(frozen=True)
class _Key:
    """A derived key and the scrypt parameters it came from, kept by an open copy so that sealing it
    again is a matter of milliseconds (a fresh random nonce each time; GCM allows 2**32 of them)."""

    key: bytes = field(repr=False)
    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


def _new_key(passphrase: str) -> _Key:
    salt = os.urandom(16)
    return _Key(_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P), salt)


def _seal_with(data: bytes, key: _Key) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    header = _header(key.salt, nonce, key.n, key.r, key.p)
    prefix = MAGIC + struct.pack(">I", len(header)) + header
    return prefix + AESGCM(key.key).encrypt(nonce, data, prefix)


def seal_bytes(data: bytes, passphrase: str) -> bytes:
    return _seal_with(data, _new_key(passphrase))


def unseal_bytes(sealed: bytes, passphrase: str, what: str = "this copy") -> bytes:
    return _unseal(sealed, passphrase, what)[0]


def _unseal(sealed: bytes, passphrase: str, what: str) -> tuple[bytes, _Key]:
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
    key = _Key(_key(passphrase, salt, n, r, p), salt, n, r, p)
    try:
        return AESGCM(key.key).decrypt(nonce, sealed[end:], sealed[:end]), key
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
        _sync_folder(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            f"Cannot write {path}: {exc.strerror or exc}. The copy there is unchanged."
        ) from exc


def _sync_folder(folder: Path) -> None:
    """The rename itself on disk (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_half_written(sealed: Path) -> None:
    """A kill while sealing leaves its temporary file beside the copy (never the copy half written)."""
    for tmp in sealed.parent.glob(f".{sealed.name}.*.sealing"):
        tmp.unlink(missing_ok=True)


def seal_file(plain: Path, sealed: Path, passphrase: str) -> None:
    _write_atomically(sealed, seal_bytes(workfile.snapshot(plain), passphrase))


def private_dir() -> Path:
    """An owner-only folder for a copy being built (checkout): in the RAM-backed runtime folder."""
    path = Path(tempfile.mkdtemp(prefix="build-", dir=workfile.work_root()))
    path.chmod(0o700)
    return path


@dataclass
class OpenedCopy:
    """A sealed copy opened for work: `work_path` is the decrypted database. `reseal()` (after writes,
    from any thread) seals its current state into the sealed file atomically; `close()` seals it a
    last time and removes the decrypted file securely. If sealing fails the working file is kept, so
    the next open offers to recover it: an acknowledged write is never lost."""

    sealed: Path
    work_path: Path
    _key: _Key = field(repr=False)
    _lease: workfile.Lease = field(repr=False)
    _sealed_digest: str = field(default="", repr=False)
    closed: bool = False
    recovered: bool = False  # opened from a leftover working file
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _watch: sqlite3.Connection | None = field(default=None, repr=False)
    _version: int = -1  # the watcher's data_version when last sealed: another commit changes it

    def _data_version(self) -> int:
        if self._watch is None:
            self._watch = sqlite3.connect(self.work_path, check_same_thread=False)
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    @property
    def folder(self) -> Path:
        return self.work_path.parent

    def changed(self) -> bool:
        return workfile.digest(workfile.snapshot(self.work_path)) != self._sealed_digest

    def reseal(self) -> bool:
        """Seal what the working file holds now, if it changed since last sealed; True if it did."""
        with self._lock:
            if self.closed:
                return False
            version = self._data_version()  # before the snapshot: a commit during it counts next time
            if version == self._version:
                return False  # nothing committed since (cheap: no snapshot)
            data = workfile.snapshot(self.work_path)
            digest = workfile.digest(data)
            wrote = digest != self._sealed_digest
            if wrote:
                _write_atomically(self.sealed, _seal_with(data, self._key))
                self._sealed_digest = digest
                workfile.write_state(self.folder, digest)
            self._version = version
            return wrote

    def _end(self) -> None:
        self.closed = True
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self._lease.release()

    def close(self, *, reseal: bool = True) -> None:
        if self.closed:
            return
        try:
            if reseal and self.work_path.exists():
                self.reseal()
        except BaseException:
            with self._lock:  # the working file stays, for the next open to recover
                self._end()
            raise
        with self._lock:
            self._end()
            workfile.remove_work(self.folder)


def open_sealed(sealed: Path, passphrase: str, *, leftover: str = ASK) -> OpenedCopy:
    """Decrypt a sealed copy to its working file (WrongPassphraseError: nothing written or removed).

    A working file a crash left with changes the sealed file lacks raises UnsealedWorkFound unless
    `leftover` says what to do: RECOVER seals it into the copy and works on it, DISCARD removes it.
    """
    sealed = Path(sealed).expanduser().absolute()
    try:
        data = sealed.read_bytes()
    except OSError as exc:
        raise StorageError(f"Cannot read {sealed}: {exc.strerror or exc}.") from exc
    plain, key = _unseal(data, passphrase, str(sealed))  # the passphrase first: only its owner recovers
    folder = workfile.work_folder(sealed)
    folder.mkdir(mode=0o700, exist_ok=True)
    lease = workfile.take_lease(folder, str(sealed))
    try:
        _remove_half_written(sealed)
        found = workfile.find_leftover(folder)
        if found is not None and found.unsealed and leftover == ASK:
            raise UnsealedWorkFound(sealed, found.modified)
        copy = OpenedCopy(sealed, workfile.work_path(sealed), key, lease)
        if found is not None and found.unsealed and leftover == RECOVER:
            if found.path != copy.work_path:
                os.replace(found.path, copy.work_path)
            copy.recovered = True
            copy.reseal()  # the recovered work is sealed at once
            return copy
        workfile.remove_work(folder, keep_folder=True)
        fd = os.open(copy.work_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(plain)
        copy._sealed_digest = workfile.digest(workfile.snapshot(copy.work_path))
        workfile.write_state(folder, copy._sealed_digest)
        return copy
    except BaseException:
        lease.release()
        raise
