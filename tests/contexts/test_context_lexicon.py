"""The context lexicon: the manual's names, the data file's format and its errors."""

from __future__ import annotations

import re

import pytest

from dyad.coding.ontology import load_ontology
from dyad.contexts.lexicon import (
    AUXILIARY_MODES,
    GENERAL_CONTEXTS,
    build_lexicon,
    load_context_lexicon,
    parse_context_lexicon,
)
from dyad.contexts.rules import paragraph_span, read_article
from dyad.contexts.tagger import ContextTagger
from dyad.errors import ConfigError


def manual_general_contexts(tex: str) -> list[str]:
    """The names in the manual's table "General contexts" (its first column)."""
    table = tex[tex.index(r"\label{tab:general-contexts}") : tex.index("END CONTEXTS TABLE")]
    names = []
    for line in table.splitlines():
        m = re.match(r"\s*(?:\\hyperref\[[^\]]*\]\{([^}]*)\}|([a-z\\_]+))\s*&", line)
        if m and (m.group(1) or m.group(2)) != "Name":
            names.append((m.group(1) or m.group(2)).replace("\\_", "_"))
    return names


def test_general_contexts_are_the_manuals_table(shared):
    tex = (shared / "ontology" / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    assert manual_general_contexts(tex) == list(GENERAL_CONTEXTS)
    assert len(GENERAL_CONTEXTS) == 37


def test_packaged_lexicon_names_only_manual_contexts():
    lex = load_context_lexicon()
    assert {c.context for c in lex.cues} <= set(GENERAL_CONTEXTS)
    for table in (lex.sectors, lex.actors, lex.types):
        assert {n for names in table.values() for n in names} <= set(GENERAL_CONTEXTS)
    assert set(lex.crosswalk.values()) <= set(GENERAL_CONTEXTS)


def test_every_crosswalk_context_becomes_a_manual_name():
    tagger = ContextTagger.from_ontology(load_ontology())
    names = {n for names in tagger.crosswalk.values() for n in names}
    assert names <= set(GENERAL_CONTEXTS)
    assert tagger.crosswalk["0312"] == ("military",)  # express intent to cooperate militarily
    assert "human_security" in tagger.crosswalk["0333"]  # "humanitarian" in the crosswalk


def test_auxiliary_modes_are_not_general_contexts():
    assert not set(AUXILIARY_MODES) & set(GENERAL_CONTEXTS)


@pytest.mark.parametrize(
    "text,message",
    [
        ("contexts:\n  warfare:\n    cues: [war]\n", "user.yaml:2: 'warfare' is not one of the manual's general contexts"),
        ("contexts:\n  military:\n    words: [war]\n", "user.yaml:3: unknown key(s) words"),
        ("contexts:\n  military:\n    cues: [war, 'ar*']\n", "user.yaml:3: cue 'ar*'"),
        ("contexts:\n  military:\n    cues: war\n", "'military.cues' must be a list"),
        ("contexts:\n  military:\n    sectors: [mil]\n", "user.yaml:3: military.sectors: 'mil' must be an upper-case code"),
        ("crosswalk:\n  humanitarian: aid\n", "user.yaml:2: crosswalk maps 'humanitarian' to 'aid'"),
        ("settings:\n  window: 2\n", "user.yaml:2: setting 'window'"),
        ("themes: {}\n", "user.yaml:1: unknown section(s) themes"),
        ("contexts:\n  military: [war\n", "user.yaml:3: not valid YAML"),
    ],
)
def test_malformed_files_name_file_and_line(text, message):
    with pytest.raises(ConfigError) as err:
        parse_context_lexicon(text, "user.yaml")
    assert message in str(err.value)


def test_user_file_adds_cues_and_overrides_settings(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("settings:\n  paragraph_window: 0\ncontexts:\n  cyber:\n    strong: [botnet*]\n", encoding="utf-8")
    lex = load_context_lexicon((user,))
    assert lex.settings["paragraph_window"] == 0
    art = read_article("Police dismantled a botnet. Officials spoke.", lex)
    assert [(m.text, m.cues[0].context) for m in art.matches if m.cues[0].context == "cyber"] == [("botnet", "cyber")]
    with pytest.raises(ConfigError, match="cannot read"):
        load_context_lexicon((tmp_path / "missing.yaml",))


def test_cues_match_whole_words_stems_and_exact_case_acronyms():
    lex = build_lexicon([parse_context_lexicon(
        "contexts:\n  terrorism:\n    strong: [IS, Islamic State]\n  diplomatic:\n    cues: [negotiat*, peace talks]\n",
        "t.yaml")])
    text = "It is said IS fighters left. Negotiations and peace-talks resumed; renegotiate nothing."
    found = [(m.text, m.cues[0].context) for m in read_article(text, lex).matches]
    assert found == [("IS", "terrorism"), ("Negotiations", "diplomatic"), ("peace-talks", "diplomatic")]


def test_a_paragraph_longer_than_the_limit_is_read_as_unbroken_text():
    lex = load_context_lexicon(())
    short = "Troops moved. Talks began. Aid came.\n\nA court ruled. Police left."
    art = read_article(short, lex)
    assert paragraph_span(art, 1, 1, lex.settings) == (0, 3)  # the blank-line paragraph, whole
    page = " ".join(f"Event {i} happened." for i in range(40)) + "\n\nThe end came."
    art = read_article(page, lex)
    assert int(lex.settings["paragraph_max_sentences"]) < 40
    assert paragraph_span(art, 20, 20, lex.settings) == (19, 22)  # the sentences either side (paragraph_window 1)
