"""Actor knowledge base (``data/*.yaml``) and actor resolution in parsed text."""

from dyad.actors.entries import Bloc, Country, Group, Organisation, Person, Role, SectorTerm, Surface
from dyad.actors.kb import ActorConflictWarning, KnowledgeBase, load_knowledge_base

__all__ = [
    "ActorConflictWarning",
    "Bloc",
    "Country",
    "Group",
    "KnowledgeBase",
    "Organisation",
    "Person",
    "Role",
    "SectorTerm",
    "Surface",
    "load_knowledge_base",
]
