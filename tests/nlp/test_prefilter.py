"""The cheap pre-parse filter keeps every offset and every sentence that may hold an event."""

from __future__ import annotations

from dyad.nlp.prefilter import SentenceFilter, candidate_lemmas, split_sentences

TEXT = (
    "KYIV — The two ministers met on Monday.\n\n"
    "The weather was mild for the season. Markets were calm. "
    "Rebels attacked a convoy near the border. "
    "Officials held talks. The hall was big. "
    "The summit hall has a long history. "
    "He later left the city. "
    "“We will not give up,” the commander said."
)


def test_candidate_lemmas_cover_regular_and_irregular_forms():
    assert "attack" in candidate_lemmas("attacked")
    assert "meet" in candidate_lemmas("met")
    assert "plan" in candidate_lemmas("planned")
    assert "carry" in candidate_lemmas("carried")
    assert "talk" in candidate_lemmas("talks")


def test_split_sentences():
    spans = split_sentences("One thing happened. Then “another.” And a third!\n\nNew paragraph")
    assert [s for s in ("One thing happened.", "Then “another.”", "And a third!", "New paragraph")] == [
        "One thing happened. Then “another.” And a third!\n\nNew paragraph"[a:b] for a, b in spans
    ]


def test_mask_blanks_uneventful_sentences_and_keeps_offsets():
    f = SentenceFilter({"meet", "attack", "leave"}, {"hold": frozenset({"talk", "talks"})}, keep_lead=1)
    m = f.mask(TEXT)
    assert len(m.text) == len(TEXT)
    for kept in ("The two ministers met", "Rebels attacked a convoy", "Officials held talks.", ",” the commander said."):
        i = TEXT.index(kept)
        assert m.text[i : i + len(kept)] == kept
    # A sentence kept only for its quotation keeps the marks and the attribution, not the quoted words.
    for dropped in ("The weather was mild", "Markets were calm", "The hall was big", "We will not give up"):
        i = TEXT.index(dropped)
        assert m.text[i : i + len(dropped)].strip() == ""
    # "He later left" opens with a pronoun: its antecedent sentence is kept too.
    i = TEXT.index("The summit hall")
    assert m.text[i : i + 15] == "The summit hall"
    assert m.text.count("\n") == TEXT.count("\n")
    assert 0 < m.kept_chars < m.total_chars


def test_light_verb_needs_its_object():
    f = SentenceFilter({"attack"}, {"hold": frozenset({"talks"})}, keep_lead=0)
    assert f.may_hold_event("They held talks on Monday.")
    assert not f.may_hold_event("They held a party on Monday.")


def test_a_quotation_keeps_its_marks_punctuation_and_cue_but_not_its_words():
    f = SentenceFilter({"attack"}, keep_lead=0)
    text = "The mayor said: “We lost power. The water is gone. Help us.” Nothing else happened. The sky was grey."
    m = f.mask(text)
    assert m.text.startswith("The mayor said: “")
    assert "lost" not in m.text and "water" not in m.text and "Help" not in m.text
    quotation = text[: text.index("”") + 1]
    assert m.text[: len(quotation)].count(".") == quotation.count(".")  # the parser still sees the sentence ends
    assert "The sky was grey" not in m.text
    assert len(m.text) == len(text)


def test_no_sentence_starts_between_a_quotation_and_its_attribution():
    f = SentenceFilter({"attack"}, keep_lead=0)
    text = "Nothing happened. “We will stay. We will fight,” the commander said. The sky was grey."
    m = f.mask(text)
    quote = text.index("“")
    assert m.sentence_starts == (quote,)
    held = m.no_sentence_start

    def covered(i: int) -> bool:
        return any(a < i < b for a, b in held)

    assert covered(text.index("stay")) and covered(text.index(",”")) and covered(text.index("the commander"))
    assert not covered(text.index("commander"))  # only the attribution's first word is held
    assert not covered(text.index("The sky"))
    assert "The sky was grey." not in m.text
