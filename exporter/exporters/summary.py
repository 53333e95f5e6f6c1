"""The 'summary' exporter: summary.md and summary.html in plain French."""

from __future__ import annotations

from pathlib import Path

from exporter.exporters import ExportContext, register_exporter
from exporter.fsutil import atomic_write_text
from exporter.summary.render import render_html, render_markdown


class SummaryExporter:
    name = "summary"
    description = "Résumé en langage clair (Markdown et HTML)"

    def export(self, context: ExportContext) -> list[Path]:
        summary = context.summary
        markdown_path = context.out_dir / "summary.md"
        html_path = context.out_dir / "summary.html"
        atomic_write_text(markdown_path, render_markdown(summary, context.document))
        atomic_write_text(html_path, render_html(summary, context.document))
        return [markdown_path, html_path]


register_exporter("summary", SummaryExporter)
