"""Schema migrations, run by Alembic from the revision scripts shipped in this package (``versions/``).

A database records its revision in Alembic's ``alembic_version`` table. Databases made before Alembic
recorded a version number (1..10) in the table ``schema_version``; old version N is revision ``000N``
(same change, same code), so such a database is stamped with that revision (nothing it has is run again),
its old table dropped, and then upgraded like any other. docs/migrations.md says how to add a revision.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from dyad.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = "dyad.store:migrations"  # package:folder, found in the installed package (no alembic.ini)
VERSION_TABLE = "alembic_version"  # Alembic's default
LEGACY_TABLE = "schema_version"
_SCRIPT_NAME = re.compile(r"(\d{4})_\w+\.py")


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: the shipped scripts, and the connection to run them on."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head() -> str:
    """The newest revision: the highest-numbered script. Read from the file names, so that opening an
    up-to-date database never imports Alembic (0.5-1 s); a test checks it is Alembic's head."""
    numbers = [m[1] for p in files("dyad.store.migrations.versions").iterdir() if (m := _SCRIPT_NAME.fullmatch(p.name))]
    return max(numbers)


def revision_of(legacy_version: int) -> str:
    """The revision that made the same change as old version ``legacy_version``."""
    return f"{legacy_version:04d}"


def current_revision(conn: Connection) -> str | None:
    """The database's revision, read as Alembic records it (None: not stamped)."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def migrate(conn: Connection) -> str:
    """Bring the database on ``conn`` (in a transaction, write-locked) to the newest revision; return it."""
    current = current_revision(conn)
    if current == head():
        return current  # the usual open: no scripts loaded, nothing run
    from alembic import command
    from alembic.util import CommandError

    cfg = config(conn)
    try:
        if current is None and (legacy := _legacy_version(conn)) is not None:
            if legacy:
                command.stamp(cfg, revision_of(legacy))
            conn.execute(text(f"DROP TABLE {LEGACY_TABLE}"))
        command.upgrade(cfg, "head")
    except CommandError as exc:  # a revision this dyad does not have: the database is newer than the code
        raise StoreError(f"cannot bring the database to schema revision {head()}: {exc} (was it made by a newer dyad?)") from None
    return head()


def _legacy_version(conn: Connection) -> int | None:
    """The old version table's number (0 when empty), or None when there is no such table."""
    if not inspect(conn).has_table(LEGACY_TABLE):
        return None
    return int(conn.execute(text(f"SELECT coalesce(max(version), 0) FROM {LEGACY_TABLE}")).scalar_one())


def new_revision(message: str, cfg: Config | None = None) -> Path:
    """Write the next revision script (numbered after the newest) from ``script.py.mako``; return its path."""
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = cfg or config()
    newest = ScriptDirectory.from_config(cfg).get_current_head()
    script = command.revision(cfg, message=message, rev_id=f"{int(newest or 0) + 1:04d}")
    assert script is not None and not isinstance(script, list)
    return Path(script.path)
