"""Split CAMEO actor codes into what dyad codes (country, organisation, PLOVER
sector), and write dyad's actors back as CAMEO-style codes.

The role and international tables are data (``data/cameo_codes.yaml``), so a
user whose dictionaries use other CAMEO extensions can read the mapping and
see why a unit was dropped.

    >>> split_code("PSEREBHMS")
    ActorCode(raw='PSEREBHMS', country='PSE', org=None, kind='country', sector='REB', rest=('HMS',))
    >>> cameo_of("DNK", "JRN")
    'DNKMED'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

import yaml

from dyad.errors import ConfigError

UNKNOWN = "---"


@dataclass(frozen=True, slots=True)
class CodeTables:
    roles: dict[str, str | None]  # CAMEO role unit → PLOVER sector (None: no sector)
    international: dict[str, tuple[str, str | None]]  # unit → (kind, dyad code)
    export: dict[str, str]  # PLOVER sector → CAMEO role
    countries: dict[str, str] = field(default_factory=dict)  # older CAMEO country code → ISO (TMP → TLS)


@dataclass(frozen=True, slots=True)
class ActorCode:
    """One CAMEO actor code, read unit by unit."""

    raw: str
    country: str | None  # the country (or regional/fictional) unit; None for "---" and international codes
    org: str | None  # IGO, NGO, MNC … when the code starts with an international unit
    kind: str  # "country", "organisation", "group", "unknown", "sector" (a bare role: "ELI")
    sector: str | None  # PLOVER sector of the first role unit that has one
    rest: tuple[str, ...] = ()  # units dyad does not code (identifiers, secondary roles)

    @property
    def head(self) -> str | None:
        """The code dyad puts in an Entity's ``code``: the country or the organisation code."""
        return self.country or self.org


@functools.cache
def load_tables() -> CodeTables:
    text = resources.files("dyad.actors").joinpath("data", "cameo_codes.yaml").read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
        roles = {str(k): (None if v is None else str(v)) for k, v in raw["roles"].items()}
        international = {str(k): (str(v[0]), None if v[1] is None else str(v[1])) for k, v in raw["international"].items()}
        export = {str(k): str(v) for k, v in (raw.get("export") or {}).items()}
        countries = {str(k): str(v) for k, v in (raw.get("countries") or {}).items()}
    except (yaml.YAMLError, KeyError, TypeError, IndexError) as exc:
        raise ConfigError(f"cameo_codes.yaml: malformed ({exc})") from exc
    return CodeTables(roles, international, export, countries)


def units(code: str) -> tuple[str, ...]:
    """``PSEREBHMS`` → ``("PSE", "REB", "HMS")``; a short tail stays one unit."""
    code = code.strip().upper()
    return tuple(code[i : i + 3] for i in range(0, len(code), 3))


def split_code(code: str, tables: CodeTables | None = None) -> ActorCode:
    """Read one code (no "/" alternatives: split those first)."""
    t = tables or load_tables()
    parts = units(code)
    if not parts:
        return ActorCode(code, None, None, "unknown", None)
    first, tail = parts[0], parts[1:]
    country = org = sector = None
    if first == UNKNOWN:
        kind = "unknown"
    elif first in t.international:
        kind, org = t.international[first]
        if kind == "group":  # IMG: a group with no home country; the table gives its sector
            sector, org = org, None
    elif first in t.roles:
        kind = "sector"  # a bare role ("ELI"): no country
        tail = parts
    else:
        kind, country = "country", first
    rest = []
    for unit in tail:
        if t.roles.get(unit) and (sector is None or kind == "group" and unit == tail[0]):
            sector = t.roles[unit]
        else:
            rest.append(unit)
    return ActorCode(code.strip().upper(), country, org, kind, sector, tuple(rest))


def split_alternatives(code: str) -> tuple[str, ...]:
    """``ELR/GAL`` names two actors at once (a compound code)."""
    return tuple(c for c in code.strip().upper().split("/") if c)


def cameo_role(sector: str | None, tables: CodeTables | None = None) -> str:
    """A PLOVER sector written as a CAMEO role (JRN → MED); '' for None."""
    if not sector:
        return ""
    return (tables or load_tables()).export.get(sector, sector)


def cameo_of(code: str | None, sector: str | None, tables: CodeTables | None = None) -> str:
    """dyad's (code, sector) as a CAMEO-style actor code: ``("DNK", "JRN")`` → ``DNKMED``,
    ``(None, "GOV")`` → ``---GOV``."""
    return (code or UNKNOWN) + cameo_role(sector, tables)


def comparable(code: str, tables: CodeTables | None = None) -> str:
    """A CAMEO code reduced to what dyad codes: head unit and first PLOVER sector,
    written back in CAMEO roles. ``ARNGOVFRM`` → ``ARNGOV``, ``PSEHMSGOV`` →
    ``PSEGOV``, ``IGOUNOKID`` → ``IGO``, ``ORCHOB`` → ``ORC``."""
    t = tables or load_tables()
    parsed = split_code(code, t)
    if parsed.kind == "group" and parsed.country is None:
        return cameo_of(None, parsed.sector, t)
    return cameo_of(parsed.head, parsed.sector, t)
