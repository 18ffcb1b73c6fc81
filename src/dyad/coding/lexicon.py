"""The trigger lexicon: which words make which PLOVER event, read from YAML.

The packaged ``data/lexicon.yaml`` documents the format. Users extend it with
their own files (``load_lexicon([Path("mine.yaml")])``, or ``--lexicon FILE``);
their patterns are tried before the packaged ones of the same specificity. A
file with ``builtin: false`` replaces the packaged patterns instead (a complete
dictionary, such as an imported PETRARCH one, codes with its own patterns only);
the packaged reporting words and negators stay.
A malformed file raises ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.coding.ontology import CAMEO_ONLY, Ontology, load_ontology, normalise_cameo
from dyad.datafile import LINE, read_yaml
from dyad.errors import ConfigError
from dyad.lang import english

VERB_KEYS = {"verb", "particle", "object", "before", "compound", "skip", "event", "mode", "cameo", "code", "recipient", "needs_recipient", "two_sided",
             "converse", "confidence"}
NOUN_KEYS = {"noun", "modifier", "event", "mode", "cameo", "code", "recipient", "actor", "two_sided", "confidence"}
ADJECTIVE_KEYS = {"adjective", "event", "mode", "cameo", "code", "recipient", "confidence"}
KEYS = {"verb": VERB_KEYS, "noun": NOUN_KEYS, "adjective": ADJECTIVE_KEYS}
ACTOR_SLOTS = ("poss", "by", "amod", "compound")
NEGATOR_KINDS = ("refuse", "deny", "fail", "avoid", "intent", "hypothetical")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger: a verb (maybe with particle or object), an event noun (maybe
    with a modifier: "hunger strike"), or a predicate adjective ("ready to")."""

    kind: str  # "verb", "noun" or "adjective"
    lemma: str
    event: str
    mode: str | None
    cameo: str  # "" for a CAMEO_ONLY pattern of a code with no CAMEO equivalent
    particles: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()  # verbs: the object; nouns: a modifier
    recipient: tuple[str, ...] = ()
    actor: tuple[str, ...] = ACTOR_SLOTS
    needs_recipient: bool = False
    two_sided: bool = False  # "clashed with", "exchanged fire": both sides act, the parties split
    confidence: float = 0.8
    origin: str = ""  # "file:line", shown by dyad explain
    # The code the pattern had in the dictionary it was imported from (PETRARCH "032:033"),
    # kept verbatim for dyad.coding.petrarch_out; events are coded by ``cameo``.
    code: str | None = None
    # Verbs: words that must come before the verb in its sentence, one phrase of which must fit
    # (PETRARCH's "NOT *", "INDICATED WOULD *"; see object_phrases). The pattern then codes the
    # verb with them: dyad's own negation and modality are not applied.
    before: tuple[str, ...] = ()
    # Verbs: the subject names several parties and the event is coded among them, each acting on
    # the others (PETRARCH's "% *": "Gondor and Osgiliath have delayed their meeting"); the
    # pattern fits no sentence whose subject is one party.
    compound: bool = False
    # Verbs: PETRARCH's "^" ("* EID AT ^ WITH +"): the first party named after the verb in its
    # phrase is skipped and the next is the target (a dictionary used alone, Lexicon.alone).
    skip: bool = False
    # Verbs: the subject receives the act ("received weapons from X"): the party in the
    # recipient slots is the actor and the subject the recipient.
    converse: bool = False

    @property
    def specificity(self) -> int:
        return 2 if self.objects else 1 if self.particles else 0

    def describe(self, object_word: str | None = None) -> str:
        """"hold +talks", "call for": the pattern as it fired."""
        words = [self.lemma, *self.particles[:1]]
        if self.objects:
            words.append("+" + (object_word or "/".join(sorted(self.objects)[:3])))
        return " ".join(words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]  # lemma → patterns, most specific first
    nouns: dict[str, tuple[Pattern, ...]]  # modified patterns ("hunger strike") first
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    negators: dict[str, frozenset[str]]  # kind (refuse, deny …) → lemmas
    adjectives: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)  # "ready", "willing"
    # PETRARCH's discard lists: a sentence holding one of ``discard_sentence`` (words, lower
    # case), or an article holding one of ``discard_story``, codes nothing ("World Golf
    # Championships", "typhoon"): a dictionary's way to keep sport and weather out.
    discard_sentence: frozenset[tuple[str, ...]] = frozenset()
    discard_story: frozenset[tuple[str, ...]] = frozenset()
    # A dictionary used alone (a file with ``builtin: false``, an imported PETRARCH one): its
    # patterns take a target as PETRARCH does, the first party in the verb's phrase when their
    # slots find none (coding/extract.py).
    alone: bool = False

    def negator_kind(self, lemma: str) -> str | None:
        for kind, words in self.negators.items():
            if lemma in words:
                return kind
        return None

    def __len__(self) -> int:
        return sum(len(v) for d in (self.verbs, self.nouns, self.adjectives) for v in d.values())


