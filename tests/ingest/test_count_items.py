"""The progress bar's total: items counted cheaply where the input says how many."""

from __future__ import annotations

from pathlib import Path

from dyad.ingest import read_articles
from dyad.ingest.count import count_items
from dyad.records import Article


def test_text_jsonl_and_csv_are_counted_as_the_readers_read_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2023-02-22 A caption\nRussia attacked Ukraine.\n")
    (tmp_path / "b.jsonl").write_text(
        '{"id": "1", "date": "2023-02-22", "text": "Russia attacked Ukraine."}\n\n'
        '{"id": "2", "date": "2023-02-23", "text": "China met Russia."}'  # no final newline
    )
    (tmp_path / "c.csv").write_text("id,date,text\n3,2023-02-22,Russia attacked Ukraine.\n4,2023-02-22,China met Russia.\n")
    assert count_items([tmp_path]) == 5
    assert count_items([tmp_path]) == sum(isinstance(i, Article) for i in read_articles([tmp_path]))


def test_inputs_that_cannot_be_counted_cheaply_give_no_total(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2023-02-22 A caption\nRussia attacked Ukraine.\n")
    (tmp_path / "feed.xml").write_text("<rss><channel></channel></rss>")
    assert count_items([tmp_path]) is None
    assert count_items(["-"]) is None
