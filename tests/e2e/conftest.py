"""A live dyad server on a free loopback port, and headless Chromium driven by Playwright."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from explore_factory import Line, make_article, make_corpus, make_random_corpus

from dyad.store import Store

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]  # fmt: skip


def _chromium() -> str | None:
    path = os.environ.get("DYAD_CHROMIUM", "/usr/bin/chromium")
    return path if os.path.exists(path) else shutil.which("chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from dyad.api import create_app

    db = str(tmp_path_factory.mktemp("e2e") / "e2e.sqlite")
    with Store(db) as store:
        # a8: an event placed only in a country, for the map's "without countries" toggle
        a8 = make_article("a8", dt.date(2023, 6, 1), [Line("RUS", "ASSAULT", "UKR", "Ukraine")], "Post")
        store.save_many([*make_corpus(), *make_random_corpus(200), a8])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium binary (set DYAD_CHROMIUM or apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # A failed load (a 404 for a missing icon or script) shows as a console error.
    pg.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    # Anything not on our own server is a CDN or tile request: fail the test on it.
    outside: list[str] = []
    pg.on("request", lambda req: None if req.url.startswith(live_url) else outside.append(req.url))
    yield pg
    context.close()
    assert not errors, errors
    assert not outside, outside


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(os.environ.get("DYAD_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path
