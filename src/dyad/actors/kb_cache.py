"""A compiled cache of the actor knowledge base, so a model loads in seconds.

Reading the YAML files (4 MB with the Phoenix people) and indexing them takes a
few seconds of CPU; unpickling the result takes a fraction of one. The cache
is one pickle per set of files, keyed by a SHA-256 of every file's name and
text, the cache format and the Python version, so editing any file, or a user
file given with ``--actors``, simply misses and rebuilds; nothing is ever
stale. It lives in ``$DYAD_CACHE_DIR`` (``off`` turns it off), else
``$XDG_CACHE_HOME/dyad``, else ``~/.cache/dyad``. A cache that cannot be read
or written is ignored: the KB is then parsed as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.actors.kb import KnowledgeBase

log = logging.getLogger(__name__)

# Bump when KnowledgeBase or the entry records change shape.
FORMAT = "kb-3"


def cache_dir() -> Path | None:
    """Where the cache lives; None when turned off (``DYAD_CACHE_DIR=off``)."""
    configured = os.environ.get("DYAD_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "dyad"


def cache_key(files: Sequence[tuple[str, str]]) -> str:
    """A digest of every (origin, text) pair, in load order."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for origin, text in files:
        digest.update(b"\0" + origin.encode("utf-8") + b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


# Warnings the build gave (conflicting names), re-issued on every cached load.
Notes = list[tuple[str, type[Warning]]]


def load(key: str) -> tuple[KnowledgeBase, Notes] | None:
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"kb-{key}.pkl"
    try:
        with path.open("rb") as f:
            kb, notes = pickle.load(f)  # noqa: S301 - our own file, named by the digest of what it holds
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError) as exc:
        log.info("ignoring unreadable KB cache %s (%s)", path, exc)
        return None
    return kb, notes


def store(key: str, kb: KnowledgeBase, notes: Notes) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((replace(kb, derived={}), notes), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"kb-{key}.pkl")
    except OSError as exc:
        log.info("not caching the KB in %s (%s)", folder, exc)
