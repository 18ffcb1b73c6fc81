"""English word lists live in dyad/lang/en, not in Python constants.

Scans every module of src/dyad outside dyad/lang for module-level literals
(set, frozenset, tuple, list, dict keys, "a b c".split(), and unions of them)
that hold three or more lower-case words. Dependency, part-of-speech and
entity labels (spaCy's glossary) are the parser's vocabulary, not English
words, and do not count. What remains must be in ALLOWED, with the reason it
is not language data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from spacy.glossary import GLOSSARY

import dyad

SRC = Path(dyad.__file__).parent
WORD = re.compile(r"^[a-z]+(?:[-' ][a-z]+)*\.?$")  # "say", "peace-keeping", "a few", "mr."
LABELS = {k for k in GLOSSARY if k.islower()}

RECORD_VOCABULARY = "values of dyad's own record fields and file formats, which a user does not translate"
ALLOWED: dict[str, str] = {
    # Names in dyad's own data formats and records.
    "actors/entity.py:_PLACE_KINDS": RECORD_VOCABULARY + " (Entity.kind)",
    "actors/entries.py:SURFACE_KINDS": RECORD_VOCABULARY + " (Entity.kind)",
    "actors/patterns.py:_OWNER_KINDS": RECORD_VOCABULARY + " (Hit.kind)",
    "actors/parse.py:SECTIONS": RECORD_VOCABULARY + " (the actor file's sections)",
    "coding/lexicon.py:VERB_KEYS": RECORD_VOCABULARY + " (the lexicon file's keys)",
    "coding/lexicon.py:NOUN_KEYS": RECORD_VOCABULARY + " (the lexicon file's keys)",
    "coding/lexicon.py:ADJECTIVE_KEYS": RECORD_VOCABULARY + " (the lexicon file's keys)",
    "coding/lexicon.py:KEYS": RECORD_VOCABULARY + " (the lexicon file's keys)",
    "coding/lexicon.py:NEGATOR_KINDS": RECORD_VOCABULARY + " (the lexicon's negator kinds; their words are in lexicon.yaml)",
    "coding/ontology.py:FLAGS": RECORD_VOCABULARY + " (plover.yaml's flag names)",
    "coding/ontology.py:TYPE_KEYS": RECORD_VOCABULARY + " (plover.yaml's keys)",
    "counts/lexicon.py:KINDS": RECORD_VOCABULARY + " (Count.kind)",
    "where/gazetteer.py:FEATURES": RECORD_VOCABULARY + " (Place.resolution)",
    "where/locate.py:GRAIN": RECORD_VOCABULARY + " (Place.resolution, ranked coarse to fine)",
    "stories.py:PRECISION_DAYS": RECORD_VOCABULARY + " (EventDate.precision)",
    "records.py:DATE_PRECISIONS": RECORD_VOCABULARY + " (EventDate.precision)",
    "records.py:AGGREGATE_PRECISIONS": RECORD_VOCABULARY + " (EventDate.precision)",
    "records.py:TALLY_KINDS": RECORD_VOCABULARY + " (Count.kind)",
    "where/locate.py:TIERS": RECORD_VOCABULARY + " (the place tiers dyad explain shows)",
    "evaluation/place.py:SPLITS": RECORD_VOCABULARY + " (the split names of place_split.yaml)",
    "stages/builtin.py:DEFAULT_STAGES": RECORD_VOCABULARY + " (stage names)",
    "stages/extensions.py:EXTENSIONS": RECORD_VOCABULARY + " (Doc extension names)",
    "store/queries.py:SORTABLE": RECORD_VOCABULARY + " (column names)",
    "store/queries.py:WALKABLE": RECORD_VOCABULARY + " (column names)",
    "ingest/tabular.py:DATE_FIELDS": RECORD_VOCABULARY + " (input field names)",
    "plugins.py:DATA_KINDS": RECORD_VOCABULARY + " (the data plugin kinds)",
    "store/parquet.py:ARROW_TYPES": RECORD_VOCABULARY + " (column kinds of store/columns.py)",
    "store/parquet.py:_NESTED": RECORD_VOCABULARY + " (column kinds of store/columns.py)",
    "contexts/lexicon.py:ENTRY_KEYS": RECORD_VOCABULARY + " (the context file's keys; its cues are in contexts/data/contexts.yaml)",
    "contexts/lexicon.py:TOP_KEYS": RECORD_VOCABULARY + " (the context file's sections)",
    "contexts/lexicon.py:CUE_KINDS": RECORD_VOCABULARY + " (the context file's cue kinds)",
    "contexts/names.py:LEVELS": RECORD_VOCABULARY + " (ContextTag.level)",
    "contexts/rules.py:SOURCES": RECORD_VOCABULARY + " (the evidence sources, switched on and off by name)",
    "contexts/rules.py:FEATURES": RECORD_VOCABULARY + " (feature names of the fitted weights file)",
    "contexts/train_model.py:WORD_GRID": RECORD_VOCABULARY + " (sets of the classifier's word-feature prefixes s:, p:, t:)",
    # Not a natural language.
    "ingest/clean.py:_BLOCK_TAGS": "HTML tag names",
}


def literal_strings(node: ast.AST) -> list[str] | None:
    """The strings of a literal collection, or None when ``node`` is not one."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("frozenset", "set", "tuple", "list") and node.args:
            return literal_strings(node.args[0])
        if isinstance(func, ast.Attribute) and func.attr == "split" and isinstance(func.value, ast.Constant):
            return str(func.value.value).split()
        return None
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Dict):
        return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    if isinstance(node, ast.BinOp):
        left, right = literal_strings(node.left), literal_strings(node.right)
        return None if left is None and right is None else (left or []) + (right or [])
    return None


def word_lists(path: Path) -> list[tuple[str, list[str]]]:
    """(name, words) of each module-level constant that holds three or more words."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        strings = literal_strings(value) if value is not None else None
        if not strings:
            continue
        words = [s for s in strings if WORD.match(s) and s not in LABELS]
        if len(words) >= 3:
            out.extend((ast.unparse(t), words) for t in targets)
    return out


def test_no_module_keeps_an_english_word_list():
    found = {
        f"{path.relative_to(SRC).as_posix()}:{name}": words
        for path in sorted(SRC.rglob("*.py"))
        if "lang" not in path.relative_to(SRC).parts[:1]
        for name, words in word_lists(path)
    }
    unexplained = {k: v[:6] for k, v in found.items() if k not in ALLOWED}
    assert not unexplained, f"English word lists belong in dyad/lang/en/*.yaml (or ALLOWED, with a reason): {unexplained}"


def test_the_allow_list_names_only_constants_that_exist():
    found = {
        f"{path.relative_to(SRC).as_posix()}:{name}"
        for path in SRC.rglob("*.py")
        for name, _ in word_lists(path)
    }
    assert not set(ALLOWED) - found, "stale ALLOWED entries"


def test_the_scan_finds_a_word_list():
    tree = ast.parse('WORDS = frozenset({"he", "she", "it"})\nDEPS = ("nsubj", "dobj", "pobj")\nX = "a b c".split()\n')
    found = [literal_strings(n.value) for n in tree.body if isinstance(n, ast.Assign)]
    assert [[w for w in f or [] if WORD.match(w) and w not in LABELS] for f in found] == [["he", "she", "it"], [], ["a", "b", "c"]]
