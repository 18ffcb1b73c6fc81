"""Where an event happened: pick one place for a trigger in a parsed article.

Not every place the article mentions is where the event happened. Candidate
place spans (spaCy GPE/LOC/FAC entities, plus capitalised names the NER missed
that the gazetteer knows) are ranked in tiers, best first:

``clause``    inside the trigger's own clause (a locative phrase under the
              trigger or its object: "attacked defences near the city of X").
``governing`` a locative phrase on a verb that governs the trigger, which is
              where a fronted setting hangs ("In the Luhansk region, the army
              tried to break through ...").
``sentence``  any other place in the trigger's sentence, nearest first.
``dateline``  the article's dateline ("KYIV, Ukraine —").
``lead``      the lead sentence's place, for events in later sentences.

A name used as an actor is not a place: a span covered by a country or
government ``Mention`` ("Moscow suspended ...") and a subject or possessive
("Moscow's claim") are skipped, unless a locative preposition governs them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from dyad.lang import english
from dyad.nlp.doc_text import doc_text
from dyad.records import Mention, Place
from dyad.where.gazetteer import GazetteerEntry
from dyad.where.geocoder import Geocoder
from dyad.where.picker import Candidate, PickerModel, Scores, load_picker, score_candidates
from dyad.where.rules import PlaceRules, load_place_rules
from dyad.where.spans import PlaceSpan, find_place_spans, read_feature

ACTOR_DEPS = frozenset({"nsubj", "poss"})
ACTOR_KINDS = frozenset({"country", "government"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})  # "shelled Gaza", "Nablus was attacked"
CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "csubj"})
TIERS = ("clause", "governing", "sentence", "dateline", "lead")
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Z][A-Za-z .]+)?\s*(?:\([^)]*\)\s*)?[—–-]{1,2}\s")


def _span_head(doc: Doc, span: PlaceSpan) -> Token:
    return doc[span.start : span.end].root


def _climb(head: Token) -> Token:
    """From a place up to the phrase it names: through conjuncts, "X's", "the city of X"."""
    tok = head
    for _ in range(4):
        if tok.dep_ in ("conj", "appos", "poss") or (tok.dep_ in ("compound", "nmod", "amod") and _is_site(tok.head)):
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "ADJ"):
            tok = tok.head.head  # "the city of X", "the outskirts of X", "much of X"
        else:
            break
    return tok


def _is_site(tok: Token) -> bool:
    """A noun for a site a place name can modify ("her Jaffna home"), unlike "U.S. soldiers"."""
    words = english().places
    return tok.pos_ == "PROPN" or tok.lower_ in words.place_nouns or tok.lemma_.lower() in words.site_nouns


def _governing_prep(head: Token) -> Token | None:
    """The locative preposition a place hangs on, through "the city of" and conjuncts."""
    tok = _climb(head)
    words = english().places
    if tok.lower_ in words.direction_words and tok.dep_ != "pobj":
        return tok if _is_setting_direction(tok) else None  # "wounded north of Tikrit"
    if tok.dep_ != "pobj":
        return None
    prep = tok.head
    if prep.lower_ in words.locative_prepositions:
        return prep
    if prep.lower_ == "of" and prep.head.lower_ in words.direction_words and _is_setting_direction(prep.head):
        return prep.head
    return None


def _is_setting_direction(direction: Token) -> bool:
    """"north of X" on the event ("killed north of Tikrit"), not a reference point for another
    place ("Amara, south of Baghdad", "a town 40 km north of Kabul")."""
    if any(c.dep_ in ("npadvmod", "nummod", "advmod") and c.lower_ not in ("just", "far") for c in direction.children):
        return False  # "80 kilometers south of", "about 40 km north of"
    head = direction.head
    if head.pos_ == "PROPN" or head.lower_ in english().places.place_nouns or direction.dep_ in ("appos", "conj"):
        return False
    return not (head.dep_ == "appos" or any(t.pos_ == "PROPN" and t.dep_ == "appos" for t in (head,)))


def _is_direction_reference(head: Token) -> bool:
    """A place only named as the point a direction is measured from ("north of X")."""
    prep = _governing_prep(head)
    return prep is not None and prep.lower_ in english().places.direction_words


def _is_object(head: Token) -> bool:
    """The place is what was acted on: "shelled Gaza", "patrolled the streets of X"."""
    return _climb(head).dep_ in OBJECT_DEPS


def _is_actor(doc: Doc, span: PlaceSpan, head: Token, actor_tokens: set[int]) -> bool:
    if _governing_prep(head) is not None:
        return False
    if any(i in actor_tokens for i in range(span.start, span.end)):
        return True
    while head.dep_ == "conj" and head.head.i != head.i:  # "Russia and China have ..."
        head = head.head
    words = english().places
    if head.dep_ == "poss" and head.head.lemma_.lower() in words.site_nouns - words.abroad_sites:
        return False  # "Bishkek's central streets", "Grozny's Minutka square": a site in the place (not "Australia's embassy")
    return head.dep_ in ACTOR_DEPS


def _path_to(head: Token, target: Token) -> list[Token] | None:
    """Tokens from ``head`` up to ``target`` (exclusive), or None if not an ancestor."""
    path = []
    tok = head
    while tok.i != target.i:
        path.append(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return path


NAME_DEPS = frozenset({"compound", "amod", "nmod"})  # a name on its place noun: "Jobar district"


def _is_container(doc: Doc, head: Token, spans: Sequence[PlaceSpan], geocoder: Geocoder) -> bool:
    """A place that only holds the named one: "the West Bank city of X", "the X area of Damascus"."""
    noun = head.head
    dep = head.dep_
    words = english().places
    if dep in NAME_DEPS and noun.lower_ in words.place_nouns:
        # "Nineveh province", "the Kafr Souseh area of Damascus": the name of the place noun;
        # "the West Bank city of Nablus": a container of the place named after "of",
        # not "Silopi town of the province of Sirnak" (no name after "of").
        named = [g for c in noun.children if c.lower_ == "of" for g in c.children if g.pos_ == "PROPN"]
        if named and noun.lower_ in words.neighbourhood_nouns:  # the more populous name holds the other
            return _population(doc, head, spans, geocoder) > _population(doc, named[0], spans, geocoder)
        return bool(named) and noun.lower_ in words.settlement_nouns
    if dep == "pobj" and noun.lower_ == "of":
        kind = noun.head
        # The parser tags "Ghouta" of "the East Ghouta region" amod as often as compound.
        name = next((c for c in kind.children if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"), None)
        if name is None or kind.lower_ not in words.place_nouns or kind.lower_ in words.settlement_nouns:
            return False
        if kind.lower_ in words.neighbourhood_nouns:
            return _population(doc, head, spans, geocoder) > _population(doc, name, spans, geocoder)
        return True
    return dep in ("compound", "poss", "nmod", "amod") and noun.pos_ in ("NOUN", "PROPN")


def _population(doc: Doc, tok: Token, spans: Sequence[PlaceSpan], geocoder: Geocoder) -> int:
    """The gazetteer population of the place span holding ``tok`` (0: unknown or no place)."""
    span = next((s for s in spans if s.start <= tok.i < s.end), None)
    entry = None if span is None else _resolve_span(doc, span, geocoder)
    if entry is None and span is not None:  # "west Kabul" is not in the gazetteer, Kabul is
        names = [t for t in doc[span.start : span.end] if t.pos_ == "PROPN" and t.text[:1].isupper()]
        entry = geocoder.resolve(names[-1].text) if names else None
    return 0 if entry is None else entry.population


def _is_topic(head: Token, trigger: Token, rules: PlaceRules) -> bool:
    """The place is what a noun phrase is about ("the war in Ukraine", "tensions over Taiwan").

    Climbs from the place to the nearest verb; a topic noun on the way (other
    than the trigger itself: "an attack in Kabul" is in Kabul) makes the place
    a topic, not a setting.
    """
    tok = head
    for _ in range(8):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "acl":  # "sanctions imposed on X" goes on
            return False
        tok = tok.head
        if tok.i != trigger.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in rules.topic_nouns:
            return True
    return False


GRAIN = {"point": 0, "populated_place": 0, None: 1, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


def _resolve_span(doc: Doc, span: PlaceSpan, geocoder: Geocoder) -> GazetteerEntry | None:
    """The gazetteer's best entry for a span, without article context (kept on the Doc)."""
    cache = doc.user_data.setdefault("dyad.where.resolved", {})
    key = (span.start, span.end, span.feature)
    if key not in cache:
        cache[key] = geocoder.resolve(doc[span.start : span.end].text, feature=span.feature)
    return cache[key]


