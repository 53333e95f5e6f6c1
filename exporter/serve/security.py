"""The server's safety nets: security headers, upload size limit, CSRF and login tokens.

- Every response carries a Content-Security-Policy without inline scripts, and files from
  the build folder are served sandboxed.
- A request body larger than the limit is refused with 413 before it is read in full.
- Forms carry a CSRF token: an HMAC of the visitor's random session cookie (SameSite=Strict)
  under a secret made at start-up; a POST without the matching token is refused.
- With ``--token``, submitting needs the token, as ``Authorization: Bearer`` or through the
  login form, which sets a cookie holding an HMAC of it (never the token itself).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "exporter_session"
AUTH_COOKIE = "exporter_auth"
CSRF_FIELD = "csrf"

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Built files (a summary's HTML page, say) are shown as documents of no origin.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; media-src 'self'; sandbox"

_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds the security headers (and a CSP, unless the route set its own) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend(header for header in _HEADERS if header[0] not in names)
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode("ascii")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """The request body is over the server's limit."""


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes: at once from Content-Length, and while
    reading when the client sent none (or lied)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        await self.app(scope, counted, send)


class Guard:
    """CSRF tokens and the optional submission token, for one server run."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self._secret = secrets.token_bytes(32)

    def _sign(self, value: str) -> str:
        return hmac.new(self._secret, value.encode("utf-8"), hashlib.sha256).hexdigest()

    @staticmethod
    def new_session() -> str:
        return secrets.token_urlsafe(24)

    def csrf_token(self, session: str) -> str:
        return self._sign(f"csrf:{session}")

    def csrf_ok(self, session: str | None, token: str | None) -> bool:
        if not session or not token:
            return False
        return hmac.compare_digest(self.csrf_token(session), token)

    def login_cookie(self) -> str:
        return self._sign(f"auth:{self.token}")

    def token_ok(self, candidate: str) -> bool:
        return self.token is not None and hmac.compare_digest(
            candidate.encode("utf-8"), self.token.encode("utf-8")
        )

    def bearer(self, request: Request) -> bool:
        """Does the request carry the token as ``Authorization: Bearer``?"""
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self.token_ok(value.strip())

    def authorised(self, request: Request) -> bool:
        """May this request submit articles?"""
        if self.token is None or self.bearer(request):
            return True
        cookie = request.cookies.get(AUTH_COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie, self.login_cookie())
