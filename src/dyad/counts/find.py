"""Find casualty, arrest and crowd counts in a parsed sentence.

A count is a number expression ("at least seven", "1,200", "dozens", "tens of
thousands") plus what makes it a count: the verb whose object or passive
subject it is ("killing 23 people", "seven civilians were killed"), an
intransitive verb whose subject it is ("three soldiers died", "thousands
marched"), a count word ("left five dead", "12 deaths", "a crowd of 5,000") or
a toll ("a death toll of 12"). Vague quantities follow ``data/lexicon.yaml``:
a plural round number is twice its unit, qualifier "about".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token
from text_to_num import text2num

from dyad.counts.lexicon import CountLexicon, load_lexicon
from dyad.lang import english
from dyad.records import Count

_NOT_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class AnchoredCount:
    """A count and the token that makes it one (the verb, count word or toll)."""

    count: Count
    anchor: int
    number_start: int  # token span of the number expression
    number_end: int


@dataclass(frozen=True, slots=True)
class _Number:
    start: int  # first token of the number (after any qualifier)
    end: int
    value: int
    qualifier: str
    text_start: int  # first token including the qualifier


def find_counts(span: Span) -> tuple[Count, ...]:
    """All counts in ``span`` (usually a sentence), left to right."""
    return tuple(a.count for a in find_anchored_counts(span))


def find_anchored_counts(span: Span, lexicon: CountLexicon | None = None) -> list[AnchoredCount]:
    """Counts in ``span`` with the token each hangs on, for attaching to events."""
    lex = lexicon or load_lexicon()
    out: list[AnchoredCount] = []
    for number in find_numbers(span, lex):
        found = classify_number(span, number, lex)
        if found is not None:
            out.append(found)
    return out


def find_numbers(span: Span, lex: CountLexicon) -> list[_Number]:
    """Number expressions in ``span`` with their qualifiers; dates, money, ages skipped."""
    doc = span.doc
    scales = english().counts.scales  # "1.2 million"
    numbers: list[_Number] = []
    i = span.start
    while i < span.end:
        tok = doc[i]
        if tok.ent_type_ in _NOT_COUNT_ENTS or tok.is_punct:
            i += 1
            continue
        vague = _match_vague(span, i, lex)
        if vague is not None:
            end, value = vague
            numbers.append(_qualify(span, i, end, value, "about", lex))
            i = end
            continue
        if tok.like_num and tok.pos_ in ("NUM", "NOUN", "PROPN", "ADJ"):
            end = i + 1
            while end < span.end and (doc[end].like_num or doc[end].lower_ in scales or doc[end].text == "-"):
                end += 1
            while doc[end - 1].text == "-":
                end -= 1
            value = parse_number(doc[i:end].text)
            negated = i > span.start and doc[i - 1].lower_ in english().counts.negating_words  # "no one is dead"
            if value is not None and not negated and not _is_year_or_age(doc[i:end]):
                numbers.append(_qualify(span, i, end, value, "exact", lex))
            i = end
            continue
        i += 1
    return numbers


def parse_number(text: str) -> int | None:
    """ "1,200" → 1200, "1.5 million" → 1500000, "twenty-three" → 23; else ``None``."""
    words = text.lower().replace(" - ", "-").split()
    scale = 1
    scales = english().counts.scales  # "1.2 million"
    if len(words) > 1 and words[-1] in scales:
        scale, words = scales[words[-1]], words[:-1]
    joined = " ".join(words)
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", joined):
        return int(joined.replace(",", "")) * scale
    if re.fullmatch(r"\d+\.\d+", joined):
        return int(float(joined) * scale)
    try:
        return int(text2num(joined, "en")) * scale
    except ValueError:
        return None


def _match_vague(span: Span, i: int, lex: CountLexicon) -> tuple[int, int] | None:
    """``(end, value)`` of a vague quantity starting at token ``i`` ("tens of thousands")."""
    doc = span.doc
    if doc[i].lower_ not in lex.vague_first_words:
        return None
    for length in (3, 2, 1):
        if i + length > span.end:
            continue
        words = " ".join(t.lower_ for t in doc[i : i + length])
        if words in lex.vague:
            return i + length, lex.vague[words]
    return None


def _is_year_or_age(number: Span) -> bool:
    text = number.text
    nxt = number.doc[number.end] if number.end < len(number.doc) else None
    if nxt is not None and nxt.text in ("-", "year", "years") and "old" in number.doc[number.end : number.end + 4].text:
        return True
    return bool(re.fullmatch(r"(19|20)\d\d", text))


def _qualify(span: Span, start: int, end: int, value: int, default: str, lex: CountLexicon) -> _Number:
    doc = span.doc
    for words, qualifier in lex.qualifiers:
        q_start = start - len(words)
        if q_start >= span.start and tuple(t.lower_ for t in doc[q_start:start]) == words:
            return _Number(start, end, value, qualifier, q_start)
    return _Number(start, end, value, default, start)


def classify_number(span: Span, number: _Number, lex: CountLexicon) -> AnchoredCount | None:
    """Decide whether a number counts people dead, injured, arrested or in a crowd."""
    doc = span.doc
    last = doc[number.end - 1]
    group = _group_noun(last, span)
    if group is not None and (group.lemma_.lower() in lex.not_people or group.ent_type_ in _NOT_COUNT_ENTS):
        return None
    nominal = group if group is not None else last
    kind_anchor = _kind_from_syntax(nominal, lex) or _kind_from_words(span, number, nominal, lex)
    if kind_anchor is None:
        return None
    kind, anchor = kind_anchor
    sector = _sector(group, lex) if group is not None else None
    end_tok = max(number.end, group.i + 1) if group is not None else number.end
    if group is not None and group.lower_ in lex.words and sector is None:
        group = None  # "12 deaths": the noun is the count word, not the people
    start_char, end_char = doc[number.text_start].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1])
    text = doc[number.text_start : end_tok].text  # not Doc.text: that rebuilds the whole article
    count = Count(kind, number.value, number.qualifier, sector, text, start_char, end_char)
    return AnchoredCount(count, anchor, number.start, number.end)


def _group_noun(last: Token, span: Span) -> Token | None:
    """The noun the number counts: "seven civilians", "dozens of people"."""
    for child in last.children:  # "dozens of people", "thousands of protesters"
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and pobj[0].pos_ in ("NOUN", "PROPN"):
                return pobj[0]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > last.i and span.start <= head.i < span.end:
        if head.pos_ in ("NOUN", "PROPN") or head.lower_ in ("dead", "injured", "wounded"):
            return head
    return None


def _verb_kind(verb: Token, table: dict[str, str]) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in table:
        return table[lemma]
    doc = verb.doc
    following = [doc[verb.i + 1]] if verb.i + 1 < len(doc) else []
    for word in [*verb.children, *following]:  # "shot dead", "rounded up"
        phrase = f"{lemma} {word.lower_}"
        if phrase in table:
            return table[phrase]
    return None


def _kind_from_syntax(nominal: Token, lex: CountLexicon) -> tuple[str, int] | None:
    """Kind from the dependency arc of the counted noun (or of the bare number)."""
    found = _kind_from_verb(nominal, lex)
    if found is not None:
        return found
    if nominal.lower_ in lex.words and nominal.pos_ in ("ADJ", "NOUN", "VERB"):
        # "five dead", "12 deaths": the kind is the word itself, the anchor its verb
        anchor = nominal.head if nominal.dep_ in ("oprd", "acomp", "dobj", "attr", "xcomp", "ccomp") else nominal
        return lex.words[nominal.lower_], anchor.i
    for child in nominal.children:  # "the 12 dead", "40 people killed"
        if child.dep_ in ("acl", "amod") and child.i > nominal.i:
            kind = _verb_kind(child, lex.transitive) or lex.words.get(child.lower_)
            if kind is not None:
                return kind, child.i
    return None


def _kind_from_verb(nominal: Token, lex: CountLexicon) -> tuple[str, int] | None:
    """Kind from the verb whose object, passive subject or subject the counted noun is."""
    verb, dep = nominal.head, nominal.dep_
    if dep == "conj":  # "killing 23 people and wounding 40": inherit the coordinated verb's role
        verb, dep = nominal.head.head, nominal.head.dep_
    passive = dep == "nsubjpass" or (dep == "nsubj" and (verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)))
    if dep in ("dobj", "pobj") or passive:
        if dep == "pobj" and verb.dep_ == "agent":
            return None  # "killed by 20 gunmen": the counted are not the victims
        kind = _verb_kind(verb, lex.transitive)
        if kind is not None:
            return kind, verb.i
    if dep == "nsubj":
        kind = _verb_kind(verb, lex.intransitive)
        if kind is not None:
            return kind, verb.i
        if verb.lemma_ == "take" and any(t.lower_ == "streets" for t in verb.subtree):
            return "crowd", verb.i  # "thousands took to the streets"
        if verb.lemma_ == "be":  # "five people are dead"
            for child in verb.children:
                if child.dep_ in ("acomp", "attr") and child.lower_ in lex.words:
                    return lex.words[child.lower_], verb.i
    return None


def _kind_from_words(span: Span, number: _Number, nominal: Token, lex: CountLexicon) -> tuple[str, int] | None:
    """Surface fallbacks when the parse gives no usable arc."""
    doc = span.doc
    window = doc[max(span.start, number.text_start - 6) : number.text_start]
    if any(t.lemma_.lower() in lex.toll_words for t in window) and not any(t.like_num for t in window):
        toll = next(t for t in reversed(window) if t.lemma_.lower() in lex.toll_words)
        return "dead", toll.i  # "a death toll of 12", "the toll rose to 30"
    before = doc[number.text_start - 2 : number.text_start]
    if len(before) == 2 and before[0].lower_ == "crowd" and before[1].lower_ == "of":
        return "crowd", before[0].i  # "a crowd of 5,000"
    # "23 killed", "40 people were arrested" when the parser missed the arc
    j = nominal.i + 1
    between = english().counts.between_words  # "were reportedly arrested"
    while j < span.end and doc[j].lemma_.lower() in between:
        j += 1
    if j < span.end:
        after = doc[j]
        kind = None
        has_object = any(c.dep_ == "dobj" for c in after.children)  # "12 gunmen killed the guard"
        if after.tag_ in ("VBN", "VBD") and not has_object:
            kind = _verb_kind(after, lex.transitive) or _verb_kind(after, lex.intransitive)
        if not has_object and after.pos_ in ("ADJ", "VERB"):
            kind = kind or lex.words.get(after.lower_)
        if kind is not None:
            return kind, after.i
    prev = doc[number.text_start - 1] if number.text_start > span.start else None
    if prev is not None and prev.tag_ in ("VBG", "VBD", "VBN"):  # "killing at least 23"
        kind = _verb_kind(prev, lex.transitive)
        if kind is not None:
            return kind, prev.i
    return None


def _sector(group: Token, lex: CountLexicon) -> str | None:
    lemma = group.lemma_.lower()
    for child in group.children:  # "police officers", "aid workers"
        if child.dep_ == "compound":
            phrase = f"{child.lower_} {lemma}"
            if phrase in lex.groups:
                return lex.groups[phrase]
    return lex.groups.get(lemma) or lex.groups.get(group.lower_)