def _grain(doc: Doc, span: PlaceSpan, geocoder: Geocoder) -> int:
    """How coarse a place is: a town before a province before a country."""
    if span.feature == "populated_place":
        return 0
    entry = _resolve_span(doc, span, geocoder)
    return GRAIN[None if entry is None else entry.feature]


def _rank(doc: Doc, span: PlaceSpan, trigger: Token, speech: bool) -> tuple[int, int] | None:
    """(tier, distance) of a candidate in the trigger's sentence; None if it is no setting."""
    head = _span_head(doc, span)
    path = _path_to(head, trigger)
    prep = _governing_prep(head)
    if path is not None and not any(t.dep_ in CLAUSE_DEPS for t in path):
        if prep is not None or _is_object(head):
            # A place on the subject is often its origin ("a man from X"): farther.
            return 0, len(path) + (3 if any(t.dep_ == "nsubj" for t in path) else 0)
    if prep is None:
        # A place named only as a modifier or argument elsewhere ("U.S. soldiers",
        # "the border with Honduras") is no setting for this event.
        return None
    if prep.head.is_ancestor(trigger):
        return 1, abs(prep.i - trigger.i)
    if speech:
        return None  # a statement is not made where the things it speaks of happened
    return 2, abs(head.i - trigger.i)


def find_article_countries(doc: Doc, geocoder: Geocoder) -> tuple[str, ...]:
    """Alpha-3 codes of the countries the article is about, in order of first mention:
    the countries it names, its dateline's, and those of places it names that lie in
    one country only ("Washington", "Kharkiv"; not "Brussels", which Wisconsin shares)."""
    key = "dyad.where.countries"
    if key in doc.user_data:
        return doc.user_data[key]
    seen: dict[str, None] = {}
    dateline = _find_dateline(doc)
    names = [doc[dateline[0] : dateline[1]].text] if dateline else []
    names += [ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC", "NORP")]
    modifiers = english().places.leading_place_modifiers
    for name in names:
        words = name.split()
        while len(words) > 1 and words[0].lower() in modifiers:  # "northern Lebanon"
            words = words[1:]
        name = " ".join(words)
        code = geocoder.country_of(name) or _sole_country(name, geocoder) or _demonym_country(name)
        if code:
            seen.setdefault(code, None)
    doc.user_data[key] = tuple(seen)
    return tuple(seen)


def _demonym_country(word: str) -> str | None:
    """The country a nationality word names ("Lebanese", "Spaniards"; the actor knowledge base)."""
    from dyad.actors.kb import load_knowledge_base

    surface = load_knowledge_base().lookup(word)
    if surface is None or surface.kind != "adjective":
        return None
    code = getattr(surface.entry, "code", None)
    return code if isinstance(code, str) and len(code) == 3 else None


def _sole_country(name: str, geocoder: Geocoder) -> str | None:
    """The country of a place name whose own-name candidates all lie in that one country."""
    found = [e for e in geocoder.find_candidates(name)[1] if e.primary]
    codes = {e.country for e in found}
    return next(iter(codes)) if len(codes) == 1 else None


def _find_dateline(doc: Doc) -> tuple[int, int] | None:
    """Token span of a dateline place at the start of the article (kept on the Doc)."""
    key = "dyad.where.dateline"
    if key not in doc.user_data:
        m = _DATELINE.match(doc_text(doc)[:80])
        span = None if not m else doc.char_span(m.start("place"), m.end("place"), alignment_mode="contract")
        doc.user_data[key] = None if span is None or len(span) == 0 else (span.start, span.end)
    return doc.user_data[key]


def _lead_end(doc: Doc) -> int:
    """Token index where the first sentence ends (kept on the Doc: ``doc.sents`` is slow)."""
    key = "dyad.where.lead_end"
    if key not in doc.user_data:
        doc.user_data[key] = next(iter(doc.sents)).end if len(doc) else 0
    return doc.user_data[key]


def _actor_tokens(doc: Doc, mentions: Sequence[Mention]) -> set[int]:
    """Tokens of mentions that are actors, computed once per Doc (not once per event)."""
    key = "dyad.where.actor_tokens"
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] is mentions:
        return cached[1]
    out: set[int] = set()
    for m in mentions:
        if any(e.kind in ACTOR_KINDS or e.sector == "GOV" for e in m.entities):
            out.update(range(m.start_token, m.end_token))
    doc.user_data[key] = (mentions, out)
    return out


