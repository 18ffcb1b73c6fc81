"""Generate ``event.schema.json``: the record's shape is declared here, its PLOVER
event types, modes and context names are read from ``coding/data/plover.yaml`` alone.

    python -m dyad.schema.build      # rewrite the shipped schema after editing plover.yaml

``tests/schema`` checks that the shipped file is exactly what this produces.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

SCHEMA_FILE = Path(__file__).with_name("event.schema.json")

NULLABLE_STRING = {"type": ["string", "null"]}
SPAN = {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/span"}]}


@dataclass(frozen=True, slots=True)
class PloverModes:
    """The event types of plover.yaml, in its order, with each type's modes, and its context names."""

    types: tuple[tuple[str, tuple[str, ...]], ...]
    contexts: tuple[str, ...] = ()  # the manual's general contexts, in its order
    auxiliary: tuple[str, ...] = ()  # its auxiliary modes (future …), also put in ``context``


def read_plover_modes(text: str | None = None) -> PloverModes:
    # Read as a file of the package, not through dyad.coding, which loads the NLP stack.
    if text is None:
        text = resources.files("dyad").joinpath("coding", "data", "plover.yaml").read_text("utf-8")
    doc = yaml.safe_load(text)
    contexts = doc.get("contexts") or {}
    types = tuple((name, tuple(v.get("modes") or ())) for name, v in doc["types"].items())
    return PloverModes(types, tuple(contexts.get("general") or ()), tuple(contexts.get("auxiliary") or ()))


# The unknown actor (records.Entity.unknown): the manual's sector UNK, "generic
# unidentified actors", for an event whose actor the text does not name.
UNKNOWN_ACTOR = (
    "The unknown actor has kind 'unknown', sector 'UNK' and no identifier: an agentless event "
    "('seven civilians were killed') has empty entity_text and null offsets, unless an attack stands for "
    "the doer ('a car bomb killed'), whose words and offsets it then holds; a subject the knowledge "
    "base does not know ('the ACLU') keeps its words and offsets. It takes a country code only where "
    "the article gives one (the victims' own state in a domestic act)."
)


def _entity() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "A PLOVER actor or recipient. " + UNKNOWN_ACTOR,
        "required": ["entity_text", "entity_name", "code", "sector", "identifier_id"],
        "additionalProperties": False,
        "properties": {
            "entity_text": {
                "type": "string",
                "description": "The words in the text (empty only for the unknown actor of an agentless event no attack stands for).",
            },
            "entity_name": {**NULLABLE_STRING, "description": "Canonical name."},
            "code": {**NULLABLE_STRING, "pattern": "^[A-Z]{3}$", "description": "ISO 3166 alpha-3 country, or IGO, NGO, MNC, WST …"},
            "sector": {**NULLABLE_STRING, "pattern": "^[A-Z]{2,4}$", "description": "PLOVER sector code (GOV, MIL, REB, CVL …; UNK for the unknown actor)."},
            "identifier_id": {**NULLABLE_STRING, "description": "Stable identifier: a Wikidata QID where known."},
            "kind": {**NULLABLE_STRING, "description": "person, country, organisation, group, sector, or unknown (the unknown actor)."},
            "offsets": SPAN,
            "resolution": {**NULLABLE_STRING, "description": "Why the mention resolved this way."},
        },
        # Words are required of every entity but the unknown actor, which may have none.
        "if": {"properties": {"kind": {"const": "unknown"}}, "required": ["kind"]},
        "then": {"properties": {"sector": {"const": "UNK"}}},
        "else": {"properties": {"entity_text": {"minLength": 1}}},
    }


def _place() -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "required": ["extracted_place", "resolved_place", "geonameid", "lat", "lon", "province", "country_code", "resolution"],
                "additionalProperties": False,
                "properties": {
                    "extracted_place": {"type": "string"},
                    "resolved_place": NULLABLE_STRING,
                    "geonameid": {"type": ["integer", "null"]},
                    "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
                    "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
                    "province": NULLABLE_STRING,
                    "country_code": {**NULLABLE_STRING, "pattern": "^[A-Z]{3}$"},
                    "resolution": {"enum": [None, "region", "country", "admin1", "admin2", "populated_place", "point"]},
                    "rule": NULLABLE_STRING,
                    "offsets": SPAN,
                },
            },
        ]
    }


def _counts() -> dict[str, Any]:
    return {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["kind", "value", "qualifier"],
            "properties": {
                "kind": {"enum": ["dead", "injured", "arrested", "crowd"]},
                "value": {"type": "integer", "minimum": 0},
                "qualifier": {"enum": ["exact", "at_least", "about", "more_than", "at_most", "fewer_than"]},
                "group": NULLABLE_STRING,
                "text": {"type": "string"},
                "start": {"type": ["integer", "null"]},
                "end": {"type": ["integer", "null"]},
            },
        },
    }


