"""A cheap pass before the parse: blank the sentences that cannot hold an event.

Parsing is most of dyad's time. A sentence with no trigger word (in any
inflection) cannot give an event, so it need not be parsed — but its
characters stay where they were: blanked sentences become spaces (newlines
kept), so every offset into the parsed text is an offset into the article.
Kept too: the lead (dateline, setting) and the sentence before one that
opens with a pronoun (its antecedent). A sentence kept only for a quotation
keeps its marks, its punctuation and the words outside the marks (the cue and
the speaker) but not the quoted words, which hold no trigger: the quotes
stage reads the quotation from the article itself, at the same offsets. So
that the parser still keeps a quotation and its attribution in one sentence,
``Masked.no_sentence_start`` lists the character ranges where no sentence may
start: inside the quotation, and just after a closing mark that follows a
comma (``,” Akar said``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from dyad.lang import english

# A sentence ends at . ! ? (maybe closed by a quote or bracket) before
# whitespace and a capital, digit or opening quote; or at a blank line.
_SENT_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n")
_WORD = re.compile(r"[A-Za-z]+")
QUOTE_MARKS = frozenset('"“”«»')
_QUOTE = re.compile(r"[\"“”«»]")


@functools.cache
def pronoun_start() -> re.Pattern[str]:
    """A sentence that opens with a pronoun ("He", "The two") leans on the one before
    (also coding/regions.py); the openers are language data, matched capitalised."""
    openers = "|".join(re.escape(w[:1].upper() + w[1:]) for w in english().pronouns.sentence_openers)
    return re.compile(rf"^\W*({openers})\b")


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
    no_sentence_start: tuple[tuple[int, int], ...] = ()  # character ranges [start, end)
    sentence_starts: tuple[int, ...] = ()  # where a quote-only sentence begins


def toggle_quote(mark: str, inside: bool) -> bool:
    """Whether a quotation is open after the quote mark ``mark``."""
    if mark in "“«":
        return True
    if mark in "”»":
        return False
    return not inside if mark == '"' else inside


def _ends_inside_quote(sentence: str, inside: bool) -> bool:
    """Whether a quotation is still open after ``sentence`` (quotes span sentences)."""
    for mark in _QUOTE.findall(sentence):  # the marks alone, not every character in Python
        inside = toggle_quote(mark, inside)
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
        self._words = functools.lru_cache(maxsize=100_000)(self._word)

    def _word(self, word: str) -> tuple[bool, tuple[frozenset[str], ...], frozenset[str]]:
        """Of one lower-cased word: whether a lemma of it fires alone, the objects its bound
        lemmas need, and its lemmas."""
        lemmas = frozenset(candidate_lemmas(word))
        return not self.triggers.isdisjoint(lemmas), tuple(self.bound[x] for x in lemmas if x in self.bound), lemmas

    def may_hold_event(self, sentence: str) -> bool:
        words = [self._words(w.lower()) for w in _WORD.findall(sentence)]
        if any(alone for alone, _, _ in words):
            return True
        needed = [objs for _, bound, _ in words for objs in bound]
        if not needed:
            return False
        present = frozenset().union(*(lemmas for _, _, lemmas in words))
        return any(not objs.isdisjoint(present) for objs in needed)

    def mask(self, text: str) -> Masked:
        spans = split_sentences(text)
        keep: list[bool] = []
        quoting: list[bool] = []
        in_quote = False
        for i, (a, b) in enumerate(spans):
            sentence = text[a:b]
            keep.append(i < self.keep_lead or self.may_hold_event(sentence))
            quoting.append(in_quote or bool(_QUOTE.search(sentence)))
            in_quote = _ends_inside_quote(sentence, in_quote)
        for i in range(1, len(spans)):
            if (keep[i] or quoting[i]) and pronoun_start().match(text[spans[i][0] : spans[i][1]]):
                keep[i - 1] = True
        if all(keep):
            return Masked(text, len(text), len(text))
        blank = [j for (a, b), k, q in zip(spans, keep, quoting, strict=True) if not (k or q) for j in range(a, b)]
        quote_only = [span for span, k, q in zip(spans, keep, quoting, strict=True) if q and not k]
        joined: list[tuple[int, int]] = []
        if quote_only:
            quoted, joined = _quoted_chars_in(text, quote_only)
            blank.extend(j for j in quoted if text[j] not in _KEPT_IN_QUOTES)
        chars = list(text)
        for j in blank:
            if chars[j] != "\n":
                chars[j] = " "
        # A quote-only sentence that opens with its mark after a full stop starts a sentence
        # (not one the regex split at "U.S. Patriot").
        opens = tuple(a for a, _ in quote_only if text[a] in _OPENING and _after_full_stop(text, a))
        return Masked("".join(chars), len(text) - len(blank), len(text), tuple(joined), opens)


_OPENING = frozenset('"“«')


def _after_full_stop(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?\"”»"


# Sentence punctuation inside a blanked quotation stays: the parser still sees where sentences end.
_KEPT_IN_QUOTES = frozenset(".!?;:,\n")


def _quoted_chars_in(text: str, bounds: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """Offsets of quoted words (inside the marks) within ``bounds`` (sorted), and
    the character ranges where no sentence may start around those quotations."""
    from dyad.quotes.spans import find_quote_spans  # the quotes stage's own reading of the marks

    out: list[int] = []
    joined: list[tuple[int, int]] = []
    starts = [a for a, _ in bounds]
    for q in find_quote_spans(text):
        k = max(0, bisect.bisect_right(starts, q.start) - 1)
        while k < len(bounds) and bounds[k][0] < q.end:
            a, b = bounds[k]
            if max(a, q.start) < min(b, q.end):
                out.extend(range(max(a, q.start), min(b, q.end)))
                end = q.close
                if text[q.start : q.close].rstrip("\"”» ").endswith(","):  # ,” Akar said: the attribution goes on
                    while end < len(text) and text[end].isspace() and text[end] != "\n":
                        end += 1
                    end += 1
                # Only within this sentence: a sentence kept whole keeps the parser's own bounds.
                joined.append((max(a, q.start), min(b, end)))
            k += 1
    return out, joined