def _spans_near(doc: Doc, spans: Sequence[PlaceSpan], start: int, end: int) -> Sequence[PlaceSpan]:
    """The spans that overlap tokens ``start:end``, found by bisection over the
    spans sorted once per Doc: an event looks at its sentence, not the article."""
    key = "dyad.where.spans_by_start"
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not spans:
        ordered = sorted(range(len(spans)), key=lambda i: spans[i].start)
        cached = doc.user_data[key] = (spans, ordered, [spans[i].start for i in ordered], max((s.end - s.start for s in spans), default=0))
    _, ordered, starts, longest = cached
    lo = bisect.bisect_left(starts, start - longest)
    hi = bisect.bisect_left(starts, end)
    return [spans[i] for i in sorted(ordered[lo:hi]) if spans[i].end > start]  # in the Doc's order, as before


def locate_event(
    doc: Doc,
    trigger_head: int,
    mentions: Sequence[Mention],
    geocoder: Geocoder,
    article_countries: Sequence[str] = (),
    picker: PickerModel | None | bool = True,
) -> Place | None:
    """The place where the event at ``trigger_head`` happened, or None.

    ``article_countries`` (alpha-3) steer disambiguation; when empty, the
    countries the Doc names are used. ``picker``: the learned picker chooses
    among the sentence's place spans (True: the shipped model; False/None: the
    rules alone). Its scores are kept on the Doc for ``dyad explain``.
    """
    trigger = doc[trigger_head]
    rules = load_place_rules()
    speech = trigger.lemma_.lower() in rules.speech_verbs
    countries = tuple(dict.fromkeys((*article_countries, *find_article_countries(doc, geocoder))))
    actors = _actor_tokens(doc, mentions)
    sent = trigger.sent
    model = load_picker() if picker is True else picker or None
    cands, choice = sentence_candidates(doc, trigger, actors, geocoder, speech, rules, with_all=model is not None)
    if model is not None and cands:
        scores = score_candidates(doc, trigger, cands, speech, model)
        doc.user_data.setdefault(PICKER_KEY, {})[trigger.i] = scores
        best = scores.best(model.threshold)  # a name used as an actor (or acted with) is never the place
        if best is not None:
            c = best.candidate
            return _make_place(doc, c.span, "picker" if c.tier is None else TIERS[c.tier], geocoder, countries)
    elif choice is not None:
        return _make_place(doc, choice.span, TIERS[choice.tier or 0], geocoder, countries)
    place = _find_fallback(doc, sent, actors, geocoder, countries)
    if place is None or not _fits_fallback(doc, trigger, speech, place, mentions, geocoder, rules):
        return None
    return place


