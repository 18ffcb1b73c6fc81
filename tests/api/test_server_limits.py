"""Issue 17: a real uvicorn server over a real SQLite store caps request headers (431) and closes
connections whose headers do not arrive in time (slowloris), while normal requests go on being served."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from dyad.api import create_app
from dyad.api.protocol import INVALID_REQUEST, MAX_HEADER_BYTES, InvalidRequestLogFilter, LimitedHttpToolsProtocol
from dyad.cli.serve_cmd import build_server_options


class ShortDeadlineProtocol(LimitedHttpToolsProtocol):
    header_timeout_s = 1.0  # the default's 10 s, shortened to keep the test quick


@pytest.fixture
def server(db: str) -> Iterator[tuple[str, int]]:
    options = build_server_options(1)
    options.pop("workers")
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=0, **{**options, "http": ShortDeadlineProtocol})
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield "127.0.0.1", port
    srv.should_exit = True
    thread.join(timeout=10)


def _request(headers: str = "") -> bytes:
    return f"GET /events?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode()


def _read_all(sock: socket.socket, timeout: float = 10.0) -> bytes:
    """What the server sends until it closes the connection (or ``timeout`` passes)."""
    sock.settimeout(timeout)
    out = b""
    try:
        while chunk := sock.recv(65536):
            out += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return out


def _served(host: str, port: int) -> bool:
    res = httpx.get(f"http://{host}:{port}/events", params={"actor": "RUS"}, timeout=10)
    return res.status_code == 200 and res.json()["total"] == 7


def test_headers_under_the_cap_are_served(server):
    host, port = server
    cookie = "c=" + "x" * (MAX_HEADER_BYTES - 1024)
    res = httpx.get(f"http://{host}:{port}/events", params={"limit": 1}, headers={"cookie": cookie}, timeout=10)
    assert res.status_code == 200


def test_a_64_kb_header_gets_431_and_others_are_still_served(server):
    host, port = server
    with socket.create_connection(server) as sock:
        sock.sendall(_request(f"X-Big: {'a' * 65536}\r\n"))
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert _served(host, port)


def test_a_header_streamed_past_the_cap_is_cut_off_before_it_ends(server):
    host, port = server
    sent = 0
    with socket.create_connection(server) as sock:
        sock.sendall(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        try:
            for _ in range(4096):  # up to 16 MB, 4 kB at a time, never ending the header
                sock.sendall(b"b" * 4096)
                sent += 4096
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert sent < 16 * 1024 * 1024  # the server closed long before the end
    assert _served(host, port)


def test_headers_sent_byte_by_byte_are_cut_off_at_the_deadline(server):
    host, port = server
    request = _request("X-Slow: " + "s" * 200 + "\r\n")[:-2]  # never the final CRLF
    answer, sent = b"", 0
    with socket.create_connection(server) as sock:
        sock.settimeout(0.1)
        for byte in request:  # one byte per 0.1 s: 25 s for the whole request
            try:
                sock.sendall(bytes([byte]))
                sent += 1
                answer = sock.recv(65536)
                break  # the server answered or closed
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
    # The server answered 408 and closed while the client was still trickling its headers.
    assert sent < len(request)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert _served(host, port)


def test_a_connection_that_sends_nothing_is_closed(server):
    with socket.create_connection(server) as sock:
        answer = _read_all(sock, timeout=10)
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_keep_alive_requests_each_get_their_own_deadline(server):
    # Two requests on one connection, the second after more than the header deadline since the connection opened.
    with httpx.Client(base_url=f"http://{server[0]}:{server[1]}", timeout=10) as client:
        assert client.get("/events", params={"limit": 1}).status_code == 200
        time.sleep(1.5)
        assert client.get("/events", params={"limit": 1}).status_code == 200


def test_refused_requests_are_logged_once_a_minute_not_once_each(server):
    seen: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = seen.append  # type: ignore[method-assign]
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        for _ in range(5):
            with socket.create_connection(server) as sock:
                sock.sendall(_request(f"X-Big: {'a' * 65536}\r\n"))
                assert _read_all(sock).startswith(b"HTTP/1.1 431 ")
    finally:
        logger.removeHandler(handler)
    assert len([r for r in seen if r.getMessage().startswith(INVALID_REQUEST)]) <= 1


def test_the_invalid_request_filter_counts_what_it_leaves_out():
    now = [0.0]
    log_filter = InvalidRequestLogFilter(every_s=60, clock=lambda: now[0])

    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, msg, None, None)

    passed = [log_filter.filter(record(INVALID_REQUEST)) for _ in range(100)]
    assert passed.count(True) == 1 and passed[0]
    assert log_filter.filter(record("Unsupported upgrade request."))  # other warnings pass
    now[0] = 61.0
    later = record(INVALID_REQUEST)
    assert log_filter.filter(later)
    assert later.getMessage() == f"{INVALID_REQUEST} (99 more in the last 61 s not logged)"