def _mode_rules(plover: PloverModes) -> list[dict[str, Any]]:
    """Each type allows only its own modes (or none)."""
    return [
        {
            "if": {"properties": {"event": {"const": name}}, "required": ["event"]},
            "then": {"properties": {"mode": {"enum": [None, *modes]}}},
        }
        for name, modes in plover.types
    ]


def build_event_schema(plover: PloverModes | None = None) -> dict[str, Any]:
    plover = plover or read_plover_modes()
    all_modes = sorted({m for _, modes in plover.types for m in modes})
    offsets = ("sentence_start", "sentence_end", "trigger_start", "trigger_end")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/dyad-events/dyad/schema/event.schema.json",
        "title": "dyad event record",
        "description": (
            "A PLOVER 2.0 event record (PLOVER manual, table 6.1) with dyad's additions: article_id, cameo, goldstein, "
            "date_precision, date_text, confidence, rule, offsets, counts, reported_by, context_evidence, and the "
            "article's provenance (url, source, published). Generated by dyad.schema.build; event types, modes and context names come from plover.yaml."
        ),
        "type": "object",
        "required": ["id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "size", "event_text", "text",
                     "quad_code", "article_id", "cameo", "goldstein", "date_precision", "confidence", "rule", "offsets"],  # fmt: skip
        "additionalProperties": False,
        "$defs": {
            "entity": _entity(),
            "span": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
            "count": {"type": ["integer", "null"], "minimum": 0},
        },
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "actor": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
            "recipient": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
            "event": {"enum": [name for name, _ in plover.types]},
            "mode": {"enum": [None, *all_modes]},
            "context": _context(plover),
            "event_loc": _place(),
            "size": {
                "type": "object",
                "required": ["dead", "injured", "arrested"],
                "additionalProperties": False,
                "properties": {k: {"$ref": "#/$defs/count"} for k in ("dead", "injured", "arrested", "crowd")},
            },
            "event_text": {"type": "string", "minLength": 1},
            "text": {"type": "string", "minLength": 1},
            "quad_code": {"type": ["integer", "null"], "minimum": 1, "maximum": 4},
            "article_id": {"type": "string", "minLength": 1},
            "cameo": {**NULLABLE_STRING, "pattern": r"^\d{2,4}$"},
            "goldstein": {"type": ["number", "null"], "minimum": -10, "maximum": 10},
            "date_precision": {"enum": ["day", "week", "month", "season", "year", "article"]},
            "aggregate": {
                "type": "boolean",
                "description": "A tally of many incidents over a month or more (a count dated to a month, season or year); "
                "left out of counts and maps.",
            },
            "date_text": NULLABLE_STRING,
            "date_offsets": SPAN,
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "rule": {"type": "string", "minLength": 1},
            "offsets": {
                "type": "object",
                "required": list(offsets),
                "additionalProperties": False,
                "properties": {k: {"type": "integer", "minimum": 0} for k in offsets},
            },
            "counts": _counts(),
            "reported_by": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
            "url": {**NULLABLE_STRING, "description": "The article's URL."},
            "source": {**NULLABLE_STRING, "description": "The article's outlet."},
            "published": {
                "oneOf": [{"type": "null"}, {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}],
                "description": "The article's date.",
            },
            "context_evidence": _context_evidence(plover),
        },
        "allOf": _mode_rules(plover),
    }


def _context(plover: PloverModes) -> dict[str, Any]:
    names = [*plover.contexts, *plover.auxiliary]
    return {
        "type": "array",
        "items": {"enum": names} if names else {"type": "string"},
        "uniqueItems": True,
        "description": "The manual's general contexts (military, diplomatic …; most probable first), then its auxiliary modes (future …).",
    }


def _context_evidence(plover: PloverModes) -> dict[str, Any]:
    """Why each general context was given (``records.ContextTag``)."""
    return {
        "type": "array",
        "description": "Why each general context in context was given: where (level), the words and their offsets.",
        "items": {
            "type": "object",
            "required": ["name", "level", "offsets", "text", "source"],
            "additionalProperties": False,
            "properties": {
                "name": {"enum": list(plover.contexts)} if plover.contexts else {"type": "string"},
                "level": {"enum": ["sentence", "paragraph", "article"]},
                "offsets": SPAN,
                "text": {"type": "string"},
                "source": {"type": "string"},
            },
        },
    }


def render(schema: dict[str, Any]) -> str:
    """Indented JSON with lists of plain values on one line, so the file stays readable."""
    return _render(schema, 0) + "\n"


def _render(value: Any, depth: int) -> str:
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {_render(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + _render(v, depth + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    SCHEMA_FILE.write_text(render(build_event_schema()), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