PICKER_KEY = "dyad.where.picker"  # Doc.user_data: trigger index -> the picker's scored candidates


def picker_scores(doc: Doc, trigger_head: int) -> Scores | None:
    """The picker's scored candidates and "none" for the event at ``trigger_head`` (after ``locate_event``)."""
    return doc.user_data.get(PICKER_KEY, {}).get(trigger_head)


def sentence_candidates(
    doc: Doc,
    trigger: Token,
    actors: set[int],
    geocoder: Geocoder,
    speech: bool,
    rules: PlaceRules,
    with_all: bool = True,
) -> tuple[tuple[Candidate, ...], Candidate | None]:
    """The place spans of the trigger's sentence with the rules' findings, and the rules' choice.

    ``with_all=False`` keeps only the spans the rules rank (what the rules alone need).
    """
    sent = trigger.sent
    # Only the spans near the sentence, found by bisection: an event looks at its sentence, not the article.
    spans = _spans_near(doc, find_place_spans(doc, geocoder), sent.start, sent.end)
    dateline = _find_dateline(doc)
    found: list[tuple[PlaceSpan, Token, Token, Token | None, bool, bool, tuple[int, int] | None, bool, int]] = []
    ranked: list[Ranked] = []
    for span in spans:
        if span.start < sent.start or span.end > sent.end:
            continue
        head = _span_head(doc, span)
        actor = _is_actor(doc, span, head, actors)
        topic = not actor and _is_topic(head, trigger, rules)
        rank = None if actor or topic else _rank(doc, span, trigger, speech)
        if rank is None and not with_all:
            continue
        flag = _is_container(doc, head, spans, geocoder) or _is_direction_reference(head)
        grain = _grain(doc, span, geocoder)
        if rank is not None:
            # Within a tier: the most specific place, then the nearest.
            ranked.append(((rank[0], int(flag), grain, rank[1], span.start), span, head))
        found.append((span, head, _climb(head), _governing_prep(head), actor, topic, rank, flag, grain))
    chosen = _prefer_specific(min(ranked, key=lambda r: r[0]), ranked)[1] if ranked else None
    cands = []
    entries = [_resolve_span(doc, f[0], geocoder) for f in found]
    for (span, head, climbed, prep, actor, topic, rank, flag, grain), entry in zip(found, entries, strict=True):
        cands.append(Candidate(
            span=span, head=head, climbed=climbed, prep=None if prep is None else prep.lower_,
            tier=None if rank is None else rank[0], actor=actor, topic=topic, container=flag, grain=grain,
            gazetteer=None if entry is None else entry.feature,
            site_modifier=head.dep_ in NAME_DEPS | {"poss"} and _is_site(head.head),
            dateline=dateline is not None and span.start < dateline[1] and dateline[0] < span.end,
            has_container=with_all and _container(doc, span, geocoder) is not None,
            is_container=with_all and _content(doc, span, geocoder) is not None,
            rule_choice=chosen is not None and span == chosen,
            tier_name="none" if rank is None else TIERS[rank[0]],
            holds_other=with_all and any(_holds(entry, other) for other in entries),
        ))
    choice = next((c for c in cands if c.rule_choice), None)
    return tuple(cands), choice


