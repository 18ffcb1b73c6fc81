"""The trigger lexicon: packaged coverage, user extension, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.coding import load_lexicon, load_ontology
from dyad.errors import ConfigError


def test_packaged_lexicon_covers_all_sixteen_types():
    lex = load_lexicon()
    types = {p.event for ps in (*lex.verbs.values(), *lex.nouns.values()) for p in ps}
    assert types == set(load_ontology().types)


def test_every_pattern_names_a_known_cameo_code():
    onto = load_ontology()
    lex = load_lexicon()
    for ps in (*lex.verbs.values(), *lex.nouns.values()):
        for p in ps:
            assert p.cameo in onto.cameo, p.origin


def test_on_and_off_are_words_not_booleans():
    call = load_lexicon().verbs["call"]
    assert any("on" in p.particles for p in call) and any("off" in p.particles for p in call)


def test_most_specific_pattern_first():
    hold = load_lexicon().verbs["hold"]
    assert [p.specificity for p in hold] == sorted((p.specificity for p in hold), reverse=True)
    welcome = load_lexicon().verbs["welcome"]
    assert welcome[-1].event == "CONSULT" and welcome[-1].specificity == 0  # "welcomed Wang Yi"
    assert any(p.event == "SUPPORT" and p.specificity == 2 for p in welcome)  # "welcomed the decision"


def test_user_file_extends_and_wins(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "verbs:\n"
        "  - {verb: rebuke, event: ACCUSE, mode: disapprove, cameo: '111', recipient: [dobj], confidence: 0.95}\n"
        "  - {verb: frobnicate, event: ASSAULT, recipient: [dobj]}\n"
        "negators:\n"
        "  deny: [disavow]\n",
        encoding="utf-8",
    )
    lex = load_lexicon([mine])
    assert lex.verbs["frobnicate"][0].cameo == "190"  # the type's default CAMEO code
    assert lex.verbs["rebuke"][0].confidence == 0.95
    assert lex.verbs["rebuke"][0].origin == f"{mine}:2"
    assert lex.negator_kind("disavow") == "deny"
    assert "rebuke" in load_lexicon().verbs and load_lexicon().verbs["rebuke"][0].confidence == 0.8


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("verbs:\n  - {verb: meet, event: CHAT}\n", 2, "unknown PLOVER event type"),
        ("verbs:\n  - {verb: meet, event: CONSULT}\n  - {verb: hit, event: ASSAULT, cameo: '999'}\n", 3, "unknown CAMEO code"),
        ("verbs:\n  - {verb: meet, event: CONSULT, mode: riot}\n", 2, "not a mode of CONSULT"),
        ("verbs:\n  - {verb: meet, event: CONSULT, colour: red}\n", 2, "unknown key"),
        ("nouns:\n  - {noun: talks, event: CONSULT, actor: [subject]}\n", 2, "unknown actor slot"),
        ("verbs:\n  - {event: CONSULT}\n", 2, "missing 'verb'"),
        ("verbs:\n  - {verb: meet, event: CONSULT, confidence: 3}\n", 2, "confidence"),
        ("verbs: [\n  {verb: meet\n", 3, "not valid YAML"),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path: Path, body: str, line: int, message: str):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_lexicon([bad])
    assert f"{bad}:{line}" in str(err.value) and message in str(err.value)


def test_missing_user_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read lexicon"):
        load_lexicon([tmp_path / "nope.yaml"])
