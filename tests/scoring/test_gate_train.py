"""How the event gate's thresholds are chosen (gate_train.py), on hand-built examples and
decisions: no spaCy model, no scorer."""

from __future__ import annotations

import numpy as np

from dyad.scoring.examples import Example
from dyad.scoring.features import SentenceFeatures
from dyad.scoring.gate import GateCues, gate_vector
from dyad.scoring.gate_train import Row, Setting, choose, fit, nested, report, source_metric, tune_thresholds
from dyad.scoring.hybrid import RULE, SCORER

CUES = GateCues(0, False, False, False)


def example(n: int, source: str, gold: tuple[str, ...]) -> Example:
    return Example(f"{source}{n}#0", f"{source}{n}", source, SentenceFeatures("", ()), gold, (), (), True, CUES)


def data() -> tuple[list[Example], list[Row]]:
    """A source whose sentences all hold an event, coded right by the rules, and a source of whole
    articles where the scorer codes an event in every sentence: right at score 0.8, false at 0.4."""
    examples = [example(i, "plv", ("CONSULT",)) for i in range(40)]
    examples += [example(i, "voa", ("ASSAULT",) if i % 2 == 0 else ()) for i in range(60)]
    rows = []
    for i, e in enumerate(examples):
        if e.source == "plv":
            rows.append(Row(i, "CONSULT", RULE, 0.9, tuple(gate_vector(CUES, RULE, 0.9, 0.05)), True))
        else:
            score = 0.8 if e.gold else 0.4
            rows.append(Row(i, "ASSAULT", SCORER, score, tuple(gate_vector(CUES, SCORER, score, 1 - score)), bool(e.gold)))
    return examples, rows


def test_a_source_is_measured_by_macro_f1_where_every_sentence_holds_an_event_else_by_f_half() -> None:
    examples, rows = data()
    per = report(examples, [[(r.event, r.path, r.score)] for r in rows])
    assert per["voa"]["precision"] == 0.5 and per["voa"]["recall"] == 1.0
    assert source_metric(examples, "plv", per["plv"]) == per["plv"]["macro_f1"] == 1.0
    assert round(source_metric(examples, "voa", per["voa"]), 4) == round(1.25 * 0.5 / (0.25 * 0.5 + 1.0), 4)


def test_ungated_keeps_every_event_and_a_tuned_gate_blocks_the_false_scorer_events_out_of_fold() -> None:
    examples, rows = data()
    p_right = [1.0 if r.right else 0.3 for r in rows]
    assert tune_thresholds(examples, rows, np.array(p_right), Setting(gated=False)) == {"rule": 0.0, "override": 0.0, "scorer": 0.0}
    assert tune_thresholds(examples, rows, np.array(p_right), Setting(own=True, slack=None))["scorer"] > 0.3
    decided = nested(examples, rows, (Setting(gated=False), Setting(own=True, slack=None)))
    ungated, gated = (report(examples, d) for d in decided.values())
    assert ungated["voa"]["precision"] == 0.5 and ungated["plv"]["macro_f1"] == 1.0
    # each fold's events were decided by a gate fitted and tuned without them
    assert gated["voa"]["precision"] == 1.0 and gated["voa"]["recall"] == 1.0 and gated["plv"]["macro_f1"] == 1.0
    best, reports = choose(examples, rows, (Setting(gated=False), Setting(own=True, slack=None)))
    assert best == Setting(own=True, slack=None)
    assert reports["ungated"]["score"] < reports[best.describe()]["score"] == 1.0


def test_a_fold_whose_events_are_all_right_gets_the_smoothed_rate_and_no_weights() -> None:
    examples, rows = data()
    plv = [r for r in rows if examples[r.example].source == "plv"]
    coef, intercept = fit(plv)
    assert not coef.any() and round(float(1 / (1 + np.exp(-intercept))), 4) == round(41 / 42, 4)
