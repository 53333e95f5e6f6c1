"""summary.json: the summary's text and its figures, for programs and dashboards."""

from __future__ import annotations

import dataclasses
import json

from exporter.model import Document
from exporter.summary.model import PlainSummary


def render_json(summary: PlainSummary, document: Document) -> str:
    """Stable JSON (sorted keys, no timestamps): the same summary gives the same bytes."""
    payload = {
        "title": document.title,
        "language": document.language,
        "summary": list(summary.sentences),
        "essentiel": " ".join(summary.essentiel),
        "briefs": [dataclasses.asdict(brief) for brief in summary.briefs],
        "glossary": [dataclasses.asdict(entry) for entry in summary.glossary],
        "readability": {
            "original": dataclasses.asdict(summary.original),
            "summary": dataclasses.asdict(summary.simplified),
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
