"""More context training examples: PLV sentences with contexts annotated by dyad.

The VOA gold has 89 articles, too few for the classifier to learn the words of a
context (it memorises its train articles). ``data/plv_train_contexts.jsonl`` gives
the PLOVER general contexts of the labelled event of PLV train sentences (real
news, ``data/plv/plv_train.jsonl`` of the shared folder), annotated with
``docs/annotation_guide.md`` section 11, by sentence id only: the texts are read
from the shared file at training time and never copied into the package.

Each labelled sentence becomes an article of one sentence and one event at its
position (the PLV type, ``YIELD`` read as today's RETREAT; no actor codes, so no
sector or type evidence): what the classifier learns from it is the words of the
sentence. Only PLV's train file is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.contexts.names import GENERAL_CONTEXTS
from dyad.errors import ConfigError

if TYPE_CHECKING:
    from dyad.contexts.train import Example
    from dyad.records import Article

LABELS_FILE = "data/plv_train_contexts.jsonl"
# The sentences, in the shared folder (``make model`` and ``python -m dyad.contexts.train_model`` read them there).
PLV_SENTENCES = Path("data/plv/plv_train.jsonl")
# PLV's older name for today's RETREAT and CONCEDE (evaluation/plv.py).
OLD_TYPES = {"YIELD": "RETREAT"}
# PLV sentences carry no date; the tagger reads none, an Article needs one.
NO_DATE = dt.date(2000, 1, 1)


def _labels_text(path: Path | None) -> tuple[str, str]:
    if path is None:
        return resources.files("dyad.contexts").joinpath(LABELS_FILE).read_text(encoding="utf-8"), LABELS_FILE
    return Path(path).read_text(encoding="utf-8"), str(path)


def labels_digest(path: Path | None = None) -> str:
    """The labels file's name and sha1 prefix, for a model's recipe."""
    text, origin = _labels_text(path)
    return f"{Path(origin).name} sha1:{hashlib.sha1(text.encode()).hexdigest()[:12]}"


def read_labels(path: Path | None = None) -> dict[str, frozenset[str]]:
    """Sentence id → its annotated general contexts (the packaged file, or ``path``)."""
    text, origin = _labels_text(path)
    out: dict[str, frozenset[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        unknown = [c for c in row["context"] if c not in GENERAL_CONTEXTS]
        if unknown:
            raise ConfigError(f"{origin}:{n}: not a general context: {', '.join(unknown)}")
        out[str(row["id"])] = frozenset(row["context"])
    return out


def plv_examples(sentences: Path, labels: dict[str, frozenset[str]] | None = None) -> tuple[dict[str, Article], list[Example]]:
    """The labelled sentences of ``sentences`` (PLV's train JSONL) as one-sentence articles
    and gold-position examples, in the file's order (a repeated id is read once)."""
    from dyad.contexts.train import Example
    from dyad.records import Article, Event, EventDate, Offsets

    labels = read_labels() if labels is None else labels
    articles: dict[str, Article] = {}
    examples: list[Example] = []
    with Path(sentences).open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line) if line.strip() else {}
            sid = str(row.get("id", ""))
            if sid not in labels or sid in articles:
                continue
            text = str(row["text"])
            articles[sid] = Article(sid, NO_DATE, text)
            kind = str(row["event"]).upper()
            event = Event(sid, OLD_TYPES.get(kind, kind), None, None, None, None, (), (), EventDate(NO_DATE), "", text,
                          Offsets(0, len(text), 0, 0), "gold", 1.0)  # fmt: skip
            examples.append(Example(sid, labels[sid], event))
    return articles, examples