def _holds(outer: GazetteerEntry | None, inner: GazetteerEntry | None) -> bool:
    """Whether one resolved place contains another the sentence names (a province or country and a town in it)."""
    if outer is None or inner is None or outer.geonameid == inner.geonameid or outer.country != inner.country:
        return False
    if outer.feature == "country":
        return inner.feature != "country"
    return outer.feature == "admin1" and inner.feature in ("admin2", "populated_place", "point") and outer.province == inner.province


Ranked = tuple[tuple[int, ...], PlaceSpan, Token]  # (sort key, span, span head) of a candidate


def _prefer_specific(best: Ranked, ranked: Sequence[Ranked]) -> Ranked:
    """Swap the best place for one in its tier that it only describes the setting of.

    "Hawija, a town near Kirkuk", "the Jobar district on greater Damascus", "Ramadi, the
    capital of Anbar province": the container hangs on the specific place's phrase, while
    the gazetteer often does not know the specific place and ranks it as coarser. A place
    flagged as container or distance reference, or a building, is never the swap.
    """
    if len(ranked) < 2:
        return best  # nothing to swap to (most calls)
    tier = best[0][0]
    buildings = english().places.building_nouns  # "at Highland Hospital in Oakland" is in Oakland
    rivals = [r for r in ranked if r[0][0] == tier and not r[0][1] and r[2].lemma_.lower() not in buildings]
    for _ in range(3):  # "Bayaa, a neighbourhood in western Baghdad, Iraq" takes two swaps
        head = best[2]
        swap = None
        for rival in rivals:
            other = rival[2]
            if other.i == head.i:
                continue
            if _hangs_on(head, _own_phrase(other)) and not _hangs_on(other, _own_phrase(head)):
                swap = rival
                break
        if swap is None:
            return best
        best = swap
    return best


