"""dyad's events as PETRARCH event triples: (source, target, event code).

For users who keep CAMEO/PETRARCH dictionaries and want the codes they wrote
back out:

* the **event code** is the ``code`` kept on the lexicon pattern that fired
  (``dyad lexicon import`` keeps PETRARCH's code verbatim, even one that is not
  CAMEO), also when dyad recoded the event for its tense ("will contribute" is
  an AGREE to give aid, a stated harm a THREATEN): PETRARCH codes the verb
  whatever its tense. A negation dyad recodes (a refusal is a REJECT, "must
  withdraw" said by another a REQUEST) is written with the event's CAMEO code,
  since PETRARCH says those with patterns of its own (``NOT * [112]``);
  otherwise the event's CAMEO code;
* a **paired** code ``032:033`` gives two triples, as in PETRARCH: the source
  does 032 to the target and the target 033 to the source;
* **actors** are written as CAMEO-style codes: country (or IGO, NGO …) then the
  sector as a CAMEO role (``dyad.actors.cameo_codes.cameo_of``: ``DNKMED``,
  ``---GOV``); a side dyad left empty, or the unknown actor, is ``---``; each entity of a side gives
  its own triples ("Arnor and Gondor" → two);
* a **compound** pattern (PETRARCH's ``% *``: "Gondor and Osgiliath have delayed
  their meeting") codes the subject's parties among themselves, so its code is
  written both ways (GON → OSG and OSG → GON) when it is not paired already;
* with ``require_dyad`` (PETRARCH's default setting) a triple whose source or
  target is ``---`` (no code at all) is not written: "a senior official said"
  with nobody spoken to codes nothing. With ``new_actors`` (PETRARCH's
  ``new_actor_length``: a noun phrase the dictionaries lack is written as a new
  actor) a side of words with no code (dyad's unknown actor, a name its knowledge base
  lacks) counts as named.

The pattern that fired is found by its ``file:line``, which the coder writes
into every event's ``rule``. Code with ``STAGES`` (the default stages but the
learned scorer, which retypes a sentence's events by what it learned from
news, not by the dictionary's codes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.actors.cameo_codes import UNKNOWN, cameo_of
from dyad.coding.lexicon import Lexicon, Pattern
from dyad.coding.ontology import Ontology, load_ontology
from dyad.records import Entity, Event
from dyad.stages import DEFAULT_STAGES

STAGES = tuple(s for s in DEFAULT_STAGES if s != "scorer")

_ORIGIN = re.compile(r"\(([^()]+:\d+)\)")


@dataclass(frozen=True, slots=True, order=True)
class Triple:
    source: str
    target: str
    code: str

    def __str__(self) -> str:
        return f"({self.source}, {self.target}, {self.code})"


class PetrarchCodes:
    """Writes events as triples, reading kept codes from ``lexicon``'s patterns."""

    def __init__(self, lexicon: Lexicon, require_dyad: bool = True, ontology: Ontology | None = None):
        self.require_dyad = require_dyad
        self.ontology = ontology or load_ontology()
        self.by_origin: dict[str, Pattern] = {}
        for table in (lexicon.verbs, lexicon.nouns, lexicon.adjectives):
            for patterns in table.values():
                for p in patterns:
                    self.by_origin.setdefault(p.origin, p)

    def pattern_of(self, event: Event) -> Pattern | None:
        """The lexicon pattern named first in the event's rule, if any."""
        m = _ORIGIN.search(event.rule)
        return None if m is None else self.by_origin.get(m[1])

    def code_of(self, event: Event) -> str:
        """The kept dictionary code, unless dyad recoded the event for a negation."""
        pattern = self.pattern_of(event)
        if pattern is not None and pattern.code and self.same_act(pattern, event):
            return pattern.code
        return event.cameo or ""

    def same_act(self, pattern: Pattern, event: Event) -> bool:
        """Whether ``event`` is the pattern's act, maybe recoded for its tense (an
        intention to do it, a threat of it), not its refusal or a demand for it."""
        if pattern.event == event.event:
            return True
        kind = self.ontology.kind(pattern.event) if pattern.event in self.ontology.types else None
        tense = (kind.intention, kind.threat) if kind is not None else ()
        promise = pattern.event == "AGREE" and event.event == "THREATEN"  # "vowed to retaliate"
        return promise or any(r is not None and r.event == event.event for r in tense)

    def triples(self, event: Event, require_dyad: bool | None = None, new_actors: bool = False) -> list[Triple]:
        """The event's triples; ``require_dyad`` (default: this writer's) drops those with an empty
        side; with ``new_actors`` a side of unknown actors with words is not empty."""
        code = self.code_of(event)
        forward, _, backward = code.partition(":")
        pattern = self.pattern_of(event)
        if pattern is not None and pattern.compound and not backward:
            backward = forward
        strict = self.require_dyad if require_dyad is None else require_dyad
        # With require_dyad, "---" is written only for a side of new actors (words with no code).
        sources = [(c, not strict or c != UNKNOWN or (new_actors and new_actor_side(event.actor)))
                   for c in actor_codes(event.actor)]
        targets = [(c, not strict or c != UNKNOWN or (new_actors and new_actor_side(event.recipient)))
                   for c in actor_codes(event.recipient)]
        pairs = [(s, t) for s, s_ok in sources for t, t_ok in targets if s_ok and t_ok]
        out = [Triple(s, t, forward) for s, t in pairs]
        if backward:
            out += [Triple(t, s, backward) for s, t in pairs]
        return out


def new_actor_side(entities: tuple[Entity, ...]) -> bool:
    """Whether a side is only actors with words and no code (PETRARCH's new actors): the
    unknown actor, or a name the knowledge base lacks."""
    return bool(entities) and all(not e.code and e.entity_text.strip() for e in entities)


def actor_codes(entities: tuple[Entity, ...]) -> list[str]:
    """One CAMEO-style code per entity; ``---`` for an empty side. The unknown actor
    (sector UNK, issue 14) is PETRARCH's empty side: ``---``, or its country alone."""
    codes = list(dict.fromkeys((e.code or UNKNOWN) if e.is_unknown else cameo_of(e.code, e.sector) for e in entities))
    return codes or [UNKNOWN]
