"""Errors a person can act on (shown as a dialog or one line on stderr), as opposed to bugs.

Everything raised on purpose by `core` for a user mistake or an environmental problem derives from
`DeskError`; anything else reaching the top is a bug and is reported as one.
"""

from __future__ import annotations


class DeskError(Exception):
    """A problem the user can understand and act on. `str(err)` is the message to show."""


class NotFoundError(DeskError):
    pass


class ValidationError(DeskError):
    pass


class ConflictError(DeskError):
    """Someone else (another window, another colleague) changed the record since it was read."""


class LockedError(DeskError):
    """An issued letter (or its responses) cannot be changed."""


class StorageError(DeskError):
    """The database cannot be used as it is: missing, not a database, corrupt, too new, unreachable."""


class DatabaseMissingError(StorageError):
    pass


class NotADatabaseError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class DatabaseTooNewError(StorageError):
    pass


class NeedsUpgradeError(StorageError):
    """The schema is older than this version and the caller asked not to upgrade it."""


class ReadOnlyError(StorageError):
    """The database is open read-only (read-only media, file or folder, or a read-only role)."""


class ImportFailedError(DeskError):
    """A source file could not be read (encrypted, binary, empty, damaged)."""


class WrongPassphraseError(DeskError):
    """A sealed offline copy did not open with the passphrase given (the file is left as it was)."""


class PassphraseNeeded(DeskError):
    """A sealed offline copy is to be opened and no passphrase was given yet: ask, then open again."""

    def __init__(self, path: object) -> None:
        super().__init__(f"{path} is a sealed offline copy: its passphrase is needed to open it.")
        self.path = path


class UnsealedWorkFound(DeskError):
    """A sealed copy's working file was left by a session that ended without closing (a crash), with
    changes the sealed file does not hold: ask whether to recover them, then open again saying so."""

    def __init__(self, path: object, modified: object) -> None:
        super().__init__(
            f"{path} has changes left unsealed by a session that ended without closing "
            f"(last written {modified:%d %b %Y %H:%M} UTC): they can be recovered into the copy, or "
            "discarded."
        )
        self.path = path
        self.modified = modified


class ServerPasswordNeeded(StorageError):
    """The database server asked for a password that was not given (or refused the one given)."""
