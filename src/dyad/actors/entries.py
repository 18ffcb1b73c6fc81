"""Frozen records for the actor knowledge base (what the YAML files hold).

Each entry keeps ``origin`` ("file:line") so a conflict warning or an
explanation can point the user at the line to edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Kinds of surface form, in the order a tie between equal spans is broken.
# Role countries that are not nationalities (international office).
_INTERNATIONAL = frozenset(("IGO", "NGO", "MNC", "NGM", "IMG"))
SURFACE_KINDS = ("person", "group", "organisation", "country", "bloc", "metonym", "capital", "adjective", "ethnic", "sector")


@dataclass(frozen=True, slots=True)
class Role:
    """An office a person held: it counts only between ``start`` and ``end``."""

    title: str
    country: str | None
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None  # None: still in office

    def is_valid_on(self, day: dt.date) -> bool:
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end

    def describe(self) -> str:
        start = self.start.isoformat() if self.start else "?"
        end = self.end.isoformat() if self.end else ""
        return f"{self.title} ({start}–{end})"


@dataclass(frozen=True, slots=True)
class Person:
    id: str  # Wikidata QID where certain, else "dyad:slug"
    name: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None  # "m" / "f", for he/she
    roles: tuple[Role, ...] = ()
    family_name: str | None = None  # when it is not the last word ("Wang Yi" → Wang)
    origin: str = ""
    country: str | None = None  # nationality, kept when no role covers the article date

    @property
    def nationality(self) -> str | None:
        """``country``, else the country most of their roles are in (not IGO/NGO:
        a UN Secretary-General is still Portuguese)."""
        if self.country:
            return self.country
        counts: dict[str, int] = {}
        for role in self.roles:
            if role.country and role.country not in _INTERNATIONAL:
                counts[role.country] = counts.get(role.country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def roles_on(self, day: dt.date) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.is_valid_on(day))

    def last_role_before(self, day: dt.date) -> Role | None:
        past = [r for r in self.roles if r.end is not None and r.end < day]
        return max(past, key=lambda r: r.end or day) if past else None

    @property
    def surname(self) -> str:
        return self.family_name or self.name.split()[-1]


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-3 (XKX for Kosovo, as GeoNames does)
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()  # a government only when it acts
    metonyms: tuple[tuple[str, str], ...] = ()  # (words, sector): ("Kremlin", "GOV")
    identifier: str | None = None
    origin: str = ""
    start: dt.date | None = None  # a historical state's dates (the Soviet Union, 1922–1991)
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Bloc:
    """A group of states news treats as one actor ("the West")."""

    code: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    origin: str = ""
    # A name that codes each of several actors at once (PETRARCH's compound code
    # "THE_SHIRE [FRO/BIL/SAM]"): the resolver gives one entity per member code.
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Organisation:
    identifier: str
    name: str
    code: str  # IGO, NGO, MNC …
    names: tuple[str, ...] = ()
    sector: str | None = None
    country: str | None = None  # for national bodies
    seats: tuple[str, ...] = ()  # cities that stand for it when they act ("Brussels")
    origin: str = ""
    start: dt.date | None = None  # a body that no longer exists (the European Communities)
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """A non-state armed or political group, coded to its home country."""

    identifier: str
    name: str
    country: str | None
    sector: str
    names: tuple[str, ...] = ()
    origin: str = ""
    # Dated sectors, as people's roles: the Taliban REB until 2021-08-15, GOV after.
    roles: tuple[Role, ...] = ()

    def coded_on(self, day: dt.date) -> tuple[str | None, str, Role | None]:
        """(country, sector, the role that gave them) on ``day``; the undated ones otherwise."""
        for role in self.roles:
            if role.is_valid_on(day):
                return role.country or self.country, role.sector or self.sector, role
        return self.country, self.sector, None


@dataclass(frozen=True, slots=True)
class SectorTerm:
    """A word that names a sector ("army" → MIL). Weak terms ("official",
    "leader") give way to a more specific modifier ("rebel leader" → REB)."""

    term: str
    sector: str  # "" for an agent word with no PLOVER sector (agent_words)
    weak: bool = False
    origin: str = ""


@dataclass(frozen=True, slots=True)
class EthnicGroup:
    """A people that is not a state: "Kurdish fighters" are Kurds, not Iraq's army."""

    identifier: str
    name: str  # "Kurds"
    names: tuple[str, ...] = ()  # "the Kurds", "Kurdish people"
    adjectives: tuple[str, ...] = ()  # "Kurdish", "Kurd"
    countries: tuple[str, ...] = ()  # where they mostly live; never used as their code
    origin: str = ""


