"""`dyad serve`: uvicorn options, and several worker processes answering on one port."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time

import httpx
import pytest

from dyad.cli.serve_cmd import build_server_options


def test_server_options_use_the_fast_parser_and_loop():
    options = build_server_options(3)
    assert options["workers"] == 3 and options["access_log"] is False
    assert options["http"] == "dyad.api.protocol:LimitedHttpToolsProtocol"  # httptools with header limits
    assert options.get("loop") == ("uvloop" if importlib.util.find_spec("uvloop") else None)


@pytest.mark.slow
def test_two_workers_serve_the_same_database(db: str):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = f"from dyad.cli.serve_cmd import serve; serve({db!r}, port={port}, workers=2)"
    proc = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/events", params={"actor": "RUS"}, timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert resp.status_code == 200 and resp.json()["total"] == 7
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            assert all(client.get("/events", params={"type": "ASSAULT"}).json()["total"] == 2 for _ in range(20))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