def as_words(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(x, str) and x.strip() for x in items):
        raise ConfigError(f"{where}: '{key}' must be a word or a list of words")
    return tuple(x.strip().lower() for x in items)


def parse_pattern(entry: Any, kind: str, origin: str, onto: Ontology) -> list[Pattern]:
    if not isinstance(entry, dict):
        raise ConfigError(f"{origin}: each {kind} entry must be a mapping, got {entry!r}")
    where = f"{origin}:{entry.get(LINE, '?')}"
    allowed = KEYS[kind]
    unknown = set(entry) - allowed - {LINE}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}")
    lemmas = as_words(entry.get(kind), where, kind)
    if not lemmas:
        raise ConfigError(f"{where}: missing '{kind}'")
    event = str(entry.get("event", "")).upper()
    if event == CAMEO_ONLY:
        # An imported dictionary's code PLOVER has no type for: kept as the code, with its
        # CAMEO code when it has one (docs/petrarch_import.md)
        if entry.get("code") is None:
            raise ConfigError(f"{where}: a {CAMEO_ONLY} pattern needs the dictionary's 'code'")
        cameo = normalise_cameo(entry["cameo"]) if entry.get("cameo") else ""
    elif event not in onto.types:
        raise ConfigError(f"{where}: unknown PLOVER event type {entry.get('event')!r}")
    else:
        cameo = normalise_cameo(entry.get("cameo") or onto.default_cameo(event))
    if cameo and cameo not in onto.cameo:
        raise ConfigError(f"{where}: unknown CAMEO code {entry.get('cameo')!r}")
    mode = entry.get("mode")
    if mode is not None and mode not in onto.kind(event).modes:
        raise ConfigError(f"{where}: {mode!r} is not a mode of {event} ({', '.join(onto.kind(event).modes)})")
    try:
        confidence = float(entry.get("confidence", 0.8))
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: confidence must be a number") from None
    if not 0.0 < confidence <= 1.0:
        raise ConfigError(f"{where}: confidence must be in (0, 1]")
    actor = as_words(entry.get("actor"), where, "actor") or ACTOR_SLOTS
    if bad := set(actor) - set(ACTOR_SLOTS):
        raise ConfigError(f"{where}: unknown actor slot(s) {', '.join(sorted(bad))}; allowed: {', '.join(ACTOR_SLOTS)}")
    return [
        Pattern(
            kind=kind,
            lemma=lemma,
            event=event,
            mode=mode,
            cameo=cameo,
            particles=as_words(entry.get("particle"), where, "particle"),
            objects=frozenset(as_words(entry.get("object" if kind == "verb" else "modifier"), where, "object")),
            recipient=as_words(entry.get("recipient"), where, "recipient"),
            actor=actor,
            needs_recipient=bool(entry.get("needs_recipient", False)),
            two_sided=bool(entry.get("two_sided", False)),
            confidence=confidence,
            origin=where,
            code=None if entry.get("code") is None else str(entry["code"]),
            before=as_words(entry.get("before"), where, "before") if kind == "verb" else (),
            compound=bool(entry.get("compound", False)),
            skip=bool(entry.get("skip", False)) if kind == "verb" else False,
            converse=bool(entry.get("converse", False)) if kind == "verb" else False,
        )
        for lemma in lemmas
    ]


@dataclass(frozen=True, slots=True)
class LexiconFile:
    verbs: list[Pattern]
    nouns: list[Pattern]
    adjectives: list[Pattern]
    reporting_verbs: set[str]
    reporting_nouns: set[str]
    negators: dict[str, set[str]]
    builtin: bool = True  # False: the packaged patterns are not used alongside this file's
    discard_sentence: set[tuple[str, ...]] = field(default_factory=set)
    discard_story: set[tuple[str, ...]] = field(default_factory=set)



