"""The error listing for error analysis reads the VOA gold's train split only."""

import datetime as dt
import json

from dyad.evaluation.voa_errors import error_rows, train_part
from dyad.evaluation.voa_gold import load_test_ids, parse_voa_gold, read_voa_gold
from dyad.records import Article


def test_parts_of_the_train_split_hold_no_test_article():
    gold = read_voa_gold()
    test = load_test_ids()
    dev, fit, train = train_part(gold, "dev"), train_part(gold, "fit"), train_part(gold, None)
    assert not (set(train.article_ids) & test)
    assert set(dev.article_ids) | set(fit.article_ids) == set(train.article_ids)
    assert not (set(dev.article_ids) & set(fit.article_ids)) and dev.article_ids
    assert all(e.article_id in dev.article_ids for e in dev.events)


def test_rows_name_false_mistyped_missed_and_right_events(event_factory):
    text = "Rebels struck the town. Officials met in Doha. Troops shelled a village."
    head = {"article_id": "9", "annotated": True, "n_events": 3}
    base = {"article_id": "9", "actor": [], "recipient": [], "date": None}
    gold = parse_voa_gold(
        [json.dumps(x) for x in (
            head,
            dict(base, sentence_start=0, sentence_end=23, trigger_start=7, trigger_end=13, trigger="struck", event="ASSAULT"),
            dict(base, sentence_start=24, sentence_end=46, trigger_start=34, trigger_end=37, trigger="met", event="CONSULT"),
            dict(base, sentence_start=47, sentence_end=72, trigger_start=54, trigger_end=61, trigger="shelled", event="ASSAULT"),
        )],  # fmt: skip
        "gold",
    )
    article = Article(id="9", date=dt.date(2025, 3, 1), text=text)
    predicted = {"9": (event_factory("9", "ASSAULT", trigger=(7, 13), sentence=(0, 23)),
                       event_factory("9", "SUPPORT", trigger=(34, 37), sentence=(24, 46)),
                       event_factory("9", "AID", trigger=(24, 33), sentence=(24, 46)))}  # fmt: skip
    rows = list(error_rows(gold, {"9": article}, predicted, right=True))
    kinds = [(r["kind"], r.get("event"), r.get("gold")) for r in rows]
    assert kinds == [("right", "ASSAULT", None), ("spurious", "AID", None), ("mistyped", "SUPPORT", "CONSULT"), ("missed", None, "ASSAULT")]
    assert rows[-1]["trigger"] == "shelled" and rows[-1]["sentence"] == "Troops shelled a village."