NP_DEPS = frozenset({"pobj", "prep", "appos", "compound", "nmod", "amod", "poss", "npadvmod"})


def _own_phrase(head: Token) -> set[int]:
    """Token indices naming a place: "Jobar" + "district", "the city of" + "Odesa"."""
    own = {head.i}
    if head.dep_ in NAME_DEPS and _is_site(head.head):
        own.add(head.head.i)
    elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _of_names_itself():
        own.update((head.head.i, head.head.head.i))
    return own


def _of_names_itself() -> frozenset[str]:
    """Place nouns whose "of" names the place itself ("the city of X", "the neighbourhood of Y")."""
    words = english().places
    return words.settlement_nouns | words.neighbourhood_nouns


def _hangs_on(head: Token, phrase: set[int]) -> bool:
    """Whether a place is attached, inside one noun phrase, to another place's phrase."""
    tok = head
    for _ in range(7):
        if tok.dep_ not in NP_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in phrase:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def _find_fallback(
    doc: Doc, sent: Span, actors: set[int], geocoder: Geocoder, countries: Sequence[str]
) -> Place | None:
    """The dateline's place, else the lead sentence's, for an event in a later sentence."""
    key = ("dyad.where.fallback", frozenset(actors), tuple(countries))
    user_data: dict[Any, Any] = doc.user_data  # typed dict[str, Any], but any hashable key works
    if key not in user_data:  # the same for every event of the article
        user_data[key] = _find_fallback_places(doc, actors, geocoder, countries)
    dateline, lead = user_data[key]
    if dateline is not None and dateline[0] < sent.start:
        return dateline[1]
    if lead is not None and sent.start >= _lead_end(doc):
        return lead
    return None


def _find_fallback_places(
    doc: Doc, actors: set[int], geocoder: Geocoder, countries: Sequence[str]
) -> tuple[tuple[int, Place] | None, Place | None]:
    """The resolved dateline place (with its first token) and the lead sentence's place."""
    dateline = None
    found = _find_dateline(doc)
    if found is not None:
        place = _make_place(doc, PlaceSpan(found[0], found[1], None, "dateline"), "dateline", geocoder, countries)
        dateline = (found[0], place) if place.resolution is not None else None
    lead_end = _lead_end(doc)
    for span in find_place_spans(doc, geocoder):
        if span.end <= lead_end and not _is_actor(doc, span, _span_head(doc, span), actors):
            return dateline, _make_place(doc, span, "lead", geocoder, countries)
    return dateline, None


def _fits_fallback(
    doc: Doc,
    trigger: Token,
    speech: bool,
    place: Place,
    mentions: Sequence[Mention],
    geocoder: Geocoder,
    rules: PlaceRules,
) -> bool:
    """Whether the article's dateline or lead place may stand for this event's place.

    The fallback only guesses, so it yields to what the event's own sentence says:
    - a sentence that names places of other countries only (as setting or as
      actor: "Ukraine's presidential office said ...") has moved away from the
      lead's country, so the lead place is not carried into it;
    - a statement is made at home: a speech event whose speakers (the actor
      mentions before the trigger) are all of another country than the place's
      is not placed there ("Blinken warned ..." under a Moscow lead).
    """
    home = place.country_code
    if home is None:
        return True
    sent = trigger.sent
    named = set()
    for span in find_place_spans(doc, geocoder):
        if sent.start <= span.start and span.end <= sent.end and not _is_topic(_span_head(doc, span), trigger, rules):
            entry = _resolve_span(doc, span, geocoder)
            if entry is not None and entry.country:
                named.add(entry.country)
    if named and home not in named:
        return False
    if speech:
        speakers = {
            e.code
            for m in mentions
            if sent.start <= m.start_token and m.end_token <= trigger.i
            for e in m.entities
            if e.code and len(e.code) == 3 and e.code.isalpha() and e.code.isupper()
        }
        if speakers and home not in speakers:
            return False
    return True


