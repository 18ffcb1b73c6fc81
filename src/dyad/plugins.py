"""Plugins: other installed distributions extend dyad through four entry point groups.

    group          entry point name          value
    dyad.readers   a file extension (foo)    callable(path) -> Iterable[Article | Rejection]
    dyad.stages    the stage name            a Stage subclass or a StageFactory (dyad.stages)
    dyad.commands  the command name          a typer command function, or a typer.Typer app
    dyad.data      any name                  callable() -> {"actors" | "lexicon" | "places" | "contexts": path or paths}

dyad's own readers and stages are declared in these groups too (pyproject.toml),
so a plugin is read exactly like a built-in. For one extension or stage name a
plugin wins over dyad's own. Groups are read from the installed metadata the
first time they are needed, and a plugin is imported only when it is used (a
reader: when a file of its extension is read), so a broken plugin costs nothing
until then and ``dyad --help`` stays fast.

A plugin that cannot be imported, or exports the wrong kind of thing, raises
one ``PluginError`` naming its group, name, value and distribution; the CLI
prints that line and exits 2, never a traceback. docs/plugins.md has a worked
example.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import ConfigError

READERS = "dyad.readers"
STAGES = "dyad.stages"
COMMANDS = "dyad.commands"
DATA = "dyad.data"
GROUPS = (READERS, STAGES, COMMANDS, DATA)
DATA_KINDS = ("actors", "lexicon", "places", "contexts")
DISTRIBUTION = "dyad-events"  # our own entry points come from this distribution


class PluginError(ConfigError):
    """A plugin that cannot be loaded or used; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class Plugin:
    """One entry point: ``name = "module:attribute"`` in ``group``, declared by ``dist``."""

    group: str
    name: str
    value: str
    dist: str | None = None

    @property
    def builtin(self) -> bool:
        return self.dist == DISTRIBUTION

    def describe(self) -> str:
        source = f", from {self.dist}" if self.dist and not self.builtin else ""
        return f"{self.group} plugin {self.name!r} ({self.value}{source})"

    def error(self, problem: str) -> PluginError:
        return PluginError(f"{self.describe()} {problem}")

    def load(self) -> object:
        """The object the entry point names, imported once; any failure is a PluginError."""
        return _load(self)


@functools.cache
def _load(plugin: Plugin) -> object:
    from importlib.metadata import EntryPoint

    try:
        return EntryPoint(plugin.name, plugin.value, plugin.group).load()
    except Exception as exc:  # noqa: BLE001 - whatever the plugin raised, the user sees one line naming it
        raise plugin.error(f"failed to load: {exc.__class__.__name__}: {exc}") from exc


@functools.cache
def plugins(group: str) -> tuple[Plugin, ...]:
    """The entry points of ``group``: dyad's own first, then the others', each by name."""
    from importlib.metadata import entry_points

    found = {(ep.name, ep.value, ep.dist.name if ep.dist else None) for ep in entry_points(group=group)}
    return tuple(sorted((Plugin(group, *f) for f in found), key=lambda p: (not p.builtin, p.name, p.value)))


# -- readers -------------------------------------------------------------------
def _extension(name: str) -> str:
    return name.lower().lstrip(".")


def reader_extensions() -> frozenset[str]:
    """Every extension some reader claims ("txt", "warc.gz" …), without importing any reader."""
    return frozenset(_extension(p.name) for p in plugins(READERS))


def find_reader(filename: str) -> Plugin | None:
    """The reader plugin for a file name: the longest matching extension, a plugin's over dyad's own.

    Raises PluginError when dyad's own readers are missing from the metadata
    (an install older than its entry points: reinstall dyad).
    """
    group = plugins(READERS)
    if not any(p.builtin for p in group):
        raise PluginError(f"dyad's package metadata declares no {READERS}: reinstall dyad (pip install -e .)")
    name = filename.lower()
    matches = [p for p in group if name.endswith("." + _extension(p.name))]
    # Longest extension first ("warc.gz" over "gz"); then a plugin over a built-in.
    return max(matches, key=lambda p: (len(_extension(p.name)), not p.builtin), default=None)


# -- data files ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DataFiles:
    """Extra data files from ``dyad.data`` plugins, in plugin order; user files go over them."""

    actors: tuple[Path, ...] = ()
    lexicon: tuple[Path, ...] = ()
    places: tuple[Path, ...] = ()
    contexts: tuple[Path, ...] = ()


@functools.cache
def data_files() -> DataFiles:
    """The actor, lexicon and place files every installed ``dyad.data`` plugin adds."""
    found: dict[str, list[Path]] = {kind: [] for kind in DATA_KINDS}
    for plugin in plugins(DATA):
        for kind, path in _plugin_data(plugin):
            found[kind].append(path)
    return DataFiles(**{kind: tuple(paths) for kind, paths in found.items()})


def _plugin_data(plugin: Plugin) -> list[tuple[str, Path]]:
    fn = plugin.load()
    if not callable(fn):
        raise plugin.error("is not callable: it should be a function returning {kind: paths}")
    try:
        result = fn()
    except Exception as exc:  # noqa: BLE001 - named, not a traceback
        raise plugin.error(f"failed: {exc.__class__.__name__}: {exc}") from exc
    if not isinstance(result, Mapping):
        raise plugin.error(f"returned {type(result).__name__}, not a mapping of kind ({', '.join(DATA_KINDS)}) to paths")
    out: list[tuple[str, Path]] = []
    for kind, value in result.items():
        if kind not in DATA_KINDS:
            raise plugin.error(f"returned an unknown kind {kind!r} (known: {', '.join(DATA_KINDS)})")
        items = [value] if isinstance(value, str | os.PathLike) else value
        if not isinstance(items, Iterable):
            raise plugin.error(f"returned {type(value).__name__} for {kind!r}, not a path or a list of paths")
        for item in items:
            # A path, a str, or an importlib.resources Traversable (its str is the path).
            path = Path(os.fspath(item) if isinstance(item, str | os.PathLike) else str(item))
            if not path.is_file():
                raise plugin.error(f"names a {kind} file that does not exist: {path}")
            out.append((kind, path))
    return out
