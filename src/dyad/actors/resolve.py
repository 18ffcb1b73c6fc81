"""Resolve every actor mention in a parsed article to entities.

Steps, each small and separately testable:

1. ``KbMatcher.find_hits``: KB names, surnames, unknown people, "the two nations".
2. ``_attach``: fold each hit into the noun phrase it modifies, through the
   dependency tree (adjective, compound, possessive, apposition, "of"):
   "the lower house of Russia's parliament" is one cluster headed by "house".
3. ``_is_place``: drop clusters that are places, not actors ("talks in Moscow").
4. ``build_entity`` (entity.py): person roles by date, country, sector.
5. ``coref``: "Mr Wang", "he", "the two nations".
6. Conjoined clusters become one Mention with several entities ("the US and Nato").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyad.actors.anaphora import (
    definite_mentions,
    definite_rule,
    find_words,
    pronoun_mentions,
    resolve_country_fallback,
    resolve_definite,
    resolve_title,
)
from dyad.actors.context import fill_country, find_article_country
from dyad.actors.coref import DocMemory, resolve_pair, resolve_pronoun
from dyad.actors.entity import Cluster, build_entity
from dyad.actors.entries import Bloc
from dyad.actors.kb import KnowledgeBase, load_knowledge_base
from dyad.actors.patterns import Hit, KbMatcher, is_honorific
from dyad.actors.places import PlaceCheck
from dyad.lang import english
from dyad.nlp.dateline import dateline_end
from dyad.records import Entity, Mention

if TYPE_CHECKING:
    from dyad.where.geocoder import Geocoder

# Dependencies along which a modifier folds into the phrase it modifies.
_FOLD_DEPS = frozenset(("compound", "amod", "poss", "nmod", "appos", "npadvmod", "nummod"))
_MAX_STEPS = 4
# For capitals: the only ways a city acts.
_ACTING_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "iobj", "dative", "poss", "agent", "attr", "appos"))
# How the names of a list hang together when the parser made one phrase of them.
_LIST_DEPS = frozenset(("conj", "appos", "compound", "amod", "nmod", "npadvmod"))
# Sectors of the state: "the military" with no country may take a recent subject's.
_STATE_SECTORS = frozenset(("GOV", "MIL", "COP", "LEG", "JUD", "SPY"))


@dataclass(slots=True)
class _Node:
    hit: Hit
    parent: int | None = None  # index of the hit it folds into
    children: list[int] = field(default_factory=list)


class ActorResolver:
    """Finds and resolves actor mentions; build once, call ``resolve`` per Doc."""

    def __init__(self, kb: KnowledgeBase | None = None, geocoder: Geocoder | None = None):
        self.kb = kb if kb is not None else load_knowledge_base()
        self._matchers: dict[int, KbMatcher] = {}
        # The pipeline's one geocoder, so user places (--places) count as places here too.
        self.places = PlaceCheck(self.kb, geocoder)

    def matcher_for(self, doc: Doc, nlp: Language | None = None) -> KbMatcher:
        """The matcher for this Doc's vocabulary, built on first use."""
        key = id(doc.vocab)
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = KbMatcher(self.kb, nlp=nlp, vocab=doc.vocab)
            self._matchers[key] = matcher
        return matcher

    def prepare(self, nlp: Language) -> None:
        """Build the matchers with the pipeline's tokenizer (optional, faster first call)."""
        self._matchers[id(nlp.vocab)] = KbMatcher(self.kb, nlp=nlp)

    def resolve(self, doc: Doc, article_date: dt.date) -> list[Mention]:
        """Every actor mention in ``doc``, in document order."""
        hits = self.matcher_for(doc).find_hits(doc)
        article_country = find_article_country(hits, article_date)
        # "KABUL (Pajhwok) : The OIC condemned …": the dateline tells where, never who
        cut = dateline_end(doc)
        hits = [h for h in hits if h.start >= cut]
        nodes = _attach(doc, hits)
        memory = DocMemory(self.kb)
        out: list[tuple[int, list[Entity], int, int]] = []  # (head, entities, start, end)
        tops = [i for i, n in enumerate(nodes) if n.parent is None]
        for i in tops:
            cluster = _cluster(doc, nodes, i)
            entity = self._resolve_cluster(doc, cluster, article_date, memory, article_country)
            if entity is None:
                continue
            entities = entity if isinstance(entity, list) else [entity]
            out.append((cluster.head, entities, cluster.start, cluster.end))
        if self.kb.alone:
            out = _share_agents(doc, _fold_conjuncts(doc, out))
        out += _pronoun_mentions(doc, memory, {h for h, *_ in out}, self.kb, article_date)
        covered = {t for _h, _e, s, e in out for t in range(s, e)}
        out += pronoun_mentions(doc, memory, covered)
        out += [m for m in definite_mentions(doc, memory, covered | {h for h, *_ in out}) if not _is_setting(doc[m[0]])]
        out.sort(key=lambda m: m[2])
        return _join_conjuncts(doc, out)

    def _resolve_cluster(
        self, doc: Doc, cluster: Cluster, day: dt.date, memory: DocMemory, article_country: str | None = None
    ) -> Entity | list[Entity] | None:
        top = cluster.top
        if top.kind == "pair":
            return resolve_pair(doc, cluster, memory) or None
        if self.kb.alone and (listed := _listed_countries(doc, cluster)):
            # PETRARCH codes each actor of a list ("Arnor, Calenardhon and the evil awful Gondor"),
            # however the parser folded the fictional names into one phrase.
            found = (self._resolve_cluster(doc, _alone(doc, h), day, memory, article_country) for h in listed)
            return [e for one in found if one is not None for e in (one if isinstance(one, list) else [one])]
        if top.kind in ("person", "surname", "unknown_person") and len(cluster.hits) == 1:
            pass  # people are never places
        elif len(cluster.hits) == 1 and not self.kb.alone and _is_place(doc, cluster):
            return None
        if top.kind == "unknown_person" and len(cluster.hits) == 1 and self.places.is_place(doc, cluster):
            return None
        entity = build_entity(doc, cluster, day, memory, self.kb)
        if entity is not None and entity.kind == "sector" and entity.code is None:
            entity = _resolve_definite_cluster(doc, cluster, entity, memory) or entity
        if entity is not None and entity.kind == "person" and entity.identifier_id is None and entity.code is None:
            entity = _with_organisation(doc, cluster, entity, memory)
        if entity is not None and entity.kind == "sector" and entity.code is None and len(cluster.hits) == 1:
            entity = resolve_title(doc, cluster.start, cluster.head, memory) or entity
        if entity is not None and entity.code is None and entity.kind in ("sector", "person"):
            entity = fill_country(doc, cluster, entity, memory, article_country)
        if entity is not None and entity.code is None and entity.kind == "sector" and entity.sector in _STATE_SECTORS:
            entity = resolve_country_fallback(doc, cluster.start, cluster.head, memory, entity.sector) or entity
        if entity is not None:
            memory.remember(entity, cluster.head, core=_is_core(doc[cluster.head]))
        if entity is not None and (members := _bloc_members(cluster, entity)):
            return [replace(entity, code=code, resolution=f"{entity.resolution}; member {code}") for code in members]
        return entity


