"""EventCoder: PLOVER event candidates from a parsed Doc and its actor mentions.

For each trigger the lexicon matches, find the actor (subject, passive by-phrase,
controller, possessor …), the recipient (object or the pattern's preposition),
who reported it, and whether it happened at all. Candidates that did not happen
or have no actor are returned with ``blocked`` set so ``dyad explain`` can show
why; the pipeline keeps only unblocked ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dyad.coding.arguments import (
    NOTHING,
    Found,
    MentionIndex,
    cause_clause_subject,
    cause_is_incident,
    for_mark,
    instrument_of,
    is_attack_noun,
    is_infinitive,
    is_passive,
    mentions_for,
    noun_actor_tokens,
    prep_objects,
    subject_of,
)
from dyad.coding.combine import combine_candidates
from dyad.coding.discards import discarded_sentences
from dyad.coding.evaluative import Evaluation, code_evaluations
from dyad.coding.lexicon import ACTOR_SLOTS, Lexicon, Pattern, load_lexicon
from dyad.coding.mentions import PlaceFinder, abroad_for, as_military, codes_of, is_known
from dyad.coding.negation import Blocking, find_blocker
from dyad.coding.ontology import Ontology, PloverType, Rewrite, load_ontology
from dyad.coding.party_country import fill_party_countries
from dyad.coding.recipients import (
    called_party,
    own_state_recipient,
    recipient_in_clause,
    recipient_in_complement,
    thing_recipient,
    unnamed_recipient,
)
from dyad.coding.triggers import TriggerMatch, find_triggers, needs_rematch
from dyad.coding.unasserted import retaliates_by_measures, unasserted
from dyad.coding.unknown import NON_STATE_ARMED, find_unknown_actor, find_unknown_recipient, with_unknown_actors
from dyad.lang import english
from dyad.nlp.dateline import dateline_end
from dyad.records import Candidate, Mention

# What the coder does with each event type (speech, symmetric, domestic …, and the
# refusal, intention and threat rewrites) is in the ontology: coding/data/plover.yaml.
EMBED_DEPS = frozenset("xcomp ccomp acl pcomp pobj prep dobj".split())
# An armed force or security service that reports an agentless strike did it itself
# ("Central Command said the IS leader was killed in an airstrike").
ARMED_SECTORS = frozenset({"MIL", "COP", "SPY"})
# Victims an armed reporter claims: armed opponents, criminals (and a named person).
CLAIMED_SECTORS = NON_STATE_ARMED


# Types whose verbs take what they ask, promise or threaten as an infinitive ("urged X to withdraw").
CONTROL_TYPES = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT"})

# The block reasons of a clause under "would" (coding/negation.py): in reported speech, a stated intention.
WOULD_BLOCKS = ("modality: would", "modality: 'd")


class EventCoder:
    """Codes events in parsed Docs. Build once; ``code_doc`` is cheap and thread-safe."""

    def __init__(self, lexicon: Lexicon | None = None, ontology: Ontology | None = None, places: PlaceFinder | None = None):
        self.lexicon = lexicon or load_lexicon()
        self.ontology = ontology or load_ontology()
        self.places = places or PlaceFinder()
        # verbs whose infinitive is their own complement, not a purpose ("vowed Monday to retaliate",
        # "urged Russia to withdraw"): control verbs, negators, and the verbs of a request, promise or threat
        asking = {lemma for lemma, ps in self.lexicon.verbs.items() if any(p.event in CONTROL_TYPES and not p.objects for p in ps)}
        # and a trip's aim is what the trip is for: "travelled to the region to meet local leaders"
        asking |= {lemma for lemma, ps in self.lexicon.verbs.items() if any(p.mode == "visit" for p in ps)}
        self.control_verbs = english().events.subject_control_verbs | frozenset(asking).union(*self.lexicon.negators.values())

    def code_doc(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        triggers: Sequence[TriggerMatch] | None = None,
        evaluations: Sequence[Evaluation] | None = None,
    ) -> list[Candidate]:
        """Coded and blocked candidates, in text order.

        ``triggers`` and ``evaluations`` come from the triggers stage (found
        before the entity recogniser ran); they are found here when not given.
        """
        index = MentionIndex(doc, mentions)
        if triggers is None or needs_rematch(doc, self.lexicon):
            matches = list(find_triggers(doc, self.lexicon))
        else:
            matches = list(triggers)
        by_head = {m.head.i: m for m in matches}
        out: list[Candidate] = []
        for m in matches:
            if self.refuses_known_event(m, by_head):
                continue
            cand = self.code_trigger(m, index)
            if cand is None:
                continue
            cand = self.apply_embedding(cand, m.head, by_head, index)
            out.extend(self.derive(cand, m.head, index, by_head))
        taken = {c.trigger_head for c in out}  # a lexicon trigger on the same word wins
        out.extend(c for c in code_evaluations(doc, index, self.lexicon, evaluations) if c.trigger_head not in taken)
        coded = drop_restated([drop_self_reference(doc, c) for c in combine_candidates(doc, out, self.ontology)])
        if discarded := discarded_sentences(doc, self.lexicon):  # a dictionary's discard list
            coded = [c for c in coded if doc[c.trigger_head].sent.start not in discarded]
        return with_unknown_actors(doc, index, self.places, self.ontology, coded)

    def kind(self, event: str) -> PloverType:
        """What the ontology says of an event type (its flags and rewrites)."""
        return self.ontology.kind(event)

    def refuses_known_event(self, m: TriggerMatch, triggers: dict[int, TriggerMatch]) -> bool:
        """"refused to halt its offensive" is a bare refusal; "refused to meet" (a known
        event) is left to the refusal rules in ``derive``, "refused to criticise" to none."""
        p = m.patterns[0]
        if p.particles != ("to",) or self.lexicon.negator_kind(p.lemma) != "refuse":
            return False
        return any(c.dep_ == "xcomp" and c.i in triggers for c in m.head.children)

    # ---- one trigger -------------------------------------------------------
    def code_trigger(self, m: TriggerMatch, index: MentionIndex) -> Candidate | None:
        tok = m.head
        is_verb = m.head.tag_.startswith("VB")
        is_adj = m.patterns[0].kind == "adjective"
        actor = self.find_actor(tok, m.patterns[0], index, is_verb, is_adj)
        chosen: Pattern | None = None
        recipient = NOTHING
        patterns = m.patterns
        joint = m.object is not None and any(c.lower_ in english().events.joint_words for c in m.object.children)
        if joint:  # "began joint exercises": the participants cooperate, whoever is named
            patterns = tuple(sorted(patterns, key=lambda p: p.event != "COOPERATE"))
        for p in patterns:
            if p.compound and not split_parties(actor)[1].mentions:
                continue  # PETRARCH's "% *" wants a subject of several parties
            if p.skip and self.lexicon.alone:  # "celebrated Eid at Osgiliath with Gondor": Osgiliath is skipped
                recipient = phrase_target(tok, index, actor.mentions, skip=1)
            else:
                recipient = self.find_recipient(tok, p, m, index, is_verb, actor.mentions)
            if recipient.mentions or not p.needs_recipient or (joint and p.event == "COOPERATE"):
                chosen = p
                break
        if chosen is None:
            return None
        victim_possessor = not is_verb and not is_adj and possessor_is_victim(actor, self.kind(chosen.event))
        if victim_possessor:  # "al-Rufay'i's killing", "Navalny's arrest": the possessor suffered it
            actor, recipient = NOTHING, Found(actor.mentions, "possessor of a violent act (victim)")
        if chosen.compound:  # the parties of the subject act on each other (petrarch_out writes both ways)
            actor, recipient = split_parties(actor)
        else:
            if not recipient.mentions and self.lexicon.alone:
                recipient = phrase_target(tok, index, actor.mentions)
            actor, recipient = self.complete_parties(tok, chosen, m, index, is_verb or is_adj, actor, recipient)
        if chosen.converse and recipient.mentions:  # "received weapons from X": X gave them
            actor, recipient = Found(recipient.mentions, f"giver ({recipient.how})"), Found(actor.mentions, f"receiver ({actor.how})")
        # A predicate adjective's negation and modals sit on its copula: "was not ready to".
        clause = tok.head if is_adj and tok.dep_ == "acomp" else tok
        # A pattern with words before the verb ("NOT *") has coded what stands there itself.
        blocking = find_blocker(clause, self.lexicon) if not chosen.before else Blocking(None)
        confidence = chosen.confidence * (1.0 if is_verb or is_adj else 0.9)
        obj = m.object.text if m.object is not None and chosen.objects else None
        rule = f"{chosen.kind} '{chosen.describe(obj)}' ({chosen.origin})"
        if actor.how:
            rule += f"; actor: {actor.how}"
            if actor.how not in ("subject", "passive by", "possessor", "by-phrase"):
                confidence *= 0.9
            if "→" in actor.how:  # resolved a pronoun
                confidence *= 0.85
        if recipient.how:
            rule += f"; recipient: {recipient.how}"
        reported = self.find_reporter(clause, index)
        if reported.mentions:
            confidence *= 0.95
        blocked = blocking.reason
        if not actor.mentions and is_verb and self.kind(chosen.event).no_actor_allowed and agentless(tok):
            actor = armed_reporter(reported, recipient.mentions)
            if actor.mentions:
                confidence *= 0.8
                rule += f"; actor: {actor.how}"
        if not actor.mentions:
            # Never dropped for want of a named actor: "seven civilians were killed" has
            # the unknown actor (UNK); "the ACLU filed a lawsuit" the unknown ACLU.
            # The rules between candidates read an empty actor as "not named", so the
            # unknown one is filled in last (``with_unknown_actors``).
            # A nominal event with no actor mostly restates one told elsewhere ("the attack"):
            # only a victim's possessive ("the journalist's arrest") makes it an event.
            unknown = find_unknown_actor(clause, is_verb or is_adj, nominal=not (is_verb or is_adj or victim_possessor))
            if unknown.mention is None:
                blocked = blocked or unknown.blocked
            else:
                confidence *= 0.6 if not unknown.mention.entities[0].entity_text else 0.8
                rule += f"; {unknown.how}"
        actor_mentions, recipient_mentions = actor.mentions, recipient.mentions
        if self.kind(chosen.event).domestic or (chosen.event == "ASSAULT" and sector_of(actor_mentions) == "COP"):
            recipient_mentions = inherit_country(recipient_mentions, actor_mentions)
            if chosen.event == "PROTEST":  # "protesters rallied against the Serbian government"
                actor_mentions = inherit_country(actor_mentions, recipient_mentions)
        victims = (1,) if self.kind(chosen.event).no_actor_allowed else ()
        actor_mentions, recipient_mentions = fill_party_countries(
            tok, (actor_mentions, recipient_mentions), index, self.places, by_sentence=victims
        )
        if not recipient_mentions and (unnamed := self.unknown_recipient(tok, chosen, m, index, is_verb)).mentions:
            recipient_mentions = unnamed.mentions
            rule += f"; recipient {unnamed.how}"
        if blocked is None and chosen.mode == "visit" and abroad_for(actor.mentions, recipient.mentions) is False:
            blocked = "domestic travel"
        if blocked is None and chosen.mode == "visit" and not official_travel(actor.mentions):
            blocked = "travel of people, not of a party"  # "tourists visited Vietnam", "refugees returned"
        chosen, retyped = retype(chosen, tok, abroad_for(actor.mentions, recipient.mentions), recipient_mentions)
        rule += retyped
        blocked = self.block_clause(chosen, tok, is_verb, blocked)
        words = tuple(sorted(set(m.words)))
        return Candidate(
            trigger_head=tok.i,
            trigger_tokens=words,
            event=chosen.event,
            mode=chosen.mode,
            cameo=chosen.cameo,
            actor=actor_mentions,
            recipient=tuple(r for r in recipient_mentions if r not in actor.mentions),
            rule=rule,
            confidence=round(confidence, 3),
            context=blocking.context,
            reported_by=tuple(r for r in reported.mentions if r not in actor.mentions),
            blocked=blocked,
        )

    def complete_parties(
        self, tok: Token, p: Pattern, m: TriggerMatch, index: MentionIndex, is_predicate: bool, actor: Found, recipient: Found
    ) -> tuple[Found, Found]:
        """The recipient where the pattern's slots held none: the party a call is made to, inside
        the object or a complement, a modifier of an event noun, a setting abroad, the place of the
        act, the actor's own state; and "India and Japan discussed trade" (or "failed to reach a
        deal") split into actor and recipient.
        ``is_predicate``: a verb or predicate adjective (not an event noun)."""
        kind = self.kind(p.event)
        if not recipient.mentions:  # "called Lavrov to discuss Syria"
            recipient = called_party(tok, index, actor.mentions)
        if not recipient.mentions and kind.reaction:
            recipient = self.recipient_in_object(tok, index, actor.mentions)
        if not recipient.mentions and not is_predicate:
            recipient = modifier_recipient(tok, index, actor.mentions)
        if not recipient.mentions and (kind.symmetric or p.two_sided or self.failed_together(tok)) and not self.lexicon.alone:
            # "Trump and Putin agreed to share information on Syria": the parties act together,
            # so the second is the recipient before anything their complement names.
            # PETRARCH splits a subject of several parties only for its "% *" patterns (compound)
            actor, recipient = split_parties(actor)
        if not recipient.mentions or only_self(recipient.mentions, actor.mentions):  # "agreed to lend $1 billion to Indonesia"
            recipient = recipient_in_complement(tok, index, actor.mentions, self.places)
        if not recipient.mentions and kind.placed:
            # an attack or arrest may fall on the actor's own country; a deployment there has no recipient
            own = () if kind.no_actor_allowed else actor.mentions
            recipient = self.recipient_by_place(tok, m, index, actor.mentions, own)
        if not recipient.mentions:  # "agreed to allow the deployment of South African troops"
            # "marched to demand the departure of French troops": a protest's purpose is its
            # own event (the demand, with its target), not whom the march is against
            recipient = recipient_in_clause(tok, m, index, actor.mentions, purposes=p.event != "PROTEST")
        if not recipient.mentions and kind.domestic and actor.mentions:
            # "refugees sought refuge in Sudan": a setting abroad is whom the act concerns, before
            # the actor's own state (its act at home stays domestic; an attack "near the Cameroon
            # border" is on the villages it names, the thing acted on)
            abroad = self.recipient_by_place(tok, m, index, actor.mentions, actor.mentions, setting=True)
            recipient = Found(abroad.mentions, "setting abroad") if abroad.mentions else recipient
        if not recipient.mentions and (kind.domestic or kind.no_actor_allowed):
            recipient = own_state_recipient(tok, m, index, actor.mentions)
        if not recipient.mentions and kind.no_actor_allowed:  # "stormed the hotel"
            recipient = thing_recipient(tok, m, index, actor.mentions, self.places)
        if not recipient.mentions:
            # no party is named: where the act happens, even the actor's own country ("troops
            # remained on alert in Manila", "agreed to set up a centre in Mumbai")
            place = self.recipient_by_place(tok, m, index, actor.mentions, (), setting=True)
            recipient = Found(place.mentions, "setting of the act") if place.mentions else recipient
        return actor, recipient

    def block_clause(self, chosen: Pattern, tok: Token, is_verb: bool, blocked: str | None) -> str | None:
        """``blocked``, or why the clause of a coded trigger asserts no event of ``chosen``'s type
        (None: it does); a threat made under a condition is unblocked."""
        kind = self.kind(chosen.event)
        if blocked is None and kind.participle_describes and tok.dep_ == "acl" and tok.tag_ == "VBN":
            blocked = f"description: {tok.text}"  # "government forces backed by Russia" describes an alliance
        if blocked is None and chosen.kind == "noun" and not asserted_noun(tok):
            blocked = f"reference: {tok.text}"  # "condemned his arrest", "Suga's visit": an event told elsewhere
        if blocked is None and is_verb and (kind.no_actor_allowed or chosen.event == "RETREAT") and done_to_things(tok):
            blocked = f"not done to people: {tok.text}"  # "the report was released", "dogs are killed"
        if chosen.event == "THREATEN" and (blocked or "").endswith("(consequence)") and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
            # "threatened to shell Haifa if Israel hits Beirut": a threat made; its condition is its content
            # ("will warn them if …" is a threat not yet made, and stays blocked)
            blocked = None
        if blocked is None and chosen.event == "THREATEN" and tok.lemma_.lower() in english().events.warning_verbs and forecasts(tok):
            blocked = f"forecast: {tok.text}"  # "warned that the situation could get worse"
        if blocked is None and is_verb:
            blocked = unasserted(tok, chosen.event, chosen.mode, self.control_verbs, self.lexicon.nouns)  # "to discuss", "since 2009", "rebels fighting"
        return blocked

    def failed_together(self, tok: Token) -> bool:
        """"The US and South Korea failed to reach agreement": a failure of an act done
        together (a symmetric type's pattern in the complement) is between the parties too.
        A refusal is not: "Britain and France refused to sign the treaty" is no act on each other."""
        if self.lexicon.negator_kind(tok.lemma_.lower()) != "fail":
            return False
        for comp in (c for c in tok.children if c.dep_ == "xcomp"):
            objects = {o.lemma_.lower() for o in comp.children if o.dep_ == "dobj"}
            for q in self.lexicon.verbs.get(comp.lemma_.lower(), ()):
                if (q.two_sided or self.kind(q.event).symmetric) and not q.particles and (not q.objects or objects & q.objects):
                    return True
        return False

    def unknown_recipient(
        self, tok: Token, p: Pattern, m: TriggerMatch, index: MentionIndex, is_verb: bool, objects: bool = True
    ) -> Found:
        """A recipient slot naming a party the knowledge base lacks ("freed Towakil Karman"),
        else a common noun there naming none ("freed a former candidate"); in the object slot
        only when ``objects``; else only in a slot of whom a thing is given to (a scorer event's
        object is as often the thing given, "provided funding", as a party; "returned the
        painting to its owner" names one)."""
        slots = list(recipient_slots(tok, p, m, is_verb))
        named = find_unknown_recipient([t for _slot, t in slots], index, self.places)
        if named is not None:
            return Found((named,), "unknown: not in the knowledge base")
        # a scorer event's: the party given to ("to its owner"), not a thing's "of" nor a demand's words
        slots = slots if objects else [(slot, t) for slot, t in slots if slot in GIVEN_TO and t.lemma_.lower() not in english().events.authored_nouns]
        return unnamed_recipient([t for _slot, t in slots], m, index, self.places)

    def find_actor(self, tok: Token, p: Pattern, index: MentionIndex, is_verb: bool, is_adj: bool = False) -> Found:
        if is_adj:  # "Egypt was ready to …": the copula's subject
            subj, how = subject_of(tok.head if tok.dep_ == "acomp" else tok)
            return mentions_for(subj, index, how)
        if is_verb:
            subj, how = subject_of(tok)
            if subj is not None and subj.i < (cut := dateline_end(tok.doc)):
                # "BERLIN -- A court in Bavaria has convicted": the parse made the dateline the subject
                after = [x for x in index.near(cut, tok.i) if cut <= x.start_token < tok.i and x.head_token >= tok.sent.start]
                return Found(tuple(after[:1]), "first actor after the dateline") if after else NOTHING
            if subj is None and is_passive(tok):
                cause = mentions_for(cause_clause_subject(tok), index, "subject of the clause that caused it")
                if cause.mentions:
                    return cause
                moved = self.moved_party(tok, p, index)
                if moved.mentions:
                    return moved
                subj, how = instrument_of(tok), "instrument"
            if subj is not None and subj.lower_ in english().pronouns.first_person and index.covering(subj) is None:
                speaker = self.find_reporter(tok, index)  # "'We urge Afghanistan to …,' Khan said"
                if speaker.mentions:
                    return Found(speaker.mentions, f"{how} ({subj.lower_} → the speaker)")
            if is_attack_noun(subj):  # "Israeli air strikes killed …": the attacker modifies the weapon
                assert subj is not None
                for slot_tok, slot in noun_actor_tokens(subj, ACTOR_SLOTS):
                    found = mentions_for(slot_tok, index, f"{slot} of {subj.lower_}")
                    if found.mentions:
                        return Found(as_military(found.mentions), found.how)
                if how == "instrument":
                    return NOTHING
            return mentions_for(subj, index, how)
        for slot_tok, how in noun_actor_tokens(tok, p.actor):
            found = mentions_for(slot_tok, index, how)
            if found.mentions:
                return found
        pair = self.places.hyphenated_parties(tok)
        return Found(pair, "hyphenated pair") if pair else NOTHING

    def moved_party(self, tok: Token, p: Pattern, index: MentionIndex) -> Found:
        """"Security forces had been dispatched": with no agent, the forces a deployment moves
        are its actor (PLOVER's MOBILIZE is done by the forces moved), not its recipient."""
        if not self.kind(p.event).moved_is_actor:
            return NOTHING
        moved = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        return mentions_for(moved, index, "the forces moved (passive subject)")

    def find_recipient(
        self, tok: Token, p: Pattern, m: TriggerMatch, index: MentionIndex, is_verb: bool, actor: tuple[Mention, ...]
    ) -> Found:
        for slot, t in recipient_slots(tok, p, m, is_verb):
            found = mentions_for(t, index, slot if slot != "dobj" else "object")
            # "presented their credentials to X": "their" is the actor again; the next slot names X
            kept = tuple(x for x in found.mentions if x not in actor and not refers_back(tok.doc, x, actor))
            if kept and not any(is_known(x) for x in kept) and (place := self.places.mention_for(t)) is not None:
                return Found((place,), f"{slot if slot != 'dobj' else 'object'} (place)")  # "shelled Kharkiv"
            if kept:
                return Found(kept, found.how)
            if (place := self.places.mention_for(t, unclaimed=True)) is not None:  # "arrived in Tel Aviv", "at southern Israel"
                return Found((place,), f"{slot if slot != 'dobj' else 'object'} (place)")
        return NOTHING

    def recipient_in_object(self, tok: Token, index: MentionIndex, actor: tuple[Mention, ...]) -> Found:
        """"demanded the departure of French troops" → French troops; "called for
        co-operation with Beijing" → Beijing: the party a demand or promise is about.

        Then the object's own modifiers ("rejected Kenya's request", "a U.S. proposal"),
        the clause it heads ("the announcement that Ukraine had agreed"), and the object
        of a complement verb ("threatened to close U.S. operations")."""
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += prep_objects([tok], ("for", "to"))
        preps = english().events.object_prepositions
        for obj in objects:
            # "rejected the allegations made by Pakistan": the participle's agent made them
            made = prep_objects([c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"], ("by",))
            for inner in [*prep_objects([obj], preps), *made]:
                for t in (inner, *prep_objects([inner], preps)):
                    found = mentions_for(t, index, f"inside object '{obj.text}'")
                    kept = tuple(x for x in found.mentions if x not in actor and is_known(x))
                    if kept:
                        return Found(kept, found.how)
        for obj in objects:
            kept = named_parties(obj, index, actor)
            if kept:
                return Found(kept, f"named in object '{obj.text}'")
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in ("VERB", "AUX"):
                    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.lower_ not in english().pronouns.relative:
                        subjects = tuple(x for x in mentions_for(subj, index, "").mentions if x not in actor and is_known(x))
                        if subjects:
                            return Found(subjects, f"subject of '{obj.text} that …'")
        for comp in tok.children:
            if comp.dep_ == "xcomp" and comp.pos_ == "VERB":
                for obj in (c for c in comp.children if c.dep_ in ("dobj", "conj")):
                    obj = next((o for o in obj.children if o.dep_ == "dobj"), obj) if obj.dep_ == "conj" else obj
                    kept = named_parties(obj, index, actor) or tuple(
                        x for x in mentions_for(obj, index, "").mentions if x not in actor and is_known(x)
                    )
                    # "offered to send troops to Uganda": people of no country are what is sent, not to whom
                    if kept and codes_of(kept):
                        return Found(kept, f"object of '{comp.text}'")
        for obj in objects:  # "welcomed the OGA's attempt": its maker, a name the knowledge base lacks
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            named = find_unknown_recipient([owner], index, self.places) if owner is not None else None
            if named is not None:
                return Found((named,), f"unknown: possessor of object '{obj.text}'")
        return NOTHING

    def recipient_by_place(
        self, tok: Token, m: TriggerMatch, index: MentionIndex, actor: tuple[Mention, ...], own: tuple[Mention, ...],
        setting: bool = False,
    ) -> Found:
        """The country a material act happens in, from its place phrases (two levels deep),
        unless it is one of ``own``'s countries. ``setting``: only the setting's phrases
        ("in", "at" …), on the trigger, its object, its complement verbs and their objects."""
        heads = [tok, *([m.object] if m.object is not None else [c for c in tok.children if c.dep_ == "dobj"])]
        preps = english().places.act_prepositions
        seen = prep_objects(heads, preps)
        if setting:  # "agreed to set up a centre for animation in Mumbai", "remained on alert in Manila"
            preps = english().places.setting_prepositions
            comps = [
                c for h in (tok, *(a for a in tok.children if a.dep_ == "acomp")) for c in h.children
                if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and is_infinitive(c))  # "gave $5m to promote … in Ethiopia"
            ]
            heads += [*comps, *(o for c in comps for o in c.children if o.dep_ == "dobj")]
            seen = [t for t in phrase_objects(heads) if t.head.lower_ in preps]
        # then a fronted setting on the verbs that govern it: "In the Donetsk region, the
        # governor accused the Kremlin's forces … as they pummelled cities"
        governing = [h for h in governing_verbs(tok) if h.i > tok.i or any(c.i < h.i for c in h.children if c.dep_ == "prep")]
        fronted = [p for h in governing for p in prep_objects([h], english().places.setting_prepositions) if p.i < h.i]
        fronted += [c for p in fronted for c in p.children if c.dep_ == "compound"]  # "the Donetsk region"
        for t in [*seen, *prep_objects(seen, preps), *fronted]:
            found = tuple(x for x in mentions_for(t, index, "place of the act").mentions if x not in actor and codes_of([x]))
            if found and not codes_of(found) <= codes_of(own):
                return Found(found, "place of the act")
            place = self.places.mention_for(t)
            if place is not None and (not own or not codes_of([place]) <= codes_of(own)):
                return Found((place,), "place of the act (place)")
        return NOTHING

    def find_reporter(self, tok: Token, index: MentionIndex) -> Found:
        """"Y attacked Z, X said" → X; "X's announcement that Y will …" → X."""
        node = tok
        for _ in range(8):
            head, dep = node.head, node.dep_
            if head is node or dep in ("relcl",):
                break
            lemma = head.lemma_.lower()
            if dep in ("ccomp", "parataxis") and lemma in self.lexicon.reporting_verbs and head.pos_ == "VERB":
                subj, how = subject_of(head)
                return mentions_for(subj, index, "reported by")
            if dep in ("acl", "ccomp") and lemma in self.lexicon.reporting_nouns:
                for t, _how in noun_actor_tokens(head, ("poss", "by")):
                    found = mentions_for(t, index, "reported by")
                    if found.mentions:
                        return found
                break
            node = head
        return NOTHING

    # ---- interactions between triggers --------------------------------------
    def apply_embedding(self, cand: Candidate, tok: Token, triggers: dict[int, TriggerMatch], index: MentionIndex) -> Candidate:
        """An event spoken of by a demand, promise or threat has not happened."""
        node = tok
        for _ in range(6):
            head, dep = node.head, node.dep_
            # a conjunct of an embedded verb is embedded too: "called on China to limit or cease support"
            conjunct = dep == "conj" and head.dep_ in EMBED_DEPS
            # "called for Israel to withdraw": the clause "for" marks is what is asked
            asked_for = for_mark(node) is not None
            if head is node or (dep not in EMBED_DEPS and not conjunct and not asked_for):
                return cand
            outer = triggers.get(head.i)
            if outer is not None:
                etype = outer.patterns[0].event
                if self.kind(etype).speech and cand.blocked is None:
                    return replace(cand, blocked=f"spoken of by {etype}: {head.text}")
                if etype == "ACCUSE":
                    return replace(cand, confidence=round(cand.confidence * 0.85, 3), rule=cand.rule + f"; alleged by '{head.text}'")
                return cand
            node = head
        return cand

    def states_own_harm(self, cand: Candidate, tok: Token, index: MentionIndex) -> bool:
        """A harmful act the actor's own side says it will or would do (not a prediction by others)."""
        if not cand.actor or not tok.tag_.startswith("VB"):
            return False
        # "would" in reported speech is a stated intention; "will" only for force and
        # repression: "Russia will suspend the treaty" is an announced decision, not a threat.
        would = cand.blocked in WOULD_BLOCKS
        will = cand.blocked is None and "future" in cand.context and self.kind(cand.event).no_actor_allowed
        # "Moscow would strike if NATO ..." / "will strike if ...": a conditional harm its own
        # side states is the manual's THREATEN (ASSAULT + hypothetical is a THREATEN).
        conditional = has_conditional(tok)
        if conditional:
            stated = {c.lower_ for c in tok.children if c.dep_ == "aux" and c.tag_ == "MD"} & english().modality.stating_modals
            if not stated or not (cand.blocked is None or cand.blocked.startswith("conditional") or would):
                return False
        elif not (would or will):
            return False
        return self.said_by_own_side(cand, tok, index)

    def said_by_own_side(self, cand: Candidate, tok: Token, index: MentionIndex) -> bool:
        """Whether the one who reports ``tok`` is the actor or of the actor's country."""
        reporter = self.find_reporter(tok, index).mentions
        return bool(reporter) and same_party(reporter, cand.actor)

    def states_own_intention(self, cand: Candidate, tok: Token, index: MentionIndex) -> bool:
        """Cooperation the actor's own side says it would do ("said it would release"), not
        in a condition and not a prediction by others: the scorer path's stated intention."""
        if cand.blocked not in WOULD_BLOCKS or not cand.actor or not tok.tag_.startswith("VB") or has_conditional(tok):
            return False
        return self.said_by_own_side(cand, tok, index)

    def derive(self, cand: Candidate, tok: Token, index: MentionIndex, triggers: dict[int, TriggerMatch]) -> list[Candidate]:
        """Rewrites the manual asks for: refusals → REJECT, future cooperation → AGREE, threat content."""
        out = [cand]
        kind = self.kind(cand.event)
        intention, refusal, threat_of = kind.intention, kind.refusal, kind.threat
        if cand.blocked is None and "future" in cand.context and intention is not None:
            out = [as_rewrite(cand, intention, rule=cand.rule + "; future cooperation → AGREE")]
        intent = find_blocker(tok, self.lexicon).negator if cand.blocked and cand.blocked.startswith("intent:") else None
        modality = english().modality
        desire = intent is not None and intent.lemma_.lower() in modality.predicting_verbs | modality.wishing_verbs
        if intent is not None and not desire and intention is not None and cand.actor:
            # "seeking to deepen a partnership": an intention to cooperate is AGREE
            out.append(as_rewrite(cand, intention, blocked=None, context=("future",),
                                  rule=cand.rule + f"; intended cooperation ({cand.blocked}) → AGREE"))
        if intention is not None and self.states_own_intention(cand, tok, index):
            # "Israel announced it would free 150 prisoners": its own stated intention to cooperate
            out.append(as_rewrite(cand, intention, blocked=None, context=("future",), rule=cand.rule + f"; own stated intent ({cand.blocked}) → AGREE"))
        # a refusal by someone the knowledge base lacks is still one ("The FLA will not release"):
        # its subject becomes the unknown actor (issue 14), as for any other event
        doer = bool(cand.actor) or subject_of(tok)[0] is not None
        if refuses_by_negation(cand.blocked) and refusal is not None and doer:
            # "said he would not provide support": a refusal
            out.append(as_rewrite(cand, refusal, blocked=None, rule=cand.rule + f"; {cand.blocked} → REJECT"))
        if demands_by_modal(cand.blocked) and refusal is not None and cand.actor:
            # "the EU said Russia must withdraw": the speaker asks it of the one who must act
            speaker = self.find_reporter(tok, index).mentions
            if speaker and not same_party(speaker, cand.actor):
                request = self.ontology.cameo_of_mode("REQUEST", refusal.mode) if refusal.mode else None
                out.append(replace(cand, event="REQUEST", mode=refusal.mode, cameo=request or self.ontology.default_cameo("REQUEST"),
                                   actor=speaker, recipient=cand.actor, reported_by=(), blocked=None,
                                   rule=cand.rule + f"; {cand.blocked} said by another → REQUEST"))
        if threat_of is not None and self.states_own_harm(cand, tok, index):
            # "Peskov said Moscow would take countermeasures": a stated intention to harm
            threat = as_rewrite(cand, threat_of, blocked=None, context=(),
                                rule=cand.rule + f"; own stated intent ({cand.blocked or 'future'}) → THREATEN")
            out = [threat] if cand.blocked is None else [cand, threat]
        if cand.blocked is None and cand.event == "RETREAT" and cand.mode == "withdraw" and leaves_a_body(tok, cand.recipient):
            # "withdrew from ECOWAS": leaving an IGO or a treaty is the manual's SANCTION (withdraw)
            cameo = self.ontology.cameo_of_mode("SANCTION", "withdraw") or self.ontology.default_cameo("SANCTION")
            out = [replace(c, event="SANCTION", cameo=cameo, rule=c.rule + "; leaves a body → SANCTION") if c is cand else c for c in out]
        if cand.blocked is None and cand.event == "THREATEN":
            asked = content_trigger(tok, triggers)
            content = self.kind(asked.patterns[0].event).threat if asked is not None else None
            if content is not None:
                out = [replace(cand, mode=content.mode, cameo=content.cameo)]
        if cand.blocked is None and cand.event in ("REQUEST", "REJECT") and cand.mode is None:
            # The manual's REQUEST/REJECT modes say what is asked or refused: "called for his
            # release" is yield, "urged them to return to talks" meet, "sought aid" assist.
            asked = content_trigger(tok, triggers)
            content = self.kind(asked.patterns[0].event).refusal if asked is not None else None
            mode, word = (content.mode, asked.head.text) if content is not None and asked is not None else asked_noun(tok)
            if mode is not None:
                out = [replace(c, mode=mode, rule=c.rule + f"; mode {mode}: asks '{word}'") if c is cand else c for c in out]
        blocking = find_blocker(tok, self.lexicon) if cand.blocked else None
        # "refused to meet" → REJECT; "rejected the offer" is the verb's own REJECT, not a derived one
        if blocking is not None and blocking.negator is not None and refusal is not None and tok.tag_.startswith("VB"):
            neg = blocking.negator
            # "refused to", and as the manual counts it "failed to": a REJECT
            if self.lexicon.negator_kind(neg.lemma_.lower()) in ("refuse", "fail") and doer:
                out.append(
                    replace(
                        cand,
                        trigger_head=neg.i,
                        trigger_tokens=tuple(sorted({neg.i, *cand.trigger_tokens})),
                        event=refusal.event,
                        mode=refusal.mode,
                        cameo=refusal.cameo,
                        rule=f"refused {cand.event}: '{neg.text}' + {cand.rule}",
                        blocked=None,
                    )
                )
        return out


def recipient_slots(tok: Token, p: Pattern, m: TriggerMatch, is_verb: bool) -> Iterator[tuple[str, Token]]:
    """The tokens in ``p``'s recipient slots, in the pattern's order: (slot, token)."""
    heads = [tok]
    if m.object is not None:  # "held talks with X", "suspended participation in the treaty with X"
        heads.append(m.object)
        heads += [pp for c in m.object.children if c.dep_ == "prep" for pp in c.children if pp.dep_ == "pobj"]
    for slot in p.recipient:
        tokens: list[Token] = []
        if slot == "dobj":
            tokens = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            if not tokens and not is_verb:
                continue
        elif slot in ("iobj", "dative"):
            tokens = [c for c in tok.children if c.dep_ in ("dative", "iobj")]
            tokens = [next((p for p in c.children if p.dep_ == "pobj"), c) if c.pos_ == "ADP" else c for c in tokens]
        elif slot == "ccomp_subj":
            tokens = [s for c in tok.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        elif slot == "in_object":  # the object's phrases, then the verb's own
            tokens = [*phrase_objects([c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]), *phrase_objects([tok])]
        else:
            tokens = prep_objects(heads, (slot,))
            if not tokens and is_verb and slot != "of":
                # "led a delegation on a visit to Russia": the phrase hung on the one before it
                # (not "of": "in the face of protesters" names no party acted on)
                tokens = prep_objects([pp for c in tok.children if c.dep_ == "prep" for pp in c.children if pp.dep_ == "pobj"], (slot,))
            if not tokens and not is_verb and tok.dep_ in ("dobj", "nsubj") and tok.head.pos_ == "VERB":
                # "followed his meeting on Tuesday with Patrushev": the PP hangs on the verb
                tokens = prep_objects([tok.head], (slot,), after=tok.i)
        yield from ((slot, t) for t in tokens)


def retype(chosen: Pattern, tok: Token, abroad: bool | None, recipient: Sequence[Mention]) -> tuple[Pattern, str]:
    """``chosen`` with the type the manual gives the act where the pattern's is too coarse, and the
    note for the rule ("" when unchanged). ``abroad``: whether the act goes abroad (``abroad_for``)."""
    if chosen.event == "MOBILIZE" and serves_peacekeeping(tok, abroad):
        # troops sent to a peacekeeping mission are military aid (CAMEO 074)
        return replace(chosen, event="AID", mode="military", cameo="074"), "; peacekeeping → AID"
    if chosen.event == "ASSAULT" and (measures := retaliates_by_measures(tok)) is not None:
        # "retaliated with its own tariffs": the manual's SANCTION (discontinue), CAMEO 163
        return replace(chosen, event="SANCTION", mode="discontinue", cameo="163"), f"; {measures} → SANCTION"
    if chosen.event == "RETREAT" and chosen.mode == "access" and sector_of(recipient) == "REF":
        # "opened its borders to refugees": asylum, the manual's AID (CAMEO 075), not a third party let in
        return replace(chosen, event="AID", mode=None, cameo="075"), "; refugees let in → AID"
    return chosen, ""


def same_party(speaker: Sequence[Mention], actor: Sequence[Mention]) -> bool:
    """Whether the speaker is one of the actor's mentions or of its country."""
    return any(m in actor for m in speaker) or bool(codes_of(speaker) & codes_of(actor))


def only_self(recipient: Sequence[Mention], actor: Sequence[Mention]) -> bool:
    """"Israel was willing to withdraw its troops": "its" names the actor again."""
    own = {_entity_key(e) for m in actor for e in m.entities}
    return bool(own) and {_entity_key(e) for m in recipient for e in m.entities} <= own


def asserted_noun(tok: Token) -> bool:
    """An event noun the sentence says happened: the subject of a verb of occurrence ("talks
    were held", "the attack killed 12") or the object of its preposition ("died in the
    attack"), the object of a light verb ("used its veto"), or dated ("his meeting on Tuesday")."""
    words, dates = english().events, english().dates
    head = tok.head.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubjpass") and head in words.occurrence_verbs:
        return True
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.lemma_.lower() in words.occurrence_verbs:
        return True
    if tok.dep_ == "dobj" and head in words.light_verbs:
        return True
    modifiers = (t for c in tok.children if c.dep_ in ("prep", "npadvmod", "nmod") for t in c.subtree)
    return any(t.ent_type_ in ("DATE", "TIME") or (t.pos_ == "PROPN" and (t.lower_ in dates.weekdays or t.lower_ in dates.months)) for t in modifiers)


def leaves_a_body(tok: Token, recipient: Sequence[Mention]) -> bool:
    """"withdrew from ECOWAS", "pulled out of the JCPOA": what is left is an IGO or an agreement."""
    if any(e.code == "IGO" for m in recipient for e in m.entities):
        return True
    left = english().events.left_bodies
    objects = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of") for o in c.children if o.dep_ == "pobj"]
    return any(o.lemma_.lower() in left or o.lower_ in left for o in objects)


def done_to_things(tok: Token) -> bool:
    """The verb's patient (object, or passive subject) is a thing or an animal: "the report was
    released", "millions of dogs are killed"."""
    patients = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not patients and tok.dep_ in ("acl", "relcl"):  # "a report released this month"
        patients = [tok.head]
    things = english().events.not_people
    # "millions of dogs": the noun after "of" counts too
    patients += [o for p in patients for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return any(p.lower_ in things or p.lemma_.lower() in things for p in patients)


def forecasts(tok: Token) -> bool:
    """A warning whose content says what may be, not what its speaker will do or on what
    condition: "warned that the situation could get worse", "officials warn it is too big"."""
    clauses = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]
    if not clauses:
        return False  # "warned Iran against …", "warned of retaliation": left to the lexicon
    modality = english().modality
    for clause in clauses:
        for t in clause.subtree:
            if t.dep_ in ("aux", "auxpass") and t.lower_ in modality.stating_modals:
                return False
            if t.dep_ == "mark" and t.lower_ in modality.conditional_marks:
                return False
    return True


def phrase_objects(heads: Sequence[Token], depth: int = 3) -> list[Token]:
    """The objects of every preposition inside ``heads``' phrases, outermost first
    ("the resumption of ties with Osgiliath" → ties, Osgiliath)."""
    out: list[Token] = []
    level = list(heads)
    for _ in range(depth):
        level = [p for h in level for c in h.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        out.extend(level)
    return out


def governing_verbs(tok: Token, depth: int = 5) -> list[Token]:
    """The verbs a clause hangs under, nearest first ("as they pummelled" → accused)."""
    out: list[Token] = []
    node = tok
    for _ in range(depth):
        if node.head is node or node.dep_ not in ("advcl", "ccomp", "xcomp", "pcomp", "conj", "pobj", "prep", "dobj"):
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            out.append(node)
    return out


def named_parties(noun: Token, index: MentionIndex, actor: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Known parties a noun's possessor or modifiers name: "Kenya's request", "a U.S. proposal"."""
    found: list[Mention] = []
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i:
            m = index.covering(c)
            if m is not None and m not in actor and m not in found and is_known(m):
                found.append(m)
    return tuple(found)


def modifier_recipient(noun: Token, index: MentionIndex, actor: tuple[Mention, ...]) -> Found:
    """An event noun whose actor is its possessor takes a modifier as recipient:
    "its Security Council veto" → the Council, "Israel's Gaza offensive" → Gaza."""
    if not actor:
        return NOTHING
    kept = named_parties(noun, index, actor)
    kept = tuple(m for m in kept if codes_of([m]) - codes_of(actor) or {e.sector for e in m.entities} - {e.sector for a in actor for e in a.entities})
    return Found(kept, "modifier") if kept else NOTHING


def armed_reporter(reported: Found, victims: Sequence[Mention]) -> Found:
    """An armed force that reports an agentless strike on its enemies claims it:
    "Central Command said the IS leader was killed". Civilians, officials or its own
    forces killed are not claimed ("the army said 8 soldiers were killed")."""
    forces = tuple(m for m in reported.mentions if m.entities and all(e.sector in ARMED_SECTORS for e in m.entities))
    if not forces or not victims:
        return NOTHING
    for v in victims:
        for e in v.entities:
            if not (e.sector in CLAIMED_SECTORS or (e.sector is None and e.kind == "person")):
                return NOTHING
    return Found(forces, "armed reporter of the strike")


def agentless(tok: Token) -> bool:
    """An attack whose perpetrator the text leaves out ("were killed", "the strike killed"),
    not one done by a thing that is no one ("a fire that killed") nor a participle naming a
    thing ("sanctions imposed on Russia")."""
    if tok.dep_ in ("acl", "amod") and is_passive(tok):
        return False
    if cause_is_incident(tok):
        return False
    subj, _how = subject_of(tok)
    return subj is None or is_attack_noun(subj)


def serves_peacekeeping(tok: Token, abroad: bool | None) -> bool:
    words = english().events
    if any(t.lower_ in words.peacekeeping_words for c in tok.children if c.dep_ == "prep" for t in c.subtree):
        return True
    return bool(abroad) and any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in words.protecting_verbs for c in tok.children)


def as_rewrite(cand: Candidate, rewrite: Rewrite, **changes: object) -> Candidate:
    """The candidate as the event the ontology rewrites it to (REJECT, AGREE, THREATEN)."""
    return replace(cand, event=rewrite.event, mode=rewrite.mode, cameo=rewrite.cameo, **changes)  # type: ignore[arg-type]


def refuses_by_negation(blocked: str | None) -> bool:
    """"said he would not provide support": a negated future is a refusal."""
    return blocked is not None and blocked.startswith("negation: ") and blocked[len("negation: ") :] in english().modality.refusing_negations


# Edges from a speech act to what it asks, refuses or threatens: "urged X to return
# to talks", "called for his release", "demanded the release of".
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "prep", "pobj"})


def content_tokens(tok: Token) -> Iterator[Token]:
    """The words of ``tok``'s content, nearest first, at most three edges down."""
    frontier = [tok]
    for _ in range(3):
        frontier = [c for t in frontier for c in t.children if c.dep_ in CONTENT_DEPS or for_mark(c) is not None]
        yield from frontier


def content_trigger(tok: Token, triggers: dict[int, TriggerMatch]) -> TriggerMatch | None:
    """The nearest trigger inside ``tok``'s content."""
    return next((triggers[c.i] for c in content_tokens(tok) if c.i in triggers), None)


def asked_noun(tok: Token) -> tuple[str | None, str]:
    """The mode a word of the content names (dyad/lang/en/asks.yaml): "called for his release"."""
    asks = english().asks
    for c in content_tokens(tok):
        if c.pos_ in ("NOUN", "VERB") and (mode := asks.mode_of(c.lemma_.lower())) is not None:
            return mode, c.text
    for c in tok.children:  # the trigger's own object: "sought assistance"
        if c.dep_ == "dobj" and (mode := asks.mode_of(c.lemma_.lower())) is not None:
            return mode, c.text
    return None, ""


def demands_by_modal(blocked: str | None) -> bool:
    """"must withdraw", "should release": what one must do, said by another, is asked of it."""
    return blocked is not None and blocked.startswith("modality: ") and blocked[len("modality: ") :].lower() in english().modality.demanding_modals


def sector_of(mentions: Sequence[Mention]) -> str | None:
    sectors = {e.sector for m in mentions for e in m.entities}
    return sectors.pop() if len(sectors) == 1 else None


def inherit_country(target: tuple[Mention, ...], source: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Give mentions named only by a sector the one country of the other side."""
    countries = codes_of(source)
    if len(countries) != 1:
        return target
    (code,) = countries
    out = []
    for m in target:
        if all(e.code is None and e.sector and e.kind != "ethnic" for e in m.entities):  # a people is no state's
            why = f"; country {code} from the other party (domestic event)"
            m = replace(m, entities=tuple(replace(e, code=code, resolution=(e.resolution or "") + why) for e in m.entities))
        out.append(m)
    return tuple(out)


def phrase_target(tok: Token, index: MentionIndex, actor: Sequence[Mention], skip: int = 0) -> Found:
    """PETRARCH's target: the first party named after the verb in its phrase, however deep
    ("welcomed memos sent by Bree", "marched close to the border with Mordor"); with
    ``skip``, the parties after that many (PETRARCH's "^")."""
    passed: list[Mention] = []
    for t in tok.subtree:
        m = index.covering(t) if t.i > tok.i else None
        if m is not None and m not in actor and m not in passed and codes_of([m]) - codes_of(actor):
            if len(passed) == skip:
                return Found((m,), "first party in the verb phrase" + (f" after {skip} skipped" if skip else ""))
            passed.append(m)
    return NOTHING


# Recipient slots of whom something is given or done to: "returned the painting to its owner".
GIVEN_TO = frozenset(("to", "dative", "iobj"))


def split_parties(actor: Found) -> tuple[Found, Found]:
    """"India and Japan discussed trade": the first named party acts, the others receive."""
    mentions = list(actor.mentions)
    if len(mentions) == 1 and len(mentions[0].entities) > 1:
        m = mentions[0]
        mentions = [replace(m, entities=(e,)) for e in m.entities]
    first = mentions[0] if mentions else None
    rest = tuple(m for m in mentions[1:] if codes_of([m]) - codes_of([first]))  # type: ignore[list-item]
    if first is None or not rest:
        return actor, NOTHING
    return Found((first,), actor.how), Found(rest, "conjoined party")


def has_conditional(tok: Token) -> bool:
    marks = english().modality.conditional_marks
    return any(t.dep_ == "mark" and t.lower_ in marks for t in tok.sent)


VICTIM_SECTORS = frozenset({"CVL", "JRN", "OPP", "REF", "MED", "EDU", "REL"})
# Travellers whose journeys are no visits (CONSULT): civilians, refugees, migrants.
TRAVELLER_SECTORS = frozenset({"CVL", "REF"})


def official_travel(actor: Sequence[Mention]) -> bool:
    """Travellers who are only civilians, refugees or a people make no visit (an unknown one may)."""
    ents = [e for m in actor for e in m.entities]
    return not ents or not all(e.sector in TRAVELLER_SECTORS or e.kind == "ethnic" for e in ents)


def possessor_is_victim(actor: Found, kind: PloverType) -> bool:
    """The possessor of a violent or coercive act done to people is its victim when it
    is a person or a civilian group ("the journalist's arrest"); a state, force or
    armed group in that slot is the one acting ("Russia's attack")."""
    if actor.how != "possessor" or not kind.no_actor_allowed or not actor.mentions:
        return False
    ents = [e for m in actor.mentions for e in m.entities]
    return bool(ents) and all(e.kind == "person" or (e.sector in VICTIM_SECTORS and e.kind != "country") for e in ents)



def drop_self_reference(doc: Doc, cand: Candidate) -> Candidate:
    """"X announced its offensive": a possessive pronoun that refers back to the
    actor is not the recipient; an actor is never its own recipient that way."""
    kept = tuple(m for m in cand.recipient if not refers_back(doc, m, cand.actor))
    return cand if len(kept) == len(cand.recipient) else replace(cand, recipient=kept)


def refers_back(doc: Doc, m: Mention, actor: Sequence[Mention]) -> bool:
    """Whether ``m`` is a possessive or reflexive pronoun naming only the actor ("its", "themselves")."""
    pronouns = english().pronouns
    return (m.end_token - m.start_token == 1 and doc[m.start_token].lower_ in pronouns.possessive | pronouns.reflexive
            and {_entity_key(e) for e in m.entities} <= {_entity_key(e) for a in actor for e in a.entities})


def _entity_key(e) -> tuple:
    return (e.code, e.sector, e.identifier_id or e.entity_name)


def drop_restated(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per trigger and type: "its refusal to hold talks" is one REJECT
    (mode meet), not a generic REJECT for "refusal" plus another."""
    best: dict[tuple[int, str, bool], Candidate] = {}
    for c in cands:
        key = (c.trigger_head, c.event, c.blocked is None)
        old = best.get(key)
        if old is None or (c.mode is not None, c.confidence) > (old.mode is not None, old.confidence):
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.trigger_head, c.blocked is not None, c.event))
