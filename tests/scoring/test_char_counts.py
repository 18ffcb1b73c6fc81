"""Per-word memoised character n-gram counts must give scikit-learn's matrix exactly."""

from __future__ import annotations

import pickle

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dyad.scoring.char_counts import ATTRIBUTE, WordMemoCounts, memoise_char_counts
from dyad.scoring.features import SentenceFeatures
from dyad.scoring.model import build_estimator, load_model, packaged_model_path

# Invented sentences: repeated and short words, capitals, accents, tabs, runs of spaces and newlines.
TEXTS = [
    "Rebels shelled the town overnight, and the town's mayor said the shelling went on.",
    "The  ministers   met\tin Geneva;\n\nthey agreed to meet again.",
    "A b c I x: 12 %, 3.5 km — é à Ünïcode Zürich São Paulo.",
    "",
    "   ",
    "UN UN un Un uN talks TALKS Talks talks.",
    "Kyiv's forces re-took Kreminna; Moscow denied it. Kyiv's forces re-took it again.",
]


def _same(a, b) -> None:
    a, b = a.tocsr(), b.tocsr()
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)  # exactly: the same floats, not close ones


def _stock_transform(vec: TfidfVectorizer, texts: list[str]):
    memo = vars(vec).pop(ATTRIBUTE)
    try:
        return vec.transform(texts)
    finally:
        setattr(vec, ATTRIBUTE, memo)


def test_memoised_counts_equal_scikit_learns_on_a_vectorizer_fitted_here():
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=1, sublinear_tf=True).fit(TEXTS[:3])
    stock_counts = type(vec)._count_vocab(vec, TEXTS, fixed_vocab=True)[1]
    setattr(vec, ATTRIBUTE, WordMemoCounts(vec))
    _same(vec._count_vocab(TEXTS, fixed_vocab=True)[1], stock_counts)
    _same(vec.transform(TEXTS), _stock_transform(vec, TEXTS))
    _same(vec.transform(TEXTS[::-1]), _stock_transform(vec, TEXTS[::-1]))  # again, from the memo


def test_the_shipped_scorer_counts_and_scores_as_scikit_learn_does():
    model = load_model(packaged_model_path())
    features = model.estimator.named_steps["features"]
    chars = dict(features.transformer_list)["chars"].steps[-1][1]
    assert isinstance(vars(chars).get(ATTRIBUTE), WordMemoCounts)
    _same(chars.transform(TEXTS), _stock_transform(chars, TEXTS))
    rows = [SentenceFeatures(t, ("lex:ASSAULT", "root:shell")) for t in TEXTS]
    memoised = model.probabilities(rows)
    memo = vars(chars).pop(ATTRIBUTE)
    stock = model.probabilities(rows)
    setattr(chars, ATTRIBUTE, memo)
    assert np.array_equal(memoised, stock)


def test_a_saved_model_holds_no_memo(tmp_path):
    model = load_model(packaged_model_path())
    model.save(tmp_path / "scorer.pkl")
    assert b"WordMemoCounts" not in (tmp_path / "scorer.pkl").read_bytes()
    again = pickle.loads((tmp_path / "scorer.pkl").read_bytes())["model"]
    assert all(ATTRIBUTE not in vars(p.steps[-1][1]) for _, p in again.estimator.named_steps["features"].transformer_list)


def test_only_fitted_char_vectorizers_are_memoised():
    estimator = build_estimator()
    assert memoise_char_counts(estimator) == 0  # not fitted yet: fitting stays scikit-learn's
