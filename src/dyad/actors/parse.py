"""Read one actor YAML file into typed entries, with file:line in every error.

A file is a mapping of sections (any subset, so a user file can add a few
people and a group): ``sector_codes``, ``sectors``, ``weak_sector_terms``,
``countries``, ``blocs``, ``organisations``, ``groups``, ``people``,
``ethnic_groups``.
The formats are documented in ``data/README.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dyad.actors.entries import Bloc, Country, EthnicGroup, Group, Organisation, Person, Role, SectorTerm
from dyad.datafile import LINE, read_yaml
from dyad.errors import ConfigError

_CODE = re.compile(r"^[A-Z]{3}$")
JSON_LINES = ".jsonl"
SECTIONS = (
    "sector_codes",
    "sectors",
    "weak_sector_terms",
    "agent_words",
    "countries",
    "blocs",
    "organisations",
    "groups",
    "people",
    "ethnic_groups",
)


@dataclass(slots=True)
class Sections:
    sector_codes: dict[str, str] = field(default_factory=dict)
    sector_terms: list[SectorTerm] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    blocs: list[Bloc] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    ethnic_groups: list[EthnicGroup] = field(default_factory=list)
    builtin: bool = True  # False: the file is the whole KB (only our sector codes are loaded with it)


def read_sections(origin: str, text: str, known_sectors: Mapping[str, str]) -> Sections:
    """Parse and check one file; ``known_sectors`` are codes loaded before it.
    A ``.jsonl`` file is JSON Lines (``read_json_lines``), any other YAML."""
    data = read_json_lines(text, origin) if origin.endswith(JSON_LINES) else read_yaml(text, origin)
    if data is None:
        return Sections()
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}:1: an actor file must be a mapping of sections ({', '.join(SECTIONS)})")
    unknown = [k for k in data if k not in (LINE, "builtin") and k not in SECTIONS]
    if unknown:
        raise ConfigError(f"{origin}:1: unknown section {unknown[0]!r}; expected one of {', '.join(SECTIONS)}")
    out = Sections()
    builtin = data.get("builtin", True)
    if not isinstance(builtin, bool):
        raise ConfigError(f"{origin}:1: 'builtin' must be true or false")
    out.builtin = builtin
    codes = data.get("sector_codes") or {}
    out.sector_codes = {str(k): str(v) for k, v in codes.items() if k != LINE}
    sectors = {**known_sectors, **out.sector_codes}
    ctx = _Ctx(origin, sectors)
    weak = {str(w).lower() for w in data.get("weak_sector_terms") or ()}
    by_sector = data.get("sectors") or {}
    line = by_sector.get(LINE, 1) if isinstance(by_sector, dict) else 1
    for code, terms in by_sector.items() if isinstance(by_sector, dict) else ():
        if code == LINE:
            continue
        ctx.sector(code, line)
        for term in _strings(terms, ctx, line, f"terms of {code}"):
            out.sector_terms.append(SectorTerm(term.lower(), code, term.lower() in weak, f"{origin}:{line}"))
    # Words that belong to an actor's phrase but name no PLOVER sector (PETRARCH's agent [~MOP]):
    # matched like sector words, so a shorter sector word inside them does not fire; they add nothing.
    line = data.get(LINE, 1)
    for term in _strings(data.get("agent_words"), ctx, line, "agent_words"):
        out.sector_terms.append(SectorTerm(term.lower(), "", False, f"{origin}:{line}"))
    out.countries = [_read_country(item, ctx) for item in ctx.items(data, "countries")]
    out.blocs = [_read_bloc(item, ctx) for item in ctx.items(data, "blocs")]
    out.organisations = [_read_org(item, ctx) for item in ctx.items(data, "organisations")]
    out.groups = [_read_group(item, ctx) for item in ctx.items(data, "groups")]
    out.people = [_read_person(item, ctx) for item in ctx.items(data, "people")]
    out.ethnic_groups = [_read_ethnic(item, ctx) for item in ctx.items(data, "ethnic_groups")]
    return out


def read_json_lines(text: str, origin: str) -> dict[str, Any]:
    """A generated KB file (build_phoenix.py): JSON Lines, the first line
    ``{"section": NAME, "about": TEXT}``, each other line one entry of that
    section in the YAML shape. JSON because it parses some ten times faster
    than YAML for the same entries; one entry a line keeps ``file:line``."""
    lines = text.splitlines()
    number = 1
    try:
        head = json.loads(lines[0]) if lines else {}
        section = head.get("section") if isinstance(head, dict) else None
        if section not in SECTIONS:
            raise ConfigError(f"{origin}:1: the first line must be {{\"section\": one of {', '.join(SECTIONS)}, \"about\": …}}")
        items = []
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ConfigError(f"{origin}:{number}: each line must be one {section} entry (a JSON object)")
            item[LINE] = number
            for role in item.get("roles") or ():
                if isinstance(role, dict):
                    role[LINE] = number
            items.append(item)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{origin}:{number}: malformed JSON: {exc.msg}") from exc
    return {section: items, LINE: 1}


@dataclass(slots=True)
class _Ctx:
    origin: str
    sectors: Mapping[str, str]

    def fail(self, line: int, message: str) -> ConfigError:
        return ConfigError(f"{self.origin}:{line}: {message}")

    def items(self, data: dict[str, Any], section: str) -> list[dict[str, Any]]:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise self.fail(data.get(LINE, 1), f"section {section!r} must be a list")
        for item in items:
            if not isinstance(item, dict):
                raise self.fail(data.get(LINE, 1), f"each entry of {section!r} must be a mapping, got {item!r}")
        return items

    def need(self, item: dict[str, Any], key: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(item[LINE], f"entry needs a non-empty text {key!r}")
        return value.strip()

    def code(self, value: Any, line: int, what: str = "code") -> str:
        if not isinstance(value, str) or not _CODE.match(value):
            raise self.fail(line, f"{what} must be three capital letters (ISO 3166 alpha-3 or IGO/NGO …), got {value!r}")
        return value

    def sector(self, value: Any, line: int) -> str:
        if not isinstance(value, str) or value not in self.sectors:
            raise self.fail(line, f"unknown sector {value!r}; known: {', '.join(sorted(self.sectors))}")
        return value


def _strings(value: Any, ctx: _Ctx, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ctx.fail(line, f"{what} must be a list of texts")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _date(value: Any, ctx: _Ctx, line: int, what: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):  # a bare year
        return dt.date(value, 1, 1)
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ctx.fail(line, f"{what} must be an ISO date YYYY-MM-DD, got {value!r}") from None


def _read_country(item: dict[str, Any], ctx: _Ctx) -> Country:
    line = item[LINE]
    metonyms: list[tuple[str, str]] = []
    raw = item.get("metonyms") or {}
    if not isinstance(raw, dict):
        raise ctx.fail(line, "metonyms must map a sector to a list of words")
    for sector, words in raw.items():
        if sector == LINE:
            continue
        ctx.sector(sector, line)
        metonyms += [(w, sector) for w in _strings(words, ctx, line, f"metonyms of {sector}")]
    return Country(
        code=ctx.code(item.get("code"), line),
        name=ctx.need(item, "name"),
        names=_strings(item.get("names"), ctx, line, "names"),
        adjectives=_strings(item.get("adjectives"), ctx, line, "adjectives"),
        capitals=_strings(item.get("capitals"), ctx, line, "capitals"),
        metonyms=tuple(metonyms),
        identifier=item.get("identifier"),
        origin=f"{ctx.origin}:{line}",
        **_lifetime(item, ctx, line),
    )


def _lifetime(item: dict[str, Any], ctx: _Ctx, line: int) -> dict[str, dt.date | None]:
    """Optional start/end of a historical state or body."""
    start = _date(item.get("start"), ctx, line, "start")
    end = _date(item.get("end"), ctx, line, "end")
    if start and end and end < start:
        raise ctx.fail(line, f"{item.get('name')!r} ends ({end}) before it starts ({start})")
    return {"start": start, "end": end}


def _read_bloc(item: dict[str, Any], ctx: _Ctx) -> Bloc:
    line = item[LINE]
    return Bloc(
        code=ctx.code(item.get("code"), line),
        name=ctx.need(item, "name"),
        names=_strings(item.get("names"), ctx, line, "names"),
        adjectives=_strings(item.get("adjectives"), ctx, line, "adjectives"),
        origin=f"{ctx.origin}:{line}",
        members=tuple(ctx.code(m, line, "a member") for m in _strings(item.get("members"), ctx, line, "members")),
    )


def _read_org(item: dict[str, Any], ctx: _Ctx) -> Organisation:
    line = item[LINE]
    sector = item.get("sector")
    country = item.get("country")
    return Organisation(
        identifier=ctx.need(item, "identifier"),
        name=ctx.need(item, "name"),
        code=ctx.code(item.get("code"), line),
        names=_strings(item.get("names"), ctx, line, "names"),
        sector=None if sector is None else ctx.sector(sector, line),
        country=None if country is None else ctx.code(country, line, "country"),
        seats=_strings(item.get("seats"), ctx, line, "seats"),
        origin=f"{ctx.origin}:{line}",
        **_lifetime(item, ctx, line),
    )


def _read_group(item: dict[str, Any], ctx: _Ctx) -> Group:
    line = item[LINE]
    country = item.get("country")
    return Group(
        identifier=ctx.need(item, "identifier"),
        name=ctx.need(item, "name"),
        country=None if country is None else ctx.code(country, line, "country"),
        sector=ctx.sector(item.get("sector"), line),
        names=_strings(item.get("names"), ctx, line, "names"),
        origin=f"{ctx.origin}:{line}",
        roles=_read_roles(item, ctx),
    )


def _read_roles(item: dict[str, Any], ctx: _Ctx) -> tuple[Role, ...]:
    """A person's offices, or a group's dated sectors: each counts from start to end."""
    roles = []
    for raw in item.get("roles") or []:
        if not isinstance(raw, dict):
            raise ctx.fail(item[LINE], f"each role must be a mapping, got {raw!r}")
        rline = raw[LINE]
        country = raw.get("country")
        sector = raw.get("sector")
        role = Role(
            title=ctx.need(raw, "title"),
            country=None if country is None else ctx.code(country, rline, "country"),
            sector=None if sector is None else ctx.sector(sector, rline),
            start=_date(raw.get("start"), ctx, rline, "start"),
            end=_date(raw.get("end"), ctx, rline, "end"),
        )
        if role.start and role.end and role.end < role.start:
            raise ctx.fail(rline, f"role {role.title!r} ends ({role.end}) before it starts ({role.start})")
        roles.append(role)
    return tuple(roles)


def _read_person(item: dict[str, Any], ctx: _Ctx) -> Person:
    line = item[LINE]
    gender = item.get("gender")
    if gender not in (None, "m", "f"):
        raise ctx.fail(line, f"gender must be m or f, got {gender!r}")
    country = item.get("country")
    return Person(
        id=ctx.need(item, "id"),
        name=ctx.need(item, "name"),
        aliases=_strings(item.get("aliases"), ctx, line, "aliases"),
        gender=gender,
        roles=_read_roles(item, ctx),
        family_name=item.get("surname"),
        origin=f"{ctx.origin}:{line}",
        country=None if country is None else ctx.code(country, line, "country"),
    )


def _read_ethnic(item: dict[str, Any], ctx: _Ctx) -> EthnicGroup:
    line = item[LINE]
    return EthnicGroup(
        identifier=ctx.need(item, "identifier"),
        name=ctx.need(item, "name"),
        names=_strings(item.get("names"), ctx, line, "names"),
        adjectives=_strings(item.get("adjectives"), ctx, line, "adjectives"),
        countries=tuple(ctx.code(c, line, "country") for c in _strings(item.get("countries"), ctx, line, "countries")),
        origin=f"{ctx.origin}:{line}",
    )
