"""The learned event-place picker: which of a sentence's place spans is where the event happened.

``locate`` finds the candidate place spans of the trigger's sentence and what its
rules think of each (tier, actor, topic, container, grain, its own choice); this
module turns each candidate into sparse features of the parse around it
(preposition, dependency path and distance to the trigger, whether it modifies
an actor, position, entity label, gazetteer feature class, dateline) and scores
them, together with one more option, "none" (the sentence names no place of
the event's own), with a conditional logit trained by ``python -m dyad.where.train_picker``
on the train split of ``shared/data/event_location`` (docs/model.md, "Place
picker"). The best candidate wins when its score beats "none"'s by the model's
threshold (a span used as an actor is never chosen); otherwise the rules'
dateline/lead fallbacks apply.

The model ships as JSON (``data/picker.json``: feature weights, threshold), read
without scikit-learn or SciPy.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from dyad.lang import english
from dyad.where.spans import PlaceSpan

MODEL_PATH = Path(__file__).resolve().parent / "data" / "picker.json"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place span of the trigger's sentence, with what the rules found about it."""

    span: PlaceSpan
    head: Token  # the span's syntactic head
    climbed: Token  # the phrase the place names ("the city of X" -> "city")
    prep: str | None  # the locative preposition (or direction word) it hangs on
    tier: int | None  # the rules' tier (0 clause, 1 governing, 2 sentence); None: no setting
    actor: bool  # a name used as an actor ("Moscow said")
    topic: bool  # what a noun phrase is about ("the war in X")
    container: bool  # holds the named place ("the West Bank city of X") or a direction reference
    grain: int  # 0 town .. 4 region
    gazetteer: str | None  # the gazetteer's feature class for the span, None: unknown
    site_modifier: bool  # modifies a site noun ("her Jaffna home"), unlike an actor ("Russian forces")
    dateline: bool
    has_container: bool  # "X, Y": this is X
    is_container: bool  # "X, Y": this is Y
    rule_choice: bool  # the span the rules alone would choose
    tier_name: str = "none"  # the tier's name (locate.TIERS), "none" without a tier
    holds_other: bool = False  # contains another place the sentence names ("the Luhansk region" ... "Kreminna")


def may_be_place(cand: Candidate) -> bool:
    """Whether the picker may choose a candidate at all: never a name used as an actor
    ("Moscow suspended ..."), nor one a party acts with or against ("a treaty with
    Washington", "sanctions against Iran": those prepositions name no setting)."""
    if cand.actor:
        return False
    if cand.climbed.dep_ != "pobj":
        return True
    words = english().places
    prep = cand.climbed.head.lower_
    return not (prep in words.acting_prepositions and prep not in words.locative_prepositions
                and prep not in words.path_prepositions)


def may_choose(cand: Candidate, speech: bool) -> bool:
    """``may_be_place``, and for a statement only a place the rules rank as its setting: a statement
    is not placed where its content happened ("said on Monday that rebels attacked ... in Kandahar")."""
    return may_be_place(cand) and (not speech or cand.tier is not None)


@dataclass(frozen=True, slots=True)
class PickerModel:
    """A conditional logit over a sentence's candidates and one more option, "none": the sentence
    names no place of the event's own. Each option's score is a weighted sum of its sparse features
    (candidate features and the ``none|``-prefixed features of ``none_features`` share one table)."""

    weights: Mapping[str, float]
    threshold: float  # the best candidate is the place when its score beats "none"'s by this margin
    version: str = ""

    def score(self, features: Mapping[str, float]) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in features.items())


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate, its score, and the picker's probability that it is the event's place."""

    candidate: Candidate
    probability: float  # 0 for a candidate the picker may not choose
    score: float = 0.0
    eligible: bool = True  # may_choose


@dataclass(frozen=True, slots=True)
class Scores:
    """The picker's view of one event: each candidate scored, in sentence order, and "none"."""

    candidates: tuple[Scored, ...]
    none_probability: float
    none_score: float

    def best(self, threshold: float) -> Scored | None:
        """The best candidate the picker may choose, if it beats "none" by ``threshold``."""
        eligible = [s for s in self.candidates if s.eligible]
        top = max(eligible, key=lambda s: (s.score, -s.candidate.span.start), default=None)
        return top if top is not None and top.score - self.none_score >= threshold else None


