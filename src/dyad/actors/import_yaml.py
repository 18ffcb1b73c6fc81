"""Write imported KB entries as an actor YAML file, one entry per line, in the
shape ``parse.py`` reads (see ``data/README.md``); and say what a surface of
the base KB resolves to, so the importer can leave out what is already known.

The output is deterministic: entries in dictionary order, keys in a fixed
order, so regenerating from the same dictionaries gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from dyad.actors.entries import Bloc, Country, Group, Organisation, Person, Role, SectorTerm, Surface

if TYPE_CHECKING:
    from dyad.actors.importer import ImportResult


def resolves_to(surface: Surface) -> tuple[str | None, str | None]:
    """(code, sector) a surface gives, in the importer's terms; people by id."""
    entry = surface.entry
    if isinstance(entry, SectorTerm):
        return ("sector", entry.sector)
    if isinstance(entry, Country | Bloc):
        return (entry.code, surface.sector)
    if isinstance(entry, Organisation):
        return (entry.code, entry.sector)
    if isinstance(entry, Group):
        return (entry.country, entry.sector)
    if isinstance(entry, Person):
        return ("person", entry.id)
    return (None, None)


def same_resolution(known: tuple[str | None, str | None], new: tuple[str | None, str | None]) -> bool:
    """Whether a base surface already gives what an imported name would: the same
    code and sector, or the same code where the import has no sector (a PETRARCH
    dictionary codes a capital as its country; dyad's capital rule is finer)."""
    return known == new or (known[0] == new[0] and new[1] is None and known[0] not in ("person", "sector"))


def render_yaml(result: ImportResult, header: str = "") -> str:
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    if not result.builtin:
        lines += ["builtin: false  # the whole knowledge base: dyad's own entries are not loaded with it", ""]
    if any(term.sector for term in result.sector_terms):
        lines.append("sectors:")
        by_sector: dict[str, list[str]] = {}
        for term in result.sector_terms:
            if term.sector:
                by_sector.setdefault(term.sector, []).append(term.term)
        for sector in sorted(by_sector):
            lines.append(f"  {sector}: {_flow(sorted(by_sector[sector]))}")
        lines.append("")
    if words := sorted(term.term for term in result.sector_terms if not term.sector):
        lines += [f"agent_words: {_flow(words)}  # agents with no PLOVER sector", ""]
    sections: list[tuple[str, list[dict[str, Any]]]] = [
        ("countries", [_country(c) for c in result.countries]),
        ("blocs", [_bloc(b) for b in result.blocs]),
        ("organisations", [_organisation(o) for o in result.organisations]),
        ("groups", [_group(g) for g in result.groups]),
        ("people", [_person(p) for p in result.people]),
    ]
    for name, items in sections:
        if not items:
            continue
        lines.append(f"{name}:")
        lines.extend(f"  - {_flow(item)}" for item in items)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _bloc(b: Bloc) -> dict[str, Any]:
    out: dict[str, Any] = {"code": b.code, "name": b.name}
    if b.names:
        out["names"] = list(b.names)
    out["members"] = list(b.members)
    return out


def render_json_lines(result: ImportResult, section: str, about: str) -> str:
    """One section of ``result`` as a JSON Lines KB file (``parse.read_json_lines``):
    a first line naming the section with ``about`` (provenance), then an entry a line."""
    renderers: dict[str, Callable[[Any], dict[str, Any]]] = {"countries": _country, "organisations": _organisation, "groups": _group, "people": _person}
    render = renderers[section]
    lines = [json.dumps({"section": section, "about": about}, ensure_ascii=False)]
    lines += [json.dumps(render(entry), ensure_ascii=False, separators=(",", ":")) for entry in getattr(result, section)]
    return "\n".join(lines) + "\n"


def _flow(value: object) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=1 << 20, allow_unicode=True, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, (), [], "")}


def _country(c: Country) -> dict[str, Any]:
    metonyms: dict[str, list[str]] = {}
    for words, sector in c.metonyms:
        metonyms.setdefault(sector, []).append(words)
    return _drop_empty({"code": c.code, "name": c.name, "names": list(c.names), "adjectives": list(c.adjectives),
                        "capitals": list(c.capitals), "metonyms": metonyms or None, "identifier": c.identifier})


def _organisation(o: Organisation) -> dict[str, Any]:
    return _drop_empty({"identifier": o.identifier, "name": o.name, "code": o.code, "names": list(o.names),
                        "sector": o.sector, "country": o.country, "seats": list(o.seats)})


def _group(g: Group) -> dict[str, Any]:
    return _drop_empty({"identifier": g.identifier, "name": g.name, "country": g.country, "sector": g.sector,
                        "names": list(g.names), "roles": [_role(r) for r in g.roles]})


def _person(p: Person) -> dict[str, Any]:
    return _drop_empty({"id": p.id, "name": p.name, "aliases": list(p.aliases), "surname": p.family_name,
                        "gender": p.gender, "country": p.country, "roles": [_role(r) for r in p.roles]})


def _role(r: Role) -> dict[str, Any]:
    out: dict[str, Any] = {"title": r.title}
    if r.country:
        out["country"] = r.country
    if r.sector:
        out["sector"] = r.sector
    out["start"] = _date(r.start)
    out["end"] = _date(r.end)
    return {k: v for k, v in out.items() if v is not None or k == "end"}


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
