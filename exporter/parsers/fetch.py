"""Fetching a web page or a feed over HTTP(S), within bounds.

Only ``http`` and ``https`` URLs are fetched (never ``file:`` or others, also not after a
redirect); redirects are followed up to a limit; every request has a connect and read
timeout and the whole download a deadline; the body is refused past a size limit (from
its Content-Length, else while it streams); the content type must be one the caller
accepts. Requests say who they are (``User-Agent: exporter/<version>``), and pass the
validators of a previous answer (ETag, Last-Modified) so that an unchanged resource costs
a ``304 Not Modified``. Transient failures (connection errors, 429 and 5xx answers) are
retried with backoff by urllib3's :class:`~urllib3.util.retry.Retry`, honouring
``Retry-After``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError
from urllib3.exceptions import TimeoutError as Timeout
from urllib3.util.retry import Retry

from exporter import __version__
from exporter.errors import InputError, InputTooLargeError
from exporter.parsers.reading import DEFAULT_MAX_BYTES, decode_article

log = logging.getLogger(__name__)

USER_AGENT = f"exporter/{__version__} (+https://pypi.org/project/exporter/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
)
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


class FetchError(InputError):
    """A URL could not be fetched (network, HTTP status, type, size or redirect limits)."""

    hint = "Check the address in a browser; the site may be down or refuse robots."


@dataclass(frozen=True, kw_only=True, slots=True)
class FetchLimits:
    #: Seconds to connect, and between two bytes of the answer.
    timeout: float = 15.0
    #: Seconds for the whole download, however slowly the bytes come.
    deadline: float = 60.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    #: Retries of a failed connection or a 429/5xx answer (with backoff).
    retries: int = 2
    backoff: float = 0.5


@dataclass(frozen=True, kw_only=True, slots=True)
class Fetched:
    #: The URL finally answered (after redirects).
    url: str
    content: bytes
    content_type: str
    #: The body's charset, when the server named one.
    charset: str = ""
    etag: str = ""
    last_modified: str = ""
    #: True for a 304 answer to a conditional request: ``content`` is empty.
    not_modified: bool = False

    def text(self) -> str:
        """The body decoded as the server said; else detected as for a file (byte-order
        mark, UTF-8, then an encoding detector); raise an InputError for binary bytes."""
        if self.charset:
            try:
                return self.content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                log.info("%s: not %s as announced; detecting the encoding", self.url, self.charset)
        return decode_article(self.content, self.url)


def make_session(limits: FetchLimits | None = None) -> requests.Session:
    limits = limits or FetchLimits()
    retry = Retry(
        total=limits.retries,
        connect=limits.retries,
        read=limits.retries,
        status=limits.retries,
        redirect=0,
        backoff_factor=limits.backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise FetchError(
            url,
            f"only http and https addresses are fetched, not '{scheme or 'no scheme'}:'",
            hint="Give an http:// or https:// address, or the path of a file.",
        )


def _media_type(header: str) -> tuple[str, str]:
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), str(charset) if isinstance(charset, str) else ""


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES,
    etag: str = "",
    last_modified: str = "",
    limits: FetchLimits | None = None,
    session: requests.Session | None = None,
) -> Fetched:
    """GET ``url`` within ``limits``; raise :class:`FetchError` saying why it failed."""
    limits = limits or FetchLimits()
    own_session = session is None
    session = session or make_session(limits)
    headers = {"Accept": ", ".join((*accept, "*/*;q=0.1"))}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    try:
        current = url
        for _hop in range(limits.max_redirects + 1):
            _check_scheme(current)
            response = session.get(
                current,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(limits.timeout, limits.timeout),
            )
            with response:
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    log.debug("%s redirects to %s", response.url, current)
                    continue
                return _answer(current, response, accept, limits, started)
        raise FetchError(url, f"more than {limits.max_redirects} redirects")
    except requests.exceptions.RequestException as error:
        causes = _causes(error)
        refused = next((c for c in causes if isinstance(c, NewConnectionError)), None)
        if refused is not None:
            raise FetchError(url, f"cannot connect ({_reason(error)})") from error
        if any(isinstance(cause, TimeoutError | Timeout) for cause in causes):
            raise FetchError(url, f"no answer within {limits.timeout:g} s") from error
        raise FetchError(url, f"cannot fetch it ({_reason(error)})") from error
    finally:
        if own_session:
            session.close()


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what it wraps (requests and urllib3 nest them in args and .reason)."""
    chain: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(chain) < 20:
        item = pending.pop()
        if isinstance(item, BaseException) and item not in chain:
            chain.append(item)
            pending.extend([*item.args, getattr(item, "reason", None), item.__cause__])
    return chain


def _reason(error: requests.exceptions.RequestException) -> str:
    return str(_causes(error)[-1]).strip() or type(error).__name__


def _answer(
    url: str,
    response: requests.Response,
    accept: tuple[str, ...],
    limits: FetchLimits,
    started: float,
) -> Fetched:
    etag = response.headers.get("etag", "")
    last_modified = response.headers.get("last-modified", "")
    if response.status_code == 304:
        return Fetched(
            url=url,
            content=b"",
            content_type="",
            etag=etag,
            last_modified=last_modified,
            not_modified=True,
        )
    if response.status_code >= 300:
        raise FetchError(url, f"the server answered HTTP {response.status_code} {response.reason}")
    media_type, charset = _media_type(response.headers.get("content-type", ""))
    if media_type not in accept:
        raise FetchError(url, f"not a page that can be read (content type '{media_type}')")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(url, int(declared), limits.max_bytes)
    body = bytearray()
    for chunk in response.iter_content(_CHUNK):
        body.extend(chunk)
        if len(body) > limits.max_bytes:
            raise _too_large(url, len(body), limits.max_bytes)
        if time.monotonic() - started > limits.deadline:
            raise FetchError(url, f"the download took more than {limits.deadline:g} s")
    return Fetched(
        url=url,
        content=bytes(body),
        content_type=media_type,
        charset=charset,
        etag=etag,
        last_modified=last_modified,
    )


def _too_large(url: str, size: int, limit: int) -> InputTooLargeError:
    return InputTooLargeError(url, f"the page is over {limit:,} bytes (at least {size:,})")
