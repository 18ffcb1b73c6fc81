"""PLOVER 2.0 types, CAMEO codes and the crosswalk between them, read from data files.

    >>> onto = load_ontology()
    >>> onto.plover_of("042")      # CAMEO → (PLOVER type, mode, Goldstein)
    ('CONSULT', 'visit', 1.9)
    >>> onto.quad_of("ASSAULT"), pentaclass("1123")
    (4, 3)

What the coder does with each type is data too: its flags and rewrites in
``data/plover.yaml`` (documented there), asked as ``onto.types[t].symmetric``
or ``onto.with_flag("symmetric")``. A new type is an entry in that file (and
lexicon patterns that give it); ``read_ontology`` reads another such file.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from dyad.datafile import LINE, read_yaml
from dyad.errors import ConfigError

DATA = "dyad.coding.data"
# What the coder and the story builder do with a type that has the flag (data/plover.yaml says more).
FLAGS = (
    "speech",  # its complements are only spoken of (coding/extract.py)
    "reaction",  # its recipient may be named inside what it reacts to (coding/extract.py)
    "borrows_recipient",  # with none of its own, the recipient of the event it speaks of (coding/combine.py)
    "symmetric",  # the parties act together: "A and B held talks" is A → B (coding/extract.py)
    "domestic",  # a party named only by its sector takes the other side's country (coding/extract.py)
    "placed",  # the recipient may be only the place of the act (coding/extract.py)
    "participle_describes",  # told by a participle it describes, it reports nothing (coding/extract.py)
    "no_actor_allowed",  # coded without an actor when the victims are known (coding/extract.py)
    "undirected",  # a story compares both sides as one set (stories.py)
    "moved_is_actor",  # an agentless passive's subject is its actor: "forces were deployed" (coding/extract.py)
    "speakers_act",  # in a reported clause not naming it, the speaker's act on the clause's subject (scoring/hybrid.py)
)
# The type of an event a user's imported dictionary codes with a code PLOVER has no type for
# (CAMEO 01 statements, WEIS codes, a dictionary's own codes): coded only with such a
# dictionary, written by dyad.coding.petrarch_out, and left out of the pipeline's output
# unless asked (PipelineOptions.cameo_only). Not a PLOVER type: not in Ontology.types.
CAMEO_ONLY = "CAMEO_ONLY"
TYPE_KEYS = ("quad", "score", "default_cameo", "requires_recipient", "modes", "definition", "flags", "refusal", "intention", "threat")


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The event another one becomes: "refused to hold talks" is REJECT, mode meet, CAMEO 125."""

    event: str
    mode: str | None
    cameo: str


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: int
    score: float | None
    default_cameo: str
    requires_recipient: bool
    modes: tuple[str, ...]
    definition: str
    speech: bool = False
    reaction: bool = False
    borrows_recipient: bool = False
    symmetric: bool = False
    domestic: bool = False
    placed: bool = False
    participle_describes: bool = False
    no_actor_allowed: bool = False
    undirected: bool = False
    moved_is_actor: bool = False
    speakers_act: bool = False
    refusal: Rewrite | None = None  # refusing it: a REJECT ("refused to meet")
    intention: Rewrite | None = None  # saying it will be done: an AGREE ("will hold talks")
    threat: Rewrite | None = None  # threatening it: a THREATEN ("threatened to attack")


CAMEO_ONLY_KIND = PloverType(CAMEO_ONLY, quad=0, score=None, default_cameo="", requires_recipient=False, modes=(),
                             definition="a dictionary's code with no PLOVER type (not a PLOVER event)")


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
    # (type, mode) → the crosswalk's CAMEO codes for it, indexed once: cameo_of_mode runs per event.
    by_mode: dict[tuple[str, str], tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str], list[str]] = {}
        for c in self.cameo.values():
            if c.plover is not None and c.mode is not None:
                index.setdefault((c.plover, c.mode), []).append(c.code)
        object.__setattr__(self, "by_mode", {key: tuple(codes) for key, codes in index.items()})

    def plover_of(self, cameo: str) -> tuple[str | None, str | None, float | None]:
        """CAMEO code → (PLOVER type, mode, Goldstein score)."""
        c = self.cameo_code(cameo)
        return c.plover, c.mode, c.goldstein

    def cameo_code(self, cameo: str) -> CameoCode:
        try:
            return self.cameo[normalise_cameo(cameo)]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {cameo!r}") from None

    def cameo_of_mode(self, plover: str, mode: str) -> str | None:
        """The one most general CAMEO code the crosswalk gives this type and mode (ASSAULT aerial → 195), if one."""
        codes = self.by_mode.get((plover, mode), ())
        if not codes:
            return None
        shortest = min(len(c) for c in codes)
        general = [c for c in codes if len(c) == shortest]
        return general[0] if len(general) == 1 else None  # explosives: car (1832) or roadside (1833)? neither

    def quad_of(self, plover: str) -> int | None:
        return None if plover == CAMEO_ONLY else self.plover_type(plover).quad

    def kind(self, event: str) -> PloverType:
        """What the coder may ask of an event type: its flags; a CAMEO-only event has none."""
        return CAMEO_ONLY_KIND if event == CAMEO_ONLY else self.types[event]

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

    def with_flag(self, flag: str) -> frozenset[str]:
        """The types that have ``flag`` (one of ``FLAGS``, or "requires_recipient")."""
        if flag not in (*FLAGS, "requires_recipient"):
            raise KeyError(f"unknown PLOVER type flag {flag!r}; known: {', '.join(FLAGS)}, requires_recipient")
        return frozenset(name for name, t in self.types.items() if getattr(t, flag))


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


