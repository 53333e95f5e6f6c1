"""The accessible EPUB 3 exporter, registered as ``epub`` (with Media Overlays: needs the
narration, which the MP3 shares) and ``epub-text`` (text only, no voice engine needed;
``exporter build --no-overlays``).

The book is planned (:mod:`.plan`: its pages, rendered by :mod:`.pages`), narrated when
it has overlays (:mod:`.overlays`: per-page audio and SMIL) and packaged (:mod:`.package`:
OPF, accessibility metadata, the file). It passes EPUBCheck and Ace by DAISY.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from exporter.errors import ExportError
from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_path

logger = logging.getLogger(__name__)


class EpubExporter:
    description = "accessible EPUB 3 with Media Overlays (text synchronised with narration)"

    def __init__(self, *, overlays: bool = True) -> None:
        self.overlays = overlays
        self.name = "epub" if overlays else "epub-text"
        if not overlays:
            self.description = "accessible EPUB 3, text only (no narration)"

    def export(self, context: ExportContext) -> list[Path]:
        # Imported here: registering the format must not load lxml and ebooklib for
        # builds that write no EPUB.
        from exporter.exporters.epub.overlays import narrate_book
        from exporter.exporters.epub.package import write_book
        from exporter.exporters.epub.plan import book_cover, modification_time, plan_book

        path = context.out_dir / f"{context.slug}.epub"
        plan = plan_book(
            context.document,
            context.summary,
            modified=modification_time(),
            cover=book_cover(context.document),
        )
        if self.overlays:
            plan = narrate_book(plan, context)
        try:
            with atomic_path(path) as tmp:
                write_book(plan, tmp)
        except OSError as error:
            raise ExportError(f"cannot write {path}: {error}") from error
        logger.info("wrote %s (%d chapters)", path, len(plan.files) - 1)
        return [path]


register_exporter("epub", EpubExporter, narrated=True, text_only="epub-text")
register_exporter("epub-text", functools.partial(EpubExporter, overlays=False))
