"""One flat row per event, for CSV output, tables and Parquet.

The columns are a stable, documented contract: add at the end, never rename.
"""

from __future__ import annotations

from collections.abc import Sequence

from dyad.records import Entity, Event

FLAT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "date", "date_precision", "date_text",
    "event", "mode", "cameo", "goldstein", "quad_code",
    "actor_text", "actor_name", "actor_code", "actor_sector", "actor_id",
    "recipient_text", "recipient_name", "recipient_code", "recipient_sector", "recipient_id",
    "place", "lat", "lon", "province", "place_country", "place_resolution", "geonameid",
    "dead", "injured", "arrested", "crowd",
    "event_text", "text", "sentence_start", "sentence_end", "trigger_start", "trigger_end",
    "confidence", "rule", "reported_by",
)  # fmt: skip


def _join(ents: Sequence[Entity], attr: str) -> str | None:
    vals = [getattr(e, attr) or "" for e in ents]
    return ";".join(vals) if any(vals) else None


def flatten_event(e: Event) -> dict[str, object]:
    """Several actors are joined with ';' in one cell, in order."""
    loc = e.event_loc
    size = e.size()
    return {
        "id": e.id,
        "article_id": e.article_id,
        "date": e.date.isoformat(),
        "date_precision": e.when.precision,
        "date_text": e.when.text,
        "event": e.event,
        "mode": e.mode,
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "quad_code": e.quad_code,
        "actor_text": _join(e.actor, "entity_text"),
        "actor_name": _join(e.actor, "entity_name"),
        "actor_code": _join(e.actor, "code"),
        "actor_sector": _join(e.actor, "sector"),
        "actor_id": _join(e.actor, "identifier_id"),
        "recipient_text": _join(e.recipient, "entity_text"),
        "recipient_name": _join(e.recipient, "entity_name"),
        "recipient_code": _join(e.recipient, "code"),
        "recipient_sector": _join(e.recipient, "sector"),
        "recipient_id": _join(e.recipient, "identifier_id"),
        "place": (loc.resolved_place or loc.extracted_place) if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "province": loc.province if loc else None,
        "place_country": loc.country_code if loc else None,
        "place_resolution": loc.resolution if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "dead": size["dead"],
        "injured": size["injured"],
        "arrested": size["arrested"],
        "crowd": size["crowd"],
        "event_text": e.event_text,
        "text": e.text,
        "sentence_start": e.offsets.sentence_start,
        "sentence_end": e.offsets.sentence_end,
        "trigger_start": e.offsets.trigger_start,
        "trigger_end": e.offsets.trigger_end,
        "confidence": round(e.confidence, 3),
        "rule": e.rule,
        "reported_by": _join(e.reported_by, "entity_name") or _join(e.reported_by, "entity_text"),
    }
