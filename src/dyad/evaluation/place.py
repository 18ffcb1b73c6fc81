"""Score event place selection on the event_location dev set.

Each record is one newswire sentence with its event verb and the gold span of
where that event happened (empty: the sentence does not say). A prediction is
right when ``locate_event`` returns the gold span (any of them, when several
are gold, or a run of them the sentence writes as one name: ``gold_names``) or,
for a record without a location, returns nothing.

    python -m dyad.evaluation.place [PATH] [--limit N] [--split train|dev|test] [--rules]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Doc

from dyad.nlp import load_model
from dyad.nlp.entities import parse_with_entities_in
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event

DEFAULT_PATH = Path(__file__).resolve().parents[4] / "shared" / "data" / "event_location" / "event_location_dev.jsonl"
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_HYPHEN = re.compile(r"\s*-\s*")


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One dev record: its sentence, event verb and gold place spans."""

    id: str
    text: str
    verb: str
    gold: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaceScores:
    """Exact-match accuracy of the chosen place span, split by whether gold has one."""

    n: int
    n_located: int  # records whose gold names a place
    located_accuracy: float  # chose a gold span
    unlocated_accuracy: float  # gold has none and we chose none
    accuracy: float  # over all records
    n_no_verb: int = 0  # records whose verb was not found as a token (scored as wrong)

    def summary(self) -> str:
        return (
            f"n={self.n} accuracy={self.accuracy:.3f} "
            f"with-location={self.located_accuracy:.3f} (n={self.n_located}) "
            f"no-location={self.unlocated_accuracy:.3f} (n={self.n - self.n_located}) "
            f"verb-not-found={self.n_no_verb}"
        )


def normalise_span(text: str) -> str:
    """Compare spans without case, a leading "the", tokeniser spaces around hyphens ("Al - Zara"), or
    quote marks at either end (the gold's "‘ Arak" is the sentence's "‘Arak", which a tokeniser may cut
    after the mark: the same name)."""
    text = _HYPHEN.sub("-", " ".join(text.split()))
    return _THE.sub("", text.strip(_QUOTES)).strip(" ,.;:" + _QUOTES).lower()


_QUOTES = "'\"\u2018\u2019\u201c\u201d "


def gold_names(rec: PlaceRecord) -> frozenset[str]:
    """The normalised spans a prediction may match: each gold span, and a run of consecutive gold
    spans that the sentence writes as one phrase. Some records mark a multi-word name word by word
    (["West", "Bank"], ["Guatemala", "City"], ["Jaffna", "Peninsula"]: 14 of 315 train and dev
    records with several gold spans); "West Bank" is the place they mean, "Bank" alone is not."""
    out = {normalise_span(g) for g in rec.gold}
    text = normalise_span(rec.text)
    for i in range(len(rec.gold) - 1):
        for j in range(i + 2, len(rec.gold) + 1):
            phrase = normalise_span(" ".join(rec.gold[i:j]))
            if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text):
                out.add(phrase)
    return frozenset(out)


SPLIT_FILE = Path(__file__).resolve().parent / "data" / "place_split.yaml"
SPLITS = ("train", "dev", "test")


def read_place_records(path: Path | str, limit: int | None = None, split: str | None = None) -> Iterator[PlaceRecord]:
    """The first ``limit`` records of the file (of one ``split``, if given), in file order."""
    records = _read_all(path)
    if split is not None:
        if split not in SPLITS:
            raise ValueError(f"unknown split {split!r}; one of {SPLITS}")
        of = assign_splits(records)
        records = [r for r in records if of[r.id] == split]
    yield from records[:limit] if limit is not None else records


def _read_all(path: Path | str) -> list[PlaceRecord]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if not row.get("verb"):
                continue
            out.append(PlaceRecord(str(row["id"]), row["text"], row["verb"][0], tuple(row.get("location") or ())))
    return out


def assign_splits(records: list[PlaceRecord], split_file: Path = SPLIT_FILE) -> dict[str, str]:
    """Record id -> "train" / "dev" / "test", by the rule in ``place_split.yaml``:
    records linked by a shared id or a shared sentence are one group, keyed by its
    smallest id, and the group's hash bucket picks the split."""
    rule = yaml.safe_load(split_file.read_text(encoding="utf-8"))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rec in records:  # union the id node with the text node
        a, b = find("id:" + rec.id), find("text:" + " ".join(rec.text.split()))
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for rec in records:
        members.setdefault(find("id:" + rec.id), []).append(rec.id)
    out: dict[str, str] = {}
    for ids in members.values():
        key = min(ids)
        bucket = int(hashlib.sha256((rule["salt"] + key).encode("utf-8")).hexdigest()[:8], 16) % 100
        name = "train" if bucket < rule["train"] else "dev" if bucket < rule["dev"] else "test"
        out.update((i, name) for i in ids)
    return out


def find_verb_token(doc: Doc, verb: str) -> int | None:
    """The token index of the event verb: an exact token match, else one that starts it."""
    verb = verb.strip()
    for tok in doc:
        if tok.text == verb:
            return tok.i
    first = verb.split()[0] if verb.split() else verb
    for tok in doc:
        if tok.text == first or (len(first) > 3 and tok.text.startswith(first)):
            return tok.i
    return None


def _verb_sentence(doc: Doc, rec: PlaceRecord) -> list[tuple[int, int]]:
    """The entities the Pipeline gives an event: those of its sentence."""
    idx = find_verb_token(doc, rec.verb)
    if idx is None:
        return []
    sent = doc[idx].sent
    return [(sent.start, sent.end)]


def evaluate_places(
    path: Path | str = DEFAULT_PATH,
    limit: int | None = None,
    geocoder: Geocoder | None = None,
    batch_size: int = 256,
    split: str | None = None,
    picker: bool = True,
) -> PlaceScores:
    """Parse each sentence, find its verb, call ``locate_event`` and score the span.

    ``split``: only the records of that split (place_split.yaml); ``picker=False``
    scores the rules alone."""
    nlp = load_model()
    geocoder = geocoder or Geocoder()
    records = list(read_place_records(path, limit, split))
    hits_located = hits_unlocated = n_located = no_verb = 0
    for doc, rec in parse_with_entities_in(nlp, ((r.text, r) for r in records), _verb_sentence, batch_size):
        if rec.gold:
            n_located += 1
        idx = find_verb_token(doc, rec.verb)
        if idx is None:
            no_verb += 1
            continue
        place = locate_event(doc, idx, (), geocoder, picker=picker)
        if not rec.gold:
            hits_unlocated += place is None
        elif place is not None and normalise_span(place.extracted_place) in gold_names(rec):
            hits_located += 1
    n = len(records)
    n_unlocated = n - n_located
    return PlaceScores(
        n=n,
        n_located=n_located,
        located_accuracy=hits_located / n_located if n_located else 0.0,
        unlocated_accuracy=hits_unlocated / n_unlocated if n_unlocated else 0.0,
        accuracy=(hits_located + hits_unlocated) / n if n else 0.0,
        n_no_verb=no_verb,
    )


def evaluate_places_test(path: Path | str = DEFAULT_PATH) -> PlaceScores:
    """The test split (place_split.yaml), which the learned picker is never trained or tuned on."""
    return evaluate_places(path, split="test")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records")
    parser.add_argument("--split", choices=SPLITS, default=None, help="score only one split (place_split.yaml)")
    parser.add_argument("--rules", action="store_true", help="the rules alone, without the learned picker")
    args = parser.parse_args(argv)
    print(evaluate_places(args.path, args.limit, split=args.split, picker=not args.rules).summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
