"""HTML pages, RSS feeds and WARC archives, built in the tests."""

from __future__ import annotations

import datetime as dt
import io

from dyad.ingest import read_bytes
from dyad.records import Article, Rejection

PARAS = " ".join(
    f"<p>Paragraph {i}: the foreign minister met his counterpart in the capital and they discussed trade, "
    "security and the situation on the border for several hours, officials said.</p>"
    for i in range(6)
)
PAGE = f"""<html><head><title>Ministers meet</title>
<meta property="article:published_time" content="2024-04-02T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Ministers meet</h1>{PARAS}</article>
<footer>Copyright</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Talks held</title><link>http://example.org/1</link><guid>item-1</guid>
<pubDate>Tue, 02 Apr 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;The two leaders held talks in the capital.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>http://example.org/2</link><pubDate>Tue, 02 Apr 2024 11:00:00 GMT</pubDate><description></description></item>
</channel></rss>"""


def test_html_page_main_text_title_and_date():
    items = list(read_bytes(PAGE.encode(), "page.html"))
    assert len(items) == 1 and isinstance(items[0], Article), items
    art = items[0]
    assert art.date == dt.date(2024, 4, 2)
    assert art.title == "Ministers meet"
    assert "foreign minister met his counterpart" in art.text
    assert "Copyright" not in art.text


def test_rss_feed_one_article_per_entry_and_a_rejection_for_the_empty_one():
    items = list(read_bytes(RSS.encode(), "wire.rss"))
    assert isinstance(items[0], Article) and items[0].id == "item-1"
    assert items[0].text == "The two leaders held talks in the capital."
    assert items[0].date == dt.date(2024, 4, 2) and items[0].url == "http://example.org/1"
    assert isinstance(items[1], Rejection) and items[1].line == 2 and "no text" in items[1].reason


def test_warc_archive_html_responses_become_articles():
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
    rec = writer.create_warc_record("http://example.org/a", "response", payload=io.BytesIO(PAGE.encode()), http_headers=headers)
    writer.write_record(rec)
    items = list(read_bytes(buf.getvalue(), "crawl.warc.gz"))
    assert len(items) == 1 and isinstance(items[0], Article), items
    assert items[0].url == "http://example.org/a"
    assert items[0].id.startswith("urn:uuid:")
    assert "counterpart" in items[0].text


def test_broken_warc_is_a_rejection():
    items = list(read_bytes(b"this is not a warc file at all", "broken.warc"))
    assert len(items) == 1 and isinstance(items[0], Rejection) and "archive" in items[0].reason
