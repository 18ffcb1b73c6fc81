"""Pattern features an imported PETRARCH dictionary needs: the target inside the
verb phrase (``in_object``), and a lexicon that replaces the packaged patterns
(``builtin: false``). Sentences and patterns are our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from sides import codes_of

from dyad.coding import EventCoder, load_lexicon

LEXICON = """\
builtin: false
discards:
  sentence: [golf championships]
  story: [typhoon]
verbs:
  - {verb: applaud, event: CONSULT, cameo: "041", code: "041", recipient: [dobj, in_object, ccomp_subj]}
  - {verb: reckon, event: REQUEST, cameo: "023", code: "023", recipient: [dobj, in_object, ccomp_subj]}
  - {verb: applaud, before: ["did not", "did n't"], event: REJECT, cameo: "120", code: "904", recipient: [dobj, in_object]}
  - {verb: postpone, compound: true, event: COERCE, cameo: "191", code: "191", recipient: [dobj]}
  - {verb: postpone, event: COERCE, cameo: "191", code: "191", recipient: [dobj]}
  - {verb: praise, event: CONSULT, cameo: "041", code: "041", recipient: [dobj]}
"""


@pytest.fixture
def lexicon_file(tmp_path: Path) -> Path:
    path = tmp_path / "imported.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


def test_a_file_without_builtin_patterns_codes_with_its_own_only(lexicon_file: Path) -> None:
    alone = load_lexicon([lexicon_file])
    assert set(alone.verbs) == {"applaud", "reckon", "postpone", "praise"} and alone.alone
    assert alone.verbs["applaud"][0].before  # words before the verb make a pattern closer
    assert "say" in alone.reporting_verbs and alone.negator_kind("refuse") == "refuse"  # the language's words stay
    merged = lexicon_file.with_name("merged.yaml")
    merged.write_text(LEXICON.replace("builtin: false\n", ""), encoding="utf-8")
    assert {"applaud", "attack"} <= set(load_lexicon([merged]).verbs) and not load_lexicon([merged]).alone


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("France applauded the resumption of talks with Iran.", "FRA", "IRN"),  # inside the object's phrases
        ("France applauded loudly at the summit with Japan.", "FRA", "JPN"),  # the verb's own phrases
        ("France reckons Iran can cope with the decision.", "FRA", "IRN"),  # the subject of its complement
    ],
)
def test_the_target_is_found_inside_the_verb_phrase(nlp, to_mentions, lexicon_file: Path, text: str, actor: str,
                                                    recipient: str) -> None:
    coder = EventCoder(load_lexicon([lexicon_file]))
    doc = nlp(text)
    coded = [c for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]
    assert [(codes_of(c.actor), codes_of(c.recipient)) for c in coded] == [(actor, recipient)]


@pytest.mark.model
def test_a_pattern_with_words_before_the_verb_codes_the_negated_verb(nlp, to_mentions, lexicon_file: Path) -> None:
    coder = EventCoder(load_lexicon([lexicon_file]))
    doc = nlp("France did not applaud the resumption of talks with Iran.")
    coded = [c for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]
    assert [(c.event, codes_of(c.actor), codes_of(c.recipient)) for c in coded] == [("REJECT", "FRA", "IRN")]
    plain = nlp("France applauded the resumption of talks with Iran.")
    assert [c.event for c in coder.code_doc(plain, to_mentions(plain)) if c.blocked is None] == ["CONSULT"]


@pytest.mark.model
def test_discard_phrases_keep_sentences_and_stories_uncoded(nlp, to_mentions, lexicon_file: Path) -> None:
    coder = EventCoder(load_lexicon([lexicon_file]))

    def coded(text: str) -> list[str]:
        doc = nlp(text)
        return [doc[c.trigger_head].text for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]

    assert coded("France applauded the Golf Championships in Iran. Japan applauded talks with Iran.") == ["applauded"]
    assert coded("France applauded talks with Iran. A typhoon hit Japan.") == []  # a story-level discard
    assert coded("France applauded talks with Iran.") == ["applauded"]


@pytest.mark.model
def test_a_compound_subject_pattern_codes_its_parties_among_themselves(nlp, to_mentions, lexicon_file: Path) -> None:
    coder = EventCoder(load_lexicon([lexicon_file]))

    def coded(text: str) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        return [(codes_of(c.actor), codes_of(c.recipient), c.rule.split("(")[1].split(")")[0].rsplit(":", 1)[1])
                for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]

    # the subject's parties act on each other (lexicon line 9: the compound pattern) …
    assert coded("France and Germany postponed their meeting.") == [("FRA", "DEU", "9")]
    # … and a subject of one party takes the plain pattern (line 10)
    assert coded("France postponed the meeting with Germany.") == [("FRA", "DEU", "10")]


@pytest.mark.model
def test_a_dictionary_alone_takes_the_first_party_in_the_verb_phrase(nlp, to_mentions, lexicon_file: Path) -> None:
    coder = EventCoder(load_lexicon([lexicon_file]))
    doc = nlp("France praised the memos sent by Iran on Monday.")
    coded = [c for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]
    assert [(codes_of(c.actor), codes_of(c.recipient)) for c in coded] == [("FRA", "IRN")]
    assert "first party in the verb phrase" in coded[0].rule


@pytest.mark.model
def test_a_skip_pattern_takes_the_party_after_the_first_in_the_verb_phrase(nlp, to_mentions, tmp_path: Path) -> None:
    path = tmp_path / "skip.yaml"
    path.write_text("builtin: false\nverbs:\n  - {verb: celebrate, object: [feast], skip: true, event: CONSULT, "
                    'cameo: "043", code: "043", recipient: [dobj, in_object]}\n', encoding="utf-8")
    coder = EventCoder(load_lexicon([path]))
    doc = nlp("France celebrated the feast of Germany with Japan on Monday.")
    coded = [c for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]
    assert [(codes_of(c.actor), codes_of(c.recipient)) for c in coded] == [("FRA", "JPN")]  # Germany is skipped (^)
    assert "after 1 skipped" in coded[0].rule
