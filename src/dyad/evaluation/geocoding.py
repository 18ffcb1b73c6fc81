"""Score the geocoder on dyad's own geocoding set (packaged; docs/geocoding_set.md).

Each case names one place mention, in a sentence we wrote or in a VOA story
(by story id and character offsets: the story's text stays in ../shared), and
the GeoNames id it means, or a region's name for regions GeoNames ids we do not
ship, or nothing for a name that is no place here ("Congress"). The mention is
geocoded as an event's place is (``dyad.where.locate.geocode_mention``): its
candidate span, feature words, "X, Y" container and the article's countries.

    python -m dyad.evaluation.geocoding [dev|test]
"""

from __future__ import annotations

import json
import math
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dyad.evaluation.coverage import packaged_path
from dyad.records import Place

DEV_FILE = "geocoding_dev.jsonl"
TEST_FILE = "geocoding_test.jsonl"
FAR_KM = 500.0
NEAR_KM = 25.0


@dataclass(frozen=True, slots=True)
class GeoCase:
    id: str
    place: str
    geonameid: int | None
    name: str | None  # the expected feature's name (regions without a shipped id)
    lat: float | None
    lon: float | None
    text: str | None = None  # our own sentence
    voa: str | None = None  # or a VOA story id, with the mention's offsets
    start: int | None = None
    end: int | None = None

    @property
    def is_place(self) -> bool:
        return self.geonameid is not None or self.name is not None


@dataclass(frozen=True, slots=True)
class GeoScores:
    """Right-feature accuracy and distance errors over the located cases."""

    n: int
    n_places: int
    accuracy: float  # right GeoNames id (or region, or rightly no place)
    within_25km: float  # share of place cases within 25 km: >= 0.5 means median <= 25 km
    within_500km: float  # share of place cases within 500 km: 1.0 means no error over 500 km
    median_km: float
    misses: tuple[str, ...] = ()

    def summary(self) -> str:
        lines = [
            f"n={self.n} accuracy={self.accuracy:.3f} places={self.n_places} median_error={self.median_km:.1f} km "
            f"within_25km={self.within_25km:.3f} within_500km={self.within_500km:.3f}"
        ]
        lines += [f"  miss: {m}" for m in self.misses[:15]]
        return "\n".join(lines)


def read_cases(path: Path) -> list[GeoCase]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(GeoCase(**json.loads(line)))
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _is_right(case: GeoCase, place: Place) -> bool:
    if not case.is_place:
        return place.resolution is None
    if case.geonameid is not None:
        return place.geonameid == case.geonameid
    return place.resolved_place == case.name


def _error_km(case: GeoCase, place: Place) -> float:
    if place.lat is None or place.lon is None or case.lat is None or case.lon is None:
        return math.inf  # a place put nowhere is as wrong as one put far away
    return distance_km(case.lat, case.lon, place.lat, place.lon)


def geocode_cases(cases: Sequence[GeoCase], voa_path: Path | None) -> list[Place]:
    """Each case's mention geocoded in its context (our sentence or the whole VOA story)."""
    from dyad.nlp import load_model
    from dyad.where.geocoder import Geocoder
    from dyad.where.locate import geocode_mention

    stories: dict[str, str] = {}
    if any(c.voa for c in cases):
        if voa_path is None or not voa_path.is_file():
            raise FileNotFoundError(f"{voa_path}: the VOA stories the set points into")
        with open(voa_path, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                stories[str(row["id"])] = row["text"]
    texts = list(dict.fromkeys(stories[c.voa] if c.voa else str(c.text) for c in cases))
    nlp = load_model()
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=16)))
    geocoder = Geocoder()
    out = []
    for c in cases:
        if c.voa:
            doc, start, end = docs[stories[c.voa]], int(c.start or 0), int(c.end or 0)
        else:
            doc = docs[str(c.text)]
            found = re.search(rf"(?<!\w){re.escape(c.place)}(?!\w)", doc.text)
            start, end = (found.start(), found.end()) if found else (0, 0)
        out.append(geocode_mention(doc, start, end, geocoder))
    return out


def score_cases(cases: Sequence[GeoCase], places: Sequence[Place]) -> GeoScores:
    right = 0
    errors: list[float] = []
    misses = []
    for case, place in zip(cases, places):
        ok = _is_right(case, place)
        right += ok
        if case.is_place:
            errors.append(_error_km(case, place))
        if not ok:
            misses.append(f"{case.id} {case.place!r}: want {case.geonameid or case.name} got "
                          f"{place.geonameid} {place.resolved_place} ({place.country_code}, {place.resolution})")
    n_places = len(errors)
    return GeoScores(
        n=len(cases),
        n_places=n_places,
        accuracy=right / len(cases) if cases else 0.0,
        within_25km=sum(e <= NEAR_KM for e in errors) / n_places if n_places else 0.0,
        within_500km=sum(e <= FAR_KM for e in errors) / n_places if n_places else 0.0,
        median_km=statistics.median(errors) if errors else 0.0,
        misses=tuple(misses),
    )


def evaluate_geocoding(split: str = "test", voa_path: Path | None = None) -> GeoScores:
    """Score one split of the packaged geocoding set."""
    cases = read_cases(packaged_path(DEV_FILE if split == "dev" else TEST_FILE))
    return score_cases(cases, geocode_cases(cases, voa_path))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    split = args[0] if args else "dev"
    voa = Path(__file__).resolve().parents[4] / "shared" / "data" / "voa" / "voa_stories.jsonl"
    print(evaluate_geocoding(split, voa).summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
