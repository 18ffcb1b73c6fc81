"""The seed article coded with the real model: its reports of the Wang–Lavrov–Putin talks are one story."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.ingest import read_articles
from dyad.store import EventFilter, Store
from dyad.stories import list_stories

pytestmark = pytest.mark.model


def _countries(event) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return frozenset(e.code for e in (*event.actor, *event.recipient) if e.code)


def test_seed_talks_collapse_into_one_story_with_mention_counts(pipeline, seed_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(str(tmp_path / "seed.sqlite")) as store:
        for article in read_articles([str(seed_path.parent)]):
            store.save(pipeline.code_article(article))
        consults = list(store.iter_events(EventFilter(event="CONSULT")))
        talks = [e for e in consults if _countries(e) == {"CHN", "RUS"}]
        directions = {(e.actor[0].code, e.recipient[0].code) for e in talks}
        # Several reports, named from both sides (Wang holds talks with Lavrov; Lavrov welcomes Wang).
        assert len(talks) >= 3 and {("CHN", "RUS"), ("RUS", "CHN")} <= directions

        total, stories = list_stories(store, EventFilter(event="CONSULT"))
        by_event = {i: s for s in stories for i in s.event_ids}
        homes = {by_event[e.id].id for e in talks}
        assert len(homes) == 1, "the talks were split into several stories"
        story = by_event[talks[0].id]
        assert story.n_mentions >= len(talks) and story.n_articles == 1 and story.place == "Moscow"
        assert total < len(consults)  # reports collapsed
        assert stories[0].id == story.id  # the most reported CONSULT story
