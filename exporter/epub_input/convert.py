"""The EPUB-in job: read the book, lay out its narration, write the narrated EPUB."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exporter.epub_input.package import overlays_for, write_package
from exporter.epub_input.plan import EpubPlan, plan_epub
from exporter.exporters import ExportContext
from exporter.exporters.epub.overlays import NARRATOR
from exporter.parsers.epub_input import EpubBook, read_epub
from exporter.parsers.reading import CONTAINER_MAX_BYTES, read_article_bytes


@dataclass(frozen=True, kw_only=True, slots=True)
class BookJob:
    book: EpubBook
    plan: EpubPlan

    def write_epub(self, context: ExportContext) -> Path:
        """The narrated EPUB 3, from the narration every audio output shares."""
        narration = context.narration
        overlays = overlays_for(self.plan, narration, self.book)
        target = context.out_dir / f"{context.slug}.epub"
        write_package(
            self.book,
            self.plan,
            overlays,
            target,
            narrator=NARRATOR.format(engine=narration.engine),
        )
        return target


def read_book(path: Path, *, max_bytes: int) -> BookJob:
    """Read and plan the EPUB at ``path``; raise an :class:`~exporter.errors.InputError`."""
    data = read_article_bytes(path, max_bytes=max(max_bytes, CONTAINER_MAX_BYTES))
    book = read_epub(data, path.name)
    return BookJob(book=book, plan=plan_epub(book))
