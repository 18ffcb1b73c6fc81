"""Near-duplicate detection: a republished wire story is one article."""

from __future__ import annotations

import datetime as dt

from dyad.batch.dedup import NearDuplicateIndex
from dyad.records import Article

STORY = (
    "Government forces and rebels clashed on Sunday near the northern town, leaving at least a dozen fighters dead, "
    "a military spokesman said. The fighting broke out after rebels attacked an army checkpoint on the main road, "
    "according to residents who fled the area. Aid groups said hundreds of families had left their homes since the "
    "start of the week and called for a ceasefire to allow food and medicine to reach the town."
)


def art(id_: str, text: str) -> Article:
    return Article(id=id_, date=dt.date(2024, 1, 1), text=text)


def test_republished_copy_with_small_edits_is_found():
    idx = NearDuplicateIndex()
    assert idx.check(art("wire", STORY)) is None
    copy = idx.check(art("outlet", "LAGOS (Wire) — " + STORY.replace("Sunday", "Sunday evening") + " Reporting by staff."))
    assert copy is not None and copy.original_id == "wire" and 0.8 <= copy.similarity <= 1.0


def test_different_stories_are_not_copies():
    idx = NearDuplicateIndex()
    assert idx.check(art("a", STORY)) is None
    other = "The central bank raised interest rates by half a point on Thursday to fight inflation, which reached a " \
            "ten-year high last month, and signalled that more increases could follow before the end of the year."
    assert idx.check(art("b", other)) is None
    assert len(idx) == 2


def test_same_id_seen_again_is_not_its_own_copy():
    idx = NearDuplicateIndex()
    assert idx.check(art("a", STORY)) is None
    assert idx.check(art("a", STORY)) is None


def test_a_long_text_is_hashed_in_batches_to_the_same_signature():
    """Issue 17: hashing is batched (memory bounded) and gives the one-call signature."""
    from datasketch import MinHash

    from dyad.batch.dedup import BATCH, NUM_PERM, SHINGLE, _minhash

    words = [f"w{i % 997}" for i in range(3 * BATCH + 17)]
    whole = MinHash(num_perm=NUM_PERM, seed=7)
    whole.update_batch([" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)])
    assert _minhash(" ".join(words)) == whole
