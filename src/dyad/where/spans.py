"""Candidate place spans in a parsed Doc.

The sources, each a ``PlaceSpan.source``:

``ner``        spaCy GPE/LOC/FAC entities (a leading "the" and a trailing
               possessive "'s" trimmed; demonyms tagged GPE dropped).
``gazetteer``  capitalised names outside any entity that the gazetteer knows
               as a primary name of a sizeable place.
``pattern``    proper names the NER and gazetteer both miss, in a frame that
               only a place fits: "the town of X", "X refugee camp",
               "in X" (a bare proper noun after a locative preposition).
``frame``      a name of another label in a frame only a place fits ("stormed Knin").
``known``      a name of another label, anywhere, that is the own name of a town of
               5,000 or more or of a province, unknown to the actor knowledge base.

An entity run across a comma or bracket gives one span per name; a nationality
or ethnic word ("the Iraqi city of") is never a span.

Computed once per Doc and kept in ``doc.user_data``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.lang import english
from dyad.where.geocoder import Geocoder, is_not_place
from dyad.where.rules import load_place_rules

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels the NER often puts on unfamiliar place names.
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "EVENT"})
_CACHE_KEY = "dyad.where.spans"


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A candidate place in the Doc (token indices, ``end`` exclusive)."""

    start: int
    end: int
    feature: str | None  # feature asked for by nearby words ("the city of")
    source: str  # "ner", "gazetteer", "pattern", "frame" or "known"


def find_place_spans(doc: Doc, geocoder: Geocoder) -> tuple[PlaceSpan, ...]:
    """All candidate place spans of the Doc, computed once and kept on the Doc."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached
    spans: list[PlaceSpan] = []
    label = [""] * len(doc)
    words = english().places
    modifiers = words.direction_words | words.leading_place_modifiers
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            label[i] = ent.label_
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        for start, end in _comma_parts(doc, ent.start, ent.end):
            span = _ner_span(doc, start, end, label, modifiers, geocoder)
            if span is not None:
                spans.append(span)
    taken = [bool(lab) for lab in label]
    spans.extend(_find_gazetteer_spans(doc, geocoder, taken))
    for span in _find_mislabeled_places(doc, geocoder):  # "Bari, Catania," (ORG): one span per name
        spans.extend(_make_span(doc, a, b, span.source) for a, b in _comma_parts(doc, span.start, span.end))
    # Later passes may re-read a PERSON/ORG entity, never a place span already found.
    taken = [False] * len(doc)
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    spans.extend(_find_pattern_spans(doc, label, taken))
    # "the Iraqi city of Kirkuk", "a Hindu village": a nationality or ethnic word is no place
    # (179 such candidates on train and dev, 1 of them gold), nor a group's or organisation's name the NER
    # or gazetteer took for one ("leaders of Daesh", "Al-Qaeda": 64, none gold); nor is what is never geocoded
    # ("worried the West", "the Duma": places.yaml's not_places), which could only be picked unresolved.
    result = tuple(sorted((s for s in spans if not _names_no_place(doc[s.start : s.end].text)
                           and not is_not_place(doc[s.start : s.end].text)), key=lambda s: s.start))
    doc.user_data[_CACHE_KEY] = result
    return result


def _comma_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity the NER runs across a comma or bracket ("Adamawa State, Mubi", "Palmyra (Tadmur")
    names one place per part: each is a span of its own (an "X, Y" container is read from neighbours)."""
    parts, first = [], start
    for i in range(start, end):
        if doc[i].text in (",", "(", ")"):
            parts.append((first, i))
            first = i + 1
    parts.append((first, end))
    return [(a, b) for a, b in parts if b > a]


def _ner_span(
    doc: Doc, start: int, end: int, label: list[str], modifiers: frozenset[str], geocoder: Geocoder
) -> PlaceSpan | None:
    """The span of a place entity (or one comma part of it), bounds as the gold draws them."""
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    while end - start > 1 and doc[start].lower_ in modifiers and doc[start].is_lower:
        start += 1  # "west Dublin", "southern Lebanon": a part of the place, named by the place
    end = _extend_name(doc, end, label)
    if doc[end - 1].tag_ == "POS" and end - start > 1:
        end -= 1
    if all(t.tag_ in ("JJ", "NNPS") or t.dep_ == "amod" for t in doc[start:end]) and not _is_known_place(
        doc[start:end].text, geocoder, countries=True
    ):
        return None  # "Ukrainian defences", "the Americans": a demonym, not a place ("the streets of Bucharest" is)
    return _make_span(doc, start, end, "ner", label)


