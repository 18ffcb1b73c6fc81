"""Choices for options whose enums live in heavy modules.

``dyad --help`` must not import SQLAlchemy, pandas or spaCy just to list a
few choices, so these mirror ``ExportFormat`` (dyad.store.export), ``Freq`` and
``Level`` (dyad.analytics) and ``GoldFormat`` (dyad.evaluation.run); commands
convert by value once they run, and a test keeps the values the same.
"""

from __future__ import annotations

from enum import Enum


class ExportChoice(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    cameo_tsv = "cameo-tsv"


class FreqChoice(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class LevelChoice(str, Enum):
    event = "event"
    story = "story"


class GoldChoice(str, Enum):
    petr2 = "petr2"
    conflibert = "conflibert"
    event_location = "event_location"
    voa = "voa"