def _container(doc: Doc, span: PlaceSpan, geocoder: Geocoder) -> str | None:
    """The place after "X, " that holds X: "Paris, Texas", "Charlevoix, Quebec"."""
    after = span.end
    if after + 1 >= len(doc) or doc[after].text != "," or _in_list(doc, span.start - 1):
        return None
    nxt = next((s for s in find_place_spans(doc, geocoder) if s.start == after + 1), None)
    if nxt is None or _in_list(doc, nxt.end):
        return None
    return doc[nxt.start : nxt.end].text


def _in_list(doc: Doc, i: int) -> bool:
    """Token ``i`` goes on a list ("Washington, New York and San Francisco"), not a container."""
    return 0 <= i < len(doc) and doc[i].lower_ in ("and", "or", ",") and not (
        doc[i].text == "," and (i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper()))


def _content(doc: Doc, span: PlaceSpan, geocoder: Geocoder) -> str | None:
    """The place before ", Y" that Y holds: "Tbilisi" of "Tbilisi, Georgia"."""
    before = span.start - 1
    if before < 1 or doc[before].text != "," or _in_list(doc, span.end):
        return None
    prev = next((s for s in find_place_spans(doc, geocoder) if s.end == before), None)
    if prev is None or _in_list(doc, prev.start - 1):
        return None
    return doc[prev.start : prev.end].text


def _sibling_feature(doc: Doc, span: PlaceSpan, geocoder: Geocoder) -> str | None:
    """The feature of the places listed with this one: "Alabama and Georgia", "Michigan,
    Minnesota and New York" are states; "Kyiv and Kharkiv" are towns."""
    head = _span_head(doc, span)
    linked = {t.i for t in head.conjuncts}
    if not linked:
        return None
    features = set()
    for other in find_place_spans(doc, geocoder):
        if _span_head(doc, other).i in linked:
            entry = _resolve_span(doc, other, geocoder)
            if entry is not None:
                features.add(entry.feature)
    return "admin1" if features == {"admin1"} else None


def _make_place(
    doc: Doc, span: PlaceSpan, rule: str, geocoder: Geocoder, countries: Sequence[str]
) -> Place:
    text: Span = doc[span.start : span.end]
    container, content = _container(doc, span, geocoder), _content(doc, span, geocoder)
    sibling = None if container or content or span.feature else _sibling_feature(doc, span, geocoder)
    return geocoder.geocode(
        text.text,
        article_countries=countries,
        feature=span.feature or sibling,
        container=container,
        content=content,
        start=text.start_char,
        end=text.end_char,
        rule=rule,
    )


def geocode_mention(
    doc: Doc, start_char: int, end_char: int, geocoder: Geocoder, countries: Sequence[str] = ()
) -> Place:
    """Geocode the place named at ``doc.text[start_char:end_char]`` as an event's place is:
    the candidate span there (with its feature words and "X, Y" container) and the
    article's countries. Used by the geocoding evaluation."""
    countries = tuple(dict.fromkeys((*countries, *find_article_countries(doc, geocoder))))
    span = next((s for s in find_place_spans(doc, geocoder)
                 if doc[s.start].idx <= start_char < doc[s.end - 1].idx + len(doc[s.end - 1])), None)
    if span is None:
        chars = doc.char_span(start_char, end_char, alignment_mode="expand")
        if chars is None:
            return Place(extracted_place=doc_text(doc)[start_char:end_char], rule="mention")
        span = PlaceSpan(chars.start, chars.end, read_feature(doc, chars.start, chars.end), "mention")
    return _make_place(doc, span, "mention", geocoder, countries)
