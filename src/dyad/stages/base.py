"""The shape every pipeline stage has, the shared dependencies stages are built
from, and the registry that names them.

Modelled on spaCy's component factories (``Language.factory(name, requires=,
assigns=)``): a stage is registered under a name with the Doc attributes it
reads and the ones it sets; the Pipeline builds each stage once from one
``Resources`` (one model, one knowledge base, one geocoder, one ontology, one
lexicon), checks that every attribute a stage reads is set by a stage before
it, and runs them in order. Results live on the Doc as declared extensions
(``doc._.mentions``, ``doc._.events`` … see ``extensions.py``).

Plugins add stages through the ``dyad.stages`` entry point group; the value is
a ``StageFactory`` (or a callable returning one). Built-in stages are
registered the same way in this package's metadata and in ``builtin.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from dyad.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dyad.actors.kb import KnowledgeBase
    from dyad.coding.lexicon import Lexicon
    from dyad.coding.ontology import Ontology
    from dyad.pipeline import PipelineOptions
    from dyad.records import Article
    from dyad.where.geocoder import Geocoder


@dataclass(slots=True)
class Resources:
    """What stages share, loaded once per Pipeline.

    Every stage that needs places gets this one geocoder, so a ``--places``
    file reaches the event place, the coder's place recipients and the actor
    resolver's place check alike.
    """

    options: PipelineOptions
    nlp: Language
    ontology: Ontology
    lexicon: Lexicon
    knowledge_base: KnowledgeBase
    geocoder: Geocoder
    # Anything a plugin stage wants to share with another, by name.
    extra: dict[str, Any] = field(default_factory=dict)


class Stage:
    """One step of the pipeline over a parsed Doc.

    Subclasses set ``name``, ``requires`` (Doc extensions read) and
    ``assigns`` (Doc extensions set), and implement ``__call__``, which reads
    the Doc's attributes and sets its own. ``pipe`` codes a batch; override it
    when a stage is cheaper over many Docs at once (the entity recogniser is).
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Doc, article: Article) -> None:
        raise NotImplementedError

    def pipe(self, docs: Sequence[tuple[Doc, Article]]) -> list[BaseException | None]:
        """Run on each Doc; the error of one Doc is returned in its place, not raised."""
        errors: list[BaseException | None] = []
        for doc, article in docs:
            try:
                self(doc, article)
                errors.append(None)
            except Exception as exc:  # noqa: BLE001 - becomes that article's rejection
                errors.append(exc)
        return errors

    def describe(self, doc: Doc) -> list[str]:
        """Lines for ``dyad explain``: what this stage decided on ``doc``."""
        return []


StageBuilder = Callable[[Resources], Stage]


@dataclass(frozen=True, slots=True)
class StageFactory:
    """A registered stage: its name, what it reads and sets, and how to build it."""

    name: str
    build: StageBuilder
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""


_REGISTRY: dict[str, StageFactory] = {}
ENTRY_POINT_GROUP = "dyad.stages"  # dyad.plugins.STAGES


def register_stage(cls: type[Stage]) -> type[Stage]:
    """Class decorator: register a Stage subclass whose constructor takes ``Resources``."""
    if not cls.name:
        raise ConfigError(f"stage class {cls.__qualname__} has no name")
    _REGISTRY[cls.name] = StageFactory(cls.name, cls, tuple(cls.requires), tuple(cls.assigns), (cls.__doc__ or "").strip())
    return cls


def stage_factories() -> dict[str, StageFactory]:
    """Every known stage: the built-in ones, then those of installed plugins."""
    from dyad.stages import builtin  # noqa: F401 - registers the built-in stages

    factories = dict(_REGISTRY)
    factories.update(_plugin_factories())
    return factories


@functools.cache
def _plugin_factories() -> dict[str, StageFactory]:
    from dyad.plugins import STAGES, plugins

    out: dict[str, StageFactory] = {}
    for plugin in plugins(STAGES):
        if plugin.builtin:
            continue  # dyad's own, already registered by builtin.py
        obj = plugin.load()
        try:
            out[plugin.name] = as_factory(plugin.name, obj)
        except Exception as exc:  # noqa: BLE001 - the wrong kind of object, or a factory function that raised
            raise plugin.error(f"is unusable: {exc}") from exc
    return out


def as_factory(name: str, obj: object) -> StageFactory:
    """A StageFactory from what a plugin exports: a factory, or a Stage subclass."""
    if isinstance(obj, StageFactory):
        return obj
    if isinstance(obj, type) and issubclass(obj, Stage):
        return StageFactory(obj.name or name, obj, tuple(obj.requires), tuple(obj.assigns), (obj.__doc__ or "").strip())
    if callable(obj):
        made = obj()
        if isinstance(made, StageFactory):
            return made
    raise ConfigError(f"{type(obj).__name__} {name!r} is neither a StageFactory nor a Stage subclass")


def check_order(stages: Sequence[Stage], provided: Sequence[str] = ("article",)) -> None:
    """Every attribute a stage reads is set by the parse or a stage before it."""
    have = set(provided)
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise ConfigError(
                f"stage {stage.name!r} reads {', '.join(missing)}, which no stage before it sets "
                f"(order: {', '.join(s.name for s in stages)})"
            )
        have.update(stage.assigns)
