"""Sentence meaning as a few hundred dense features: a static embedding table
distilled from all-MiniLM-L6-v2 (``scoring/distil.py``, build time), looked up
at run time with numpy alone (a WordPiece tokenisation and a mean of rows).

The table is a float16 ``.npy`` and the WordPiece vocabulary a text file
(``python -m dyad.scoring.distil`` writes them to ``data/embedding.npy`` and
``data/embedding_vocab.txt`` in the package). Measured by grouped
cross-validation and not shipped (docs/model.md, "Sentence meaning"): the
shipped scorer does not use it. A scorer model that uses a table stores its
hash, not the table, and refuses a table that changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from dyad.errors import InputError


def packaged_table_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("dyad.scoring").joinpath("data/embedding.npy")))


def vocab_path(table: Path) -> Path:
    return table.with_name(table.stem + "_vocab.txt")


def save_table(path: Path, table: np.ndarray, words: Sequence[str]) -> None:
    """The table (float16) and its vocabulary, one token a line in id order; the same table, the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        np.save(f, np.ascontiguousarray(table, dtype=np.float16), allow_pickle=False)
    vocab_path(path).write_text("".join(w + "\n" for w in words), encoding="utf-8")


@dataclass(frozen=True)
class StaticEmbedding:
    table: np.ndarray  # (vocabulary, dims) float32 in memory (float16 on disk)
    tokenizer: Any  # tokenizers.Tokenizer (BERT uncased WordPiece, no special tokens added)
    digest: str

    @property
    def dims(self) -> int:
        return int(self.table.shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dims) float32: the mean row of each text's tokens, L2-normalised (as model2vec
        does: a sentence's scale then matches the TF-IDF blocks'); zeros for a text with no token."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for i, enc in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            if enc.ids:
                out[i] = self.table[enc.ids].mean(0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


@lru_cache(maxsize=4)
def load_table(path: Path | None = None) -> StaticEmbedding:
    """The table at ``path`` (the packaged one by default), read once per process."""
    from tokenizers.implementations import BertWordPieceTokenizer

    p = path or packaged_table_path()
    try:
        raw = p.read_bytes()
        table = np.load(p, allow_pickle=False).astype(np.float32)
        tokenizer = BertWordPieceTokenizer(str(vocab_path(p)), lowercase=True)
    except (OSError, ValueError) as exc:
        raise InputError(f"{p}: no embedding table ({exc}); build it with python -m dyad.scoring.distil") from exc
    if table.shape[0] != tokenizer.get_vocab_size():
        raise InputError(f"{p}: {table.shape[0]} rows for {tokenizer.get_vocab_size()} tokens")
    digest = hashlib.sha256(raw + vocab_path(p).read_bytes()).hexdigest()[:16]
    return StaticEmbedding(table, tokenizer, digest)


class MeaningFeatures(TransformerMixin, BaseEstimator):
    """A scikit-learn transformer: sentence rows → their embedding × ``weight`` (dense).

    Pickled without the table (only its path's role and hash): the scorer model
    stays small and the packaged table is loaded once, whichever model uses it."""

    def __init__(self, weight: float = 1.0, path: Path | None = None) -> None:
        self.weight = weight
        self.path = path
        self.digest = load_table(path).digest

    def fit(self, rows: Sequence[Any], y: Any = None) -> MeaningFeatures:
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return True  # nothing to learn: the table is fixed

    def transform(self, rows: Sequence[Any]) -> np.ndarray:
        emb = load_table(self.path)
        if emb.digest != self.digest:
            raise InputError(f"the embedding table changed ({emb.digest}, the model was fitted with {self.digest}): retrain the scorer")
        return emb.embed([r.text for r in rows]) * self.weight

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array([f"dim{i}" for i in range(load_table(self.path).dims)], dtype=object)
