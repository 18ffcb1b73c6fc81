"""Event storage: SQLite by default, PostgreSQL when asked; exports."""

from dyad.store.engine import redact
from dyad.store.store import EventFilter, Store, StoreCounts

__all__ = ["EventFilter", "Store", "StoreCounts", "redact"]