def _extend_name(doc: Doc, end: int, label: list[str]) -> int:
    """The NER stops short of a name's unlabelled proper-noun tail: "Sheikh" (GPE) "Sa'eed"."""
    while (
        end < len(doc)
        and not label[end]
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and doc[end - 1].pos_ == "PROPN"
        and not doc[end].is_sent_start
    ):
        end += 1
    return end


def _is_name(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper or tok.text[:1].isupper()):
        return True
    # "Al-Bayaa": a hyphen joined to proper nouns on both sides.
    return (
        tok.text == "-"
        and 0 < i < len(doc) - 1
        and not doc[i - 1].whitespace_
        and not tok.whitespace_
        and doc[i - 1].pos_ == "PROPN"
        and doc[i + 1].pos_ == "PROPN"
    )


def _find_gazetteer_spans(doc: Doc, geocoder: Geocoder, taken: list[bool]) -> list[PlaceSpan]:
    """Capitalised names outside any entity that the gazetteer knows well."""
    out: list[PlaceSpan] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or not tok.is_title or tok.is_sent_start:
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < 4 and doc[j].pos_ == "PROPN" and not taken[j]:
            j += 1
        for end in range(j, i, -1):  # longest known name first
            _, found = geocoder.find_candidates(doc[i:end].text)
            # Only own names or big places: alternates hold many common words.
            if any(e.primary and (e.population >= 5000 or e.feature != "populated_place") for e in found):
                out.append(_make_span(doc, i, end, "gazetteer"))
                i = end
                break
        else:
            i = j
    return out


def _is_known_place(text: str, geocoder: Geocoder, countries: bool = False) -> bool:
    """The gazetteer knows ``text`` as the own name of a place (no demonym is one). A country's
    name counts only with ``countries``: a PERSON "Jordan" or "Chad" is a person's name too,
    but a place entity "Philippines" (tagged NNPS, like "Americans") is the country."""
    return any(e.primary and (countries or e.feature != "country") for e in geocoder.find_candidates(text)[1])


def _in_place_frame(root: Token) -> bool:
    """A name where only a place fits: "at X", "to X", "north of X", "X's streets", "captured X"."""
    words = english().places
    head = root.head
    if root.dep_ == "compound" and head.dep_ in ("pobj", "dobj"):  # "Al-Bab" split as compound + pobj
        root, head = head, head.head
    if root.dep_ == "pobj":
        prep = head.lower_
        if prep == "of":
            return head.head.lower_ in words.direction_words or head.head.lemma_.lower() in words.frame_nouns
        return prep in words.locative_prepositions or prep in words.path_prepositions
    if root.dep_ == "poss":  # "Bishkek's central streets"
        return head.lemma_.lower() in words.frame_nouns
    return root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in words.territory_verbs


