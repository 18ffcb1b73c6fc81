"""What the Phoenix entries cost: the actor knowledge base with them ("new") against
the hand-written files alone ("old", the KB before the widening), in one run.

Each measure runs in a fresh process (nothing warm), old and new in turn, --repeat
times; the medians and the ratio new/old are printed:

* ``kb``: ``load_knowledge_base()`` (read and index the data files);
* ``matcher``: ``ActorResolver.prepare`` (the name indexes over every name);
* ``pipeline``: ``Pipeline()`` from nothing (model, lexicon, KB, gazetteer, stages);
* ``actors``: the actor stage's seconds over --limit VOA articles
  (``Pipeline.timings``), and ``coding``: the whole ``code`` loop over them.

    .venv/bin/python bench/kb_load.py [--limit 89] [--repeat 3]

These machines are shared and noisy: only the ratios of one run mean anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

VOA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"

PROBE = r"""
import json, sys, time
what, kb_files, limit, voa = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
import dyad.actors.kb as kb_module
if kb_files != "old":
    kb_module.DATA_FILES = kb_module.WITH_PHOENIX  # the KB with the opt-in Phoenix files
out = {}
if what == "kb":
    t0 = time.perf_counter()
    kb = kb_module.load_knowledge_base()
    out = {"kb": time.perf_counter() - t0, "names": len(kb.surfaces), "people": len(kb.people)}
elif what == "matcher":
    from dyad.actors.resolve import ActorResolver
    from dyad.nlp import load_model
    nlp = load_model()
    kb = kb_module.load_knowledge_base()
    t0 = time.perf_counter()
    ActorResolver(kb).prepare(nlp)
    out = {"matcher": time.perf_counter() - t0}
else:
    from dyad import Pipeline, read_articles
    t0 = time.perf_counter()
    p = Pipeline()
    out["pipeline"] = time.perf_counter() - t0
    articles = list(read_articles([voa]))[:limit]
    t0 = time.perf_counter()
    for a in articles:
        p.code(a)
    out.update(coding=time.perf_counter() - t0, actors=p.timings["actors"], articles=len(articles))
print(json.dumps(out))
"""


def probe(what: str, kb_files: str, limit: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PROBE, what, kb_files, str(limit), str(VOA)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=89, help="VOA articles to code")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per measure and KB (medians kept)")
    args = parser.parse_args()
    runs: dict[str, dict[str, list[dict[str, float]]]] = {"old": {}, "new": {}}
    for _ in range(args.repeat):
        for what in ("kb", "matcher", "pipeline"):
            for kb_files in ("old", "new"):  # in turn, so drift in the machine's speed falls on both
                runs[kb_files].setdefault(what, []).append(probe(what, kb_files, args.limit))
    first = {k: runs[k]["kb"][0] for k in runs}
    print(f"KB names: old {first['old']['names']:.0f}, new {first['new']['names']:.0f}; "
          f"people: old {first['old']['people']:.0f}, new {first['new']['people']:.0f}")
    print(f"{'measure':10s} {'old s':>8s} {'new s':>8s} {'new/old':>8s}")
    for what, key in (("kb", "kb"), ("matcher", "matcher"), ("pipeline", "pipeline"),
                      ("pipeline", "actors"), ("pipeline", "coding")):
        old = statistics.median(r[key] for r in runs["old"][what])
        new = statistics.median(r[key] for r in runs["new"][what])
        print(f"{key:10s} {old:8.2f} {new:8.2f} {new / old:8.2f}")
    print(f"(actors and coding over {runs['new']['pipeline'][0]['articles']:.0f} VOA articles)")


if __name__ == "__main__":
    main()
