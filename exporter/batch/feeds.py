"""News feeds (RSS, Atom): fetch the pages of new or changed entries, then convert them.

``exporter batch --feed URL`` polls each feed, saves the page of every new or changed entry
into the build folder's inbox (``OUT/.feeds/pages/<slug>.html``, with the "saved from url"
comment that records its address), and runs the ordinary batch over that inbox: an
article is converted only when its page's bytes changed (the manifest's content hash).

What the feeds said last time lives in ``OUT/.feeds/state.json``: per feed, its ETag and
Last-Modified (sent back as a conditional request, so an unchanged feed costs a 304);
per entry (by GUID, else link), its page's address, slug, version (the entry's updated or
published date, else a hash of its title and summary), the page's ETag / Last-Modified and
the SHA-256 of the saved page. An entry whose version is unchanged and whose page is
saved is not fetched again. Requests to one host are spaced by a polite interval; fetches
retry transient failures (:mod:`exporter.parsers.fetch`). A feed that fails, or an entry
whose page fails, is reported and skipped; the rest go on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

from exporter.batch.lock import build_lock
from exporter.batch.manifest import settings_fingerprint
from exporter.batch.progress import BatchReporter, NullBatchReporter
from exporter.batch.run import (
    BatchItem,
    BatchOptions,
    BatchReport,
    Status,
    default_jobs,
    resolved_options,
    run_pass,
)
from exporter.batch.workers import make_runner
from exporter.errors import ExporterError
from exporter.fsutil import atomic_write_text
from exporter.parsers.fetch import FEED_TYPES, HTML_TYPES, FetchLimits, fetch, make_session
from exporter.parsers.webpage import saved_from_comment
from exporter.pipeline import slug_for_url

log = logging.getLogger(__name__)

FEEDS_DIR = ".feeds"
STATE_NAME = "state.json"
STATE_FORMAT = 1
#: Seconds between two polls with ``--watch``.
DEFAULT_INTERVAL = 900.0
#: Seconds between two requests to the same host.
DEFAULT_POLITENESS = 1.0


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedOptions:
    urls: tuple[str, ...]
    interval: float = DEFAULT_INTERVAL
    politeness: float = DEFAULT_POLITENESS
    limits: FetchLimits = field(default_factory=FetchLimits)


@dataclass(frozen=True, kw_only=True, slots=True)
class EntryState:
    url: str
    slug: str
    version: str
    etag: str = ""
    last_modified: str = ""
    sha256: str = ""


@dataclass(kw_only=True, slots=True)
class FeedState:
    etag: str = ""
    last_modified: str = ""
    entries: dict[str, EntryState] = field(default_factory=dict)
    #: Entries whose page failed last time, by GUID: (page URL, version); tried again at
    #: the next poll even when the feed itself is not modified.
    retry: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedPoll:
    """What one poll of one feed found."""

    url: str
    entries: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    #: The feed answered 304 Not Modified.
    not_modified: bool = False
    error: str = ""
    #: (entry page URL, error) for the entries whose page could not be fetched.
    failed_entries: tuple[tuple[str, str], ...] = ()


def feeds_dir(out_dir: Path) -> Path:
    return out_dir / FEEDS_DIR


def load_state(out_dir: Path) -> dict[str, FeedState]:
    """Feed states by feed URL; an unreadable state file counts as empty (all refetched)."""
    path = feeds_dir(out_dir) / STATE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT:
            return {}
        return {
            url: FeedState(
                etag=str(feed.get("etag", "")),
                last_modified=str(feed.get("last_modified", "")),
                entries={guid: EntryState(**entry) for guid, entry in feed["entries"].items()},
                retry={
                    str(guid): (str(pair[0]), str(pair[1]))
                    for guid, pair in feed.get("retry", {}).items()
                },
            )
            for url, feed in data["feeds"].items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning("%s: unreadable feed state (%s): every entry is fetched again", path, error)
        return {}


def save_state(out_dir: Path, states: dict[str, FeedState]) -> None:
    feeds = {
        url: {
            "etag": state.etag,
            "last_modified": state.last_modified,
            "entries": {guid: asdict(entry) for guid, entry in sorted(state.entries.items())},
            "retry": {guid: list(pair) for guid, pair in sorted(state.retry.items())},
        }
        for url, state in sorted(states.items())
    }
    text = json.dumps({"format": STATE_FORMAT, "feeds": feeds}, ensure_ascii=False, indent=1)
    atomic_write_text(feeds_dir(out_dir) / STATE_NAME, text + "\n")


class PoliteClock:
    """Spaces requests to the same host by ``interval`` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            delay = self.interval - (time.monotonic() - last)
            if delay > 0:
                time.sleep(delay)
        self._last[host] = time.monotonic()