KbEntry = Person | Country | Bloc | Organisation | Group | SectorTerm | EthnicGroup


@dataclass(frozen=True, slots=True)
class Surface:
    """One way an entry is written in text, with what it resolves to."""

    text: str
    kind: str  # one of SURFACE_KINDS
    entry: KbEntry
    sector: str | None = None  # for metonyms: GOV, MIL, LEG …
    forms: tuple[str, ...] = ()  # every spelling seen for this lower-cased key
    strict: bool = False  # only short or all-capital forms: case must match ("US" is not "us")

    def accepts(self, written: str) -> bool:
        """Whether the text as written may be this surface.

        Proper names are capitalised in news, so "turkey" is not Turkey and
        "us" is not the US; a lower-case form in the KB ("western") is fine.
        """
        written = " ".join(written.replace("’", "'").split())
        if written in self.forms:
            return True
        if self.strict:
            return False
        return written != written.lower() or any(f == f.lower() for f in self.forms)

    def key(self) -> tuple[str, str | None, str | None]:
        """What the surface resolves to; two surfaces with different keys conflict."""
        return (self.kind, entry_id(self.entry), self.sector)


def entry_id(entry: KbEntry) -> str:
    if isinstance(entry, Person):
        return entry.id
    if isinstance(entry, Country | Bloc):
        return entry.code
    if isinstance(entry, Organisation | Group):
        return entry.identifier
    if isinstance(entry, EthnicGroup):
        return f"ethnic:{entry.identifier}"
    return f"sector:{entry.term}"


def lifetime(entry: KbEntry) -> str:
    """", 1922-12-30–1991-12-26" for a historical state or body; "" otherwise."""
    start, end = getattr(entry, "start", None), getattr(entry, "end", None)
    if start is None and end is None:
        return ""
    return f", {start.isoformat() if start else '?'}–{end.isoformat() if end else ''}"


def historical_note(entry: KbEntry, day: dt.date) -> str:
    """For a resolution: "; historical (1922-12-30–1991-12-26), gone by 2023-05-01"."""
    span = lifetime(entry)
    if not span:
        return ""
    end = getattr(entry, "end", None)
    gone = f", gone by {day.isoformat()}: a historical reference" if end is not None and day > end else ""
    return f"; historical ({span[2:]}){gone}"


def describe_entry(entry: KbEntry) -> str:
    """A one-line label for explanations and warnings."""
    where = f" [{entry.origin}]" if entry.origin else ""
    if isinstance(entry, Person):
        return f"person {entry.name} ({entry.id}){where}"
    if isinstance(entry, Country):
        return f"country {entry.name} ({entry.code}{lifetime(entry)}){where}"
    if isinstance(entry, Bloc):
        return f"bloc {entry.name} ({entry.code}){where}"
    if isinstance(entry, Organisation):
        return f"organisation {entry.name} ({entry.code}, {entry.identifier}{lifetime(entry)}){where}"
    if isinstance(entry, Group):
        return f"group {entry.name} ({entry.country} {entry.sector}){where}"
    if isinstance(entry, EthnicGroup):
        return f"ethnic group {entry.name} (not a state){where}"
    return f"sector term '{entry.term}' → {entry.sector}{where}"
