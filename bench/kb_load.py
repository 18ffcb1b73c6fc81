"""How long the actor knowledge base takes to load, and what it costs per article.

Prints, each in a fresh process so no cache is warm:

* ``kb``: ``load_knowledge_base()`` (read the YAML files, or the compiled cache, and index);
* ``matcher``: building the PhraseMatchers over every name with the model's tokenizer;
* ``pipeline``: ``Pipeline()`` from nothing (model, lexicon, KB, gazetteer, stages);
* ``actors``: the actor stage's seconds over the VOA corpus (``Pipeline.timings``), and
  the share of the whole run it is.

    .venv/bin/python bench/kb_load.py [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, sys, time
what = sys.argv[1]
t0 = time.perf_counter()
if what == "kb":
    from dyad.actors.kb import load_knowledge_base
    kb = load_knowledge_base()
    out = {"seconds": time.perf_counter() - t0, "people": len(kb.people), "names": len(kb.surfaces)}
elif what == "matcher":
    from dyad.actors.kb import load_knowledge_base
    from dyad.actors.resolve import ActorResolver
    from dyad.nlp import load_model
    nlp = load_model(); kb = load_knowledge_base()
    t0 = time.perf_counter()
    ActorResolver(kb).prepare(nlp)
    out = {"seconds": time.perf_counter() - t0}
elif what == "pipeline":
    from dyad.pipeline import Pipeline
    Pipeline()
    out = {"seconds": time.perf_counter() - t0}
else:
    from dyad import Pipeline, read_articles
    limit = int(sys.argv[2])
    articles = list(read_articles(["/work/shared/data/voa/voa_stories.jsonl"]))[:limit]
    p = Pipeline()
    t0 = time.perf_counter()
    for a in articles:
        p.code(a)
    total = time.perf_counter() - t0
    out = {"seconds": p.timings["actors"], "total": total, "articles": len(articles)}
print(json.dumps(out))
"""


def run(what: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PROBE, what, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=89, help="VOA articles to code for the actor stage")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per measure (median kept)")
    args = parser.parse_args()
    for what in ("kb", "matcher", "pipeline"):
        runs = [run(what) for _ in range(args.repeat)]
        extra = {k: v for k, v in runs[0].items() if k != "seconds"}
        print(f"{what:9s} {statistics.median(r['seconds'] for r in runs):7.2f} s  {extra or ''}")
    coded = [run("actors", str(args.limit)) for _ in range(max(1, args.repeat - 1))]
    actors = statistics.median(r["seconds"] for r in coded)
    total = statistics.median(r["total"] for r in coded)
    print(f"actors    {actors:7.2f} s over {coded[0]['articles']:.0f} VOA articles "
          f"({actors / total:.1%} of {total:.1f} s coding)")


if __name__ == "__main__":
    main()