def load_picker(path: Path | str | None = None) -> PickerModel | None:
    """The shipped picker model (None if the package has none)."""
    return _load(str(path or MODEL_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> PickerModel | None:
    p = Path(path)
    if not p.is_file():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return PickerModel(dict(data["weights"]), float(data["threshold"]), str(data.get("version", "")))


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _path_up(tok: Token, limit: int = 12) -> list[Token]:
    """``tok`` and its ancestors up to the root."""
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < limit:
        out.append(out[-1].head)
    return out


def _word_counts(doc: Doc) -> Counter[str]:
    """How often each lower-cased word occurs in the Doc (kept on the Doc: one count per article)."""
    counts = doc.user_data.get(_COUNTS_KEY)
    if counts is None:
        counts = doc.user_data[_COUNTS_KEY] = Counter(t.lower_ for t in doc)
    return counts


_COUNTS_KEY = "dyad.where.word_counts"


def candidate_features(
    doc: Doc, trigger: Token, cand: Candidate, index: int, count: int, speech: bool, grains: Sequence[int] = ()
) -> dict[str, float]:
    """Sparse features of one candidate (names -> values; absent means 0). ``grains``: those of
    the sentence's candidates the picker may choose, to tell the finest place from its containers."""
    f: dict[str, float] = {}
    if len(set(grains)) > 1:
        f["finest" if cand.grain == min(grains) else "coarser"] = 1.0  # "near Kreminna" in "the Luhansk region"
        f[f"finest={cand.grain == min(grains)}|tier={cand.tier_name}"] = 1.0
    span, head, climbed = cand.span, cand.head, cand.climbed
    tier = cand.tier_name
    f[f"tier={tier}"] = 1.0
    prep = cand.prep or "-"
    f[f"gprep={prep}"] = 1.0
    f[f"tier={tier}|gprep={prep}"] = 1.0
    for name, on in (
        ("rule_choice", cand.rule_choice),
        ("actor", cand.actor),
        ("topic", cand.topic),
        ("container", cand.container),
        ("dateline", cand.dateline),
        ("has_container", cand.has_container),
        ("is_container", cand.is_container),
        ("holds_other", cand.holds_other),
    ):
        if on:
            f[name] = 1.0
    if cand.rule_choice:
        f[f"rule_choice|tier={tier}"] = 1.0
    if cand.holds_other:
        f[f"holds_other|tier={tier}"] = 1.0
    f[f"grain={cand.grain}"] = 1.0
    f[f"gaz={cand.gazetteer or '-'}"] = 1.0
    f[f"source={span.source}"] = 1.0
    f[f"sfeat={span.feature or '-'}"] = 1.0
    f[f"label={doc[span.start].ent_type_ or '-'}"] = 1.0
    f[f"len={min(span.end - span.start, 4)}"] = 1.0
    # the word the place hangs on
    f[f"dep={head.dep_}"] = 1.0
    f[f"cdep={climbed.dep_}"] = 1.0
    if climbed.dep_ == "pobj":
        p = climbed.head
        f[f"hprep={p.lower_}"] = 1.0
        f[f"hprep_on={'trigger' if p.head.i == trigger.i else p.head.pos_}"] = 1.0
        f[f"hprep={p.lower_}|on={'trigger' if p.head.i == trigger.i else p.head.pos_}"] = 1.0
    # modifies an actor: "Russian forces", "the Kharkiv governor", "Moscow's envoy"
    if head.dep_ in ("compound", "amod", "nmod", "poss") and head.head.pos_ in ("NOUN", "PROPN") and not cand.site_modifier:
        f["modifies_noun"] = 1.0
        f[f"modifies_noun_dep={head.head.dep_}"] = 1.0
    if cand.site_modifier:
        f["site_modifier"] = 1.0
    # dependency path to the trigger, through their lowest common ancestor
    up_head, up_trig = _path_up(head), _path_up(trigger)
    trig_ids = {t.i: n for n, t in enumerate(up_trig)}
    lca = next(((n, trig_ids[t.i]) for n, t in enumerate(up_head) if t.i in trig_ids), None)
    if lca is None:
        f["path=none"] = 1.0
    else:
        up, down = lca
        f[f"up={min(up, 6)}"] = 1.0
        f[f"down={min(down, 4)}"] = 1.0
        if down == 0:
            f["under_trigger"] = 1.0
            f[f"under_trigger|up={min(up, 6)}"] = 1.0
        deps = [t.dep_ for t in up_head[:up]]
        if any(d in ("ccomp", "parataxis", "csubj", "advcl", "relcl", "acl", "xcomp") for d in deps):
            f["path_clause"] = 1.0
        for d in ("relcl", "acl", "advcl", "nsubj", "nsubjpass", "dobj", "conj", "appos", "ccomp"):
            if d in deps:
                f[f"path_has={d}"] = 1.0
        f[f"path2={'>'.join(deps[:2])}"] = 1.0
    # token distance and position
    dist = head.i - trigger.i
    f[f"dist={_bucket(abs(dist), (1, 3, 6, 10, 20))}"] = 1.0
    f["before" if dist < 0 else "after"] = 1.0
    sent = trigger.sent
    rel = (span.start - sent.start) / max(1, len(sent))
    f[f"pos={int(rel * 5)}"] = 1.0
    if span.start == sent.start:
        f["sentence_start"] = 1.0
    f[f"nth={min(index, 3)}"] = 1.0
    if index == count - 1:
        f["last"] = 1.0
    f[f"count={min(count, 4)}"] = 1.0
    f[f"count={min(count, 4)}|tier={tier}"] = 1.0
    f[f"label={doc[span.start].ent_type_ or '-'}|gprep={prep}"] = 1.0
    f[f"gaz={cand.gazetteer or '-'}|tier={tier}"] = 1.0
    # the words around the span: "in X", "X Mayor", "X great", "X's"
    before = doc[span.start - 1] if span.start > sent.start else None
    after_tok = doc[span.end] if span.end < sent.end else None
    f[f"prev={before.lower_ if before is not None else '<s>'}"] = 1.0
    f[f"next={after_tok.lower_ if after_tok is not None else '</s>'}"] = 1.0
    if head.dep_ in ("compound", "amod", "nmod", "poss"):
        f[f"mod_head={head.head.lemma_.lower()}"] = 1.0
    f[f"trig={trigger.lemma_.lower()}|cdep={climbed.dep_}"] = 1.0
    # how often the article names it (a place named again is what the story is about)
    f[f"freq={_bucket(_word_counts(doc).get(doc[span.start].lower_, 1), (1, 2, 4))}"] = 1.0
    # the trigger itself: whether the event is told as happening somewhere (shifts every candidate)
    f[f"trig_tag={trigger.tag_}"] = 1.0
    f[f"trig={trigger.lemma_.lower()}"] = 1.0
    f[f"trig={trigger.lemma_.lower()}|tier={tier}"] = 1.0
    f[f"trig_dep={trigger.dep_}"] = 1.0
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in trigger.children):
        f["trig_modal"] = 1.0
    if any(c.dep_ == "neg" for c in trigger.children):
        f["trig_negated"] = 1.0
    return f


def none_features(doc: Doc, trigger: Token, cands: Sequence[Candidate]) -> dict[str, float]:
    """Sparse features of the "none" option: what the trigger is (a plan, a negated or reported
    event is often told without a place) and what the sentence offers as places."""
    f: dict[str, float] = {"none|bias": 1.0}
    f[f"none|trig_tag={trigger.tag_}"] = 1.0
    f[f"none|trig_dep={trigger.dep_}"] = 1.0
    f[f"none|count={min(len(cands), 4)}"] = 1.0
    children = list(trigger.children)
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
        f["none|trig_modal"] = 1.0
    if any(c.dep_ == "neg" for c in children):
        f["none|trig_negated"] = 1.0
    if any(c.tag_ == "TO" for c in children):
        f["none|trig_infinitive"] = 1.0  # "vowed to march into Kinshasa"
    for c in cands:
        if not may_be_place(c):
            continue
        f[f"none|has_tier={c.tier_name}"] = 1.0
        f[f"none|has_gaz={c.gazetteer or '-'}"] = 1.0
        if c.prep:
            f["none|has_locative"] = 1.0
    # a setting named without a proper name ("patrolled the capital", "killed here"): the gold names no span
    words = english().places
    named = {i for c in cands for i in range(c.span.start, c.span.end)}
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in words.locative_prepositions):
        objs = [o for o in prep.children if o.dep_ == "pobj"]
        if objs and not any(t.i in named for o in objs for t in o.subtree):
            f["none|unnamed_setting"] = 1.0
    if trigger.lower_ in ("here", "there") or any(c.lower_ in ("here", "there") and c.dep_ == "advmod" for c in children):
        f["none|here"] = 1.0
    return f


def score_candidates(
    doc: Doc, trigger: Token, cands: Sequence[Candidate], speech: bool, model: PickerModel
) -> Scores:
    """Each candidate with its score and probability, in sentence order, and the "none" option's."""
    ok = [may_choose(c, speech) for c in cands]
    grains = [c.grain for c, e in zip(cands, ok, strict=True) if e]
    scores = [model.score(candidate_features(doc, trigger, c, i, len(cands), speech, grains)) for i, c in enumerate(cands)]
    none = model.score(none_features(doc, trigger, cands))
    top = max([none, *(sc for sc, e in zip(scores, ok, strict=True) if e)])
    z = math.exp(none - top) + sum(math.exp(sc - top) for sc, e in zip(scores, ok, strict=True) if e)
    return Scores(
        tuple(Scored(c, math.exp(sc - top) / z if e else 0.0, sc, e) for c, sc, e in zip(cands, scores, ok, strict=True)),
        math.exp(none - top) / z,
        none,
    )
