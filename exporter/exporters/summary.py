"""The 'summary' exporter: the plain-language summary as Markdown, HTML, JSON and MP3."""

from __future__ import annotations

from pathlib import Path

from exporter.audio.encoding import encode_mp3
from exporter.audio.tags import write_id3
from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_path, atomic_write_text
from exporter.naming import SUMMARY_STEM
from exporter.summary.json_report import render_json
from exporter.summary.narrated import summary_document
from exporter.summary.render import render_html, render_markdown


class SummaryExporter:
    name = "summary"
    description = "Résumé en langage clair (Markdown, HTML, JSON et MP3 lu)"

    def export(self, context: ExportContext) -> list[Path]:
        summary = context.summary
        document = context.document
        texts = {
            f"{SUMMARY_STEM}.md": render_markdown(summary, document),
            f"{SUMMARY_STEM}.html": render_html(summary, document),
            f"{SUMMARY_STEM}.json": render_json(summary, document),
        }
        written: list[Path] = []
        for name, text in texts.items():
            path = context.out_dir / name
            atomic_write_text(path, text)
            written.append(path)
        spoken = summary_document(summary, document)
        narration = context.narrate(spoken)
        audio = context.out_dir / f"{SUMMARY_STEM}.mp3"
        with atomic_path(audio) as tmp:
            encode_mp3(narration, tmp, cache=context.audio_cache)
            write_id3(tmp, spoken, narration, engine=narration.engine)
        written.append(audio)
        return written


register_exporter("summary", SummaryExporter, narrated=True)
