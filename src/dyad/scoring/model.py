"""ScorerModel: a linear model over word and character n-grams and parse cues.

Saved as a pickle with its metadata (data hash, code version, dev metrics,
tuned thresholds and the confidence calibration). A model file is code to
Python: load only files you made or trust, as with any pickle.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dyad.errors import InputError
from dyad.scoring.features import SentenceFeatures

FORMAT = 1


def texts_of(rows: Sequence[SentenceFeatures]) -> list[str]:
    return [r.text for r in rows]


def cues_of(rows: Sequence[SentenceFeatures]) -> list[dict[str, int]]:
    return [dict.fromkeys(r.parse, 1) for r in rows]


def build_estimator(c: float = 4.0, seed: int = 13, meaning: float = 0.0, sparse: bool = True, table: Path | None = None) -> Any:
    """The sklearn pipeline: TF-IDF word 1-2 grams, char 2-5 grams, parse cues → logistic regression.

    ``meaning`` > 0 appends the sentence's static embedding (``scoring/embedding.py``, the table at
    ``table`` or the packaged one) scaled by it; ``sparse=False`` leaves the n-grams and cues out."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    parts: list[tuple[str, Any]] = []
    if sparse:
        parts += [
            ("words", make_pipeline(FunctionTransformer(texts_of), TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True))),
            ("chars", make_pipeline(
                FunctionTransformer(texts_of), TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=60000))),
            ("cues", make_pipeline(FunctionTransformer(cues_of), DictVectorizer())),
        ]
    if meaning > 0:
        from dyad.scoring.embedding import MeaningFeatures

        parts.append(("meaning", make_pipeline(MeaningFeatures(meaning, table))))
    features = FeatureUnion(parts)
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass
class Calibration:
    """Event confidence as a probability: an isotonic map per decision path,
    fitted on the dev split (how often an event of that path and score was right)."""

    maps: dict[str, Any] = field(default_factory=dict)  # path → IsotonicRegression

    def __call__(self, path: str, score: float) -> float:
        iso = self.maps.get(path)
        if iso is None:
            return float(score)
        return float(np.clip(iso.predict([score])[0], 0.0, 1.0))


@dataclass
class ScorerModel:
    estimator: Any
    labels: tuple[str, ...]
    # Hybrid decisions (hybrid.py), tuned on the dev split.
    thresholds: dict[str, float] = field(default_factory=dict)  # per type: scorer path floor
    default_threshold: float = 0.5
    override: float = 0.9  # the scorer's top type replaces a rule type at or above this …
    override_rule_max: float = 0.05  # … when it gives the rule's type at most this
    # A rule event whose type the scorer gives less than this, in a sentence whose likeliest
    # label is "no event", is vetoed (a model file from before has the class's 0.05).
    veto: float = 0.05
    calibration: Calibration = field(default_factory=Calibration)
    meta: dict[str, Any] = field(default_factory=dict)  # data hash, code version, dev metrics

    def probabilities(self, rows: Sequence[SentenceFeatures]) -> np.ndarray:
        """One row per sentence, one column per label (``self.labels``)."""
        if not rows:
            return np.zeros((0, len(self.labels)))
        probs = self.estimator.predict_proba(list(rows))
        order = [list(self.estimator.classes_).index(lbl) for lbl in self.labels]
        return probs[:, order]

    def threshold(self, label: str) -> float:
        return self.thresholds.get(label, self.default_threshold)

    def weighed(self, row: SentenceFeatures, label: str, k: int = 6) -> list[tuple[str, float]]:
        """The features that pushed ``label`` most for this sentence (value × weight).

        The sentence embedding's dimensions mean nothing alone: they are summed into one entry,
        "meaning (N dims)", listed after the top ``k`` whatever its rank, so that what the dense
        features gave the type is always shown."""
        features = self.estimator.named_steps["features"]
        clf = self.estimator.named_steps["classifier"]
        x = features.transform([row]).tocsr()
        names = [f"{part}:{n}" for part, pipe in features.transformer_list for n in pipe.steps[-1][1].get_feature_names_out()]
        coef = clf.coef_[list(clf.classes_).index(label)]
        contrib, meaning, dims = [], 0.0, 0
        for j, v in zip(x.indices, x.data, strict=True):
            if names[j].startswith("meaning:"):
                meaning += float(v * coef[j])
                dims += 1
            else:
                contrib.append((str(names[j]), float(v * coef[j])))
        contrib.sort(key=lambda nc: (-nc[1], nc[0]))
        return contrib[:k] + ([(f"meaning ({dims} dims)", meaning)] if dims else [])

    def save(self, path: Path) -> None:
        """The same model always gives the same bytes (``make model`` is reproducible)."""
        from dyad.scoring.char_counts import forget_char_counts, text_vectorizers

        for vectorizer in text_vectorizers(self.estimator):
            # scikit-learn caches id(stop_words) here: an address of the building process
            vars(vectorizer).pop("_stop_words_id", None)
        forget_char_counts(self.estimator)  # the saved model is scikit-learn's alone
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump({"format": FORMAT, "model": self}, f, protocol=5)


def load_model(path: Path) -> ScorerModel:
    try:
        with path.open("rb") as f:
            data = pickle.load(f)  # noqa: S301 - our own model file (see the module doc)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ModuleNotFoundError) as exc:
        raise InputError(f"{path}: not a dyad scorer model ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("model"), ScorerModel):
        raise InputError(f"{path}: not a dyad scorer model of format {FORMAT}")
    from dyad.scoring.char_counts import memoise_char_counts

    memoise_char_counts(data["model"].estimator)
    return data["model"]


def packaged_model_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("dyad.scoring").joinpath("data/scorer.pkl")))