def _resolve_definite_cluster(doc: Doc, cluster: Cluster, entity: Entity, memory: DocMemory) -> Entity | None:
    """"the government", "the militants", "the court": the actor named before."""
    rule = definite_rule(doc, cluster.start, cluster.head)
    if rule is None:
        return None
    return resolve_definite(doc, cluster.start, cluster.head, memory, rule)


def _with_organisation(doc: Doc, cluster: Cluster, person: Entity, memory: DocMemory) -> Entity:
    """An unknown person in apposition with an organisation or group takes its code:
    "Jane Roe, secretary general of Doctors Without Borders" → NGO; "the court's
    president, Judge Jane Roe" → the court named before."""
    org: Entity | None = None
    for hit in cluster.hits:
        entry = hit.surface.entry if hit.surface is not None else None
        if hit.kind in ("organisation", "group") and entry is not None:
            code = getattr(entry, "code", None) if hit.kind == "organisation" else getattr(entry, "country", None)
            org = Entity(entity_text=doc[hit.start : hit.end].text, entity_name=entry.name, code=code,  # type: ignore[union-attr]
                         sector=hit.sector, kind=hit.kind)
            break
        if hit.kind == "sector":
            rule = definite_rule(doc, hit.start - 1, hit.end - 1)
            found = None if rule is None else resolve_definite(doc, hit.start - 1, hit.end - 1, memory, rule)
            if found is not None and found.kind in ("organisation", "group"):
                org = found
                break
    if org is None or org.code is None:
        return person
    why = f"; {org.code} {org.sector or ''}: in apposition with {org.entity_name or org.entity_text}"
    return replace(person, code=org.code, sector=org.sector or person.sector, resolution=(person.resolution or "") + why)


