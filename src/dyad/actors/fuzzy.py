"""Find a knowledge-base name for a name written otherwise: transliterations
(Qaddafi / Gaddafi / Kadhafi, al-Sisi / el-Sisi) and misspellings (Puttin).

Two steps, each cheap and explainable:

1. a **transliteration key**: lower case, no accents or punctuation, Arabic
   article prefixes (al-, el-, ad-, as- …) dropped, letters that transliterate
   the same sound merged (q/k/g → k, dh → d, kh → k, ou/oo → u, ee/y → i …),
   doubled letters single. Names with the same key are the same name;
2. for full names (two words or more) with no key match, an edit-distance
   score (``rapidfuzz.fuzz.ratio`` on the plain spelling: lower case, no
   articles, accents or doubled letters) of at least ``THRESHOLD``, with the
   same number of words and the same first letter of the last word (so
   "Vladimir Puttin" is Putin, "Vladimir Potanin" is not).

One word alone ("Gadhafi") is matched on the key only, against the people's
surnames: a single edited word is too often another name.
Only names the parser calls a person and the KB does not know are looked up,
so this never overrides an exact match. The match and its score go into the
mention's resolution, which ``dyad actors lookup`` shows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from dyad.actors.entries import Person
from dyad.records import Entity

if TYPE_CHECKING:
    import datetime as dt

    from dyad.actors.coref import DocMemory
    from dyad.actors.kb import KnowledgeBase

THRESHOLD = 90.0  # rapidfuzz ratio (0-100) on transliteration keys
_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ed|ar|as|ash|at|az|an|ash)[-\s]+(?=\w)")
# Spellings of one sound, replaced in this order.
_SOUNDS = (
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"),
    ("ck", "k"), ("q", "k"), ("g", "k"), ("c", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("y", "i"), ("w", "v"), ("z", "s"), ("j", "i"), ("e", "a"), ("o", "u"),
)
_NON_WORD = re.compile(r"[^a-z ]+")
_DOUBLE = re.compile(r"(.)\1+")


def spelling_key(name: str) -> str:
    """Lower-case ASCII words without articles, punctuation or doubled letters:
    ``Vladimir Puttin`` → ``vladimir putin``; what misspellings are scored on."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("'", "").replace("’", "")
    text = _NON_WORD.sub(" ", _ARTICLE.sub("", text))
    return " ".join(_DOUBLE.sub(r"\1", word) for word in text.split())


def transliteration_key(name: str) -> str:
    """``Muammar al-Qaddafi`` and ``Moammar Gadhafi`` both give ``muamar kadafi``."""
    return _sounds_key(spelling_key(name))


def _sounds_key(spelled: str) -> str:
    return " ".join(_word_sounds(word) for word in spelled.split())


@functools.lru_cache(maxsize=1 << 16)
def _word_sounds(word: str) -> str:
    # Cached: the KB's 40,000 names share most of their words (Mohammed, Abdul …).
    for written, sound in _SOUNDS:
        word = word.replace(written, sound)
    return _DOUBLE.sub(r"\1", word)


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    person: Person
    written: str  # the name in the text
    known: str  # the KB spelling it matched
    score: float  # 100 for a transliteration-key match
    how: str  # "transliteration" or "spelling"

    def describe(self) -> str:
        if self.how == "transliteration":
            return f"'{self.written}' is a transliteration of '{self.known}' (same key, score {self.score:.0f})"
        return f"'{self.written}' ≈ '{self.known}' (spelling score {self.score:.0f} ≥ {THRESHOLD:.0f})"


class FuzzyNames:
    """The KB's people by transliteration key, for names it does not know exactly."""

    def __init__(self, kb: KnowledgeBase):
        self.full: dict[str, list[tuple[Person, str]]] = {}  # transliteration key of a full name → (person, spelling)
        self.spelled: dict[str, list[tuple[Person, str]]] = {}  # spelling key of a full name
        self.surnames: dict[str, list[tuple[Person, str]]] = {}  # transliteration key of a surname
        for person in kb.people.values():
            for name in dict.fromkeys((person.name, *person.aliases)):
                spelled = spelling_key(name)
                key = _sounds_key(spelled)
                if " " in key:
                    self.full.setdefault(key, []).append((person, name))
                    self.spelled.setdefault(spelled, []).append((person, name))
            surname = transliteration_key(person.surname)
            if surname:
                self.surnames.setdefault(surname, []).append((person, person.surname))
        self.keys = list(self.spelled)
        self.lookup = functools.lru_cache(maxsize=4096)(self._lookup)

    def _lookup(self, written: str) -> FuzzyMatch | None:
        key = transliteration_key(written)
        if not key:
            return None
        words = key.split()
        exact = self.full.get(key) if len(words) > 1 else self.surnames.get(key)
        if exact:
            return _one(exact, written, 100.0, "transliteration")
        if len(words) < 2:
            return None
        spelled = spelling_key(written)
        for known, score, _ in process.extract(spelled, self.keys, scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=3):
            known_words, spelled_words = known.split(), spelled.split()
            if len(known_words) == len(spelled_words) and known_words[-1][0] == spelled_words[-1][0]:
                return _one(self.spelled[known], written, float(score), "spelling")
        return None


def _one(found: list[tuple[Person, str]], written: str, score: float, how: str) -> FuzzyMatch | None:
    """The match when the key names one person only; two people of one key is no match."""
    if len({p.id for p, _ in found}) != 1:
        return None
    person, spelling = found[0]
    return FuzzyMatch(person, written, spelling, score, how)


def fuzzy_names(kb: KnowledgeBase) -> FuzzyNames:
    """The index for ``kb``, built on first use and kept with it."""
    index = kb.derived.get("fuzzy")
    if index is None:
        index = kb.derived["fuzzy"] = FuzzyNames(kb)
    return index  # type: ignore[return-value]


def match_fuzzy(
    written: str, start: int, memory: DocMemory, day: dt.date, kb: KnowledgeBase
) -> tuple[Person | None, str, Entity | None]:
    """(person, note, earlier mention) for a name the KB does not know exactly.

    A full name resolves to its match. One word is a surname: like an exact
    surname it names someone mentioned before, or the one person of that name
    in office on ``day``; otherwise nobody.
    """
    match = fuzzy_names(kb).lookup(written)
    if match is None:
        return None, "", None
    note = "fuzzy: " + match.describe()
    if " " in transliteration_key(written):
        return match.person, note, None
    for _token, entity, _gender in reversed(memory.people):
        if _token < start and entity.identifier_id == match.person.id:
            return None, note, entity
    return (match.person, note, None) if match.person.roles_on(day) else (None, "", None)
