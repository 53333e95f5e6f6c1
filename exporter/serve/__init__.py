"""``exporter serve``: the build folder as a web library, on Starlette and uvicorn.

:func:`serve` runs until Ctrl-C; :func:`create_app` (in :mod:`exporter.serve.app`) gives the
ASGI application alone, for tests and other servers.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import ConfigError
from exporter.exporters import DEFAULT_FORMATS
from exporter.options import BuildOptions

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from exporter.serve.jobs import JobQueue

log = logging.getLogger(__name__)

#: Formats a submission may ask for.
SUBMISSION_FORMATS = ("mp3", "mp3-sections", "m4b", "epub", "summary", "transcript")
DEFAULT_MAX_UPLOAD = 2_000_000


@dataclass(frozen=True, kw_only=True, slots=True)
class ServeOptions:
    build_dir: Path = Path("build")
    host: str = "127.0.0.1"
    port: int = 8000
    #: Where submitted articles are saved (None: BUILD_DIR/.submitted).
    input_dir: Path | None = None
    #: Required to submit articles, as a bearer token or through the login form.
    token: str | None = None
    #: How submissions are converted (its out_dir is replaced by build_dir).
    build: BuildOptions = field(default_factory=BuildOptions)
    #: Conversions running at once, and submissions waiting or running at most.
    workers: int = 1
    queue_limit: int = 8
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    #: A module-level function run in each worker process first (e.g. to register an engine).
    worker_setup: Callable[[], None] | None = None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_app(options: ServeOptions) -> tuple[Starlette, JobQueue | None]:
    """The ASGI application and its started job queue (None when submissions are off)."""
    from exporter.serve.app import AppSettings, create_app
    from exporter.serve.jobs import JobQueue

    if options.workers < 1 or options.queue_limit < 1:
        raise ConfigError("--jobs and --queue-limit must be at least 1")
    build_dir = options.build_dir.resolve()
    build_dir.mkdir(parents=True, exist_ok=True)
    submissions = options.token is not None or is_loopback(options.host)
    if not submissions:
        log.warning(
            "listening on %s without --token: the library is read-only (no submissions)",
            options.host,
        )
    queue = None
    if submissions:
        queue = JobQueue(
            replace(options.build, out_dir=build_dir),
            options.input_dir or build_dir / ".submitted",
            workers=options.workers,
            limit=options.queue_limit,
            worker_setup=options.worker_setup,
        )
        queue.start()
    settings = AppSettings(
        build_dir=build_dir,
        queue=queue,
        formats=SUBMISSION_FORMATS,
        default_formats=tuple(f for f in options.build.formats if f in SUBMISSION_FORMATS)
        or DEFAULT_FORMATS,
        token=options.token,
        max_upload_bytes=options.max_upload_bytes,
        submissions=submissions,
    )
    return create_app(settings), queue


def serve(options: ServeOptions) -> None:
    """Serve the library of ``options.build_dir`` until Ctrl-C (or SIGTERM)."""
    import uvicorn

    app, queue = make_app(options)
    log.info("serving %s on http://%s:%d/", options.build_dir, options.host, options.port)
    try:
        uvicorn.run(
            app,
            host=options.host,
            port=options.port,
            log_level="warning",
            timeout_graceful_shutdown=3,
            server_header=False,
        )
    finally:
        if queue is not None:
            queue.close()
