"""The M4B exporter: the article as an audiobook, AAC in MP4 with chapters and a cover."""

from __future__ import annotations

from pathlib import Path

from exporter.audio.cover import render_cover
from exporter.audio.encoding import encode_m4b
from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_path


class M4bExporter:
    name = "m4b"
    description = "audiobook (AAC in MP4) with one chapter per section, tags and a cover"

    def export(self, context: ExportContext) -> list[Path]:
        target = context.out_dir / f"{context.slug}.m4b"
        with atomic_path(target) as tmp:
            encode_m4b(
                context.narration, context.document, tmp, cover=render_cover(context.document)
            )
        return [target]


register_exporter("m4b", M4bExporter, narrated=True)
