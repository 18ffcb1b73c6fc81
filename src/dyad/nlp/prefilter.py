"""A cheap pass before the parse: blank the sentences that cannot hold an event.

Parsing is most of dyad's time. A sentence with no trigger word (in any
inflection) cannot give an event, so it need not be parsed — but its
characters stay where they were: blanked sentences become spaces (newlines
kept), so every offset into the parsed text is an offset into the article.
Kept too: the lead (dateline, setting), sentences with quotation marks
(quotes and their speakers), and the sentence before one that opens with a
pronoun (its antecedent).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

# A sentence ends at . ! ? (maybe closed by a quote or bracket) before
# whitespace and a capital, digit or opening quote; or at a blank line.
_SENT_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n")
_WORD = re.compile(r"[A-Za-z]+")
_QUOTE = re.compile(r"[\"“”«»]")
_PRONOUN_START = re.compile(r"^\W*(He|She|They|It|His|Her|Their|The two|Both)\b")


@functools.cache
def irregular_forms() -> dict[str, str]:
    text = resources.files("dyad.nlp").joinpath("data/irregular_forms.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {r[0]: r[1] for r in rows if len(r) == 2 and r[0] != "form"}


def candidate_lemmas(word: str) -> set[str]:
    """Lemmas a lower-cased word form may have (over-generates; that is fine here)."""
    out = {word}
    irregular = irregular_forms().get(word)
    if irregular:
        out.add(irregular)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)] + repl
            out.add(stem)
            if len(stem) > 2 and stem[-1] == stem[-2] and suffix in ("ed", "ing"):
                out.add(stem[:-1])  # "planned" → "plan"
    return out


@dataclass(frozen=True, slots=True)
class Masked:
    text: str
    kept_chars: int
    total_chars: int


def _ends_inside_quote(sentence: str, inside: bool) -> bool:
    """Whether a quotation is still open after ``sentence`` (quotes span sentences)."""
    for ch in sentence:
        if ch in "“«":
            inside = True
        elif ch in "”»":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.end(1) if m.group(1) else m.start()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class SentenceFilter:
    """Decides which sentences may hold an event, from the trigger words alone.

    ``triggers`` are lemmas that fire alone; ``bound`` maps a light verb
    ("hold", "impose") to the object lemmas it needs ("talks", "sanctions").
    """

    def __init__(self, triggers: Iterable[str], bound: dict[str, frozenset[str]] | None = None, keep_lead: int = 2):
        self.triggers = frozenset(w.lower() for w in triggers)
        self.bound = {k.lower(): v for k, v in (bound or {}).items() if k.lower() not in self.triggers}
        self.keep_lead = keep_lead
        self._lemmas = functools.lru_cache(maxsize=100_000)(candidate_lemmas)

    def may_hold_event(self, sentence: str) -> bool:
        lemma_sets = [self._lemmas(w.lower()) for w in _WORD.findall(sentence)]
        if any(not self.triggers.isdisjoint(ls) for ls in lemma_sets):
            return True
        needed = [self.bound[lemma] for ls in lemma_sets for lemma in ls if lemma in self.bound]
        if not needed:
            return False
        present = set().union(*lemma_sets)
        return any(not objs.isdisjoint(present) for objs in needed)

    def mask(self, text: str) -> Masked:
        spans = split_sentences(text)
        keep = []
        in_quote = False
        for i, (a, b) in enumerate(spans):
            sentence = text[a:b]
            keep.append(i < self.keep_lead or in_quote or bool(_QUOTE.search(sentence)) or self.may_hold_event(sentence))
            in_quote = _ends_inside_quote(sentence, in_quote)
        for i in range(1, len(spans)):
            if keep[i] and _PRONOUN_START.match(text[spans[i][0] : spans[i][1]]):
                keep[i - 1] = True
        if all(keep):
            return Masked(text, len(text), len(text))
        chars = list(text)
        kept = 0
        for (a, b), k in zip(spans, keep, strict=True):
            if k:
                kept += b - a
                continue
            for j in range(a, b):
                if chars[j] != "\n":
                    chars[j] = " "
        return Masked("".join(chars), kept, len(text))
