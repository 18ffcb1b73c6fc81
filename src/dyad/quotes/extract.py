"""Attribute direct quotations to actor mentions.

textacy's ``direct_quotations`` takes the nearest reporting verb in the window
and its subject token as the speaker, so "he", "it" or "officials" come out
as speakers and a partial quote inside a clause ("a relationship it says has
“no limits”") goes to "it". Here:

* the cue is the nearest reporting verb that governs the quoted words (the
  parse puts a partial quote inside its clause), else the nearest one in the
  sentences the quotation touches ("“…,” Luhansk governor Serhii Haidai said");
* the speaker is the cue's subject, or for "to warn"/"to say" the controller
  ("leading Antony Blinken to warn …" → Blinken), or the pobj of "according to";
* the subject is mapped to an actor mention: the mention at it, else one
  inside its phrase ("the governor of the region, Pavlo Kyrylenko");
* "he"/"she" go to the last person named before them; "it"/"they" and the
  relative "who" climb to the subject of the governing clause, then to the
  last quoted speaker — never to the pronoun itself;
* a quotation with no cue of its own (a paragraph that carries on a quote, or
  a quoted sentence after "X said:") keeps the previous quotation's speaker.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyad.lang import english
from dyad.nlp.doc_text import doc_text
from dyad.quotes.spans import QuoteSpan, find_quote_spans
from dyad.records import Entity, Mention, Quote

_SUBJECT_DEPS = ("nsubj", "csubj")


@dataclass(frozen=True, slots=True)
class ReportingLexicon:
    verbs: frozenset[str]
    person_pronouns: frozenset[str]
    other_pronouns: frozenset[str]


@functools.cache
def load_reporting_lexicon() -> ReportingLexicon:
    """Reporting verbs and the two kinds of pronoun speaker, from the language data.

    A person's pronoun (he, she, I, we …) stands for the last person named; one
    that may stand for a country or an organisation (it, they, this, which …)
    for the subject of the governing clause, or the last quoted speaker.
    """
    en = english()
    p = en.pronouns
    return ReportingLexicon(en.reporting.verbs, p.person | p.first_person, p.thing | p.group | p.demonstrative | p.relative)


@dataclass(frozen=True, slots=True)
class _Speaker:
    entity: Entity | None
    rule: str
    token: int | None = None  # where the speaker is named, for the next pronoun


def extract_quotes(doc: Doc, mentions: Sequence[Mention], article_id: str, text: str | None = None) -> list[Quote]:
    """Direct quotations in ``doc`` with speakers resolved to ``mentions``' entities.

    ``text``: the article's own text when the Doc was parsed from a masked copy
    of it (same offsets, some quoted words blanked: nlp/prefilter.py).
    """
    lex = load_reporting_lexicon()
    n_chars = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != n_chars:
        text = doc_text(doc)
    spans = find_quote_spans(text)
    inside = _quoted_tokens(doc, spans)
    by_token = {i: m for m in mentions for i in range(m.start_token, m.end_token)}
    quotes: list[Quote] = []
    previous: _Speaker | None = None
    previous_sent = -10
    sentences = list(doc.sents)
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        first_sent = _sentence_index(sentences, tokens[0].i)
        last_sent = _sentence_index(sentences, tokens[-1].i)
        region = doc[sentences[first_sent].start : sentences[last_sent].end]
        cue = find_cue(tokens, region, inside, lex)
        speaker = find_speaker(cue, doc, by_token, mentions, inside, previous, lex) if cue is not None else None
        if (speaker is None or speaker.entity is None) and previous is not None:
            near = first_sent - previous_sent <= 2
            if span.continues_previous or (near and _stands_alone(tokens, region, inside)):
                speaker = _Speaker(previous.entity, "previous-speaker", previous.token)
        if speaker is not None and speaker.entity is not None:
            previous, previous_sent = speaker, last_sent
        sentence_text = text[sentences[first_sent].start_char : sentences[last_sent].end_char].strip()
        quotes.append(
            Quote(
                article_id=article_id,
                text=text[span.start : span.end],
                start=span.start,
                end=span.end,
                speaker=None if speaker is None else speaker.entity,
                sentence=sentence_text,
                rule="no-speaker" if speaker is None else speaker.rule,
            )
        )
    return quotes


def find_cue(tokens: Span, region: Span, inside: set[int], lex: ReportingLexicon) -> Token | None:
    """The reporting verb of a quotation: one that governs it, else the nearest outside it."""
    for token in tokens:
        node = token
        while node.head.i != node.i:
            node = node.head
            if node.i not in inside and _is_reporting(node, lex):
                return node
    candidates = [t for t in region if t.i not in inside and (_is_reporting(t, lex) or _is_according(t))]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.i - tokens.start), abs(t.i - (tokens.end - 1))))


def find_speaker(
    cue: Token,
    doc: Doc,
    by_token: dict[int, Mention],
    mentions: Sequence[Mention],
    inside: set[int],
    previous: _Speaker | None,
    lex: ReportingLexicon,
) -> _Speaker | None:
    """The speaker of a cue, resolved to an entity where the text allows."""
    subject, rule = _cue_subject(cue)
    if subject is None:
        return None
    word = subject.lower_
    if word in lex.person_pronouns:
        entity = _last_person(doc, subject.i, mentions, inside)
        return _Speaker(entity, "pronoun-last-person", subject.i) if entity is not None else None
    if word in lex.other_pronouns:
        climbed = _governing_subject(cue, by_token)
        if climbed is not None:
            return _Speaker(climbed[0], "governing-clause-subject", climbed[1])
        if previous is not None:
            return _Speaker(previous.entity, "previous-speaker", previous.token)
        return None
    mention = by_token.get(subject.i) or _mention_in_phrase(subject, by_token)
    if mention is not None:
        return _Speaker(_pick_entity(mention), rule, mention.head_token)
    phrase = doc[subject.left_edge.i : subject.right_edge.i + 1]
    entity = Entity(entity_text=phrase.text, start=phrase.start_char, end=phrase.end_char, resolution="unresolved speaker")
    return _Speaker(entity, rule + "-unresolved", subject.i)


def _cue_subject(cue: Token) -> tuple[Token | None, str]:
    if _is_according(cue):
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        return pobj, "according-to"
    subject = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is not None:
        if subject.lower_ in english().pronouns.relative and cue.dep_ == "relcl":
            return cue.head, "relative-clause-head"
        return subject, "cue-subject"
    to = next((c for c in cue.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None and to.i > 0 and cue.doc[to.i - 1].pos_ in ("NOUN", "PROPN"):
        return cue.doc[to.i - 1], "infinitive-controller"  # "leading Antony Blinken to warn"
    if cue.dep_ in ("xcomp", "advcl", "conj", "ccomp"):
        governor = cue.head
        objects = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
        if cue.dep_ == "xcomp" and objects:
            return objects[0], "cue-object-control"  # "leading Blinken to warn"
        subject = next((c for c in governor.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject, "governing-subject"
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return pobj, "passive-agent"
    return None, ""


def _governing_subject(cue: Token, by_token: dict[int, Mention]) -> tuple[Entity, int] | None:
    """Climb from the cue to the first governing clause whose subject is a mention."""
    node = cue
    while node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            mention = by_token.get(subject.i) or _mention_in_phrase(subject, by_token)
            if mention is not None:
                return _pick_entity(mention), mention.head_token
    return None


def _last_person(doc: Doc, before: int, mentions: Sequence[Mention], inside: set[int]) -> Entity | None:
    """The entity of the last person mention before token ``before``, outside quotations."""
    best: Mention | None = None
    for mention in mentions:
        if mention.end_token <= before and mention.head_token not in inside and _is_person(mention):
            if best is None or mention.start_token > best.start_token:
                best = mention
    return None if best is None else _pick_entity(best)


def _mention_in_phrase(subject: Token, by_token: dict[int, Mention]) -> Mention | None:
    """A mention inside the subject's phrase, people first, nearest the head."""
    found = {id(m): m for t in subject.subtree if (m := by_token.get(t.i)) is not None}
    if not found:
        return None
    return min(found.values(), key=lambda m: (not _is_person(m), abs(m.head_token - subject.i)))


def _pick_entity(mention: Mention) -> Entity:
    people = [e for e in mention.entities if e.kind == "person"]
    return (people or list(mention.entities))[0]


def _is_person(mention: Mention) -> bool:
    return any(e.kind == "person" for e in mention.entities)


def _is_reporting(token: Token, lex: ReportingLexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lex.verbs


def _is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def _quoted_tokens(doc: Doc, spans: list[QuoteSpan]) -> set[int]:
    """Token indices inside any quotation, marks included."""
    out: set[int] = set()
    for span in spans:
        tokens = doc.char_span(span.open, span.close, alignment_mode="expand")
        if tokens is not None:
            out.update(range(tokens.start, tokens.end))
    return out


def _stands_alone(tokens: Span, region: Span, inside: set[int]) -> bool:
    """Whether the quotation's sentences hold nothing but the quotation."""
    return all(t.i in inside or t.is_punct or t.is_space for t in region)


def _sentence_index(sentences: list[Span], token: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sentences[mid].start <= token:
            lo = mid
        else:
            hi = mid - 1
    return lo
