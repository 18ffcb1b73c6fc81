"""Score event dating on dyad's own date dev set.

``data/dates_dev.jsonl`` holds invented wire-style sentences written for this
project, one per line: ``id``, ``article_date``, ``text``, ``trigger`` (the
event word; its first occurrence is the trigger), and the expected ``date`` and
``precision`` under the conventions of ``dyad.when.resolve``. A record is right
on date when ``date_event`` gives that date, and right on precision when it
gives that precision.

    python -m dyad.evaluation.dates [PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from dyad.errors import ConfigError
from dyad.nlp import load_model
from dyad.nlp.entities import parse_with_entities_in
from dyad.when import date_event


@dataclass(frozen=True, slots=True)
class DateRecord:
    """One dev sentence with its event word and the gold date."""

    id: str
    article_date: dt.date
    text: str
    trigger: str
    date: dt.date
    precision: str


@dataclass(frozen=True, slots=True)
class DateMiss:
    """A record dated wrongly: what was expected and what came out."""

    id: str
    text: str
    expected: str  # "2024-03-12 day"
    got: str


@dataclass(frozen=True, slots=True)
class DateScores:
    """Accuracy of the event date and of its precision."""

    n: int
    date_accuracy: float
    precision_accuracy: float
    both_accuracy: float
    misses: tuple[DateMiss, ...] = ()

    def summary(self) -> str:
        return (
            f"n={self.n} date={self.date_accuracy:.3f} precision={self.precision_accuracy:.3f} "
            f"both={self.both_accuracy:.3f}"
        )


def read_date_records(path: Path | None = None) -> list[DateRecord]:
    """The records of ``path``, or of the packaged dev set."""
    if path is None:
        text = resources.files("dyad.evaluation").joinpath("data/dates_dev.jsonl").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            records.append(
                DateRecord(
                    id=str(row["id"]),
                    article_date=dt.date.fromisoformat(row["article_date"]),
                    text=row["text"],
                    trigger=row["trigger"],
                    date=dt.date.fromisoformat(row["date"]),
                    precision=row["precision"],
                )
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"date dev set line {number}: {exc}") from exc
    return records


def _find_trigger(doc: Doc, record: DateRecord) -> int | None:
    return next((t.i for t in doc if t.text == record.trigger), None)


def _trigger_sentence(doc: Doc, record: DateRecord) -> list[tuple[int, int]]:
    """The entities the Pipeline gives an event: those of its sentence."""
    i = _find_trigger(doc, record)
    return [] if i is None else [(doc[i].sent.start, doc[i].sent.end)]


def evaluate_dates(path: Path | str | None = None) -> DateScores:
    """Date every dev record's trigger and score date and precision accuracy."""
    records = read_date_records(None if path is None else Path(path))
    nlp = load_model()
    right_date = right_precision = right_both = 0
    misses: list[DateMiss] = []
    for doc, record in parse_with_entities_in(nlp, ((r.text, r) for r in records), _trigger_sentence):
        trigger = _find_trigger(doc, record)
        if trigger is None:
            got = "trigger not found"
            date_ok = precision_ok = False
        else:
            found = date_event(doc, trigger, record.article_date)
            got = f"{found.date.isoformat()} {found.precision}"
            date_ok, precision_ok = found.date == record.date, found.precision == record.precision
        right_date += date_ok
        right_precision += precision_ok
        right_both += date_ok and precision_ok
        if not (date_ok and precision_ok):
            misses.append(DateMiss(record.id, record.text, f"{record.date.isoformat()} {record.precision}", got))
    n = len(records) or 1
    return DateScores(len(records), right_date / n, right_precision / n, right_both / n, tuple(misses))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=None)
    args = parser.parse_args(argv)
    scores = evaluate_dates(args.path)
    print(scores.summary())
    for miss in scores.misses:
        print(f"  {miss.id}: expected {miss.expected}, got {miss.got}: {miss.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
