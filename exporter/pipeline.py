"""The main job: articles in, per-article outputs out.

:func:`build` is what ``exporter build`` calls. Each article is converted into a private
staging folder inside the output folder; only when every requested output exists are the
files moved into ``<out>/<slug>/``. A failing article therefore leaves nothing behind, and
the others go on.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from exporter.errors import ConfigError, ExporterError, InputError
from exporter.exporters import (
    ExportContext,
    exporter_names,
    format_for,
    get_exporter,
    get_exporter_info,
    is_format,
)
from exporter.fsutil import remove_leftovers, staging_dir
from exporter.inputs import collect_inputs, is_url
from exporter.model import Document
from exporter.naming import article_slug, assign_slugs, output_slug
from exporter.narration.cache import AudioCache
from exporter.narration.engines import AUTO_ENGINE, Engine, create_engine, get_engine_info
from exporter.narration.loudness import normalize_loudness
from exporter.narration.narrator import Narrator
from exporter.options import DEFAULT_SUMMARIZER, BuildOptions
from exporter.parsers import parse_file
from exporter.progress import NullReporter, Reporter
from exporter.summary.model import PlainSummary
from exporter.text.lexicon import load_lexicons

if TYPE_CHECKING:
    from exporter.epub_input.convert import BookJob

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleResult:
    source: Path
    slug: str
    outputs: tuple[Path, ...] = ()
    error: ExporterError | None = None
    #: The parsed article's title and date, for listings (empty when it failed).
    title: str = ""
    date: str = ""
    #: Who published it, and its web address when it has one (for the library page).
    publisher: str = ""
    link: str = ""
    #: The web address the article was fetched from, for articles given as URLs.
    url: str = ""

    @property
    def label(self) -> str:
        return self.url or str(self.source)


@dataclass(frozen=True, kw_only=True, slots=True)
class BuildReport:
    results: tuple[ArticleResult, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> tuple[ArticleResult, ...]:
        return tuple(result for result in self.results if result.error is not None)

    @property
    def succeeded(self) -> tuple[ArticleResult, ...]:
        return tuple(result for result in self.results if result.error is None)


def web_link(source: str) -> str:
    """``source`` when it is an http(s) address (not a file name), else ""."""
    return source if urlsplit(source).scheme in ("http", "https") else ""


def slug_for_url(url: str) -> str:
    """The output folder of a fetched page: its address' last segment, else its host."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    name = Path(segments[-1]).stem if segments else ""
    return output_slug(name or parts.hostname or "page")


def _check_formats(formats: Sequence[str]) -> None:
    unknown = [name for name in formats if not is_format(name)]
    if unknown or not formats:
        raise ConfigError(
            f"unknown format(s): {', '.join(unknown) or '(none given)'}",
            hint=f"Choose among: {', '.join(exporter_names())}.",
        )


def _narrates(options: BuildOptions) -> bool:
    """Whether the formats asked for need the narration engine."""
    return any(
        get_exporter_info(format_for(name, narration=options.overlays)).narrated
        for name in options.formats
    )


def _summarizer(name: str) -> Callable[[Document], PlainSummary]:
    from exporter.summary.llm import summarizer_for

    return summarizer_for(name)


