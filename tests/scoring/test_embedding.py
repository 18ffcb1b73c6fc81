"""The static sentence embedding: distillation arithmetic (PCA, SIF weights, zero rows),
the table's file and its run-time lookup, the scorer's dense block, and (where the
build-only MiniLM package is installed) the numpy forward pass it is distilled from."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from dyad.errors import InputError
from dyad.scoring.distil import kept_tokens, reduce
from dyad.scoring.embedding import MeaningFeatures, load_table, save_table

VOCAB = ["[PAD]", "[unused0]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "army", "attacked", "a", "village", "talks", "##s", "met"]


def synthetic_states(dims: int = 12, seed: int = 3) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(len(VOCAB), dims)).astype(np.float32)


def test_kept_tokens_leave_out_special_and_unused_tokens():
    kept = kept_tokens({t: i for i, t in enumerate(VOCAB)})
    assert [VOCAB[i] for i in kept] == ["[UNK]", "the", "army", "attacked", "a", "village", "talks", "##s", "met"]


def test_reduce_is_pca_weighted_by_zipf_rank_with_zero_rows_for_the_rest():
    states = synthetic_states()
    kept = kept_tokens({t: i for i, t in enumerate(VOCAB)})
    table = reduce(states, kept, dims=4)
    assert table.shape == (len(VOCAB), 4) and table.dtype == np.float32
    assert not table[[0, 1, 3, 4, 5]].any()  # [PAD], [unused0], [CLS], [SEP], [MASK]
    # Before the SIF weights the kept rows are centred PCA scores: undo the weights and check.
    inv = 1.0 / np.arange(2, len(kept) + 2)
    w = 1e-4 / (1e-4 + inv / inv.sum())
    scores = table[kept] / w[:, None]
    assert np.allclose(scores.mean(0), 0.0, atol=1e-4)
    var = scores.var(0)
    assert list(var) == sorted(var, reverse=True)  # components in order of explained variance
    # Frequent tokens (low ids) weigh less than rare ones.
    assert w[0] < w[-1]
    assert np.array_equal(reduce(states, kept, dims=4), table)  # deterministic, signs included


@pytest.fixture()
def table_file(tmp_path: Path) -> Path:
    kept = kept_tokens({t: i for i, t in enumerate(VOCAB)})
    path = tmp_path / "embedding.npy"
    save_table(path, reduce(synthetic_states(), kept, dims=4).astype(np.float16), VOCAB)
    return path


def test_saving_the_same_table_gives_the_same_bytes(table_file, tmp_path):
    again = tmp_path / "again" / "embedding.npy"
    save_table(again, np.load(table_file), VOCAB)
    assert again.read_bytes() == table_file.read_bytes()
    assert (tmp_path / "again" / "embedding_vocab.txt").read_text().splitlines() == VOCAB


def test_a_sentence_is_the_normalised_mean_of_its_wordpiece_rows(table_file):
    emb = load_table(table_file)
    table = np.load(table_file).astype(np.float32)
    got = emb.embed(["The army attacked", "Talks", "", "zzz"])
    mean = table[[6, 7, 8]].mean(0)
    assert np.allclose(got[0], mean / np.linalg.norm(mean), atol=1e-6)
    assert np.allclose(got[1], table[[11]][0] / np.linalg.norm(table[11]), atol=1e-6)  # "talks" is one token
    assert not got[2].any()  # no token: zeros
    assert np.allclose(got[3], table[2] / np.linalg.norm(table[2]), atol=1e-6)  # unknown word → [UNK]'s row


def test_the_dense_block_is_weighted_and_refuses_a_changed_table(table_file):
    rows = [SimpleNamespace(text="the army met"), SimpleNamespace(text="village talks")]
    features = MeaningFeatures(2.0, table_file)
    x = features.fit(rows).transform(rows)
    assert x.shape == (2, 4) and np.allclose(np.linalg.norm(x, axis=1), 2.0)
    assert list(features.get_feature_names_out()) == ["dim0", "dim1", "dim2", "dim3"]
    features.digest = "0" * 16  # as a model fitted with another table would hold
    with pytest.raises(InputError, match="embedding table changed"):
        features.transform(rows)


def test_a_missing_table_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no embedding table"):
        load_table(tmp_path / "none.npy")


def test_the_numpy_minilm_ranks_paraphrases_above_unrelated_sentences():
    from dyad.scoring.minilm import MiniLM

    e = MiniLM.load().embed(["Russia attacked Ukraine", "Russian forces struck Ukraine", "The central bank raised interest rates"])
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    sims = e @ e.T
    assert sims[0, 1] > 0.7 and sims[0, 2] < 0.3


def test_the_scorer_fits_and_explains_with_the_dense_block(table_file):
    from dyad.scoring.features import SentenceFeatures
    from dyad.scoring.model import ScorerModel, build_estimator

    rows = [SentenceFeatures(t, cues) for t, cues in [
        ("the army attacked a village", ("pred:attack",)), ("the army attacked", ("pred:attack",)),
        ("talks met", ("pred:meet",)), ("the talks met", ("pred:meet",)), ("the village", ("root:village",)), ("a village", ("root:village",)),
    ]]
    labels = ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT", "none", "none"]
    alone = build_estimator(meaning=1.0, sparse=False, table=table_file).fit(rows, labels)
    assert alone.predict_proba(rows).shape == (6, 3)
    model = ScorerModel(build_estimator(meaning=2.0, table=table_file).fit(rows, labels), ("ASSAULT", "CONSULT", "none"))
    weighed = model.weighed(rows[0], "ASSAULT", k=3)
    assert len(weighed) == 4 and weighed[-1][0] == "meaning (4 dims)"
    # The summed entry is what the four dimensions gave the type.
    clf = model.estimator.named_steps["classifier"]
    x = model.estimator.named_steps["features"].transform([rows[0]]).toarray()[0]
    coef = clf.coef_[list(clf.classes_).index("ASSAULT")]
    assert weighed[-1][1] == pytest.approx(float(x[-4:] @ coef[-4:]), abs=1e-9)
