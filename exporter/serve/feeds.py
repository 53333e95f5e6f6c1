"""Feeds for the apps people already use: an OPDS 1.2 catalog of the EPUBs (e-reader apps)
and a podcast RSS feed of the narrations (podcast apps).

The podcast feed is written by ``feedgen`` (RSS 2.0 with the iTunes namespace), with a
small extension for the Podcasting 2.0 namespace (``podcast:transcript``,
``podcast:chapters``). OPDS is Atom with acquisition links, which feedgen cannot express
(it refuses link relations outside Atom's own), so it is written with lxml.
GUIDs and ids derive from the article's slug alone: stable across rebuilds.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from exporter.serve.index import ArticleRow
from exporter.text.dates import format_duration

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
PODCAST = "https://podcastindex.org/namespace/1.0"
OPDS_ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
RSS_TYPE = "application/rss+xml"
LIBRARY_TITLE = "Articles à écouter et à lire"
_NAMESPACE = uuid.UUID("8f0c3a52-6a53-4f4e-9f57-3c1a9a1f7e01")

#: Builds an absolute URL from a path of this site ("/files/x/x.mp3").
UrlFor = Callable[[str], str]


def article_guid(slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, slug)}"


def _mtime(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError:
        return datetime.now(tz=UTC)


def _published(row: ArticleRow, fallback: datetime) -> datetime:
    try:
        day = datetime.fromisoformat(row.date[:10])
    except ValueError:
        return fallback
    return day.replace(tzinfo=UTC) if day.tzinfo is None else day


def _output(row: ArticleRow, ending: str) -> str | None:
    return next((o for o in row.outputs if o == f"{row.slug}/{row.slug}{ending}"), None)


def _sub(parent: etree._Element, tag: str, text: str = "", **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text:
        element.text = text
    return element


def opds_catalog(
    out_dir: Path,
    rows: Sequence[ArticleRow],
    url_for: UrlFor,
    *,
    page: int,
    pages: int,
) -> bytes:
    """An OPDS 1.2 acquisition feed of the articles that have an EPUB (one page of it)."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM, "dc": DC, "opds": OPDS})
    _sub(feed, f"{{{ATOM}}}id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'opds-catalog')}")
    _sub(feed, f"{{{ATOM}}}title", LIBRARY_TITLE)
    entries: list[tuple[ArticleRow, str, datetime]] = []
    for row in rows:
        epub = _output(row, ".epub")
        if epub is not None:
            entries.append((row, epub, _mtime(out_dir / epub)))
    newest = max((when for _, _, when in entries), default=datetime.now(tz=UTC))
    _sub(feed, f"{{{ATOM}}}updated", newest.isoformat(timespec="seconds"))
    author = _sub(feed, f"{{{ATOM}}}author")
    _sub(author, f"{{{ATOM}}}name", "exporter")

    def link(rel: str, page_number: int) -> None:
        query = "" if page_number == 1 else f"?page={page_number}"
        _sub(
            feed,
            f"{{{ATOM}}}link",
            rel=rel,
            href=url_for(f"/opds.xml{query}"),
            type=OPDS_ACQUISITION,
        )

    link("self", page)
    link("start", 1)
    if page > 1:
        link("previous", page - 1)
    if page < pages:
        link("next", page + 1)
    _sub(feed, f"{{{ATOM}}}link", rel="alternate", href=url_for("/"), type="text/html")
    for row, epub, when in entries:
        entry = _sub(feed, f"{{{ATOM}}}entry")
        _sub(entry, f"{{{ATOM}}}title", row.title)
        _sub(entry, f"{{{ATOM}}}id", article_guid(row.slug))
        _sub(entry, f"{{{ATOM}}}updated", when.isoformat(timespec="seconds"))
        _sub(entry, f"{{{DC}}}language", "fr")
        if row.date:
            _sub(entry, f"{{{DC}}}issued", row.date[:10])
        if row.essential:
            _sub(entry, f"{{{ATOM}}}summary", row.essential, type="text")
        size = (out_dir / epub).stat().st_size if (out_dir / epub).exists() else 0
        _sub(
            entry,
            f"{{{ATOM}}}link",
            rel="http://opds-spec.org/acquisition",
            href=url_for(f"/files/{epub}"),
            type="application/epub+zip",
            length=str(size),
        )
        _sub(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            href=url_for(f"/articles/{row.slug}"),
            type="text/html",
        )
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


class _PodcastIndex:
    """feedgen extension: the Podcasting 2.0 namespace on the channel."""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST}

    def extend_rss(self, feed: Any) -> Any:
        return feed

    def extend_atom(self, feed: Any) -> Any:
        return feed


class _PodcastIndexEntry(_PodcastIndex):
    """feedgen entry extension: ``podcast:transcript`` and ``podcast:chapters``."""

    def __init__(self) -> None:
        self._links: list[tuple[str, dict[str, str]]] = []

    def transcript(self, url: str, mime: str, language: str = "fr") -> None:
        self._links.append(("transcript", {"url": url, "type": mime, "language": language}))

    def chapters(self, url: str) -> None:
        self._links.append(("chapters", {"url": url, "type": "application/json+chapters"}))

    def extend_rss(self, entry: Any) -> Any:
        for name, attrib in self._links:
            etree.SubElement(entry, f"{{{PODCAST}}}{name}", attrib)
        return entry


def podcast_feed(out_dir: Path, rows: Sequence[ArticleRow], url_for: UrlFor) -> bytes:
    """RSS 2.0 (iTunes and Podcasting 2.0 namespaces): one item per narrated article."""
    from feedgen.feed import FeedGenerator

    generator: Any = FeedGenerator()
    generator.load_extension("podcast")
    generator.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry, atom=False)
    generator.title(LIBRARY_TITLE)
    generator.link(href=url_for("/"), rel="alternate")
    generator.description("Les articles lus par une voix de synthèse, avec leur transcription.")
    generator.language("fr")
    generator.generator("exporter")
    generator.podcast.itunes_category("News")
    generator.podcast.itunes_explicit("no")
    generator.podcast.itunes_author("exporter")
    generator.podcast.itunes_summary("Articles d’actualité en français, lus à voix haute.")
    fallback = datetime.now(tz=UTC)
    for row in reversed(rows):  # feedgen puts the last entry added first
        mp3 = _output(row, ".mp3")
        if mp3 is None or not (out_dir / mp3).exists():
            continue
        entry = generator.add_entry()
        entry.id(article_guid(row.slug))
        entry.guid(article_guid(row.slug), permalink=False)
        entry.title(row.title)
        entry.link(href=url_for(f"/articles/{row.slug}"))
        entry.description(row.essential or row.title)
        entry.published(_published(row, _mtime(out_dir / mp3) if not row.date else fallback))
        entry.enclosure(url_for(f"/files/{mp3}"), str((out_dir / mp3).stat().st_size), "audio/mpeg")
        entry.podcast.itunes_duration(format_duration(row.duration_seconds or 0))
        vtt = _output(row, ".vtt")
        if vtt is not None:
            entry.podcastindex.transcript(url_for(f"/files/{vtt}"), "text/vtt")
            entry.podcastindex.chapters(url_for(f"/articles/{row.slug}/chapters.json"))
    return bytes(generator.rss_str(pretty=True))
