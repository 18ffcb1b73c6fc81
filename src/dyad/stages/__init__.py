"""Pipeline stages: one shape, declared Doc attributes, built once from shared resources.

    Stage            base class: name, requires, assigns, __call__(doc, article), pipe(), describe()
    StageFactory     a registered stage (name, builder, requires, assigns)
    Resources        what stages share: model, ontology, lexicon, knowledge base, geocoder
    register_stage   class decorator for built-in and plugin stages
    stage_factories  every known stage, plugins (entry point group ``dyad.stages``) included
    DEFAULT_STAGES   the built-in order
"""

from dyad.stages import extensions as _extensions  # noqa: F401 - declares the Doc attributes
from dyad.stages.base import ENTRY_POINT_GROUP, Resources, Stage, StageFactory, check_order, register_stage, stage_factories
from dyad.stages.builtin import DEFAULT_STAGES, DraftEvent

__all__ = [
    "DEFAULT_STAGES",
    "ENTRY_POINT_GROUP",
    "DraftEvent",
    "Resources",
    "Stage",
    "StageFactory",
    "check_order",
    "register_stage",
    "stage_factories",
]
