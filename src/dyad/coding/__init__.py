"""Event coding: PLOVER 2.0 / CAMEO ontology, trigger lexicon, and the EventCoder."""

from dyad.coding.explain import explain_doc, explain_sentence
from dyad.coding.extract import EventCoder
from dyad.coding.lexicon import Lexicon, Pattern, load_lexicon
from dyad.coding.ontology import Ontology, load_ontology, normalise_cameo, pentaclass

__all__ = [
    "EventCoder",
    "Lexicon",
    "Ontology",
    "Pattern",
    "explain_doc",
    "explain_sentence",
    "load_lexicon",
    "load_ontology",
    "normalise_cameo",
    "pentaclass",
]
