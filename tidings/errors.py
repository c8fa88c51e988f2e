"""Exceptions that the library raises. Only the CLI (and later the server) turns them into
messages and exit codes.

    TidingsError
     ├── InputRejected      one input could not be read (path + reason); a batch goes on
     ├── ConfigError        a settings or data file is malformed (file + reason)
     └── StoreError         the store could not be opened or written
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base of every exception Tidings raises on purpose."""


class InputRejected(TidingsError):
    """One input was refused. `path` names it, `reason` says why in a few words."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(TidingsError):
    """A settings or data file could not be used."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(TidingsError):
    """The DuckDB store could not be opened, migrated or written."""
