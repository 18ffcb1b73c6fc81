"""Does sentence meaning help the event scorer? Static MiniLM embeddings (``scoring/distil.py``)
against the shipped features, by article-grouped 5-fold cross-validation over PLV train and the
VOA train split (the test splits are not read), in one run.

    .venv/bin/python bench/scorer_embedding.py --states STATES.npy [--cache DIR] [--weights 0.5,1,2] [--dims 128,256]

``--states`` is the (vocabulary, 384) array of MiniLM token states (``distil.token_states``; made
and saved there when the file is missing: needs ``requirements/embed.txt``). Each row of the table
is one scorer: out-of-fold probabilities, the hybrid settings tuned on them (``train.cross_validate``),
PLV and VOA hybrid macro-F1, VOA precision and recall, VOA event AUC, the CPU seconds of the five
fits, and the features' sentences/s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from dyad.scoring.build import cached_examples, training_items
from dyad.scoring.examples import resolve_yield
from dyad.scoring.model import build_estimator
from dyad.scoring.train import cross_validate

REPO = Path(__file__).resolve().parents[1]


def states_at(path: Path) -> np.ndarray:
    if path.is_file():
        return np.load(path)
    from dyad.scoring.distil import token_states
    from dyad.scoring.minilm import MiniLM

    states = token_states(MiniLM.load())
    np.save(path, states)
    return states


def table_at(states: np.ndarray, dims: int, directory: Path) -> Path:
    from dyad.scoring.distil import kept_tokens, reduce
    from dyad.scoring.embedding import save_table
    from dyad.scoring.minilm import MiniLM

    vocab = MiniLM.load().tokenizer.get_vocab()
    path = directory / f"embedding{dims}.npy"
    save_table(path, reduce(states, kept_tokens(vocab), dims).astype(np.float16), [t for t, _ in sorted(vocab.items(), key=lambda ti: ti[1])])
    return path


def row(name: str, exs: list[Any], build: Callable[[], Any]) -> None:
    cpu = time.process_time()
    _, m = cross_validate(exs, build)
    cpu = time.process_time() - cpu
    d = m["dev"]
    plv, voa = d["plv_train"], d["voa"]  # the sources: PLV train's file stem, the VOA gold
    texts = [e.features for e in exs]
    est = build().fit(texts[:400], [e.label for e in exs[:400]])
    t = time.process_time()
    est.named_steps["features"].transform(texts)
    speed = len(texts) / max(time.process_time() - t, 1e-9)
    print(f"| {name} | {plv['hybrid']['macro_f1']:.3f} | {voa['hybrid']['macro_f1']:.3f} | {voa['hybrid']['precision']:.3f} | "
          f"{voa['hybrid']['recall']:.3f} | {voa['event_auc']:.3f} | {cpu:.0f} | {speed:,.0f} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=None, help="keep the parsed examples here between runs")
    ap.add_argument("--states", type=Path, required=True)
    ap.add_argument("--weights", default="0.5,1,2")
    ap.add_argument("--dims", default="128,256")
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--skip", default="", help="leave rows out (to run them in parallel processes): shipped, alone")
    args = ap.parse_args()
    items = training_items(args.shared)
    exs = sorted((resolve_yield(e) for e in cached_examples(items, args.cache)), key=lambda e: e.id)
    print(f"{len(exs)} training sentences; 5 folds by article\n")
    print("| scorer | PLV OOF macro-F1 | VOA OOF macro-F1 | VOA precision | VOA recall | VOA event AUC | CV fits (CPU s) | features: sentences/s |")
    print("|---|---|---|---|---|---|---|---|")
    c = args.c
    skip = set(args.skip.split(","))
    if "shipped" not in skip:
        row(f"words + chars + cues, C={c:g} (shipped)", exs, lambda: build_estimator(c=c))
    states = states_at(args.states)
    with tempfile.TemporaryDirectory() as tmp:
        for dims in (int(x) for x in args.dims.split(",")):
            table = table_at(states, dims, Path(tmp))
            if "alone" not in skip:
                row(f"embedding alone ({dims} dims), C={c:g}", exs, lambda t=table: build_estimator(c=c, meaning=1.0, sparse=False, table=t))
            for w in (float(x) for x in args.weights.split(",") if x):
                row(f"+ embedding ({dims} dims) × {w:g}", exs, lambda t=table, w=w: build_estimator(c=c, meaning=w, table=t))


if __name__ == "__main__":
    main()
