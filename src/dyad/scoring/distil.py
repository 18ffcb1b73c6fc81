"""Distil a static embedding table from all-MiniLM-L6-v2 (model2vec's recipe), at build time.

    python -m dyad.scoring.distil [--out src/dyad/scoring/data/embedding.npz] [--dims 256]

Every WordPiece token of the model's vocabulary is embedded alone ("[CLS] tok
[SEP]", mean-pooled over the three positions as the model's pooling config
says) by the numpy forward pass (``scoring/minilm.py``); PCA reduces the 384
dims; each row is weighted by a SIF factor a / (a + p(token)) with p from
Zipf's law over the vocabulary's order (BERT's ids run roughly from frequent
to rare), so frequent tokens count less in a sentence's mean. The
``[unusedN]`` and special tokens get zero rows. At run time
(``scoring/embedding.py``) a sentence is its tokens' mean row.

Deterministic: float32 throughout, PCA by a full SVD with the sign of each
component fixed, the table saved as float16 with the tokenizer's vocabulary.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

from dyad.scoring.minilm import MiniLM

UNUSED = re.compile(r"\[unused\d+\]")
SIF = 1e-4  # model2vec's default SIF coefficient
DIMS = 256


def token_states(model: MiniLM, batch: int = 512) -> np.ndarray:
    """(vocabulary, 384): each token alone between [CLS] and [SEP], mean-pooled (not normalised)."""
    vocab = model.tokenizer.get_vocab()
    n = len(vocab)
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    out = np.zeros((n, int(model.config["hidden_size"])), dtype=np.float32)
    for s in range(0, n, batch):
        ids = np.arange(s, min(n, s + batch))
        x = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
        out[s : s + len(ids)] = model.encode_ids(x, np.ones_like(x)).mean(1)
    return out


def kept_tokens(vocab: dict[str, int]) -> np.ndarray:
    """Ids of the tokens a sentence can hold: not [PAD]/[CLS]/[SEP]/[MASK] nor [unusedN] ([UNK] stays)."""
    special = {"[PAD]", "[CLS]", "[SEP]", "[MASK]"}
    return np.array(sorted(i for t, i in vocab.items() if t not in special and not UNUSED.fullmatch(t)), dtype=np.int64)


def reduce(states: np.ndarray, kept: np.ndarray, dims: int = DIMS, sif: float = SIF) -> np.ndarray:
    """PCA of the kept tokens' states to ``dims``, SIF-weighted by Zipf rank; other rows zero."""
    x = states[kept].astype(np.float64)
    x -= x.mean(0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    comps = vt[:dims]
    comps *= np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(1)])[:, None]  # a fixed sign per component
    reduced = x @ comps.T
    inv_rank = 1.0 / np.arange(2, len(kept) + 2)
    p = inv_rank / inv_rank.sum()
    reduced *= (sif / (sif + p))[:, None]
    table = np.zeros((states.shape[0], dims), dtype=np.float32)
    table[kept] = reduced.astype(np.float32)
    return table


def distil(dims: int = DIMS, sif: float = SIF, states: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """The float16 table and the vocabulary in id order."""
    model = MiniLM.load()
    vocab = model.tokenizer.get_vocab()
    if states is None:
        states = token_states(model)
    table = reduce(states, kept_tokens(vocab), dims, sif)
    words = [t for t, _ in sorted(vocab.items(), key=lambda ti: ti[1])]
    return table.astype(np.float16), words


def main(argv: list[str] | None = None) -> None:
    from dyad.scoring.embedding import packaged_table_path, save_table

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=packaged_table_path())
    ap.add_argument("--dims", type=int, default=DIMS)
    args = ap.parse_args(argv)
    table, words = distil(args.dims)
    save_table(args.out, table, words)
    print(f"wrote {args.out}: {table.shape[0]} tokens × {table.shape[1]} dims, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
