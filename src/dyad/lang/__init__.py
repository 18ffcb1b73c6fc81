"""Language data: the words dyad's rules read, one folder per language.

As spaCy keeps ``spacy/lang/en/``, dyad keeps its English word lists in
``dyad/lang/en/*.yaml`` (see the README there): pronouns, reporting verbs,
modality cues, place and date words … Each file is read once, checked
against its schema (``dyad.lang.schema``: known lists, lower-case words, no
word twice in a list; a mistake is a ``ConfigError`` at ``file:line``) and
returned as frozen records:

    >>> from dyad.lang import english
    >>> "said" in english().reporting.verbs, "say" in english().reporting.verbs
    (False, True)

Data that belongs to one stage and is edited with it (the trigger lexicon,
the actor knowledge base, the count lexicon, the gazetteer aliases) stays in
that stage's ``data/`` folder.
"""

from dyad.lang.load import english, load_language, read_word_file
from dyad.lang.schema import Language

__all__ = ["Language", "english", "load_language", "read_word_file"]
