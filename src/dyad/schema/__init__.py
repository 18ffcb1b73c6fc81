"""JSON Schemas of the records dyad publishes (PLOVER event record, quote)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def load_schema(name: str = "event") -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8"))


def validate_record(record: dict[str, Any], name: str = "event") -> None:
    """Raise jsonschema.ValidationError if ``record`` does not fit the schema."""
    import jsonschema

    jsonschema.validate(record, load_schema(name), cls=jsonschema.Draft202012Validator)
