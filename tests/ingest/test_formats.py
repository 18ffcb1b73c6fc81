"""One test per reader format, on fixtures we write ourselves."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from dyad.ingest import read_articles, read_bytes
from dyad.records import Article, Rejection

SEED_TEXT = (
    " date 2023-02-22 The foreign minister, left, greets his guest in the capital (Photo Person/Pool/AP)\n"
    "\n"
    "The two ministers held talks on Tuesday.\n"
    "\n"
    "They agreed to meet again.\n"
)


def _one(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_seed_format_reads_date_caption_and_body():
    art = _one(read_bytes(SEED_TEXT.encode(), "x/2023-02-22-a.txt"))
    assert isinstance(art, Article)
    assert art.date == dt.date(2023, 2, 22)
    caption = "The foreign minister, left, greets his guest in the capital"
    assert art.text.startswith(caption + "\n\n")
    assert art.caption_end == len(caption)  # the photo credit is dropped
    assert "held talks on Tuesday" in art.text
    assert len(art.id) == 16  # content hash: no id was given


def test_seed_file_as_it_is(seed_path):
    art = _one(read_articles([seed_path]))
    assert art.date == dt.date(2023, 2, 22)
    assert art.text.startswith("Russian foreign minister Sergei Lavrov, right, welcomes")
    assert "Kreminna" in art.text


def test_plain_text_takes_date_from_option_or_file_name():
    text = b"Protesters marched in the capital on Monday."
    with_option = _one(read_bytes(text, "story.txt", dt.date(2024, 5, 1)))
    assert with_option.date == dt.date(2024, 5, 1)
    from_name = _one(read_bytes(text, "news/2024-05-02-march.txt"))
    assert from_name.date == dt.date(2024, 5, 2)
    missing = _one(read_bytes(text, "story.txt"))
    assert isinstance(missing, Rejection) and "--date" in missing.reason


def test_jsonl_with_published_field_and_a_bad_line():
    lines = [
        json.dumps({"id": "a1", "published": "2025-03-14 20:30:26Z", "title": "T", "text": "Troops crossed the border.", "url": "http://x"}),
        "{not json",
        json.dumps({"id": "a3", "date": "2025-03-15", "text": ""}),
        json.dumps({"id": "a4", "date": "2025-03-15", "text": "Police arrested ten people."}),
    ]
    items = list(read_bytes("\n".join(lines).encode(), "c.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Article"]
    assert items[0].id == "a1" and items[0].date == dt.date(2025, 3, 14) and items[0].url == "http://x"
    assert items[1].line == 2 and "not valid JSON" in items[1].reason
    assert items[2].line == 3 and "text" in items[2].reason and items[2].article_id == "a3"
    assert items[1].message().startswith("c.jsonl:2: ")


def test_csv_reader_with_line_numbers():
    data = "id,date,text,source\nr1,2024-01-02,\"Rebels attacked a convoy, officials said.\",wire\nr2,bad-date,Text,wire\n"
    items = list(read_bytes(data.encode(), "c.csv"))
    assert isinstance(items[0], Article) and items[0].source == "wire"
    assert isinstance(items[1], Rejection) and items[1].line == 3 and "invalid date" in items[1].reason


def test_json_array_and_content_sniffing_without_extension():
    data = json.dumps([{"id": "j1", "date": "20080804", "text": "The leader visited the capital."}]).encode()
    art = _one(read_bytes(data, "feed"))
    assert art.id == "j1" and art.date == dt.date(2008, 8, 4)
    line = json.dumps({"id": "j2", "date": "2008-08-04", "text": "He met the king."}).encode()
    assert _one(read_bytes(line, "noext")).id == "j2"


def test_directories_are_read_recursively_and_hidden_files_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "2024-01-01-a.txt").write_text("Talks were held.")
    (tmp_path / ".hidden.txt").write_text("ignored")
    (tmp_path / "2024-01-02-b.txt").write_text("Troops advanced.")
    items = list(read_articles([tmp_path]))
    assert sorted(a.date.isoformat() for a in items) == ["2024-01-01", "2024-01-02"]


def test_stdin_dash(monkeypatch):
    line = json.dumps({"id": "s1", "date": "2024-01-01", "text": "Ministers met."})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    assert _one(read_articles(["-"])).id == "s1"


def test_markup_is_stripped_from_text_fields():
    row = {"id": "h", "date": "2024-01-01", "text": "<p>Rebels <b>seized</b> the town.</p><script>x()</script>"}
    art = _one(read_bytes(json.dumps(row).encode(), "h.jsonl"))
    assert art.text == "Rebels seized the town."


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\xfa" + b"x" * 10, "UTF"), (b"caf\xe9 news", "UTF-8")],
)
def test_unreadable_files_become_rejections(data, reason):
    r = _one(read_bytes(data, "bad.txt", dt.date(2024, 1, 1)))
    assert isinstance(r, Rejection) and reason in r.reason and r.origin == "bad.txt"


def test_missing_file_is_a_rejection(tmp_path):
    r = _one(read_articles([tmp_path / "nope.txt"]))
    assert isinstance(r, Rejection) and "cannot open" in r.reason


def test_jsonl_file_is_streamed_with_line_numbers(tmp_path):
    good = json.dumps({"id": "g", "date": "2024-01-01", "text": "Troops withdrew."}).encode()
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(good + b"\n" + b'{"id": "x", "text": "caf\xe9"}\n' + good.replace(b'"g"', b'"h"') + b"\n")
    items = list(read_articles([path]))
    assert [getattr(i, "id", None) for i in items] == ["g", None, "h"]
    assert items[1].line == 2 and "UTF-8" in items[1].reason


def test_directory_walk_skips_files_of_unknown_format(tmp_path):
    (tmp_path / "README.md").write_text("# About these articles")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "2024-01-02-b.txt").write_text("Troops advanced.")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article"]
