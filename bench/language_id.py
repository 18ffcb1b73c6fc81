"""How well the language check (dyad/ingest/language.py) tells English from the rest.

English: every article and sentence of the shared dev data (VOA stories, PETR2,
ConfliBERT, event_location sentences); each one refused is a false refusal.
Other languages: our own news paragraphs in tests/ingest/fixtures/languages.jsonl;
each one let through is a miss. Prints the counts and rates.

    .venv/bin/python bench/language_id.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.language import MIN_LETTERS, MIN_PROBABILITY, foreign_language, guess_language

REPO = Path(__file__).resolve().parents[1]


def english_texts(shared: Path) -> Iterator[tuple[str, str]]:
    data = shared / "data"
    for line in (data / "voa" / "voa_stories.jsonl").open(encoding="utf-8"):
        yield "voa", json.loads(line)["text"]
    for path, column in ((data / "conflibert", "sentence"), (data / "event_location", "text"), (data / "petr2_gsr", "text")):
        for f in sorted(path.glob("*.csv")) + sorted(path.glob("*.jsonl")):
            if f.suffix == ".csv":
                with f.open(encoding="utf-8", newline="") as fh:
                    for row in csv.DictReader(fh):
                        text = row.get(column) or row.get("text") or row.get("sentence")
                        if text:
                            yield path.name, text
            else:
                for line in f.open(encoding="utf-8"):
                    row = json.loads(line)
                    text = row.get(column) or row.get("text") or row.get("sentence")
                    if isinstance(text, str):
                        yield path.name, text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    print(f"rule: refuse when p >= {MIN_PROBABILITY} and at least {MIN_LETTERS} letters")
    seen: dict[str, list[int]] = {}
    for corpus, text in english_texts(args.shared):
        counts = seen.setdefault(corpus, [0, 0])
        counts[0] += 1
        guess = foreign_language(text)
        if guess is not None:
            counts[1] += 1
            print(f"  false refusal ({corpus}): {guess.code} {guess.probability:.2f}: {text[:80]!r}")
    for corpus, (n, refused) in seen.items():
        print(f"English {corpus:15s} {n:6d} texts, {refused} refused ({refused / max(n, 1):.2%})")
    rows = [json.loads(line) for line in (REPO / "tests/ingest/fixtures/languages.jsonl").open(encoding="utf-8")]
    caught = 0
    for row in rows:
        guess = guess_language(row["text"])
        ok = foreign_language(row["text"]) is not None and guess.code == row["lang"]
        caught += ok
        if not ok:
            print(f"  missed {row['lang']}: guessed {guess.code} p={guess.probability:.2f} letters={guess.letters}")
    print(f"other languages: {caught}/{len(rows)} refused with the right language")


if __name__ == "__main__":
    main()
