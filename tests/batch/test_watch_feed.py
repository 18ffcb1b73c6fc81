"""`watch` codes the new items of a feed served on localhost, and nothing twice."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.batch.watch import watch_feeds
from dyad.cli.main import app
from dyad.store import Store

pytestmark = pytest.mark.model

# Links point at a closed local port: the page cannot be fetched, so the teaser is coded (no network is used).
ITEM = """<item><title>{title}</title><link>http://127.0.0.1:9/{n}</link><guid>item-{n}</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>{text}</description></item>"""
TEXTS = [
    "Rebels attacked an army base near Goma on Monday, killing five soldiers.",
    "The Kenyan president met the Ethiopian prime minister in Nairobi on Tuesday.",
]


class Feed:
    def __init__(self):
        self.items: list[str] = []

    def body(self) -> bytes:
        return ("<?xml version='1.0'?><rss version='2.0'><channel><title>Local wire</title>" + "".join(self.items) + "</channel></rss>").encode()


@pytest.fixture
def feed_server():
    feed = Feed()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = feed.body()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield feed, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


def test_watch_codes_new_items_once(feed_server, pipeline, tmp_path):
    feed, url = feed_server
    feed.items.append(ITEM.format(title="Attack", n=1, text=TEXTS[0]))
    polls = []

    def on_poll(results):
        polls.append(results[0])
        if len(polls) == 1:  # a new story appears between the polls
            feed.items.append(ITEM.format(title="Meeting", n=2, text=TEXTS[1]))

    with Store(str(tmp_path / "w.sqlite")) as store:
        watch_feeds([url], pipeline, store, every=0, iterations=3, on_poll=on_poll, sleep=lambda s: None)
        assert [p.new_articles for p in polls] == [1, 1, 0]
        assert store.counts().articles == 2
        assert polls[0].events >= 1


@pytest.mark.model
def test_watch_prints_each_rejections_reason(tmp_path: Path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><guid>f1</guid>"
                    "<pubDate>Tue, 05 Mar 2999 10:00:00 GMT</pubDate><description>From the future.</description></item>"
                    "</channel></rss>")  # fmt: skip
    result = CliRunner().invoke(app, ["watch", str(feed), "--every", "1s", "--iterations", "1", "--db", str(tmp_path / "w.sqlite")])
    assert result.exit_code == 0, result.output
    assert "rejected" in result.stderr and "2999-03-05 is in the future" in result.stderr
    assert json.dumps("fetched")[1:-1] in result.stderr
