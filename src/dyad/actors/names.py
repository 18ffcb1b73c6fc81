"""Dictionary phrases as names: ``PRESIDENT_GEORGE_W._BUSH`` → "President George W. Bush".

PETRARCH dictionaries are written in capitals with ``_`` between words, and
match case-insensitively. dyad matches a name case-insensitively unless it is
short or all capitals ("US", "UN": exact case), so the case we write decides
how a name matches: a word with dots or digits, of two letters, or of three
that do not read as a syllable keeps its capitals (an acronym: "U.S.", "UN",
"IMF"); other words are capitalised ("Gondor", "Sam"); particles inside a name
are lower case ("Army of God").
"""

from __future__ import annotations

import re
import unicodedata

from dyad.lang import english

_PAREN = re.compile(r"\(([^()]*)\)")
# Single-word synonyms with these endings are demonyms or adjectives ("Eriadorian", "Danish").
_ADJECTIVE_ENDINGS = ("IAN", "IANS", "ESE", "ISH", "ANS", "I", "CH")
_VOWELS = frozenset("AEIOU")
_ROMAN = re.compile(r"^[IVX]+$", re.IGNORECASE)


def phrase_words(phrase: str) -> list[str]:
    """The words of a dictionary phrase (``_`` and spaces both separate)."""
    return phrase.replace("_", " ").split()


def display_name(phrase: str, person: bool = False) -> tuple[str, tuple[str, ...]]:
    """The name as dyad writes it, and any acronym given in parentheses:
    ``ISLAMIC_ARMY_OF_ADEN_(IAA)_`` → ("Islamic Army of Aden", ("IAA",)).
    A ``person``'s name has no acronyms but initials and Roman numerals ("Ali", "Lee", "Yi", "II")."""
    extra = tuple(" ".join(phrase_words(m)) for m in _PAREN.findall(phrase) if phrase_words(m))
    words = phrase_words(_PAREN.sub(" ", phrase))
    out = [_word(w, first=i == 0, person=person) for i, w in enumerate(words)]
    return " ".join(out), tuple(_word(" ".join(phrase_words(e)), True) for e in extra)


def _word(word: str, first: bool, person: bool = False) -> str:
    if not any(c.isalpha() for c in word):
        return word
    if "-" in word.strip("-"):
        parts = word.split("-")
        return "-".join(_word(p, first and i == 0, person) for i, p in enumerate(parts))
    letters = [c for c in word if c.isalpha()]
    short = len(letters) <= 3 and (_ROMAN.match(word) if person else _acronym(word))
    if "." in word or any(c.isdigit() for c in word) or short:
        return word.upper()  # an acronym or initial: "U.S.", "W.", "UN", "IMF"
    if not first and word.lower() in english().actors.name_particles:
        return word.lower()
    text = word.capitalize()
    if len(text) > 2 and text[1] == "'" and text[2].isalpha():  # O'Brien, D'Souza
        text = text[:2] + text[2].upper() + text[3:]
    return text


def _acronym(word: str) -> bool:
    """A short word read as an acronym: two letters, or three that are not
    consonant-vowel-consonant ("IMF", "PLO" but not "Sam", "Ban", "Kim")."""
    if word.lower() in english().actors.name_particles or word.lower() in english().actors.short_name_words:
        return False
    upper = word.upper()
    if len(upper) == 3:
        return not (upper[0] not in _VOWELS and upper[1] in _VOWELS and upper[2] not in _VOWELS)
    return True


def is_adjective(phrase: str) -> bool:
    """A one-word synonym that reads as a demonym ("PALESTINIAN", "ERIADORI", "DANISH")."""
    words = phrase_words(phrase)
    if len(words) != 1:
        return False
    word = words[0].upper().rstrip("_")
    if word.endswith("STAN") or len(word) < 5:
        return False
    return word.endswith(_ADJECTIVE_ENDINGS) or word.endswith("AN")


def slug(text: str) -> str:
    """``Ban Ki-moon`` → ``ban-ki-moon``: ASCII, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
