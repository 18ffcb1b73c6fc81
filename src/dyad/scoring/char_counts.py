"""The scorer's character n-gram counts, memoised per word: the same matrix, a fifth of the time.

scikit-learn's ``char_wb`` analyzer makes the n-grams of each whitespace-separated
word on its own (padded with a space either side), and ``_count_vocab`` counts
them in a Python loop: ~600 n-grams per sentence, most of the scorer's time.
A sentence's counts are the sum of its words' counts, and words repeat, so
each word's in-vocabulary counts are computed once (by scikit-learn's own
``_char_wb_ngrams`` on the word alone) and summed. The matrix is built and
sorted as ``_count_vocab`` builds it; ``tests/scoring/test_char_counts.py``
compares the two on the shipped model. Only the fitted, fixed-vocabulary path
(``transform``) is replaced; fitting uses scikit-learn's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from sklearn import get_config
from sklearn.feature_extraction.text import TfidfVectorizer

# Distinct words kept before the memo starts again.
MEMO_LIMIT = 200_000
ATTRIBUTE = "_count_vocab"  # the instance attribute that shadows the class's method


class WordMemoCounts:
    """``_count_vocab`` of one fitted ``char_wb`` vectorizer, from per-word counts."""

    def __init__(self, vectorizer: TfidfVectorizer):
        self.vectorizer = vectorizer
        self.memo: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def word_counts(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The columns and counts of the in-vocabulary n-grams of one word."""
        vocabulary = self.vectorizer.vocabulary_
        counts: dict[int, int] = {}
        for gram in self.vectorizer._char_wb_ngrams(word):
            j = vocabulary.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        return np.fromiter(counts.keys(), np.int32, len(counts)), np.fromiter(counts.values(), np.intc, len(counts))

    def __call__(self, raw_documents: Iterable[str], fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        vec = self.vectorizer
        if not fixed_vocab:
            return type(vec)._count_vocab(vec, raw_documents, fixed_vocab)  # fitting: scikit-learn's own
        preprocess = vec.build_preprocessor()
        white = vec._white_spaces
        memo = self.memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        columns: list[np.ndarray] = [np.zeros(0, np.int32)]
        counts: list[np.ndarray] = [np.zeros(0, np.intc)]
        lengths: list[int] = []
        for doc in raw_documents:
            n = 0
            for word in white.sub(" ", preprocess(vec.decode(doc))).split():
                found = memo.get(word)
                if found is None:
                    found = memo[word] = self.word_counts(word)
                columns.append(found[0])
                counts.append(found[1])
                n += len(found[0])
            lengths.append(n)
        rows = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        # (row, column) pairs repeat where words share n-grams: the canonical CSR sums them and sorts
        # the columns, which is what _count_vocab's per-document counter and sort_indices give.
        X = sp.coo_array((np.concatenate(counts), (rows, np.concatenate(columns))), shape=(len(lengths), len(vec.vocabulary_))).tocsr()
        X.sum_duplicates()
        # in the sparse interface scikit-learn is configured to return, as _count_vocab does
        csr = sp.csr_array if get_config()["sparse_interface"] == "sparray" else sp.csr_matrix
        return vec.vocabulary_, csr((X.data.astype(vec.dtype), X.indices.astype(np.int32), X.indptr.astype(np.int32)), shape=X.shape)


def memoise_char_counts(estimator: Any) -> int:
    """Give every fitted ``char_wb`` vectorizer in ``estimator`` (a Pipeline) the memoised counts;
    returns how many. ``ScorerModel.save`` drops them again, so a saved model is scikit-learn's alone."""
    done = 0
    for part in text_vectorizers(estimator):
        if part.analyzer == "char_wb" and hasattr(part, "vocabulary_"):
            setattr(part, ATTRIBUTE, WordMemoCounts(part))
            done += 1
    return done


def forget_char_counts(estimator: Any) -> None:
    for part in text_vectorizers(estimator):
        vars(part).pop(ATTRIBUTE, None)


def text_vectorizers(estimator: Any) -> list[TfidfVectorizer]:
    """The text vectorizers that end the branches of the scorer pipeline's ``features`` union."""
    features = getattr(estimator, "named_steps", {}).get("features")
    if features is None:
        return []
    return [p.steps[-1][1] for _, p in features.transformer_list
            if hasattr(p, "steps") and isinstance(p.steps[-1][1], TfidfVectorizer)]
