"""The unknown actor: an event is never dropped for want of a named one.

When no mention fills an event's actor slot the coder asks here for an actor
of sector ``UNK`` (``Entity.unknown``), as the annotation guide and the PLOVER
manual's "generic unidentified actors" do:

* an agentless passive or nominal ("seven civilians were killed", "the
  bombing"): the unknown actor with no words and no offsets;
* a subject the knowledge base does not know ("the ACLU filed a lawsuit",
  "he resigned"): the unknown actor with the subject's words and offsets.

Some clauses have no actor because nobody acted: "killed in a plane crash", "a
fire that killed" (an incident) or "sanctions imposed on Russia" (a participle
naming a thing). Those stay blocked, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from dyad.coding.arguments import MentionIndex, cause_clause_subject, cause_is_incident, is_attack_noun, is_passive, subject_of
from dyad.coding.generic import article_country, generic_actor
from dyad.coding.mentions import PlaceFinder, codes_of
from dyad.coding.ontology import Ontology
from dyad.coding.party_country import NON_STATE_CODES, PLACE_OF_ACT, clause_place, fill_party_countries, with_country
from dyad.lang import english
from dyad.nlp.dateline import dateline_end
from dyad.records import UNKNOWN_SECTOR, Candidate, Entity, Mention

# Children of a subject's head that end its noun phrase: a clause or an apposition
# is not part of the name ("the group, which claimed ...").
_PHRASE_END_DEPS = frozenset(("relcl", "acl", "appos", "punct", "cc", "conj", "prep"))


# Sectors of armed groups that are no state's: rebels, unidentified armed forces, criminals.
NON_STATE_ARMED = frozenset({"REB", "UAF", "CRM"})
# How the unknown actor of an act with no doer named says so (its ``resolution`` starts so).
AGENTLESS = "no actor named (agentless)"
# Named-entity labels of agents (dates, numbers and works of art are not).
_AGENT_LABELS = frozenset(("PERSON", "ORG", "NORP", "GPE"))
# Labels of a party acted on that no gazetteer holds (a GPE is a place first).
_PARTY_LABELS = frozenset(("PERSON", "ORG", "NORP"))


@dataclass(frozen=True, slots=True)
class UnknownActor:
    """The unknown actor's mention, or why the clause has no actor at all."""

    mention: Mention | None
    how: str
    blocked: str | None = None

    @property
    def named(self) -> Mention | None:
        """The mention when words name the actor ("the ACLU", "protesters"), not an agentless act's."""
        m = self.mention
        return m if m is not None and m.text and not is_agentless(m) else None


def find_unknown_actor(
    tok: Token,
    is_verb: bool,
    nominal: bool = False,
    index: MentionIndex | None = None,
    places: PlaceFinder | None = None,
) -> UnknownActor:
    """The unknown actor of trigger ``tok`` whose actor slot no mention filled.

    ``nominal``: an event noun with no actor and no victim, which stays blocked.
    A common-noun subject that names a doer is a generic actor (``coding/generic.py``),
    given a country when ``index`` and ``places`` are."""
    if nominal:
        return UnknownActor(None, "", blocked="no actor")
    if is_verb:
        if tok.dep_ in ("acl", "amod") and is_passive(tok):
            return UnknownActor(None, "", blocked="no actor: a participle naming a thing")
        if cause_is_incident(tok):
            return UnknownActor(None, "", blocked="no actor: an incident")
        subj, _how = subject_of(tok)
        if subj is not None and subj.i < dateline_end(tok.doc):
            subj = None  # the dateline is where, not who: "BERLIN -- … convicted"
        if subj is not None and not is_attack_noun(subj):
            if subj.lemma_.lower() in english().events.incident_nouns:
                return UnknownActor(None, "", blocked=f"no actor: an incident ({subj.text})")
            if not names_someone(subj):
                if (generic := generic_actor(subj, tok, index, places)) is not None:  # "Kismayo airport refused"
                    return UnknownActor(generic, f"actor: {generic.entities[0].resolution}")
                # "the moves violated", "new tariffs pressure"
                return UnknownActor(None, "", blocked=f"no actor: '{subj.text}' names no one")
            return UnknownActor(_named(subj), "actor unknown: subject not in the knowledge base")
        if subj is None and (named := misparsed_subject(tok)) is not None:
            # "USAID provided shelter": the parser took the name for an adverb; it is the subject
            return UnknownActor(_named(named), "actor unknown: a name before the verb the parse left without a role")
        if subj is None and not is_passive(tok):
            # "before landing in Jeddah": a clause whose subject the parse did not reach is
            # a missed antecedent, not an agentless act
            return UnknownActor(None, "", blocked="no actor")
    return UnknownActor(unnamed_actor(tok), "actor unknown: agentless")


