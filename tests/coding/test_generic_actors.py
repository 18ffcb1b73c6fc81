"""Generic actors (issue 14): a common noun that names the doer is the event's actor, on
hand-built Docs (no spaCy model) and, marked ``model``, through the whole pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from dyad.actors.kb import load_knowledge_base
from dyad.coding.arguments import MentionIndex
from dyad.coding.extract import EventCoder
from dyad.coding.generic import agent_sector, is_generic
from dyad.coding.mentions import PlaceFinder
from dyad.coding.unknown import find_unknown_actor
from dyad.lang import english
from dyad.records import UNKNOWN_SECTOR, Article, Entity, Mention
from dyad.scoring.hybrid import decide
from dyad.scoring.model import Calibration, ScorerModel
from dyad.scoring.records import NO_EVENT, SentenceScores
from dyad.stages import extensions  # noqa: F401 - declares doc._.scores

VOCAB = spacy.blank("en").vocab
# word, lemma, head, dep, tag, entity
Row = tuple[str, str, int, str, str, str]


def doc_of(rows: list[Row]) -> Doc:
    words, lemmas, heads, deps, tags, ents = (list(x) for x in zip(*rows, strict=True))
    pos = ["VERB" if t.startswith("VB") else "PROPN" if t.startswith("NNP") else "PRON" if t == "PRP" else "DET" if t == "DT"
           else "ADP" if t == "IN" else "PART" if t == "TO" else "PUNCT" if t == "." else "NOUN" for t in tags]
    return Doc(VOCAB, words=words, lemmas=lemmas, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)


# "Mogadishu airport in Somalia refused to meet officials ."
AIRPORT: list[Row] = [
    ("Mogadishu", "Mogadishu", 1, "compound", "NNP", "B-GPE"), ("airport", "airport", 4, "nsubj", "NN", "O"),
    ("in", "in", 1, "prep", "IN", "O"), ("Somalia", "Somalia", 2, "pobj", "NNP", "B-GPE"),
    ("refused", "refuse", 4, "ROOT", "VBD", "O"), ("to", "to", 6, "aux", "TO", "O"), ("meet", "meet", 4, "xcomp", "VB", "O"),
    ("officials", "official", 6, "dobj", "NNS", "O"), (".", ".", 4, "punct", ".", "O"),
]


def subject_rows(subject: list[Row], verb: str = "refused", lemma: str = "refuse") -> list[Row]:
    """``subject`` words (heads inside it counted from 0; its head's head is -1) + "<verb> to meet officials ."."""
    n = len(subject)
    rows = [(w, lem, n if h == -1 else h, dep, tag, ent) for w, lem, h, dep, tag, ent in subject]
    return [*rows, (verb, lemma, n, "ROOT", "VBD", "O"), ("to", "to", n + 2, "aux", "TO", "O"),
            ("meet", "meet", n, "xcomp", "VB", "O"), ("officials", "official", n + 2, "dobj", "NNS", "O"), (".", ".", n, "punct", ".", "O")]


@pytest.fixture(scope="module")
def places() -> PlaceFinder:
    return PlaceFinder()


def test_a_listed_common_noun_subject_is_a_generic_actor_with_the_country_its_phrase_names(places):
    doc = doc_of(AIRPORT)
    found = find_unknown_actor(doc[4], True, index=MentionIndex(doc, []), places=places)
    assert found.blocked is None and found.mention is not None
    (actor,) = found.mention.entities
    assert (actor.entity_text, actor.sector, actor.code, actor.kind) == ("Mogadishu airport", "GOV", "SOM", "sector")
    assert (actor.start, actor.end) == (0, len("Mogadishu airport"))
    assert is_generic(found.mention) and found.how.startswith("actor: generic agent")


def test_with_no_country_in_the_text_the_generic_actor_has_none():
    doc = doc_of(subject_rows([("The", "the", 1, "det", "DT", "O"), ("investigators", "investigator", -1, "nsubj", "NNS", "O")]))
    found = find_unknown_actor(doc[2], True, index=MentionIndex(doc, []), places=PlaceFinder())
    assert found.mention is not None
    (actor,) = found.mention.entities
    assert (actor.entity_text, actor.sector, actor.code) == ("The investigators", "COP", None)


@pytest.mark.parametrize("noun, lemma", [("report", "report"), ("move", "move"), ("decision", "decision"), ("statement", "statement")])
def test_a_thing_as_subject_names_no_one(noun, lemma):
    doc = doc_of(subject_rows([("The", "the", 1, "det", "DT", "O"), (noun, lemma, -1, "nsubj", "NN", "O")]))
    found = find_unknown_actor(doc[2], True)
    assert found.mention is None and found.blocked is not None


def test_a_pronoun_with_no_antecedent_stays_blocked():
    doc = doc_of(subject_rows([("They", "they", -1, "nsubj", "PRP", "O")]))
    found = find_unknown_actor(doc[1], True)
    assert found.mention is None and found.blocked is not None


def test_a_collective_noun_takes_the_sector_of_what_it_collects():
    doc = doc_of(subject_rows([("A", "a", 1, "det", "DT", "O"), ("group", "group", -1, "nsubj", "NN", "O"),
                               ("of", "of", 1, "prep", "IN", "O"), ("hackers", "hacker", 2, "pobj", "NNS", "O")]))
    found = find_unknown_actor(doc[4], True)
    assert found.mention is not None
    (actor,) = found.mention.entities
    assert (actor.entity_text, actor.sector) == ("A group of hackers", "CRM")


def test_a_collective_noun_of_a_name_the_knowledge_base_lacks_is_the_unknown_actor_with_its_words():
    doc = doc_of(subject_rows([("A", "a", 1, "det", "DT", "O"), ("delegation", "delegation", -1, "nsubj", "NN", "O"),
                               ("of", "of", 1, "prep", "IN", "O"), ("Zelmar", "Zelmar", 2, "pobj", "NNP", "B-ORG")]))
    found = find_unknown_actor(doc[4], True)
    assert found.mention is not None
    (actor,) = found.mention.entities
    assert actor.is_unknown and actor.sector == UNKNOWN_SECTOR and actor.entity_text == "A delegation of Zelmar"


def test_a_name_the_parse_took_for_an_adverb_before_a_subjectless_verb_is_the_unknown_actor():
    # "Zelmar had announced a suspension .": the small parser makes the name an advmod
    doc = doc_of([("Zelmar", "Zelmar", 2, "advmod", "RB", "B-ORG"), ("had", "have", 2, "aux", "VBD", "O"),
                  ("announced", "announce", 2, "ROOT", "VBN", "O"), ("a", "a", 4, "det", "DT", "O"),
                  ("suspension", "suspension", 2, "dobj", "NN", "O"), (".", ".", 2, "punct", ".", "O")])
    found = find_unknown_actor(doc[2], True)
    assert found.mention is not None and found.mention.text == "Zelmar" and found.mention.entities[0].is_unknown
    # an adverb that is no name leaves the clause without an actor, as before
    doc = doc_of([("Later", "later", 2, "advmod", "RB", "O"), ("had", "have", 2, "aux", "VBD", "O"),
                  ("announced", "announce", 2, "ROOT", "VBN", "O"), ("a", "a", 4, "det", "DT", "O"),
                  ("suspension", "suspension", 2, "dobj", "NN", "O"), (".", ".", 2, "punct", ".", "O")])
    found = find_unknown_actor(doc[2], True)
    assert found.mention is None and found.blocked == "no actor"


def test_the_scorer_codes_an_event_whose_doer_is_a_generic_actor():
    doc = doc_of(AIRPORT)
    labels = ("REJECT", "CONSULT", NO_EVENT)
    doc._.scores = (SentenceScores(0, len(doc), labels, (0.9, 0.02, 0.08)),)
    model = ScorerModel(estimator=None, labels=labels, default_threshold=0.5, override=0.9, override_rule_max=0.05, calibration=Calibration())
    (made,) = decide(doc, [], model, EventCoder(), [])
    assert made.rule.startswith("scorer:REJECT") and "generic agent" in made.rule
    (actor,) = made.actor[0].entities
    assert (actor.entity_text, actor.sector, actor.code) == ("Mogadishu airport", "GOV", "SOM")


def test_the_agent_nouns_use_plover_sectors_and_leave_the_resolvers_sector_words_to_it():
    kb = load_knowledge_base()
    words = english().agents
    assert set(words.sectors.values()) <= set(kb.sector_codes)
    assert not {k.removeprefix("sector:") for k in kb.sector_terms} & set(words.sectors)
    assert all(agent_sector(doc_of([(w, w, 0, "ROOT", "NN", "O")])[0]) == s for w, s in words.sectors.items())


@pytest.mark.model
def test_through_the_pipeline_an_airport_that_refuses_is_the_actor(pipeline):
    text = "Mogadishu airport in southern Somalia refused to allow a Kenyan plane to land on Tuesday."
    (event,) = [e for e in pipeline.code(Article(id="t", date=dt.date(2024, 5, 2), text=text)) if e.event == "REJECT"]
    (actor,) = event.actor
    assert (actor.entity_text, actor.sector, actor.code) == ("Mogadishu airport", "GOV", "SOM")


def test_with_no_place_the_generic_actor_takes_the_country_the_articles_names_point_to():
    doc = doc_of(subject_rows([("The", "the", 1, "det", "DT", "O"), ("investigators", "investigator", -1, "nsubj", "NNS", "O")]))
    kenya = [Mention(i, i + 1, i, (Entity("Kenya", "Kenya", "KEN", None, "country"),), "Kenya") for i in (5, 6)]
    found = find_unknown_actor(doc[2], True, index=MentionIndex(doc, kenya), places=PlaceFinder())
    assert found.mention is not None and found.mention.entities[0].code == "KEN"
    found = find_unknown_actor(doc[2], True, index=MentionIndex(doc, kenya[:1]), places=PlaceFinder())
    assert found.mention is not None and found.mention.entities[0].code is None  # one mention is not clear enough
