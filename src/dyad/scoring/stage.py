"""The ``scorer`` stage: each sentence's type probabilities on ``doc._.scores``."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.stages.base import Resources, Stage, register_stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyad.records import Article
    from dyad.scoring.model import ScorerModel


@functools.cache
def cached_model(path: Path) -> ScorerModel:
    """One load per model file and process (Pipelines share it)."""
    from dyad.scoring.model import load_model

    return load_model(path)


def model_for(resources: Resources) -> ScorerModel:
    """The model the options name (``--model``), else the packaged one."""
    from dyad.scoring.model import packaged_model_path

    return cached_model((resources.options.scorer_model or packaged_model_path()).resolve())


@register_stage
class ScorerStage(Stage):
    """The learned scorer: P(type) for every PLOVER type and P(no event), per parsed sentence."""

    name = "scorer"
    requires = ("triggers",)
    assigns = ("scores",)

    def __init__(self, resources: Resources):
        self.model = model_for(resources)
        self.lexicon = resources.lexicon

    def __call__(self, doc: Doc, article: Article) -> None:
        self._score([doc])

    def pipe(self, docs: Sequence[tuple[Doc, Article]]) -> list[BaseException | None]:
        """One model call over every sentence of the batch; when it fails, Doc by Doc."""
        try:
            self._score([d for d, _ in docs])
            return [None] * len(docs)
        except Exception:  # noqa: BLE001 - retried one by one so one bad Doc fails alone
            return super().pipe(docs)

    def _score(self, docs: list[Doc]) -> None:
        from dyad.scoring.features import sentence_features
        from dyad.scoring.records import SentenceScores

        spans = [[s for s in doc.sents if not s.text.isspace()] for doc in docs]
        rows = [sentence_features(s, doc._.triggers or (), self.lexicon) for doc, sents in zip(docs, spans, strict=True) for s in sents]
        probs = self.model.probabilities(rows)
        labels = self.model.labels
        k = 0
        for doc, sents in zip(docs, spans, strict=True):
            out = []
            for s in sents:
                out.append(SentenceScores(s.start, s.end, labels, tuple(round(float(p), 4) for p in probs[k])))
                k += 1
            doc._.scores = tuple(out)

    def describe(self, doc: Doc) -> list[str]:
        """Each sentence's top types, and the features that weighed most for the first."""
        from dyad.scoring.features import sentence_features

        lines = []
        for s in doc._.scores or ():
            sent = doc[s.start : s.end]
            words = sent.text.strip()
            top = s.top(3)
            lines.append(f"'{words[:60]}{'…' if len(words) > 60 else ''}': {', '.join(f'{label} {p:.2f}' for label, p in top)}")
            weighed = self.model.weighed(sentence_features(sent, doc._.triggers or (), self.lexicon), top[0][0])
            lines.append(f"    {top[0][0]} from: {', '.join(f'{name!r} {w:+.2f}' for name, w in weighed)}")
        return lines