def _attach(doc: Doc, hits: list[Hit]) -> list[_Node]:
    """Link each hit to the hit whose phrase it modifies, walking up the parse."""
    owner: dict[int, int] = {}
    for i, hit in enumerate(hits):
        for t in range(hit.start, hit.end):
            owner[t] = i
    nodes = [_Node(hit) for hit in hits]
    for i, hit in enumerate(hits):
        if hit.kind == "pair":
            continue
        token = _span_root(doc, hit)
        for _ in range(_MAX_STEPS):
            parent = _fold_parent(token) or _place_of(doc, token, hit, hits, owner) or _affiliate_of(token, hit, hits, owner)
            if parent is None:
                break
            j = owner.get(parent.i)
            if j is not None and j != i:
                if hits[j].kind != "pair" and not _creates_cycle(nodes, i, j):
                    nodes[i].parent = j
                    nodes[j].children.append(i)
                break
            token = parent
    return nodes


def _span_root(doc: Doc, hit: Hit) -> Token:
    """The span's root; for a name the parser split ("Doctors | Without Borders"),
    its first token that hangs outside it and folds somewhere."""
    span = doc[hit.start : hit.end]
    root = span.root
    if hit.kind in ("organisation", "group") and _fold_parent(root) is None:
        for token in span:
            if not (hit.start <= token.head.i < hit.end) and _fold_parent(token) is not None:
                return token
    return root


def _fold_parent(token: Token) -> Token | None:
    """The token this one modifies within its noun phrase, or None at the phrase top."""
    dep = token.dep_
    if dep in _FOLD_DEPS and token.head is not token:
        return token.head
    if dep == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PROPN"):
        return token.head.head
    return None


def _place_of(doc: Doc, token: Token, hit: Hit, hits: list[Hit], owner: dict[int, int]) -> Token | None:
    """"forces in Somalia", "soldiers from Chad": a country after a sector noun with no country of its own."""
    if hit.kind != "country" or token.dep_ != "pobj" or token.head.lower_ not in english().actors.home_prepositions:
        return None
    noun = token.head.head
    j = owner.get(noun.i)
    if j is None or hits[j].kind != "sector":
        return None
    for child in noun.children:
        k = owner.get(child.i)
        if child.dep_ in _FOLD_DEPS and k is not None and hits[k].kind in ("country", "adjective", "capital", "metonym", "bloc"):
            return None  # "US troops in Somalia" are American
    return noun


def _affiliate_of(token: Token, hit: Hit, hits: list[Hit], owner: dict[int, int]) -> Token | None:
    """"militants linked with the Baloch Liberation Army": the sector noun is the group's."""
    if hit.kind not in ("group", "organisation") or token.dep_ != "pobj" or token.head.lower_ not in ("with", "to"):
        return None
    link = token.head.head
    if link.lemma_.lower() not in english().actors.affiliation_words or link.dep_ not in ("acl", "amod", "relcl"):
        return None
    j = owner.get(link.head.i)
    return link.head if j is not None and hits[j].kind == "sector" else None


