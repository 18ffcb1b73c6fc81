"""A reaction to "the allegations", "the call" … answers whoever made them, told before
(coding/antecedents.py, issue 14). Logic tests: Docs and candidates built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyad.coding.antecedents import with_authors
from dyad.records import Candidate, Entity, Mention

VOCAB = spacy.blank("en").vocab

# "Washington accused Beijing of hacking . Beijing denied the allegations ."
WORDS = ["Washington", "accused", "Beijing", "of", "hacking", ".", "Beijing", "denied", "the", "allegations", "."]
HEADS = [1, 1, 1, 1, 3, 1, 7, 7, 9, 7, 7]
DEPS = ["nsubj", "ROOT", "dobj", "prep", "pcomp", "punct", "nsubj", "ROOT", "det", "dobj", "punct"]
POS = ["PROPN", "VERB", "PROPN", "ADP", "VERB", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
LEMMAS = ["Washington", "accuse", "Beijing", "of", "hack", ".", "Beijing", "deny", "the", "allegation", "."]


def doc() -> Doc:
    starts = [True] + [False] * 5 + [True] + [False] * 4
    return Doc(VOCAB, words=WORDS, heads=HEADS, deps=DEPS, pos=POS, lemmas=LEMMAS, sent_starts=starts)


def party(i: int, code: str) -> Mention:
    return Mention(i, i + 1, i, (Entity(WORDS[i], code=code, entity_name=WORDS[i], kind="country"),), WORDS[i])


def cand(head: int, event: str, actor: tuple[Mention, ...], recipient: tuple[Mention, ...] = (), blocked: str | None = None) -> Candidate:
    return Candidate(head, (head,), event, None, None, actor, recipient, "test", 0.9, blocked=blocked)


def unnamed(d: Doc) -> Mention:
    span = d[8:10]
    return Mention(8, 10, 9, (Entity.unknown("an unnamed party", span.text, span.start_char, span.end_char),), span.text)


def test_a_denial_answers_the_accuser_told_before():
    d = doc()
    accuse = cand(1, "ACCUSE", (party(0, "USA"),), (party(2, "CHN"),))
    reject = cand(7, "REJECT", (party(6, "CHN"),), (unnamed(d),))
    out = with_authors(d, [accuse, reject])
    (recipient,) = out[1].recipient
    entity = recipient.entities[0]
    assert (entity.code, entity.entity_text, entity.start) == ("USA", "the allegations", d[8].idx)
    assert out[0] is accuse
    # a scorer event, which names no unnamed party, reads the trigger's object itself
    assert with_authors(d, [accuse, cand(7, "REJECT", (party(6, "CHN"),))])[1].recipient[0].entities[0].code == "USA"


def test_no_author_of_another_type_nor_the_reacting_party_nor_a_blocked_one():
    d = doc()
    reject = cand(7, "REJECT", (party(6, "CHN"),), (unnamed(d),))
    for before in (
        cand(1, "REQUEST", (party(0, "USA"),)),  # a request makes no allegation
        cand(1, "ACCUSE", (party(0, "CHN"),)),  # Beijing does not answer itself
        cand(1, "ACCUSE", (party(0, "USA"),), blocked="negation: not"),  # an accusation not made
    ):
        assert with_authors(d, [before, reject])[1] is reject
    # an accusation told after the denial is no antecedent
    assert with_authors(d, [reject, cand(9, "ACCUSE", (party(0, "USA"),))])[0] is reject


def relative_clause_on(noun: str) -> Doc:
    # "Washington accused Beijing of hacking , a <noun> Beijing rejected ."
    return Doc(
        VOCAB,
        words=["Washington", "accused", "Beijing", "of", "hacking", ",", "a", noun, "Beijing", "rejected", "."],
        heads=[1, 1, 1, 1, 3, 1, 7, 1, 9, 7, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "pcomp", "punct", "det", "npadvmod", "nsubj", "relcl", "punct"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "PUNCT", "DET", "NOUN", "PROPN", "VERB", "PUNCT"],
        lemmas=["Washington", "accuse", "Beijing", "of", "hack", ",", "a", noun, "Beijing", "reject", "."],
        sent_starts=[True] + [False] * 10,
    )


def test_a_relative_clause_on_a_charge_answers_the_charge_just_made():
    accuse = cand(1, "ACCUSE", (party(0, "USA"),), (party(2, "CHN"),))
    beijing = Mention(8, 9, 8, (Entity("Beijing", code="CHN", entity_name="Beijing", kind="country"),), "Beijing")
    out = with_authors(relative_clause_on("charge"), [accuse, cand(9, "REJECT", (beijing,))])
    (recipient,) = out[1].recipient
    assert (recipient.entities[0].code, recipient.text) == ("USA", "a charge")
    # "a move Beijing rejected": a move is no speech act with an author
    assert with_authors(relative_clause_on("move"), [accuse, cand(9, "REJECT", (beijing,))])[1].recipient == ()
