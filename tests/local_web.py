"""A local web server for tests (127.0.0.1 only): pages, feeds and misbehaving answers.

Each route maps a path to a :class:`Route` that the test may change between requests. The
server honours conditional requests (``If-None-Match`` against the route's ETag, answering
304), counts the requests per path, and records their headers.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Send this many bytes of filler instead of ``body``, without a Content-Length.
    stream_bytes: int = 0


class LocalWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.request_headers: list[dict[str, str]] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                web.hits[self.path] += 1
                web.request_headers.append(dict(self.headers.items()))
                route = web.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.stream_bytes:
                    self.end_headers()
                    chunk = b"<p>" + b"x" * 65_000 + b"</p>\n"
                    sent = 0
                    try:
                        while sent < route.stream_bytes:
                            self.wfile.write(chunk)
                            sent += len(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str, **options: object) -> str:
        self.routes[path] = Route(body=html.encode("utf-8"), **options)  # type: ignore[arg-type]
        return self.url(path)


@pytest.fixture
def local_web() -> Iterator[LocalWeb]:
    web = LocalWeb()
    web.thread.start()
    try:
        yield web
    finally:
        web.server.shutdown()
        web.server.server_close()
