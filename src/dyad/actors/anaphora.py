"""Pronouns and definite nouns that point back to a named actor: "it", "they",
"its", "their", "the group", "the council", "the government", "the militants".

The words and what each may name are data (``data/anaphora.yaml``). An
antecedent must be of a compatible kind, sector and number (a named group fits
"it" and "they" alike). Among those named before the mention, in order:

1. a subject earlier in the same sentence ("Russia said it would ...");
   else an object earlier in it, the main clause's first ("accused the Kremlin's
   forces of scorched-earth tactics as they pummelled cities");
2. the subject of one of the previous sentences, the nearest first, so that
   "The group said" after "The BLA seized a train" is the BLA, not a group
   mentioned in passing before it;
3. the last compatible one named (pronouns look only a few sentences back).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, replace
from importlib import resources

import numpy
import yaml
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from dyad.actors.coref import DocMemory, first_reason
from dyad.lang import english
from dyad.records import Entity

_PLURAL_TAGS = frozenset(("NNS", "NNPS"))
_PRONOUN_SENTENCES = 2  # how far back a pronoun looks
_SUBJECT_SENTENCES = 3  # how far back a previous subject is preferred


@dataclass(frozen=True, slots=True)
class Anaphor:
    """What one pronoun or definite noun may name (see data/anaphora.yaml)."""

    words: str
    kinds: frozenset[str]
    number: str = "any"  # singular, plural, any
    deps: frozenset[str] = frozenset()
    sectors: frozenset[str | None] | None = None
    name_word: str | None = None
    sector: str | None = None  # the sector the mention takes


@dataclass(frozen=True)
class AnaphoraRules:
    pronouns: dict[str, Anaphor]
    definites: dict[str, Anaphor]

    @functools.cached_property
    def head_words(self) -> frozenset[str]:
        """The last word of every definite ("group", "council")."""
        return frozenset(words.split()[-1] for words in self.definites)

    def definite_for(self, words: list[str]) -> Anaphor | None:
        """The rule for the longest known ending of ``words`` ("rebel group" before "group")."""
        for k in range(len(words)):
            rule = self.definites.get(" ".join(words[k:]))
            if rule is not None:
                return rule
        return None


@functools.lru_cache(maxsize=1)
def load_anaphora() -> AnaphoraRules:
    text = resources.files("dyad.actors").joinpath("data", "anaphora.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return AnaphoraRules(
        pronouns={w: _read_rule(w, spec) for w, spec in data["pronouns"].items()},
        definites={w: _read_rule(w, spec) for w, spec in data["definites"].items()},
    )


def _read_rule(words: str, spec: dict) -> Anaphor:  # type: ignore[type-arg]
    sectors = spec.get("sectors")
    return Anaphor(
        words=words,
        kinds=frozenset(spec["kinds"]),
        number=spec.get("number", "any"),
        deps=frozenset(spec.get("deps", ())),
        sectors=None if sectors is None else frozenset(sectors),
        name_word=spec.get("name_word"),
        sector=spec.get("sector"),
    )


def definite_rule(doc: Doc, det: int, head: int) -> Anaphor | None:
    """The rule for "the <words>" spanning tokens ``det``..``head``, if any."""
    word = doc[det].lower_ if det >= 0 else ""
    if not (word == "the" or word in english().pronouns.demonstrative) or doc[det].head.i != head:
        return None
    return load_anaphora().definite_for([t.lower_ for t in doc[det + 1 : head + 1]])


def resolve_definite(doc: Doc, det: int, head: int, memory: DocMemory, rule: Anaphor) -> Entity | None:
    """The actor that "the <words>" (tokens ``det``..``head``) names, or None."""
    found = _pick(doc, det, _fits(doc, memory, det, rule), window=None)
    if found is None:
        return None
    span = doc[det : head + 1]
    return _as_mention(found[1], span.text, span.start_char, span.end_char, found[2], rule.sector)


def resolve_title(doc: Doc, det: int, head: int, memory: DocMemory) -> Entity | None:
    """"the president" → the last person named whose office ends with those words
    (or an actor written that way: "Kenya's president" ... "the president")."""
    if det < 0 or doc[det].lower_ != "the" or doc[det].head.i != head:
        return None
    words = " ".join(t.lower_ for t in doc[det + 1 : head + 1])
    fits = [(t, e) for t, e, _ in memory.people if t < det and _holds(memory, e, words)]
    fits += [(t, e) for t, e in memory.actors if t < det and e.kind == "country" and e.entity_text.lower().endswith(words)]
    found = _pick(doc, det, sorted(fits, key=lambda te: te[0]), window=None)
    if found is None:
        return None
    span = doc[det : head + 1]
    return _as_mention(found[1], span.text, span.start_char, span.end_char, f"'{words}' named before", None)


def resolve_country_fallback(doc: Doc, det: int, head: int, memory: DocMemory, sector: str) -> Entity | None:
    """Last resort for "the military", "the police": the country a recent subject names."""
    if det < 0 or doc[det].lower_ != "the" or doc[det].head.i != head:
        return None
    fits = [(t, e) for t, e in memory.actors if t < det and e.kind == "country" and e.code]
    found = _pick(doc, det, fits, window=1, main_subject=True)
    if found is None or found[2] == "last compatible actor named before":
        return None  # only a subject is a safe guess
    span = doc[det : head + 1]
    return replace(
        found[1], entity_text=span.text, start=span.start_char, end=span.end_char, sector=sector, kind="country",
        entity_name=found[1].entity_name, identifier_id=found[1].identifier_id if found[1].kind == "country" else None,
        resolution=f"sectors.yaml: '{span.text}' → {sector}; country {found[1].code}: {found[2]}",
    )


def _holds(memory: DocMemory, entity: Entity, words: str) -> bool:
    if entity.entity_text.lower().endswith(words):
        return True
    person = memory.kb.people.get(entity.identifier_id or "") if memory.kb is not None else None
    return person is not None and any(r.title.lower().endswith(words) and r.sector == entity.sector for r in person.roles)


def pronoun_mentions(doc: Doc, memory: DocMemory, taken: set[int]) -> list[tuple[int, list[Entity], int, int]]:
    """it/its/they/them/their that name an actor, as (head, entities, start, end)."""
    rules = load_anaphora().pronouns
    out = []
    for i in find_words(doc, rules):
        token = doc[i]
        rule = rules[token.lower_]
        if i in taken or token.pos_ != "PRON" or token.dep_ not in rule.deps:
            continue
        if token.lower_ == "it" and token.head.lemma_ in english().pronouns.empty_it_verbs:  # "it seems"
            continue
        found = _pick(doc, token.i, _fits(doc, memory, token.i, rule), window=_PRONOUN_SENTENCES)
        if found is not None:
            entity = _as_mention(found[1], token.text, token.idx, token.idx + len(token.text), found[2], rule.sector)
            out.append((token.i, [entity], token.i, token.i + 1))
    return out


def definite_mentions(
    doc: Doc, memory: DocMemory, covered: set[int]
) -> list[tuple[int, list[Entity], int, int]]:
    """"the group", "the council": definite nouns no knowledge-base name matched."""
    out = []
    rules = load_anaphora()
    for i in find_words(doc, rules.head_words):
        token = doc[i]
        if token.pos_ != "NOUN" or i in covered:
            continue
        det = next((c.i for c in token.lefts if c.dep_ == "det"), None)
        if det is None or any(i in covered for i in range(det, token.i)):
            continue
        rule = definite_rule(doc, det, token.i)
        if rule is None:
            continue
        entity = resolve_definite(doc, det, token.i, memory, rule)
        if entity is not None:
            out.append((token.i, [entity], det, token.i + 1))
    return out


def find_words(doc: Doc, words: Collection[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of ``words`` (without a Python loop over the Doc)."""
    if not len(doc):
        return []
    lowers = doc.to_array(LOWER)
    keys = numpy.array([doc.vocab.strings[w] for w in words], dtype=lowers.dtype)
    return [int(i) for i in numpy.flatnonzero(numpy.isin(lowers, keys))]


def _fits(doc: Doc, memory: DocMemory, before: int, rule: Anaphor) -> list[tuple[int, Entity]]:
    return [(t, e) for t, e in memory.actors if t < before and _compatible(doc[t], e, rule)]


def _compatible(head: Token, entity: Entity, rule: Anaphor) -> bool:
    if entity.kind not in rule.kinds:
        return False
    if rule.sectors is not None and entity.sector not in rule.sectors:
        return False
    if rule.name_word is not None and rule.name_word not in (entity.entity_name or entity.entity_text).lower():
        return False
    if rule.number == "any" or entity.kind == "group":
        return True
    plural = head.tag_ in _PLURAL_TAGS
    return plural if rule.number == "plural" else not plural


def _pick(
    doc: Doc, before: int, fits: list[tuple[int, Entity]], window: int | None, main_subject: bool = False
) -> tuple[int, Entity, str] | None:
    """(token, entity, how) by the order in the module doc; ``main_subject``: of
    several subjects earlier in the sentence, the one nearest the root, not the last."""
    if not fits:
        return None
    sent = doc[before].sent
    same = [(t, e) for t, e in fits if t >= sent.start and is_subject(doc[t])]
    if same:
        if main_subject:
            return (*min(same, key=lambda te: _depth(doc[te[0]])), "subject earlier in the sentence")
        return (*same[-1], "subject earlier in the sentence")
    # "accused the Kremlin's forces of ... as they pummelled": an object of the same
    # sentence before a subject of the last one; of several, the main clause's.
    objects = [(t, e) for t, e in fits if t >= sent.start and is_object(doc[t])]
    if objects:
        return (*min(objects, key=lambda te: (_depth(doc[te[0]]), -te[0])), "object earlier in the sentence")
    start = sent.start
    for _ in range(_SUBJECT_SENTENCES):
        if start == 0:
            break
        prev = doc[start - 1].sent
        subjects = [(t, e) for t, e in fits if prev.start <= t < prev.end and is_subject(doc[t])]
        if subjects:
            return (*subjects[0], "subject of a sentence before")
        start = prev.start
    if window is not None:
        lo = sent.start
        for _ in range(window):
            lo = doc[lo - 1].sent.start if lo > 0 else 0
        fits = [(t, e) for t, e in fits if t >= lo]
        if not fits:
            return None
    return (*fits[-1], "last compatible actor named before")


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def is_subject(token: Token) -> bool:
    """Subject of its clause, following "A and B" to A and "Iran's ministry" to the ministry."""
    while token.dep_ in ("conj", "poss", "compound", "amod") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def is_object(token: Token) -> bool:
    """Object of its clause ("accused the Kremlin's forces"), following conjuncts and modifiers."""
    while token.dep_ in ("conj", "poss", "compound", "amod") and token.head is not token:
        token = token.head
    return token.dep_ in ("dobj", "dative", "iobj")


def _as_mention(antecedent: Entity, text: str, start: int, end: int, how: str, sector: str | None) -> Entity:
    name = antecedent.entity_name or antecedent.entity_text
    return replace(
        antecedent,
        entity_text=text,
        start=start,
        end=end,
        sector=sector or antecedent.sector,
        resolution=f"coreference: '{text}' → {name} ({how}); " + first_reason(antecedent),
    )