def _creates_cycle(nodes: list[_Node], child: int, parent: int) -> bool:
    seen: int | None = parent
    while seen is not None:
        if seen == child:
            return True
        seen = nodes[seen].parent
    return False


def _cluster(doc: Doc, nodes: list[_Node], top: int) -> Cluster:
    members: list[Hit] = []
    stack = [top]
    while stack:
        k = stack.pop()
        members.append(nodes[k].hit)
        stack.extend(nodes[k].children)
    members.sort(key=lambda h: h.start)
    top_hit = nodes[top].hit
    head = doc[top_hit.start : top_hit.end].root
    start = min(h.start for h in members)
    end = max(h.end for h in members)
    # Take in a leading determiner or honorific: "the Russian army", "Mr Wang".
    while start > 0 and (doc[start - 1].dep_ in ("det", "predet") or is_honorific(doc[start - 1])):
        if doc[start - 1].head.i < start - 1 or doc[start - 1].head.i >= end:
            break
        start -= 1
    return Cluster(top=top_hit, hits=tuple(members), head=head.i, start=start, end=end)


def _listed_countries(doc: Doc, cluster: Cluster) -> tuple[Hit, ...]:
    """The hits of a phrase that only lists countries of different codes, each joined to
    the phrase by a list, apposition or modifier (not "of"); () for any other phrase."""
    hits = cluster.hits
    if len(hits) < 2 or any(h.kind not in ("country", "bloc") or h.surface is None for h in hits):
        return ()
    if len({getattr(h.surface.entry, "code", None) for h in hits if h.surface is not None}) < 2:
        return ()
    joined = all(doc[h.start : h.end].root.dep_ in _LIST_DEPS for h in hits if h is not cluster.top)
    return hits if joined else ()


def _bloc_members(cluster: Cluster, entity: Entity) -> tuple[str, ...]:
    """The member codes of the bloc the entity was coded as, if it codes several at once."""
    for hit in cluster.hits:
        bloc = hit.surface.entry if hit.kind == "bloc" and hit.surface is not None else None
        if isinstance(bloc, Bloc) and bloc.members and bloc.code == entity.code:
            return bloc.members
    return ()


def _alone(doc: Doc, hit: Hit) -> Cluster:
    return Cluster(top=hit, hits=(hit,), head=doc[hit.start : hit.end].root.i, start=hit.start, end=hit.end)


def _is_place(doc: Doc, cluster: Cluster) -> bool:
    """Whether a lone name is a location here rather than an actor."""
    token = doc[cluster.head]
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    dep = token.dep_
    prep = token.head if dep == "pobj" else None
    if cluster.top.kind == "capital":
        if dep in _ACTING_DEPS:
            return False
        if prep is not None and prep.lower_ in english().places.acting_prepositions:
            return False
        if prep is not None and prep.lower_ == "to" and prep.head.pos_ == "NOUN":
            return False  # "a warning to Washington"
        return True
    return prep is not None and prep.lower_ in english().places.setting_prepositions


def _is_setting(token: Token) -> bool:
    """"across the country", "in the region": where, not who."""
    return token.dep_ == "pobj" and token.head.lower_ in english().places.setting_prepositions


