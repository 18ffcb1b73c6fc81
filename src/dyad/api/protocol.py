"""uvicorn's httptools protocol with a cap on request-header bytes and a deadline for the headers.

uvicorn bounds neither with httptools (``h11_max_incomplete_event_size`` is
h11's only): a 256 MB header was buffered whole, and a client sending its
headers a byte at a time (slowloris) held its connection, a file descriptor and
a place under ``limit_concurrency`` for ever. Here a request whose headers pass
MAX_HEADER_BYTES gets 431 and the connection is closed; a connection whose
headers are not complete HEADER_TIMEOUT_S after it opened (or after the first
byte of a further keep-alive request) is closed. Bodies are bounded by the
app's BodyLimitMiddleware.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEADER_BYTES = 16 * 1024  # as h11 and Node.js; the request line counts too
HEADER_TIMEOUT_S = 10.0


INVALID_REQUEST = "Invalid HTTP request received."  # what uvicorn logs, as a warning, for each request it cannot parse
LOG_EVERY_S = 60.0


class InvalidRequestLogFilter(logging.Filter):
    """Lets through one "Invalid HTTP request" warning a minute, naming how many were left out.

    uvicorn logs one for every request its parser refuses, which includes every
    431 answered here: a client sending big headers in a loop wrote a log line
    per request (4,450 in 20 s in bench/api_load.py).
    """

    def __init__(self, every_s: float = LOG_EVERY_S, clock: Any = time.monotonic):
        super().__init__()
        self._every_s, self._clock = every_s, clock
        self._lock = threading.Lock()
        self._last: float | None = None
        self._left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != INVALID_REQUEST:
            return True
        with self._lock:
            now = self._clock()
            if self._last is not None and now - self._last < self._every_s:
                self._left_out += 1
                return False
            if self._left_out:
                record.msg = f"{INVALID_REQUEST} ({self._left_out} more in the last {now - self._last:.0f} s not logged)"
            self._last, self._left_out = now, 0
            return True


INVALID_REQUEST_LOG = InvalidRequestLogFilter()


class HeadersTooLarge(Exception):
    """Raised inside a parser callback; httptools reports it as a parser error, answered here with 431."""


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    max_header_bytes = MAX_HEADER_BYTES
    header_timeout_s = HEADER_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if INVALID_REQUEST_LOG not in self.logger.filters:  # here: uvicorn sets its logging up before loading this class
            self.logger.addFilter(INVALID_REQUEST_LOG)
        self._awaiting_headers = True
        self._header_bytes = 0  # of the current request, counted in the parser's callbacks
        self._unparsed_bytes = 0  # received while its headers are still incomplete (httptools buffers them)
        self._too_large = False
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()  # a connection that never sends a request is closed too

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._awaiting_headers and not self.transport.is_closing():
            # Headers still incomplete after this chunk: httptools holds it, so it counts. (With pipelined
            # requests the chunk may also hold earlier requests: an overcount of at most one chunk.)
            self._unparsed_bytes += len(data)
            if self._unparsed_bytes > self.max_header_bytes:
                self._refuse_large_headers()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._awaiting_headers, self._header_bytes, self._too_large = True, 0, False
        self._arm_header_timer()

    def on_url(self, url: bytes) -> None:
        self._count_header_bytes(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_header_bytes(len(name) + len(value) + 4)  # ': ' and CRLF
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._awaiting_headers, self._unparsed_bytes = False, 0
        self._cancel_header_timer()
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if self._too_large:
            self._refuse_large_headers()
        else:
            super().send_400_response(msg)

    def _count_header_bytes(self, n: int) -> None:
        self._header_bytes += n
        if self._header_bytes > self.max_header_bytes:
            self._too_large = True
            raise HeadersTooLarge

    def _refuse_large_headers(self) -> None:
        self._send_and_close(431, "Request Header Fields Too Large", f"request headers over {self.max_header_bytes} bytes")

    def _send_and_close(self, status: int, reason: str, msg: str) -> None:
        body = msg.encode("ascii")
        head = f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n"
        self.transport.write(head.encode("ascii") + body)
        self.transport.close()

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout_s, self._on_header_timeout)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _on_header_timeout(self) -> None:
        self._header_timer = None
        if self._awaiting_headers and not self.transport.is_closing():
            self._send_and_close(408, "Request Timeout", f"request headers not complete within {self.header_timeout_s:g} s")
