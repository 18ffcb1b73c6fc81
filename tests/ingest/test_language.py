"""Articles not in English are refused with their language named; the batch goes on (issue #16)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.ingest import read_articles, validate_article
from dyad.ingest.language import foreign_language, guess_language
from dyad.records import Article, Rejection

FIXTURES = Path(__file__).parent / "fixtures" / "languages.jsonl"
ENGLISH = ("Russia's foreign minister met his Chinese counterpart in Moscow on Tuesday. The two sides discussed "
           "the situation on the border and agreed to continue talks next month, the ministry said.")  # fmt: skip
NAMES = {"de": "German", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic"}


def _paragraphs() -> list[dict[str, str]]:
    return [json.loads(line) for line in FIXTURES.open(encoding="utf-8")]


def test_a_batch_refuses_the_foreign_articles_by_name_and_codes_the_english_one(tmp_path: Path):
    rows = [r for r in _paragraphs() if r["lang"] in NAMES]
    src = tmp_path / "mixed.jsonl"
    lines = [{"id": r["lang"], "date": "2024-05-02", "text": r["text"]} for r in rows]
    lines.insert(2, {"id": "en", "date": "2024-05-02", "text": ENGLISH})
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    items = list(read_articles([src]))
    assert [i.id for i in items if isinstance(i, Article)] == ["en"]
    refused = {i.line: i.reason for i in items if isinstance(i, Rejection)}
    assert len(refused) == len(rows)
    for line, row in enumerate(lines, start=1):
        if row["id"] != "en":
            assert refused[line].startswith(f"written in {NAMES[row['id']]} ({row['id']}"), refused[line]


@pytest.mark.parametrize("row", _paragraphs(), ids=lambda r: r["lang"])
def test_the_model_names_each_language_of_our_paragraphs(row):
    assert guess_language(row["text"]).code == row["lang"]


def test_short_or_english_texts_are_never_refused():
    assert foreign_language("Russia attacked Ukraine.") is None  # the model guesses on a line this short
    assert foreign_language("Bundeswehr soldiers reached Vilnius on Monday.") is None
    assert foreign_language(ENGLISH) is None
    with pytest.raises(InputError, match="written in French"):
        validate_article(Article(id="f", date=dt.date(2024, 5, 2), text=_paragraphs()[1]["text"]))
