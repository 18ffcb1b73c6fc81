"""Candidate spans on hand-built parses (no model): one span per name across a comma, a known town
the NER labels otherwise, and no nationality word as a place."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.where.geocoder import Geocoder
from dyad.where.spans import find_place_spans


def parsed(tokens: list[tuple[str, str, str, str, int]], ents: list[tuple[int, int, str]], vocab: Vocab | None = None) -> Doc:
    """A Doc from (word, tag, pos, dep, head) rows and (start, end, label) entities."""
    words = [t[0] for t in tokens]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    doc = Doc(vocab or Vocab(), words=words, spaces=spaces, tags=[t[1] for t in tokens], pos=[t[2] for t in tokens],
              deps=[t[3] for t in tokens], heads=[t[4] for t in tokens], sent_starts=[i == 0 for i in range(len(words))])
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in ents]
    return doc


def spans_of(doc: Doc, geocoder: Geocoder) -> list[str]:
    return [doc[s.start : s.end].text for s in find_place_spans(doc, geocoder)]


def test_an_entity_across_a_comma_is_one_span_per_name(geocoder: Geocoder) -> None:
    doc = parsed(
        [("Fighting", "NN", "NOUN", "nsubjpass", 2), ("was", "VBD", "AUX", "auxpass", 2), ("reported", "VBN", "VERB", "ROOT", 2),
         ("in", "IN", "ADP", "prep", 2), ("Adamawa", "NNP", "PROPN", "compound", 5), ("State", "NNP", "PROPN", "pobj", 3),
         (",", ",", "PUNCT", "punct", 5), ("Mubi", "NNP", "PROPN", "appos", 5), (".", ".", "PUNCT", "punct", 2)],
        [(4, 8, "GPE")],
    )
    spans = spans_of(doc, geocoder)
    assert "Mubi" in spans and "Adamawa State" in spans
    assert not any("," in s for s in spans)


def test_a_known_town_labelled_org_is_a_candidate_outside_a_place_frame(geocoder: Geocoder) -> None:
    doc = parsed(
        [("Bethlehem", "NNP", "PROPN", "compound", 1), ("police", "NNS", "NOUN", "nsubj", 2), ("said", "VBD", "VERB", "ROOT", 2),
         ("five", "CD", "NUM", "nummod", 4), ("people", "NNS", "NOUN", "nsubj", 5), ("died", "VBD", "VERB", "ccomp", 2),
         (".", ".", "PUNCT", "punct", 2)],
        [(0, 1, "ORG")],
    )
    assert spans_of(doc, geocoder) == ["Bethlehem"]
    assert find_place_spans(doc, geocoder)[0].source == "known"


def test_a_group_labelled_org_is_no_candidate(geocoder: Geocoder) -> None:
    doc = parsed(
        [("Hezbollah", "NNP", "PROPN", "nsubj", 1), ("said", "VBD", "VERB", "ROOT", 1), ("nothing", "NN", "NOUN", "dobj", 1),
         (".", ".", "PUNCT", "punct", 1)],
        [(0, 1, "ORG")],
    )
    assert spans_of(doc, geocoder) == []


def test_a_nationality_word_is_no_place(geocoder: Geocoder) -> None:
    doc = parsed(
        [("A", "DT", "DET", "det", 1), ("bomb", "NN", "NOUN", "nsubj", 2), ("exploded", "VBD", "VERB", "ROOT", 2),
         ("in", "IN", "ADP", "prep", 2), ("the", "DT", "DET", "det", 6), ("Iraqi", "JJ", "ADJ", "amod", 6),
         ("city", "NN", "NOUN", "pobj", 3), ("of", "IN", "ADP", "prep", 6), ("Kirkuk", "NNP", "PROPN", "pobj", 7),
         (".", ".", "PUNCT", "punct", 2)],
        [(5, 6, "NORP"), (8, 9, "GPE")],
    )
    assert spans_of(doc, geocoder) == ["Kirkuk"]


def test_a_name_never_geocoded_is_no_candidate(geocoder: Geocoder) -> None:
    # "The move worried the West and Kyiv.": the West is a bloc, not a place (places.yaml not_places)
    doc = parsed(
        [("The", "DT", "DET", "det", 1), ("move", "NN", "NOUN", "nsubj", 2), ("worried", "VBD", "VERB", "ROOT", 2),
         ("the", "DT", "DET", "det", 4), ("West", "NNP", "PROPN", "dobj", 2), ("and", "CC", "CCONJ", "cc", 4),
         ("Kyiv", "NNP", "PROPN", "conj", 4), (".", ".", "PUNCT", "punct", 2)],
        [(4, 5, "LOC"), (6, 7, "GPE")],
    )
    assert spans_of(doc, geocoder) == ["Kyiv"]


def test_an_acronym_place_noun_is_not_part_of_the_name(geocoder: Geocoder) -> None:
    doc = parsed(  # English lexical attributes, so that "LGA" is upper case

        [("Gunmen", "NNS", "NOUN", "nsubj", 1), ("killed", "VBD", "VERB", "ROOT", 1), ("five", "CD", "NUM", "nummod", 3),
         ("people", "NNS", "NOUN", "dobj", 1), ("in", "IN", "ADP", "prep", 1), ("Gwoza", "NNP", "PROPN", "compound", 6),
         ("LGA", "NNP", "PROPN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)],
        [(5, 7, "GPE")],
        English().vocab,
    )
    (span,) = find_place_spans(doc, geocoder)
    assert doc[span.start : span.end].text == "Gwoza"
    assert span.feature == "admin2"  # a Local Government Area


def test_a_name_the_ner_cuts_at_a_hyphen_is_looked_up_whole(geocoder: Geocoder) -> None:
    words = ["The", "Taliban", "captured", "Mazar", "-", "e", "-", "Sharif", "."]
    rows = [("DT", "DET", "det", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2), ("NNP", "PROPN", "compound", 7),
            ("HYPH", "PUNCT", "punct", 3), ("NNP", "PROPN", "nummod", 3), ("HYPH", "PUNCT", "punct", 3),
            ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2)]
    doc = Doc(English().vocab, words=words, spaces=[True, True, True, False, False, False, False, False, False],
              tags=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows], heads=[r[3] for r in rows],
              lemmas=[w.lower() if w != "captured" else "capture" for w in words], sent_starts=[i == 0 for i in range(len(words))])
    doc.ents = [doc.char_span(doc[3].idx, doc[3].idx + len("Mazar"), label="ORG")]  # the NER's cut
    assert spans_of(doc, geocoder) == ["Mazar-e-Sharif"]


def test_a_group_the_ner_labels_a_place_is_no_candidate(geocoder: Geocoder) -> None:
    doc = parsed(
        [("Raids", "NNS", "NOUN", "nsubj", 1), ("killed", "VBD", "VERB", "ROOT", 1), ("leaders", "NNS", "NOUN", "dobj", 1),
         ("of", "IN", "ADP", "prep", 2), ("Daesh", "NNP", "PROPN", "pobj", 3), ("in", "IN", "ADP", "prep", 1),
         ("Raqqa", "NNP", "PROPN", "pobj", 5), (".", ".", "PUNCT", "punct", 1)],
        [(4, 5, "GPE"), (6, 7, "GPE")],
    )
    assert spans_of(doc, geocoder) == ["Raqqa"]  # the knowledge base knows Daesh as a group
