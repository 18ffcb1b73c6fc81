"""What the coder does with an event type is the ontology's (data/plover.yaml): adding a
type is an entry there plus lexicon patterns, and its flags and rewrites reach the
coder's decisions. The Docs are built by hand (no model); the new types are made up."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy
from spacy.tokens import Doc

from dyad.coding.extract import EventCoder
from dyad.coding.lexicon import Lexicon, merge_files, parse_lexicon_text
from dyad.coding.ontology import FLAGS, Ontology, load_ontology, read_ontology
from dyad.errors import ConfigError
from dyad.records import Candidate, Entity, Mention

PACKAGED = resources.files("dyad.coding.data").joinpath("plover.yaml").read_text(encoding="utf-8")
LEXICON = resources.files("dyad.coding.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
VOCAB = spacy.blank("en").vocab


def ontology_with(entry: str) -> Ontology:
    """The packaged types plus one more (``types`` is the file's last section)."""
    return read_ontology(PACKAGED.rstrip("\n") + "\n" + entry, "test-plover.yaml")


def parley(flags: str = "[]", more: str = "") -> Ontology:
    return ontology_with(
        "  PARLEY:\n    quad: 1\n    score: 2.0\n    default_cameo: \"040\"\n    requires_recipient: false\n"
        f"    modes: []\n    definition: Talks of a kind PLOVER does not have.\n    flags: {flags}\n{more}"
    )


def zap(flags: str = "[]") -> Ontology:
    return ontology_with(
        "  ZAP:\n    quad: 4\n    score: -8.0\n    default_cameo: \"190\"\n    requires_recipient: false\n"
        f"    modes: []\n    definition: Harm of a kind PLOVER does not have.\n    flags: {flags}\n"
    )


def coder(onto: Ontology, patterns: str) -> EventCoder:
    """The packaged lexicon read against ``onto``, with the new type's patterns first."""
    files = [parse_lexicon_text(patterns, "test-lexicon.yaml", onto), parse_lexicon_text(LEXICON, "lexicon.yaml", onto)]
    lexicon: Lexicon = merge_files(files)
    return EventCoder(lexicon=lexicon, ontology=onto)


def doc(words: list[str], heads: list[int], deps: list[str], tags: list[str], pos: list[str], lemmas: list[str]) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


def country(d: Doc, i: int, code: str) -> Mention:
    return Mention(i, i + 1, i, (Entity(d[i].text, code=code, kind="country"),), d[i].text)


def codes(mentions: tuple[Mention, ...]) -> str:
    return ",".join(sorted(e.code or e.sector or "" for m in mentions for e in m.entities))


def coded(candidates: list[Candidate], event: str) -> Candidate:
    return next(c for c in candidates if c.event == event)


def india_and_japan_parleyed() -> tuple[Doc, list[Mention]]:
    d = doc(
        ["India", "and", "Japan", "parleyed", "."],
        heads=[3, 0, 0, 3, 3],
        deps=["nsubj", "cc", "conj", "ROOT", "punct"],
        tags=["NNP", "CC", "NNP", "VBD", "."],
        pos=["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
        lemmas=["India", "and", "Japan", "parley", "."],
    )
    return d, [country(d, 0, "IND"), country(d, 2, "JPN")]


def test_the_packaged_flags_are_what_the_coder_held_as_constants():
    onto = load_ontology()
    assert onto.with_flag("speech") == {"AGREE", "REQUEST", "THREATEN", "REJECT"}
    assert onto.with_flag("symmetric") == {"CONSULT", "COOPERATE", "SUPPORT", "AGREE", "RETREAT", "CONCEDE"}
    assert onto.with_flag("undirected") == {"CONSULT", "COOPERATE"}
    assert onto.types["CONSULT"].refusal is not None and onto.types["CONSULT"].refusal.cameo == "125"
    assert onto.types["ASSAULT"].threat is not None and onto.types["ASSAULT"].threat.mode == "violence"
    with pytest.raises(KeyError, match="unknown PLOVER type flag"):
        onto.with_flag("symetric")


def test_a_new_type_is_an_entry_in_plover_yaml():
    onto = parley("[symmetric, undirected]")
    assert "PARLEY" in onto.types and onto.types["PARLEY"].symmetric
    assert "PARLEY" in onto.with_flag("undirected") and "PARLEY" not in onto.with_flag("domestic")
    assert onto.quad_of("PARLEY") == 1


def test_symmetric_flag_splits_the_parties():
    """"India and Japan parleyed": with the flag, India → Japan; without it, both act."""
    patterns = "verbs:\n  - {verb: parley, event: PARLEY}\n"
    d, mentions = india_and_japan_parleyed()
    with_flag = coded(coder(parley("[symmetric]"), patterns).code_doc(d, mentions, evaluations=[]), "PARLEY")
    assert (codes(with_flag.actor), codes(with_flag.recipient)) == ("IND", "JPN")
    d, mentions = india_and_japan_parleyed()
    without = coded(coder(parley("[]"), patterns).code_doc(d, mentions, evaluations=[]), "PARLEY")
    assert (codes(without.actor), codes(without.recipient)) == ("IND,JPN", "")


def test_an_agentless_act_has_the_unknown_actor_with_or_without_the_flag():
    """"Seven civilians were zapped": coded with the unknown actor (issue 14: never
    dropped for want of a named actor), whatever the type's flags."""
    patterns = "verbs:\n  - {verb: zap, event: ZAP, recipient: [dobj]}\n"

    def run(onto: Ontology) -> Candidate:
        d = doc(
            ["Seven", "civilians", "were", "zapped", "."],
            heads=[1, 3, 3, 3, 3],
            deps=["nummod", "nsubjpass", "auxpass", "ROOT", "punct"],
            tags=["CD", "NNS", "VBD", "VBN", "."],
            pos=["NUM", "NOUN", "AUX", "VERB", "PUNCT"],
            lemmas=["seven", "civilian", "be", "zap", "."],
        )
        victims = Mention(1, 2, 1, (Entity("civilians", sector="CVL", kind="sector"),), "civilians")
        return coded(coder(onto, patterns).code_doc(d, [victims], evaluations=[]), "ZAP")

    for flags in ("[no_actor_allowed]", "[]"):
        c = run(zap(flags))
        assert c.blocked is None and "actor unknown" in c.rule and codes(c.recipient) == "CVL"
        assert [(e.sector, e.code, e.start) for m in c.actor for e in m.entities] == [("UNK", None, None)]


def test_a_refusal_rewrite_makes_refusing_the_new_type_a_reject():
    """"India refused to parley": a REJECT of the mode and code the type's refusal names."""
    patterns = "verbs:\n  - {verb: parley, event: PARLEY}\n"

    def run(onto: Ontology) -> list[Candidate]:
        d = doc(
            ["India", "refused", "to", "parley", "."],
            heads=[1, 1, 3, 1, 1],
            deps=["nsubj", "ROOT", "aux", "xcomp", "punct"],
            tags=["NNP", "VBD", "TO", "VB", "."],
            pos=["PROPN", "VERB", "PART", "VERB", "PUNCT"],
            lemmas=["India", "refuse", "to", "parley", "."],
        )
        return [c for c in coder(onto, patterns).code_doc(d, [country(d, 0, "IND")], evaluations=[]) if c.blocked is None]

    rejected = run(parley("[]", '    refusal: {mode: meet, cameo: "125"}\n'))
    assert [(c.event, c.mode, c.cameo, codes(c.actor)) for c in rejected] == [("REJECT", "meet", "125", "IND")]
    assert run(parley("[]")) == []


@pytest.mark.parametrize(
    ("more", "message"),
    [
        ("    flags: [symetric]\n", "flags must be a list of"),
        ("    colour: red\n", "unknown key(s) colour"),
        ('    refusal: {mode: meet, cameo: "036"}\n', "CAMEO 036 is not a REJECT code"),
        ('    refusal: {mode: riot, cameo: "125"}\n', "'riot' is not a mode of REJECT"),
        ('    threat: {mode: violence, cameo: "138", when: now}\n', "only mode and cameo"),
    ],
)
def test_a_bad_type_entry_names_the_file_and_line(more: str, message: str):
    entry = (
        "  PARLEY:\n    quad: 1\n    score: 2.0\n    default_cameo: \"040\"\n    requires_recipient: false\n"
        f"    modes: []\n    definition: Talks.\n{more}"
    )
    line = PACKAGED.rstrip("\n").count("\n") + 3  # the entry's first key, under "PARLEY:"
    with pytest.raises(ConfigError) as err:
        ontology_with(entry)
    assert f"test-plover.yaml:{line}:" in str(err.value) and message in str(err.value), str(err.value)


def test_every_flag_is_documented_in_plover_yaml():
    header = PACKAGED.split("\ntypes:", 1)[0]
    for flag in FLAGS:
        assert f"#   {flag} " in header, flag
