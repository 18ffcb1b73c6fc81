"""What each language file holds: one frozen record per file, one field per list.

The field names are the file's known keys and the field types say what each
key holds (``dyad.lang.load`` checks them):

* ``frozenset[str]``: a list of lower-case words or phrases, each at most once;
* ``tuple[str, ...]``: the same, where the order is kept (regex alternations);
* ``dict[str, X]``: lower-case words mapped to a value of type ``X``.

Several modules may read one list; where a module needs a class the lists
do not name directly ("a person's pronoun"), a property here builds it from
them, so each word is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A gazetteer feature that place words may ask for.
Feature = Literal["populated_place", "admin1", "admin2"]


@dataclass(frozen=True, slots=True)
class Pronouns:
    """pronouns.yaml"""

    masculine: frozenset[str]
    feminine: frozenset[str]
    thing: frozenset[str]
    group: frozenset[str]
    first_person: frozenset[str]
    possessive: frozenset[str]
    reflexive: frozenset[str]
    relative: frozenset[str]
    demonstrative: frozenset[str]
    sentence_openers: tuple[str, ...]
    empty_it_verbs: frozenset[str]

    @property
    def person(self) -> frozenset[str]:
        """Third-person pronouns that name a person: he, him, his, she, her, hers."""
        return self.masculine | self.feminine

    @property
    def third_person(self) -> frozenset[str]:
        """Pronouns that name a person, a thing or a group named elsewhere."""
        return self.person | self.thing | self.group

    @property
    def gender(self) -> dict[str, str]:
        """Pronoun → "m" or "f"."""
        return {**{w: "m" for w in self.masculine}, **{w: "f" for w in self.feminine}}


@dataclass(frozen=True, slots=True)
class Reporting:
    """reporting.yaml"""

    verbs: frozenset[str]
    nouns: frozenset[str]


@dataclass(frozen=True, slots=True)
class Modality:
    """modality.yaml"""

    blocking_modals: frozenset[str]
    future_modals: frozenset[str]
    conditional_marks: frozenset[str]
    awaiting_marks: frozenset[str]
    negative_determiners: frozenset[str]
    refusing_negations: frozenset[str]
    predicting_verbs: frozenset[str]
    wishing_verbs: frozenset[str]
    demanding_modals: frozenset[str]
    stating_modals: frozenset[str]
    habitual_adverbs: frozenset[str]
    period_prepositions: frozenset[str]
    period_units: frozenset[str]
    period_adjectives: frozenset[str]
    forecast_adjectives: frozenset[str]
    forecast_prepositions: frozenset[str]


@dataclass(frozen=True, slots=True)
class Events:
    """events.yaml"""

    wrapper_nouns: frozenset[str]
    attack_nouns: frozenset[str]
    incident_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    subject_control_verbs: frozenset[str]
    calling_verbs: frozenset[str]
    silent_complements: frozenset[str]
    object_prepositions: frozenset[str]
    complement_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    about_prepositions: frozenset[str]
    hit_prepositions: frozenset[str]
    source_prepositions: frozenset[str]
    condition_marks: frozenset[str]
    means_prepositions: frozenset[str]
    authored_nouns: dict[str, str]
    joint_words: frozenset[str]
    peacekeeping_words: frozenset[str]
    protecting_verbs: frozenset[str]
    not_threats: frozenset[str]
    occurrence_verbs: frozenset[str]
    light_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    not_people: frozenset[str]
    left_bodies: frozenset[str]
    cause_marks: frozenset[str]
    not_met: frozenset[str]
    gathering_verbs: frozenset[str]
    measure_nouns: frozenset[str]
    measure_prepositions: frozenset[str]
    dismissed_comments: frozenset[str]
    facility_nouns: frozenset[str]


@dataclass(frozen=True, slots=True)
class Places:
    """places.yaml"""

    locative_prepositions: frozenset[str]
    strong_prepositions: frozenset[str]
    path_prepositions: frozenset[str]
    setting_prepositions: frozenset[str]
    acting_prepositions: frozenset[str]
    act_prepositions: frozenset[str]
    perpetrator_place_prepositions: frozenset[str]
    direction_words: frozenset[str]
    frame_nouns: frozenset[str]
    territory_verbs: frozenset[str]
    place_nouns: dict[str, Feature | None]
    site_nouns: frozenset[str]
    abroad_sites: frozenset[str]
    settlement_nouns: frozenset[str]
    neighbourhood_nouns: frozenset[str]
    building_nouns: frozenset[str]
    place_name_heads: frozenset[str]
    common_capitalised: frozenset[str]
    not_places: frozenset[str]
    leading_place_modifiers: frozenset[str]
    feature_words_before: dict[str, Feature]
    feature_words_after: dict[str, Feature]


@dataclass(frozen=True, slots=True)
class Dates:
    """dates.yaml"""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, int]
    number_words: dict[str, int]
    holidays: dict[str, tuple[int, int]]
    date_prepositions: frozenset[str]
    time_nouns: frozenset[str]

    def month_number(self, word: str) -> int:
        """"March", "Mar.", "sept" → 3, 3, 9."""
        key = word.lower().rstrip(".")
        return self.months[key] if key in self.months else self.month_abbreviations[key]


@dataclass(frozen=True, slots=True)
class Counts:
    """counts.yaml"""

    scales: dict[str, int]
    between_words: frozenset[str]
    negating_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Actors:
    """actors.yaml"""

    honorifics: frozenset[str]
    former_words: frozenset[str]
    affiliation_words: frozenset[str]
    pair_openers: tuple[str, ...]
    pair_counts: tuple[str, ...]
    pair_nouns: tuple[str, ...]
    name_particles: frozenset[str]
    short_name_words: frozenset[str]
    verb_particles: frozenset[str]
    recipient_prepositions: tuple[str, ...]
    home_prepositions: frozenset[str]
    envoy_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Instruments:
    """instruments.yaml: the words that name an attack's instrument, one list per ASSAULT mode."""

    suicide_attack: tuple[str, ...]
    unconventional: tuple[str, ...]
    drone: tuple[str, ...]
    aerial: tuple[str, ...]
    heavy_weapons: tuple[str, ...]
    explosives: tuple[str, ...]
    crowd_control: tuple[str, ...]
    firearms: tuple[str, ...]
    primitive: tuple[str, ...]

    @property
    def mode_of(self) -> dict[tuple[str, ...], str]:
        """Phrase (as words) → ASSAULT mode; the first list holding a phrase wins."""
        out: dict[tuple[str, ...], str] = {}
        for name in self.__slots__:
            for phrase in getattr(self, name):
                out.setdefault(tuple(phrase.split()), name.replace("_", "-"))
        return out


