"""Load the actor knowledge base from YAML and index it for lookup.

Our files live in ``dyad/actors/data``; user files given with ``--actors``
are merged over them: an entry with the same key (person id, country code,
organisation or group identifier, sector term) replaces ours, and a name that
two different entries claim resolves to the later one, with a warning naming
both. A malformed file raises ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import functools
import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import yaml

from dyad.actors.entries import (
    SURFACE_KINDS,
    Bloc,
    Country,
    EthnicGroup,
    Group,
    KbEntry,
    Organisation,
    Person,
    SectorTerm,
    Surface,
    describe_entry,
    entry_id,
)
from dyad.actors.parse import read_sections
from dyad.errors import ConfigError

log = logging.getLogger(__name__)

# Written by hand, in load order.
HAND_WRITTEN = ("sectors.yaml", "countries.yaml", "organisations.yaml", "groups.yaml", "people.yaml", "ethnic_groups.yaml")
# Generated from the Phoenix dictionaries (build_phoenix.py), loaded before ours so ours win a shared key.
GENERATED = ("phoenix_groups.jsonl", "phoenix_organisations.jsonl", "phoenix_people.jsonl")
# Opt-in (`--actors phoenix`): the 20k Phoenix entries (to 2014) doubled coding time and did not raise
# actor accuracy on the VOA gold (0.839 -> 0.834), so the default knowledge base is ours alone.
PHOENIX = "phoenix"
DATA_FILES = HAND_WRITTEN
# A top-level "builtin: false" (checked by read_sections): the file replaces our KB.
_NOT_BUILTIN = re.compile(r"^builtin:\s*false\s*(#.*)?$", re.MULTILINE)
WITH_PHOENIX = (HAND_WRITTEN[0], *GENERATED, *HAND_WRITTEN[1:])


class ActorConflictWarning(UserWarning):
    """Two knowledge-base entries claim the same name."""


@dataclass(slots=True)
class KnowledgeBase:
    """All entries, keyed, plus the lower-cased surface index built once."""

    sector_codes: dict[str, str] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    blocs: dict[str, Bloc] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sector_terms: dict[str, SectorTerm] = field(default_factory=dict)
    ethnic_groups: dict[str, EthnicGroup] = field(default_factory=dict)
    surfaces: dict[str, Surface] = field(default_factory=dict)  # lower-cased text → surface
    surnames: dict[str, tuple[Person, ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    # A whole dictionary used alone (``builtin: false``, a PETRARCH import): as in PETRARCH, a name
    # it holds is an actor wherever it stands ("left for Minas Tirith"), and a place only the
    # gazetteer knows is none.
    alone: bool = False
    # Indexes derived from the entries, built on first use (actors/fuzzy.py: names by transliteration).
    derived: dict[str, object] = field(default_factory=dict)

    def lookup(self, text: str) -> Surface | None:
        """The entry a piece of text names, or None."""
        return self.surfaces.get(normalise(text))

    def entries_named(self, text: str) -> list[KbEntry]:
        """Every entry that could be meant by ``text`` (surface, then surname)."""
        found: list[KbEntry] = []
        surface = self.lookup(text)
        if surface is not None:
            found.append(surface.entry)
        for person in self.surnames.get(normalise(text), ()):
            if person not in found:
                found.append(person)
        return found


def normalise(text: str) -> str:
    """Lower-case, straighten quotes and drop a leading "the"."""
    text = " ".join(text.replace("’", "'").replace("‘", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def surname_keys(surname: str) -> tuple[str, ...]:
    """"al-Assad" is also written "Assad"; index both."""
    key = normalise(surname)
    for prefix in ("al-", "el-", "al ", "el "):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return (key, key[len(prefix) :])
    return (key,)


def load_knowledge_base(extra: Sequence[Path | str] = ()) -> KnowledgeBase:
    """Our data files, then each user file in ``extra`` over them; ``phoenix`` among them
    adds the packaged Phoenix dictionaries under ours. A user file that says
    ``builtin: false`` (``dyad actors import --alone``) is a whole KB: of ours only
    the sector codes are loaded with it."""
    phoenix = any(str(p) == PHOENIX for p in extra)
    extra = [p for p in extra if str(p) != PHOENIX]
    if not extra and not phoenix:
        return _load_default()
    user = []
    for path in extra:
        path = Path(path)
        try:
            user.append((str(path), path.read_text(encoding="utf-8")))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read actor file ({exc.strerror or exc})") from exc
    if any(_NOT_BUILTIN.search(text) for _, text in user):
        codes = read_sections(HAND_WRITTEN[0], _read_packaged(HAND_WRITTEN[0]), {}).sector_codes
        kb = _load_files(user, builtin=0, sector_codes=codes)
        kb.alone = True
        return kb
    names = WITH_PHOENIX if phoenix else DATA_FILES
    files = [(name, _read_packaged(name)) for name in names]
    return _load_files([*files, *user], builtin=len(names))


@functools.lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    return load_packaged(DATA_FILES)


def load_packaged(names: Sequence[str]) -> KnowledgeBase:
    """Only the packaged files ``names`` (build_phoenix.py compares with the hand-written ones)."""
    files = [(name, _read_packaged(name)) for name in names]
    return _load_files(files, builtin=len(files))


def _load_files(files: list[tuple[str, str]], builtin: int, sector_codes: dict[str, str] | None = None) -> KnowledgeBase:
    """Parse and index ``files`` (origin, text) in order; the first ``builtin`` are ours."""
    kb = KnowledgeBase(sector_codes=dict(sector_codes or {}))
    for i, (origin, text) in enumerate(files):
        _merge_file(kb, origin, text, builtin=i < builtin)
    _build_index(kb)
    return kb


def _read_packaged(name: str) -> str:
    return resources.files("dyad.actors").joinpath("data", name).read_text(encoding="utf-8")


def _merge_file(kb: KnowledgeBase, origin: str, text: str, builtin: bool) -> None:
    sections = read_sections(origin, text, known_sectors=kb.sector_codes)
    kb.sector_codes.update(sections.sector_codes)
    tables: list[tuple[dict[str, KbEntry], Sequence[KbEntry]]] = [
        (kb.countries, sections.countries),  # type: ignore[list-item]
        (kb.blocs, sections.blocs),  # type: ignore[list-item]
        (kb.organisations, sections.organisations),  # type: ignore[list-item]
        (kb.groups, sections.groups),  # type: ignore[list-item]
        (kb.people, sections.people),  # type: ignore[list-item]
        (kb.sector_terms, sections.sector_terms),  # type: ignore[list-item]
        (kb.ethnic_groups, sections.ethnic_groups),  # type: ignore[list-item]
    ]
    for table, entries in tables:
        for entry in entries:
            key = entry_id(entry)
            old = table.get(key)
            if old is not None:
                if old.origin.split(":")[0] == entry.origin.split(":")[0]:
                    warnings.warn(
                        f"duplicate entry {key}: {describe_entry(entry)} repeats {describe_entry(old)}; the later wins",
                        ActorConflictWarning,
                        stacklevel=3,
                    )
                else:
                    log.info("%s overrides %s", describe_entry(entry), describe_entry(old))
            table[key] = entry
    kb.sources = (*kb.sources, origin)


def _build_index(kb: KnowledgeBase) -> None:
    """Map every lower-cased name to one surface; warn when two entries claim it."""
    kb.surfaces.clear()
    for surface in _iter_surfaces(kb):
        key = normalise(surface.text)
        if not key:
            continue
        old = kb.surfaces.get(key)
        if old is not None and entry_id(old.entry) == entry_id(surface.entry) and old.sector == surface.sector:
            # One entry, two spellings or kinds ("Vatican" as name and adjective): keep the stronger kind.
            kind = min(old.kind, surface.kind, key=SURFACE_KINDS.index)
            merged = replace(old, kind=kind, forms=(*old.forms, *surface.forms), strict=old.strict and surface.strict)
            kb.surfaces[key] = merged
            continue
        if old is not None and not (old.kind == "sector" and surface.kind != "sector"):
            warnings.warn(
                f"'{surface.text}' names both {describe_entry(old.entry)} and {describe_entry(surface.entry)};"
                " using the latter",
                ActorConflictWarning,
                stacklevel=3,
            )
        kb.surfaces[key] = surface
    surnames: dict[str, list[Person]] = {}
    for person in kb.people.values():
        for key in surname_keys(person.surname):
            surnames.setdefault(key, []).append(person)
    kb.surnames = {k: tuple(v) for k, v in surnames.items()}


def _iter_surfaces(kb: KnowledgeBase):  # noqa: ANN202 - a generator of Surface
    # Sector words first: any named entry that shares a word wins over them.
    for term in kb.sector_terms.values():
        yield Surface(term.term, "sector", term, term.sector, forms=(term.term,))
    for country in kb.countries.values():
        for cap in country.capitals:
            yield _surface(cap, "capital", country, "GOV")
        for adj in country.adjectives:
            yield _surface(adj, "adjective", country)
        for words, sector in country.metonyms:
            yield _surface(words, "metonym", country, sector)
        for name in (country.name, *country.names):
            yield _surface(name, "country", country)
    for bloc in kb.blocs.values():
        for adj in bloc.adjectives:
            yield _surface(adj, "bloc", bloc)
        for name in (bloc.name, *bloc.names):
            yield _surface(name, "bloc", bloc)
    for org in kb.organisations.values():
        for name in (org.name, *org.names):
            yield _surface(name, "organisation", org, org.sector)
        for seat in org.seats:
            yield _surface(seat, "capital", org, org.sector)
    for group in kb.groups.values():
        for name in (group.name, *group.names):
            yield _surface(name, "group", group, group.sector)
    for person in kb.people.values():
        for name in (person.name, *person.aliases):
            yield _surface(name, "person", person)
    for people in kb.ethnic_groups.values():
        for name in (people.name, *people.names, *people.adjectives):
            yield _surface(name, "ethnic", people)


def _surface(text: str, kind: str, entry: KbEntry, sector: str | None = None) -> Surface:
    # "US", "UN", "WHO", "IS": short or all-capital forms must match case exactly.
    letters = [c for c in text if c.isalpha()]
    strict = len(letters) <= 3 or (len(letters) > 1 and all(c.isupper() for c in letters))
    return Surface(text, kind, entry, sector, forms=(text,), strict=strict)


def dump_entry_yaml(entry: KbEntry) -> str:
    """The entry as YAML, for ``dyad actors lookup --verbose`` and debugging."""
    from dataclasses import asdict

    data = {k: v for k, v in asdict(entry).items() if v not in ((), None, "")}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