def _entry_version(entry: Any) -> str:
    for key in ("updated", "published"):
        # dict.get: feedparser's own get() maps a missing "updated" to "published", noisily.
        if value := dict.get(entry, key):
            return str(value)
    material = f"{entry.get('title', '')}\x00{entry.get('summary', '')}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


class FeedPoller:
    """Polls feeds and keeps the inbox of their entries' pages up to date."""

    def __init__(self, out_dir: Path, options: FeedOptions) -> None:
        self.out_dir = out_dir
        self.inbox = feeds_dir(out_dir) / "pages"
        self.options = options
        self.clock = PoliteClock(options.politeness)
        self.session = make_session(options.limits)

    def close(self) -> None:
        self.session.close()

    def poll(self) -> list[FeedPoll]:
        states = load_state(self.out_dir)
        polls = []
        for url in self.options.urls:
            state = states.setdefault(url, FeedState())
            polls.append(self._poll_feed(url, state))
            save_state(self.out_dir, states)
        return polls

    def _get(self, url: str, accept: tuple[str, ...], etag: str, last_modified: str) -> Any:
        self.clock.wait(url)
        return fetch(
            url,
            accept=accept,
            etag=etag,
            last_modified=last_modified,
            limits=self.options.limits,
            session=self.session,
        )

    def _poll_feed(self, url: str, state: FeedState) -> FeedPoll:
        try:
            answer = self._get(url, FEED_TYPES, state.etag, state.last_modified)
        except ExporterError as error:
            return FeedPoll(url=url, error=str(error))
        if answer.not_modified:
            log.info("%s: not modified", url)
            items = [(guid, link, version) for guid, (link, version) in state.retry.items()]
            return self._update_entries(url, items, state, total=len(state.entries), cached=True)
        parsed = feedparser.parse(answer.content)
        if not parsed.entries and parsed.get("bozo"):
            reason = parsed.get("bozo_exception", "not RSS or Atom")
            return FeedPoll(url=url, error=f"{url}: unreadable feed ({reason})")
        state.etag, state.last_modified = answer.etag, answer.last_modified
        state.retry = {}
        items = []
        for entry in parsed.entries:
            link = str(entry.get("link", ""))
            guid = str(entry.get("id") or link)
            if link and guid:
                items.append((guid, link, _entry_version(entry)))
        return self._update_entries(url, items, state, total=len(parsed.entries), cached=False)

    def _update_entries(
        self,
        url: str,
        items: Sequence[tuple[str, str, str]],
        state: FeedState,
        *,
        total: int,
        cached: bool,
    ) -> FeedPoll:
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        failed: list[tuple[str, str]] = []
        for guid, link, version in items:
            outcome = self._update_entry(guid, link, version, state)
            if outcome.startswith("error:"):
                failed.append((link, outcome.removeprefix("error:")))
                state.retry[guid] = (link, version)
            else:
                counts[outcome] += 1
                state.retry.pop(guid, None)
        return FeedPoll(
            url=url,
            entries=total,
            not_modified=cached,
            new=counts["new"],
            changed=counts["changed"],
            unchanged=counts["unchanged"],
            failed_entries=tuple(failed),
        )

    def _update_entry(self, guid: str, link: str, version: str, state: FeedState) -> str:
        known = state.entries.get(guid)
        slug = known.slug if known else slug_for_url(link)
        page_path = self.inbox / f"{slug}.html"
        if known and known.version == version and known.url == link and page_path.is_file():
            return "unchanged"
        etag = known.etag if known and page_path.is_file() else ""
        last_modified = known.last_modified if known and page_path.is_file() else ""
        try:
            answer = self._get(link, HTML_TYPES, etag, last_modified)
        except ExporterError as error:
            log.warning("%s", error)
            return f"error:{error}"
        if answer.not_modified and known:
            state.entries[guid] = replace(known, version=version)
            return "unchanged"
        try:
            text = saved_from_comment(answer.url) + answer.text()
        except ExporterError as error:
            return f"error:{error}"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if not (known and known.sha256 == digest and page_path.is_file()):
            atomic_write_text(page_path, text)
        state.entries[guid] = EntryState(
            url=link,
            slug=slug,
            version=version,
            etag=answer.etag,
            last_modified=answer.last_modified,
            sha256=digest,
        )
        if known is None:
            return "new"
        return "unchanged" if known.sha256 == digest else "changed"


