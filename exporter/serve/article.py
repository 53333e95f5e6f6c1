"""What the article page shows: the text by sections with each sentence's timing, the
plain-language summary and glossary, and the files to download.

The text and its timings come from the article's WebVTT transcript, one cue per narrated
unit (title, section headings, sentences) with the document model's ids
(``sec2-title``, ``sec2-p3-s1``): the same clips as the MP3 chapters and the EPUB's
Media Overlays, so the read-along highlights what the MP3 is saying.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from exporter.check.readers import vtt_cues
from exporter.model import TITLE_ID
from exporter.serve.index import ArticleRow

log = logging.getLogger(__name__)

_SENTENCE_ID = re.compile(r"(?P<section>sec\d+)-(?P<paragraph>p\d+)-s\d+")
_HEADING_ID = re.compile(r"(?P<section>sec\d+)-title")


@dataclass(frozen=True, kw_only=True, slots=True)
class TimedText:
    id: str
    text: str
    start: float
    end: float


@dataclass(frozen=True, kw_only=True, slots=True)
class ReadSection:
    id: str
    heading: TimedText | None
    paragraphs: tuple[tuple[TimedText, ...], ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Download:
    href_path: str
    label: str
    detail: str
    size: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleView:
    row: ArticleRow
    title: TimedText | None = None
    sections: tuple[ReadSection, ...] = ()
    summary: tuple[str, ...] = ()
    briefs: tuple[dict[str, str], ...] = ()
    glossary: tuple[dict[str, str], ...] = ()
    downloads: tuple[Download, ...] = ()
    audio: str | None = None
    transcript: str | None = None


#: Download kinds by how an output's name ends: (label, detail), in page order.
_KINDS = (
    (".mp3", "MP3", "l’article lu, avec chapitres"),
    (".m4b", "M4B", "livre audio avec chapitres"),
    (".epub", "EPUB", "livre numérique accessible, lu à voix haute"),
    (".vtt", "Transcription WebVTT", "texte minuté"),
    (".srt", "Transcription SRT", "sous-titres"),
    ("summary.md", "Résumé Markdown", "en français facile"),
    ("summary.html", "Résumé HTML", "en français facile, page web"),
    ("summary.json", "Résumé JSON", "texte et chiffres de lisibilité"),
)


def read_cues(vtt: Path) -> list[TimedText]:
    return [
        TimedText(id=cue.id, text=cue.text, start=cue.start_ms / 1000, end=cue.end_ms / 1000)
        for cue in vtt_cues(vtt)
    ]


def sections_from_cues(cues: list[TimedText]) -> tuple[TimedText | None, tuple[ReadSection, ...]]:
    """The title and the sections (headings, paragraphs of sentences) the cues spell out."""
    title = None
    order: list[str] = []
    headings: dict[str, TimedText] = {}
    paragraphs: dict[str, dict[str, list[TimedText]]] = {}
    for cue in cues:
        if cue.id == TITLE_ID:
            title = cue
        elif heading := _HEADING_ID.fullmatch(cue.id):
            section = heading["section"]
            headings[section] = cue
            if section not in paragraphs:
                order.append(section)
                paragraphs[section] = {}
        elif sentence := _SENTENCE_ID.fullmatch(cue.id):
            section = sentence["section"]
            if section not in paragraphs:
                order.append(section)
                paragraphs[section] = {}
            paragraphs[section].setdefault(sentence["paragraph"], []).append(cue)
    sections = tuple(
        ReadSection(
            id=section,
            heading=headings.get(section),
            paragraphs=tuple(tuple(items) for items in paragraphs[section].values()),
        )
        for section in order
    )
    return title, sections


def downloads(out_dir: Path, outputs: tuple[str, ...]) -> tuple[Download, ...]:
    found: list[Download] = []
    for ending, label, detail in _KINDS:
        for output in outputs:
            name = PurePosixPath(output).name
            if not name.endswith(ending) or (ending == ".mp3" and "/sections/" in output):
                continue
            if ending == ".mp3" and name == "summary.mp3":
                label_here, detail_here = "Résumé lu (MP3)", "le résumé en français facile"
            else:
                label_here, detail_here = label, detail
            try:
                size = (out_dir / output).stat().st_size
            except OSError:
                continue
            found.append(
                Download(href_path=output, label=label_here, detail=detail_here, size=size)
            )
    for output in sorted(o for o in outputs if "/sections/" in o and o.endswith(".mp3")):
        try:
            size = (out_dir / output).stat().st_size
        except OSError:
            continue
        number, _, rest = PurePosixPath(output).stem.partition("-")
        found.append(
            Download(
                href_path=output,
                label=f"Partie {int(number) if number.isdigit() else number} (MP3)",
                detail=rest.replace("-", " "),
                size=size,
            )
        )
    return tuple(found)


def main_audio(slug: str, outputs: tuple[str, ...]) -> str | None:
    return next((o for o in outputs if o == f"{slug}/{slug}.mp3"), None)


def article_view(out_dir: Path, row: ArticleRow) -> ArticleView:
    """Everything the article page shows, read from the article's files."""
    outputs = row.outputs
    vtt = next((o for o in outputs if o.endswith(".vtt")), None)
    title: TimedText | None = None
    sections: tuple[ReadSection, ...] = ()
    if vtt is not None:
        try:
            title, sections = sections_from_cues(read_cues(out_dir / vtt))
        except (OSError, ValueError) as error:
            log.warning("%s: unreadable transcript (%s)", vtt, error)
    summary_data: dict[str, Any] = {}
    summary_json = next((o for o in outputs if o.endswith("/summary.json")), None)
    if summary_json is not None:
        try:
            summary_data = json.loads((out_dir / summary_json).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            log.warning("%s: unreadable summary (%s)", summary_json, error)
    return ArticleView(
        row=row,
        title=title,
        sections=sections,
        summary=tuple(str(s) for s in summary_data.get("summary", [])),
        briefs=tuple(
            {"title": str(b.get("title", "")), "sentence": str(b.get("sentence", ""))}
            for b in summary_data.get("briefs", [])
        ),
        glossary=tuple(
            {"term": str(g.get("term", "")), "definition": str(g.get("definition", ""))}
            for g in summary_data.get("glossary", [])
        ),
        downloads=downloads(out_dir, outputs),
        audio=main_audio(row.slug, outputs),
        transcript=vtt,
    )


def chapters_json(view: ArticleView) -> dict[str, Any]:
    """Podcasting 2.0 chapters (JSON chapters 1.2.0): one per section, from its heading."""
    chapters: list[dict[str, Any]] = [
        {"startTime": round(section.heading.start, 3), "title": section.heading.text}
        for section in view.sections
        if section.heading is not None
    ]
    if view.title is not None and chapters and chapters[0]["startTime"] > 0:
        chapters.insert(0, {"startTime": 0, "title": view.title.text})
    return {"version": "1.2.0", "chapters": chapters}
