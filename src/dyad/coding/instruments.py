"""An attack's mode from the instrument its clause names.

The PLOVER 2.0 manual's ASSAULT modes say how violence was done: "killed in a
drone strike" is ``drone``, "police fired tear gas" is ``crowd-control``,
"a suicide bomber blew himself up" is ``suicide-attack``. The trigger verb
alone often cannot say it ("killed", "attacked"), so the words of the trigger's
own clause are read against ``dyad/lang/en/instruments.yaml``. A mode the
pattern gave that is no instrument (abduct, torture, targeted …) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from dyad.coding.ontology import Ontology
from dyad.lang import english
from dyad.records import Candidate

# Children that open another clause: what happens there is not this attack's instrument.
OTHER_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "mark"})
# CAMEO codes that say only "violence": an instrument may refine them (190 → 195 aerial).
GENERIC_CAMEO = frozenset({"18", "180", "19", "190"})
MAX_PHRASE = 5


@dataclass(frozen=True, slots=True)
class Instrument:
    mode: str
    phrase: str  # the words as written in the text


class InstrumentModes:
    """ASSAULT modes from instrument words, longest phrase first, then the data file's order."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        table = english().instruments.mode_of
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, mode in sorted(table.items(), key=lambda kv: -len(kv[0])):
            self.by_first.setdefault(words[0], []).append((words, mode))
        self.rank = {mode: i for i, mode in enumerate(dict.fromkeys(table.values()))}
        self.modes = frozenset(self.rank)

    def find(self, doc: Doc, head: Token, skip: frozenset[int] = frozenset()) -> Instrument | None:
        """The highest-ranked instrument named in ``head``'s clause, outside ``skip``."""
        inside = clause_tokens(head) - skip
        best: Instrument | None = None
        i = head.sent.start
        while i < head.sent.end:
            match = self._match_at(doc, i, inside) if i in inside else None
            if match is None:
                i += 1
                continue
            length, mode = match
            if best is None or self.rank[mode] < self.rank[best.mode]:
                best = Instrument(mode, doc[i : i + length].text)
            i += length  # "suicide bomber" is not also a "bomber"
        return best

    def _match_at(self, doc: Doc, i: int, inside: set[int]) -> tuple[int, str] | None:
        tok = doc[i]
        for first in dict.fromkeys((tok.lower_, tok.lemma_.lower())):
            for words, mode in self.by_first.get(first, ()):
                end = i + len(words)
                if end > tok.sent.end or any(j not in inside for j in range(i, end)):
                    continue
                if all(w in (doc[j].lower_, doc[j].lemma_.lower()) for w, j in zip(words, range(i, end))):
                    return len(words), mode
        return None

    def refine(self, doc: Doc, cand: Candidate) -> Candidate:
        """The candidate with the mode (and finer CAMEO code) its instrument gives, if any."""
        if cand.event != "ASSAULT" or (cand.mode is not None and cand.mode not in self.modes):
            return cand
        # A pattern that already named the instrument ("bombed" → aerial) is not re-read from its own verb.
        skip = frozenset(cand.trigger_tokens) if cand.mode is not None else frozenset()
        found = self.find(doc, doc[cand.trigger_head], skip)
        if found is None or found.mode == cand.mode:
            return cand
        cameo = cand.cameo
        if cameo is None or cameo in GENERIC_CAMEO or self.ontology.plover_of(cameo)[1] != found.mode:
            cameo = self.ontology.cameo_of_mode("ASSAULT", found.mode) or cameo
        return replace(cand, mode=found.mode, cameo=cameo, rule=f"{cand.rule}; mode {found.mode}: '{found.phrase}'")


def clause_tokens(head: Token) -> set[int]:
    """The trigger's own clause: its subtree without embedded clauses, and, for an
    event noun, the clause of the verb that governs it ("carried out an attack
    with drones")."""
    roots = [head]
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.head is not head:
        gov = head.head.head if head.dep_ == "pobj" and head.head.head is not head.head else head.head
        roots.append(gov)
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        tok = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in OTHER_CLAUSE_DEPS and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return seen