# What the small parser makes of a subject it mis-tags ("USAID/RB provided"): not a role a name takes before a verb.
_MISPARSED_SUBJECT_DEPS = frozenset(("advmod", "npadvmod", "dep"))


def misparsed_subject(tok: Token) -> Token | None:
    """A name left of subjectless verb ``tok``, attached to it as an adverb or with no role:
    the subject the parse missed ("USAID had announced a suspension")."""
    return next(
        (c for c in tok.lefts if c.dep_ in _MISPARSED_SUBJECT_DEPS and c.ent_type_ in _AGENT_LABELS and c.i >= dateline_end(tok.doc)),
        None,
    )


def names_someone(subj: Token) -> bool:
    """A subject that names an agent the knowledge base lacks: a name ("the ACLU",
    "Mech Dara"). A pronoun no antecedent was found for ("they issued a statement")
    is more often a missed antecedent than an unknown actor: it stays blocked."""
    return subj.ent_type_ in _AGENT_LABELS or subj.tag_ in ("NNP", "NNPS")


def _named(subj: Token, why: str = "subject not in the knowledge base") -> Mention:
    """The subject's noun phrase, up to its head: "the ACLU", "a suicide bomber"."""
    start = subj.left_edge.i
    end = subj.i + 1
    for c in subj.rights:
        if c.dep_ in _PHRASE_END_DEPS:
            break
        end = c.right_edge.i + 1
    span = subj.doc[start:end]
    entity = Entity.unknown(why, span.text, span.start_char, span.end_char)
    return Mention(span.start, span.end, subj.i, (entity,), span.text)


def find_unknown_recipient(slots: Iterable[Token], index: MentionIndex, places: PlaceFinder) -> Mention | None:
    """The unknown recipient: the first recipient slot of the trigger's pattern that
    names someone the knowledge base lacks ("granted asylum to Julian Assange",
    "convicted Siemens"), with its words and offsets. A place, a pronoun, a common
    noun ("the attacks") or a party already named elsewhere in the event is none."""
    for t in slots:
        if index.covering(t) is not None or t.pos_ == "PRON":
            continue
        if not (t.ent_type_ in _PARTY_LABELS or (t.tag_ in ("NNP", "NNPS") and not t.ent_type_)):
            continue
        if places.mention_for(t, unclaimed=True) is not None:
            continue
        return _named(t, "recipient not in the knowledge base")
    return None


def unnamed_actor(tok: Token) -> Mention:
    """No words name the actor: a mention of no tokens at the trigger; or, when an attack
    is the clause's doer ("a car bomb killed", "were killed after a bomb struck"), the
    attack's words, which stand for the unknown perpetrator (the PLV annotators mark them)."""
    attack = _attack_doer(tok)
    if attack is not None:
        return _named(attack, f"{AGENTLESS}: the {attack.lower_} stands for the doer")
    return Mention(tok.i, tok.i, tok.i, (Entity.unknown(AGENTLESS),), "")


def is_agentless(m: Mention) -> bool:
    """The unknown actor of an act the text names no doer for (with or without the attack's words)."""
    return any((e.resolution or "").startswith(AGENTLESS) for e in m.entities)


def _attack_doer(tok: Token) -> Token | None:
    subj, how = subject_of(tok)
    if subj is None and is_passive(tok):
        subj, how = cause_clause_subject(tok), "subject"
    # the clause's own subject only: "started a hunger strike to protest" is no attack's doing
    return subj if how == "subject" and is_attack_noun(subj) else None


