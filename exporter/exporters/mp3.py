"""The MP3 exporter: one chaptered, tagged MP3 per article."""

from __future__ import annotations

from pathlib import Path

from exporter.audio_encoding import encode_mp3, write_id3
from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_path


class Mp3Exporter:
    name = "mp3"
    description = "chaptered MP3 narration with ID3 tags"

    def export(self, context: ExportContext) -> list[Path]:
        narration = context.narration
        target = context.out_dir / f"{context.slug}.mp3"
        with atomic_path(target) as tmp:
            encode_mp3(narration, tmp)
            write_id3(tmp, context.document, narration, engine=narration.engine)
        return [target]


register_exporter("mp3", Mp3Exporter)
