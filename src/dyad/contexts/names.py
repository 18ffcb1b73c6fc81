"""The names an event's ``context`` may hold, read from ``coding/data/plover.yaml``.

``GENERAL_CONTEXTS``: the manual's 37 general contexts (table "General
contexts"), in its order; ``AUXILIARY_MODES``: its four auxiliary modes
(``future`` …), which the coder sets. Light to import (YAML only), so the
CLI and the API can check a ``--context`` value without the pipeline.
"""

from __future__ import annotations

from dyad.schema.build import read_plover_modes

_PLOVER = read_plover_modes()
GENERAL_CONTEXTS: tuple[str, ...] = _PLOVER.contexts
AUXILIARY_MODES: tuple[str, ...] = _PLOVER.auxiliary
CONTEXT_NAMES: tuple[str, ...] = (*GENERAL_CONTEXTS, *AUXILIARY_MODES)
LEVELS: tuple[str, ...] = ("sentence", "paragraph", "article")


def check_context_names(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``names`` lower-cased, or a ValueError naming the unknown ones and the known ones."""
    clean = tuple(n.strip().lower() for n in names if n.strip())
    unknown = [n for n in clean if n not in CONTEXT_NAMES]
    if unknown:
        raise ValueError(f"unknown context(s) {', '.join(unknown)}; known: {', '.join(CONTEXT_NAMES)}")
    return clean