class ArticleConverter:
    """Converts articles one by one, sharing one engine and one cache between them."""

    def __init__(self, options: BuildOptions, reporter: Reporter | None = None) -> None:
        _check_formats(options.formats)
        if options.engine != AUTO_ENGINE and _narrates(options):
            # A mistyped engine is an error before any article, not each one's failure.
            get_engine_info(options.engine)
        self.options = options
        self.reporter = reporter or NullReporter()
        # Loaded up front: a broken lexicon is a setting error, not an article's failure.
        self.lexicon = load_lexicons(options.lexicons)
        self._narrator: Narrator | None = None
        # The summary's code (and its tables) is imported by the first summary, not by
        # `--formats mp3`; a summarizer with settings reads them now, before any article.
        self._summarizer: Callable[[Document], PlainSummary] | None = None
        if options.summarizer != DEFAULT_SUMMARIZER:
            self._summarizer = _summarizer(options.summarizer)
        self._narrates = any(
            get_exporter_info(format_for(name, narration=options.overlays)).narrated
            for name in options.formats
        )

    def _summarize(self, document: Document) -> PlainSummary:
        if self._summarizer is None:
            self._summarizer = _summarizer(self.options.summarizer)
        return self._summarizer(document)

    @property
    def narrator(self) -> Narrator:
        # The engine (and its model) is loaded once, on first need, never per article.
        if self._narrator is None:
            engine: Engine = create_engine(self.options.engine)
            cache = AudioCache(self.options.cache_dir) if self.options.use_cache else None
            self._narrator = Narrator(
                engine, cache=cache, reporter=self.reporter, lexicon=self.lexicon
            )
        return self._narrator

    def close(self) -> None:
        """Stop the engine's helper process, if it has one (Pico's child): it is waited
        for, not left to notice on its own that its parent is gone."""
        if self._narrator is not None:
            close = getattr(self._narrator.engine, "close", None)
            if callable(close):
                close()

    def convert(self, source: Path, slug: str | None = None, *, label: str = "") -> ArticleResult:
        """Convert one article into ``<out>/<slug>/`` (by default, its file name's slug)."""
        slug = slug or article_slug(source)
        label = label or source.name
        try:
            self.reporter.stage(label, "parse")
            book: BookJob | None = None
            if source.suffix.lower() == ".epub":
                from exporter.epub_input.convert import read_book

                book = read_book(source, max_bytes=self.options.max_bytes)
                document = book.plan.document
            else:
                document = parse_file(source, max_bytes=self.options.max_bytes)
            outputs = self._export(document, slug, label, book=book)
        except ExporterError as error:
            self.reporter.failed(label, str(error))
            return ArticleResult(source=source, slug=slug, error=error)
        self.reporter.finished(label, len(outputs))
        return ArticleResult(
            source=source,
            slug=slug,
            outputs=tuple(outputs),
            title=document.title,
            date=document.metadata.date,
            publisher=document.metadata.publisher,
            link=web_link(document.metadata.source),
        )

    def convert_url(self, url: str) -> ArticleResult:
        """Fetch the page at ``url`` and convert it (see :mod:`exporter.parsers.fetch`)."""
        from exporter.parsers.fetch import FetchLimits, fetch
        from exporter.parsers.webpage import saved_from_comment

        slug = slug_for_url(url)
        self.reporter.stage(url, "fetch")
        try:
            page = fetch(url, limits=FetchLimits(max_bytes=self.options.max_bytes))
            text = page.text()
        except ExporterError as error:
            self.reporter.failed(url, str(error))
            return ArticleResult(source=Path(f"{slug}.html"), slug=slug, error=error, url=url)
        with tempfile.TemporaryDirectory(prefix="exporter-fetch-") as scratch:
            saved = Path(scratch) / f"{slug}.html"
            saved.write_text(saved_from_comment(page.url) + text, encoding="utf-8")
            result = self.convert(saved, label=url)
        return replace(result, url=url)

    def _export(
        self, document: Document, slug: str, label: str, *, book: BookJob | None = None
    ) -> list[Path]:
        out_dir = self.options.out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = staging_dir(out_dir, slug)
        try:
            context = ExportContext(
                document=document,
                slug=slug,
                out_dir=staging,
                # Every audio output (and the EPUB overlays) share one normalised narration.
                narrate=lambda doc: normalize_loudness(self.narrator.narrate(doc, label=label)),
                summarize=self._summarize,
                audio_cache=self.narrator.cache if self._narrates else None,
            )
            written: list[Path] = []
            for name in self.options.formats:
                self.reporter.stage(label, name)
                if book is not None and name.startswith("epub"):
                    # An existing book: the publisher's own EPUB, narrated (never text-only).
                    written.append(book.write_epub(context))
                    continue
                chosen = format_for(name, narration=self.options.overlays)
                written.extend(get_exporter(chosen).export(context))
            final_dir = out_dir / slug
            final_dir.mkdir(parents=True, exist_ok=True)
            outputs = []
            for path in written:
                destination = final_dir / path.relative_to(staging)
                destination.parent.mkdir(parents=True, exist_ok=True)
                path.replace(destination)
                outputs.append(destination)
            return outputs
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def build(
    paths: Sequence[Path | str],
    options: BuildOptions | None = None,
    reporter: Reporter | None = None,
) -> BuildReport:
    """Convert every article found in ``paths`` (files, folders, or http(s) addresses given
    as strings); one failing article does not stop the others."""
    options = options or BuildOptions()
    urls = [str(item) for item in paths if isinstance(item, str) and is_url(item)]
    local = [Path(item) for item in paths if not (isinstance(item, str) and is_url(item))]
    converter = ArticleConverter(options, reporter)
    remove_leftovers(options.out_dir, started=time.time())
    sources = collect_inputs(local, out_dir=options.out_dir) if local else []
    slugs, collisions = assign_slugs(sources)
    refused = {
        collision.source: ArticleResult(
            source=collision.source,
            slug=collision.slug,
            error=InputError(collision.source, collision.message, hint=collision.hint),
        )
        for collision in collisions
    }
    results = [
        refused[source] if source in refused else converter.convert(source, slugs[source])
        for source in sources
    ]
    results += [converter.convert_url(url) for url in urls]
    return BuildReport(results=tuple(results))