@dataclass(frozen=True, slots=True)
class Comment:
    """comment.yaml: cues that a sentence is comment, not an act (an input of the event gate)."""

    commentator_nouns: frozenset[str]


@dataclass(frozen=True, slots=True)
class Asks:
    """asks.yaml: what a request asks (or a rejection refuses), one list per mode."""

    # ``yield`` is a Python keyword: the file's key maps to ``yield_``.
    yield_: frozenset[str]
    meet: frozenset[str]
    assist: frozenset[str]
    change: frozenset[str]

    def mode_of(self, lemma: str) -> str | None:
        for name in self.__slots__:
            if lemma in getattr(self, name):
                return name.rstrip("_")
        return None


@dataclass(frozen=True, slots=True)
class Agents:
    """agents.yaml: common nouns that name a doer the knowledge base lacks (coding/generic.py)."""

    sectors: dict[str, str]  # noun → PLOVER sector code
    collective_nouns: frozenset[str]  # "a group of X": X's sector


@dataclass(frozen=True, slots=True)
class Language:
    """All the word lists of one language; field ``x`` is read from ``x.yaml``."""

    code: str
    pronouns: Pronouns
    reporting: Reporting
    modality: Modality
    events: Events
    places: Places
    dates: Dates
    counts: Counts
    actors: Actors
    instruments: Instruments
    asks: Asks
    agents: Agents
    comment: Comment
