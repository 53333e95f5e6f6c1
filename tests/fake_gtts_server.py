"""A local stand-in for Google Translate's TTS endpoint, for tests that must not go online.

It speaks the ``batchexecute`` protocol gTTS uses: a POST of ``f.req=<url-quoted JSON>``
whose RPC ``jQ1olc`` carries ``[text, lang, speed, "null"]``, answered by an
anti-hijacking prefix and length-prefixed JSON lines, the audio being base64 MP3 inside
``["wrb.fr", "jQ1olc", "[\\"<base64>\\"]", ...]``.

Replies are scripted: each request takes the next :class:`Reply` from the script, and
:attr:`FakeGttsServer.default` once the script is used up.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs

import imageio_ffmpeg

RPC_ID = "jQ1olc"
ENDPOINT_PATH = "/_/TranslateWebserverUi/data/batchexecute"
#: How long a "hang" reply holds the connection at most (the server releases it on exit).
HANG_LIMIT_SECONDS = 30.0


def sine_mp3(seconds: float, *, sample_rate: int = 24_000) -> bytes:
    """A real mono MP3 of a sine tone, as Google would send (24 kHz), made with ffmpeg."""
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}:sample_rate={sample_rate}",
        "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "pipe:1",
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, check=True).stdout


def batchexecute_reply(mp3: bytes) -> bytes:
    """Wrap audio the way Google's batchexecute answer does."""
    payload = json.dumps([base64.b64encode(mp3).decode("ascii")])
    data = json.dumps([
        ["wrb.fr", RPC_ID, payload, None, None, None, "generic"],
        ["di", 42],
        ["af.httprm", 41, "-1234567890", 17],
    ], separators=(",", ":"))  # fmt: skip
    trailer = json.dumps([["e", 4, None, None, len(data) + 40]], separators=(",", ":"))
    body = f")]}}'\n\n{len(data) + 1}\n{data}\n{len(trailer) + 1}\n{trailer}\n"
    return body.encode("utf-8")


@dataclass(frozen=True, kw_only=True, slots=True)
class Reply:
    """One scripted answer: audio, an HTTP error, garbage, or silence until timeout."""

    kind: str
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def audio(cls) -> Reply:
        return cls(kind="audio")

    @classmethod
    def error(cls, status: int, *, retry_after: str | None = None) -> Reply:
        headers = (("Retry-After", retry_after),) if retry_after is not None else ()
        return cls(kind="error", status=status, headers=headers)

    @classmethod
    def garbage(cls) -> Reply:
        return cls(kind="garbage")

    @classmethod
    def hang(cls) -> Reply:
        return cls(kind="hang")


@dataclass(frozen=True, kw_only=True, slots=True)
class SeenRequest:
    """What the fake received: the chunk of text and the options gTTS packed with it."""

    path: str
    text: str
    lang: str
    slow: bool
    content_type: str


def _decode_rpc(body: str) -> tuple[str, str, bool]:
    (freq,) = parse_qs(body)["f.req"]
    ((rpc,),) = json.loads(freq)
    rpc_id, parameters, *_ = rpc
    assert rpc_id == RPC_ID, rpc_id
    text, lang, speed, _ = json.loads(parameters)
    return text, lang, bool(speed)


class FakeGttsServer:
    """``with FakeGttsServer(mp3) as server:`` then point the engine at ``server.url``."""

    def __init__(self, mp3: bytes) -> None:
        self.mp3 = mp3
        self.default = Reply.audio()
        self.requests: list[SeenRequest] = []
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def texts(self) -> list[str]:
        return [request.text for request in self.requests]

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def _next_reply(self, seen: SeenRequest) -> Reply:
        with self._lock:
            self.requests.append(seen)
            return self._script.popleft() if self._script else self.default

    def __enter__(self) -> FakeGttsServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("utf-8")
                if self.path.split("?")[0] != ENDPOINT_PATH:
                    self._send(404, b"Not Found")
                    return
                text, lang, slow = _decode_rpc(body)
                reply = fake._next_reply(
                    SeenRequest(
                        path=self.path,
                        text=text,
                        lang=lang,
                        slow=slow,
                        content_type=self.headers.get("Content-Type", ""),
                    )
                )
                if reply.kind == "audio":
                    self._send(200, batchexecute_reply(fake.mp3))
                elif reply.kind == "garbage":
                    self._send(200, b"<html><body>Our systems have detected unusual traffic")
                elif reply.kind == "hang":
                    fake._release.wait(HANG_LIMIT_SECONDS)
                else:
                    self._send(reply.status, b"error", reply.headers)

            def _send(
                self, status: int, body: bytes, headers: tuple[tuple[str, str], ...] = ()
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler
