"""Where did an event happen: an offline gazetteer, a geocoder and event place selection.

    geocoder = Geocoder()                      # full offline gazetteer, cached on first use
    place = locate_event(doc, trigger_head, mentions, geocoder)
    place = geocode_text("Kharkov")            # direct lookup
"""

from dyad.where.gazetteer import Gazetteer, GazetteerEntry, MemoryGazetteer, load_gazetteer
from dyad.where.geocoder import Geocoder, geocode_text
from dyad.where.locate import find_article_countries, locate_event

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "Geocoder",
    "MemoryGazetteer",
    "find_article_countries",
    "geocode_text",
    "load_gazetteer",
    "locate_event",
]
