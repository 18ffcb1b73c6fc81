"""Near-duplicate articles: a wire story republished by several outlets is coded
once; its other copies are recorded as further reports of the same article.

MinHash over word 5-shingles with LSH (datasketch), so finding a copy costs
about the same whatever the corpus size.
"""

from __future__ import annotations

import re
from datasketch import MinHash, MinHashLSH

from dyad.records import Article, ArticleCopy

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 96
SHINGLE = 5
BATCH = 4096  # shingles hashed per call


def _minhash(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=NUM_PERM, seed=7)
    if len(words) < SHINGLE:
        m.update(" ".join(words).encode())
        return m
    # In batches: datasketch makes a (shingles x permutations) array per call,
    # which for a 5 MB article would be gigabytes at once.
    n = len(words) - SHINGLE + 1
    for lo in range(0, n, BATCH):
        m.update_batch([" ".join(words[i : i + SHINGLE]).encode() for i in range(lo, min(n, lo + BATCH))])
    return m


class NearDuplicateIndex:
    """Remembers the articles seen so far and says whether a new one copies one of them."""

    def __init__(self, threshold: float = 0.8):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def check(self, article: Article) -> ArticleCopy | None:
        """The earlier article this one copies, or None (and it is remembered)."""
        if article.id in self._hashes:
            return None
        mh = _minhash(article.text)
        best: tuple[float, str] | None = None
        for other in self._lsh.query(mh):
            sim = mh.jaccard(self._hashes[other])
            if sim >= self.threshold and (best is None or sim > best[0] or (sim == best[0] and other < best[1])):
                best = (sim, other)
        if best is not None:
            return ArticleCopy(article, best[1], round(best[0], 3))
        self._lsh.insert(article.id, mh)
        self._hashes[article.id] = mh
        return None
