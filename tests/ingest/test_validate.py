"""One validator for every way an article comes in: the function itself, then
each entry point (every reader, dyad.code_text, dyad watch; POST /articles is
in tests/api/test_post_validation.py, plugin readers in tests/plugins)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from recording_coder import RecordingCoder

import dyad
from dyad.batch.watch import poll_feeds
from dyad.errors import InputError
from dyad.ingest import read_bytes, validate_article
from dyad.records import Article, Rejection
from dyad.settings import Limits
from dyad.store import Store

DAY = dt.date(2024, 3, 5)
FUTURE = dt.date.today() + dt.timedelta(days=30)
TEXT = "Rebels attacked an army base near Goma on Monday, killing five soldiers."


def art(text: str = TEXT, day: dt.date = DAY, **kw: object) -> Article:
    return Article(id=kw.pop("id", ""), date=day, text=text, **kw)  # type: ignore[arg-type]


# -- the function -------------------------------------------------------------------
def test_cleans_text_fields_and_fills_a_blank_id():
    out = validate_article(art("<p>Rebels <b>attacked</b> &amp; left.</p>\x07", title="<h1>Title</h1>", url="", id=" a\x00b "))
    assert (out.text, out.title, out.url, out.id) == ("Rebels attacked & left.", "Title", None, "ab")
    assert len(validate_article(art("Talks were held.")).id) == 16  # the content hash of the clean text


def test_a_caption_is_cleaned_on_its_own_and_stays_the_first_paragraph():
    caption = "  The minister  <i>greets</i> his guest "
    out = validate_article(art(f"{caption}\nThe two ministers held talks.", caption_end=len(caption)))
    assert out.text == "The minister greets his guest\n\nThe two ministers held talks."
    assert out.caption_end == len("The minister greets his guest")
    blank = validate_article(art("   \nBody only.", caption_end=3))
    assert (blank.text, blank.caption_end) == ("Body only.", 0)


@pytest.mark.parametrize(
    ("article", "limits", "reason"),
    [
        (art(day=FUTURE), Limits(), "in the future"),
        (art(day=dt.date(1850, 1, 1)), Limits(), "before 1900"),
        (art("x" * 101), Limits(max_article_bytes=100), "larger than the 100-byte limit"),
        (art("é" * 51), Limits(max_article_bytes=100), "larger than the 100-byte limit"),  # bytes, not characters
        (art("<script>alert(1)</script>"), Limits(), "empty after removing markup"),
        (art("   "), Limits(), "empty article"),
    ],
)
def test_refuses_with_the_reason(article, limits, reason):
    with pytest.raises(InputError, match=reason):
        validate_article(article, limits)


def test_future_days_is_the_setting():
    soon = dt.date.today() + dt.timedelta(days=5)
    with pytest.raises(InputError):
        validate_article(art(day=soon), Limits(future_days=2))
    assert validate_article(art(day=soon), Limits(future_days=7)).date == soon


# -- every reader: the one limit, the one future check, the one cleaning ----------------
SMALL = Limits(max_article_bytes=300)
BIG_TEXT = "Troops advanced. " * 30  # 510 bytes
HTML = "<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>"
RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>A</title><guid>i1</guid>"
       "<pubDate>{date}</pubDate><description>{text}</description></item></channel></rss>")  # fmt: skip


def formats(text: str, day: dt.date) -> dict[str, bytes]:
    """The same article in each format a built-in reader reads."""
    row = {"id": "a1", "date": day.isoformat(), "text": text}
    rss_date = day.strftime("%a, %d %b %Y 10:00:00 GMT")
    return {
        "story.txt": text.encode(),
        "seed.txt": f"date {day.isoformat()} A caption\n{text}".encode(),
        "c.jsonl": json.dumps(row).encode(),
        "c.json": json.dumps([row]).encode(),
        "c.csv": f"id,date,text\na1,{day.isoformat()},\"{text}\"\n".encode(),
        "page.html": HTML.format(text=text).encode(),
        "wire.rss": RSS.format(date=rss_date, text=text).encode(),
    }


def read_one(origin: str, data: bytes, day: dt.date, limits: Limits = Limits()) -> Article | Rejection:
    (item,) = read_bytes(data, origin, day, limits)
    return item


@pytest.mark.parametrize("origin", list(formats(TEXT, DAY)))
def test_every_reader_refuses_an_article_over_the_one_limit(origin):
    item = read_one(origin, formats(BIG_TEXT, DAY)[origin], DAY, SMALL)
    assert isinstance(item, Rejection), item
    assert "larger than the 300-byte limit" in item.reason and item.origin == origin


@pytest.mark.parametrize("origin", list(formats(TEXT, DAY)))
def test_every_reader_refuses_a_future_date_in_the_same_words(origin):
    item = read_one(origin, formats(TEXT, FUTURE)[origin], FUTURE)
    assert isinstance(item, Rejection), item
    assert item.reason == f"date {FUTURE.isoformat()} is in the future" and item.origin == origin


@pytest.mark.parametrize("origin", list(formats(TEXT, DAY)))
def test_every_reader_cleans_the_same_way(origin):
    item = read_one(origin, formats("Rebels &amp; troops   clashed.\x07", DAY)[origin], DAY)
    assert isinstance(item, Article), item
    assert item.text.endswith("Rebels & troops clashed.")


# -- dyad.code_text ---------------------------------------------------------------------
def test_code_text_refuses_a_future_date_before_loading_the_model():
    with pytest.raises(InputError, match="in the future"):
        dyad.code_text(TEXT, FUTURE)


def test_code_text_uses_the_article_size_setting(monkeypatch):
    monkeypatch.setenv("DYAD_MAX_ARTICLE_BYTES", "20")
    with pytest.raises(InputError, match="20-byte limit"):
        dyad.code_text(TEXT, DAY)


# -- dyad watch ---------------------------------------------------------------------------

def test_watch_items_pass_the_validator(tmp_path):
    items = [("i1", DAY, "Rebels &amp; troops <b>clashed</b> today."), ("i2", FUTURE, "From the future."), ("i3", DAY, BIG_TEXT)]
    feed = tmp_path / "feed.xml"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>" + "".join(
        f"<item><guid>{i}</guid><pubDate>{d.strftime('%a, %d %b %Y 10:00:00 GMT')}</pubDate><description>{t}</description></item>"
        for i, d, t in items) + "</channel></rss>")  # fmt: skip
    coder = RecordingCoder()
    with Store(str(tmp_path / "w.sqlite")) as store:
        (result,) = poll_feeds([str(feed)], coder, store, limits=SMALL)
        rejections = {r.line: r.reason for r in store.iter_rejections()}
    assert (result.new_articles, result.rejected) == (1, 2)
    assert [a.text for a in coder.seen] == ["Rebels & troops clashed today."]
    assert "in the future" in rejections[2] and "300-byte limit" in rejections[3]


def test_stdin_passes_the_validator(monkeypatch):
    from dyad.ingest import read_articles

    line = json.dumps({"id": "s1", "date": FUTURE.isoformat(), "text": "Ministers met."})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    (rej,) = read_articles(["-"])
    assert isinstance(rej, Rejection) and "in the future" in rej.reason and rej.origin == "-"
