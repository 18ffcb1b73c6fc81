"""`dyad watch` against a feed served on localhost (issue #16): conditional requests,
full pages for teasers, back-off on errors, and each rejection's reason printed."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from recording_coder import RecordingCoder
from typer.testing import CliRunner

from dyad.batch.watch import TEASER_CHARS, FeedFetcher, poll_feeds
from dyad.cli.main import app
from dyad.store import Store

TEASER = "Rebels attacked an army base near Goma on Monday."
PARAGRAPH = ("Rebels attacked an army base near Goma on Monday, killing five soldiers, the army said. "
             "The fighting went on for several hours before the rebels withdrew into the hills north of the town. ")  # fmt: skip
PAGE = f"<html><head><title>Attack near Goma</title></head><body><article><h1>Attack near Goma</h1>{'<p>' + PARAGRAPH + '</p>' * 1}" + "".join(
    f"<p>Residents said the shooting woke them before dawn on day {i}, and that many families fled towards the lake shore.</p>" for i in range(8)
) + "</article></body></html>"  # fmt: skip


class Server:
    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.not_modified = 0
        self.base = ""

    def feed(self) -> bytes:
        item = (f"<item><title>Attack</title><link>{self.base}/page/1</link><guid>item-1</guid>"
                f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>{TEASER}</description></item>")  # fmt: skip
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local wire</title>{item}</channel></rss>".encode()


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            if self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == '"v1"':
                    state.not_modified += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(200, state.feed(), "application/rss+xml", {"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"})
            elif self.path == "/page/1":
                self._send(200, PAGE.encode(), "text/html")
            else:
                self._send(500, b"broken", "text/plain")

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def test_a_teaser_is_coded_from_its_page_and_an_unchanged_feed_is_not_fetched_again(server: Server, tmp_path: Path):
    coder, fetcher = RecordingCoder(), FeedFetcher()
    with Store(str(tmp_path / "w.sqlite")) as store:
        first = poll_feeds([f"{server.base}/feed.xml"], coder, store, fetcher=fetcher)
        second = poll_feeds([f"{server.base}/feed.xml"], coder, store, fetcher=fetcher)
    fetcher.close()
    assert (first[0].status, first[0].new_articles) == ("fetched", 1)
    (article,) = coder.seen
    assert len(TEASER) < TEASER_CHARS < len(article.text) and "fled towards the lake shore" in article.text
    assert (article.id, article.date) == ("item-1", dt.date(2024, 3, 5))  # the feed's id and date are kept
    assert (second[0].status, second[0].new_articles) == ("not modified", 0)
    assert server.not_modified == 1 and server.hits["/page/1"] == 1


def test_a_failing_feed_is_left_alone_longer_after_each_failure(server: Server, tmp_path: Path):
    now = [1000.0]
    fetcher = FeedFetcher(backoff=60.0, clock=lambda: now[0])
    broken = f"{server.base}/broken.xml"
    coder = RecordingCoder()
    with Store(str(tmp_path / "w.sqlite")) as store:
        statuses = []
        for advance in (0, 10, 60, 60, 120):
            now[0] += advance
            statuses.append(poll_feeds([broken], coder, store, fetcher=fetcher)[0].status)
        reasons = [r.reason for r in store.iter_rejections()]
    fetcher.close()
    assert statuses[0] == "failed; next try in 60s"
    assert statuses[1].startswith("backing off after 1 failure(s)")
    assert statuses[2] == "failed; next try in 120s"
    assert statuses[3].startswith("backing off after 2 failure(s)")
    assert statuses[4] == "failed; next try in 240s"
    assert server.hits["/broken.xml"] == 3
    assert reasons and "500" in reasons[0]


def test_watch_rejects_a_period_it_cannot_read():
    result = CliRunner().invoke(app, ["watch", "feed.xml", "--every", "soon", "--db", "x.sqlite"])
    assert result.exit_code == 2 and "not a period like" in result.output
