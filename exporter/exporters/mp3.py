"""The MP3 exporters: one chaptered MP3 per article, or one MP3 per section on request."""

from __future__ import annotations

from pathlib import Path

from exporter.audio.cover import render_cover
from exporter.audio.encoding import encode_mp3_pcm, section_pcm
from exporter.audio.tags import write_id3, write_section_id3
from exporter.exporters import ExportContext, register_exporter
from exporter.exporters.narration_audio import narration_mp3
from exporter.fsutil import atomic_path
from exporter.naming import SECTIONS_FOLDER, slugify


class Mp3Exporter:
    name = "mp3"
    description = "chaptered MP3 narration with ID3 tags and a cover"

    def export(self, context: ExportContext) -> list[Path]:
        narration = context.narration
        target = context.out_dir / f"{context.slug}.mp3"
        with atomic_path(target) as tmp:
            tmp.write_bytes(narration_mp3(context))
            write_id3(
                tmp,
                context.document,
                narration,
                engine=narration.engine,
                cover=render_cover(context.document),
            )
        return [target]


def section_file_name(number: int, total: int, title: str) -> str:
    """ "01-la-delegation-chinoise.mp3": numbered so that file lists sort in reading order."""
    width = max(2, len(str(total)))
    return f"{number:0{width}d}-{slugify(title, max_length=60)}.mp3"


class Mp3SectionsExporter:
    name = "mp3-sections"
    description = "one tagged MP3 per section, in sections/, numbered as tracks"

    def export(self, context: ExportContext) -> list[Path]:
        narration = context.narration
        cover = render_cover(context.document)
        chapters = narration.chapters
        written = []
        for number, chapter in enumerate(chapters, start=1):
            name = section_file_name(number, len(chapters), chapter.title)
            target = context.out_dir / SECTIONS_FOLDER / name
            with atomic_path(target) as tmp:
                encode_mp3_pcm(
                    section_pcm(narration, chapter),
                    narration.sample_rate,
                    tmp,
                    cache=context.audio_cache,
                )
                write_section_id3(
                    tmp,
                    context.document,
                    section_title=chapter.title,
                    track=number,
                    total=len(chapters),
                    engine=narration.engine,
                    cover=cover,
                )
            written.append(target)
        return written


register_exporter("mp3", Mp3Exporter, narrated=True)
register_exporter("mp3-sections", Mp3SectionsExporter, narrated=True)
