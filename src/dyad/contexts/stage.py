"""The ``contexts`` pipeline stage: each event's PLOVER general contexts, with evidence.

Runs after ``counts`` (it reads the finished events) and before ``quotes``.
It reads the article's text and the event drafts, not the parse, so it costs
a regex pass over the article and a few dict look-ups per event.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.stages.base import Resources, Stage, register_stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyad.records import Article


@register_stage
class ContextStage(Stage):
    """General contexts (military, diplomatic, legal …) for every event, at the
    sentence, paragraph or article level, each with the span that justified it."""

    name = "contexts"
    requires = ("events",)

    def __init__(self, resources: Resources):
        from dyad.contexts.lexicon import load_context_lexicon
        from dyad.contexts.tagger import ContextTagger, load_trained
        from dyad.plugins import data_files

        # Plugin files first, then the user's: cues add up, the last file's settings win.
        extra = data_files().contexts + resources.options.contexts
        lexicon = load_context_lexicon(extra)
        folder = resources.options.context_model
        if folder is None:
            self.tagger = ContextTagger.from_ontology(resources.ontology, lexicon)
        else:
            weights, model = load_trained(folder)
            self.tagger = ContextTagger.from_ontology(resources.ontology, lexicon, weights=weights, model=model)

    def __call__(self, doc: Doc, article: Article) -> None:
        drafts = doc._.events or ()
        if not drafts:
            return
        tagged = self.tagger.tag(article.text, [d.event for d in drafts], title=article.title)
        doc._.events = tuple(replace(d, event=e) for d, e in zip(drafts, tagged, strict=True))

    def describe(self, doc: Doc) -> list[str]:
        """Per event: each context it carries, its probability, its evidence and (with the
        classifier) the features that weighed most."""
        article = doc._.article
        events = [d.event for d in doc._.events or () if d.event.context_evidence]
        if not events or article is None:
            return []
        art = self.tagger.read(article.text, article.title)
        return [f"{e.event} '{e.event_text}': " + "; ".join(self.tagger.explain(e, art)) for e in events]
