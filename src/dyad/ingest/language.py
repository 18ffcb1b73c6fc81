"""Which language an article is written in: dyad codes English only.

py3langid (a maintained fork of langid.py, its model packaged in the wheel:
no download, no network) names the language of the article's opening. An
article is refused as not English only when the model is sure (probability
at least ``MIN_PROBABILITY``) and has enough letters to be sure of
(``MIN_LETTERS``): on a short line ("Russia attacked Ukraine.") the model
guesses, and a wrong refusal loses an article, while a foreign text let
through only yields no events. bench/language_id.py measures the rule (README, "Languages").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

CODED_LANGUAGES = frozenset({"en"})
MIN_PROBABILITY = 0.9
MIN_LETTERS = 100
SAMPLE_CHARS = 2000  # the opening is enough, and keeps long articles cheap


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str  # ISO 639 code, e.g. "de"
    probability: float
    letters: int  # letters in the sample the guess rests on

    @property
    def name(self) -> str:
        return language_name(self.code)

    @property
    def sure(self) -> bool:
        return self.probability >= MIN_PROBABILITY and self.letters >= MIN_LETTERS


@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> LanguageGuess:
    """The language of ``text``'s opening, with the model's probability."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(c.isalpha() for c in sample)
    code, probability = _identifier().classify(sample)
    return LanguageGuess(str(code), float(probability), letters)


@functools.cache
def language_name(code: str) -> str:
    """'de' → 'German' (the code itself when Babel does not know it)."""
    from babel import Locale

    return Locale("en").languages.get(code) or code


def foreign_language(text: str) -> LanguageGuess | None:
    """The guess when ``text`` is surely in a language dyad does not code, else None."""
    if sum(c.isalpha() for c in text[:SAMPLE_CHARS]) < MIN_LETTERS:
        return None  # too short to be sure: do not load the model for it
    guess = guess_language(text)
    return guess if guess.sure and guess.code not in CODED_LANGUAGES else None