def parse_lexicon_text(text: str, origin: str, onto: Ontology) -> LexiconFile:
    doc = read_yaml(text, origin)
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}:1: a lexicon is a mapping with 'verbs', 'nouns', 'adjectives', 'reporting', 'negators'")
    unknown = set(doc) - {"verbs", "nouns", "adjectives", "reporting", "negators", "builtin", "discards", LINE}
    if unknown:
        raise ConfigError(f"{origin}:{doc.get(LINE, 1)}: unknown section(s) {', '.join(sorted(unknown))}")
    builtin = doc.get("builtin", True)
    if not isinstance(builtin, bool):
        raise ConfigError(f"{origin}:{doc.get(LINE, 1)}: 'builtin' must be true or false")
    out = LexiconFile([], [], [], set(), set(), {k: set() for k in NEGATOR_KINDS}, builtin)
    discards = doc.get("discards") or {}
    if not isinstance(discards, dict) or set(discards) - {"sentence", "story", LINE}:
        raise ConfigError(f"{origin}:{doc.get(LINE, 1)}: 'discards' maps 'sentence' and 'story' to phrase lists")
    for scope, phrases in (("sentence", out.discard_sentence), ("story", out.discard_story)):
        phrases.update(tuple(p.split()) for p in as_words(discards.get(scope), f"{origin}:{discards.get(LINE, '?')}",
                                                          f"discards.{scope}"))
    sections = (("verbs", "verb", out.verbs), ("nouns", "noun", out.nouns), ("adjectives", "adjective", out.adjectives))
    for section, kind, target in sections:
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            raise ConfigError(f"{origin}: '{section}' must be a list")
        for entry in entries:
            target.extend(parse_pattern(entry, kind, origin, onto))
    reporting = doc.get("reporting") or {}
    where = f"{origin}:{reporting.get(LINE, '?') if isinstance(reporting, dict) else '?'}"
    if not isinstance(reporting, dict):
        raise ConfigError(f"{where}: 'reporting' must map verbs/nouns to word lists")
    out.reporting_verbs.update(as_words(reporting.get("verbs"), where, "reporting.verbs"))
    out.reporting_nouns.update(as_words(reporting.get("nouns"), where, "reporting.nouns"))
    negators = doc.get("negators") or {}
    if not isinstance(negators, dict):
        raise ConfigError(f"{origin}: 'negators' must map kinds to word lists")
    for kind, words in negators.items():
        if kind == LINE:
            continue
        if kind not in NEGATOR_KINDS:
            raise ConfigError(f"{origin}:{negators[LINE]}: unknown negator kind {kind!r}; allowed: {', '.join(NEGATOR_KINDS)}")
        out.negators[kind].update(as_words(words, f"{origin}:{negators[LINE]}", f"negators.{kind}"))
    return out


def index_patterns(patterns: Iterable[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    by_lemma: dict[str, list[Pattern]] = {}
    for p in patterns:
        by_lemma.setdefault(p.lemma, []).append(p)
    # sorted() is stable, so user patterns (listed first) win ties; words before the verb, or a
    # subject of several parties, make a pattern closer.
    return {k: tuple(sorted(v, key=lambda p: (-p.specificity, not p.before, not p.compound))) for k, v in by_lemma.items()}


def merge_files(files: Sequence[LexiconFile]) -> Lexicon:
    """One lexicon from its files; the reporting words are the language's plus the files' own."""
    reporting = english().reporting
    return Lexicon(
        verbs=index_patterns(p for f in files for p in f.verbs),
        nouns=index_patterns(p for f in files for p in f.nouns),
        adjectives=index_patterns(p for f in files for p in f.adjectives),
        reporting_verbs=reporting.verbs.union(*(f.reporting_verbs for f in files)),
        reporting_nouns=reporting.nouns.union(*(f.reporting_nouns for f in files)),
        negators={k: frozenset().union(*(f.negators[k] for f in files)) for k in NEGATOR_KINDS},
        discard_sentence=frozenset().union(*(f.discard_sentence for f in files)),
        discard_story=frozenset().union(*(f.discard_story for f in files)),
    )


@functools.cache
def read_packaged_lexicon() -> LexiconFile:
    text = resources.files("dyad.coding.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return parse_lexicon_text(text, "lexicon.yaml", load_ontology())


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The packaged lexicon merged with the user's files (theirs tried first)."""
    if not extra:
        return default_lexicon()
    onto = load_ontology()
    user: list[LexiconFile] = []
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read lexicon ({exc.strerror or exc})") from exc
        user.append(parse_lexicon_text(text, str(path), onto))
    packaged = read_packaged_lexicon()
    alone = not all(f.builtin for f in user)
    if alone:  # only the packaged reporting words and negators
        packaged = replace(packaged, verbs=[], nouns=[], adjectives=[])
    return replace(merge_files([*user, packaged]), alone=alone)


@functools.cache
def default_lexicon() -> Lexicon:
    return merge_files([read_packaged_lexicon()])
