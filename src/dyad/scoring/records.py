"""What the scorer leaves on the Doc: one record per sentence."""

from __future__ import annotations

from dataclasses import dataclass

NO_EVENT = "none"


@dataclass(frozen=True, slots=True)
class SentenceScores:
    """The scorer's probabilities for one sentence (token span ``start``:``end``).

    ``labels`` and ``probs`` run in parallel and sum to one; ``NO_EVENT`` is
    among the labels. ``top`` lists them most probable first.
    """

    start: int
    end: int
    labels: tuple[str, ...]
    probs: tuple[float, ...]

    def p(self, label: str) -> float:
        try:
            return self.probs[self.labels.index(label)]
        except ValueError:
            return 0.0

    @property
    def no_event(self) -> float:
        return self.p(NO_EVENT)

    def top(self, k: int = 3, events_only: bool = False) -> list[tuple[str, float]]:
        pairs = sorted(zip(self.labels, self.probs, strict=True), key=lambda lp: (-lp[1], lp[0]))
        if events_only:
            pairs = [lp for lp in pairs if lp[0] != NO_EVENT]
        return pairs[:k]

    def covers(self, token: int) -> bool:
        return self.start <= token < self.end