def with_unknown_actors(
    doc: Doc, index: MentionIndex, places: PlaceFinder, ontology: Ontology, cands: Sequence[Candidate]
) -> list[Candidate]:
    """Every coded candidate with no actor gets the unknown one (blocked ones keep none).

    In an event the ontology calls ``domestic`` (arrests, charges, releases,
    rejections) the agentless actor is the victims' own state: it takes their
    one country, else that of the place or the sentence (``party_country``).
    Any other agentless actor takes only the country of the place of the act, as
    the annotation guide gives an unnamed perpetrator (never the victims')."""
    out = []
    named: dict[str, tuple[Mention, ...]] = {}  # the last named perpetrator of each type, in text order
    groups = armed_groups(index)
    home = article_country(index)
    for c in cands:
        if c.blocked is None and not c.actor:
            tok = doc[c.trigger_head]
            clause = tok.head if tok.pos_ == "ADJ" and tok.dep_ == "acomp" else tok
            found = find_unknown_actor(clause, clause.tag_.startswith("VB"), index=index, places=places)
            if found.mention is not None:
                actor: tuple[Mention, ...] = (found.mention,)
                kind = ontology.kind(c.event)
                before = named.get(c.event, ())
                agentless = is_agentless(found.mention)
                if kind.domestic and agentless:
                    actor = at_the_place(tok, state_of_victims(tok, actor, c.recipient, index, places), index, places)
                    if home is not None:
                        # nothing in the clause or the sentence says whose: an arrest, a deportation, a
                        # conviction is the institution of the article's country (annotation guide, section 2)
                        actor = tuple(with_country(m, home, "the article's country (domestic act)", UNKNOWN_SECTOR) for m in actor)
                elif agentless and before and not same_side(before, c.recipient):
                    # "Five soldiers were also killed in the attack" after "BLA militants attacked a
                    # train": the perpetrator the article names elsewhere (annotation guide, section 2)
                    actor = before
                    rule = c.rule.replace("actor unknown: agentless", "actor: the perpetrator named before in the article")
                    c = replace(c, rule=rule)
                elif (
                    agentless
                    and kind.no_actor_allowed
                    and (group := armed_group_before(groups, tok.i)) is not None
                    and not same_side((group,), c.recipient)
                ):
                    # no earlier act names its doer, but the article names one armed group before:
                    # "a train came under attack" after "the BLA claimed …" (annotation guide, section 2)
                    actor = (group,)
                    rule = c.rule.replace("actor unknown: agentless", f"actor: the armed group named before ({group.text})")
                    c = replace(c, rule=rule)
                elif agentless:  # "demonstrators were killed in the town of Aungban": of that country
                    (actor,) = fill_party_countries(tok, (actor,), index, places, sector=UNKNOWN_SECTOR)
                    actor = at_the_place(tok, actor, index, places)
                c = replace(c, actor=actor)
        elif c.blocked is None and ontology.kind(c.event).no_actor_allowed and not ontology.kind(c.event).domestic:
            if c.actor and not any(e.is_unknown for m in c.actor for e in m.entities):
                named[c.event] = c.actor
        out.append(c)
    return out


def armed_groups(index: MentionIndex) -> list[Mention]:
    """The mentions of named non-state armed groups (not "militants"), in text order."""
    return [
        m for m in index.mentions
        if m.entities and all(e.kind == "group" and e.sector in NON_STATE_ARMED and e.code for e in m.entities)
    ]


def armed_group_before(groups: Sequence[Mention], before: int) -> Mention | None:
    """The armed group of ``groups`` named last before token ``before``, when only one such
    group is named before it: with two, which one did it is the text's to say."""
    named = [m for m in groups if m.end_token <= before]
    if len({e.identifier_id or e.entity_name for m in named for e in m.entities}) != 1:
        return None
    return named[-1]


def at_the_place(tok: Token, actor: tuple[Mention, ...], index: MentionIndex, places: PlaceFinder) -> tuple[Mention, ...]:
    """An agentless actor whose country is the place of the act's is written as that place:
    "was arrested in Niger" is Niger's doing, and the PLV annotators mark "Niger" as its source.
    The entity stays the unknown actor (sector UNK) of that country."""
    if not any(not m.text and m.entities and PLACE_OF_ACT in (m.entities[0].resolution or "") for m in actor):
        return actor
    found = clause_place(tok, index, places, perpetrator=True)
    if found is None:
        return actor
    code, _why, place = found
    span = tok.doc[place.start_token : place.end_token]
    out = []
    for m in actor:
        if m.text or not all(e.code == code for e in m.entities):
            out.append(m)
            continue
        ents = tuple(replace(e, entity_text=span.text, start=span.start_char, end=span.end_char) for e in m.entities)
        out.append(Mention(span.start, span.end, place.head_token, ents, span.text))
    return tuple(out)


def same_side(perpetrator: Sequence[Mention], victims: Sequence[Mention]) -> bool:
    """Whether the victims are the perpetrator's own side: a country they share, unless one is a
    non-state armed group and the other not ("Israeli jets struck Gaza. Three Israeli soldiers
    were killed": one side; "BLA militants attacked a train. Five Frontier Corps personnel
    were killed": both Pakistani, two sides)."""

    def sides(ms: Sequence[Mention]) -> set[tuple[str, bool]]:
        return {(e.code[:3], e.sector in NON_STATE_ARMED) for m in ms for e in m.entities if e.code}

    return bool(sides(perpetrator) & sides(victims))


def state_of_victims(
    tok: Token, actor: tuple[Mention, ...], recipient: tuple[Mention, ...], index: MentionIndex, places: PlaceFinder
) -> tuple[Mention, ...]:
    if any(e.kind not in ("sector", "person") and not e.is_unknown for m in recipient for e in m.entities):
        return actor  # "Ukraine was criticised": a state is not acted on by itself
    codes = {c for c in codes_of(recipient) if c not in NON_STATE_CODES}
    if len(codes) == 1:
        (code,) = codes
        return tuple(with_country(m, code, "the victims' own state (domestic act)", UNKNOWN_SECTOR) for m in actor)
    (filled,) = fill_party_countries(tok, (actor,), index, places, sector=UNKNOWN_SECTOR, by_sentence=(0,))
    return filled
