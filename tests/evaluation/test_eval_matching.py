import datetime as dt

from dyad.evaluation.matching import GoldEvent, country_of, match_events, score_pairs, side_correct
from dyad.records import Entity

DAY = dt.date(2024, 3, 5)  # the event_factory default



def gold(event="CONSULT", trigger=None, sentence=(0, 100), actor=None, recipient=None, date=None, art="a1"):
    return GoldEvent(art, event, sentence, trigger, actor, recipient, date)


def test_same_sentence_same_type_matches(event_factory):
    m = match_events([event_factory("a1", "CONSULT")], [gold()])
    assert len(m.pairs) == 1 and m.pairs[0].typed
    assert not m.missed and not m.spurious


def test_other_sentence_or_article_does_not_match(event_factory):
    preds = [event_factory("a1", "CONSULT", trigger=(150, 155)), event_factory("a2", "CONSULT")]
    m = match_events(preds, [gold()])
    assert not m.pairs
    assert len(m.missed) == 1 and len(m.spurious) == 2


def test_overlapping_trigger_wins_over_confidence(event_factory):
    far = event_factory("a1", "ASSAULT", trigger=(60, 65), confidence=0.99)
    near = event_factory("a1", "ASSAULT", trigger=(20, 28), confidence=0.5)
    m = match_events([far, near], [gold("ASSAULT", trigger=(22, 30))])
    assert m.pairs[0].predicted is near
    assert m.spurious == (far,)


def test_each_prediction_is_used_once(event_factory):
    m = match_events([event_factory("a1", "CONSULT")], [gold(), gold()])
    assert len(m.pairs) == 1 and len(m.missed) == 1


def test_trigger_overlap_with_wrong_type_is_a_mistyped_pair(event_factory):
    m = match_events([event_factory("a1", "ACCUSE", trigger=(20, 25))], [gold("COERCE", trigger=(20, 25))])
    assert len(m.pairs) == 1 and not m.pairs[0].typed
    prf = m.prf()
    assert prf.get("COERCE").fn == 1 and prf.get("ACCUSE").fp == 1
    assert prf.micro.tp == 0


def test_prf_counts_typed_pairs_missed_and_spurious(event_factory):
    preds = [event_factory("a1", "CONSULT"), event_factory("a1", "AID", trigger=(40, 44))]
    m = match_events(preds, [gold(), gold("ASSAULT")])
    prf = m.prf()
    assert prf.get("CONSULT").tp == 1
    assert prf.get("ASSAULT").fn == 1
    assert prf.get("AID").fp == 1


def test_country_of():
    assert country_of("USAGOV") == "USA"
    assert country_of("IGOUNO") == "IGO"
    assert country_of("---REB") is None
    assert country_of(None) is None


def test_side_correct():
    usa = (Entity("US", code="USA"),)
    assert side_correct(frozenset({"USA"}), usa) is True
    assert side_correct(frozenset({"CHN"}), usa) is False
    assert side_correct(None, usa) is None  # gold does not say: not scored
    assert side_correct(frozenset(), ()) is True
    assert side_correct(frozenset(), usa) is False


def test_score_pairs_actor_recipient_dyad_and_date(event_factory):
    g1 = gold(actor=frozenset({"USA"}), recipient=frozenset({"CHN"}), date=DAY)
    g2 = gold(actor=frozenset({"RUS"}), recipient=None, date=dt.date(2024, 3, 1), sentence=(100, 200))
    p1 = event_factory("a1", "CONSULT", actor=("USA",), recipient=("CHN",))
    p2 = event_factory("a1", "CONSULT", trigger=(120, 125), sentence=(100, 200), actor=("UKR",), recipient=("RUS",))
    s = score_pairs(match_events([p1, p2], [g1, g2]).pairs)
    assert (s.actor.correct, s.actor.total) == (1, 2)
    assert (s.recipient.correct, s.recipient.total) == (1, 1)
    assert (s.dyad.correct, s.dyad.total) == (1, 1)
    assert (s.date.correct, s.date.total) == (1, 2)
