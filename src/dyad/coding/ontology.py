"""PLOVER 2.0 types, CAMEO codes and the crosswalk between them, read from data files.

    >>> onto = load_ontology()
    >>> onto.plover_of("042")      # CAMEO → (PLOVER type, mode, Goldstein)
    ('CONSULT', 'visit', 1.9)
    >>> onto.quad_of("ASSAULT"), pentaclass("1123")
    (4, 3)
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

import yaml

from dyad.errors import ConfigError

DATA = "dyad.coding.data"


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: int
    score: float | None
    default_cameo: str
    requires_recipient: bool
    modes: tuple[str, ...]
    definition: str


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    plover: str | None  # None for CAMEO 01 statements, which PLOVER does not code
    mode: str | None
    context: tuple[str, ...]
    source: str  # where the crosswalk row came from


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, PloverType]
    cameo: dict[str, CameoCode]

    def plover_of(self, cameo: str) -> tuple[str | None, str | None, float | None]:
        """CAMEO code → (PLOVER type, mode, Goldstein score)."""
        c = self.cameo_code(cameo)
        return c.plover, c.mode, c.goldstein

    def cameo_code(self, cameo: str) -> CameoCode:
        try:
            return self.cameo[normalise_cameo(cameo)]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {cameo!r}") from None

    def quad_of(self, plover: str) -> int:
        return self.plover_type(plover).quad

    def default_cameo(self, plover: str) -> str:
        return self.plover_type(plover).default_cameo

    def goldstein_of(self, cameo: str | None) -> float | None:
        if cameo is None:
            return None
        return self.cameo_code(cameo).goldstein

    def plover_type(self, plover: str) -> PloverType:
        try:
            return self.types[plover.upper()]
        except KeyError:
            raise KeyError(f"unknown PLOVER type {plover!r}; known: {', '.join(self.types)}") from None


def normalise_cameo(code: str | int) -> str:
    """CAMEO codes are strings with leading zeros: 42 → "042", "311" → "0311".

    Roots run 01-20, so a code without its zero whose first two digits are not
    10-20 (and any one-digit code) lost a leading zero.
    """
    s = str(code).strip()
    if not s.isdigit() or s.startswith("0"):
        return s
    if len(s) >= 2 and 10 <= int(s[:2]) <= 20:
        return s
    return "0" + s


def pentaclass(cameo: str | int) -> int:
    """The 5 coarse CAMEO classes used by ConfliBERT's data.

    0 = CAMEO 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14-15 and 17-20.
    """
    root = int(normalise_cameo(cameo)[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"not a CAMEO code: {cameo!r}")
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def read_data_text(name: str) -> str:
    return resources.files(DATA).joinpath(name).read_text(encoding="utf-8")


def parse_types(text: str, origin: str) -> dict[str, PloverType]:
    try:
        raw = yaml.safe_load(text)["types"]
        return {
            name: PloverType(
                name=name,
                quad=int(v["quad"]),
                score=None if v.get("score") is None else float(v["score"]),
                default_cameo=str(v["default_cameo"]),
                requires_recipient=bool(v.get("requires_recipient", False)),
                modes=tuple(v.get("modes") or ()),
                definition=str(v["definition"]),
            )
            for name, v in raw.items()
        }
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: malformed PLOVER type table ({exc})") from exc


def parse_cameo(names_tsv: str, crosswalk_csv: str) -> dict[str, CameoCode]:
    goldstein: dict[str, tuple[str, float | None]] = {}
    for row in csv.DictReader(io.StringIO(names_tsv), delimiter="\t"):
        g = row.get("goldstein") or ""
        goldstein[row["code"]] = (row["description"], float(g) if g else None)
    out: dict[str, CameoCode] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(crosswalk_csv)), start=2):
        code = row["cameo"]
        if code not in goldstein:
            raise ConfigError(f"cameo_plover.csv:{line}: CAMEO {code} is not in cameo.tsv")
        name, score = goldstein[code]
        out[code] = CameoCode(
            code=code,
            name=name,
            goldstein=score,
            plover=row["plover"] or None,
            mode=row["mode"] or None,
            context=tuple(c for c in row["context"].split(";") if c),
            source=row["source"],
        )
    return out


@functools.cache
def load_ontology() -> Ontology:
    """The packaged PLOVER/CAMEO tables (read once per process)."""
    types = parse_types(read_data_text("plover.yaml"), "plover.yaml")
    cameo = parse_cameo(read_data_text("cameo.tsv"), read_data_text("cameo_plover.csv"))
    for t in types.values():
        if t.default_cameo not in cameo:
            raise ConfigError(f"plover.yaml: {t.name} default_cameo {t.default_cameo} is not a CAMEO code")
    return Ontology(types=types, cameo=cameo)