def _failures(polls: Sequence[FeedPoll]) -> list[BatchItem]:
    items = []
    for poll in polls:
        if poll.error:
            items.append(
                BatchItem(slug="", source=poll.url, status=Status.FAILED, message=poll.error)
            )
        for link, error in poll.failed_entries:
            items.append(BatchItem(slug="", source=link, status=Status.FAILED, message=error))
    return items


def format_polls(polls: Sequence[FeedPoll]) -> str:
    """One line per feed: what its poll found."""
    lines = []
    for poll in polls:
        if poll.error:
            lines.append(f"feed {poll.url}: FAILED: {poll.error}")
        elif poll.not_modified:
            retried = f", {poll.new} failed before now fetched" if poll.new else ""
            still = f", {len(poll.failed_entries)} still failing" if poll.failed_entries else ""
            lines.append(
                f"feed {poll.url}: not modified (304), {poll.entries} entries known{retried}{still}"
            )
        else:
            failed = f", {len(poll.failed_entries)} failed" if poll.failed_entries else ""
            lines.append(
                f"feed {poll.url}: {poll.entries} entries, {poll.new} new, "
                f"{poll.changed} changed, {poll.unchanged} unchanged{failed}"
            )
    return "\n".join(lines)


def run_feeds(
    feed_options: FeedOptions,
    options: BatchOptions | None = None,
    reporter: BatchReporter | None = None,
    *,
    watch: bool = False,
    on_report: Callable[[BatchReport], None] | None = None,
    on_polls: Callable[[list[FeedPoll]], None] | None = None,
    stop_event: threading.Event | None = None,
) -> BatchReport:
    """Poll the feeds, convert their new and changed entries; with ``watch``, poll again
    every ``feed_options.interval`` seconds until Ctrl-C or ``stop_event``."""
    options = resolved_options(options or BatchOptions())
    reporter = reporter or NullBatchReporter()
    out_dir = options.build.out_dir
    fingerprint = settings_fingerprint(options.build)
    stop_event = stop_event or threading.Event()
    jobs = options.jobs or default_jobs()
    report = BatchReport()
    with build_lock(out_dir, wait=options.wait) as lock_fd:
        runner = make_runner(options.build, jobs=jobs, scheduler=options.scheduler, lock_fd=lock_fd)
        poller = FeedPoller(out_dir, feed_options)
        try:
            while True:
                polls = poller.poll()
                if on_polls is not None:
                    on_polls(polls)
                poller.inbox.mkdir(parents=True, exist_ok=True)
                report = run_pass(poller.inbox, options, runner, reporter, fingerprint)
                report = replace(report, items=(*_failures(polls), *report.items))
                if on_report is not None:
                    on_report(report)
                if not watch or stop_event.wait(feed_options.interval):
                    return report
        except KeyboardInterrupt:
            log.info("stopped polling feeds")
            return report
        finally:
            poller.close()
            runner.close()