def _find_mislabeled_places(doc: Doc, geocoder: Geocoder) -> list[PlaceSpan]:
    """Entities of other labels in a place's frame that the gazetteer knows.

    A PERSON/ORG after a locative preposition ("at Jaffna", "in Daraa") needs any
    gazetteer entry; in the wider frames ("to X", "north of X", "X's streets",
    "captured X") and for NORP/LANGUAGE/... labels, the name must be a place's own name.
    """
    out: list[PlaceSpan] = []
    words = english().places
    locative = words.locative_prepositions
    rules = load_place_rules()
    for ent in doc.ents:
        if ent.label_ not in MISLABELS:
            continue
        root = ent.root
        framed = root.dep_ == "pobj" and root.head.lower_ in locative
        framed |= root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.head.lower_ in locative
        start = ent.start + int(doc[ent.start].lower_ == "the" and len(ent) > 1)
        name = doc[ent.start : _joined_end(doc, ent.end)].text  # the NER cuts "Mazar" of "Mazar-e-Sharif"
        if framed and ent.label_ in ("PERSON", "ORG") and geocoder.find_candidates(name)[1]:
            out.append(_make_span(doc, ent.start, ent.end, "gazetteer"))
        elif (framed or _in_place_frame(root)) and _is_known_place(name, geocoder):
            out.append(_make_span(doc, ent.start, ent.end, "gazetteer"))
        elif any(t.lower_ in rules.group_name_words for t in doc[start : ent.end]):
            continue  # "Jabhat Al-Nusra", "Al-Masdar News"
        elif doc[ent.end - 1].lemma_.lower() in rules.topic_nouns:
            continue  # "participation in the New Start Treaty": a name of what is at issue, no place
        elif _names_a_site(doc, start, ent.end, rules.facility_name_ends):
            out.append(_make_span(doc, start, ent.end, "pattern"))  # "the Kuweires Military Airport" (ORG)
        elif ent.end < len(doc) and doc[ent.end].lower_ in words.place_nouns and doc[ent.end].is_lower:
            out.append(_make_span(doc, start, ent.end, "pattern"))  # "Katarko village" (PERSON)
        elif (
            _in_setting_frame(root, rules.facility_name_ends)
            and not _is_known_actor(doc[start : ent.end].text)
            and not doc[start].is_upper
        ):
            out.append(_make_span(doc, start, ent.end, "frame"))  # "fighting in Sheikh Maqsoud" (PERSON), "stormed Knin"
        else:
            end = ent.end - int(doc[ent.end - 1].tag_ == "POS" and ent.end - start > 1)  # "Aleppo’s"
            text = doc[start:end].text
            if _is_sizeable_place(text, geocoder) and not _is_known_actor(text):
                out.append(_make_span(doc, start, end, "known"))  # "Bethlehem" (ORG), "Bari" (PERSON), anywhere
    return out


def _is_sizeable_place(text: str, geocoder: Geocoder) -> bool:
    """The own name of a town of 5,000 or more or of a province or region (as ``_find_gazetteer_spans``
    asks): a name the NER labelled otherwise that is still, most likely, that place."""
    return any(e.primary and (e.population >= 5000 or e.feature not in ("populated_place", "country"))
               for e in geocoder.find_candidates(text)[1])


def _in_setting_frame(root: Token, sites: frozenset[str]) -> bool:
    """A name only a place fits, by its frame alone: "in X", "entered X", "the settlement of X",
    "the X crossing", "the capital, X"."""
    words = english().places
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        noun = head.head.lemma_.lower()
        return head.head.is_lower and (noun in sites or noun in words.site_nouns or noun in words.place_nouns)
    if root.dep_ == "pobj":
        return head.lower_ in words.locative_prepositions
    if root.dep_ in ("compound", "appos"):
        noun = head.lemma_.lower()
        return head.is_lower and (noun in sites or noun in words.site_nouns or noun in words.place_nouns)
    return root.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in words.territory_verbs


def _names_no_place(text: str) -> bool:
    """The actor knowledge base knows the name as a nationality or ethnic word ("Iraqi", "Kurdish")
    or as a person, group or organisation ("Daesh", "African Union")."""
    from dyad.actors.kb import load_knowledge_base

    surface = load_knowledge_base().lookup(text)
    return surface is not None and surface.kind in ("adjective", "ethnic", "person", "group", "organisation")


def _is_known_actor(text: str) -> bool:
    """The actor knowledge base knows the name (a person, group or organisation), so it is no place."""
    from dyad.actors.kb import load_knowledge_base

    return load_knowledge_base().lookup(text) is not None


def _names_a_site(doc: Doc, start: int, end: int, ends: frozenset[str]) -> bool:
    """A capitalised name ending in a site word: "Hayyan Gas Fields", "Dhaka Central Jail"."""
    last = doc[end - 1]
    return end - start > 1 and last.text[:1].isupper() and last.lower_ in ends and doc[start].text[:1].isupper()


