"""The event gate: a small learned model of whether a coded event is right,
from cues of its sentence that the scorer's n-grams do not see.

On unseen wire copy the hybrid's events are right about 2 times in 3 (the
scorer's own events about 1 in 2: docs/model.md, docs/errors.md); the false
ones are another type than the sentence's event, comment ("analysts say"),
states and descriptions, and events re-told deep in an article. The gate reads, per
event: its decision path (rule, override, scorer) and score, the sentence's
P(no event), where the sentence sits in its article, whether its predicate is
in the present simple, whether a commentator is named and whether an actor
is the predicate's subject, and blocks the event when P(right) is under its
path's threshold.

Its weights and thresholds are a JSON file (``data/gate.json``), fitted by
``gate_train`` on out-of-fold decisions (``make model``); without the file
there is no gate. The cues are read from the parse and ``lang/en/comment.yaml``.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.errors import InputError
from dyad.scoring.hybrid import OVERRIDE, RULE, SCORER

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span

    from dyad.coding.lexicon import Lexicon
    from dyad.records import Mention

FORMAT = 1


@dataclass(frozen=True, slots=True)
class GateCues:
    """What the gate reads of one sentence besides the decision's path and scores. Other cues
    were measured and dropped (docs/model.md): out of fold on VOA they did not tell right events
    from false ones (past perfect, a year before the article's, "ago"/"last", "since", a quotation)."""

    position: int  # the sentence's index in its article (0: the lead; ``position_of``)
    present_simple: bool  # "says", "is": a state or a statement
    commentator: bool  # an analyst, an expert … is named in the sentence
    subject_actor: bool  # the predicate's subject is an actor mention (a name the knowledge base knows)

    def describe(self) -> str:
        """The cues, for ``dyad explain``."""
        on = [name.replace("_", " ") for name in self.__slots__ if isinstance(getattr(self, name), bool) and getattr(self, name)]
        return ", ".join([f"sentence {self.position + 1}", *on])


def gate_cues(sent: Span, position: int, lexicon: Lexicon, mentions: Sequence[Mention] = ()) -> GateCues:
    """The cues of ``sent``, the ``position``-th sentence of its article; ``mentions`` are the Doc's actor mentions."""
    from dyad.coding.arguments import subject_of
    from dyad.lang import english
    from dyad.scoring.features import predicate

    pred = predicate(sent, lexicon)
    subject, _how = subject_of(pred)
    commentators = english().comment.commentator_nouns
    return GateCues(
        position=position,
        present_simple=pred.tag_ in ("VBZ", "VBP"),
        commentator=any(t.lemma_.lower() in commentators for t in sent),
        subject_actor=subject is not None
        and any(m.start_token <= subject.i < m.end_token for m in mentions if sent.start <= m.head_token < sent.end),
    )


def sentence_positions(text: str) -> list[int]:
    """The start offsets of ``text``'s sentences, by the prefilter's own splitter: a sentence's
    position is the same whether the text was parsed whole (training) or masked (``dyad code``)."""
    from dyad.nlp.prefilter import split_sentences

    return [a for a, _b in split_sentences(text)]


def position_of(starts: list[int], char: int) -> int:
    """The index of the sentence that holds ``char`` (0: the lead)."""
    return max(bisect.bisect_right(starts, char) - 1, 0)


PATHS = (RULE, OVERRIDE, SCORER)  # the decision paths of hybrid.py


def feature_names() -> tuple[str, ...]:
    return ("path_override", "path_scorer", "score", "score_x_scorer", "p_no_event", "log_position",
            "cue_present_simple", "cue_commentator", "cue_subject_actor")


def gate_vector(cues: GateCues, path: str, score: float, p_no_event: float) -> list[float]:
    """The gate's inputs for one event, in ``feature_names`` order."""
    scorer = 1.0 if path == SCORER else 0.0
    return [
        1.0 if path == OVERRIDE else 0.0, scorer, score, score * scorer, p_no_event, math.log1p(cues.position),
        float(cues.present_simple), float(cues.commentator), float(cues.subject_actor),
    ]


@dataclass(frozen=True)
class Gate:
    """Logistic regression weights over ``feature_names`` and a threshold per path."""

    names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def p_right(self, cues: GateCues, path: str, score: float, p_no_event: float) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.coef, gate_vector(cues, path, score, p_no_event), strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def blocks(self, cues: GateCues, path: str, score: float, p_no_event: float) -> str | None:
        """The reason the event is blocked (its inputs, for ``dyad explain``), or None."""
        p = self.p_right(cues, path, score, p_no_event)
        floor = self.thresholds.get(path, 0.0)
        if p >= floor:
            return None
        return f"event gate: P(right) = {p:.2f} < {floor:.2f} ({path} path, score {score:.2f}, P(no event) {p_no_event:.2f}; {cues.describe()})"

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, indent=1, sort_keys=True) + "\n"


def load_gate(path: Path) -> Gate:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format", FORMAT) != FORMAT or tuple(data["names"]) != feature_names():
            raise ValueError("another format or other features")
        return Gate(tuple(data["names"]), tuple(data["coef"]), float(data["intercept"]), dict(data["thresholds"]), data.get("meta", {}))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a dyad event gate ({exc})") from exc


def packaged_gate_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("dyad.scoring").joinpath("data/gate.json")))


@functools.cache
def packaged_gate() -> Gate | None:
    """The shipped gate, or None where none was built."""
    path = packaged_gate_path()
    return load_gate(path) if path.is_file() else None
