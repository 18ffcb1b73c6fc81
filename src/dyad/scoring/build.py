"""Rebuild the shipped scorer model from the shared data (``make model``).

    python -m dyad.scoring.build --shared ../shared [--out FILE] [--cache DIR] [--no-refit]

Writes the scorer and the event gate (``gate.py``), fitted on the scorer's out-of-fold decisions.
Training data: PLV train and the VOA gold's train split (every sentence of its
articles; those without gold events teach "no event"). The test splits are
never read. ``--cache`` keeps the parsed examples between runs (a directory
outside the repository).
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dyad.scoring.examples import Annotated, Example, data_hash, make_examples, read_annotated, read_voa
from dyad.scoring.gate import packaged_gate_path
from dyad.scoring.gate_train import train_gate
from dyad.scoring.model import packaged_model_path
from dyad.scoring.train import train_scorer_oof

T = TypeVar("T")

PLV_TRAIN = Path("data/plv/plv_train.jsonl")
VOA_CORPUS = Path("data/voa/voa_stories.jsonl")


def training_items(shared: Path) -> list[Annotated]:
    return [*read_annotated(shared / PLV_TRAIN), *read_voa(shared / VOA_CORPUS, split="train")]


def code_fingerprint() -> str:
    """A hash of the code and data files that make the examples (parse cues, rule events):
    a cached parse is reused only while they stay the same."""
    import hashlib

    import dyad

    root = Path(dyad.__file__).parent
    h = hashlib.sha256()
    for part in ("coding", "lang", "actors", "nlp", "scoring", "stages"):
        for f in sorted((root / part).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".yaml", ".csv", ".tsv", ".txt", ".json"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


def pickle_cached(path: Path, make: Callable[[], T]) -> T:
    """``make()``, kept in ``path`` (a cache outside the repository whose name holds the inputs' fingerprints)."""
    if path.is_file():
        with path.open("rb") as f:
            return pickle.load(f)  # noqa: S301 - our own cache
    value = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(value, f)
    return value


def cached_examples(items: list[Annotated], cache: Path | None) -> list[Example]:
    if cache is None:
        return make_examples(items)
    return pickle_cached(cache / f"examples-{data_hash(items)}-{code_fingerprint()}.pkl", lambda: make_examples(items))


def main(argv: list[str] | None = None) -> None:
    from dyad import __version__

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=packaged_model_path())
    ap.add_argument("--gate-out", type=Path, default=packaged_gate_path(), help="the event gate (scoring/gate.py) fitted on the same out-of-fold data")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--no-refit", action="store_true", help="keep the model fitted on the train part (dev unseen, for analysis)")
    args = ap.parse_args(argv)
    items = training_items(args.shared)
    trained = train_scorer_oof(items, examples=cached_examples(items, args.cache), version=__version__, refit=not args.no_refit)
    trained.model.save(args.out)
    print(f"wrote {args.out}: {json.dumps(trained.model.meta, sort_keys=True)}")
    gate = train_gate(trained.dev, trained.dev_probs, trained.model)
    args.gate_out.write_text(gate.to_json(), encoding="utf-8")
    print(f"wrote {args.gate_out}: {json.dumps(gate.meta, sort_keys=True)}")


if __name__ == "__main__":
    main()