def _is_core(token: Token) -> bool:
    """Subject or object of its clause (following "A and B" to A)."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "iobj", "dative", "poss", "attr")


def _pronoun_mentions(
    doc: Doc, memory: DocMemory, taken: set[int], kb: KnowledgeBase, day: dt.date
) -> list[tuple[int, list[Entity], int, int]]:
    out: list[tuple[int, list[Entity], int, int]] = []
    if not memory.people:
        return out
    genders = english().pronouns.gender
    for i in find_words(doc, genders):
        token = doc[i]
        gender = genders[token.lower_]
        if token.i in taken or token.pos_ != "PRON":
            continue
        entity = resolve_pronoun(token, gender, memory)
        if entity is not None:
            out.append((token.i, [entity], token.i, token.i + 1))
    return out


_Found = list[tuple[int, list[Entity], int, int]]  # (head, entities, start, end)


def _fold_conjuncts(doc: Doc, found: _Found) -> _Found:
    """PETRARCH's lists: a name conjoined to a word inside another phrase joins that
    phrase ("the ambassadors of Arnor, Osgiliath and Gondor", "Mordor, the Shire,
    Fornost and Bree" where the parser folded "the Shire" into "Mordor")."""
    merged: _Found = []
    for head, entities, start, end in sorted(found, key=lambda f: f[2]):
        token = doc[head]
        into = None
        while into is None and token.dep_ == "conj" and token.head is not token:
            token = token.head
            into = next((k for k, (_h, _e, s, e) in enumerate(merged) if s <= token.i < e), None)
        if into is None:
            merged.append((head, list(entities), start, end))
            continue
        h, es, s, e = merged[into]
        merged[into] = (h, es + [x for x in entities if x not in es], min(s, start), max(e, end))
    return merged


def _share_agents(doc: Doc, found: _Found) -> _Found:
    """PETRARCH's agents shared by a list: "lawmakers and officials in Fornost and Gondor"
    are each country's lawmakers and officials (FORLEG, FORGOV, GONLEG, GONGOV). Only
    when the sector noun takes its country from a preposition ("of", "in", "from"), so
    "Gondor's army and Arnor" stays GONMIL and ARN."""
    links = english().actors.home_prepositions | {"of"}
    out: _Found = []
    for head, entities, start, end in found:
        sectors = [e for e in entities if e.kind in ("sector", "country") and e.sector and not e.is_unknown]
        placed = [e for e in sectors if e.code]
        prep = next((t.idx for t in doc[start:end]
                     if t.dep_ == "prep" and t.lower_ in links and any(c.dep_ == "pobj" for c in t.children)), None)
        # only the countries listed after the preposition: "Ithilen and the government of Gondor" is ITH, GONGOV
        countries = [e for e in entities if e.kind == "country" and not e.sector and e.code
                     and prep is not None and e.start is not None and e.start > prep]
        if not placed or prep is None or not (countries or len(sectors) > 1) \
                or any(e not in sectors and e not in countries for e in entities):
            out.append((head, entities, start, end))
            continue
        codes = list(dict.fromkeys([e.code for e in placed] + [e.code for e in countries]))
        kinds = list(dict.fromkeys(e.sector for e in sectors))
        template = placed[0]
        shared = [replace(template, code=code, sector=sector, resolution=f"{template.resolution}; shared agent")
                  for code in codes for sector in kinds]
        out.append((head, shared, start, end))
    return out


def _join_conjuncts(doc: Doc, found: list[tuple[int, list[Entity], int, int]]) -> list[Mention]:
    """Merge "A and B" into one mention when both conjuncts are actors."""
    by_head = {head: k for k, (head, *_rest) in enumerate(found)}
    merged_into: dict[int, int] = {}
    for k, (head, _e, _s, _t) in enumerate(found):
        token = doc[head]
        if token.dep_ == "conj" and token.head.i in by_head:
            root = by_head[token.head.i]
            merged_into[k] = merged_into.get(root, root)
    groups: dict[int, list[int]] = {}
    for k in range(len(found)):
        groups.setdefault(merged_into.get(k, k), []).append(k)
    mentions = []
    for root, members in groups.items():
        head = found[root][0]
        start = min(found[k][2] for k in members)
        end = max(found[k][3] for k in members)
        entities = tuple(e for k in members for e in found[k][1])
        mentions.append(Mention(start, end, head, entities, doc[start:end].text))
    mentions.sort(key=lambda m: m.start_token)
    return mentions
