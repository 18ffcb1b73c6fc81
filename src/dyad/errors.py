"""dyad's exceptions. Every one derives from ``DyadError`` and says what to do.

    DyadError
    ├── ModelNotFoundError     no spaCy English model could be loaded
    ├── InputError             an input item cannot be read (becomes a Rejection)
    ├── ConfigError            a data file, lexicon or setting is malformed
    ├── StoreError             the database cannot be opened or written
    └── NotFoundError          a requested record does not exist (HTTP 404)
"""

from __future__ import annotations


class DyadError(Exception):
    """Base class of all dyad errors; ``status`` is the HTTP status it maps to."""

    status = 500
    exit_code = 1


class ModelNotFoundError(DyadError):
    pass


class InputError(DyadError):
    status = 400
    exit_code = 3

    def __init__(self, reason: str, origin: str = "-", line: int | None = None):
        self.reason = reason
        self.origin = origin
        self.line = line
        where = origin if line is None else f"{origin}:{line}"
        super().__init__(f"{where}: {reason}")


class ConfigError(DyadError):
    status = 400
    exit_code = 2


class StoreError(DyadError):
    pass


class NotFoundError(DyadError):
    status = 404