def parse_types(text: str, origin: str, cameo: dict[str, CameoCode]) -> dict[str, PloverType]:
    """The PLOVER type table, checked: known keys and flags, CAMEO codes, modes."""
    raw = read_yaml(text, origin)
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        raise ConfigError(f"{origin}:1: a PLOVER type table maps 'types' to one entry per type")
    entries = {name: v for name, v in raw["types"].items() if name != LINE}
    for name, v in entries.items():
        if not isinstance(v, dict):
            raise ConfigError(f"{origin}:{raw['types'][LINE]}: type {name} must be a mapping")
    types = {name: _read_type(name, v, f"{origin}:{v[LINE]}", cameo) for name, v in entries.items()}
    for t in types.values():
        for rewrite in (t.refusal, t.intention, t.threat):
            if rewrite is not None:
                _check_rewrite(rewrite, types, cameo, f"{origin}:{entries[t.name][LINE]}: {t.name}")
    return types


def _read_type(name: str, v: dict[str, Any], where: str, cameo: dict[str, CameoCode]) -> PloverType:
    unknown = sorted(set(v) - set(TYPE_KEYS) - {LINE})
    if unknown:
        raise ConfigError(f"{where}: {name}: unknown key(s) {', '.join(unknown)}; known: {', '.join(TYPE_KEYS)}")
    flags = v.get("flags") or []
    if not isinstance(flags, list) or any(f not in FLAGS for f in flags):
        raise ConfigError(f"{where}: {name}: flags must be a list of {', '.join(FLAGS)}; got {flags!r}")
    try:
        t = PloverType(
            name=name,
            quad=int(v["quad"]),
            score=None if v.get("score") is None else float(v["score"]),
            default_cameo=str(v["default_cameo"]),
            requires_recipient=bool(v.get("requires_recipient", False)),
            modes=tuple(v.get("modes") or ()),
            definition=str(v["definition"]),
            refusal=_read_rewrite(v.get("refusal"), "REJECT"),
            intention=_read_rewrite(v.get("intention"), "AGREE"),
            threat=_read_rewrite(v.get("threat"), "THREATEN"),
            **{f: True for f in flags},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {name}: malformed PLOVER type ({exc})") from exc
    if t.default_cameo not in cameo:
        raise ConfigError(f"{where}: {name} default_cameo {t.default_cameo} is not a CAMEO code")
    return t


def _read_rewrite(value: Any, event: str) -> Rewrite | None:
    """``{mode: meet, cameo: "125"}``, or a bare CAMEO code (no mode), as an event of type ``event``."""
    if value is None:
        return None
    if isinstance(value, dict):
        if set(value) - {"mode", "cameo", LINE}:
            raise ValueError(f"a rewrite to {event} has only mode and cameo, got {sorted(k for k in value if k != LINE)}")
        return Rewrite(event, value.get("mode"), str(value["cameo"]))
    return Rewrite(event, None, str(value))


def _check_rewrite(r: Rewrite, types: dict[str, PloverType], cameo: dict[str, CameoCode], where: str) -> None:
    if r.event not in types:
        raise ConfigError(f"{where}: rewrites to {r.event}, which is not a type")
    if r.cameo not in cameo or cameo[r.cameo].plover != r.event:
        raise ConfigError(f"{where}: CAMEO {r.cameo} is not a {r.event} code")
    if r.mode is not None and r.mode not in types[r.event].modes:
        raise ConfigError(f"{where}: {r.mode!r} is not a mode of {r.event} ({', '.join(types[r.event].modes)})")


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
    return read_ontology(read_data_text("plover.yaml"), "plover.yaml")


def check_event_type(value: str) -> str:
    """``value`` as a known PLOVER type (any case), or a ConfigError with a hint: a
    filter on a misspelt type would otherwise answer with nothing, silently."""
    import difflib

    known = load_ontology().types
    name = value.strip().upper()
    if name in known:
        return name
    close = difflib.get_close_matches(name, known, n=2)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ConfigError(f"unknown PLOVER event type {value!r}{hint} (known: {', '.join(sorted(known))})")


def read_ontology(plover_yaml: str, origin: str) -> Ontology:
    """An ontology from a PLOVER type table in the format of ``data/plover.yaml``
    (``origin`` names it in errors) and the packaged CAMEO tables."""
    cameo = packaged_cameo()
    return Ontology(types=parse_types(plover_yaml, origin, cameo), cameo=cameo)


@functools.cache
def packaged_cameo() -> dict[str, CameoCode]:
    return parse_cameo(read_data_text("cameo.tsv"), read_data_text("cameo_plover.csv"))
