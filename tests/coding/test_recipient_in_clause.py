"""The recipient found anywhere in the trigger's clause (coding/recipients.py, issue 14).

Logic tests: the parses are built by hand, the mentions are made for the words of a
small table, so no model is needed.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyad.coding.arguments import MentionIndex
from dyad.coding.mentions import PlaceFinder
from dyad.coding.recipients import recipient_in_clause, unnamed_recipient
from dyad.coding.triggers import TriggerMatch
from dyad.records import Entity, Mention

VOCAB = spacy.blank("en").vocab  # lower-case forms, no model
# word → (code, sector) for the mentions the actor resolver would give
PARTIES = {
    "Egypt": ("EGY", None),
    "Libya": ("LBY", None),
    "Dbeibeh": ("LBY", "GOV"),
    "EU": ("IGO", None),
    "Britain": ("GBR", None),
    "troops": (None, "MIL"),
    "South": ("ZAF", None),
    "its": ("EGY", None),
    "prisoners": ("CUB", "CVL"),
}


def parse(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def index_of(doc: Doc) -> MentionIndex:
    mentions = []
    for tok in doc:
        if tok.text in PARTIES:
            code, sector = PARTIES[tok.text]
            mentions.append(Mention(tok.i, tok.i + 1, tok.i, (Entity(tok.text, code=code, sector=sector),), tok.text))
    return MentionIndex(doc, mentions)


def found(doc: Doc, trigger: int, actor_word: str | None = None, obj: int | None = None) -> list[str]:
    index = index_of(doc)
    actor = tuple(m for m in index.mentions if m.text == actor_word)
    match = TriggerMatch(head=doc[trigger], patterns=(), words=(trigger,), object=doc[obj] if obj is not None else None)
    return [m.text for m in recipient_in_clause(doc[trigger], match, index, actor).mentions]


def test_a_party_deep_in_the_complement_is_the_recipient():
    # "Egypt agreed to allow the deployment of South African troops ."
    doc = parse(
        ["Egypt", "agreed", "to", "allow", "the", "deployment", "of", "South", "African", "troops", "."],
        [1, 1, 3, 1, 5, 3, 5, 8, 9, 6, 1],
        ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "prep", "compound", "amod", "pobj", "punct"],
        ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "ADP", "PROPN", "ADJ", "NOUN", "PUNCT"],
    )
    assert found(doc, 1, "Egypt") == ["troops"]


def test_the_subject_of_a_demanded_clause_is_the_recipient():
    # "Libya demanded that Dbeibeh step down ." : the actor's own country, but another party
    doc = parse(
        ["Egypt", "demanded", "that", "Dbeibeh", "step", "down", "."],
        [1, 1, 4, 4, 1, 4, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "prt", "punct"],
        ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "ADP", "PUNCT"],
    )
    assert found(doc, 1, "Egypt") == ["Dbeibeh"]


def test_the_nearest_party_wins():
    # "Egypt imposed tariffs on exports from Libya , including the EU ."
    doc = parse(
        ["Egypt", "imposed", "tariffs", "on", "exports", "from", "Libya", ",", "including", "the", "EU", "."],
        [1, 1, 1, 2, 3, 4, 5, 6, 6, 10, 8, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct", "prep", "det", "pobj", "punct"],
        ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "DET", "PROPN", "PUNCT"],
    )
    assert found(doc, 1, "Egypt") == ["Libya"]


def test_never_the_actor_nor_its_own_possessive():
    # "Egypt withdrew its troops ." : "its" is Egypt again; "troops" the trigger's own object
    doc = parse(
        ["Egypt", "withdrew", "its", "troops", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "poss", "dobj", "punct"],
        ["PROPN", "VERB", "PRON", "NOUN", "PUNCT"],
    )
    assert found(doc, 1, "Egypt", obj=3) == []


def test_not_inside_a_clause_that_tells_another_act():
    # "Egypt lifted the embargo , before Britain left ." : Britain's leaving is another act
    doc = parse(
        ["Egypt", "lifted", "the", "embargo", ",", "before", "Britain", "left", "."],
        [1, 1, 3, 1, 1, 7, 7, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct", "mark", "nsubj", "advcl", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "SCONJ", "PROPN", "VERB", "PUNCT"],
    )
    assert found(doc, 1, "Egypt") == []
    # "… the embargo that Britain imposed": a relative clause is another act too
    doc = parse(
        ["Egypt", "lifted", "the", "embargo", "that", "Britain", "imposed", "."],
        [1, 1, 3, 1, 6, 6, 3, 1],
        ["nsubj", "ROOT", "det", "dobj", "dobj", "nsubj", "relcl", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PRON", "PROPN", "VERB", "PUNCT"],
    )
    assert found(doc, 1, "Egypt") == []


def test_not_the_source_of_a_report():
    # "Egypt shut the border , according to Britain ."
    doc = parse(
        ["Egypt", "shut", "the", "border", ",", "according", "to", "Britain", "."],
        [1, 1, 3, 1, 1, 1, 5, 6, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct", "prep", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT"],
    )
    assert found(doc, 1, "Egypt") == []


def unnamed(doc: Doc, trigger: int, slots: list[int], words: tuple[int, ...] = ()) -> list[tuple[str, str | None, str | None]]:
    match = TriggerMatch(head=doc[trigger], patterns=(), words=(trigger, *words), object=None)
    found = unnamed_recipient([doc[i] for i in slots], match, index_of(doc), PlaceFinder(enabled=False))
    return [(e.entity_text, e.code, e.sector) for x in found.mentions for e in x.entities]


def test_a_common_noun_in_the_slot_is_an_unnamed_recipient():
    # "Egypt freed a former presidential candidate ."
    doc = parse(
        ["Egypt", "freed", "a", "former", "presidential", "candidate", "."],
        [1, 1, 5, 5, 5, 1, 1],
        ["nsubj", "ROOT", "det", "amod", "amod", "dobj", "punct"],
        ["PROPN", "VERB", "DET", "ADJ", "ADJ", "NOUN", "PUNCT"],
    )
    assert unnamed(doc, 1, [5]) == [("a former presidential candidate", None, "UNK")]


def test_the_triggers_own_noun_is_no_unnamed_recipient():
    # "Egypt expelled the inspectors ." with the pattern "expel +inspectors"
    doc = parse(
        ["Egypt", "expelled", "the", "inspectors", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert unnamed(doc, 1, [3], words=(3,)) == []
    # a name in the slot is the resolver's or find_unknown_recipient's, not a common noun
    doc = parse(["Egypt", "freed", "Britain", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PUNCT"])
    assert unnamed(doc, 1, [2]) == []


def test_the_subject_of_a_condition_is_the_recipient():
    # "Egypt will not lift the embargo until Libya frees the prisoners ." : the act waits on Libya
    doc = parse(
        ["Egypt", "will", "not", "lift", "the", "embargo", "until", "Libya", "frees", "the", "prisoners", "."],
        [3, 3, 3, 3, 5, 3, 8, 8, 3, 10, 8, 3],
        ["nsubj", "aux", "neg", "ROOT", "det", "dobj", "mark", "nsubj", "advcl", "det", "dobj", "punct"],
        ["PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "SCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert found(doc, 3, "Egypt", obj=5) == ["Libya"]


def test_the_party_a_purpose_clause_helps_is_the_recipient():
    # "Egypt sent doctors to help Libya ." : the purpose says whom the act is for
    doc = parse(
        ["Egypt", "sent", "doctors", "to", "help", "Libya", "."],
        [1, 1, 1, 4, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj", "punct"],
        ["PROPN", "VERB", "NOUN", "PART", "VERB", "PROPN", "PUNCT"],
    )
    assert found(doc, 1, "Egypt", obj=2) == ["Libya"]


def test_a_named_person_of_the_actors_country_is_someone_else():
    # "Libya demanded that Dbeibeh step down ." : Dbeibeh is Libyan, and not the actor
    doc = parse(
        ["Libya", "demanded", "that", "Dbeibeh", "step", "down", "."],
        [1, 1, 4, 4, 1, 4, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "prt", "punct"],
        ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "ADP", "PUNCT"],
    )
    assert found(doc, 1, "Libya") == []  # a bare sector mention of Libya is the actor's own country
    person = Entity("Dbeibeh", code="LBY", sector="GOV", kind="person", identifier_id="Q1")
    index = MentionIndex(doc, [*(m for m in index_of(doc).mentions if m.text != "Dbeibeh"), Mention(3, 4, 3, (person,), "Dbeibeh")])
    actor = tuple(m for m in index.mentions if m.text == "Libya")
    match = TriggerMatch(head=doc[1], patterns=(), words=(1,), object=None)
    assert [m.text for m in recipient_in_clause(doc[1], match, index, actor).mentions] == ["Dbeibeh"]
    # the same person again ("he" after Dbeibeh) is the actor itself
    assert recipient_in_clause(doc[1], match, index, (index.covering(doc[3]),)).mentions == ()


def test_a_time_is_no_thing_acted_on():
    # "Rebels protested on Thursday ." : "on Thursday" is when, not what the protest is about
    from dyad.coding.recipients import own_state_recipient, thing_recipient

    words = ["rebels", "protested", "on", "Thursday", "."]
    heads, deps = [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, ents=["O", "O", "O", "B-DATE", "O"], sent_starts=[True] + [False] * 4)
    rebels = Mention(0, 1, 0, (Entity("rebels", code="SDN", sector="REB", kind="sector"),), "rebels")
    index = MentionIndex(doc, [rebels])
    match = TriggerMatch(head=doc[1], patterns=(), words=(1,), object=None)
    assert own_state_recipient(doc[1], match, index, (rebels,)).mentions == ()
    assert thing_recipient(doc[1], match, index, (rebels,), PlaceFinder(enabled=False)).mentions == ()
    # without the date label the same noun is the thing the protest is about, of Sudan
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * 4)
    index = MentionIndex(doc, [rebels])
    match = TriggerMatch(head=doc[1], patterns=(), words=(1,), object=None)
    assert [e.code for m in own_state_recipient(doc[1], match, index, (rebels,)).mentions for e in m.entities] == ["SDN"]


def test_the_means_of_the_act_is_the_same_act():
    # "Egypt retaliated by announcing new tariffs on Libya ."
    words = ["Egypt", "retaliated", "by", "announcing", "new", "tariffs", "on", "Libya", "."]
    heads = [1, 1, 1, 2, 5, 3, 5, 6, 1]
    deps = ["nsubj", "ROOT", "prep", "pcomp", "amod", "dobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"]
    assert found(parse(words, heads, deps, pos), 1, "Egypt") == ["Libya"]
    # a clause after another preposition still tells another act: "after announcing"
    assert found(parse(["Egypt", "retaliated", "after", *words[3:]], heads, deps, pos), 1, "Egypt") == []