def _find_pattern_spans(doc: Doc, label: list[str], taken: list[bool]) -> list[PlaceSpan]:
    """Proper names in a frame only a place fits, that nothing else found."""
    out: list[PlaceSpan] = []
    words = english().places
    i = 0
    while i < len(doc):
        if taken[i] or not _is_name(doc, i) or doc[i].text == "-":
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < 5 and not taken[j] and _is_name(doc, j):
            j += 1
        while j > i and doc[j - 1].text == "-":
            j -= 1
        if j < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_:
            i = j + 1  # half of a hyphenated name ("Al-Nusra") is no name
            continue
        before = doc[i - 1].lower_ if i >= 1 else ""
        before2 = doc[i - 2].lower_ if i >= 2 else ""
        after = doc[j].lower_ if j < len(doc) else ""
        mislabeled = all(label[k] in MISLABELS or not label[k] for k in range(i, j))
        unlabeled = not any(label[k] for k in range(i, j))
        if before == "of" and before2 in words.place_nouns and mislabeled:
            out.append(_make_span(doc, i, j, "pattern", label))  # "the town of X"
        elif after in words.place_nouns and unlabeled and after not in ("capital", "state"):
            out.append(_make_span(doc, i, j, "pattern", label))  # "X refugee camp", "X district"
        elif before in words.locative_prepositions and unlabeled and not doc[i].is_sent_start:
            out.append(_make_span(doc, i, j, "pattern", label))  # "in Corsica"
        elif mislabeled and not unlabeled and _is_whole_entity(doc, i, j) and _is_place_like(doc, i, j, before):
            out.append(_make_span(doc, i, j, "pattern", label))  # "stormed Al-Madiyounah" (ORG)
        i = j
    return out


def _is_whole_entity(doc: Doc, start: int, end: int) -> bool:
    ent = doc[start].ent_iob_ == "B" or doc[start].ent_iob_ == "I"
    return ent and (end >= len(doc) or doc[end].ent_iob_ != "I")


def _is_place_like(doc: Doc, start: int, end: int, before: str) -> bool:
    """An unknown name the NER called a person or group, where only a place fits."""
    first = doc[start].lower_
    words = english().places
    if any(t.lower_ in load_place_rules().group_name_words for t in doc[start:end]):
        return False  # "Al Qaeda", "Jabhat Al-Nusra"
    if first in words.place_name_heads and end - start > 1:
        return before in words.strong_prepositions or before in ("at", "of", "from", "to") or doc[start:end].root.dep_ in ("dobj", "pobj")
    tok = doc[start]  # one word: not an acronym ("CRPF") nor a capitalised common noun ("Parliament")
    single = end - start == 1 and not tok.is_upper and tok.lower_ not in words.common_capitalised
    return before in words.strong_prepositions and tok.ent_type_ in ("PERSON", "ORG") and single


def _is_joined_hyphen(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen glued to words on both sides: "Al-Bab", "Mazar-e-Sharif"."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in ("-", "\u2010", "\u2011")
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].text[:1].isalpha()  # "Al-Sha’ar": not is_alpha, for the apostrophe
    )


def _joined_end(doc: Doc, end: int) -> int:
    """The end of a name with its hyphen-joined tail: "Al" + "-Bab", "Mazar" + "-e-Sharif"."""
    while end < len(doc) - 1 and _is_joined_hyphen(doc, end):
        end += 2
    return end


def _make_span(doc: Doc, start: int, end: int, source: str, label: list[str] | None = None) -> PlaceSpan:
    """A span with the name's exact bounds, as a reader would mark it.

    The NER cuts hyphenated names ("Al" of "Al-Halaliyah") and runs a lower-case
    feature word into the name ("Uruzgan province"). A hyphen-joined tail is
    part of the name; a capitalised feature word ("Jobar District", "Deir Ezzor
    Governorate") is part of it too, a lower-case one ("Idlib province") only
    says what kind of place it is.
    """
    end = _joined_end(doc, end)
    while start > 1 and _is_joined_hyphen(doc, start - 1) and doc[start - 2].text[:1].isupper():
        start -= 2
    feature = read_feature(doc, start, end)
    place_nouns = english().places.place_nouns
    last = doc[end - 1]
    if end - start > 1 and last.lower_ in place_nouns and (not last.text[:1].isupper() or last.is_upper):
        feature = place_nouns[last.lower_] or feature  # "Idlib province", "Kalabalge LGA": an acronym is no name either
        end -= 1
    elif (
        end < len(doc)
        and doc[end].lower_ in place_nouns
        and doc[end].text[:1].isupper()
        and not doc[end].is_upper
        and not doc[end].is_sent_start
        and (label is None or not label[end])
    ):
        end += 1
    return PlaceSpan(start, end, feature, source)


def read_feature(doc: Doc, start: int, end: int) -> str | None:
    """The feature that words around a span ask for: "the city of X", "X region"."""
    place_nouns = english().places.place_nouns
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in place_nouns:
        return place_nouns[doc[start - 2].lower_]
    if end < len(doc) and doc[end].lower_ in place_nouns:
        return place_nouns[doc[end].lower_]
    return None
